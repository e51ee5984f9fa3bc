// Barrett reduction of a 512-bit value by a fixed modulus m with 2^224 < m < 2^256 (Menezes, van
// Oorschot, Vanstone, Handbook of Applied Cryptography, algorithm 14.42, base B = 2^32, k = 8 digits):
// with μ = floor(B^16 / m) precomputed once per modulus, x mod m costs two partial 9-digit products and
// at most three subtractions, against eight quotient-digit steps for long division. Any x < 2^512 is
// valid input: the algorithm only needs x < B^2k, not x < m².

import { knuthDivide } from "./u256-knuth";

const M: u64 = 0xFFFF_FFFF;

/** 2^512 − 1: the dividend for μ (floor((B^16 − 1) / m) = floor(B^16 / m) unless m is a power of two). */
const ONES_PTR: usize = memory.data<u64>([
  u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE, u64.MAX_VALUE,
]);
/** Quotient digits of the μ division (up to 17) and its discarded remainder. */
const MU_Q_PTR: usize = memory.data(68, 16);
const MU_REM_PTR: usize = memory.data(32, 16);

/** Bytes of μ as stored by barrettPrepare: 9 u32 digits. */
export const BARRETT_MU_LEN: usize = 36;

/**
 * μ = floor(B^16 / m) (9 digits) into muPtr for the modulus prepared (u256-knuth divisorPrepare) at
 * divisorPtr. Invariant: m has 8 digits and is not a power of two, so μ < B^9 and equals the
 * quotient of B^16 − 1.
 */
export function barrettPrepare(muPtr: usize, divisorPtr: usize): void {
  memory.fill(MU_Q_PTR, 0, 68);
  knuthDivide(divisorPtr, ONES_PTR, 8, MU_REM_PTR, MU_Q_PTR);
  memory.copy(muPtr, MU_Q_PTR, BARRETT_MU_LEN);
}

/**
 * r = x mod m for x of 16 u32 digits at xPtr, m (4 LE u64 limbs, 2^224 < m < 2^256, not a power of
 * two) at mPtr and μ from barrettPrepare at muPtr. r may alias x or m.
 */
