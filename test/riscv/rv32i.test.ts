// Every RV32I instruction on the machine (RISC-V unprivileged spec ch. 2), table-driven with exact
// register results; sign extension of immediates and loads; x0 never written.
import { describe, expect, it } from "vitest";
import * as a from "../helpers/rv32";
import { run } from "./_run";

const H = a.halt();
const RAM = 0x0030_0000;

interface Case {
  readonly name: string;
  readonly code: (number | number[])[];
  readonly regs?: Record<number, number>;
  readonly expect: Record<number, number>;
}

const alu: Case[] = [
  { name: "lui", code: [a.lui(5, 0xfffff)], expect: { 5: 0xfffff000 } },
  { name: "auipc at 4", code: [a.addi(0, 0, 0), a.auipc(5, 0x12345)], expect: { 5: 0x12345004 } },
  { name: "addi negative imm", code: [a.addi(5, 6, -1)], regs: { 6: 10 }, expect: { 5: 9 } },
  { name: "addi wraps", code: [a.addi(5, 6, 1)], regs: { 6: 0xffffffff }, expect: { 5: 0 } },
  { name: "addi imm -2048", code: [a.addi(5, 0, -2048)], expect: { 5: 0xfffff800 } },
  { name: "slti true", code: [a.slti(5, 6, -1)], regs: { 6: 0xfffffffe }, expect: { 5: 1 } },
  { name: "slti false", code: [a.slti(5, 6, -1)], regs: { 6: 0 }, expect: { 5: 0 } },
  { name: "sltiu imm -1 is max", code: [a.sltiu(5, 6, -1)], regs: { 6: 0xfffffffe }, expect: { 5: 1 } },
  { name: "sltiu false", code: [a.sltiu(5, 6, 1)], regs: { 6: 1 }, expect: { 5: 0 } },
  { name: "xori -1 is not", code: [a.xori(5, 6, -1)], regs: { 6: 0x0f0f0f0f }, expect: { 5: 0xf0f0f0f0 } },
  { name: "ori", code: [a.ori(5, 6, 0x0f0)], regs: { 6: 0x1000000f }, expect: { 5: 0x100000ff } },
  { name: "andi sign-extended", code: [a.andi(5, 6, -16)], regs: { 6: 0x12345678 }, expect: { 5: 0x12345670 } },
  { name: "slli 31", code: [a.slli(5, 6, 31)], regs: { 6: 3 }, expect: { 5: 0x80000000 } },
  { name: "srli 4", code: [a.srli(5, 6, 4)], regs: { 6: 0x80000000 }, expect: { 5: 0x08000000 } },
  { name: "srai 4", code: [a.srai(5, 6, 4)], regs: { 6: 0x80000000 }, expect: { 5: 0xf8000000 } },
  { name: "srai 0", code: [a.srai(5, 6, 0)], regs: { 6: 0x80000001 }, expect: { 5: 0x80000001 } },
  { name: "add wraps", code: [a.add(5, 6, 7)], regs: { 6: 0xffffffff, 7: 2 }, expect: { 5: 1 } },
  { name: "sub wraps", code: [a.sub(5, 6, 7)], regs: { 6: 1, 7: 2 }, expect: { 5: 0xffffffff } },
  { name: "sll uses low 5 bits", code: [a.sll(5, 6, 7)], regs: { 6: 1, 7: 33 }, expect: { 5: 2 } },
  { name: "slt signed", code: [a.slt(5, 6, 7)], regs: { 6: 0x80000000, 7: 1 }, expect: { 5: 1 } },
  { name: "sltu unsigned", code: [a.sltu(5, 6, 7)], regs: { 6: 0x80000000, 7: 1 }, expect: { 5: 0 } },
  { name: "xor", code: [a.xor(5, 6, 7)], regs: { 6: 0xff00ff00, 7: 0x0ff00ff0 }, expect: { 5: 0xf0f0f0f0 } },
  { name: "srl uses low 5 bits", code: [a.srl(5, 6, 7)], regs: { 6: 0x80000000, 7: 63 }, expect: { 5: 1 } },
  { name: "sra", code: [a.sra(5, 6, 7)], regs: { 6: 0x80000000, 7: 31 }, expect: { 5: 0xffffffff } },
  { name: "or", code: [a.or(5, 6, 7)], regs: { 6: 0xf0, 7: 0x0f }, expect: { 5: 0xff } },
  { name: "and", code: [a.and(5, 6, 7)], regs: { 6: 0xf0f0, 7: 0xff00 }, expect: { 5: 0xf000 } },
  { name: "rd = rs1 = rs2", code: [a.add(5, 5, 5)], regs: { 5: 21 }, expect: { 5: 42 } },
];

