// Arithmetic mod p = 2^256 − 2^32 − 977 (the secp256k1 base field) on ten 26-bit limbs, u32 each,
// little-endian at a pointer (FE_LEN bytes). WASM has no 64×64→128 multiply, but 26-bit limbs give
// products below 2^58 whose column sums fit u64 without carries. Source of the representation and
// the magnitude discipline: libsecp256k1's field_10x26 (own code; SEC 2 §2.4.1 for the curve).

// Magnitude m: limbs 0..8 ≤ m·2^26, limb 9 ≤ m·2^22 (loose, not reduced). Products and squares
// take m ≤ 16 (limbs ≤ 2^30: a column of ten products stays below 2^63.1, a squaring column
// below 2^63.5) and return m = 1 (limb 2 may exceed 2^26 by < 2^22); sums add magnitudes.
import { MOD_P, modInvVar } from "./modinv";
import { SECP_FIELD_TMP_PTR, SECP_POW_PTR } from "./scratch";

/** Bytes of one field element. */
export const FE_LEN: usize = 40;

const M26: u64 = 0x3FFFFFF;
const M22: u64 = 0x3FFFFF;
// 2^260 ≡ 2^36 + 0x3D10 (mod p): a column above limb 9 folds down as ·0x3D10 and ·2^10 one limb up.
const R260: u64 = 0x3D10;

// p in the limb form, for negation: (m+1)·p − a stays non-negative limb by limb for m ≤ 16, even
// with limb 2 of a product 6% over 2^26.
const P0: u32 = 0x3FFFC2F;
const P1: u32 = 0x3FFFFBF;
const PM: u32 = 0x3FFFFFF;
const P9: u32 = 0x3FFFFF;
const P_BE: usize = memory.data<u8>([
  0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
  0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFC, 0x2F,
]);

@inline function ld(p: usize, i: usize): u64 {
  return <u64>load<u32>(p + (i << 2));
}

@inline function st(p: usize, i: usize, v: u64): void {
  store<u32>(p + (i << 2), <u32>v);
}

/**
 * Folds the 19 product columns to ten limbs of magnitude 1. Columns ≤ 2^61.5 on entry. The high
 * columns are carried to 26-bit digits first so that the fold's ·0x3D10 cannot overflow.
 */
@inline function reduceColumns(
  r: usize, c0: u64, c1: u64, c2: u64, c3: u64, c4: u64, c5: u64, c6: u64, c7: u64, c8: u64, c9: u64,
  c10: u64, c11: u64, c12: u64, c13: u64, c14: u64, c15: u64, c16: u64, c17: u64, c18: u64,
): void {
  let t = c10;
  const h0 = t & M26; t = (t >> 26) + c11;
  const h1 = t & M26; t = (t >> 26) + c12;
  const h2 = t & M26; t = (t >> 26) + c13;
  const h3 = t & M26; t = (t >> 26) + c14;
  const h4 = t & M26; t = (t >> 26) + c15;
  const h5 = t & M26; t = (t >> 26) + c16;
  const h6 = t & M26; t = (t >> 26) + c17;
  const h7 = t & M26; t = (t >> 26) + c18;
  const h8 = t & M26;
  const h9 = t >> 26;
  // h9 sits at limb 19 = 2^520 ≡ (2^36 + 0x3D10)^2: limb 9 gets ·0x3D10, limb 10 gets ·2^10 and folds
  // once more into limbs 0 and 1.
  c0 += h0 * R260 + h9 * (R260 << 10);
  c1 += h1 * R260 + (h0 << 10) + (h9 << 20);
  c2 += h2 * R260 + (h1 << 10);
  c3 += h3 * R260 + (h2 << 10);
  c4 += h4 * R260 + (h3 << 10);
  c5 += h5 * R260 + (h4 << 10);
  c6 += h6 * R260 + (h5 << 10);
  c7 += h7 * R260 + (h6 << 10);
  c8 += h8 * R260 + (h7 << 10);
  c9 += h9 * R260 + (h8 << 10);
  t = c0;
  let d0 = t & M26; t = (t >> 26) + c1;
  let d1 = t & M26; t = (t >> 26) + c2;
  const d2 = t & M26; t = (t >> 26) + c3;
  const d3 = t & M26; t = (t >> 26) + c4;
  const d4 = t & M26; t = (t >> 26) + c5;
  const d5 = t & M26; t = (t >> 26) + c6;
  const d6 = t & M26; t = (t >> 26) + c7;
  const d7 = t & M26; t = (t >> 26) + c8;
  const d8 = t & M26; t = (t >> 26) + c9;
  const d9 = t & M22;
  // Bits above 2^256: 2^256 ≡ 2^32 + 977 = 977 + 2^6 at limb 1.
  t = t >> 22;
  d0 += t * 977;
  d1 += (t << 6) + (d0 >> 26);
  d0 &= M26;
  st(r, 0, d0);
  st(r, 1, d1 & M26);
  st(r, 2, d2 + (d1 >> 26));
  st(r, 3, d3);
  st(r, 4, d4);
  st(r, 5, d5);
  st(r, 6, d6);
  st(r, 7, d7);
  st(r, 8, d8);
  st(r, 9, d9);
}

