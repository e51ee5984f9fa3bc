// Fatal traps (riscv-machine.md §1.2–§1.4, §2): each reports its cause, the pc and the instruction
// word, and the run stops before the instruction takes effect (it is not counted as a cycle).
import { describe, expect, it } from "vitest";
import * as a from "../helpers/rv32";
import { run } from "./_run";

const RAM = 0x0030_0000;

interface TrapCase {
  readonly name: string;
  /** Instructions before the trapping one (which is at pc = 4·prefix.length). */
  readonly prefix?: number[];
  readonly word: number;
  readonly regs?: Record<number, number>;
  readonly cause: string;
  readonly address?: number;
}

const cases: TrapCase[] = [
  { name: "lw misaligned", word: a.lw(5, 2, 6), regs: { 6: RAM }, cause: "misaligned load", address: RAM + 2 },
  { name: "lh at offset 1", word: a.lh(5, 1, 6), regs: { 6: RAM }, cause: "misaligned load", address: RAM + 1 },
  { name: "lhu at offset 3", word: a.lhu(5, 3, 6), regs: { 6: RAM }, cause: "misaligned load", address: RAM + 3 },
  { name: "lw at 1 GiB", word: a.lw(5, 0, 6), regs: { 6: 0x4000_0000 }, cause: "load outside memory", address: 0x4000_0000 },
  { name: "lb at 0xffffffff", word: a.lb(5, -1, 0), cause: "load outside memory", address: 0xffffffff },
  { name: "sw misaligned", word: a.sw(7, 1, 6), regs: { 6: RAM }, cause: "misaligned store", address: RAM + 1 },
  { name: "sh at offset 3", word: a.sh(7, 3, 6), regs: { 6: RAM }, cause: "misaligned store", address: RAM + 3 },
  { name: "sw into ROM", word: a.sw(7, 0, 6), regs: { 6: 0x1ffffc }, cause: "store into ROM", address: 0x1ffffc },
  { name: "sb into ROM at 0", word: a.sb(7, 0, 0), cause: "store into ROM", address: 0 },
  { name: "sw at 1 GiB", word: a.sw(7, 0, 6), regs: { 6: 0x4000_0000 }, cause: "store outside memory", address: 0x4000_0000 },
  { name: "jal misaligned", word: a.jal(1, 6), cause: "misaligned jump target", address: 10 },
  { name: "jalr misaligned", word: a.jalr(1, 6, 0), regs: { 6: 0x102 }, cause: "misaligned jump target", address: 0x102 },
  { name: "taken branch misaligned", word: a.beq(0, 0, 6), cause: "misaligned jump target", address: 10 },
  { name: "jalr beyond 1 GiB, then fetch", word: a.jalr(0, 6, 0), regs: { 6: 0x4000_0000 }, cause: "instruction fetch outside memory" },
  { name: "FENCE", word: a.fence(), cause: "illegal instruction" },
  { name: "ECALL", word: a.ecall(), cause: "illegal instruction" },
  { name: "EBREAK", word: a.ebreak(), cause: "illegal instruction" },
  { name: "compressed c.addi (low bits ≠ 11)", word: 0x00010505, cause: "illegal instruction" },
  { name: "all-zero word", word: 0, cause: "illegal instruction" },
  { name: "AMO (lr.w)", word: 0x1005272f, cause: "illegal instruction" },
  { name: "CSRRS on 0x7c0", word: a.csrrs(5, 0x7c0, 0), cause: "illegal instruction" },
  { name: "CSRRS on cycle (rdcycle)", word: a.csrrs(5, 0xc00, 0), cause: "illegal instruction" },
  { name: "CSRRW on mstatus", word: a.csrrw(0, 0x300, 0), cause: "unsupported CSR" },
  { name: "CSRRW on 0x7c1", word: a.csrrw(5, 0x7c1, 0), cause: "unsupported CSR" },
  { name: "guest abort 0xC0001073", word: 0xc0001073, cause: "guest abort" },
  { name: "branch funct3 2", word: a.beq(0, 0, 8) | (2 << 12), cause: "illegal instruction" },
  { name: "load funct3 3 (ld)", word: a.lw(5, 0, 0) | (1 << 12), cause: "illegal instruction" },
  { name: "store funct3 3 (sd)", word: (a.sw(5, 0, 6) & ~(7 << 12)) | (3 << 12), cause: "illegal instruction" },
  { name: "slli with funct7 0x30 (rori space)", word: a.slli(5, 6, 1) | (0x30 << 25), cause: "illegal instruction" },
  { name: "srli with funct7 0x30 (rori)", word: a.srli(5, 6, 1) | (0x30 << 25), cause: "illegal instruction" },
  { name: "slli with shamt bit 5", word: a.slli(5, 6, 1) | (1 << 25), cause: "illegal instruction" },
  { name: "add with funct7 0x02", word: a.rtype(2, 7, 6, 0, 5, 0x33), cause: "illegal instruction" },
  { name: "xor with funct7 0x20", word: a.rtype(0x20, 7, 6, 4, 5, 0x33), cause: "illegal instruction" },
];

describe("traps", () => {
  it.each(cases)("$name → $cause", (c) => {
    const prefix = c.prefix ?? [a.addi(9, 0, 1)];
    const { r, x } = run([...prefix, c.word, a.addi(9, 0, 2), a.halt()], c.regs);
    expect(r.status).toBe("trapped");
    const pc = c.name.includes("then fetch") ? 0x4000_0000 : 4 * prefix.length;
    expect(r.trap?.cause).toBe(c.cause);
    expect(r.trap?.pc).toBe(pc);
    expect(r.trap?.instruction).toBe(c.name.includes("then fetch") ? 0 : c.word >>> 0);
    if (c.address !== undefined) expect(r.trap?.address).toBe(c.address >>> 0);
    expect(r.cycles).toBe(c.name.includes("then fetch") ? prefix.length + 1 : prefix.length);
    expect(x[9]).toBe(1);
  });

  it("a trapping load leaves its destination register untouched", () => {
    const { r, x } = run([a.lw(5, 1, 6), a.halt()], { 5: 0x55, 6: RAM });
    expect(r.status).toBe("trapped");
    expect(x[5]).toBe(0x55);
  });

  it("a trapped machine stays trapped", () => {
    const { m } = run([a.fence(), a.halt()]);
    const again = m.run(10);
    expect(again.status).toBe("trapped");
    expect(again.cycles).toBe(0);
  });

  it("a not-taken branch with a misaligned target does not trap", () => {
    const { r } = run([a.bne(0, 0, 6), a.halt()]);
    expect(r.status).toBe("halted");
    expect(r.cycles).toBe(2);
  });
});
