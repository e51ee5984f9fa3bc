/**
 * 0x09 blake2f: the BLAKE2b compression function F with a caller-chosen round count (EIP-152,
 * RFC 7693 §3.2). Input is exactly 213 bytes: rounds (u32 BE) ‖ h (8 × u64 LE) ‖ m (16 × u64 LE)
 * ‖ t (2 × u64 LE) ‖ f (0 or 1). Gas = rounds. Ethereum profile only (ZKsync OS mocks it, §8).
 * @module
 */
import { fail, succeed, type Precompile, type PrecompileResult } from "./types";

const INPUT_BYTES = 213;

/** BLAKE2b IV as (low, high) u32 halves of the eight u64 words (RFC 7693 §2.6). */
const IV = new Uint32Array([
  0xf3bcc908, 0x6a09e667, 0x84caa73b, 0xbb67ae85, 0xfe94f82b, 0x3c6ef372, 0x5f1d36f1, 0xa54ff53a,
  0xade682d1, 0x510e527f, 0x2b3e6c1f, 0x9b05688c, 0xfb41bd6b, 0x1f83d9ab, 0x137e2179, 0x5be0cd19,
]);

/** Message schedule (RFC 7693 §2.7); round i uses row i mod 10. */
const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
].map((row) => Uint8Array.from(row));

/**
 * v[2i], v[2i + 1] hold the low and high halves of u64 word i; same layout for m. Module-level
 * scratch is safe: a compression runs synchronously to the end and never re-enters.
 */
const v = new Uint32Array(32);
const m = new Uint32Array(32);

/** v[a] += v[b] + m[x] (mod 2^64), on word indices. */
function add3(a: number, b: number, x: number): void {
  let lo = v[2 * a]! + v[2 * b]!;
  let hi = v[2 * a + 1]! + v[2 * b + 1]! + (lo > 0xffffffff ? 1 : 0);
  lo >>>= 0;
  const lo2 = lo + m[2 * x]!;
  hi += m[2 * x + 1]! + (lo2 > 0xffffffff ? 1 : 0);
  v[2 * a] = lo2;
  v[2 * a + 1] = hi;
}

/** v[a] += v[b] (mod 2^64). */
function add2(a: number, b: number): void {
  const lo = v[2 * a]! + v[2 * b]!;
  v[2 * a + 1] = v[2 * a + 1]! + v[2 * b + 1]! + (lo > 0xffffffff ? 1 : 0);
  v[2 * a] = lo;
}

/** v[d] = rotr64(v[d] ^ v[a], n) for the four rotation amounts BLAKE2b uses (32, 24, 16, 63). */
function xorRot(d: number, a: number, n: 32 | 24 | 16 | 63): void {
  const lo = v[2 * d]! ^ v[2 * a]!;
  const hi = v[2 * d + 1]! ^ v[2 * a + 1]!;
  if (n === 32) {
    v[2 * d] = hi;
    v[2 * d + 1] = lo;
  } else if (n === 63) {
    v[2 * d] = (lo << 1) | (hi >>> 31);
    v[2 * d + 1] = (hi << 1) | (lo >>> 31);
  } else {
    v[2 * d] = (lo >>> n) | (hi << (32 - n));
    v[2 * d + 1] = (hi >>> n) | (lo << (32 - n));
  }
}

/** The mixing function G (RFC 7693 §3.1) on words a, b, c, d with message words x, y. */
function mix(a: number, b: number, c: number, d: number, x: number, y: number): void {
  add3(a, b, x);
  xorRot(d, a, 32);
  add2(c, d);
  xorRot(b, c, 24);
  add3(a, b, y);
  xorRot(d, a, 16);
  add2(c, d);
  xorRot(b, c, 63);
}

/** F (RFC 7693 §3.2) on the 213-byte EIP-152 input, returning the new h (64 bytes, LE words). */
export function blake2bCompress(input: Uint8Array): Uint8Array {
  const dv = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const rounds = dv.getUint32(0, false);
  for (let i = 0; i < 16; i++) v[i] = dv.getUint32(4 + 4 * i, true);
  v.set(IV, 16);
  for (let i = 0; i < 32; i++) m[i] = dv.getUint32(68 + 4 * i, true);
  for (let i = 0; i < 4; i++) v[24 + i] = v[24 + i]! ^ dv.getUint32(196 + 4 * i, true);
  if (input[212] === 1) {
    v[28] = ~v[28]!;
    v[29] = ~v[29]!;
  }
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA[r % 10]!;
    mix(0, 4, 8, 12, s[0]!, s[1]!);
    mix(1, 5, 9, 13, s[2]!, s[3]!);
    mix(2, 6, 10, 14, s[4]!, s[5]!);
    mix(3, 7, 11, 15, s[6]!, s[7]!);
    mix(0, 5, 10, 15, s[8]!, s[9]!);
    mix(1, 6, 11, 12, s[10]!, s[11]!);
    mix(2, 7, 8, 13, s[12]!, s[13]!);
    mix(3, 4, 9, 14, s[14]!, s[15]!);
  }
  const out = new Uint8Array(64);
  const odv = new DataView(out.buffer);
  for (let i = 0; i < 16; i++) odv.setUint32(4 * i, dv.getUint32(4 + 4 * i, true) ^ v[i]! ^ v[16 + i]!, true);
  return out;
}

/** The blake2f precompile at 0x09 (EIP-152). */
export const blake2fPrecompile: Precompile = {
  address: 0x09,
  name: "blake2f",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    if (input.length !== INPUT_BYTES) return fail(gasLimit, 0n);
    const rounds = BigInt(new DataView(input.buffer, input.byteOffset, 4).getUint32(0, false));
    if (rounds > gasLimit || input[212]! > 1) return fail(gasLimit, 0n);
    return succeed(rounds, blake2bCompress(input), 0n);
  },
};