/** r = a·b (inputs magnitude ≤ 8, output 1). r may alias a or b. */
export function feMul(r: usize, a: usize, b: usize): void {
  const a0 = ld(a, 0), a1 = ld(a, 1), a2 = ld(a, 2), a3 = ld(a, 3), a4 = ld(a, 4);
  const a5 = ld(a, 5), a6 = ld(a, 6), a7 = ld(a, 7), a8 = ld(a, 8), a9 = ld(a, 9);
  const b0 = ld(b, 0), b1 = ld(b, 1), b2 = ld(b, 2), b3 = ld(b, 3), b4 = ld(b, 4);
  const b5 = ld(b, 5), b6 = ld(b, 6), b7 = ld(b, 7), b8 = ld(b, 8), b9 = ld(b, 9);
  reduceColumns(
    r,
    a0 * b0,
    a0 * b1 + a1 * b0,
    a0 * b2 + a1 * b1 + a2 * b0,
    a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0,
    a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0,
    a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0,
    a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0,
    a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0,
    a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0,
    a0 * b9 + a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1 + a9 * b0,
    a1 * b9 + a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2 + a9 * b1,
    a2 * b9 + a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3 + a9 * b2,
    a3 * b9 + a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4 + a9 * b3,
    a4 * b9 + a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5 + a9 * b4,
    a5 * b9 + a6 * b8 + a7 * b7 + a8 * b6 + a9 * b5,
    a6 * b9 + a7 * b8 + a8 * b7 + a9 * b6,
    a7 * b9 + a8 * b8 + a9 * b7,
    a8 * b9 + a9 * b8,
    a9 * b9,
  );
}

/** r = a² (input magnitude ≤ 8, output 1): 55 products instead of 100. r may alias a. */
export function feSqr(r: usize, a: usize): void {
  const a0 = ld(a, 0), a1 = ld(a, 1), a2 = ld(a, 2), a3 = ld(a, 3), a4 = ld(a, 4);
  const a5 = ld(a, 5), a6 = ld(a, 6), a7 = ld(a, 7), a8 = ld(a, 8), a9 = ld(a, 9);
  const d1 = a1 << 1, d2 = a2 << 1, d3 = a3 << 1, d4 = a4 << 1, d5 = a5 << 1;
  const d6 = a6 << 1, d7 = a7 << 1, d8 = a8 << 1, d9 = a9 << 1;
  reduceColumns(
    r,
    a0 * a0,
    a0 * d1,
    a0 * d2 + a1 * a1,
    a0 * d3 + a1 * d2,
    a0 * d4 + a1 * d3 + a2 * a2,
    a0 * d5 + a1 * d4 + a2 * d3,
    a0 * d6 + a1 * d5 + a2 * d4 + a3 * a3,
    a0 * d7 + a1 * d6 + a2 * d5 + a3 * d4,
    a0 * d8 + a1 * d7 + a2 * d6 + a3 * d5 + a4 * a4,
    a0 * d9 + a1 * d8 + a2 * d7 + a3 * d6 + a4 * d5,
    a1 * d9 + a2 * d8 + a3 * d7 + a4 * d6 + a5 * a5,
    a2 * d9 + a3 * d8 + a4 * d7 + a5 * d6,
    a3 * d9 + a4 * d8 + a5 * d7 + a6 * a6,
    a4 * d9 + a5 * d8 + a6 * d7,
    a5 * d9 + a6 * d8 + a7 * a7,
    a6 * d9 + a7 * d8,
    a7 * d9 + a8 * a8,
    a8 * d9,
    a9 * a9,
  );
}

