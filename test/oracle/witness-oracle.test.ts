// WitnessOracle: answers decoded from witness words in order, with every failure a WitnessError that
// names the query index, id and word offset; preimages re-hashed; proofs folded to the committed root.
import { describe, expect, it } from "vitest";
import { blake2s256 } from "../../ts/crypto/blake2s";
import { bytesToHex } from "../../ts/primitives/hex";
import { encodeResponseReads } from "../../ts/oracle/query-framing";
import { QueryId } from "../../ts/oracle/query-ids";
import { encodeIOImplementerInit, encodePreimage, encodeTxContent, encodeTxSize } from "../../ts/oracle/query-payloads";
import { WitnessError, WitnessOracle, verifiedPreimage } from "../../ts/oracle/witness-oracle";
import { StateTree } from "../../ts/storage/tree";
import { encodeLeafProofWords, indexWords } from "../../ts/storage/tree-words";

const witness = (...answers: ArrayLike<number>[]): Uint32Array => {
  const parts = answers.map((a) => encodeResponseReads(a));
  const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};
const bytes = (n: number, seed: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff || 1);
const caught = (f: () => unknown): WitnessError => {
  try {
    f();
  } catch (e) {
    if (e instanceof WitnessError) return e;
    throw e;
  }
  throw new Error("no error");
};
const init = (root: Uint8Array, nextFreeSlot: bigint) => encodeIOImplementerInit({
  stateRoot: root, nextFreeSlot, pubdataDiffsLogHash: new Uint8Array(32), numPubdataDiffsLogs: 0, blockFunctionalityIsCompleted: false,
});

describe("verifiedPreimage", () => {
  for (const len of [0, 1, 5, 8, 31, 124, 125, 300]) {
    it(`finds the ${len}-byte preimage in its ${Math.ceil(len / 8) * 2}-word answer`, () => {
      const p = bytes(len, len);
      const words = encodePreimage(p);
      expect(words.length).toBe(2 * Math.ceil(len / 8));
      expect(bytesToHex(verifiedPreimage(words, blake2s256(p))!)).toBe(bytesToHex(p));
    });
  }

  it("rejects a changed byte, a non-zero padding byte and the wrong hash", () => {
    const p = bytes(124, 3);
    const h = blake2s256(p);
    const flipped = encodePreimage(p);
    flipped[5] ^= 0x100;
    expect(verifiedPreimage(flipped, h)).toBe(null);
    const padded = encodePreimage(p);
    padded[31] = 1;
    expect(verifiedPreimage(padded, h)).toBe(null);
    expect(verifiedPreimage(encodePreimage(p), blake2s256(bytes(124, 4)))).toBe(null);
  });
});

