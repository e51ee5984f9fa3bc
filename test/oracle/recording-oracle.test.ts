// RecordingOracle: the witness it records is the length-framed concatenation of exactly the words the
// live RISC-V oracle (oracleResponder) serves for the same questions, and the answers it returns are
// those words decoded.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBlockFixture } from "../../ts/bootloader/fixture";
import { recordFixtureWitnesses } from "../../ts/bootloader/witness-run";
import { QueryId, queryName } from "../../ts/oracle/query-ids";
import { matchWitness, witnessFromQueries } from "../../ts/oracle/query-framing";
import { RecordingOracle } from "../../ts/oracle/recording-oracle";
import { fixtureOracle, oracleResponder } from "../../ts/riscv/fixture-oracle";
import { bytesToHex } from "../../ts/primitives/hex";

const REF = "test/fixtures/zksync/reference";
const fixture = (name: string) => parseBlockFixture(JSON.parse(readFileSync(`${REF}/${name}.json`, "utf8")), name);

describe("RecordingOracle over the forward oracle", () => {
  for (const name of ["empty-block", "eth-transfer", "contract-storage", "several-txs"]) {
    const fx = fixture(name);
    const [b] = recordFixtureWitnesses(fx);

    it(`${name}: the witness is the framed answers, ending with DisconnectOracle's single 0`, () => {
      expect(Array.from(b!.witness)).toEqual(Array.from(witnessFromQueries(b!.queries)));
      expect(matchWitness(b!.witness, b!.queries.map((q) => q.id)).length).toBe(b!.queries.length);
      expect(b!.queries[b!.queries.length - 1]!.id).toBe(QueryId.DisconnectOracle);
      expect(b!.witness[b!.witness.length - 1]).toBe(0);
    });

    it(`${name}: every answer is what the live oracle serves the image for the same query`, () => {
      // A fresh oracle on the same pre-state, asked the recorded questions in order: tree queries are
      // answered from the pre-block tree, as during the recording (verify-and-apply runs before apply).
      const respond = oracleResponder(fixtureOracle(fx).oracle);
      let read = 0;
      for (const q of b!.queries) {
        const words = respond({ id: q.id, name: queryName(q.id), params: Array.from(q.params), firstReadIndex: read });
        expect(Array.from(words)).toEqual(Array.from(q.response));
        read += 1 + words.length;
      }
    });
  }

  it("returns the decoded words: a preimage comes padded to whole u64s (the caller truncates)", () => {
    const fx = fixture("contract-storage");
    const inner = fixtureOracle(fx).oracle;
    const rec = new RecordingOracle(fixtureOracle(fx).oracle);
    const [b] = recordFixtureWitnesses(fx);
    const hashes = b!.queries.filter((q) => q.id === QueryId.PreimageContentWords).map((q) => q.params);
    expect(hashes.length).toBe(3);
    for (const params of hashes) {
      const hash = new Uint8Array(new Uint32Array(params).buffer);
      const exact = inner.preimageContent(hash);
      const got = rec.preimageContent(hash);
      expect(got.length).toBe(8 * Math.ceil(exact.length / 8));
      expect(bytesToHex(got.subarray(0, exact.length))).toBe(bytesToHex(exact));
      expect(got.subarray(exact.length).every((x) => x === 0)).toBe(true);
    }
    expect(rec.queries.map((q) => q.id)).toEqual([5, 5, 5]);
  });
});
