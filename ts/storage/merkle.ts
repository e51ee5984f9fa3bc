/**
 * The TS side of the state tree's hashing (zksync-os-reference.md §3.2): leaf and node hashes, empty
 * subtrees, single-path folding and the batched fold of verify_and_apply_batch, all computed by
 * as/merkle/verify.ts. Bulk inputs go through the mailbox or a batch arena, one call per chunk.
 * @module
 */
import { ArgumentError } from "../errors";
import { wasm, type Wasm } from "../wasm";

/** Tree height: 2^64 leaf positions. */
export const TREE_DEPTH = 64;
/** Bytes of an encoded leaf: key 32 ‖ value 32 ‖ next as u64 little-endian. */
export const LEAF_ENCODED_LEN = 72;
/** Bytes of a proof path: 64 siblings of 32 bytes, the leaf level's sibling first. */
export const PATH_LEN = TREE_DEPTH * 32;

const TWO_POW_32 = 0x1_0000_0000;

/** A leaf of the flat storage tree: a key, its value, and the index of the leaf with the next larger key. */
export interface FlatStorageLeaf {
  /** 32-byte flat key (ts/storage/flat-key.ts). */
  readonly key: Uint8Array;
  /** 32-byte value. */
  readonly value: Uint8Array;
  /** Index of the next leaf in key order (u64; within the safe-integer range here). */
  readonly next: number;
}

/** A leaf with its Merkle path, as the ProofForIndex oracle query answers (zksync-os-reference.md §3.5). */
export interface LeafProof {
  readonly index: number;
  readonly leaf: FlatStorageLeaf;
  /** 64 siblings × 32 bytes; bytes [32h, 32h + 32) are the sibling at height h (0 = leaf level). */
  readonly path: Uint8Array;
}

/** One leaf position of a batched fold (see {@link foldBatch}). */
export interface FoldBatchEntry {
  /** Leaf index; entries must come in strictly increasing index order. */
  readonly index: number;
  /** Siblings for this position, or null when they are all empty subtrees (an appended leaf). */
  readonly path: Uint8Array | null;
  /** The leaf in the committed tree, or null for an appended leaf (empty in the old tree). */
  readonly oldLeaf: FlatStorageLeaf | null;
  /** The leaf after the block, or null when unchanged. */
  readonly newLeaf: FlatStorageLeaf | null;
}

/** Roots of a batched fold. */
export interface FoldBatchResult {
  /** Root of the tree before the batch; null only when no entry had an old leaf. */
  readonly readRoot: Uint8Array | null;
  /** Root after the batch; null when no entry had a new leaf. */
  readonly writeRoot: Uint8Array | null;
  /** Blake2s computations: leaf hashes plus node hashes. */
  readonly hashes: number;
}

// The entry layout of as/merkle/verify.ts, read from the core's globals once per instance.
interface Layout {
  readonly entryLen: number;
  readonly index: number;
  readonly path: number;
  readonly flags: number;
  readonly old: number;
  readonly new: number;
  readonly flagOld: number;
  readonly flagNew: number;
  readonly emptyPtr: number;
}

const layouts = new WeakMap<Wasm, Layout>();

function layoutOf(w: Wasm): Layout {
  let l = layouts.get(w);
  if (l === undefined) {
    const g = (name: string): number => (w.exports[name as `MERKLE_${string}`].value as number);
    l = {
      entryLen: g("MERKLE_ENTRY_LEN"),
      index: g("MERKLE_ENTRY_INDEX"),
      path: g("MERKLE_ENTRY_PATH"),
      flags: g("MERKLE_ENTRY_FLAGS"),
      old: g("MERKLE_ENTRY_OLD"),
      new: g("MERKLE_ENTRY_NEW"),
      flagOld: g("MERKLE_FLAG_OLD"),
      flagNew: g("MERKLE_FLAG_NEW"),
      emptyPtr: w.exports.merkleEmptyHashes(),
    };
    layouts.set(w, l);
  }
  return l;
}

function checkIndex(index: number, what: string): void {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new ArgumentError(`${what} must be a non-negative safe integer, got ${index}`);
  }
}

function checkBytes32(b: unknown, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== 32) {
    throw new ArgumentError(`${what} must be a 32-byte Uint8Array`);
  }
}

