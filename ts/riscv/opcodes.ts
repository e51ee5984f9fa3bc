/**
 * Mnemonics of the core's decoded ops, indexed like as/riscv/ops.ts, for the instruction histogram.
 * Index 0 (not yet decoded) and 1 (trap) are never counted; the core counts the slow JAL/branch
 * forms (12, 13) under their mnemonics.
 * @module
 */

export const OP_NAMES: readonly string[] = [
  "(decode)", "(trap)", "lui", "auipc", "jal", "jalr",
  "beq", "bne", "blt", "bge", "bltu", "bgeu", "(branch)", "(jal)",
  "lb", "lh", "lw", "lbu", "lhu", "sb", "sh", "sw",
  "addi", "slti", "sltiu", "xori", "ori", "andi", "slli", "srli", "srai",
  "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
  "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
  "csrrw 0x7c0", "csrrw 0x7c7", "csrrw 0x7ca", "csrrw 0x7ff",
];
