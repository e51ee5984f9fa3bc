// verify_and_apply_batch (ts/storage/tree-batch.ts, zksync-os-reference.md §3.6): the reference's
// verifying_small_batch_proof and its randomized batch tests (the new root and next free slot must equal
// those of the tree after applying the writes), the order of oracle queries, and tampered answers.
import { describe, expect, it } from "vitest";
import { flatKey } from "../../ts/storage/flat-key";
import type { LeafProof } from "../../ts/storage/merkle";
import { StateTree } from "../../ts/storage/tree";
import { TreeProofError, verifyAndApplyBatch, type TouchedSlot, type TreeOracle } from "../../ts/storage/tree-batch";
import { randomBytes, hex } from "../helpers/bytes";

const fill = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
const be = (n: bigint): Uint8Array => {
  const b = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, n >>= 8n) b[i] = Number(n & 0xffn);
  return b;
};
const ZERO_ADDRESS = new Uint8Array(20);

type Query = string;

/** The tree as the oracle, recording each query. */
function recording(tree: StateTree, log: Query[]): TreeOracle {
  return {
    prevIndex: (k) => { log.push(`prev ${hex(k).slice(0, 8)}`); return tree.prevIndex(k); },
    exactIndex: (k) => { log.push(`exact ${hex(k).slice(0, 8)}`); return tree.exactIndex(k); },
    proofForIndex: (i) => { log.push(`proof ${i}`); return tree.proofForIndex(i); },
  };
}

/** Entries (flat key, new value or null for a read) → touched slots with initial values from the tree. */
function touched(tree: StateTree, entries: readonly (readonly [Uint8Array, Uint8Array | null])[]): TouchedSlot[] {
  return entries.map(([k, v]) => {
    const initial = tree.getValue(k);
    return { flatKey: k, initial: initial ?? new Uint8Array(32), final: v ?? initial ?? new Uint8Array(32), isNew: initial === null };
  });
}

// test_verifying_batch_proof: verify against the tree as oracle, apply the writes, compare.
function verifyThenApply(tree: StateTree, entries: readonly (readonly [Uint8Array, Uint8Array | null])[], log: Query[] = []): void {
  const slots = touched(tree, entries);
  const r = verifyAndApplyBatch(tree.commitment, slots, recording(tree, log));
  tree.applyWrites(slots.filter((s) => hex(s.initial) !== hex(s.final)).map((s) => ({ key: s.flatKey, value: s.final })));
  expect(hex(r.root)).toBe(hex(tree.root));
  expect(r.nextFreeSlot).toBe(tree.nextFreeSlot);
}

describe("verifying_small_batch_proof", () => {
  const k0 = flatKey(ZERO_ADDRESS, fill(0));
  const k1 = flatKey(ZERO_ADDRESS, fill(1));
  const k2 = flatKey(ZERO_ADDRESS, fill(2));
  const kf = flatKey(ZERO_ADDRESS, fill(0x0f));

  it("missing reads, inserts, updates with reads, updates with inserts", () => {
    const tree = StateTree.genesis();
    verifyThenApply(tree, [[k0, null], [k1, null], [k2, null]]);
    expect(tree.nextFreeSlot).toBe(2);
    verifyThenApply(tree, [[k0, be(1n)], [k1, be(2n)], [k2, be(3n)]]);
    expect(tree.nextFreeSlot).toBe(5);
    verifyThenApply(tree, [[k1, be(123456n)], [k0, null], [k2, be(654321n)], [kf, null]]);
    verifyThenApply(tree, [[k1, be(123456n)], [k0, be(777n)], [kf, be((1n << 64n) - 1n)]]);
    expect(tree.nextFreeSlot).toBe(6);
  });

  it("no touched slots: the commitment is unchanged and nothing is asked", () => {
    const tree = StateTree.genesis();
    const log: Query[] = [];
    const r = verifyAndApplyBatch(tree.commitment, [], recording(tree, log));
    expect(hex(r.root)).toBe(hex(tree.root));
    expect(log).toEqual([]);
  });
});