export function barrettReduce(rPtr: usize, xPtr: usize, mPtr: usize, muPtr: usize): void {
  // q1 = floor(x / B^7): digits 7..15 of x.
  const a0 = <u64>load<u32>(xPtr, 28), a1 = <u64>load<u32>(xPtr, 32), a2 = <u64>load<u32>(xPtr, 36);
  const a3 = <u64>load<u32>(xPtr, 40), a4 = <u64>load<u32>(xPtr, 44), a5 = <u64>load<u32>(xPtr, 48);
  const a6 = <u64>load<u32>(xPtr, 52), a7 = <u64>load<u32>(xPtr, 56), a8 = <u64>load<u32>(xPtr, 60);
  const u0 = <u64>load<u32>(muPtr), u1 = <u64>load<u32>(muPtr, 4), u2 = <u64>load<u32>(muPtr, 8);
  const u3 = <u64>load<u32>(muPtr, 12), u4 = <u64>load<u32>(muPtr, 16), u5 = <u64>load<u32>(muPtr, 20);
  const u6 = <u64>load<u32>(muPtr, 24), u7 = <u64>load<u32>(muPtr, 28), u8 = <u64>load<u32>(muPtr, 32);
  const m0 = <u64>load<u32>(mPtr), m1 = <u64>load<u32>(mPtr, 4), m2 = <u64>load<u32>(mPtr, 8);
  const m3 = <u64>load<u32>(mPtr, 12), m4 = <u64>load<u32>(mPtr, 16), m5 = <u64>load<u32>(mPtr, 20);
  const m6 = <u64>load<u32>(mPtr, 24), m7 = <u64>load<u32>(mPtr, 28);
  // q3 = floor(q1 · μ / B^9), leaving out product columns 0..6: their sum is below B^9, so the
  // estimate is at most one below the full q3, which is at most two below floor(x / m) (HAC 14.44).
  let p: u64, lo: u64 = 0, hi: u64;
  // column 7
  hi = 0;
  p = a0 * u7; lo += p & M; hi += p >> 32;
  p = a1 * u6; lo += p & M; hi += p >> 32;
  p = a2 * u5; lo += p & M; hi += p >> 32;
  p = a3 * u4; lo += p & M; hi += p >> 32;
  p = a4 * u3; lo += p & M; hi += p >> 32;
  p = a5 * u2; lo += p & M; hi += p >> 32;
  p = a6 * u1; lo += p & M; hi += p >> 32;
  p = a7 * u0; lo += p & M; hi += p >> 32;
  lo = (lo >> 32) + hi;
  // column 8
  hi = 0;
  p = a0 * u8; lo += p & M; hi += p >> 32;
  p = a1 * u7; lo += p & M; hi += p >> 32;
  p = a2 * u6; lo += p & M; hi += p >> 32;
  p = a3 * u5; lo += p & M; hi += p >> 32;
  p = a4 * u4; lo += p & M; hi += p >> 32;
  p = a5 * u3; lo += p & M; hi += p >> 32;
  p = a6 * u2; lo += p & M; hi += p >> 32;
  p = a7 * u1; lo += p & M; hi += p >> 32;
  p = a8 * u0; lo += p & M; hi += p >> 32;
  lo = (lo >> 32) + hi;
  // column 9
  hi = 0;
  p = a1 * u8; lo += p & M; hi += p >> 32;
  p = a2 * u7; lo += p & M; hi += p >> 32;
  p = a3 * u6; lo += p & M; hi += p >> 32;
  p = a4 * u5; lo += p & M; hi += p >> 32;
  p = a5 * u4; lo += p & M; hi += p >> 32;
  p = a6 * u3; lo += p & M; hi += p >> 32;
  p = a7 * u2; lo += p & M; hi += p >> 32;
  p = a8 * u1; lo += p & M; hi += p >> 32;
  const q0 = lo & M;
  lo = (lo >> 32) + hi;
  // column 10
  hi = 0;
  p = a2 * u8; lo += p & M; hi += p >> 32;
  p = a3 * u7; lo += p & M; hi += p >> 32;
  p = a4 * u6; lo += p & M; hi += p >> 32;
  p = a5 * u5; lo += p & M; hi += p >> 32;
  p = a6 * u4; lo += p & M; hi += p >> 32;
  p = a7 * u3; lo += p & M; hi += p >> 32;
  p = a8 * u2; lo += p & M; hi += p >> 32;
  const q1 = lo & M;
  lo = (lo >> 32) + hi;
  // column 11
  hi = 0;
  p = a3 * u8; lo += p & M; hi += p >> 32;
  p = a4 * u7; lo += p & M; hi += p >> 32;
  p = a5 * u6; lo += p & M; hi += p >> 32;
  p = a6 * u5; lo += p & M; hi += p >> 32;
  p = a7 * u4; lo += p & M; hi += p >> 32;
  p = a8 * u3; lo += p & M; hi += p >> 32;
  const q2 = lo & M;
  lo = (lo >> 32) + hi;
  // column 12
  hi = 0;
  p = a4 * u8; lo += p & M; hi += p >> 32;
  p = a5 * u7; lo += p & M; hi += p >> 32;
  p = a6 * u6; lo += p & M; hi += p >> 32;
  p = a7 * u5; lo += p & M; hi += p >> 32;
  p = a8 * u4; lo += p & M; hi += p >> 32;
  const q3 = lo & M;
  lo = (lo >> 32) + hi;
  // column 13
  hi = 0;
  p = a5 * u8; lo += p & M; hi += p >> 32;
  p = a6 * u7; lo += p & M; hi += p >> 32;
  p = a7 * u6; lo += p & M; hi += p >> 32;
  p = a8 * u5; lo += p & M; hi += p >> 32;
  const q4 = lo & M;
  lo = (lo >> 32) + hi;
  // column 14
  hi = 0;
  p = a6 * u8; lo += p & M; hi += p >> 32;
  p = a7 * u7; lo += p & M; hi += p >> 32;
  p = a8 * u6; lo += p & M; hi += p >> 32;
  const q5 = lo & M;
  lo = (lo >> 32) + hi;
  // column 15
  hi = 0;
  p = a7 * u8; lo += p & M; hi += p >> 32;
  p = a8 * u7; lo += p & M; hi += p >> 32;
  const q6 = lo & M;
  lo = (lo >> 32) + hi;
  // column 16
  hi = 0;
  p = a8 * u8; lo += p & M; hi += p >> 32;
  const q7 = lo & M;
  lo = (lo >> 32) + hi;
  const q8 = lo;
  lo = 0;
  // column 0
  hi = 0;
  p = q0 * m0; lo += p & M; hi += p >> 32;
  const s0 = lo & M;
  lo = (lo >> 32) + hi;
  // column 1
  hi = 0;
  p = q0 * m1; lo += p & M; hi += p >> 32;
  p = q1 * m0; lo += p & M; hi += p >> 32;
  const s1 = lo & M;
  lo = (lo >> 32) + hi;
  // column 2
  hi = 0;
  p = q0 * m2; lo += p & M; hi += p >> 32;
  p = q1 * m1; lo += p & M; hi += p >> 32;
  p = q2 * m0; lo += p & M; hi += p >> 32;
  const s2 = lo & M;
  lo = (lo >> 32) + hi;
  // column 3
  hi = 0;
  p = q0 * m3; lo += p & M; hi += p >> 32;
  p = q1 * m2; lo += p & M; hi += p >> 32;
  p = q2 * m1; lo += p & M; hi += p >> 32;
  p = q3 * m0; lo += p & M; hi += p >> 32;
  const s3 = lo & M;
  lo = (lo >> 32) + hi;
  // column 4
  hi = 0;
  p = q0 * m4; lo += p & M; hi += p >> 32;
  p = q1 * m3; lo += p & M; hi += p >> 32;
  p = q2 * m2; lo += p & M; hi += p >> 32;
  p = q3 * m1; lo += p & M; hi += p >> 32;
  p = q4 * m0; lo += p & M; hi += p >> 32;
  const s4 = lo & M;
  lo = (lo >> 32) + hi;
  // column 5
  hi = 0;
  p = q0 * m5; lo += p & M; hi += p >> 32;
  p = q1 * m4; lo += p & M; hi += p >> 32;
  p = q2 * m3; lo += p & M; hi += p >> 32;
  p = q3 * m2; lo += p & M; hi += p >> 32;
  p = q4 * m1; lo += p & M; hi += p >> 32;
  p = q5 * m0; lo += p & M; hi += p >> 32;
  const s5 = lo & M;
  lo = (lo >> 32) + hi;
  // column 6
  hi = 0;
  p = q0 * m6; lo += p & M; hi += p >> 32;
  p = q1 * m5; lo += p & M; hi += p >> 32;
  p = q2 * m4; lo += p & M; hi += p >> 32;
  p = q3 * m3; lo += p & M; hi += p >> 32;
  p = q4 * m2; lo += p & M; hi += p >> 32;
  p = q5 * m1; lo += p & M; hi += p >> 32;
  p = q6 * m0; lo += p & M; hi += p >> 32;
  const s6 = lo & M;
  lo = (lo >> 32) + hi;
  // column 7
  hi = 0;
  p = q0 * m7; lo += p & M; hi += p >> 32;
  p = q1 * m6; lo += p & M; hi += p >> 32;
  p = q2 * m5; lo += p & M; hi += p >> 32;
  p = q3 * m4; lo += p & M; hi += p >> 32;
  p = q4 * m3; lo += p & M; hi += p >> 32;
  p = q5 * m2; lo += p & M; hi += p >> 32;
  p = q6 * m1; lo += p & M; hi += p >> 32;
  p = q7 * m0; lo += p & M; hi += p >> 32;
  const s7 = lo & M;
  lo = (lo >> 32) + hi;
  // column 8: only its low 32 bits survive mod B^9, so wrapping sums suffice
  const s8 = (lo + q1 * m7 + q2 * m6 + q3 * m5 + q4 * m4 + q5 * m3 + q6 * m2 + q7 * m1 + q8 * m0) & M;

  // r = (x − q3 · m) mod B^9 = x mod m + j·m for some 0 ≤ j ≤ 3, exact because 4m < B^9.
  const x0 = load<u64>(xPtr), x1 = load<u64>(xPtr, 8), x2 = load<u64>(xPtr, 16), x3 = load<u64>(xPtr, 24);
  const y0 = s0 | (s1 << 32), y1 = s2 | (s3 << 32), y2 = s4 | (s5 << 32), y3 = s6 | (s7 << 32);
  let r0 = x0 - y0;
  let b = <u64>(x0 < y0);
  let r1 = x1 - y1 - b;
  b = <u64>(x1 < y1) | <u64>(x1 - y1 < b);
  let r2 = x2 - y2 - b;
  b = <u64>(x2 < y2) | <u64>(x2 - y2 < b);
  let r3 = x3 - y3 - b;
  b = <u64>(x3 < y3) | <u64>(x3 - y3 < b);
  let r4 = (<u64>load<u32>(xPtr, 32) - s8 - b) & M;
  const n0 = load<u64>(mPtr), n1 = load<u64>(mPtr, 8), n2 = load<u64>(mPtr, 16), n3 = load<u64>(mPtr, 24);
  while (r4 != 0 || r3 > n3 || (r3 == n3 && (r2 > n2 || (r2 == n2 && (r1 > n1 || (r1 == n1 && r0 >= n0)))))) {
    const t0 = r0 - n0;
    let c = <u64>(r0 < n0);
    const t1 = r1 - n1 - c;
    c = <u64>(r1 < n1) | <u64>(r1 - n1 < c);
    const t2 = r2 - n2 - c;
    c = <u64>(r2 < n2) | <u64>(r2 - n2 < c);
    const t3 = r3 - n3 - c;
    c = <u64>(r3 < n3) | <u64>(r3 - n3 < c);
    r4 -= c;
    r0 = t0;
    r1 = t1;
    r2 = t2;
    r3 = t3;
  }
  store<u64>(rPtr, r0);
  store<u64>(rPtr, r1, 8);
  store<u64>(rPtr, r2, 16);
  store<u64>(rPtr, r3, 24);
}
