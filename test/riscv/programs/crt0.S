# Start code of the test programs, in the Airbender convention (riscv-machine.md §1.5, §1.6):
# entry at 0, sp = 0x0420_0000 (64 MiB stack above the 2 MiB ROM), then main(out); the eight
# output words go to x10..x17, x18..x25 are zeroed, and `jal x0, 0` halts the machine.
    .section .text.start
    .globl _start
_start:
    li sp, 0x04200000
    mv s0, sp
    addi sp, sp, -32
    mv a0, sp
    call main
    lw a0, 0(sp)
    lw a1, 4(sp)
    lw a2, 8(sp)
    lw a3, 12(sp)
    lw a4, 16(sp)
    lw a5, 20(sp)
    lw a6, 24(sp)
    lw a7, 28(sp)
    li s2, 0
    li s3, 0
    li s4, 0
    li s5, 0
    li s6, 0
    li s7, 0
    li s8, 0
    li s9, 0
halt:
    j halt
