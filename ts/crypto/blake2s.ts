/**
 * Blake2s-256 (RFC 7693, unkeyed, 32-byte digest) over the WASM kernel in as/blake2s/: one-shot,
 * allocation-free `…Into` variants, incremental hashers, and the state tree's node hash
 * Blake2s(left ‖ right) (zksync-os-reference.md §3.2). Input goes through the mailbox in chunks.
 * @module
 */
import { ArgumentError, ZkosError } from "../errors";
import { wasm, type Wasm } from "../wasm";

/** Bytes in a Blake2s-256 digest, and in each child of a Merkle node. */
export const BLAKE2S_DIGEST_LEN = 32;

// State records of incremental hashers, per core instance. A record returns to its pool when its
// hasher is finalized or garbage-collected, so the never-freeing AS allocator is called only when
// more hashers are alive at once than ever before.
const pools = new WeakMap<Wasm, number[]>();

interface Lease {
  readonly pool: number[];
  readonly statePtr: number;
}

const abandoned = new FinalizationRegistry<Lease>((lease) => {
  lease.pool.push(lease.statePtr);
});

function poolOf(w: Wasm): number[] {
  let pool = pools.get(w);
  if (pool === undefined) {
    pool = [];
    pools.set(w, pool);
  }
  return pool;
}

function takeState(w: Wasm, pool: number[]): number {
  const reused = pool.pop();
  if (reused !== undefined) return reused;
  const statePtr = w.exports.blake2sStateAlloc();
  if (w.viewsStale) w.refreshViews();
  return statePtr;
}

function checkBytes(name: string, value: unknown): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new ArgumentError(`${name} must be a Uint8Array, got ${value === null ? "null" : typeof value}`);
  }
}

function checkOut(out: unknown, outOffset: unknown): asserts out is Uint8Array {
  checkBytes("out", out);
  if (typeof outOffset !== "number" || !Number.isInteger(outOffset) || outOffset < 0 || outOffset + BLAKE2S_DIGEST_LEN > out.length) {
    throw new ArgumentError(
      `outOffset ${String(outOffset)} leaves no room for ${BLAKE2S_DIGEST_LEN} bytes in an output of ${out.length} bytes`,
    );
  }
}

// Copies the 32-byte digest from the core's out area. A loop beats set(subarray) at this size.
function copyDigest(u8: Uint8Array, outPtr: number, out: Uint8Array, outOffset: number): void {
  for (let i = 0; i < BLAKE2S_DIGEST_LEN; i++) out[outOffset + i] = u8[outPtr + i]!;
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

// Hashes data into the core's out area: one call when it fits the mailbox, else a pooled state.
function hashToOutArea(w: Wasm, data: Uint8Array): void {
  if (data.length <= w.mailboxLen) {
    w.u8.set(data, w.mailboxPtr);
    w.exports.blake2s256Mem(w.mailboxPtr, data.length, w.outPtr);
    return;
  }
  const pool = poolOf(w);
  const statePtr = takeState(w, pool);
  w.exports.blake2sInit(statePtr);
  absorb(w, statePtr, data);
  w.exports.blake2sFinal(statePtr, w.outPtr);
  pool.push(statePtr);
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
 * Incremental Blake2s-256. Each hasher owns a state record in WASM memory, so any number of
 * hashers can be fed interleaved. After `digest`/`digestInto` the hasher is spent.
 *
 * @example
 * const h = new Blake2s256();
 * h.update(a).update(b);
 * const d = h.digest(); // = blake2s256(a ‖ b)
 */
export class Blake2s256 {
  private readonly w: Wasm;
  private readonly pool: number[];
  private readonly statePtr: number;
  private finished = false;

  /** Starts an empty message on the currently installed core. */
  constructor() {
    const w = wasm();
    this.w = w;
    this.pool = poolOf(w);
    this.statePtr = takeState(w, this.pool);
    w.exports.blake2sInit(this.statePtr);
    abandoned.register(this, { pool: this.pool, statePtr: this.statePtr }, this);
  }

  /**
   * Absorbs `data`.
   * @returns this hasher, for chaining
   * @throws ArgumentError if `data` is not a Uint8Array
   * @throws ZkosError if the hasher was already finalized
   */
  update(data: Uint8Array): this {
    checkBytes("data", data);
    this.checkLive();
    absorb(this.w, this.statePtr, data);
    return this;
  }

  /**
   * Finalizes and returns the digest of everything absorbed.
   * @returns a new 32-byte digest
   * @throws ZkosError if the hasher was already finalized
   */
  digest(): Uint8Array {
    this.checkLive();
    const w = this.w;
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
    this.checkLive();
    const w = this.w;
    this.finish();
    copyDigest(w.u8, w.outPtr, out, outOffset);
  }

  private checkLive(): void {
    if (this.finished) throw new ZkosError("Blake2s256: digest() was already called on this hasher");
  }

  // Writes the digest to the core's out area and returns the state record to the pool.
  private finish(): void {
    this.w.exports.blake2sFinal(this.statePtr, this.w.outPtr);
    this.finished = true;
    abandoned.unregister(this);
    this.pool.push(this.statePtr);
  }
}
