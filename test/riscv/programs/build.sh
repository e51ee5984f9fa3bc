#!/bin/sh
# Rebuilds the committed test programs (test/riscv/programs/*.{elf,bin}) so CI needs no cross
# toolchain. Needs Debian's gcc-riscv64-unknown-elf (rv32im/ilp32 multilib). Run from anywhere.
set -eu
cd "$(dirname "$0")"
CC=riscv64-unknown-elf-gcc
OBJCOPY=riscv64-unknown-elf-objcopy
CFLAGS="-march=rv32im_zicsr -mabi=ilp32 -O2 -ffreestanding -fno-builtin -nostdlib -nostartfiles -fno-pic -Wall -Wextra -Wno-main"
for p in loop keccak merkle delegations oracle; do
  $CC $CFLAGS -T link.ld -o "$p.elf" crt0.S rt.c "$p.c" -lgcc
  $OBJCOPY -O binary -j .text -j .rodata "$p.elf" "$p.bin"
  riscv64-unknown-elf-strip "$p.elf"
  echo "$p: $(wc -c < "$p.bin") bytes flat, $(wc -c < "$p.elf") bytes ELF"
done
