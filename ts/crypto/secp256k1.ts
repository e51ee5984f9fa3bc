/**
 * secp256k1 ECDSA public-key and Ethereum address recovery over the WASM core (as/secp256k1/).
 * Raw recovery: r and s must lie in [1, n), the recovery id is the y parity of R (0/1), the hash
 * is taken mod n, and high s is accepted (EIP-2's low-s rule belongs to the caller). A signature
 * that recovers nothing gives null, never an exception.
 * @module
 */
import { ArgumentError } from "../errors";
import { wasm, type Wasm } from "../wasm";

/** Bytes of one recovery record in WASM memory: hash ‖ r ‖ s (32 bytes big-endian each) ‖ y parity. */
export const RECOVERY_RECORD_LEN = 97;
/** Bytes of one batch result: status byte ‖ 20-byte address. */
export const RECOVERY_RESULT_LEN = 21;

/** Status codes of as/secp256k1/recover.ts. */
export const SecpStatus = {
  ok: 0,
  /** r is 0 or ≥ n. */
  rOutOfRange: 1,
  /** s is 0 or ≥ n. */
  sOutOfRange: 2,
  /** The recovery id is not 0 or 1. */
  badRecoveryId: 3,
  /** x = r is not the abscissa of a curve point. */
  notOnCurve: 4,
  /** The recovered point is at infinity. */
  infinity: 5,
} as const;

/** A signature component: a non-negative integer, or up to 32 big-endian bytes. */
export type SignatureScalar = bigint | Uint8Array;

/** One signature to recover from: the 32-byte signed hash, r, s and the y parity of R. */
export interface RecoveryItem {
  readonly hash: Uint8Array;
  readonly r: SignatureScalar;
  readonly s: SignatureScalar;
  readonly yParity: 0 | 1;
}

const TWO_256 = 1n << 256n;
const MASK32 = 0xffffffffn;

// Writes a scalar as 32 big-endian bytes at `at`; false when it cannot be one (negative, ≥ 2^256,
// longer than 32 bytes), which no valid signature is.
function putScalar(u8: Uint8Array, at: number, v: SignatureScalar, name: string): boolean {
  if (typeof v === "bigint") {
    if (v < 0n || v >= TWO_256) return false;
    for (let i = 28; i >= 0; i -= 4) {
      const word = Number(v & MASK32);
      u8[at + i] = word >>> 24;
      u8[at + i + 1] = (word >>> 16) & 0xff;
      u8[at + i + 2] = (word >>> 8) & 0xff;
      u8[at + i + 3] = word & 0xff;
      v >>= 32n;
    }
    return true;
  }
  if (!(v instanceof Uint8Array)) throw new ArgumentError(`${name} must be a bigint or a Uint8Array`);
  if (v.length > 32) return false;
  u8.fill(0, at, at + 32 - v.length);
  u8.set(v, at + 32 - v.length);
  return true;
}

function checkHash(hash: unknown): asserts hash is Uint8Array {
  if (!(hash instanceof Uint8Array) || hash.length !== 32) {
    throw new ArgumentError(`hash must be a 32-byte Uint8Array, got ${hash instanceof Uint8Array ? `${hash.length} bytes` : typeof hash}`);
  }
}

function checkParity(yParity: unknown): asserts yParity is 0 | 1 {
  if (yParity !== 0 && yParity !== 1) throw new ArgumentError(`yParity must be 0 or 1, got ${String(yParity)}`);
}

/**
 * Packs one signature into the 97-byte record form at `out[offset..]` (as the WASM core and the
 * recovery workers read it). Returns false when r or s cannot be a 256-bit number (the record is
 * then written with r = 0, which recovers to null). Throws ArgumentError on a malformed hash or parity.
 */
export function encodeRecoveryRecord(out: Uint8Array, offset: number, item: RecoveryItem): boolean {
  checkHash(item.hash);
  checkParity(item.yParity);
  out.set(item.hash, offset);
  const ok = putScalar(out, offset + 32, item.r, "r") && putScalar(out, offset + 64, item.s, "s");
  if (!ok) out.fill(0, offset + 32, offset + 64);
  out[offset + 96] = item.yParity;
  return ok;
}

// Writes the record into the mailbox; false when it cannot recover.
function stage(w: Wasm, hash: Uint8Array, r: SignatureScalar, s: SignatureScalar, yParity: 0 | 1): boolean {
  return encodeRecoveryRecord(w.u8, w.mailboxPtr, { hash, r, s, yParity });
}

