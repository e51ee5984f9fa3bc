// The state tree (ts/storage/tree.ts, merkle.ts, as/merkle/verify.ts) against the reference's unit-test
// vectors (zksync-os-reference.md §3.2–§3.3, simple_growable_storage.rs tests at 0a82da0) and against
// an independent naive tree hashed with @noble/hashes.
import { blake2s as nobleBlake2s } from "@noble/hashes/blake2.js";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../ts/errors";
import {
  PATH_LEN, emptySubtreeHash, encodeLeaf, foldBatch, foldPath, leafHash, type FlatStorageLeaf,
} from "../../ts/storage/merkle";
import { StateTree } from "../../ts/storage/tree";
import { compareTreeKeys } from "../../ts/storage/flat-key";
import { randomBytes, hex } from "../helpers/bytes";

const fill = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
const be32 = (n: number): Uint8Array => {
  const b = new Uint8Array(32);
  new DataView(b.buffer).setUint32(28, n);
  return b;
};

// Independent reference: every level recomputed from the leaves with @noble/hashes.
function naiveRoot(leaves: readonly FlatStorageLeaf[]): string {
  const h2 = (a: Uint8Array, b: Uint8Array): Uint8Array => {
    const m = new Uint8Array(64);
    m.set(a);
    m.set(b, 32);
    return nobleBlake2s(m);
  };
  const enc = (l: FlatStorageLeaf): Uint8Array => {
    const m = new Uint8Array(72);
    m.set(l.key);
    m.set(l.value, 32);
    new DataView(m.buffer).setBigUint64(64, BigInt(l.next), true);
    return m;
  };
  let empty: Uint8Array = nobleBlake2s(new Uint8Array(72));
  let level: Uint8Array[] = leaves.map((l) => nobleBlake2s(enc(l)));
  for (let h = 0; h < 64; h++) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(h2(level[i]!, level[i + 1] ?? empty));
    level = next;
    empty = h2(empty, empty);
  }
  return hex(level[0]!);
}

function leavesOf(t: StateTree): FlatStorageLeaf[] {
  return Array.from({ length: t.nextFreeSlot }, (_, i) => t.leaf(i));
}

describe("empty subtrees and guard leaves (§3.2, §3.3, test_create)", () => {
  it.each([
    { height: 0, hash: "e3cdc93b3c2beb30f6a7c7cc45a32da012df9ae1be880e2c074885cb3f4e1e53" },
    { height: 1, hash: "c45bfaf4bb5d0fee27d3178b8475155a07a1fa8ada9a15133a9016f7d0435f0f" },
    { height: 63, hash: "b720fe53e6bd4e997d967b8649e10036802a4fd3aca6d7dcc43ed9671f41cb31" },
    { height: 64, hash: "b571ba553c857c17a4a97ef068150f63433485f746bcb522b365a80833e571db" },
  ])("empty[$height]", ({ height, hash }) => {
    expect(hex(emptySubtreeHash(height))).toBe(hash);
  });

  it("guard leaf hashes and the genesis root", () => {
    const t = StateTree.genesis();
    expect(hex(leafHash(t.leaf(0)))).toBe("9903897e51baa96a5ea51b4c194d3e0c6bcf20947cce9fd646dfb4bf754c8d28");
    expect(hex(leafHash(t.leaf(1)))).toBe("b35299e7564e05e335094c02064bccf83d58745b417874b1fee3f523ec2007a9");
    expect(t.leaf(0).next).toBe(1);
    expect(t.leaf(1).next).toBe(1);
    expect(t.nextFreeSlot).toBe(2);
    expect(hex(t.root)).toBe("90a83ead2ba2194fbbb0f7cd2a017e36cfb4891513546d943a7282c2844d4b6b");
  });

  it("guard proofs verify; a zeroed top sibling does not", () => {
    const t = StateTree.genesis();
    for (const key of [fill(0), fill(0xff)]) {
      const proof = t.proofForIndex(t.exactIndex(key));
      expect(hex(foldPath(proof))).toBe(hex(t.root));
      const path = proof.path.slice();
      path.fill(0, PATH_LEN - 32);
      expect(hex(foldPath({ ...proof, path }))).not.toBe(hex(t.root));
    }
  });

  it("the leaf encoding puts next little-endian after key and value", () => {
    const enc = encodeLeaf({ key: fill(1), value: fill(2), next: 0x0102030405 });
    expect(hex(enc.subarray(64))).toBe("0504030201000000");
  });
});

