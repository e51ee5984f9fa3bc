// State-tree Merkle folding (zksync-os-reference.md §3.2, §3.6): the 72-byte leaf hash, one depth-64
// path folded per call, and the batched fold of StateRootView::verify_and_apply_batch, which walks
// all touched paths level by level so a node shared by several paths is hashed once, and computes
// the old (read) and new (write) root side by side.

import { MERKLE_EMPTY_PTR, MERKLE_SCRATCH_PTR } from "../layout";
import { CIV_PTR } from "../blake2s/constants";
import { compress } from "../blake2s/compress";
import { blake2sNode64 } from "../blake2s/node";

/** Tree height: 2^64 leaf slots. */
export const MERKLE_DEPTH: i32 = 64;
/** Encoded leaf: key 32 ‖ value 32 ‖ next u64 little-endian. */
export const MERKLE_LEAF_LEN: i32 = 72;
/** One proof path: 64 sibling hashes, leaf level first. */
export const MERKLE_PATH_LEN: i32 = 64 * 32;

// Batch entry record (MERKLE_ENTRY_LEN bytes). On input the leaves; after the leaf stage the read
// hash replaces the old leaf and the write hash the new one, so the fold works in place.
export const MERKLE_ENTRY_LEN: i32 = 160;
/** u64 position at the current level (the leaf index on input). */
export const MERKLE_ENTRY_INDEX: i32 = 0;
/** u32 address of the proof path whose siblings this entry uses, 0 = siblings are empty subtrees. */
export const MERKLE_ENTRY_PATH: i32 = 8;
/** u32 flags: MERKLE_FLAG_OLD, MERKLE_FLAG_NEW. */
export const MERKLE_ENTRY_FLAGS: i32 = 12;
/** Old leaf (72 bytes), then the read hash. */
export const MERKLE_ENTRY_OLD: i32 = 16;
/** New leaf (72 bytes), then the write hash. */
export const MERKLE_ENTRY_NEW: i32 = 88;
/** The entry existed in the committed tree: it has a read side. */
export const MERKLE_FLAG_OLD: u32 = 1;
/** The entry is modified or appended: it has a write side (absent = the write side equals the read side). */
export const MERKLE_FLAG_NEW: u32 = 2;

let emptyReady = false;
let arenaPtr: usize = 0;
let arenaLen: usize = 0;

/** Fills MERKLE_EMPTY_PTR: empty[0] = hash of the all-zero leaf, empty[h+1] = node(empty[h], empty[h]). */
function ensureEmpty(): void {
  if (emptyReady) return;
  const zeroLeafPtr = MERKLE_SCRATCH_PTR + 128;
  leafHash(zeroLeafPtr, MERKLE_EMPTY_PTR);
  for (let h = 0; h < MERKLE_DEPTH; h++) {
    const p = MERKLE_EMPTY_PTR + (<usize>h << 5);
    blake2sNode64(p, p, p + 32);
  }
  emptyReady = true;
}

// Blake2s(key ‖ value ‖ next): the first block is key ‖ value straight from the leaf, the second
// holds the 8 bytes of next. Invariant: only bytes 0..8 of the pad block are ever written, so the
// other 56 stay zero. outPtr may alias the leaf: each compression reads its inputs before storing.
function leafHash(leafPtr: usize, outPtr: usize): void {
  const hPtr = MERKLE_SCRATCH_PTR;
  const padPtr = MERKLE_SCRATCH_PTR + 64;
  compress(CIV_PTR, hPtr, leafPtr, leafPtr + 32, 64, 0, 0);
  store<u64>(padPtr, load<u64>(leafPtr, 64));
  compress(hPtr, outPtr, padPtr, padPtr + 32, 72, 0, 0xffffffff);
}

/** The address of the 65 empty-subtree hashes (height 0 = empty leaf … 64 = empty tree root). */
export function merkleEmptyHashes(): usize {
  ensureEmpty();
  return MERKLE_EMPTY_PTR;
}

/** Leaf hash of the 72-byte leaf at leafPtr into 32 bytes at outPtr (may alias). */
export function merkleLeafHash(leafPtr: usize, outPtr: usize): void {
  leafHash(leafPtr, outPtr);
}

/** Leaf hashes of `count` consecutive 72-byte leaves into `count` consecutive 32-byte hashes. */
export function merkleLeafHashes(leavesPtr: usize, count: i32, outPtr: usize): void {
  for (let i = 0; i < count; i++) {
    leafHash(leavesPtr + <usize>i * 72, outPtr + (<usize>i << 5));
  }
}

/** dst[i] = node(src[2i], src[2i+1]) for i < pairCount; dst may equal src (pair i is read before slot i is written). */
export function merkleHashPairs(srcPtr: usize, pairCount: i32, dstPtr: usize): void {
  for (let i = 0; i < pairCount; i++) {
    const s = srcPtr + (<usize>i << 6);
    blake2sNode64(s, s + 32, dstPtr + (<usize>i << 5));
  }
}

/** Root of the path: leaf hash of the leaf at leafPtr, then 64 nodes; bit h of the index = 1 ⇒ the current node is a right child. */
export function merkleFoldPath(leafPtr: usize, indexLo: u32, indexHi: u32, pathPtr: usize, outPtr: usize): void {
  leafHash(leafPtr, outPtr);
  let index = (<u64>indexHi << 32) | <u64>indexLo;
  for (let h = 0; h < MERKLE_DEPTH; h++) {
    const sibling = pathPtr + (<usize>h << 5);
    if ((index & 1) == 0) blake2sNode64(outPtr, sibling, outPtr);
    else blake2sNode64(sibling, outPtr, outPtr);
    index >>= 1;
  }
}

