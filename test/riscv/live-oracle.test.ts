// LiveOracleSource (riscv-machine.md §3.2): queries decoded from writes are answered by a
// responder, the length word comes first, a write drops an unfinished answer, reads after
// DisconnectOracle are 0, a read with nothing pending is a protocol error, and the recorded
// witness replays to the same result.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LiveOracleSource, OracleProtocolError } from "../../ts/riscv/live-oracle";
import { RiscvMachine } from "../../ts/riscv/machine";
import { WitnessSource } from "../../ts/riscv/nondeterminism";
import type { OracleQuery } from "../../ts/riscv/oracle-queries";
import * as a from "../helpers/rv32";

const READ = (rd: number) => a.csrrw(rd, 0x7c0, 0);
const WRITE = (rs1: number) => a.csrrw(0, 0x7c0, rs1);
const oracleBin = new Uint8Array(readFileSync(new URL("./programs/oracle.elf", import.meta.url)));

describe("LiveOracleSource", () => {
  it("answers the oracle program's query, records a witness that replays identically", () => {
    const asked: OracleQuery[] = [];
    const source = new LiveOracleSource((q) => {
      asked.push(q);
      return Uint32Array.of(5, 6, 7);
    });
    const m = new RiscvMachine({ source, recordReads: true });
    m.load(oracleBin);
    expect(m.run(100_000).status).toBe("halted");
    const out = Array.from(m.registers().subarray(10, 14));
    expect(out).toEqual([3, 18, 42, 5 ^ 6 ^ 7]);
    expect(asked.map((q) => [q.id, q.params])).toEqual([[0x77, [40, 2]]]);
    const witness = m.recordedWitness();
    expect(Array.from(witness)).toEqual([3, 5, 6, 7]);

    const replay = new RiscvMachine({ source: new WitnessSource(witness) });
    replay.load(oracleBin);
    expect(replay.run(100_000).status).toBe("halted");
    expect(Array.from(replay.registers().subarray(10, 14))).toEqual(out);
  });

  it("a write drops the unread rest of an answer; reads after DisconnectOracle return 0", () => {
    const code = [
      ...a.li(5, 0x77), WRITE(5), WRITE(9), // query 0x77, n = 0 (x9 = 0 but not x0)
      READ(10), READ(11), // L = 2, first word; the second is never read
      ...a.li(5, 0x78), WRITE(5), WRITE(9),
      READ(12), READ(13), // L = 1, its word
      ...a.li(5, 6), WRITE(5), WRITE(9),
      READ(14), READ(15), a.halt(),
    ];
    const source = new LiveOracleSource((q) => (q.id === 0x77 ? Uint32Array.of(10, 11) : Uint32Array.of(20)));
    const m = new RiscvMachine({ source, recordReads: true });
    m.load(a.program(...code));
    m.setRegister(14, 99);
    m.setRegister(15, 99);
    expect(m.run(1000).status).toBe("halted");
    expect(Array.from(m.registers().subarray(10, 16))).toEqual([2, 10, 1, 20, 0, 0]);
    expect(Array.from(m.recordedWitness())).toEqual([2, 10, 1, 20, 0, 0]);
    expect(m.stats().witnessWordsRead).toBe(6);
  });

  it("a read with no answer pending is a protocol error", () => {
    const m = new RiscvMachine({ source: new LiveOracleSource(() => new Uint32Array(0)) });
    m.load(a.program(READ(5), a.halt()));
    expect(() => m.run(10)).toThrow(OracleProtocolError);
  });
});
