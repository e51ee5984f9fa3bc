/**
 * The ZKsync OS state tree as the sequencer keeps it (zksync-os-reference.md §3; reference:
 * flat_storage_model/simple_growable_storage.rs at 0a82da0): a depth-64 Blake2s tree whose leaves
 * (key, value, next) fill positions 0, 1, 2, … in insertion order and form a linked list sorted by key,
 * starting at the min guard (index 0, key 0) and ending at the max guard (index 1, key 0xFF…FF, which
 * points to itself). Answers the oracle's tree queries and applies a block's writes.
 * @module
 */
import { ArgumentError } from "../errors";
import { KeyIndex } from "./_key-index";
import { compareTreeKeys } from "./flat-key";
import {
  LEAF_ENCODED_LEN, PATH_LEN, TREE_DEPTH, emptySubtreeHash, hashEncodedLeavesInto, hashPairsInto,
  type FlatStorageLeaf, type LeafProof,
} from "./merkle";
import type { TreeOracle } from "./tree-batch";

export type { FlatStorageLeaf, LeafProof } from "./merkle";

/** Index of the min guard leaf (key 0x00…00). */
export const MIN_GUARD_INDEX = 0;
/** Index of the max guard leaf (key 0xFF…FF). */
export const MAX_GUARD_INDEX = 1;

/** The tree's commitment (`FlatStorageCommitment`): the root and the first free leaf position. */
export interface FlatStorageCommitment {
  readonly root: Uint8Array;
  readonly nextFreeSlot: number;
}

/** A key and the value to store under it. */
export interface TreeWrite {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

const MAX_KEY = new Uint8Array(32).fill(0xff);
const TWO_POW_32 = 0x1_0000_0000;
const ZERO_KEY = new Uint8Array(32);

function check32(b: unknown, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== 32) throw new ArgumentError(`${what} must be a 32-byte Uint8Array`);
}

// Nodes at height h: positions [0, ceil(count / 2^h)) can be non-empty; beyond them every subtree is empty.
function nodeCount(count: number, h: number): number {
  return Math.ceil(count / 2 ** h);
}

/**
 * The full tree, stored densely: because leaves fill positions left to right, height h has
 * ceil(n / 2^h) possibly non-empty nodes and everything right of them is an empty subtree, whose
 * hash comes from the cached empty-subtree table. About 140 bytes per leaf in all.
 */
export class StateTree implements TreeOracle {
  private count = 0;
  private cap = 0;
  private keys = new Uint8Array(0);
  private values = new Uint8Array(0);
  private keys32 = new Uint32Array(0);
  private values32 = new Uint32Array(0);
  private nexts = new Float64Array(0);
  /** Leaf indices in key order; the first `count` entries are live. */
  private order = new Uint32Array(0);
  /** levels[h] = node hashes at height h (0 = leaf hashes), 32 bytes each; levels32 = word views of them. */
  private levels: Uint8Array[] = [];
  private levels32: Uint32Array[] = [];
  /** counts[h] = nodeCount(count, h), refreshed whenever count changes. */
  private counts: number[] = [];
  private readonly empty: Uint8Array[];
  private readonly empty32: Uint32Array[];

  private constructor() {
    this.empty = Array.from({ length: TREE_DEPTH + 1 }, (_, h) => emptySubtreeHash(h));
    this.empty32 = this.empty.map((e) => new Uint32Array(e.buffer, e.byteOffset, 8));
  }

  /** The genesis tree: the two guard leaves only; next free slot 2 (root 0x90a83ead…4b6b). */
  static genesis(): StateTree {
    return StateTree.fromEntries([]);
  }

