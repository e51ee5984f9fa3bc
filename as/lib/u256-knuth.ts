// Long division by a 256-bit divisor: Knuth's Algorithm D (TAOCP vol. 2, §4.3.1) on u32 digits with
// the divisor always normalised to 8 digits (v << shift, top bit set) and each quotient digit taken
// from the top three remainder digits by a 3-by-2 division with a precomputed reciprocal (Möller and
// Granlund, "Improved division by invariant integers", IEEE TC 2011, algorithms 5 and 6): no
// hardware division and no q̂ correction loop per digit. The 9-digit remainder window lives in locals.

import { u256ShrBy } from "./u256";

import { knuthDivide2, knuthDivide4 } from "./u256-knuth-small";

const M: u64 = 0xFFFF_FFFF;

/** Bytes of a prepared divisor: digits of d = v << shift (32), shift (u32), 3-by-2 reciprocal (u32). */
export const DIVISOR_LEN: usize = 40;
export const DIVISOR_SHIFT = 32;
export const DIVISOR_RECIPROCAL = 36;

/** The normalised dividend: up to 9 limbs shifted by up to 255 bits, plus one top limb. */
export const UN_PTR: usize = memory.data(104, 16);
/** The normalised remainder, before it is shifted back. */
const REM_N_PTR: usize = memory.data(32, 16);

/** floor((B³ − 1) / (d1·B + d0)) − B for B = 2^32 and d1 ≥ 2^31 (Möller–Granlund algorithm 6). */
@inline
function reciprocal3by2(d1: u64, d0: u64): u64 {
  // d1 ≥ 2^31: the quotient is in (2^32, 2^33], so v < 2^32.
  let v = u64.MAX_VALUE / d1 - 0x1_0000_0000;
  let p = (d1 * v) & M;
  p = (p + d0) & M;
  if (p < d0) {
    v--;
    if (p >= d1) {
      v--;
      p -= d1;
    }
    p = (p - d1) & M;
  }
  const t = v * d0;
  const t1 = t >> 32;
  p = (p + t1) & M;
  if (p < t1) {
    v--;
    if (((p << 32) | (t & M)) >= ((d1 << 32) | d0)) v--;
  }
  return v;
}

/**
 * Prepares divisor v ≠ 0 (4 LE u64 limbs) at statePtr (DIVISOR_LEN bytes): d = v << clz(v), whose
 * top digit has its high bit set, and the reciprocal of d's top two digits.
 */
export function divisorPrepare(statePtr: usize, vPtr: usize): void {
  const l0 = load<u64>(vPtr), l1 = load<u64>(vPtr, 8), l2 = load<u64>(vPtr, 16), l3 = load<u64>(vPtr, 24);
  let shift: u32;
  if (l3 != 0) shift = <u32>clz<u64>(l3);
  else if (l2 != 0) shift = 64 + <u32>clz<u64>(l2);
  else if (l1 != 0) shift = 128 + <u32>clz<u64>(l1);
  else shift = 192 + <u32>clz<u64>(l0);
  u256ShlInto(statePtr, l0, l1, l2, l3, shift);
  store<u32>(statePtr, shift, DIVISOR_SHIFT);
  const d1 = <u64>load<u32>(statePtr, 28), d0 = <u64>load<u32>(statePtr, 24);
  store<u32>(statePtr, <u32>reciprocal3by2(d1, d0), DIVISOR_RECIPROCAL);
}

/** r = (l3:l2:l1:l0) << shift mod 2^256, shift < 256. */
@inline
function u256ShlInto(rPtr: usize, l0: u64, l1: u64, l2: u64, l3: u64, shift: u32): void {
  const k = shift >> 6, b = <u64>(shift & 63);
  // Whole-limb part first; then the bit part, which never carries across more than one limb.
  for (let i: u32 = 0; i < k; i++) {
    l3 = l2;
    l2 = l1;
    l1 = l0;
    l0 = 0;
  }
  if (b != 0) {
    l3 = (l3 << b) | (l2 >> (64 - b));
    l2 = (l2 << b) | (l1 >> (64 - b));
    l1 = (l1 << b) | (l0 >> (64 - b));
    l0 <<= b;
  }
  store<u64>(rPtr, l0);
  store<u64>(rPtr, l1, 8);
  store<u64>(rPtr, l2, 16);
  store<u64>(rPtr, l3, 24);
}