/** r = k·a for a small k (magnitude ×k; keep the result ≤ 16). */
export function feMulInt(r: usize, a: usize, k: u32): void {
  for (let i: usize = 0; i < 40; i += 4) store<u32>(r + i, load<u32>(a + i) * k);
}

/** r = −a for a of magnitude ≤ m ≤ 16 (output magnitude m + 1). r may alias a. */
export function feNeg(r: usize, a: usize, m: u32): void {
  const k = m + 1;
  store<u32>(r, P0 * k - load<u32>(a));
  store<u32>(r, P1 * k - load<u32>(a, 4), 4);
  for (let i: usize = 8; i < 36; i += 4) store<u32>(r + i, PM * k - load<u32>(a + i));
  store<u32>(r, P9 * k - load<u32>(a, 36), 36);
}

/** r = a − b for b of magnitude ≤ mb ≤ 16 (output magnitude m(a) + mb + 1). r may alias a or b. */
export function feSub(r: usize, a: usize, b: usize, mb: u32): void {
  const k = mb + 1;
  store<u32>(r, load<u32>(a) + P0 * k - load<u32>(b));
  store<u32>(r, load<u32>(a, 4) + P1 * k - load<u32>(b, 4), 4);
  for (let i: usize = 8; i < 36; i += 4) store<u32>(r + i, load<u32>(a + i) + PM * k - load<u32>(b + i));
  store<u32>(r, load<u32>(a, 36) + P9 * k - load<u32>(b, 36), 36);
}

/** r = a − k·b − c, where k·b + c has magnitude ≤ m ≤ 16 (output m(a) + m + 1). r may alias any input. */
export function feSubLin(r: usize, a: usize, b: usize, k: u32, c: usize, m: u32): void {
  const q = m + 1;
  store<u32>(r, load<u32>(a) + P0 * q - k * load<u32>(b) - load<u32>(c));
  store<u32>(r, load<u32>(a, 4) + P1 * q - k * load<u32>(b, 4) - load<u32>(c, 4), 4);
  for (let i: usize = 8; i < 36; i += 4) store<u32>(r + i, load<u32>(a + i) + PM * q - k * load<u32>(b + i) - load<u32>(c + i));
  store<u32>(r, load<u32>(a, 36) + P9 * q - k * load<u32>(b, 36) - load<u32>(c, 36), 36);
}

/** r = a − k·b, where k·b has magnitude ≤ m ≤ 16 (output m(a) + m + 1). r may alias a or b. */
export function feSubMul(r: usize, a: usize, b: usize, k: u32, m: u32): void {
  const q = m + 1;
  store<u32>(r, load<u32>(a) + P0 * q - k * load<u32>(b));
  store<u32>(r, load<u32>(a, 4) + P1 * q - k * load<u32>(b, 4), 4);
  for (let i: usize = 8; i < 36; i += 4) store<u32>(r + i, load<u32>(a + i) + PM * q - k * load<u32>(b + i));
  store<u32>(r, load<u32>(a, 36) + P9 * q - k * load<u32>(b, 36), 36);
}

/** r = k·a − b for b of magnitude ≤ mb ≤ 16 (output k·m(a) + mb + 1). r may alias a or b. */
export function feScaleSub(r: usize, a: usize, k: u32, b: usize, mb: u32): void {
  const q = mb + 1;
  store<u32>(r, k * load<u32>(a) + P0 * q - load<u32>(b));
  store<u32>(r, k * load<u32>(a, 4) + P1 * q - load<u32>(b, 4), 4);
  for (let i: usize = 8; i < 36; i += 4) store<u32>(r + i, k * load<u32>(a + i) + PM * q - load<u32>(b + i));
  store<u32>(r, k * load<u32>(a, 36) + P9 * q - load<u32>(b, 36), 36);
}