  /**
   * A tree holding `entries` after the guards, as if inserted one by one in ascending key order
   * (interfaces.md §3): leaf 2 + i holds the i-th smallest key; each leaf points to its successor.
   * Built in bulk: every hash is computed once.
   * @throws ArgumentError on a malformed, duplicate or guard key
   */
  static fromEntries(entries: Iterable<TreeWrite>): StateTree {
    const list = Array.isArray(entries) ? (entries as readonly TreeWrite[]) : [...entries];
    const m = list.length;
    const t = new StateTree();
    const n = m + 2;
    // Room for a few blocks of new keys before the first regrowth copies everything.
    t.ensureCapacity(n + Math.max(1024, n >>> 3));
    t.setCount(n);
    // Stage the entries at leaves 2.. in input order, then sort leaf indices by key: a 32-bit prefix
    // decides almost every comparison of hash-like keys.
    const prefix = new Uint32Array(n);
    for (let i = 0; i < m; i++) {
      const e = list[i]!;
      check32(e.key, `entries[${i}].key`);
      check32(e.value, `entries[${i}].value`);
      t.keys.set(e.key, (i + 2) * 32);
      t.values.set(e.value, (i + 2) * 32);
      prefix[i + 2] = ((e.key[0]! << 24) | (e.key[1]! << 16) | (e.key[2]! << 8) | e.key[3]!) >>> 0;
    }
    const keys = t.keys;
    const sorted = new Uint32Array(m);
    for (let i = 0; i < m; i++) sorted[i] = i + 2;
    sorted.sort((a, b) => (prefix[a] !== prefix[b] ? (prefix[a]! < prefix[b]! ? -1 : 1) : compareTreeKeys(keys, keys, a * 32, b * 32)));
    // Move the leaves into key order: leaf 2 + i gets the i-th smallest key.
    const staged = t.keys.slice(0, n * 32);
    const stagedValues = t.values.slice(0, n * 32);
    for (let i = 0; i < m; i++) {
      const from = sorted[i]! * 32;
      t.keys.set(staged.subarray(from, from + 32), (i + 2) * 32);
      t.values.set(stagedValues.subarray(from, from + 32), (i + 2) * 32);
    }
    t.setLeaf(0, new Uint8Array(32), new Uint8Array(32), m > 0 ? 2 : MAX_GUARD_INDEX);
    t.setLeaf(1, MAX_KEY, new Uint8Array(32), MAX_GUARD_INDEX);
    t.order[0] = 0;
    for (let i = 0; i < m; i++) {
      const at = (i + 2) * 32;
      if (i > 0 && compareTreeKeys(keys, keys, at - 32, at) === 0) throw new ArgumentError("duplicate key in tree entries");
      t.nexts[i + 2] = i + 1 < m ? i + 3 : MAX_GUARD_INDEX;
      t.order[i + 1] = i + 2;
    }
    if (m > 0 && (compareTreeKeys(keys, ZERO_KEY, 64, 0) === 0 || compareTreeKeys(keys, MAX_KEY, (m + 1) * 32, 0) === 0)) {
      throw new ArgumentError("a tree entry may not use a guard key (0x00…00 or 0xFF…FF)");
    }
    t.order[n - 1] = MAX_GUARD_INDEX;
    t.rebuildAll();
    return t;
  }

  /** Current root. */
  get root(): Uint8Array {
    return this.levels[TREE_DEPTH]!.slice(0, 32);
  }

  /** First free leaf position (= number of leaves, guards included). */
  get nextFreeSlot(): number {
    return this.count;
  }

  /** Root and next free slot. */
  get commitment(): FlatStorageCommitment {
    return { root: this.root, nextFreeSlot: this.count };
  }

  /** An independent copy (e.g. to simulate a block without committing it). */
  clone(): StateTree {
    const t = new StateTree();
    t.count = this.count;
    t.cap = this.cap;
    t.keys = this.keys.slice();
    t.values = this.values.slice();
    t.nexts = this.nexts.slice();
    t.order = this.order.slice();
    t.levels = this.levels.map((l) => l.slice());
    t.refreshViews();
    t.counts = this.counts.slice();
    return t;
  }

  /** The leaf at `index` (the empty leaf {0, 0, 0} beyond the last one). */
  leaf(index: number): FlatStorageLeaf {
    if (!Number.isSafeInteger(index) || index < 0) throw new ArgumentError(`leaf index must be a non-negative safe integer, got ${index}`);
    if (index >= this.count) return { key: new Uint8Array(32), value: new Uint8Array(32), next: 0 };
    const o = index * 32;
    return { key: this.keys.slice(o, o + 32), value: this.values.slice(o, o + 32), next: this.nexts[index]! };
  }

  /** Index of the leaf holding `key`, or −1. */
  findIndex(key: Uint8Array): number {
    check32(key, "key");
    const pos = this.lowerBound(key);
    if (pos < this.count && compareTreeKeys(this.keys, key, this.order[pos]! * 32, 0) === 0) return this.order[pos]!;
    return -1;
  }

  /** The value stored under `key`, or null when the key is not in the tree. */
  getValue(key: Uint8Array): Uint8Array | null {
    const i = this.findIndex(key);
    return i < 0 ? null : this.values.slice(i * 32, i * 32 + 32);
  }

  /**
   * ExactIndex query: index of the leaf holding `key`.
   * @throws ArgumentError if the key is not in the tree (the reference oracle panics there)
   */
  exactIndex(key: Uint8Array): number {
    const i = this.findIndex(key);
    if (i < 0) throw new ArgumentError("ExactIndex: the key is not in the tree");
    return i;
  }