const memory: Case[] = [
  {
    name: "sw then lw",
    code: [a.sw(7, 8, 6), a.lw(5, 8, 6)],
    regs: { 6: RAM, 7: 0xdeadbeef },
    expect: { 5: 0xdeadbeef },
  },
  {
    name: "lb sign-extends, lbu zero-extends (byte 3)",
    code: [a.sw(7, 0, 6), a.lb(5, 3, 6), a.lbu(8, 3, 6)],
    regs: { 6: RAM, 7: 0x80112233 },
    expect: { 5: 0xffffff80, 8: 0x80 },
  },
  {
    name: "lh sign-extends, lhu zero-extends (offset 2)",
    code: [a.sw(7, 0, 6), a.lh(5, 2, 6), a.lhu(8, 2, 6)],
    regs: { 6: RAM, 7: 0x8001ffff },
    expect: { 5: 0xffff8001, 8: 0x8001 },
  },
  {
    name: "sb changes only its byte",
    code: [a.sw(7, 0, 6), a.sb(9, 1, 6), a.lw(5, 0, 6)],
    regs: { 6: RAM, 7: 0x11223344, 9: 0xaabbccdd },
    expect: { 5: 0x1122dd44 },
  },
  {
    name: "sh changes only its half",
    code: [a.sw(7, 0, 6), a.sh(9, 2, 6), a.lw(5, 0, 6)],
    regs: { 6: RAM, 7: 0x11223344, 9: 0xaabbccdd },
    expect: { 5: 0xccdd3344 },
  },
  {
    name: "negative offsets",
    code: [a.sw(7, -4, 6), a.lw(5, -4, 6)],
    regs: { 6: RAM + 8, 7: 77 },
    expect: { 5: 77 },
  },
  {
    name: "unwritten RAM reads as zero (high address)",
    code: [a.lw(5, 0, 6)],
    regs: { 5: 9, 6: 0x3fff_fffc },
    expect: { 5: 0 },
  },
  {
    name: "store across a 64 KiB page boundary neighbour words",
    code: [a.sw(7, -4, 6), a.sw(8, 0, 6), a.lw(5, -4, 6), a.lw(9, 0, 6)],
    regs: { 6: 0x0031_0000, 7: 1, 8: 2 },
    expect: { 5: 1, 9: 2 },
  },
  {
    name: "ROM is readable (the program's own first word)",
    code: [a.lw(5, 0, 0)],
    expect: { 5: a.lw(5, 0, 0) },
  },
];

const control: Case[] = [
  { name: "jal links pc+4 and skips", code: [a.jal(1, 8), a.addi(5, 0, 1), a.addi(6, 0, 2)], expect: { 1: 4, 5: 0, 6: 2 } },
  {
    name: "jal backwards",
    code: [a.jal(0, 12), a.addi(5, 0, 7), a.jal(0, 8), a.jal(0, -8), H],
    expect: { 5: 7 },
  },
  {
    name: "jalr clears bit 0 and links",
    code: [a.jalr(1, 6, 1), a.addi(5, 0, 1), a.addi(7, 0, 3)],
    regs: { 6: 8 },
    expect: { 1: 4, 5: 0, 7: 3 },
  },
  { name: "jalr rd = rs1 uses the old rs1", code: [a.jalr(6, 6, 0), a.addi(5, 0, 1)], regs: { 6: 8 }, expect: { 6: 4, 5: 0 } },
];

function branch(name: string, op: (r1: number, r2: number, off: number) => number, x: number, y: number, taken: boolean): Case {
  return {
    name: `${name} ${x.toString(16)},${y.toString(16)} ${taken ? "taken" : "not taken"}`,
    code: [op(6, 7, 8), a.addi(5, 0, 1), a.addi(8, 0, 1)],
    regs: { 6: x, 7: y },
    expect: { 5: taken ? 0 : 1, 8: 1 },
  };
}
const branches: Case[] = [
  branch("beq", a.beq, 5, 5, true), branch("beq", a.beq, 5, 6, false),
  branch("bne", a.bne, 5, 6, true), branch("bne", a.bne, 5, 5, false),
  branch("blt", a.blt, 0xffffffff, 0, true), branch("blt", a.blt, 0, 0xffffffff, false),
  branch("bge", a.bge, 0, 0xffffffff, true), branch("bge", a.bge, 0xffffffff, 0, false), branch("bge", a.bge, 3, 3, true),
  branch("bltu", a.bltu, 0, 0xffffffff, true), branch("bltu", a.bltu, 0xffffffff, 0, false),
  branch("bgeu", a.bgeu, 0xffffffff, 0, true), branch("bgeu", a.bgeu, 0, 0xffffffff, false), branch("bgeu", a.bgeu, 3, 3, true),
];

describe.each([
  ["OP-IMM / OP / LUI / AUIPC", alu],
  ["loads and stores", memory],
  ["jumps", control],
  ["branches", branches],
])("RV32I %s", (_group, cases) => {
  it.each(cases)("$name", (c) => {
    const { r, x } = run([...c.code, H], c.regs);
    expect(r.status).toBe("halted");
    for (const [reg, v] of Object.entries(c.expect)) expect(x[Number(reg)], `x${reg}`).toBe(v >>> 0);
  });
});

describe("x0", () => {
  it.each([
    ["addi", a.addi(0, 0, 5)],
    ["lui", a.lui(0, 1)],
    ["auipc", a.auipc(0, 1)],
    ["add", a.add(0, 6, 6)],
    ["mul", a.mul(0, 6, 6)],
    ["lw", a.lw(0, 0, 0)],
    ["jal link", a.jal(0, 4)],
    ["csrrw 0x7c0 read", a.csrrw(0, 0x7c0, 0)],
  ])("%s into x0 leaves it zero, and x0 reads as zero", (_n, word) => {
    const { r, x } = run([word, a.add(5, 0, 0), a.addi(7, 0, 0), H], { 6: 3 });
    expect(r.status).toBe("halted");
    expect(x[0]).toBe(0);
    expect(x[5]).toBe(0);
  });
});
