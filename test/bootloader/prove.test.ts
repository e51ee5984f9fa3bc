// Proving mode (issue 5): every ZKsync OS fixture's forward run records a witness, and the proving run
// from that witness alone gives the same block; the reference image's witnesses (recorded from the real
// ZKsync OS) prove to the reference's public input; tampered witnesses are rejected with the reason.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBlockFixture, type BlockFixture } from "../../ts/bootloader/fixture";
import { ZKSYNC_OS_PROFILE, zkProfile } from "../../ts/bootloader/profiles";
import { proveWitness, recordFixtureWitnesses, type RecordedBlock } from "../../ts/bootloader/witness-run";
import { QueryId } from "../../ts/oracle/query-ids";
import type { RecordedQuery } from "../../ts/oracle/recording-oracle";
import { WitnessError } from "../../ts/oracle/witness-oracle";
import { readWitnessFile } from "../../ts/oracle/witness-file-io";
import { publicInputWords } from "../../ts/l1/public-input";
import { bytesToHex } from "../../ts/primitives/hex";
import { TreeProofError } from "../../ts/storage/tree-batch";
import { InternalBlockError } from "../../ts/zksync/validation-errors";

const REF = "test/fixtures/zksync/reference";
const ZK = "test/fixtures/zksync";
const REAL = "../shared/fixtures/zksync-os-witness";

function loadFixture(path: string): BlockFixture {
  return parseBlockFixture(JSON.parse(readFileSync(path, "utf8")), path);
}
const fixtureNames = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json")).map((f) => f.slice(0, -5)).sort();

/** Word offset of each query's length word in the witness. */
function answerOffsets(queries: readonly RecordedQuery[]): number[] {
  let o = 0;
  return queries.map((q) => {
    const at = o;
    o += 1 + q.response.length;
    return at;
  });
}

function tampered(b: RecordedBlock, id: number, wordInAnswer: number, which = 0): { words: Uint32Array; at: number; query: number } {
  const offsets = answerOffsets(b.queries);
  const hits = b.queries.map((q, i) => (q.id === id ? i : -1)).filter((i) => i >= 0);
  const query = hits[which]!;
  const words = b.witness.slice();
  const at = offsets[query]! + 1 + wordInAnswer;
  words[at] = (words[at]! ^ 1) >>> 0;
  return { words, at, query };
}

function expectSameBlock(proved: ReturnType<typeof proveWitness>, forward: RecordedBlock["result"]): void {
  expect(bytesToHex(proved.publicInput)).toBe(bytesToHex(forward.publicInput));
  expect(bytesToHex(proved.stateRootAfter)).toBe(bytesToHex(forward.stateRootAfter));
  expect(proved.nextFreeSlotAfter).toBe(forward.nextFreeSlotAfter);
  expect(bytesToHex(proved.pubdata)).toBe(bytesToHex(forward.pubdata));
  expect(bytesToHex(proved.hash)).toBe(bytesToHex(forward.hash));
  // The proving run has no fixture to take reported hashes from: it reports the reference hash.
  const view = (ts: typeof forward.transactions): unknown[] => ts.map((t) => [t.referenceHash && bytesToHex(t.referenceHash), t.status, t.gasUsed, t.error, t.contractAddress]);
  expect(view(proved.transactions)).toEqual(view(forward.transactions));
}

describe("reference fixtures: the recorded witness is the real image's, and proves", () => {
  for (const name of fixtureNames(REF)) {
    const expected = JSON.parse(readFileSync(`${REF}/${name}.expected.json`, "utf8")) as { publicInput: string; queries: { id: number; params: string }[] };
    const fx = loadFixture(`${REF}/${name}.json`);
    const [b] = recordFixtureWitnesses(fx);
    const ref = readWitnessFile(`${REF}/${name}.witness.hex`);

    it(`${name}: forward public input is the image's`, () => {
      expect(bytesToHex(b!.result.publicInput)).toBe(expected.publicInput);
    });

    it(`${name}: proving from the recorded witness agrees with the forward run`, () => {
      expectSameBlock(proveWitness(b!.witness, zkProfile(fx.profile)!), b!.result);
    });

    // witness-block: the image also asks for 0x8001's bytecode preimage (one PreimageContentWords
    // answer) which our bootloader never needs; every other fixture matches word for word.
    const known = name === "witness-block";
    it(`${name}: ${known ? "differs from the image's witness only by 0x8001's bytecode preimage" : "the recorded witness is the image's, word for word, query for query"}`, () => {
      const ours = b!.queries.map((q) => ({ id: q.id, params: Array.from(q.params, (w) => w.toString(16).padStart(8, "0")).join("") }));
      if (!known) {
        expect(ours).toEqual(expected.queries);
        expect(Array.from(b!.witness)).toEqual(Array.from(ref));
        expectSameBlock(proveWitness(ref, ZKSYNC_OS_PROFILE), b!.result);
        return;
      }
      const extra = expected.queries.findIndex((q, i) => q.id !== ours[i]?.id || q.params !== ours[i]?.params);
      expect(expected.queries[extra]!.id).toBe(QueryId.PreimageContentWords);
      expect([...expected.queries.slice(0, extra), ...expected.queries.slice(extra + 1)]).toEqual(ours);
    });
  }
});

describe("the real ZKsync OS witness (174-leaf state)", () => {
  // Known gap of the bootloader, pinned so that fixing it shows here: the image asks for 0x8001's
  // bytecode preimage (answer 8, 56 words) right after its account record, our bootloader asks the
  // next InitialStorageSlotData instead, so the proving run stops at that answer. Dropping that one
  // answer makes the witness ours, and it proves to the reference's x10..x17.
  const words = readWitnessFile(`${REAL}/witness.hex`);
  const doc = JSON.parse(readFileSync(`${REAL}/queries.json`, "utf8")) as { publicInputWords: number[] };

  it("stops at the 0x8001 bytecode preimage our bootloader does not ask for", () => {
    const e = (() => {
      try {
        proveWitness(words, ZKSYNC_OS_PROFILE);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(WitnessError);
    expect((e as WitnessError).message).toBe("witness: query 8 (InitialStorageSlotData, id 4) at word 2414: answer has 56 words, InitialStorageSlotData answers 10");
  });

  it("without that answer, proves to the reference's x10..x17", () => {
    const without = new Uint32Array(words.length - 57);
    without.set(words.subarray(0, 2414));
    without.set(words.subarray(2414 + 57), 2414);
    expect(words[2414]).toBe(56);
    expect(publicInputWords(proveWitness(without, ZKSYNC_OS_PROFILE).publicInput)).toEqual(doc.publicInputWords);
  });
});
