// Decoded-op numbers of the RISC-V core: decode.ts turns each 32-bit instruction into one of these,
// cpu.ts dispatches on them (dense, so the switch becomes a br_table). The histogram is indexed by
// them too; ts/riscv/opcodes.ts holds the names in the same order.

/** Not decoded yet: decode in place, then dispatch again (costs no cycle). */
export const OP_DECODE: u32 = 0;
/** Fatal at execution: imm holds the trap cause (illegal encoding, unsupported CSR, guest abort). */
export const OP_TRAP: u32 = 1;
export const OP_LUI: u32 = 2;
/** imm = pc + (U-immediate), folded at decode time. */
export const OP_AUIPC: u32 = 3;
/** imm = absolute target (aligned, ≠ pc). */
export const OP_JAL: u32 = 4;
export const OP_JALR: u32 = 5;
/** Branches: imm = absolute target (aligned, ≠ pc). */
export const OP_BEQ: u32 = 6;
export const OP_BNE: u32 = 7;
export const OP_BLT: u32 = 8;
export const OP_BGE: u32 = 9;
export const OP_BLTU: u32 = 10;
export const OP_BGEU: u32 = 11;
/** A branch whose offset is 0 (halts when taken) or misaligned (traps when taken): funct3 in the rd byte, imm = offset. */
export const OP_BRANCH_SLOW: u32 = 12;
/** JAL with offset 0 (the halting self-jump) or a misaligned offset: imm = offset. */
export const OP_JAL_SLOW: u32 = 13;
export const OP_LB: u32 = 14;
export const OP_LH: u32 = 15;
export const OP_LW: u32 = 16;
export const OP_LBU: u32 = 17;
export const OP_LHU: u32 = 18;
export const OP_SB: u32 = 19;
export const OP_SH: u32 = 20;
export const OP_SW: u32 = 21;
export const OP_ADDI: u32 = 22;
export const OP_SLTI: u32 = 23;
export const OP_SLTIU: u32 = 24;
export const OP_XORI: u32 = 25;
export const OP_ORI: u32 = 26;
export const OP_ANDI: u32 = 27;
export const OP_SLLI: u32 = 28;
export const OP_SRLI: u32 = 29;
export const OP_SRAI: u32 = 30;
export const OP_ADD: u32 = 31;
export const OP_SUB: u32 = 32;
export const OP_SLL: u32 = 33;
export const OP_SLT: u32 = 34;
export const OP_SLTU: u32 = 35;
export const OP_XOR: u32 = 36;
export const OP_SRL: u32 = 37;
export const OP_SRA: u32 = 38;
export const OP_OR: u32 = 39;
export const OP_AND: u32 = 40;
export const OP_MUL: u32 = 41;
export const OP_MULH: u32 = 42;
export const OP_MULHSU: u32 = 43;
export const OP_MULHU: u32 = 44;
export const OP_DIV: u32 = 45;
export const OP_DIVU: u32 = 46;
export const OP_REM: u32 = 47;
export const OP_REMU: u32 = 48;
/** csrrw on 0x7C0: imm bit0 = read (rd ≠ x0), bit1 = write (rs1 index ≠ 0). */
export const OP_CSR_NONDET: u32 = 49;
/** csrrw on 0x7C7: the Blake2s round delegation. */
export const OP_CSR_BLAKE: u32 = 50;
/** csrrw on 0x7CA: the u256 ops delegation. */
export const OP_CSR_U256: u32 = 51;
/** csrrw on 0x7FF: the cycle marker (rd ← 0, nothing else). */
export const OP_CSR_MARKER: u32 = 52;
export const OP_COUNT: u32 = 53;
