// Acceptance test of the machine: the reference ZKsync OS image (zksync-os commit 0a82da0,
// zksync_os/app.bin) replaying the real one-transaction witness of
// ../shared/fixtures/zksync-os-witness must reproduce the reference run exactly (README there).
// The image is not in the repository; ZKSYNC_OS_BIN must point to it, else this is skipped.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LiveOracleSource } from "../../ts/riscv/live-oracle";
import { RiscvMachine } from "../../ts/riscv/machine";
import { WitnessSource } from "../../ts/riscv/nondeterminism";
import type { OracleQuery } from "../../ts/riscv/oracle-queries";
import { formatWitness, parseWitness } from "../../ts/oracle/witness-file";

const FIXTURE = new URL("../../../shared/fixtures/zksync-os-witness/", import.meta.url);
const image = process.env.ZKSYNC_OS_BIN;
const HOW = "set ZKSYNC_OS_BIN to zksync_os/app.bin of matter-labs/zksync-os at commit 0a82da0 "
  + "(extracted outside the checkout, e.g. `git show 0a82da0:zksync_os/app.bin > ../refbin/app.bin`) to run it";

if (!image || !existsSync(image)) console.warn(`zksync-os-image.test.ts skipped: ${HOW}`);

describe.skipIf(!image || !existsSync(image))(`reference ZKsync OS image (${image ? image : HOW})`, () => {
  it("replays the fixture witness: 840,490 cycles, 5,520 blake2s, 41,900 u256, the reference public input", () => {
    const witness = parseWitness(readFileSync(new URL("witness.hex", FIXTURE), "utf8"));
    const expected = JSON.parse(readFileSync(new URL("queries.json", FIXTURE), "utf8")) as {
      publicInputWords: number[];
      cycles: number;
      queries: { id: number; params: string[]; firstReadIndex: number }[];
    };
    const queries: OracleQuery[] = [];
    const m = new RiscvMachine({ source: new WitnessSource(witness), onQuery: (q) => queries.push(q), histogram: true });
    m.load(new Uint8Array(readFileSync(image!)), image);
    const r = m.run(1 << 26);
    expect(r.trap).toBeUndefined();
    expect(r.status).toBe("halted");
    expect(r.cycles).toBe(840_490);
    expect(r.cycles).toBe(expected.cycles);
    const regs = m.registers();
    expect(Array.from(regs.subarray(10, 18))).toEqual(expected.publicInputWords);
    expect(Array.from(regs.subarray(10, 18))).toEqual([
      3800438108, 1023887067, 3607647966, 231699874, 1144758469, 920918266, 1779583590, 1381567277,
    ]);
    expect(Array.from(regs.subarray(18, 26))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    const st = m.stats();
    expect(st.blake2sCalls).toBe(5_520);
    expect(st.u256Calls).toBe(41_900);
    expect(st.effectiveCycles).toBe(840_490 + 16 * 5_520 + 4 * 41_900);
    expect(st.witnessWordsRead).toBe(witness.length);
    expect(st.witnessWordsLeft).toBe(0);
    expect(st.readsPastEnd).toBe(0);
    expect(queries.map((q) => [q.id, q.params.length, q.firstReadIndex])).toEqual(
      expected.queries.map((q) => [q.id, q.params.length, q.firstReadIndex]),
    );
    expect(queries.map((q) => q.params.map((p) => p.toString(16).padStart(8, "0")))).toEqual(
      expected.queries.map((q) => q.params),
    );
    const hist = m.histogram();
    expect(Object.values(hist).reduce((a, b) => a + b, 0)).toBe(840_490);
    expect(hist["csrrw 0x7c7"]).toBe(5_520);
    expect(hist["csrrw 0x7ca"]).toBe(41_900);
  });

  it("answers the same queries live (responses from queries.json) and records exactly witness.hex", () => {
    const witnessText = readFileSync(new URL("witness.hex", FIXTURE), "utf8").trim();
    const expected = JSON.parse(readFileSync(new URL("queries.json", FIXTURE), "utf8")) as {
      queries: { id: number; params: string[]; response: string[] }[];
    };
    let k = 0;
    const source = new LiveOracleSource((q) => {
      const want = expected.queries[k++]!;
      expect([q.id, q.params.map((p) => p.toString(16).padStart(8, "0"))]).toEqual([want.id, want.params]);
      return Uint32Array.from(want.response.map((h) => parseInt(h, 16)));
    });
    const m = new RiscvMachine({ source, recordReads: true });
    m.load(new Uint8Array(readFileSync(image!)), image);
    const r = m.run(1 << 26);
    expect(r).toMatchObject({ status: "halted", cycles: 840_490 });
    expect(k).toBe(expected.queries.length - 1);
    expect(Array.from(m.registers().subarray(10, 18))).toEqual([
      3800438108, 1023887067, 3607647966, 231699874, 1144758469, 920918266, 1779583590, 1381567277,
    ]);
    expect(formatWitness(m.recordedWitness())).toBe(witnessText.toLowerCase());
  });
});
