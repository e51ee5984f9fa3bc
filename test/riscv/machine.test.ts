// The machine as a library: the halting and cycle conventions (interfaces.md §2: cycles include the
// final self-jump), resuming across budgets, code outside ROM, the marker CSR, the histogram, the
// binary trace, ELF32 loading and the one-machine-at-a-time rule.
import { describe, expect, it } from "vitest";
import { RiscvMachine } from "../../ts/riscv/machine";
import { decodeTrace, TRACE_NO_ADDRESS, traceHeader } from "../../ts/riscv/trace-format";
import * as a from "../helpers/rv32";
import { run } from "./_run";

describe("halting and cycles", () => {
  it.each([
    ["jal x0, 0 alone", [a.halt()], 1, 0],
    ["three addi then jal x0, 0", [a.addi(5, 0, 1), a.addi(5, 5, 1), a.addi(5, 5, 1), a.halt()], 4, 12],
    ["beq x0, x0, 0", [a.addi(5, 0, 1), a.beq(0, 0, 0)], 2, 4],
    ["jalr to itself", [...a.li(6, 8), a.jalr(1, 6, 0)], 3, 8],
  ] as const)("%s: cycles %i, halted at pc %i", (_n, code, cycles, pc) => {
    const { r, m } = run([...code]);
    expect(r).toMatchObject({ status: "halted", cycles, pc });
    expect(m.finished).toBe(true);
  });

  it("jal x1, 0 halts after linking", () => {
    const { r, x } = run([a.addi(0, 0, 0), a.jal(1, 0)]);
    expect(r.status).toBe("halted");
    expect(x[1]).toBe(8);
  });

  it("a loop resumes exactly across small budgets", () => {
    const code = [...a.li(6, 1000), a.addi(5, 5, 3), a.addi(6, 6, -1), a.bne(6, 0, -8), a.halt()];
    const whole = run(code);
    expect(whole.r.cycles).toBe(2 + 3000 + 1);
    const m = new RiscvMachine();
    m.load(a.program(...code));
    let r = m.run(7);
    expect(r).toMatchObject({ status: "budget", cycles: 7 });
    while (r.status === "budget") r = m.run(333);
    expect(r.cycles).toBe(whole.r.cycles);
    expect(m.registers()).toEqual(whole.x);
    expect(m.run(5)).toMatchObject({ status: "halted", cycles: whole.r.cycles });
  });

  it("runs code placed in RAM (decoded at every fetch) and returns to ROM", () => {
    const RAMCODE = 0x0080_0000;
    const m = new RiscvMachine({ histogram: true });
    m.load(a.program(...a.li(6, RAMCODE), a.jalr(1, 6, 0), a.addi(7, 5, 1), a.halt()));
    m.writeMemory(RAMCODE, a.program(a.addi(5, 0, 41), a.jalr(0, 1, 0)));
    const r = m.run(100);
    expect(r).toMatchObject({ status: "halted", cycles: 7 });
    expect(m.registers()[7]).toBe(42);
    expect(m.histogram()).toEqual({ addi: 3, jalr: 2, lui: 1, jal: 1 });
  });

  it("the marker CSR 0x7FF writes 0 to rd and is counted", () => {
    const { r, x, m } = run([a.csrrw(5, 0x7ff, 6), a.halt()], { 5: 9, 6: 3 });
    expect(r.status).toBe("halted");
    expect(x[5]).toBe(0);
    expect(m.stats().markerCalls).toBe(1);
  });

  it("the budget of zero cycles runs nothing", () => {
    const m = new RiscvMachine();
    m.load(a.program(a.halt()));
    expect(m.run(0)).toMatchObject({ status: "budget", cycles: 0, pc: 0 });
  });
});