describe("insertion (test_insert, test_insert_many_and_update, test_key_ordering)", () => {
  it("insert 0x01×32 → 0x10×32 into genesis", () => {
    const t = StateTree.genesis();
    const before = t.root;
    const prev = t.proofForIndex(t.prevIndex(fill(1)));
    t.insert(fill(1), fill(0x10));
    expect(hex(t.root)).toBe("08da20879eebed16fbd14e50b427bb97c8737aa860e6519877757e238df83a15");
    expect(t.leaf(2).next).toBe(1);
    expect(t.leaf(0).next).toBe(2);
    expect(hex(foldPath(prev))).toBe(hex(before));
    expect(prev.index).toBe(0);
  });

  it("insert two keys, then update the first", () => {
    const t = StateTree.genesis();
    t.insert(fill(1), fill(0x10));
    t.insert(fill(2), fill(0x20));
    expect(hex(t.root)).toBe("f227612db17b44a5c9a2ebd0e4ff2dbe91aa05f3198d09f0bcfd6ef16c1d28c8");
    const existing = t.proofForIndex(t.exactIndex(fill(1)));
    expect(existing.index).toBe(2);
    expect(hex(existing.leaf.value)).toBe(hex(fill(0x10)));
    t.insert(fill(1), fill(0x33));
    expect(hex(t.root)).toBe("81a600569c2cda27c7ae4773255acc70ac318a49404fa1035a7734a3aaa82589");
    expect(hex(foldPath({ ...existing, leaf: { ...existing.leaf, value: fill(0x33) } }))).toBe(hex(t.root));
    expect(t.nextFreeSlot).toBe(4);
  });

  it("keys BE(0xc0ffeefe) then BE(0xdeadbeef): links and root", () => {
    const t = StateTree.genesis();
    t.insert(be32(0xc0ffeefe), fill(0x10));
    t.insert(be32(0xdeadbeef), fill(0x20));
    expect([t.leaf(0).next, t.leaf(2).next, t.leaf(3).next]).toEqual([2, 3, 1]);
    expect(hex(t.root)).toBe("c90465eddad7cc858a2fbf61013d7051c143887a887e5a7a19344ac32151b207");
  });

  it("the same two keys inserted in the other order link the same list with other indices", () => {
    const t = StateTree.genesis();
    t.insert(be32(0xdeadbeef), fill(0x20));
    t.insert(be32(0xc0ffeefe), fill(0x10));
    expect([t.leaf(0).next, t.leaf(3).next, t.leaf(2).next]).toEqual([3, 2, 1]);
    expect(naiveRoot(leavesOf(t))).toBe(hex(t.root));
  });
});