/**
 * The public key that signed `hash` with (r, s) and recovery id `yParity`, as 65 bytes
 * 0x04 ‖ x ‖ y, or null when none recovers (r or s outside [1, n), no point with x = r, or the
 * result at infinity).
 */
export function recoverPublicKey(hash: Uint8Array, r: SignatureScalar, s: SignatureScalar, yParity: 0 | 1): Uint8Array | null {
  const w = wasm();
  if (!stage(w, hash, r, s, yParity)) return null;
  if (w.exports.secpRecover(w.mailboxPtr, w.outPtr) !== SecpStatus.ok) return null;
  const out = new Uint8Array(65);
  out[0] = 4;
  out.set(w.u8.subarray(w.outPtr, w.outPtr + 64), 1);
  return out;
}

/** The 20-byte Ethereum address (keccak256(x ‖ y)[12..32]) that signed `hash`, or null; see {@link recoverPublicKey}. */
export function recoverAddress(hash: Uint8Array, r: SignatureScalar, s: SignatureScalar, yParity: 0 | 1): Uint8Array | null {
  const w = wasm();
  if (!stage(w, hash, r, s, yParity)) return null;
  if (w.exports.secpRecoverAddress(w.mailboxPtr, w.outPtr) !== SecpStatus.ok) return null;
  return w.u8.slice(w.outPtr, w.outPtr + 20);
}

/**
 * Recovers the addresses of `count` packed 97-byte records (see {@link encodeRecoveryRecord}) in
 * the installed core, a mailbox-full per call. Returns `count` results of 21 bytes: status byte
 * (a {@link SecpStatus} value), then the address (zeros on failure).
 */
export function recoverAddressesPacked(records: Uint8Array, count: number): Uint8Array {
  if (!Number.isInteger(count) || count < 0 || records.length < count * RECOVERY_RECORD_LEN) {
    throw new ArgumentError(`records hold ${records.length} bytes, fewer than ${count} records of ${RECOVERY_RECORD_LEN}`);
  }
  const w = wasm();
  const out = new Uint8Array(count * RECOVERY_RESULT_LEN);
  const perCall = Math.floor(w.mailboxLen / (RECOVERY_RECORD_LEN + RECOVERY_RESULT_LEN));
  const resultsPtr = w.mailboxPtr + perCall * RECOVERY_RECORD_LEN;
  for (let at = 0; at < count; at += perCall) {
    const n = Math.min(perCall, count - at);
    w.u8.set(records.subarray(at * RECOVERY_RECORD_LEN, (at + n) * RECOVERY_RECORD_LEN), w.mailboxPtr);
    w.exports.secpRecoverAddresses(w.mailboxPtr, n, resultsPtr);
    out.set(w.u8.subarray(resultsPtr, resultsPtr + n * RECOVERY_RESULT_LEN), at * RECOVERY_RESULT_LEN);
  }
  return out;
}

/** Splits 21-byte batch results into addresses (null where the status is not ok). */
export function unpackAddresses(results: Uint8Array, count: number): (Uint8Array | null)[] {
  const out: (Uint8Array | null)[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const at = i * RECOVERY_RESULT_LEN;
    out[i] = results[at] === SecpStatus.ok ? results.slice(at + 1, at + RECOVERY_RESULT_LEN) : null;
  }
  return out;
}

/**
 * Recovers the 97-byte record at `records[recordAt]` into the 21-byte result at `results[resultAt]`
 * (status byte, then the address or zeros), through the installed core's mailbox. The arrays may be
 * views of a SharedArrayBuffer (ts/crypto/recovery-job.ts).
 */
export function recoverRecordInto(records: Uint8Array, recordAt: number, results: Uint8Array, resultAt: number): void {
  const w = wasm();
  w.u8.set(records.subarray(recordAt, recordAt + RECOVERY_RECORD_LEN), w.mailboxPtr);
  const status = w.exports.secpRecoverAddress(w.mailboxPtr, w.outPtr);
  results[resultAt] = status;
  if (status === SecpStatus.ok) results.set(w.u8.subarray(w.outPtr, w.outPtr + 20), resultAt + 1);
  else results.fill(0, resultAt + 1, resultAt + RECOVERY_RESULT_LEN);
}