describe("WitnessOracle", () => {
  // ABI bodies are multiples of 32 bytes; the guest takes ceil(len/4) words (query-payloads.ts).
  const body = bytes(32, 1);

  it("answers in order and ends at DisconnectOracle", () => {
    const o = new WitnessOracle(witness(encodeTxSize(32), encodeTxContent(body), encodeTxSize(0), []));
    expect(o.nextTxSize()).toBe(32);
    expect(bytesToHex(o.newTxContent())).toBe(bytesToHex(body));
    expect(o.nextTxSize()).toBe(0);
    o.disconnect();
    o.assertConsumed();
    expect([o.queriesRead, o.wordsRead]).toEqual([4, 3 + 9 + 3 + 1]);
  });

  const failures: { name: string; words: Uint32Array; run: (o: WitnessOracle) => unknown; at: [number, number, number]; message: string }[] = [
    {
      name: "exhaustion", words: witness(encodeTxSize(0)), run: (o) => { o.nextTxSize(); o.disconnect(); }, at: [1, QueryId.DisconnectOracle, 3],
      message: "witness: query 1 (DisconnectOracle, id 6) at word 3: witness exhausted (3 words, all read)",
    },
    {
      name: "leftovers", words: new Uint32Array([0, 7]), run: (o) => o.disconnect(), at: [1, QueryId.DisconnectOracle, 1],
      message: "witness: query 1 (DisconnectOracle, id 6) at word 1: 1 words left over after DisconnectOracle",
    },
    {
      name: "a fixed-size answer of the wrong size", words: witness([5]), run: (o) => o.nextTxSize(), at: [0, QueryId.NextTxSize, 0],
      message: "witness: query 0 (NextTxSize, id 0) at word 0: answer has 1 words, NextTxSize answers 2",
    },
    {
      name: "a length past the end", words: new Uint32Array([2, 10]), run: (o) => o.nextTxSize(), at: [0, QueryId.NextTxSize, 0],
      message: "witness: query 0 (NextTxSize, id 0) at word 0: answer length 2 runs past the end of the witness (1 words left)",
    },
    {
      name: "a transaction body of the wrong size", words: witness(encodeTxSize(10), [1, 2]), run: (o) => { o.nextTxSize(); o.newTxContent(); },
      at: [1, QueryId.NewTxContent, 3], message: "witness: query 1 (NewTxContent, id 1) at word 3: ",
    },
    {
      name: "a question after DisconnectOracle", words: witness([]), run: (o) => { o.disconnect(); o.nextTxSize(); },
      at: [1, QueryId.NextTxSize, 1], message: "witness: query 1 (NextTxSize, id 0) at word 1: asked after DisconnectOracle",
    },
    {
      name: "a preimage that is not the hash's", words: witness(encodePreimage(bytes(20, 1))), run: (o) => o.preimageContent(blake2s256(bytes(20, 2))),
      at: [0, QueryId.PreimageContentWords, 0], message: `witness: query 0 (PreimageContentWords, id 5) at word 0: preimage (6 words) does not hash to ${bytesToHex(blake2s256(bytes(20, 2)))} with Blake2s`,
    },
    {
      name: "a proof before the committed root", words: witness(encodeLeafProofWords(StateTree.genesis().proofForIndex(0))), run: (o) => o.proofForIndex(0),
      at: [0, QueryId.ProofForIndex, 0], message: "witness: query 0 (ProofForIndex, id 7) at word 0: a tree proof before InitializeIOImplementer gave the committed root",
    },
  ];
  for (const f of failures) {
    it(`rejects ${f.name}`, () => {
      const e = caught(() => f.run(new WitnessOracle(f.words)));
      expect(e.message.startsWith(f.message)).toBe(true);
      expect([e.queryIndex, e.queryId, e.wordOffset]).toEqual(f.at);
    });
  }

  it("rejects a run that never disconnects", () => {
    const o = new WitnessOracle(witness(encodeTxSize(0)));
    o.nextTxSize();
    expect(caught(() => o.assertConsumed()).message).toBe("witness: query 1 (DisconnectOracle, id 6) at word 3: the run ended without DisconnectOracle");
  });

  describe("tree proofs against the committed root", () => {
    const tree = StateTree.genesis();
    const { root, nextFreeSlot } = tree.commitment;
    const proof = tree.proofForIndex(1);
    const good = encodeLeafProofWords(proof);

    it("accepts the committed tree's path and returns the proof", () => {
      const o = new WitnessOracle(witness(init(root, BigInt(nextFreeSlot)), good, indexWords(1)));
      o.initializeIOImplementer();
      expect(bytesToHex(o.proofForIndex(1).leaf.key)).toBe(bytesToHex(proof.leaf.key));
      expect(o.prevIndex(new Uint8Array(32))).toBe(1);
    });

    for (const [what, word] of [["the leaf's value", 10], ["the leaf's next", 18], ["sibling 0", 20], ["sibling 63", 20 + 8 * 63]] as const) {
      it(`rejects a changed ${what}`, () => {
        const bad = good.slice();
        bad[word] ^= 1;
        const o = new WitnessOracle(witness(init(root, BigInt(nextFreeSlot)), bad));
        o.initializeIOImplementer();
        const e = caught(() => o.proofForIndex(1));
        expect(e.message.startsWith(`witness: query 1 (ProofForIndex, id 7) at word 23: the path of leaf 1 leads to root 0x`)).toBe(true);
        expect(e.message.endsWith(`, the committed root is ${bytesToHex(root)}`)).toBe(true);
      });
    }

    it("rejects a proof for another leaf than the one asked", () => {
      const o = new WitnessOracle(witness(init(root, BigInt(nextFreeSlot)), good));
      o.initializeIOImplementer();
      expect(caught(() => o.proofForIndex(0)).message).toBe("witness: query 1 (ProofForIndex, id 7) at word 23: proof is for leaf 1, leaf 0 was asked");
    });
  });
});
