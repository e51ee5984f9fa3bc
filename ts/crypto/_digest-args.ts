/**
 * Argument checks and the digest copy shared by the hash APIs (keccak.ts, blake2s.ts): both hand
 * out 32-byte digests from the core's out area.
 * @module
 */
import { ArgumentError } from "../errors";

/** Bytes in every digest these APIs produce. */
export const DIGEST_LEN = 32;

/** @throws ArgumentError when `value` is not a Uint8Array */
export function checkBytes(name: string, value: unknown): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new ArgumentError(`${name} must be a Uint8Array, got ${value === null ? "null" : typeof value}`);
  }
}

/** @throws ArgumentError when `out` has no room for a digest at `outOffset` */
export function checkOut(out: unknown, outOffset: unknown): asserts out is Uint8Array {
  checkBytes("out", out);
  if (typeof outOffset !== "number" || !Number.isInteger(outOffset) || outOffset < 0 || outOffset + DIGEST_LEN > out.length) {
    throw new ArgumentError(`outOffset ${String(outOffset)} leaves no room for ${DIGEST_LEN} bytes in an output of ${out.length} bytes`);
  }
}

// A loop beats out.set(u8.subarray(…)) for 32 bytes and allocates nothing.
export function copyDigest(u8: Uint8Array, outPtr: number, out: Uint8Array, outOffset: number): void {
  for (let i = 0; i < DIGEST_LEN; i++) out[outOffset + i] = u8[outPtr + i]!;
}