  /**
   * PrevIndex query: index of the leaf with the greatest key ≤ `key` (`key_lookup.range(..=key)`; for an
   * absent key, the greatest smaller key). Always exists: the min guard's key is zero.
   */
  prevIndex(key: Uint8Array): number {
    check32(key, "key");
    return this.order[this.upperBound(key) - 1]!;
  }

  /** ProofForIndex query: the leaf at `index` (empty beyond the last) and its 64 siblings. */
  proofForIndex(index: number): LeafProof {
    const leaf = this.leaf(index);
    const path = new Uint8Array(PATH_LEN);
    const path32 = new Uint32Array(path.buffer);
    let pos = index;
    for (let h = 0; h < TREE_DEPTH; h++) {
      const sib = pos % 2 === 0 ? pos + 1 : pos - 1;
      const inTree = sib < this.counts[h]!;
      const src = inTree ? this.levels32[h]! : this.empty32[h]!;
      for (let i = 0, s = inTree ? sib * 8 : 0, d = h * 8; i < 8; i++) path32[d + i] = src[s + i]!;
      pos = Math.floor(pos / 2);
    }
    return { index, leaf, path };
  }

  /** Writes one key (`FlatStorageBacking::insert`); see {@link applyWrites}. */
  insert(key: Uint8Array, value: Uint8Array): void {
    this.applyWrites([{ key, value }]);
  }

  /**
   * Applies writes in order, with the effect of the reference's `insert` called for each: an existing
   * key gets its value replaced; a new key is appended at the next free slot, its predecessor in key
   * order is pointed at it and it points to its successor. (So new keys get indices in write order,
   * which for a block is storage-cache order.) Hashes are recomputed once per changed node.
   * @throws ArgumentError on a malformed key or value
   */
  applyWrites(writes: readonly TreeWrite[]): void {
    const dirty: number[] = [];
    const fresh: number[] = [];
    const freshByKey = new KeyIndex();
    for (let i = 0; i < writes.length; i++) {
      const { key, value } = writes[i]!;
      check32(key, `writes[${i}].key`);
      check32(value, `writes[${i}].value`);
      let idx = this.findIndex(key);
      if (idx < 0) {
        idx = freshByKey.get(key)?.index ?? -1;
        if (idx < 0) {
          idx = this.count + fresh.length;
          this.ensureCapacity(idx + 1);
          this.keys.set(key, idx * 32);
          freshByKey.add(key, idx);
          fresh.push(idx);
        }
      }
      this.values.set(value, idx * 32);
      dirty.push(idx);
    }
    if (fresh.length > 0) this.linkFresh(fresh, dirty);
    this.recompute(dirty);
  }

  // Merges the new leaves into the key order and relinks: each new leaf points to its successor and
  // its predecessor points to it, which is what inserting them one by one leaves behind.
  private linkFresh(fresh: number[], dirty: number[]): void {
    const keys = this.keys;
    fresh.sort((a, b) => compareTreeKeys(keys, keys, a * 32, b * 32));
    const oldCount = this.count;
    const total = oldCount + fresh.length;
    this.setCount(total);
    const order = this.order;
    for (let i = oldCount - 1, j = fresh.length - 1, k = total - 1; j >= 0; k--) {
      if (i >= 0 && compareTreeKeys(keys, keys, order[i]! * 32, fresh[j]! * 32) > 0) order[k] = order[i--]!;
      else order[k] = fresh[j--]!;
    }
    for (let pos = 1; pos < total - 1; pos++) {
      const idx = order[pos]!;
      if (idx < oldCount) continue;
      this.nexts[idx] = order[pos + 1]!;
      const pred = order[pos - 1]!;
      this.nexts[pred] = idx;
      dirty.push(pred);
    }
  }

  private lowerBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTreeKeys(this.keys, key, this.order[mid]! * 32, 0) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private upperBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTreeKeys(this.keys, key, this.order[mid]! * 32, 0) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private setCount(n: number): void {
    this.count = n;
    this.counts = Array.from({ length: TREE_DEPTH + 1 }, (_, h) => nodeCount(n, h));
  }

