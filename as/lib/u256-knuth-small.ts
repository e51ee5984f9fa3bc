// Long division by divisors of 2 to 4 u32 digits (2^32 ≤ v < 2^128), the small-divisor kernels of
// u256-knuth.ts: the same prepared divisor (its top digits are v's normalised digits) and 3-by-2
// step, with a remainder window of 2 or 5 digits instead of 9. DIV by 10^18 takes knuthDivide2.

import { DIVISOR_RECIPROCAL, DIVISOR_SHIFT, UN_PTR, normaliseDividend } from "./u256-knuth";

const M: u64 = 0xFFFF_FFFF;

/**
 * knuthDivide for a prepared divisor 2^32 ≤ v < 2^64 (192 ≤ shift < 224): d = (d1:d0), so each
 * step is one 3-by-2 division of (remainder:next digit), with no multiply-subtract; the remainder
 * lives in a u64. Same contract as knuthDivide.
 */
export function knuthDivide2(statePtr: usize, xPtr: usize, xLimbs: i32, rPtr: usize, qPtr: usize): void {
  const s = <u64>(load<u32>(statePtr, DIVISOR_SHIFT) - 192);
  const v = <u64>load<u32>(statePtr, DIVISOR_RECIPROCAL);
  const d1 = <u64>load<u32>(statePtr, 28), d0 = <u64>load<u32>(statePtr, 24);
  const dTop = (d1 << 32) | d0;
  // Digit i of x << s, for 1 ≤ i < 2·xLimbs: the u64 at digit i − 1 holds digits i − 1 and i.
  let i = (xLimbs << 1) - 1;
  // The remainder starts as the digits above the first step's, while they stay below d (no
  // quotient digit there): the bits shifted out of the top, then whole digits.
  let r: u64 = s == 0 ? 0 : <u64>load<u32>(xPtr + (<usize>i << 2)) >> (32 - s);
  while (i >= 1) {
    const next = (load<u64>(xPtr + (<usize>(i - 1) << 2)) >> (32 - s)) & M;
    if ((r >> 32) != 0 || ((r << 32) | next) >= dTop) break;
    r = (r << 32) | next;
    i--;
  }
  for (; i >= 0; i--) {
    const u = i == 0 ? (<u64>load<u32>(xPtr) << s) & M : (load<u64>(xPtr + (<usize>(i - 1) << 2)) >> (32 - s)) & M;
    // Möller–Granlund algorithm 5 on (r:u) / (d1:d0), as in knuthDivide's step.
    const w8 = r >> 32, w7 = r & M;
    const qq = v * w8 + r;
    let q = qq >> 32;
    const q0 = qq & M;
    const r1 = (w7 - q * d1) & M;
    r = ((r1 << 32) | u) - dTop - d0 * q;
    const adjust = 0 - <u64>((r >> 32) >= q0);
    q = (q + 1 + adjust) & M;
    r += adjust & dTop;
    if (r >= dTop) {
      q++;
      r -= dTop;
    }
    if (qPtr != 0) store<u32>(qPtr + (<usize>i << 2), <u32>q);
  }
  store<u64>(rPtr, r >> s);
  store<u64>(rPtr, 0, 8);
  store<u64>(rPtr, 0, 16);
  store<u64>(rPtr, 0, 24);
}

/**
 * knuthDivide for a prepared divisor 2^64 ≤ v < 2^128 (128 ≤ shift < 192): d = (d7:d6:d5:d4) of the
 * prepared digits, x shifted by shift − 128, a 5-digit window. Same contract as knuthDivide.
 */
export function knuthDivide4(statePtr: usize, xPtr: usize, xLimbs: i32, rPtr: usize, qPtr: usize): void {
  const s = load<u32>(statePtr, DIVISOR_SHIFT) - 128;
  const n = normaliseDividend(xPtr, xLimbs, s, 4);
  const v = <u64>load<u32>(statePtr, DIVISOR_RECIPROCAL);
  const d4 = <u64>load<u32>(statePtr, 16), d5 = <u64>load<u32>(statePtr, 20);
  const d6 = <u64>load<u32>(statePtr, 24), d7 = <u64>load<u32>(statePtr, 28);
  const dTop = (d7 << 32) | d6;
  // Window w4..w0 = UN digits j+4..j, starting below B·d with w4 = 0 (see knuthDivide).
  let j = n - 4;
  const p = UN_PTR + (<usize>j << 2);
  let w0 = <u64>load<u32>(p), w1 = <u64>load<u32>(p, 4), w2 = <u64>load<u32>(p, 8), w3 = <u64>load<u32>(p, 12);
  let w4: u64 = 0;
  if (j > 0 && w3 < d7) {
    j--;
    w4 = w3;
    w3 = w2;
    w2 = w1;
    w1 = w0;
    w0 = <u64>load<u32>(UN_PTR + (<usize>j << 2));
  }
  let rTop: u64;
  while (true) {
    let q: u64;
    const top = (w4 << 32) | w3;
    const full = top == dTop;
    if (full) {
      q = M;
      rTop = dTop + w2;
    } else {
      const qq = v * w4 + top;
      q = qq >> 32;
      const q0 = qq & M;
      const r1 = (w3 - q * d7) & M;
      rTop = ((r1 << 32) | w2) - dTop - d6 * q;
      const adjust = 0 - <u64>((rTop >> 32) >= q0);
      q = (q + 1 + adjust) & M;
      rTop += adjust & dTop;
      if (rTop >= dTop) {
        q++;
        rTop -= dTop;
      }
    }
    const p4 = q * d4, p5 = q * d5;
    let t = <i64>w0 - <i64>(p4 & M);
    w0 = <u64>t & M;
    t = <i64>w1 - <i64>(p5 & M) - <i64>(p4 >> 32) + (t >> 32);
    w1 = <u64>t & M;
    const borrow = <u64>(<i64>(p5 >> 32) - (t >> 32));
    if (rTop < borrow && !full) {
      q--;
      let sum = w0 + d4;
      w0 = sum & M;
      sum = w1 + d5 + (sum >> 32);
      w1 = sum & M;
      rTop += dTop + (sum >> 32);
    }
    rTop -= borrow;
    if (qPtr != 0) store<u32>(qPtr + (<usize>j << 2), <u32>q);
    if (j == 0) break;
    j--;
    w4 = rTop >> 32;
    w3 = rTop & M;
    w2 = w1;
    w1 = w0;
    w0 = <u64>load<u32>(UN_PTR + (<usize>j << 2));
  }
  // The remainder times 2^s is (rTop:w1:w0) < d < 2^128; shift it back by s < 64.
  const r0 = w0 | (w1 << 32);
  const b = <u64>s;
  store<u64>(rPtr, b == 0 ? r0 : (r0 >> b) | (rTop << (64 - b)));
  store<u64>(rPtr, rTop >> b, 8);
  store<u64>(rPtr, 0, 16);
  store<u64>(rPtr, 0, 24);
}