function checkLeaf(leaf: FlatStorageLeaf, what: string): void {
  checkBytes32(leaf.key, `${what}.key`);
  checkBytes32(leaf.value, `${what}.value`);
  checkIndex(leaf.next, `${what}.next`);
}

/** Writes the 72-byte leaf encoding at `off` of `out` (a byte array or the core's memory). */
export function encodeLeafInto(leaf: FlatStorageLeaf, out: Uint8Array, off: number): void {
  out.set(leaf.key, off);
  out.set(leaf.value, off + 32);
  writeU64LE(out, off + 64, leaf.next);
}

/** The 72-byte leaf encoding: key ‖ value ‖ next (u64 little-endian). */
export function encodeLeaf(leaf: FlatStorageLeaf): Uint8Array {
  checkLeaf(leaf, "leaf");
  const out = new Uint8Array(LEAF_ENCODED_LEN);
  encodeLeafInto(leaf, out, 0);
  return out;
}

function writeU64LE(out: Uint8Array, off: number, v: number): void {
  let lo = v % TWO_POW_32;
  let hi = Math.floor(v / TWO_POW_32);
  for (let i = 0; i < 4; i++, lo >>>= 8) out[off + i] = lo & 0xff;
  for (let i = 4; i < 8; i++, hi >>>= 8) out[off + i] = hi & 0xff;
}

/**
 * Leaf hash = Blake2s(key ‖ value ‖ next as u64 LE).
 * @throws ArgumentError if the key or value is not 32 bytes or next is not a safe non-negative integer
 */
export function leafHash(leaf: FlatStorageLeaf): Uint8Array {
  checkLeaf(leaf, "leaf");
  const w = wasm();
  encodeLeafInto(leaf, w.u8, w.mailboxPtr);
  w.exports.merkleLeafHash(w.mailboxPtr, w.outPtr);
  return w.u8.slice(w.outPtr, w.outPtr + 32);
}

/**
 * Hash of the empty subtree of the given height: 0 = the all-zero leaf, 64 = the empty tree's root.
 * @throws ArgumentError if height is not an integer in 0..64
 */
export function emptySubtreeHash(height: number): Uint8Array {
  if (!Number.isInteger(height) || height < 0 || height > TREE_DEPTH) {
    throw new ArgumentError(`height must be an integer in 0..${TREE_DEPTH}, got ${height}`);
  }
  const w = wasm();
  const p = layoutOf(w).emptyPtr + height * 32;
  return w.u8.slice(p, p + 32);
}

/**
 * The root that a proof's path leads to: the leaf hash folded with the 64 siblings (one WASM call).
 * @throws ArgumentError if the proof is malformed (lengths, index range)
 */
export function foldPath(proof: LeafProof): Uint8Array {
  checkIndex(proof.index, "proof.index");
  checkLeaf(proof.leaf, "proof.leaf");
  if (!(proof.path instanceof Uint8Array) || proof.path.length !== PATH_LEN) {
    throw new ArgumentError(`proof.path must be ${PATH_LEN} bytes (64 siblings)`);
  }
  const w = wasm();
  const mb = w.mailboxPtr;
  encodeLeafInto(proof.leaf, w.u8, mb);
  w.u8.set(proof.path, mb + 128);
  w.exports.merkleFoldPath(mb, proof.index % TWO_POW_32, Math.floor(proof.index / TWO_POW_32), mb + 128, w.outPtr);
  return w.u8.slice(w.outPtr, w.outPtr + 32);
}

/**
 * Leaf hashes of `count` consecutive 72-byte encoded leaves of `leaves` (from `leavesOff`) into `out`
 * at `outOff` (32 bytes each), through the mailbox in chunks.
 */
export function hashEncodedLeavesInto(leaves: Uint8Array, leavesOff: number, count: number, out: Uint8Array, outOff: number): void {
  const w = wasm();
  const mb = w.mailboxPtr;
  const perCall = Math.floor(w.mailboxLen / (LEAF_ENCODED_LEN + 32));
  const outPtr = mb + perCall * LEAF_ENCODED_LEN;
  for (let done = 0; done < count; done += perCall) {
    const n = Math.min(perCall, count - done);
    const src = leavesOff + done * LEAF_ENCODED_LEN;
    w.u8.set(leaves.subarray(src, src + n * LEAF_ENCODED_LEN), mb);
    w.exports.merkleLeafHashes(mb, n, outPtr);
    out.set(w.u8.subarray(outPtr, outPtr + n * 32), outOff + done * 32);
  }
}

