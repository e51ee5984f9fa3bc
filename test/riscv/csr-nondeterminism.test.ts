// CSR 0x7C0 (riscv-machine.md §2.1): reads pop the source in order (rd = x0 → no read), writes go
// to the host (rs1 = x0 → no write), exhaustion returns 0 and is reported, the read/write buffers
// refill and drain across many words, and the QuasiUART / oracle framings decode from the writes.
import { describe, expect, it } from "vitest";
import { RiscvMachine } from "../../ts/riscv/machine";
import { WitnessSource } from "../../ts/riscv/nondeterminism";
import type { OracleQuery } from "../../ts/riscv/oracle-queries";
import { formatWitness, parseWitness } from "../../ts/oracle/witness-file";
import * as a from "../helpers/rv32";
import { run } from "./_run";

const READ = (rd: number) => a.csrrw(rd, 0x7c0, 0);
const WRITE = (rs1: number) => a.csrrw(0, 0x7c0, rs1);
const witness = (...w: number[]) => new WitnessSource(Uint32Array.from(w));

describe("0x7C0 reads", () => {
  it("pops words in order into rd", () => {
    const { r, x, m } = run([READ(5), READ(6), READ(7), a.halt()], {}, { source: witness(11, 22, 33, 44) });
    expect(r.status).toBe("halted");
    expect([x[5], x[6], x[7]]).toEqual([11, 22, 33]);
    expect(m.stats()).toMatchObject({ witnessWordsRead: 3, witnessWordsLeft: 1, readsPastEnd: 0, writes: 0 });
  });

  it("csrrw x0, 0x7c0, x0 reads nothing and writes nothing", () => {
    const { x, m } = run([READ(0), READ(5), a.halt()], {}, { source: witness(7, 8) });
    expect(x[5]).toBe(7);
    expect(m.stats()).toMatchObject({ witnessWordsRead: 1, writes: 0 });
  });

  it("past the end, reads return 0 and are counted as exhaustion", () => {
    const { x, m, r } = run([READ(5), READ(6), READ(7), a.halt()], { 6: 9, 7: 9 }, { source: witness(5) });
    expect(r.status).toBe("halted");
    expect([x[5], x[6], x[7]]).toEqual([5, 0, 0]);
    expect(m.stats()).toMatchObject({ witnessWordsRead: 1, readsPastEnd: 2, witnessWordsLeft: 0 });
  });

  it("without a source every read is past the end", () => {
    const { x, m } = run([READ(5), a.halt()], { 5: 3 });
    expect(x[5]).toBe(0);
    expect(m.stats().readsPastEnd).toBe(1);
  });

  it("csrrw rd, 0x7c0, rs1 with rd = rs1 writes the old value and reads the new one", () => {
    const writes: OracleQuery[] = [];
    const { x, m } = run([a.csrrw(5, 0x7c0, 5), a.halt()], { 5: 0x1234 }, { source: witness(99), onQuery: (q) => writes.push(q) });
    expect(x[5]).toBe(99);
    expect(m.stats()).toMatchObject({ witnessWordsRead: 1, writes: 1 });
  });

  it("streams a witness far larger than the core's read buffer (40,000 words, summed by the guest)", () => {
    const n = 40_000;
    const words = Uint32Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 0);
    // x6 = count, x7 = sum; loop: read x5; add; count--; bnez
    const code = [...a.li(6, n), READ(5), a.add(7, 7, 5), a.addi(6, 6, -1), a.bne(6, 0, -12), a.halt()];
    const m = new RiscvMachine({ source: new WitnessSource(words), recordReads: true });
    m.load(a.program(...code));
    const r = m.run(1_000_000);
    expect(r.status).toBe("halted");
    expect(r.cycles).toBe(2 + 4 * n + 1);
    expect(m.registers()[7]).toBe(words.reduce((s, w) => (s + w) >>> 0, 0));
    expect(m.stats()).toMatchObject({ witnessWordsRead: n, witnessWordsLeft: 0 });
    expect(m.recordedWitness()).toEqual(words);
  });
});