describe("randomized batches (the reference's proptests, fixed seeds)", () => {
  const randomKey = (seed: number): Uint8Array => flatKey(randomBytes(20, seed), randomBytes(32, seed + 77777));
  for (let round = 0; round < 12; round++) {
    it(`round ${round}: previous entries, new entries, reads and updates of existing ones`, () => {
      const seed = 100 + round * 1000;
      const tree = StateTree.genesis();
      const prevCount = (randomBytes(1, seed)[0]! % 100) + (round % 3 === 0 ? 0 : 1);
      const prev = Array.from({ length: prevCount }, (_, i) => randomKey(seed + i));
      tree.applyWrites(prev.map((k, i) => ({ key: k, value: randomBytes(32, seed + 500 + i) })));
      const coin = randomBytes(300, seed + 9);
      const entries: [Uint8Array, Uint8Array | null][] = [];
      const newCount = coin[0]! % 100;
      for (let i = 0; i < newCount; i++) entries.push([randomKey(seed + 2000 + i), coin[i + 1]! & 1 ? randomBytes(32, seed + 3000 + i) : null]);
      const chosen = new Set<number>();
      for (let i = 0; prevCount > 0 && i < coin[200]! % 100; i++) chosen.add(coin[100 + i]! % prevCount);
      for (const c of chosen) entries.push([prev[c]!, coin[c % 100]! & 2 ? randomBytes(32, seed + 4000 + c) : null]);
      verifyThenApply(tree, entries);
    });
  }
});

describe("query order", () => {
  it("reads first (in entry order), then writes, then the right-most leaf when appending", () => {
    // Raw 32-byte keys: their order is their numeric order. Leaves 2..11 hold 10, 20, …, 100.
    const k = (n: number): Uint8Array => be(BigInt(n));
    const tree = StateTree.fromEntries(Array.from({ length: 10 }, (_, i) => ({ key: k(10 * (i + 1)), value: fill(1) })));
    const log: Query[] = [];
    verifyThenApply(tree, [[k(10), fill(2)], [k(20), null], [k(15), fill(3)], [k(25), null]], log);
    const p = (n: number): string => hex(k(n)).slice(0, 8);
    expect(log).toEqual([
      `exact ${p(20)}`, "proof 3", // existing read
      `prev ${p(25)}`, "proof 4", // absent read: leaf 3 is cached, its next (leaf 4) is not
      `exact ${p(10)}`, "proof 2", // update
      `prev ${p(15)}`, // insert: both neighbours cached, appended at 12
      "proof 11", // the right-most leaf before the block
    ]);
    expect(tree.leaf(12).next).toBe(3);
    expect(tree.leaf(2).next).toBe(12);
  });
});

