// The fast slice of the Ethereum GeneralStateTests for the default test run (issue 3): every vector
// of VMTests, every 2nd file of each other group (sorted order) except the files measured at more
// than a second each, and every vector that expects an exception (rejected before any code runs, so
// all 1166 are cheap), which must be rejected with the exception the file names. The whole suite runs
// in test/ethereum/statetest-all.slow.test.ts.
//
// This file runs on the release core (dist/zkos.wasm), as `zkos statetest` does, instead of the debug
// core of test/setup.ts: VMTests/vmPerformance/loopMul alone burns 9.2 billion gas, which takes
// ~12 s on the release core and 2-3x that with assertions on (measured on the shared 2-core machine).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { instantiateSync, setWasm } from "../../ts/wasm";
import { listStateTestFiles, loadStateTestFile, type StateTestVector } from "../../ts/ethereum/state-test";
import { runStateTestVector } from "../../ts/ethereum/run-state-test";

setWasm(instantiateSync(readFileSync(new URL("../../dist/zkos.wasm", import.meta.url))));

const ROOT = "../shared/fixtures/ethereum-tests/GeneralStateTests";
const SAMPLE_EVERY = 2;
/**
 * Files that take more than a second each on the release core (2^32 − 1 blake2f rounds, 50,000
 * precompile calls, 1024 frames of 1 MB, KZG proof batches, gas-exhaustion loops); the slow run has them.
 */
const HEAVY = /50000|1MB1024|MaxRounds|run_until_out_of_gas|point_evaluation_precompile_(calls|external_vectors)|tstoreCannotBeDosd|ecpairing_inputs/;

const groups = listStateTestFiles([ROOT]).reduce((m, f) => {
  const group = f.slice(ROOT.length + 1).split("/")[0]!;
  m.set(group, [...(m.get(group) ?? []), f]);
  return m;
}, new Map<string, string[]>());

/** The failures among `vectors`, one line each. */
function failures(vectors: StateTestVector[]): string[] {
  const out: string[] = [];
  for (const v of vectors) {
    const r = runStateTestVector(v).result;
    if (!r.pass) out.push(`${v.file.slice(ROOT.length + 1)} ${v.name} ${JSON.stringify(v.indexes)}: ${r.error}`);
  }
  return out;
}

describe("GeneralStateTests fast slice (Cancun)", () => {
  it("passes every vector of VMTests", () => {
    const vectors = groups.get("VMTests")!.flatMap((f) => loadStateTestFile(f));
    expect(vectors.length).toBe(651);
    expect(failures(vectors)).toEqual([]);
  });

  const sampled = [...groups].filter(([g]) => g !== "VMTests").map(([g, files]): [string, string[]] =>
    [g, files.filter((f, i) => i % SAMPLE_EVERY === 0 && !HEAVY.test(f))]);

  it("samples every other group", () => {
    expect(sampled.length).toBe(49);
    expect(sampled.filter(([, files]) => files.length === 0).map(([g]) => g)).toEqual([]);
  });

  it.each(sampled)("passes every vector of a sample of %s", (_group, files) => {
    expect(failures(files.flatMap((f) => loadStateTestFile(f)))).toEqual([]);
  });

  it("rejects each of the 1166 vectors that expect an exception, with one of the exceptions named", () => {
    const wrong: string[] = [];
    let n = 0;
    for (const files of groups.values()) {
      for (const f of files) {
        for (const v of loadStateTestFile(f)) {
          if (v.expectException === null) continue;
          n++;
          const { outcome } = runStateTestVector(v);
          const got = outcome?.kind === "rejected" ? `TransactionException.${outcome.exception}` : outcome?.kind ?? "crash";
          if (!v.expectException.split("|").includes(got)) wrong.push(`${v.file} ${v.name} ${v.index}: ${got}, expected ${v.expectException}`);
        }
      }
    }
    expect(n).toBe(1166);
    expect(wrong).toEqual([]);
  });
});
