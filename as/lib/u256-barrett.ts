// MULMOD by a recurring modulus 2^232 < m < 2^256: Barrett reduction (Menezes, van Oorschot, Vanstone,
// Handbook of Applied Cryptography, algorithm 14.42) in radix β = 2^29 with k = 9 digits, fused with
// the product. A column of up to ten 58-bit products sums in a u64 without carry splitting, so each
// digit product costs a multiply and an add (radix 2^32 needs four more operations to split it):
// 81 products for a · b, 64 for the truncated q1 · μ and 54 for q3 · m mod β^10.

import { knuthDivide } from "./u256-knuth";

const W: u64 = (1 << 29) - 1;

/** 2^522 − 1 as nine u64 limbs: floor((2^522 − 1) / m) = floor(β^18 / m) = μ unless m is a power of two. */
const TOP_PTR: usize = memory.data<u64>([
  u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE,
  (1 << 10) - 1,
]);
/** Quotient digits of the μ division (up to 19 u32 digits, plus 8 readable zero bytes) and its remainder. */
const MU_Q_PTR: usize = memory.data(84, 16);
const MU_REM_PTR: usize = memory.data(32, 16);

/** Bytes of the prepared state: μ as 10 digits, then m as 9 digits, each digit a u32. */
export const BARRETT_LEN: usize = 76;

/** True when Barrett applies to m (4 LE u64 limbs): 2^232 < m < 2^256, so μ < β^10. */
@inline
export function barrettEligible(l0: u64, l1: u64, l2: u64, l3: u64): bool {
  return (l3 >> 40) != 0 && popcnt<u64>(l0) + popcnt<u64>(l1) + popcnt<u64>(l2) + popcnt<u64>(l3) > 1;
}

/**
 * Writes the Barrett state of m (4 LE u64 limbs at mPtr, barrettEligible) to statePtr, using m's
 * divisor prepared at divisorPtr (u256-knuth divisorPrepare) for μ = floor(β^18 / m).
 */
export function barrettPrepare(statePtr: usize, mPtr: usize, divisorPtr: usize): void {
  memory.fill(MU_Q_PTR, 0, 84);
  knuthDivide(divisorPtr, TOP_PTR, 9, MU_REM_PTR, MU_Q_PTR);
  // μ < β^10 = 2^290: its digits come from the low 10 quotient digits (the u64 loads stay in the buffer).
  for (let i: u32 = 0; i < 10; i++) {
    const o = 29 * i;
    store<u32>(statePtr + (<usize>i << 2), <u32>((load<u64>(MU_Q_PTR + (<usize>(o >> 5) << 2)) >> (o & 31)) & W));
  }
  for (let i: u32 = 0; i < 8; i++) {
    const o = 29 * i;
    store<u32>(statePtr + 40 + (<usize>i << 2), <u32>((load<u64>(mPtr + (<usize>(o >> 5) << 2)) >> (o & 31)) & W));
  }
  store<u32>(statePtr + 72, load<u32>(mPtr, 28) >> 8);
}

/**
 * r = a · b mod m for m (4 LE u64 limbs at mPtr) with its Barrett state at statePtr. Any a, b < 2^256
 * (the algorithm needs x < β^18, not x < m²). r may alias a, b or m.
 */
