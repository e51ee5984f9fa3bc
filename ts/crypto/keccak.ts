/**
 * Keccak-256 (the original Keccak padding that Ethereum uses; not SHA3-256) over the WASM kernel
 * in as/keccak/: one-shot, allocation-free `…Into`, and the incremental {@link Keccak256}.
 * Input that fits the mailbox costs one boundary call; larger input goes through in chunks.
 * @module
 */
import { ZkosError } from "../errors";
import { wasm, type Wasm } from "../wasm";
import { checkBytes, checkOut, copyDigest } from "./_digest-args";

/** Bytes in a Keccak-256 digest. */
export const KECCAK256_DIGEST_LEN = 32;

// Absorbs data into the hasher struct at statePtr, one mailbox-sized chunk per call.
function absorb(w: Wasm, statePtr: number, data: Uint8Array): void {
  const { mailboxPtr, mailboxLen } = w;
  const update = w.exports.keccakUpdate;
  for (let off = 0; off < data.length; off += mailboxLen) {
    const end = Math.min(off + mailboxLen, data.length);
    w.u8.set(off === 0 && end === data.length ? data : data.subarray(off, end), mailboxPtr);
    update(statePtr, mailboxPtr, end - off);
  }
}

// Where a hasher's state lives when it is not in its core's slot.
interface Parked {
  readonly w: Wasm;
  readonly statePtr: number;
  /** The hasher struct of as/keccak/sponge.ts as u32 words; stale while this is the resident. */
  readonly state: Uint32Array;
}

// The KECCAK_STATE_PTR slot holds the state of at most one hasher, the resident; every other
// hasher keeps its state in its own bytes. A hasher swaps itself in before touching the slot and
// the previous resident is written back first, so consecutive updates of one hasher copy nothing
// and interleaved hashers stay independent.
let resident: Parked | undefined;

function evictResident(): void {
  if (resident === undefined) return;
  const { w, statePtr, state } = resident;
  const u32 = w.u32;
  // KECCAK_STATE_PTR is 16-aligned (as/layout.ts), so the slot is whole words of the u32 view.
  for (let i = 0, j = statePtr >>> 2; i < state.length; i++, j++) state[i] = u32[j]!;
  resident = undefined;
}

function swapIn(p: Parked): void {
  if (resident === p) return;
  evictResident();
  p.w.u32.set(p.state, p.statePtr >>> 2);
  resident = p;
}

// Hashes data into the core's out area: one call when it fits the mailbox, else through the slot.
function hashToOutArea(w: Wasm, data: Uint8Array): void {
  if (data.length <= w.mailboxLen) {
    w.u8.set(data, w.mailboxPtr);
    w.exports.keccakHash(w.mailboxPtr, data.length, w.outPtr);
    return;
  }
  evictResident();
  const statePtr = w.exports.KECCAK_STATE_PTR.value as number;
  w.exports.keccakInit(statePtr);
  absorb(w, statePtr, data);
  w.exports.keccakFinal(statePtr, w.outPtr);
}

/**
 * Keccak-256 of `data`.
 * @param data - the message, any length
 * @returns a new 32-byte digest
 * @throws ArgumentError if `data` is not a Uint8Array
 */
export function keccak256(data: Uint8Array): Uint8Array {
  checkBytes("data", data);
  const w = wasm();
  hashToOutArea(w, data);
  return w.u8.slice(w.outPtr, w.outPtr + KECCAK256_DIGEST_LEN);
}

/**
 * Keccak-256 of `data`, written into `out` at `outOffset`. Allocates nothing when `data` fits the
 * mailbox (64 KiB); larger input costs one subarray view per 64 KiB chunk.
 * @param data - the message, any length
 * @param out - receives 32 bytes at `outOffset`; may be `data` itself
 * @param outOffset - where the digest starts in `out` (default 0)
 * @throws ArgumentError if an argument is not a Uint8Array or `out` has no room at `outOffset`
 */
export function keccak256Into(data: Uint8Array, out: Uint8Array, outOffset = 0): void {
  checkBytes("data", data);
  checkOut(out, outOffset);
  const w = wasm();
  hashToOutArea(w, data);
  copyDigest(w.u8, w.outPtr, out, outOffset);
}

/**
 * Incremental Keccak-256. Any number of hashers can be fed interleaved; their states take turns
 * in one WASM slot, so a hasher holds no WASM memory and needs no cleanup. After
 * `digest`/`digestInto` the hasher is spent.
 *
 * @example
 * const h = new Keccak256();
 * h.update(a).update(b);
 * const d = h.digest(); // = keccak256(a ‖ b)
 */
export class Keccak256 {
  private readonly p: Parked;
  private finished = false;

  /** Starts an empty message on the currently installed core. */
  constructor() {
    const w = wasm();
    this.p = {
      w,
      statePtr: w.exports.KECCAK_STATE_PTR.value as number,
      state: new Uint32Array((w.exports.KECCAK_STATE_LEN.value as number) >>> 2),
    };
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
    swapIn(this.p);
    absorb(this.p.w, this.p.statePtr, data);
    return this;
  }

  /**
   * Finalizes and returns the digest of everything absorbed.
   * @returns a new 32-byte digest
   * @throws ZkosError if the hasher was already finalized
   */
  digest(): Uint8Array {
    this.checkLive();
    this.finish();
    const w = this.p.w;
    return w.u8.slice(w.outPtr, w.outPtr + KECCAK256_DIGEST_LEN);
  }

  /**
   * Finalizes and writes the digest into `out` at `outOffset` (no allocation).
   * @param out - receives 32 bytes at `outOffset`
   * @param outOffset - where the digest starts in `out` (default 0)
   * @throws ArgumentError if `out` is not a Uint8Array or has no room at `outOffset`
   * @throws ZkosError if the hasher was already finalized
   */
  digestInto(out: Uint8Array, outOffset = 0): void {
    checkOut(out, outOffset);
    this.checkLive();
    this.finish();
    copyDigest(this.p.w.u8, this.p.w.outPtr, out, outOffset);
  }

  private checkLive(): void {
    if (this.finished) throw new ZkosError("Keccak256: digest() was already called on this hasher");
  }

  // Pads in the slot and leaves the digest in the core's out area; the slot is free afterwards.
  private finish(): void {
    swapIn(this.p);
    this.p.w.exports.keccakFinal(this.p.statePtr, this.p.w.outPtr);
    this.finished = true;
    resident = undefined;
  }
}
