/**
 * Blake2s-256 (RFC 7693, unkeyed, 32-byte digest) over the WASM kernel in as/blake2s/: one-shot,
 * allocation-free `…Into` variants, incremental hashers, and the state tree's node hash
 * Blake2s(left ‖ right) (zksync-os-reference.md §3.2). Input goes through the mailbox in chunks.
 * @module
 */
import { ArgumentError, ZkosError } from "../errors";
import { wasm, type Wasm } from "../wasm";
import { checkBytes, checkOut, copyDigest } from "./_digest-args";

/** Bytes in a Blake2s-256 digest, and in each child of a Merkle node. */
export const BLAKE2S_DIGEST_LEN = 32;

// The hasher record in WASM memory (as/layout.ts BLAKE2S_STATE_PTR), per core instance. It holds
// the state of one hasher, its owner; another hasher that needs it first copies the owner's record
// out to the owner's own bytes (the record is position-independent). A hasher fed alone never copies,
// and no WASM memory is tied to a hasher's lifetime, so nothing needs freeing.
interface Slot {
  readonly w: Wasm;
  readonly statePtr: number;
  readonly stateLen: number;
  owner: Blake2s256 | null;
}

const slots = new WeakMap<Wasm, Slot>();
let lastSlot: Slot | undefined;
/** Records of hashers that were copied out of the slot. */
const spilled = new WeakMap<Blake2s256, Uint8Array>();

function slotFor(w: Wasm): Slot {
  if (lastSlot !== undefined && lastSlot.w === w) return lastSlot;
  let s = slots.get(w);
  if (s === undefined) {
    const e = w.exports;
    s = { w, statePtr: e.BLAKE2S_STATE_PTR.value as number, stateLen: e.BLAKE2S_STATE_LEN.value as number, owner: null };
    slots.set(w, s);
  }
  lastSlot = s;
  return s;
}

// Copies the slot's owner (if any) out of WASM memory, leaving the slot free.
function evict(slot: Slot): void {
  const owner = slot.owner;
  if (owner === null) return;
  const saved = spilled.get(owner) ?? new Uint8Array(slot.stateLen);
  saved.set(slot.w.u8.subarray(slot.statePtr, slot.statePtr + slot.stateLen));
  spilled.set(owner, saved);
  slot.owner = null;
}

// Absorbs data into the state record at statePtr, one mailbox-sized chunk per call.
function absorb(w: Wasm, statePtr: number, data: Uint8Array): void {
  const { mailboxPtr, mailboxLen } = w;
  const e = w.exports;
  if (data.length <= mailboxLen) {
    w.u8.set(data, mailboxPtr);
    e.blake2sUpdate(statePtr, mailboxPtr, data.length);
    return;
  }
  for (let off = 0; off < data.length; off += mailboxLen) {
    const chunk = data.subarray(off, Math.min(off + mailboxLen, data.length));
    w.u8.set(chunk, mailboxPtr);
    e.blake2sUpdate(statePtr, mailboxPtr, chunk.length);
  }
}

// Hashes data into the core's out area: one call when it fits the mailbox, else in chunks through the slot.
function hashToOutArea(w: Wasm, data: Uint8Array): void {
  if (data.length <= w.mailboxLen) {
    w.u8.set(data, w.mailboxPtr);
    w.exports.blake2s256Mem(w.mailboxPtr, data.length, w.outPtr);
    return;
  }
  const slot = slotFor(w);
  evict(slot);
  w.exports.blake2sInit(slot.statePtr);
  absorb(w, slot.statePtr, data);
  w.exports.blake2sFinal(slot.statePtr, w.outPtr);
}

/**
 * Blake2s-256 of `data`.
 * @param data - the message, any length
 * @returns a new 32-byte digest
 * @throws ArgumentError if `data` is not a Uint8Array
 */
export function blake2s256(data: Uint8Array): Uint8Array {
  checkBytes("data", data);
  const w = wasm();
  hashToOutArea(w, data);
  return w.u8.slice(w.outPtr, w.outPtr + BLAKE2S_DIGEST_LEN);
}

/**
 * Blake2s-256 of `data`, written into `out` at `outOffset` (no allocation).
 * @param data - the message, any length
 * @param out - receives 32 bytes at `outOffset`
 * @param outOffset - where the digest starts in `out` (default 0)
 * @throws ArgumentError if an argument is not a Uint8Array or `out` has no room at `outOffset`
 */
export function blake2s256Into(data: Uint8Array, out: Uint8Array, outOffset = 0): void {
  checkBytes("data", data);
  checkOut(out, outOffset);
  const w = wasm();
  hashToOutArea(w, data);
  copyDigest(w.u8, w.outPtr, out, outOffset);
}