export function barrettMulMod(rPtr: usize, aPtr: usize, bPtr: usize, mPtr: usize, statePtr: usize): void {
  const muPtr = statePtr, m29Ptr = statePtr + 40;
  // a and b as 9 digits of 29 bits (digit 8 holds bits 232..255).
  const a0 = (load<u64>(aPtr, 0) >> 0) & W;
  const a1 = (load<u64>(aPtr, 0) >> 29) & W;
  const a2 = (load<u64>(aPtr, 4) >> 26) & W;
  const a3 = (load<u64>(aPtr, 8) >> 23) & W;
  const a4 = (load<u64>(aPtr, 12) >> 20) & W;
  const a5 = (load<u64>(aPtr, 16) >> 17) & W;
  const a6 = (load<u64>(aPtr, 20) >> 14) & W;
  const a7 = (load<u64>(aPtr, 24) >> 11) & W;
  const a8 = <u64>(load<u32>(aPtr, 28) >> 8);
  const b0 = (load<u64>(bPtr, 0) >> 0) & W;
  const b1 = (load<u64>(bPtr, 0) >> 29) & W;
  const b2 = (load<u64>(bPtr, 4) >> 26) & W;
  const b3 = (load<u64>(bPtr, 8) >> 23) & W;
  const b4 = (load<u64>(bPtr, 12) >> 20) & W;
  const b5 = (load<u64>(bPtr, 16) >> 17) & W;
  const b6 = (load<u64>(bPtr, 20) >> 14) & W;
  const b7 = (load<u64>(bPtr, 24) >> 11) & W;
  const b8 = <u64>(load<u32>(bPtr, 28) >> 8);
  // x = a · b, 18 digits; a column holds at most 9 products below 2^58 plus a carry, below 2^62.
  let acc: u64 = 0;
  acc += a0 * b0;
  const x0 = acc & W;
  acc >>= 29;
  acc += a0 * b1 + a1 * b0;
  const x1 = acc & W;
  acc >>= 29;
  acc += a0 * b2 + a1 * b1 + a2 * b0;
  const x2 = acc & W;
  acc >>= 29;
  acc += a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  const x3 = acc & W;
  acc >>= 29;
  acc += a0 * b4 + a1 * b3 + a2 * b2 + a3 * b1 + a4 * b0;
  const x4 = acc & W;
  acc >>= 29;
  acc += a0 * b5 + a1 * b4 + a2 * b3 + a3 * b2 + a4 * b1 + a5 * b0;
  const x5 = acc & W;
  acc >>= 29;
  acc += a0 * b6 + a1 * b5 + a2 * b4 + a3 * b3 + a4 * b2 + a5 * b1 + a6 * b0;
  const x6 = acc & W;
  acc >>= 29;
  acc += a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
  const x7 = acc & W;
  acc >>= 29;
  acc += a0 * b8 + a1 * b7 + a2 * b6 + a3 * b5 + a4 * b4 + a5 * b3 + a6 * b2 + a7 * b1 + a8 * b0;
  const x8 = acc & W;
  acc >>= 29;
  acc += a1 * b8 + a2 * b7 + a3 * b6 + a4 * b5 + a5 * b4 + a6 * b3 + a7 * b2 + a8 * b1;
  const x9 = acc & W;
  acc >>= 29;
  acc += a2 * b8 + a3 * b7 + a4 * b6 + a5 * b5 + a6 * b4 + a7 * b3 + a8 * b2;
  const x10 = acc & W;
  acc >>= 29;
  acc += a3 * b8 + a4 * b7 + a5 * b6 + a6 * b5 + a7 * b4 + a8 * b3;
  const x11 = acc & W;
  acc >>= 29;
  acc += a4 * b8 + a5 * b7 + a6 * b6 + a7 * b5 + a8 * b4;
  const x12 = acc & W;
  acc >>= 29;
  acc += a5 * b8 + a6 * b7 + a7 * b6 + a8 * b5;
  const x13 = acc & W;
  acc >>= 29;
  acc += a6 * b8 + a7 * b7 + a8 * b6;
  const x14 = acc & W;
  acc >>= 29;
  acc += a7 * b8 + a8 * b7;
  const x15 = acc & W;
  acc >>= 29;
  acc += a8 * b8;
  const x16 = acc & W;
  acc >>= 29;
  const x17 = acc;
  const u0 = <u64>load<u32>(muPtr), u1 = <u64>load<u32>(muPtr, 4), u2 = <u64>load<u32>(muPtr, 8), u3 = <u64>load<u32>(muPtr, 12), u4 = <u64>load<u32>(muPtr, 16);
  const u5 = <u64>load<u32>(muPtr, 20), u6 = <u64>load<u32>(muPtr, 24), u7 = <u64>load<u32>(muPtr, 28), u8 = <u64>load<u32>(muPtr, 32), u9 = <u64>load<u32>(muPtr, 36);
  // q3 = floor(q1 · μ / β^10) with q1 = x digits 8..17, leaving out product columns 0..7: their sum
  // is below 8·β^9, so the estimate is at most one below the full q3 (itself ≥ floor(x / m) − 2).
  acc = 0;
  acc += x8 * u8 + x9 * u7 + x10 * u6 + x11 * u5 + x12 * u4 + x13 * u3 + x14 * u2 + x15 * u1 + x16 * u0;
  acc >>= 29;
  acc += x8 * u9 + x9 * u8 + x10 * u7 + x11 * u6 + x12 * u5 + x13 * u4 + x14 * u3 + x15 * u2 + x16 * u1 + x17 * u0;
  acc >>= 29;
  acc += x9 * u9 + x10 * u8 + x11 * u7 + x12 * u6 + x13 * u5 + x14 * u4 + x15 * u3 + x16 * u2 + x17 * u1;
  const q0 = acc & W;
  acc >>= 29;
  acc += x10 * u9 + x11 * u8 + x12 * u7 + x13 * u6 + x14 * u5 + x15 * u4 + x16 * u3 + x17 * u2;
  const q1 = acc & W;
  acc >>= 29;
  acc += x11 * u9 + x12 * u8 + x13 * u7 + x14 * u6 + x15 * u5 + x16 * u4 + x17 * u3;
  const q2 = acc & W;
  acc >>= 29;
  acc += x12 * u9 + x13 * u8 + x14 * u7 + x15 * u6 + x16 * u5 + x17 * u4;
  const q3 = acc & W;
  acc >>= 29;
  acc += x13 * u9 + x14 * u8 + x15 * u7 + x16 * u6 + x17 * u5;
  const q4 = acc & W;
  acc >>= 29;
  acc += x14 * u9 + x15 * u8 + x16 * u7 + x17 * u6;
  const q5 = acc & W;
  acc >>= 29;
  acc += x15 * u9 + x16 * u8 + x17 * u7;
  const q6 = acc & W;
  acc >>= 29;
  acc += x16 * u9 + x17 * u8;
  const q7 = acc & W;
  acc >>= 29;
  acc += x17 * u9;
  const q8 = acc & W;
  acc >>= 29;
  const q9 = acc;
  const m0 = <u64>load<u32>(m29Ptr), m1 = <u64>load<u32>(m29Ptr, 4), m2 = <u64>load<u32>(m29Ptr, 8), m3 = <u64>load<u32>(m29Ptr, 12), m4 = <u64>load<u32>(m29Ptr, 16);
  const m5 = <u64>load<u32>(m29Ptr, 20), m6 = <u64>load<u32>(m29Ptr, 24), m7 = <u64>load<u32>(m29Ptr, 28), m8 = <u64>load<u32>(m29Ptr, 32);
  // r = (x − q3 · m) mod β^10, digit by digit with a signed carry: exact, as 0 ≤ r < 4m < β^10.
  let t: i64 = 0;
  t += <i64>x0 - <i64>(q0 * m0);
  const r0 = <u64>t & W;
  t >>= 29;
  t += <i64>x1 - <i64>(q0 * m1 + q1 * m0);
  const r1 = <u64>t & W;
  t >>= 29;
  t += <i64>x2 - <i64>(q0 * m2 + q1 * m1 + q2 * m0);
  const r2 = <u64>t & W;
  t >>= 29;
  t += <i64>x3 - <i64>(q0 * m3 + q1 * m2 + q2 * m1 + q3 * m0);
  const r3 = <u64>t & W;
  t >>= 29;
  t += <i64>x4 - <i64>(q0 * m4 + q1 * m3 + q2 * m2 + q3 * m1 + q4 * m0);
  const r4 = <u64>t & W;
  t >>= 29;
  t += <i64>x5 - <i64>(q0 * m5 + q1 * m4 + q2 * m3 + q3 * m2 + q4 * m1 + q5 * m0);
  const r5 = <u64>t & W;
  t >>= 29;
  t += <i64>x6 - <i64>(q0 * m6 + q1 * m5 + q2 * m4 + q3 * m3 + q4 * m2 + q5 * m1 + q6 * m0);
  const r6 = <u64>t & W;
  t >>= 29;
  t += <i64>x7 - <i64>(q0 * m7 + q1 * m6 + q2 * m5 + q3 * m4 + q4 * m3 + q5 * m2 + q6 * m1 + q7 * m0);
  const r7 = <u64>t & W;
  t >>= 29;
  t += <i64>x8 - <i64>(q0 * m8 + q1 * m7 + q2 * m6 + q3 * m5 + q4 * m4 + q5 * m3 + q6 * m2 + q7 * m1 + q8 * m0);
  const r8 = <u64>t & W;
  t >>= 29;
  t += <i64>x9 - <i64>(q1 * m8 + q2 * m7 + q3 * m6 + q4 * m5 + q5 * m4 + q6 * m3 + q7 * m2 + q8 * m1 + q9 * m0);
  const r9 = <u64>t & W;

  // Back to u64 limbs: r < 4m < 2^258, so limb 4 holds at most two bits.
  let l0 = r0 | (r1 << 29) | (r2 << 58);
  let l1 = (r2 >> 6) | (r3 << 23) | (r4 << 52);
  let l2 = (r4 >> 12) | (r5 << 17) | (r6 << 46);
  let l3 = (r6 >> 18) | (r7 << 11) | (r8 << 40);
  let l4 = (r8 >> 24) | (r9 << 5);
  const n0 = load<u64>(mPtr), n1 = load<u64>(mPtr, 8), n2 = load<u64>(mPtr, 16), n3 = load<u64>(mPtr, 24);
  // About a third of the products need one subtraction and more are rare: the first is selected
  // without a branch (a branch on it would mispredict often), the loop takes the rest.
  let t0 = l0 - n0;
  let c = <u64>(l0 < n0);
  let t1 = l1 - n1 - c;
  c = <u64>(l1 < n1) | <u64>(l1 - n1 < c);
  let t2 = l2 - n2 - c;
  c = <u64>(l2 < n2) | <u64>(l2 - n2 < c);
  let t3 = l3 - n3 - c;
  c = <u64>(l3 < n3) | <u64>(l3 - n3 < c);
  const geq = l4 >= c;
  l0 = select<u64>(t0, l0, geq);
  l1 = select<u64>(t1, l1, geq);
  l2 = select<u64>(t2, l2, geq);
  l3 = select<u64>(t3, l3, geq);
  l4 = select<u64>(l4 - c, l4, geq);
  while (l4 != 0 || l3 > n3 || (l3 == n3 && (l2 > n2 || (l2 == n2 && (l1 > n1 || (l1 == n1 && l0 >= n0)))))) {
    t0 = l0 - n0;
    c = <u64>(l0 < n0);
    t1 = l1 - n1 - c;
    c = <u64>(l1 < n1) | <u64>(l1 - n1 < c);
    t2 = l2 - n2 - c;
    c = <u64>(l2 < n2) | <u64>(l2 - n2 < c);
    t3 = l3 - n3 - c;
    c = <u64>(l3 < n3) | <u64>(l3 - n3 < c);
    l0 = t0;
    l1 = t1;
    l2 = t2;
    l3 = t3;
    l4 -= c;
  }
  store<u64>(rPtr, l0);
  store<u64>(rPtr, l1, 8);
  store<u64>(rPtr, l2, 16);
  store<u64>(rPtr, l3, 24);
}