/**
 * Writes UN = x << shift for x of xLimbs u64 limbs (xLimbs ≤ 9, shift < 256); returns the number of
 * significant u32 digits of UN, at least minDigits ≤ 8. UN's digits up to that count (and at least 9)
 * are defined.
 */
export function normaliseDividend(xPtr: usize, xLimbs: i32, shift: u32, minDigits: i32): i32 {
  const k = <i32>(shift >> 6), b = <u64>(shift & 63);
  for (let i = 0; i < k; i++) store<u64>(UN_PTR + (<usize>i << 3), 0);
  let prev: u64 = 0;
  for (let i = 0; i < xLimbs; i++) {
    const limb = load<u64>(xPtr + (<usize>i << 3));
    store<u64>(UN_PTR + (<usize>(i + k) << 3), b == 0 ? limb : (limb << b) | (prev >> (64 - b)));
    prev = limb;
  }
  // One more limb for the bits shifted out of the top: digit count 2·(xLimbs + k + 1) ≥ 9.
  store<u64>(UN_PTR + (<usize>(xLimbs + k) << 3), b == 0 ? 0 : prev >> (64 - b));
  let n = (xLimbs + k + 1) << 1;
  while (n > minDigits && load<u32>(UN_PTR + (<usize>(n - 1) << 2)) == 0) n--;
  return n;
}

/**
 * r = x mod v and, when qPtr ≠ 0, the quotient x / v as u32 digits at q, for x of xLimbs u64 limbs
 * (1 ≤ xLimbs ≤ 9) and a divisor v prepared at statePtr. Only digits 0..2·xLimbs of q are written,
 * and only up to the quotient's length: the caller zeroes q first. r and q may alias x (x is copied
 * into the normalised scratch before either is written).
 */