describe("tampered oracle answers are rejected with the failed check", () => {
  const keys = Array.from({ length: 40 }, (_, i) => flatKey(randomBytes(20, 900 + i), randomBytes(32, 1900 + i)));
  const base = (): StateTree => StateTree.fromEntries(keys.slice(0, 30).map((k, i) => ({ key: k, value: randomBytes(32, 2900 + i) })));
  // read keys[3], update keys[4], insert keys[35], read absent keys[36]
  const entries = (t: StateTree): TouchedSlot[] => touched(t, [[keys[3]!, null], [keys[4]!, fill(9)], [keys[35]!, fill(8)], [keys[36]!, null]]);

  function tampered(t: StateTree, edit: { proof?: (p: LeafProof, call: number) => LeafProof; prev?: (i: number) => number; exact?: (i: number) => number }): TreeOracle {
    let calls = 0;
    return {
      prevIndex: (k) => (edit.prev ?? ((i) => i))(t.prevIndex(k)),
      exactIndex: (k) => (edit.exact ?? ((i) => i))(t.exactIndex(k)),
      proofForIndex: (i) => (edit.proof ?? ((p) => p))(t.proofForIndex(i), calls++),
    };
  }
  const run = (edit: Parameters<typeof tampered>[1]): (() => unknown) => () => {
    const t = base();
    return verifyAndApplyBatch(t.commitment, entries(t), tampered(t, edit));
  };

  it("honest answers pass", () => {
    expect(run({})).not.toThrow();
  });

  const flipSibling = (p: LeafProof, h: number): LeafProof => {
    const path = p.path.slice();
    path[h * 32] ^= 1;
    return { ...p, path };
  };

  it.each([0, 1])("a wrong height-%s sibling of the first proof", (h) => {
    expect(run({ proof: (p, c) => (c === 0 ? flipSibling(p, h) : p) })).toThrow(/storage reads are inconsistent/);
  });

  // The fold's last levels hold one entry, whose siblings come from the left-most loaded leaf's path.
  const loadedIndices = (): number[] => {
    const t = base();
    const log: Query[] = [];
    verifyAndApplyBatch(t.commitment, entries(t), recording(t, log));
    return log.filter((q) => q.startsWith("proof")).map((q) => Number(q.slice(6)));
  };

  it("a wrong top sibling of the left-most loaded leaf (every path ends on it)", () => {
    const leftmost = Math.min(...loadedIndices());
    expect(run({ proof: (p) => (p.index === leftmost ? flipSibling(p, 63) : p) })).toThrow(/storage reads are inconsistent/);
  });

  it("as in the reference, a sibling the fold never reads is not checked (the top sibling of a later path)", () => {
    const leftmost = Math.min(...loadedIndices());
    expect(run({ proof: (p) => (p.index !== leftmost ? flipSibling(p, 63) : p) })).not.toThrow();
  });

  it("a wrong leaf value", () => {
    expect(run({ proof: (p, c) => (c === 0 ? { ...p, leaf: { ...p.leaf, value: fill(0x55) } } : p) })).toThrow(/holds 0x5555.*but the block's value/);
  });

  it("a wrong next pointer of a previous-neighbour leaf", () => {
    const t = base();
    const prevOfNew = t.prevIndex(keys[36]!);
    expect(run({ proof: (p) => (p.index === prevOfNew ? { ...p, leaf: { ...p.leaf, next: p.leaf.next === 2 ? 3 : 2 } } : p) }))
      .toThrow(TreeProofError);
  });

  it("a next pointer beyond next_free_slot", () => {
    const t = base();
    const prevOfNew = t.prevIndex(keys[36]!);
    expect(run({ proof: (p) => (p.index === prevOfNew ? { ...p, leaf: { ...p.leaf, next: 999 } } : p) }))
      .toThrow(/points to 999, beyond next_free_slot 32/);
  });

  it("a proof for another index", () => {
    expect(run({ proof: (p, c) => (c === 0 ? { ...p, index: p.index + 1 } : p) })).toThrow(/answered a proof for index/);
  });

  it("an exact index pointing at another leaf", () => {
    expect(run({ exact: (i) => (i === 2 ? 3 : i + 1) })).toThrow(/holds key/);
  });

  it("a previous index that is not below the absent key", () => {
    expect(run({ prev: () => 1 })).toThrow(/is not below the absent key/);
  });

  it("a previous index beyond next_free_slot", () => {
    expect(run({ prev: () => 40 })).toThrow(/is not below next_free_slot/);
  });

  it("a leaf whose value differs from the block's initial value", () => {
    const t = base();
    const slots = entries(t).map((s, i) => (i === 1 ? { ...s, initial: fill(0x77) } : s));
    expect(() => verifyAndApplyBatch(t.commitment, slots, t)).toThrow(/but the block's initial value is 0x7777/);
  });

  it("a wrong committed root", () => {
    const t = base();
    expect(() => verifyAndApplyBatch({ root: fill(1), nextFreeSlot: t.nextFreeSlot }, entries(t), t)).toThrow(/committed root is 0x0101/);
  });

  it("an absent key claimed to exist", () => {
    const t = base();
    const slots = entries(t).map((s, i) => (i === 3 ? { ...s, isNew: false } : s));
    expect(() => verifyAndApplyBatch(t.commitment, slots, {
      ...t, prevIndex: (k) => t.prevIndex(k), proofForIndex: (i) => t.proofForIndex(i),
      exactIndex: (k) => (t.findIndex(k) < 0 ? 2 : t.exactIndex(k)),
    })).toThrow(/holds key/);
  });
});