describe("histogram and trace", () => {
  const RAM = 0x0030_0000;
  const code = [...a.li(6, RAM), a.addi(7, 0, -5), a.sw(7, 4, 6), a.lw(8, 4, 6), a.beq(8, 7, 8), a.addi(9, 0, 1), a.add(0, 7, 7), a.halt()];

  it("counts executed instructions per mnemonic (branches under their name, the halt as jal)", () => {
    const { m, r } = run(code, {}, { histogram: true });
    expect(r.cycles).toBe(8);
    expect(m.histogram()).toEqual({ addi: 2, lui: 1, sw: 1, lw: 1, beq: 1, add: 1, jal: 1 });
  });

  it("records pc, instruction, rd value and load/store address per cycle", () => {
    const chunks: Uint8Array[] = [traceHeader()];
    const { r } = run(code, {}, { onTrace: (c) => chunks.push(c.slice()) });
    expect(r.status).toBe("halted");
    const file = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) { file.set(c, at); at += c.length; }
    const words = a.program(...code);
    const word = (pc: number) => new DataView(words.buffer).getUint32(pc, true);
    const t = decodeTrace(file);
    expect(t.map((x) => x.pc)).toEqual([0, 4, 8, 12, 16, 20, 28, 32]);
    expect(t.map((x) => x.instruction)).toEqual(t.map((x) => word(x.pc)));
    expect(t.map((x) => x.rdValue)).toEqual([RAM, RAM, 0xfffffffb, 0, 0xfffffffb, 0, 0, 0]);
    expect(t.map((x) => x.address)).toEqual([
      TRACE_NO_ADDRESS, TRACE_NO_ADDRESS, TRACE_NO_ADDRESS, RAM + 4, RAM + 4, TRACE_NO_ADDRESS, TRACE_NO_ADDRESS, TRACE_NO_ADDRESS,
    ]);
  });

  it("streams traces longer than the core's trace buffer (200,000 cycles)", () => {
    let records = 0;
    let lastPc = -1;
    const loop = [...a.li(6, 66_666), a.addi(6, 6, -1), a.addi(5, 5, 1), a.bne(6, 0, -8), a.halt()];
    const { r } = run(loop, {}, {
      onTrace: (c) => {
        records += c.length / 16;
        lastPc = new DataView(c.buffer, c.byteOffset).getUint32(c.length - 16, true);
      },
    }, 1_000_000);
    expect(r.cycles).toBe(2 + 3 * 66_666 + 1);
    expect(records).toBe(r.cycles);
    expect(lastPc).toBe(20);
  });
});

/** A minimal ELF32 RISC-V executable with the given PT_LOAD segments. */
function elf(entry: number, segs: { vaddr: number; data: Uint8Array; memSize?: number }[]): Uint8Array {
  const phoff = 52;
  let off = phoff + 32 * segs.length;
  const total = off + segs.reduce((n, s) => n + s.data.length, 0);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  dv.setUint16(16, 2, true);
  dv.setUint16(18, 243, true);
  dv.setUint32(20, 1, true);
  dv.setUint32(24, entry, true);
  dv.setUint32(28, phoff, true);
  dv.setUint16(40, 52, true);
  dv.setUint16(42, 32, true);
  dv.setUint16(44, segs.length, true);
  segs.forEach((s, i) => {
    const p = phoff + 32 * i;
    dv.setUint32(p, 1, true);
    dv.setUint32(p + 4, off, true);
    dv.setUint32(p + 8, s.vaddr, true);
    dv.setUint32(p + 12, s.vaddr, true);
    dv.setUint32(p + 16, s.data.length, true);
    dv.setUint32(p + 20, s.memSize ?? s.data.length, true);
    out.set(s.data, off);
    off += s.data.length;
  });
  return out;
}

describe("loading", () => {
  it("loads ELF32 PT_LOAD segments and starts at the entry point", () => {
    const text = a.program(...a.li(6, 0x0030_0000), a.lw(5, 0, 6), a.lw(7, 8, 6), a.halt());
    const data = a.program(0xcafef00d, 0x11111111);
    const m = new RiscvMachine();
    const info = m.load(elf(0x1000, [{ vaddr: 0x1000, data: text }, { vaddr: 0x0030_0000, data, memSize: 16 }]));
    expect(info).toEqual({ format: "elf", entry: 0x1000 });
    expect(m.pc).toBe(0x1000);
    const r = m.run(100);
    expect(r).toMatchObject({ status: "halted", cycles: 5, pc: 0x1010 });
    expect(m.registers()[5]).toBe(0xcafef00d);
    expect(m.registers()[7]).toBe(0);
  });

  it.each([
    ["a 64-bit ELF", (() => { const e = elf(0, []); e[4] = 2; return e; })(), "not ELF32"],
    ["a non-RISC-V ELF", (() => { const e = elf(0, []); e[18] = 62; return e; })(), "not RISC-V"],
    ["a misaligned entry", elf(2, []), "misaligned"],
    ["a flat binary of 6 bytes", new Uint8Array(6), "not a multiple of 4"],
  ])("rejects %s", (_n, bytes, msg) => {
    expect(() => new RiscvMachine().load(bytes, "p")).toThrow(msg);
  });

  it("a replaced machine refuses to be used", () => {
    const old = new RiscvMachine();
    new RiscvMachine();
    expect(() => old.run(1)).toThrow("replaced");
  });
});