export function feCopy(r: usize, a: usize): void {
  memory.copy(r, a, 40);
}

export function feSetInt(r: usize, v: u32): void {
  memory.fill(r, 0, 40);
  store<u32>(r, v);
}

/** r = a reduced to the canonical limbs of a value in [0, p) (any magnitude ≤ 32). */
export function feNormalize(r: usize, a: usize): void {
  let t0 = ld(a, 0), t1 = ld(a, 1), t2 = ld(a, 2), t3 = ld(a, 3), t4 = ld(a, 4);
  let t5 = ld(a, 5), t6 = ld(a, 6), t7 = ld(a, 7), t8 = ld(a, 8), t9 = ld(a, 9);
  // Fold the bits above 2^256, then carry; a second fold catches the carry that can reappear.
  for (let pass = 0; pass < 2; pass++) {
    const x = t9 >> 22;
    t9 &= M22;
    t0 += x * 977;
    t1 += (x << 6) + (t0 >> 26); t0 &= M26;
    t2 += t1 >> 26; t1 &= M26;
    t3 += t2 >> 26; t2 &= M26;
    t4 += t3 >> 26; t3 &= M26;
    t5 += t4 >> 26; t4 &= M26;
    t6 += t5 >> 26; t5 &= M26;
    t7 += t6 >> 26; t6 &= M26;
    t8 += t7 >> 26; t7 &= M26;
    t9 += t8 >> 26; t8 &= M26;
  }
  // Now value < 2^256 + small; subtract p once if value ≥ p.
  const geP = t9 == M22 && (t8 & t7 & t6 & t5 & t4 & t3 & t2) == M26 && t1 + 64 + ((t0 + 977) >> 26) > M26;
  if (geP) {
    t0 += 977;
    t1 += 64 + (t0 >> 26); t0 &= M26;
    t2 += t1 >> 26; t1 &= M26;
    t3 += t2 >> 26; t2 &= M26;
    t4 += t3 >> 26; t3 &= M26;
    t5 += t4 >> 26; t4 &= M26;
    t6 += t5 >> 26; t5 &= M26;
    t7 += t6 >> 26; t6 &= M26;
    t8 += t7 >> 26; t7 &= M26;
    t9 += t8 >> 26; t8 &= M26;
    t9 &= M22;
  }
  st(r, 0, t0); st(r, 1, t1); st(r, 2, t2); st(r, 3, t3); st(r, 4, t4);
  st(r, 5, t5); st(r, 6, t6); st(r, 7, t7); st(r, 8, t8); st(r, 9, t9);
}

/** True when a ≡ 0 (mod p), for any magnitude ≤ 32. */
export function feIsZero(a: usize): bool {
  // After folding the top bits, limb 0 of 0 is 0 and of p is P0 (carries only go up): most
  // non-zero values are rejected without normalizing.
  const z0 = (ld(a, 0) + (ld(a, 9) >> 22) * 977) & M26;
  if (z0 != 0 && z0 != <u64>P0) return false;
  const t = SECP_FIELD_TMP_PTR;
  feNormalize(t, a);
  let acc: u32 = 0;
  for (let i: usize = 0; i < 40; i += 4) acc |= load<u32>(t + i);
  return acc == 0;
}

/** True when a normalized element is odd. */
export function feIsOdd(a: usize): bool {
  return (load<u32>(a) & 1) != 0;
}

/** r = the 32 big-endian bytes at bytesPtr; false (r unspecified) when the value is ≥ p. */
export function feFromBytes(r: usize, bytesPtr: usize): bool {
  // Limb i holds bits 26i..26i+25; byte j (from the end) holds bits 8j..8j+7.
  let acc: u64 = 0;
  let bits: u32 = 0;
  let limb: usize = 0;
  for (let j: i32 = 31; j >= 0; j--) {
    acc |= (<u64>load<u8>(bytesPtr + <usize>j)) << bits;
    bits += 8;
    if (bits >= 26 && limb < 9) {
      st(r, limb++, acc & M26);
      acc >>= 26;
      bits -= 26;
    }
  }
  st(r, 9, acc);
  for (let j: usize = 0; j < 32; j++) {
    const x = load<u8>(bytesPtr + j), y = load<u8>(P_BE + j);
    if (x != y) return x < y;
  }
  return false;
}

