// Scalars mod n (the secp256k1 group order) as eight little-endian u32 words: what recovery needs —
// range checks, products, r^−1 (modinv.ts), the GLV split k = k1 + k2·λ (Gallant–Lambert–Vanstone
// 2001, rounding as libsecp256k1's scalar_split_lambda) and width-w NAF digits. Variable time: the
// inputs are public. The constants were re-derived with bigints: λ³ ≡ 1, a_i + b_i·λ ≡ 0 (mod n).
import { MOD_N, modInvVar } from "./modinv";
import { SECP_SCALAR_WIDE_PTR } from "./scratch";

/** Bytes of a scalar. */
export const SC_LEN: usize = 32;

const N: usize = memory.data<u32>([0xd0364141, 0xbfd25e8c, 0xaf48a03b, 0xbaaedce6, 0xfffffffe, 0xffffffff, 0xffffffff, 0xffffffff]);
const N_HALF: usize = memory.data<u32>([0x681b20a0, 0xdfe92f46, 0x57a4501d, 0x5d576e73, 0xffffffff, 0xffffffff, 0xffffffff, 0x7fffffff]);
// 2^256 − n (129 bits): 2^256 ≡ this (mod n), the fold of the wide reduction.
const N_C: usize = memory.data<u32>([0x2fc9bebf, 0x402da173, 0x50b75fc4, 0x45512319, 1, 0, 0, 0]);
const LAMBDA: usize = memory.data<u32>([0x1b23bd72, 0xdf02967c, 0x20816678, 0x122e22ea, 0x8812645a, 0xa5261c02, 0xc05c30e0, 0x5363ad4c]);
// round(2^384·b2/n) and round(2^384·(−b1)/n) for the lattice basis (a1, b1), (a2, b2) of k ↦ k·λ.
const G1: usize = memory.data<u32>([0x45dbb031, 0xe893209a, 0x71e8ca7f, 0x3daa8a14, 0x9284eb15, 0xe86c90e4, 0xa7d46bcd, 0x3086d221]);
const G2: usize = memory.data<u32>([0x8ac47f71, 0x1571b4ae, 0x9df506c6, 0x221208ac, 0x0abfe4c4, 0x6f547fa9, 0x010e8828, 0xe4437ed6]);
const MINUS_B1: usize = memory.data<u32>([0x0abfe4c3, 0x6f547fa9, 0x010e8828, 0xe4437ed6, 0, 0, 0, 0]);
const MINUS_B2: usize = memory.data<u32>([0x3db1562c, 0xd765cda8, 0x0774346d, 0x8a280ac5, 0xfffffffe, 0xffffffff, 0xffffffff, 0xffffffff]);

const WIDE = SECP_SCALAR_WIDE_PTR; // 16 words: a 512-bit product
const FOLD = WIDE + 64; // 16 words: the product after one fold
const TMP_A = FOLD + 64;
const TMP_B = TMP_A + 32;

/** r = the 32 big-endian bytes at bytesPtr as words (no reduction). */
export function scFromBytes(r: usize, bytesPtr: usize): void {
  for (let i: usize = 0; i < 8; i++) store<u32>(r + (i << 2), bswap<u32>(load<u32>(bytesPtr + 28 - (i << 2))));
}

export function scIsZero(a: usize): bool {
  let acc: u32 = 0;
  for (let i: usize = 0; i < 32; i += 4) acc |= load<u32>(a + i);
  return acc == 0;
}

// a < b as 256-bit numbers.
function lt(a: usize, b: usize): bool {
  for (let i: i32 = 28; i >= 0; i -= 4) {
    const x = load<u32>(a + <usize>i), y = load<u32>(b + <usize>i);
    if (x != y) return x < y;
  }
  return false;
}

/** True when a < n. */
export function scLtN(a: usize): bool {
  return lt(a, N);
}

// r = a − b (mod 2^256); the borrow out.
function sub(r: usize, a: usize, b: usize): u64 {
  let borrow: u64 = 0;
  for (let i: usize = 0; i < 32; i += 4) {
    const t = <u64>load<u32>(a + i) - <u64>load<u32>(b + i) - borrow;
    store<u32>(r + i, <u32>t);
    borrow = (t >> 63) & 1;
  }
  return borrow;
}

// r = a + b (mod 2^256); the carry out.
function add(r: usize, a: usize, b: usize): u64 {
  let carry: u64 = 0;
  for (let i: usize = 0; i < 32; i += 4) {
    const t = <u64>load<u32>(a + i) + <u64>load<u32>(b + i) + carry;
    store<u32>(r + i, <u32>t);
    carry = t >> 32;
  }
  return carry;
}

/** r = a mod n for any 256-bit a (one subtraction suffices since 2n > 2^256). */
export function scReduce(r: usize, a: usize): void {
  if (lt(a, N)) {
    if (r != a) memory.copy(r, a, 32);
  } else {
    sub(r, a, N);
  }
}

/** r = a + b mod n for a, b < n. */
export function scAdd(r: usize, a: usize, b: usize): void {
  const carry = add(r, a, b);
  if (carry != 0 || !lt(r, N)) sub(r, r, N);
}

/** r = −a mod n for a < n. */
export function scNeg(r: usize, a: usize): void {
  if (scIsZero(a)) memory.fill(r, 0, 32);
  else sub(r, N, a);
}