export function knuthDivide(statePtr: usize, xPtr: usize, xLimbs: i32, rPtr: usize, qPtr: usize): void {
  const shift = load<u32>(statePtr, DIVISOR_SHIFT);
  // Divisors of 2 to 4 digits: the 8-digit window would multiply-subtract zero digits on a latency-
  // bound chain, so they have kernels of their own.
  if (shift - 192 < 32) {
    knuthDivide2(statePtr, xPtr, xLimbs, rPtr, qPtr);
    return;
  }
  if (shift - 128 < 64) {
    knuthDivide4(statePtr, xPtr, xLimbs, rPtr, qPtr);
    return;
  }
  const n = normaliseDividend(xPtr, xLimbs, shift, 8);
  const v = <u64>load<u32>(statePtr, DIVISOR_RECIPROCAL);
  const d0 = <u64>load<u32>(statePtr), d1 = <u64>load<u32>(statePtr, 4), d2 = <u64>load<u32>(statePtr, 8);
  const d3 = <u64>load<u32>(statePtr, 12), d4 = <u64>load<u32>(statePtr, 16), d5 = <u64>load<u32>(statePtr, 20);
  const d6 = <u64>load<u32>(statePtr, 24), d7 = <u64>load<u32>(statePtr, 28);
  const dTop = (d7 << 32) | d6;

  // Window w8..w0 = UN digits j+8..j. The first has w8 = 0, so it is below B·d (d ≥ B^8 / 2).
  let j = n - 8;
  let p = UN_PTR + (<usize>j << 2);
  let w0 = <u64>load<u32>(p), w1 = <u64>load<u32>(p, 4), w2 = <u64>load<u32>(p, 8), w3 = <u64>load<u32>(p, 12);
  let w4 = <u64>load<u32>(p, 16), w5 = <u64>load<u32>(p, 20), w6 = <u64>load<u32>(p, 24), w7 = <u64>load<u32>(p, 28);
  let w8: u64 = 0;
  // With w8 = 0 and w7 < d7 the quotient digit is 0 (q̂ = (w7:w6) / (d7:d6) = 0): skip the step. A
  // 256-bit dividend over a divisor of its own size takes only the second step.
  if (j > 0 && w7 < d7) {
    j--;
    w8 = w7;
    w7 = w6;
    w6 = w5;
    w5 = w4;
    w4 = w3;
    w3 = w2;
    w2 = w1;
    w1 = w0;
    w0 = <u64>load<u32>(UN_PTR + (<usize>j << 2));
  }
  let rTop: u64;
  while (true) {
    // Invariant: window < B·d, so (w8:w7) ≤ (d7:d6).
    let q: u64;
    const top = (w8 << 32) | w7;
    const full = top == dTop;
    if (full) {
      // (w8:w7) = (d7:d6): the quotient digit is exactly B − 1 and the top two remainder digits are
      // w6 + dTop − borrow, which fits 64 bits only after the borrow: wrapping arithmetic is exact.
      q = M;
      rTop = dTop + w6;
    } else {
      // Möller–Granlund algorithm 5: q, rTop = (w8:w7:w6) divmod (d7:d6).
      const qq = v * w8 + top;
      q = qq >> 32;
      const q0 = qq & M;
      const r1 = (w7 - q * d7) & M;
      rTop = ((r1 << 32) | w6) - dTop - d6 * q;
      // The adjustment below goes either way about equally often: a mask, not a branch.
      const adjust = 0 - <u64>((rTop >> 32) >= q0);
      q = (q + 1 + adjust) & M;
      rTop += adjust & dTop;
      if (rTop >= dTop) {
        q++;
        rTop -= dTop;
      }
    }
    // w5..w0 −= q · (d5..d0): products first, then one signed borrow chain (t >> 32 ∈ [−2, 0]).
    const p0 = q * d0, p1 = q * d1, p2 = q * d2, p3 = q * d3, p4 = q * d4, p5 = q * d5;
    let t = <i64>w0 - <i64>(p0 & M);
    w0 = <u64>t & M;
    t = <i64>w1 - <i64>(p1 & M) - <i64>(p0 >> 32) + (t >> 32);
    w1 = <u64>t & M;
    t = <i64>w2 - <i64>(p2 & M) - <i64>(p1 >> 32) + (t >> 32);
    w2 = <u64>t & M;
    t = <i64>w3 - <i64>(p3 & M) - <i64>(p2 >> 32) + (t >> 32);
    w3 = <u64>t & M;
    t = <i64>w4 - <i64>(p4 & M) - <i64>(p3 >> 32) + (t >> 32);
    w4 = <u64>t & M;
    t = <i64>w5 - <i64>(p5 & M) - <i64>(p4 >> 32) + (t >> 32);
    w5 = <u64>t & M;
    const borrow = <u64>(<i64>(p5 >> 32) - (t >> 32));
    if (rTop < borrow && !full) {
      // q was one too large (probability about 2/B): add d back.
      q--;
      let s = w0 + d0;
      w0 = s & M;
      s = w1 + d1 + (s >> 32);
      w1 = s & M;
      s = w2 + d2 + (s >> 32);
      w2 = s & M;
      s = w3 + d3 + (s >> 32);
      w3 = s & M;
      s = w4 + d4 + (s >> 32);
      w4 = s & M;
      s = w5 + d5 + (s >> 32);
      w5 = s & M;
      rTop += dTop + (s >> 32);
    }
    rTop -= borrow;
    if (qPtr != 0) store<u32>(qPtr + (<usize>j << 2), <u32>q);
    if (j == 0) break;
    j--;
    w8 = rTop >> 32;
    w7 = rTop & M;
    w6 = w5;
    w5 = w4;
    w4 = w3;
    w3 = w2;
    w2 = w1;
    w1 = w0;
    w0 = <u64>load<u32>(UN_PTR + (<usize>j << 2));
  }
  const r0 = w0 | (w1 << 32), r1 = w2 | (w3 << 32), r2 = w4 | (w5 << 32);
  if (shift == 0) {
    store<u64>(rPtr, r0);
    store<u64>(rPtr, r1, 8);
    store<u64>(rPtr, r2, 16);
    store<u64>(rPtr, rTop, 24);
  } else if (shift < 64) {
    // Divisors above 2^192: the shift back stays within neighbouring limbs.
    const b = <u64>shift;
    store<u64>(rPtr, (r0 >> b) | (r1 << (64 - b)));
    store<u64>(rPtr, (r1 >> b) | (r2 << (64 - b)), 8);
    store<u64>(rPtr, (r2 >> b) | (rTop << (64 - b)), 16);
    store<u64>(rPtr, rTop >> b, 24);
  } else {
    store<u64>(REM_N_PTR, r0);
    store<u64>(REM_N_PTR, r1, 8);
    store<u64>(REM_N_PTR, r2, 16);
    store<u64>(REM_N_PTR, rTop, 24);
    u256ShrBy(rPtr, REM_N_PTR, shift);
  }
}