function checkNode(left: unknown, right: unknown): void {
  checkBytes("left", left);
  checkBytes("right", right);
  if (left.length !== BLAKE2S_DIGEST_LEN || right.length !== BLAKE2S_DIGEST_LEN) {
    throw new ArgumentError(`a Merkle node joins two 32-byte children, got ${left.length} and ${right.length} bytes`);
  }
}

// Node hash into the core's out area; the children are laid side by side in the mailbox.
function nodeToOutArea(w: Wasm, left: Uint8Array, right: Uint8Array): void {
  const mb = w.mailboxPtr;
  w.u8.set(left, mb);
  w.u8.set(right, mb + BLAKE2S_DIGEST_LEN);
  w.exports.blake2sNode64(mb, mb + BLAKE2S_DIGEST_LEN, w.outPtr);
}

/**
 * The state tree's node hash: Blake2s-256(left ‖ right) (zksync-os-reference.md §3.2).
 * @param left - the left child, 32 bytes
 * @param right - the right child, 32 bytes
 * @returns a new 32-byte digest
 * @throws ArgumentError if a child is not a 32-byte Uint8Array
 */
export function blake2sNode(left: Uint8Array, right: Uint8Array): Uint8Array {
  checkNode(left, right);
  const w = wasm();
  nodeToOutArea(w, left, right);
  return w.u8.slice(w.outPtr, w.outPtr + BLAKE2S_DIGEST_LEN);
}

/**
 * {@link blake2sNode} written into `out` at `outOffset` (no allocation).
 * @throws ArgumentError if a child is not a 32-byte Uint8Array or `out` has no room at `outOffset`
 */
export function blake2sNodeInto(left: Uint8Array, right: Uint8Array, out: Uint8Array, outOffset = 0): void {
  checkNode(left, right);
  checkOut(out, outOffset);
  const w = wasm();
  nodeToOutArea(w, left, right);
  copyDigest(w.u8, w.outPtr, out, outOffset);
}

/**
 * Incremental Blake2s-256. Any number of hashers can be fed interleaved; each keeps its own state.
 * After `digest`/`digestInto` the hasher is spent.
 *
 * @example
 * const h = new Blake2s256();
 * h.update(a).update(b);
 * const d = h.digest(); // = blake2s256(a ‖ b)
 */
export class Blake2s256 {
  private readonly slot: Slot;
  private finished = false;

  /** Starts an empty message on the currently installed core. */
  constructor() {
    const slot = slotFor(wasm());
    evict(slot);
    slot.w.exports.blake2sInit(slot.statePtr);
    slot.owner = this;
    this.slot = slot;
  }

  /**
   * Absorbs `data`.
   * @returns this hasher, for chaining
   * @throws ArgumentError if `data` is not a Uint8Array
   * @throws ZkosError if the hasher was already finalized
   */
  update(data: Uint8Array): this {
    checkBytes("data", data);
    this.claim();
    absorb(this.slot.w, this.slot.statePtr, data);
    return this;
  }

  /**
   * Finalizes and returns the digest of everything absorbed.
   * @returns a new 32-byte digest
   * @throws ZkosError if the hasher was already finalized
   */
  digest(): Uint8Array {
    this.claim();
    const w = this.slot.w;
    this.finish();
    return w.u8.slice(w.outPtr, w.outPtr + BLAKE2S_DIGEST_LEN);
  }

  /**
   * Finalizes and writes the digest into `out` at `outOffset` (no allocation).
   * @throws ArgumentError if `out` is not a Uint8Array or has no room at `outOffset`
   * @throws ZkosError if the hasher was already finalized
   */
  digestInto(out: Uint8Array, outOffset = 0): void {
    checkOut(out, outOffset);
    this.claim();
    const w = this.slot.w;
    this.finish();
    copyDigest(w.u8, w.outPtr, out, outOffset);
  }

  // Makes this hasher's record the one in the slot.
  private claim(): void {
    if (this.finished) throw new ZkosError("Blake2s256: digest() was already called on this hasher");
    const slot = this.slot;
    if (slot.owner === this) return;
    // Invariant: a live hasher that does not own the slot was evicted, so its record is spilled.
    const saved = spilled.get(this) as Uint8Array;
    evict(slot);
    slot.w.u8.set(saved, slot.statePtr);
    slot.owner = this;
  }

  // Writes the digest to the core's out area; the record is spent, so the slot is left free.
  private finish(): void {
    const slot = this.slot;
    slot.w.exports.blake2sFinal(slot.statePtr, slot.w.outPtr);
    slot.owner = null;
    this.finished = true;
  }
}