/** A region of at least `len` bytes for a batch (entries then paths); reused while large enough, may grow memory. */
export function merkleReserve(len: usize): usize {
  if (len > arenaLen) {
    const cap = max<usize>(len, arenaLen << 1);
    arenaPtr = heap.alloc(cap);
    arenaLen = cap;
  }
  return arenaPtr;
}

// One entry alone at this level: its sibling comes from its path, or is the empty subtree.
@inline
function foldSingle(a: usize, dst: usize, level: i32, hashes: i32): i32 {
  const index = load<u64>(a, MERKLE_ENTRY_INDEX);
  const pathPtr = <usize>load<u32>(a, MERKLE_ENTRY_PATH);
  const flags = load<u32>(a, MERKLE_ENTRY_FLAGS);
  const sibling = pathPtr != 0 ? pathPtr + (<usize>level << 5) : MERKLE_EMPTY_PTR + (<usize>level << 5);
  const isLeft = (index & 1) == 0;
  if (flags & MERKLE_FLAG_NEW) {
    const w = a + MERKLE_ENTRY_NEW;
    if (isLeft) blake2sNode64(w, sibling, dst + MERKLE_ENTRY_NEW);
    else blake2sNode64(sibling, w, dst + MERKLE_ENTRY_NEW);
    hashes++;
  }
  if (flags & MERKLE_FLAG_OLD) {
    const r = a + MERKLE_ENTRY_OLD;
    if (isLeft) blake2sNode64(r, sibling, dst + MERKLE_ENTRY_OLD);
    else blake2sNode64(sibling, r, dst + MERKLE_ENTRY_OLD);
    hashes++;
  }
  store<u64>(dst, index >> 1, MERKLE_ENTRY_INDEX);
  store<u32>(dst, <u32>pathPtr, MERKLE_ENTRY_PATH);
  store<u32>(dst, flags, MERKLE_ENTRY_FLAGS);
  return hashes;
}

// Two siblings meet. A missing read side is the empty subtree (an appended leaf); a missing write
// side is the unchanged read side. The write side is hashed first because dst may be a, whose read
// hash the write side may still need.
@inline
function foldPair(a: usize, b: usize, dst: usize, level: i32, hashes: i32): i32 {
  const fa = load<u32>(a, MERKLE_ENTRY_FLAGS);
  const fb = load<u32>(b, MERKLE_ENTRY_FLAGS);
  const emptyPtr = MERKLE_EMPTY_PTR + (<usize>level << 5);
  const aRead = (fa & MERKLE_FLAG_OLD) ? a + MERKLE_ENTRY_OLD : emptyPtr;
  const bRead = (fb & MERKLE_FLAG_OLD) ? b + MERKLE_ENTRY_OLD : emptyPtr;
  const flags = fa | fb;
  if (flags & MERKLE_FLAG_NEW) {
    const aWrite = (fa & MERKLE_FLAG_NEW) ? a + MERKLE_ENTRY_NEW : aRead;
    const bWrite = (fb & MERKLE_FLAG_NEW) ? b + MERKLE_ENTRY_NEW : bRead;
    blake2sNode64(aWrite, bWrite, dst + MERKLE_ENTRY_NEW);
    hashes++;
  }
  if (flags & MERKLE_FLAG_OLD) {
    blake2sNode64(aRead, bRead, dst + MERKLE_ENTRY_OLD);
    hashes++;
  }
  store<u64>(dst, load<u64>(a, MERKLE_ENTRY_INDEX) >> 1, MERKLE_ENTRY_INDEX);
  store<u32>(dst, load<u32>(a, MERKLE_ENTRY_PATH), MERKLE_ENTRY_PATH);
  store<u32>(dst, flags, MERKLE_ENTRY_FLAGS);
  return hashes;
}

/**
 * Folds `count` entries sorted by strictly increasing leaf index up to the root; returns the number
 * of hashes computed (leaves and nodes). The roots end in entry 0: read hash at MERKLE_ENTRY_OLD (if
 * MERKLE_FLAG_OLD), write hash at MERKLE_ENTRY_NEW (if MERKLE_FLAG_NEW). Entries are rewritten in place.
 */
export function merkleFoldBatch(entriesPtr: usize, count: i32): i32 {
  ensureEmpty();
  const entryLen = <usize>MERKLE_ENTRY_LEN;
  let hashes = 0;
  for (let i = 0; i < count; i++) {
    const e = entriesPtr + <usize>i * entryLen;
    const flags = load<u32>(e, MERKLE_ENTRY_FLAGS);
    if (flags & MERKLE_FLAG_OLD) {
      leafHash(e + MERKLE_ENTRY_OLD, e + MERKLE_ENTRY_OLD);
      hashes++;
    }
    if (flags & MERKLE_FLAG_NEW) {
      leafHash(e + MERKLE_ENTRY_NEW, e + MERKLE_ENTRY_NEW);
      hashes++;
    }
  }
  let len = count;
  for (let level = 0; level < MERKLE_DEPTH; level++) {
    // Invariant: w <= r, so an entry is consumed before its slot is overwritten.
    let r = 0;
    let w = 0;
    while (r < len) {
      const a = entriesPtr + <usize>r * entryLen;
      const dst = entriesPtr + <usize>w * entryLen;
      if (r + 1 < len) {
        const b = a + entryLen;
        if ((load<u64>(a, MERKLE_ENTRY_INDEX) >> 1) == (load<u64>(b, MERKLE_ENTRY_INDEX) >> 1)) {
          hashes = foldPair(a, b, dst, level, hashes);
          r += 2;
          w++;
          continue;
        }
      }
      hashes = foldSingle(a, dst, level, hashes);
      r++;
      w++;
    }
    len = w;
  }
  return hashes;
}