/** Writes a normalized element as 32 big-endian bytes. */
export function feToBytes(bytesPtr: usize, a: usize): void {
  let acc: u64 = 0;
  let bits: u32 = 0;
  let limb: usize = 0;
  for (let j: i32 = 31; j >= 0; j--) {
    if (bits < 8) {
      acc |= ld(a, limb++) << bits;
      bits += limb == 10 ? 22 : 26;
    }
    store<u8>(bytesPtr + <usize>j, <u8>acc);
    acc >>= 8;
    bits -= 8;
  }
}

/** Eight little-endian u32 words (a value < 2^256) to limbs. */
export function feFromWords(r: usize, wordsPtr: usize): void {
  let acc: u64 = 0;
  let bits: u64 = 0;
  let w: usize = 0;
  for (let i: usize = 0; i < 10; i++) {
    if (bits < 26 && w < 8) {
      acc |= (<u64>load<u32>(wordsPtr + (w++ << 2))) << bits;
      bits += 32;
    }
    st(r, i, i == 9 ? acc : acc & M26);
    acc >>= 26;
    bits -= 26;
  }
}

/** A normalized element to eight little-endian u32 words. */
export function feToWords(wordsPtr: usize, a: usize): void {
  let acc: u64 = 0;
  let bits: u64 = 0;
  let i: usize = 0;
  for (let w: usize = 0; w < 8; w++) {
    while (bits < 32) {
      acc |= ld(a, i++) << bits;
      bits += 26;
    }
    store<u32>(wordsPtr + (w << 2), <u32>acc);
    acc >>= 32;
    bits -= 32;
  }
}

/** r = a^−1 (a of any magnitude ≤ 32; 0 maps to 0), by safegcd (modinv.ts). */
export function feInv(r: usize, a: usize): void {
  const t = SECP_FIELD_TMP_PTR;
  const words = SECP_FIELD_TMP_PTR + FE_LEN;
  feNormalize(t, a);
  feToWords(words, t);
  modInvVar(words, words, MOD_P);
  feFromWords(r, words);
}

// r = a^(2^k) · b, the step of the addition chain. r may alias a, never b.
function sqrN(r: usize, a: usize, k: i32, b: usize): void {
  feSqr(r, a);
  for (let i = 1; i < k; i++) feSqr(r, r);
  feMul(r, r, b);
}

/**
 * r = a^((p+1)/4), the square root when one exists (p ≡ 3 mod 4); returns whether r² = a.
 * Chain: the blocks of ones 2, 3, 6, 9, 11, 22, 44, 88, 176, 220, 223 (253 squarings, 13 products).
 * a of magnitude ≤ 8; r must not alias a.
 */
export function feSqrt(r: usize, a: usize): bool {
  const x2 = SECP_POW_PTR, x3 = x2 + FE_LEN, x6 = x3 + FE_LEN, x22 = x6 + FE_LEN, t = x22 + FE_LEN, u = t + FE_LEN;
  feSqr(x2, a);
  feMul(x2, x2, a);
  feSqr(x3, x2);
  feMul(x3, x3, a);
  sqrN(x6, x3, 3, x3);
  sqrN(t, x6, 3, x3); // x9
  sqrN(t, t, 2, x2); // x11
  sqrN(x22, t, 11, t);
  sqrN(t, x22, 22, x22); // x44
  sqrN(u, t, 44, t); // x88
  sqrN(x6, u, 88, u); // x176
  sqrN(x6, x6, 44, t); // x220
  sqrN(x6, x6, 3, x3); // x223
  sqrN(x6, x6, 23, x22);
  sqrN(x6, x6, 6, x2);
  feSqr(r, x6);
  feSqr(r, r);
  feSqr(t, r);
  feSub(t, t, a, 8);
  return feIsZero(t);
}