/**
 * Node hashes of `pairCount` consecutive (left ‖ right) 64-byte pairs of `src` (from `srcOff`) into
 * `dst` at `dstOff` (32 bytes each), through the mailbox in chunks.
 */
export function hashPairsInto(src: Uint8Array, srcOff: number, pairCount: number, dst: Uint8Array, dstOff: number): void {
  const w = wasm();
  const mb = w.mailboxPtr;
  const perCall = w.mailboxLen >>> 6;
  for (let done = 0; done < pairCount; done += perCall) {
    const n = Math.min(perCall, pairCount - done);
    const s = srcOff + done * 64;
    w.u8.set(src.subarray(s, s + n * 64), mb);
    w.exports.merkleHashPairs(mb, n, mb);
    dst.set(w.u8.subarray(mb, mb + n * 32), dstOff + done * 32);
  }
}

/**
 * The batched fold of StateRootView::verify_and_apply_batch (zksync-os-reference.md §3.6): all
 * entries climb the tree together, level by level; two entries whose nodes are siblings merge, so
 * every shared upper node is hashed once. A lone entry takes its sibling from its own path (the
 * leftmost original entry's path after merges), or the empty subtree when it has none. The old and
 * new roots are computed side by side. One WASM call for the whole batch.
 * @throws ArgumentError if the entries are not in strictly increasing index order or are malformed
 */
export function foldBatch(entries: readonly FoldBatchEntry[]): FoldBatchResult {
  let pathCount = 0;
  let prev = -1;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    checkIndex(e.index, `entries[${i}].index`);
    if (e.index <= prev) throw new ArgumentError(`entries must be in strictly increasing index order (entry ${i}: ${e.index} after ${prev})`);
    prev = e.index;
    if (e.path !== null) {
      if (!(e.path instanceof Uint8Array) || e.path.length !== PATH_LEN) throw new ArgumentError(`entries[${i}].path must be ${PATH_LEN} bytes`);
      pathCount++;
    }
    if (e.oldLeaf !== null) checkLeaf(e.oldLeaf, `entries[${i}].oldLeaf`);
    if (e.newLeaf !== null) checkLeaf(e.newLeaf, `entries[${i}].newLeaf`);
    if (e.oldLeaf === null && e.newLeaf === null) throw new ArgumentError(`entries[${i}] has neither an old nor a new leaf`);
  }
  if (entries.length === 0) return { readRoot: null, writeRoot: null, hashes: 0 };

  const w = wasm();
  const l = layoutOf(w);
  const entriesLen = entries.length * l.entryLen;
  const base = w.exports.merkleReserve(entriesLen + pathCount * PATH_LEN);
  if (w.viewsStale) w.refreshViews();
  const u8 = w.u8;
  const dv = w.dv;
  let pathPtr = base + entriesLen;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const p = base + i * l.entryLen;
    dv.setUint32(p + l.index, e.index % TWO_POW_32, true);
    dv.setUint32(p + l.index + 4, Math.floor(e.index / TWO_POW_32), true);
    let flags = 0;
    if (e.path !== null) {
      u8.set(e.path, pathPtr);
      dv.setUint32(p + l.path, pathPtr, true);
      pathPtr += PATH_LEN;
    } else {
      dv.setUint32(p + l.path, 0, true);
    }
    if (e.oldLeaf !== null) {
      encodeLeafInto(e.oldLeaf, u8, p + l.old);
      flags |= l.flagOld;
    }
    if (e.newLeaf !== null) {
      encodeLeafInto(e.newLeaf, u8, p + l.new);
      flags |= l.flagNew;
    }
    dv.setUint32(p + l.flags, flags, true);
  }
  const hashes = w.exports.merkleFoldBatch(base, entries.length);
  const flags = dv.getUint32(base + l.flags, true);
  return {
    readRoot: flags & l.flagOld ? u8.slice(base + l.old, base + l.old + 32) : null,
    writeRoot: flags & l.flagNew ? u8.slice(base + l.new, base + l.new + 32) : null,
    hashes,
  };
}