describe("StateTree against a naive tree and against one-by-one insertion", () => {
  const keys = Array.from({ length: 300 }, (_, i) => randomBytes(32, 1000 + i));
  const values = Array.from({ length: 300 }, (_, i) => randomBytes(32, 5000 + i));

  it("one-by-one inserts and a batch of the same writes give the same leaves and root", () => {
    const a = StateTree.genesis();
    for (let i = 0; i < 300; i++) a.insert(keys[i]!, values[i]!);
    const b = StateTree.genesis();
    b.applyWrites(keys.map((key, i) => ({ key, value: values[i]! })));
    expect(hex(b.root)).toBe(hex(a.root));
    expect(leavesOf(b).map((l) => l.next)).toEqual(leavesOf(a).map((l) => l.next));
    expect(naiveRoot(leavesOf(a))).toBe(hex(a.root));
  });

  it("a batch mixing updates, new keys and a repeated new key equals one-by-one inserts", () => {
    const a = StateTree.genesis();
    const b = StateTree.genesis();
    const first = keys.slice(0, 100).map((key, i) => ({ key, value: values[i]! }));
    for (const w of first) a.insert(w.key, w.value);
    b.applyWrites(first);
    const second = [
      ...keys.slice(50, 150).map((key, i) => ({ key, value: values[299 - i]! })),
      { key: keys[120]!, value: fill(7) },
      { key: keys[3]!, value: fill(9) },
    ];
    for (const w of second) a.insert(w.key, w.value);
    b.applyWrites(second);
    expect(hex(b.root)).toBe(hex(a.root));
    expect(b.nextFreeSlot).toBe(152);
    expect(hex(b.getValue(keys[120]!)!)).toBe(hex(fill(7)));
    expect(naiveRoot(leavesOf(b))).toBe(hex(b.root));
  });

  it("fromEntries equals ascending one-by-one insertion", () => {
    const entries = keys.slice(0, 77).map((key, i) => ({ key, value: values[i]! }));
    const bulk = StateTree.fromEntries(entries);
    const sorted = [...entries].sort((x, y) => compareTreeKeys(x.key, y.key));
    const one = StateTree.genesis();
    for (const e of sorted) one.insert(e.key, e.value);
    expect(hex(bulk.root)).toBe(hex(one.root));
    expect(leavesOf(bulk).map((l) => l.next)).toEqual(leavesOf(one).map((l) => l.next));
  });

  it("every proof of a tree with an odd number of leaves folds to the root", () => {
    const t = StateTree.fromEntries(keys.slice(0, 45).map((key, i) => ({ key, value: values[i]! })));
    for (let i = 0; i < t.nextFreeSlot + 2; i++) expect(hex(foldPath(t.proofForIndex(i)))).toBe(hex(t.root));
  });

  it("prevIndex gives the greatest key below an absent key, and the key itself when present", () => {
    const t = StateTree.fromEntries(keys.slice(0, 40).map((key, i) => ({ key, value: values[i]! })));
    const sorted = keys.slice(0, 40).sort((x, y) => compareTreeKeys(x, y));
    const probe = randomBytes(32, 77);
    const below = sorted.filter((k) => compareTreeKeys(k, probe) < 0).pop();
    const p = t.prevIndex(probe);
    expect(hex(t.leaf(p).key)).toBe(below === undefined ? hex(fill(0)) : hex(below));
    expect(t.prevIndex(sorted[5]!)).toBe(t.exactIndex(sorted[5]!));
    expect(t.findIndex(probe)).toBe(-1);
  });

  it("rejects malformed keys and guard keys in fromEntries", () => {
    expect(() => StateTree.fromEntries([{ key: fill(0), value: fill(1) }])).toThrow(ArgumentError);
    expect(() => StateTree.fromEntries([{ key: new Uint8Array(31), value: fill(1) }])).toThrow(ArgumentError);
    expect(() => StateTree.genesis().exactIndex(fill(5))).toThrow(ArgumentError);
  });
});

describe("foldBatch", () => {
  it("folds a read-only batch of proofs to the root, hashing shared nodes once", () => {
    const t = StateTree.fromEntries(Array.from({ length: 20 }, (_, i) => ({ key: randomBytes(32, 300 + i), value: fill(i) })));
    const idx = [0, 1, 5, 6, 7, 21];
    const r = foldBatch(idx.map((i) => {
      const p = t.proofForIndex(i);
      return { index: i, path: p.path, oldLeaf: p.leaf, newLeaf: null };
    }));
    expect(hex(r.readRoot!)).toBe(hex(t.root));
    expect(r.writeRoot).toBeNull();
    // 6 leaf hashes; pairs (0,1) and (6,7) merge at level 0, then fewer paths climb.
    expect(r.hashes).toBeLessThan(6 + 6 * 64);
  });

  it("rejects unsorted entries", () => {
    const t = StateTree.genesis();
    const p0 = t.proofForIndex(0);
    const p1 = t.proofForIndex(1);
    expect(() => foldBatch([
      { index: 1, path: p1.path, oldLeaf: p1.leaf, newLeaf: null },
      { index: 0, path: p0.path, oldLeaf: p0.leaf, newLeaf: null },
    ])).toThrow(ArgumentError);
  });
});