  private setLeaf(index: number, key: Uint8Array, value: Uint8Array, next: number): void {
    this.keys.set(key, index * 32);
    this.values.set(value, index * 32);
    this.nexts[index] = next;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.cap) return;
    const cap = Math.max(n, Math.ceil(this.cap * 1.5), 16);
    const keys = new Uint8Array(cap * 32);
    keys.set(this.keys);
    const values = new Uint8Array(cap * 32);
    values.set(this.values);
    const nexts = new Float64Array(cap);
    nexts.set(this.nexts);
    const order = new Uint32Array(cap);
    order.set(this.order);
    const levels: Uint8Array[] = [];
    for (let h = 0; h <= TREE_DEPTH; h++) {
      const l = new Uint8Array(Math.max(1, nodeCount(cap, h)) * 32);
      const old = this.levels[h];
      if (old !== undefined) l.set(old);
      levels.push(l);
    }
    this.keys = keys;
    this.values = values;
    this.nexts = nexts;
    this.order = order;
    this.levels = levels;
    this.cap = cap;
    this.refreshViews();
  }

  // Word views of the byte arrays (each array has its own buffer, a multiple of 32 bytes long).
  private refreshViews(): void {
    this.keys32 = new Uint32Array(this.keys.buffer);
    this.values32 = new Uint32Array(this.values.buffer);
    this.levels32 = this.levels.map((l) => new Uint32Array(l.buffer));
  }

  // Hashes the leaves at `indices` (or, when null, leaves first..first+n−1) into level 0, through a
  // bounded scratch: 18 words per encoded leaf, copied from the word views.
  private hashLeaves(indices: readonly number[] | null, first: number, total: number): void {
    const chunk = Math.min(total, 1 << 14);
    const buf = new Uint8Array(chunk * LEAF_ENCODED_LEN);
    const buf32 = new Uint32Array(buf.buffer);
    const hashes = new Uint8Array(chunk * 32);
    const hashes32 = new Uint32Array(hashes.buffer);
    const keys32 = this.keys32;
    const values32 = this.values32;
    const level0 = this.levels32[0]!;
    for (let start = 0; start < total; start += chunk) {
      const n = Math.min(chunk, total - start);
      for (let i = 0; i < n; i++) {
        const idx = indices === null ? first + start + i : indices[start + i]!;
        const o = i * 18;
        for (let w = 0; w < 8; w++) {
          buf32[o + w] = keys32[idx * 8 + w]!;
          buf32[o + 8 + w] = values32[idx * 8 + w]!;
        }
        const next = this.nexts[idx]!;
        buf32[o + 16] = next % TWO_POW_32;
        buf32[o + 17] = Math.floor(next / TWO_POW_32);
      }
      hashEncodedLeavesInto(buf, 0, n, hashes, 0);
      for (let i = 0; i < n; i++) {
        const idx = indices === null ? first + start + i : indices[start + i]!;
        for (let w = 0; w < 8; w++) level0[idx * 8 + w] = hashes32[i * 8 + w]!;
      }
    }
  }

  private rebuildAll(): void {
    this.hashLeaves(null, 0, this.count);
    for (let h = 1; h <= TREE_DEPTH; h++) {
      const below = this.levels[h - 1]!;
      const belowCount = this.counts[h - 1]!;
      const pairs = Math.floor(belowCount / 2);
      hashPairsInto(below, 0, pairs, this.levels[h]!, 0);
      if (belowCount % 2 === 1) {
        const pair = new Uint8Array(64);
        pair.set(below.subarray((belowCount - 1) * 32, belowCount * 32), 0);
        pair.set(this.empty[h - 1]!, 32);
        hashPairsInto(pair, 0, 1, this.levels[h]!, pairs * 32);
      }
    }
  }

  // Rehashes the given leaves and every node above them, one batch of pair hashes per level.
  private recompute(dirtyLeaves: number[]): void {
    if (dirtyLeaves.length === 0) return;
    let dirty = uniqueSorted(dirtyLeaves);
    this.hashLeaves(dirty, 0, dirty.length);
    for (let h = 1; h <= TREE_DEPTH; h++) {
      const parents: number[] = [];
      for (const d of dirty) {
        const p = Math.floor(d / 2);
        if (parents.length === 0 || parents[parents.length - 1] !== p) parents.push(p);
      }
      const below = this.levels[h - 1]!;
      const belowCount = this.counts[h - 1]!;
      const pairs = new Uint8Array(parents.length * 64);
      for (let i = 0; i < parents.length; i++) {
        const l = parents[i]! * 2;
        pairs.set(below.subarray(l * 32, l * 32 + 32), i * 64);
        if (l + 1 < belowCount) pairs.set(below.subarray((l + 1) * 32, (l + 2) * 32), i * 64 + 32);
        else pairs.set(this.empty[h - 1]!, i * 64 + 32);
      }
      hashPairsInto(pairs, 0, parents.length, pairs, 0);
      const level = this.levels[h]!;
      for (let i = 0; i < parents.length; i++) level.set(pairs.subarray(i * 32, i * 32 + 32), parents[i]! * 32);
      dirty = parents;
    }
  }
}

function uniqueSorted(xs: number[]): number[] {
  xs.sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of xs) if (out.length === 0 || out[out.length - 1] !== x) out.push(x);
  return out;
}