describe("0x7C0 writes", () => {
  it("deliver many writes in order across the write buffer (10,000 writes) with read positions", () => {
    const n = 10_000;
    const seen: number[] = [];
    // ZKsync framing with n = 1 parameter per query: W(id = i), W(1), W(i * 3), ids from 7 (after 6 = Disconnect nothing counts)
    const code = [...a.li(6, 7), ...a.li(8, 1), ...a.li(9, n + 7),
      WRITE(6), WRITE(8), a.add(7, 6, 6), a.add(7, 7, 6), WRITE(7), a.addi(6, 6, 1), a.bne(6, 9, -24), a.halt()];
    const queries: OracleQuery[] = [];
    const m = new RiscvMachine({ onQuery: (q) => queries.push(q) });
    m.load(a.program(...code));
    const r = m.run(1_000_000);
    expect(r.status).toBe("halted");
    expect(m.stats().writes).toBe(3 * n);
    for (const q of queries) seen.push(q.params[0]! - 3 * q.id);
    expect(queries.length).toBe(n);
    expect(queries[123]).toMatchObject({ id: 130, params: [390], firstReadIndex: 0 });
    expect(seen.every((d) => d === 0)).toBe(true);
  });

  it("decode QuasiUART debug text to the callback and skip it as a query", () => {
    const text = "hello, zkos!";
    const bytes = new TextEncoder().encode(text);
    const data: number[] = [];
    for (let i = 0; i < bytes.length; i += 4) data.push(bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | ((bytes[i + 3] ?? 0) << 24));
    const frame = [0xffffffff, data.length + 1, bytes.length, ...data];
    const code: number[] = [];
    for (const w of frame) code.push(...a.li(5, w), WRITE(5));
    code.push(...a.li(5, 6), WRITE(5), WRITE(8), READ(7), a.halt());
    const lines: string[] = [];
    const queries: OracleQuery[] = [];
    const m = new RiscvMachine({ onDebugText: (t) => lines.push(t), onQuery: (q) => queries.push(q), source: witness(0) });
    m.load(a.program(...code));
    expect(m.run(1000).status).toBe("halted");
    expect(lines).toEqual([text]);
    expect(queries.map((q) => q.id)).toEqual([6]);
  });

  it("decode an oracle query with its response position (id, n, params, then reads)", () => {
    const code = [...a.li(5, 4), WRITE(5), ...a.li(5, 2), WRITE(5), ...a.li(5, 0xabc), WRITE(5), ...a.li(5, 0xdef), WRITE(5),
      READ(6), READ(7), READ(7), ...a.li(5, 6), WRITE(5), WRITE(8), a.halt()];
    const queries: OracleQuery[] = [];
    const { r } = run(code, {}, { source: witness(2, 10, 20), onQuery: (q) => queries.push(q) });
    expect(r.status).toBe("halted");
    expect(queries).toEqual([
      { id: 4, name: "InitialStorageSlotData", params: [0xabc, 0xdef], firstReadIndex: 0 },
      { id: 6, name: "DisconnectOracle", params: [], firstReadIndex: 3 },
    ]);
  });
});

describe("witness file", () => {
  it("parses 8-digit words (either case, surrounding whitespace) and formats lower case", () => {
    const w = parseWitness("  0000082eDEADbeef\n");
    expect(Array.from(w)).toEqual([0x82e, 0xdeadbeef]);
    expect(formatWitness(w)).toBe("0000082edeadbeef");
  });
  it.each([["0000082", "not a multiple of 8"], ["0000082g", "not a hex digit"], ["0x000001", "not a hex digit"]])(
    "rejects %j",
    (text, msg) => expect(() => parseWitness(text, "w.hex")).toThrow(msg),
  );
});