// acc[0..16) += a[0..aWords) · b[0..bWords) (acc must have room for the carry).
function mulAcc(acc: usize, a: usize, aWords: usize, b: usize, bWords: usize): void {
  for (let i: usize = 0; i < aWords; i++) {
    const ai = <u64>load<u32>(a + (i << 2));
    if (ai == 0) continue;
    let carry: u64 = 0;
    let k = i;
    for (let j: usize = 0; j < bWords; j++, k++) {
      const t = <u64>load<u32>(acc + (k << 2)) + ai * <u64>load<u32>(b + (j << 2)) + carry;
      store<u32>(acc + (k << 2), <u32>t);
      carry = t >> 32;
    }
    for (; carry != 0 && k < 16; k++) {
      const t = <u64>load<u32>(acc + (k << 2)) + carry;
      store<u32>(acc + (k << 2), <u32>t);
      carry = t >> 32;
    }
  }
}

/** r = a·b mod n for a, b < 2^256. r may alias a or b. */
export function scMul(r: usize, a: usize, b: usize): void {
  memory.fill(WIDE, 0, 64);
  mulAcc(WIDE, a, 8, b, 8);
  // hi·2^256 ≡ hi·(2^256 − n): each fold shrinks the high half by ~127 bits; at most four folds.
  while (!scIsZero(WIDE + 32)) {
    memory.fill(FOLD, 0, 64);
    memory.copy(FOLD, WIDE, 32);
    mulAcc(FOLD, WIDE + 32, 8, N_C, 5);
    memory.copy(WIDE, FOLD, 64);
  }
  scReduce(r, WIDE);
}

/** r = a^−1 mod n for 0 < a < n. */
export function scInv(r: usize, a: usize): void {
  modInvVar(r, a, MOD_N);
}

// r = round(k·g / 2^384) (below 2^129).
function mulShift384(r: usize, k: usize, g: usize): void {
  memory.fill(WIDE, 0, 64);
  mulAcc(WIDE, k, 8, g, 8);
  let carry = <u64>(load<u32>(WIDE, 44) >> 31);
  for (let i: usize = 0; i < 4; i++) {
    const t = <u64>load<u32>(WIDE + 48 + (i << 2)) + carry;
    store<u32>(r + (i << 2), <u32>t);
    carry = t >> 32;
  }
  store<u32>(r, <u32>carry, 16);
  store<u64>(r, 0, 20);
  store<u32>(r, 0, 28);
}

/**
 * k = k1 + k2·λ (mod n) with |k1|, |k2| < 2^128: writes |k1| to r1 and |k2| to r2 and returns
 * bit 0 set when k1 is negative, bit 1 when k2 is. r1 and r2 must not alias k.
 */
export function scSplitLambda(r1: usize, r2: usize, k: usize): u32 {
  mulShift384(TMP_A, k, G1);
  mulShift384(TMP_B, k, G2);
  scMul(TMP_A, TMP_A, MINUS_B1);
  scMul(TMP_B, TMP_B, MINUS_B2);
  scAdd(r2, TMP_A, TMP_B);
  scMul(TMP_A, r2, LAMBDA);
  scNeg(TMP_A, TMP_A);
  scAdd(r1, k, TMP_A);
  let signs: u32 = 0;
  if (lt(N_HALF, r1)) {
    sub(r1, N, r1);
    signs |= 1;
  }
  if (lt(N_HALF, r2)) {
    sub(r2, N, r2);
    signs |= 2;
  }
  return signs;
}

/** bits [bit, bit+count) of a (count ≤ 24; bits past 256 read as 0). */
@inline function bitsAt(a: usize, bit: i32, count: i32): u32 {
  const w = bit >> 5, sh = bit & 31;
  let v: u64 = w < 8 ? <u64>load<u32>(a + (<usize>w << 2)) : 0;
  if (w + 1 < 8) v |= (<u64>load<u32>(a + (<usize>(w + 1) << 2))) << 32;
  return <u32>(v >> <u64>sh) & ((1 << count) - 1);
}

/**
 * Width-w NAF of a (below 2^len): digits d_i (i16) at outPtr, odd or zero, |d_i| < 2^(w−1), with
 * a = Σ d_i·2^i. Writes len + w digits (zeros above the last); returns 1 + the index of the top
 * non-zero digit (0 for a = 0).
 */
export function scWnaf(outPtr: usize, a: usize, len: i32, w: i32): i32 {
  memory.fill(outPtr, 0, <usize>(len + w) << 1);
  let carry: u32 = 0;
  let bit: i32 = 0;
  let top: i32 = 0;
  while (bit < len) {
    if (bitsAt(a, bit, 1) == carry) {
      bit++;
      continue;
    }
    const now = min(w, len - bit);
    let word = <i32>(bitsAt(a, bit, now) + carry);
    carry = <u32>(word >> (w - 1)) & 1;
    word -= <i32>carry << w;
    store<i16>(outPtr + (<usize>bit << 1), <i16>word);
    bit += now;
    top = bit - now + 1;
  }
  if (carry != 0) {
    store<i16>(outPtr + (<usize>bit << 1), 1);
    top = bit + 1;
  }
  return top;
}
