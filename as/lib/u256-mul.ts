// 256-bit multiplication, fully unrolled by product column (Comba) on u32 digits held in locals:
// WASM has no 64×64→128 multiply, and u32 × u32 fits u64. Each column sums the low and high
// halves of its products separately, so with ≤ 8 products per column nothing overflows u64.
// All operand digits are loaded before the first store, so r may alias a or b.

const M: u64 = 0xFFFF_FFFF;
/** r = a · b mod 2^256: the eight low product columns. */
export function u256MulLow(rPtr: usize, aPtr: usize, bPtr: usize): void {
  const a0 = <u64>load<u32>(aPtr), a1 = <u64>load<u32>(aPtr, 4), a2 = <u64>load<u32>(aPtr, 8), a3 = <u64>load<u32>(aPtr, 12);
  const a4 = <u64>load<u32>(aPtr, 16), a5 = <u64>load<u32>(aPtr, 20), a6 = <u64>load<u32>(aPtr, 24), a7 = <u64>load<u32>(aPtr, 28);
  const b0 = <u64>load<u32>(bPtr), b1 = <u64>load<u32>(bPtr, 4), b2 = <u64>load<u32>(bPtr, 8), b3 = <u64>load<u32>(bPtr, 12);
  const b4 = <u64>load<u32>(bPtr, 16), b5 = <u64>load<u32>(bPtr, 20), b6 = <u64>load<u32>(bPtr, 24), b7 = <u64>load<u32>(bPtr, 28);
  let p: u64, lo: u64, hi: u64;
  // column 0
  p = a0 * b0;
  const d0 = p & M;
  lo = p >> 32;
  // column 1
  hi = 0;
  p = a0 * b1; lo += p & M; hi += p >> 32;
  p = a1 * b0; lo += p & M; hi += p >> 32;
  const d1 = lo & M;
  lo = (lo >> 32) + hi;
  // column 2
  hi = 0;
  p = a0 * b2; lo += p & M; hi += p >> 32;
  p = a1 * b1; lo += p & M; hi += p >> 32;
  p = a2 * b0; lo += p & M; hi += p >> 32;
  const d2 = lo & M;
  lo = (lo >> 32) + hi;
  // column 3
  hi = 0;
  p = a0 * b3; lo += p & M; hi += p >> 32;
  p = a1 * b2; lo += p & M; hi += p >> 32;
  p = a2 * b1; lo += p & M; hi += p >> 32;
  p = a3 * b0; lo += p & M; hi += p >> 32;
  const d3 = lo & M;
  lo = (lo >> 32) + hi;
  // column 4
  hi = 0;
  p = a0 * b4; lo += p & M; hi += p >> 32;
  p = a1 * b3; lo += p & M; hi += p >> 32;
  p = a2 * b2; lo += p & M; hi += p >> 32;
  p = a3 * b1; lo += p & M; hi += p >> 32;
  p = a4 * b0; lo += p & M; hi += p >> 32;
  const d4 = lo & M;
  lo = (lo >> 32) + hi;
  // column 5
  hi = 0;
  p = a0 * b5; lo += p & M; hi += p >> 32;
  p = a1 * b4; lo += p & M; hi += p >> 32;
  p = a2 * b3; lo += p & M; hi += p >> 32;
  p = a3 * b2; lo += p & M; hi += p >> 32;
  p = a4 * b1; lo += p & M; hi += p >> 32;
  p = a5 * b0; lo += p & M; hi += p >> 32;
  const d5 = lo & M;
  lo = (lo >> 32) + hi;
  // column 6
  hi = 0;
  p = a0 * b6; lo += p & M; hi += p >> 32;
  p = a1 * b5; lo += p & M; hi += p >> 32;
  p = a2 * b4; lo += p & M; hi += p >> 32;
  p = a3 * b3; lo += p & M; hi += p >> 32;
  p = a4 * b2; lo += p & M; hi += p >> 32;
  p = a5 * b1; lo += p & M; hi += p >> 32;
  p = a6 * b0; lo += p & M; hi += p >> 32;
  const d6 = lo & M;
  lo = (lo >> 32) + hi;
  // column 7
  // Only the low 32 bits of the last column survive, so plain wrapping sums suffice.
  lo += a0 * b7 + a1 * b6 + a2 * b5 + a3 * b4 + a4 * b3 + a5 * b2 + a6 * b1 + a7 * b0;
  const d7 = lo & M;
  store<u64>(rPtr, d0 | (d1 << 32));
  store<u64>(rPtr, d2 | (d3 << 32), 8);
  store<u64>(rPtr, d4 | (d5 << 32), 16);
  store<u64>(rPtr, d6 | (d7 << 32), 24);
}

/**
 * r = a² mod 2^256 (EXP's squarings): each cross product a_i·a_j (i < j) once, its column doubled,
 * plus the squares on even columns: 20 digit products against 36 for u256MulLow. r may alias a.
 */
export function u256SqrLow(rPtr: usize, aPtr: usize): void {
  const a0 = <u64>load<u32>(aPtr), a1 = <u64>load<u32>(aPtr, 4), a2 = <u64>load<u32>(aPtr, 8), a3 = <u64>load<u32>(aPtr, 12);
  const a4 = <u64>load<u32>(aPtr, 16), a5 = <u64>load<u32>(aPtr, 20), a6 = <u64>load<u32>(aPtr, 24), a7 = <u64>load<u32>(aPtr, 28);
  let p: u64, lo: u64, hi: u64, carry: u64;
  // column 0
  p = a0 * a0;
  const d0 = p & M;
  carry = p >> 32;
  // column 1
  p = a0 * a1; lo = p & M; hi = p >> 32;
  lo = (lo << 1) + carry;
  hi <<= 1;
  const d1 = lo & M;
  carry = (lo >> 32) + hi;
  // column 2
  p = a0 * a2; lo = p & M; hi = p >> 32;
  lo = (lo << 1) + carry;
  hi <<= 1;
  p = a1 * a1; lo += p & M; hi += p >> 32;
  const d2 = lo & M;
  carry = (lo >> 32) + hi;
  // column 3
  p = a0 * a3; lo = p & M; hi = p >> 32;
  p = a1 * a2; lo += p & M; hi += p >> 32;
  lo = (lo << 1) + carry;
  hi <<= 1;
  const d3 = lo & M;
  carry = (lo >> 32) + hi;
  // column 4
  p = a0 * a4; lo = p & M; hi = p >> 32;
  p = a1 * a3; lo += p & M; hi += p >> 32;
  lo = (lo << 1) + carry;
  hi <<= 1;
  p = a2 * a2; lo += p & M; hi += p >> 32;
  const d4 = lo & M;
  carry = (lo >> 32) + hi;
  // column 5
  p = a0 * a5; lo = p & M; hi = p >> 32;
  p = a1 * a4; lo += p & M; hi += p >> 32;
  p = a2 * a3; lo += p & M; hi += p >> 32;
  lo = (lo << 1) + carry;
  hi <<= 1;
  const d5 = lo & M;
  carry = (lo >> 32) + hi;
  // column 6
  p = a0 * a6; lo = p & M; hi = p >> 32;
  p = a1 * a5; lo += p & M; hi += p >> 32;
  p = a2 * a4; lo += p & M; hi += p >> 32;
  lo = (lo << 1) + carry;
  hi <<= 1;
  p = a3 * a3; lo += p & M; hi += p >> 32;
  const d6 = lo & M;
  carry = (lo >> 32) + hi;
  // column 7: only its low 32 bits survive, so plain wrapping sums suffice
  const d7 = (carry + ((a0 * a7 + a1 * a6 + a2 * a5 + a3 * a4) << 1)) & M;
  store<u64>(rPtr, d0 | (d1 << 32));
  store<u64>(rPtr, d2 | (d3 << 32), 8);
  store<u64>(rPtr, d4 | (d5 << 32), 16);
  store<u64>(rPtr, d6 | (d7 << 32), 24);
}

/** r[0..64) = the full 512-bit product a · b as 8 LE u64 limbs (columns 0–14; digit 15 is the final carry). */
export function u256MulWide(rPtr: usize, aPtr: usize, bPtr: usize): void {
  const a0 = <u64>load<u32>(aPtr), a1 = <u64>load<u32>(aPtr, 4), a2 = <u64>load<u32>(aPtr, 8), a3 = <u64>load<u32>(aPtr, 12);
  const a4 = <u64>load<u32>(aPtr, 16), a5 = <u64>load<u32>(aPtr, 20), a6 = <u64>load<u32>(aPtr, 24), a7 = <u64>load<u32>(aPtr, 28);
  const b0 = <u64>load<u32>(bPtr), b1 = <u64>load<u32>(bPtr, 4), b2 = <u64>load<u32>(bPtr, 8), b3 = <u64>load<u32>(bPtr, 12);
  const b4 = <u64>load<u32>(bPtr, 16), b5 = <u64>load<u32>(bPtr, 20), b6 = <u64>load<u32>(bPtr, 24), b7 = <u64>load<u32>(bPtr, 28);
  let p: u64, lo: u64, hi: u64;
  // column 0
  p = a0 * b0;
  const d0 = p & M;
  lo = p >> 32;
  // column 1
  hi = 0;
  p = a0 * b1; lo += p & M; hi += p >> 32;
  p = a1 * b0; lo += p & M; hi += p >> 32;
  const d1 = lo & M;
  lo = (lo >> 32) + hi;
  // column 2
  hi = 0;
  p = a0 * b2; lo += p & M; hi += p >> 32;
  p = a1 * b1; lo += p & M; hi += p >> 32;
  p = a2 * b0; lo += p & M; hi += p >> 32;
  const d2 = lo & M;
  lo = (lo >> 32) + hi;
  // column 3
  hi = 0;
  p = a0 * b3; lo += p & M; hi += p >> 32;
  p = a1 * b2; lo += p & M; hi += p >> 32;
  p = a2 * b1; lo += p & M; hi += p >> 32;
  p = a3 * b0; lo += p & M; hi += p >> 32;
  const d3 = lo & M;
  lo = (lo >> 32) + hi;
  // column 4
  hi = 0;
  p = a0 * b4; lo += p & M; hi += p >> 32;
  p = a1 * b3; lo += p & M; hi += p >> 32;
  p = a2 * b2; lo += p & M; hi += p >> 32;
  p = a3 * b1; lo += p & M; hi += p >> 32;
  p = a4 * b0; lo += p & M; hi += p >> 32;
  const d4 = lo & M;
  lo = (lo >> 32) + hi;
  // column 5
  hi = 0;
  p = a0 * b5; lo += p & M; hi += p >> 32;
  p = a1 * b4; lo += p & M; hi += p >> 32;
  p = a2 * b3; lo += p & M; hi += p >> 32;
  p = a3 * b2; lo += p & M; hi += p >> 32;
  p = a4 * b1; lo += p & M; hi += p >> 32;
  p = a5 * b0; lo += p & M; hi += p >> 32;
  const d5 = lo & M;
  lo = (lo >> 32) + hi;
  // column 6
  hi = 0;
  p = a0 * b6; lo += p & M; hi += p >> 32;
  p = a1 * b5; lo += p & M; hi += p >> 32;
  p = a2 * b4; lo += p & M; hi += p >> 32;
  p = a3 * b3; lo += p & M; hi += p >> 32;
  p = a4 * b2; lo += p & M; hi += p >> 32;
  p = a5 * b1; lo += p & M; hi += p >> 32;
  p = a6 * b0; lo += p & M; hi += p >> 32;
  const d6 = lo & M;
  lo = (lo >> 32) + hi;
  // column 7
  hi = 0;
  p = a0 * b7; lo += p & M; hi += p >> 32;
  p = a1 * b6; lo += p & M; hi += p >> 32;
  p = a2 * b5; lo += p & M; hi += p >> 32;
  p = a3 * b4; lo += p & M; hi += p >> 32;
  p = a4 * b3; lo += p & M; hi += p >> 32;
  p = a5 * b2; lo += p & M; hi += p >> 32;
  p = a6 * b1; lo += p & M; hi += p >> 32;
  p = a7 * b0; lo += p & M; hi += p >> 32;
  const d7 = lo & M;
  lo = (lo >> 32) + hi;
  // column 8
  hi = 0;
  p = a1 * b7; lo += p & M; hi += p >> 32;
  p = a2 * b6; lo += p & M; hi += p >> 32;
  p = a3 * b5; lo += p & M; hi += p >> 32;
  p = a4 * b4; lo += p & M; hi += p >> 32;
  p = a5 * b3; lo += p & M; hi += p >> 32;
  p = a6 * b2; lo += p & M; hi += p >> 32;
  p = a7 * b1; lo += p & M; hi += p >> 32;
  const d8 = lo & M;
  lo = (lo >> 32) + hi;
  // column 9
  hi = 0;
  p = a2 * b7; lo += p & M; hi += p >> 32;
  p = a3 * b6; lo += p & M; hi += p >> 32;
  p = a4 * b5; lo += p & M; hi += p >> 32;
  p = a5 * b4; lo += p & M; hi += p >> 32;
  p = a6 * b3; lo += p & M; hi += p >> 32;
  p = a7 * b2; lo += p & M; hi += p >> 32;
  const d9 = lo & M;
  lo = (lo >> 32) + hi;
  // column 10
  hi = 0;
  p = a3 * b7; lo += p & M; hi += p >> 32;
  p = a4 * b6; lo += p & M; hi += p >> 32;
  p = a5 * b5; lo += p & M; hi += p >> 32;
  p = a6 * b4; lo += p & M; hi += p >> 32;
  p = a7 * b3; lo += p & M; hi += p >> 32;
  const d10 = lo & M;
  lo = (lo >> 32) + hi;
  // column 11
  hi = 0;
  p = a4 * b7; lo += p & M; hi += p >> 32;
  p = a5 * b6; lo += p & M; hi += p >> 32;
  p = a6 * b5; lo += p & M; hi += p >> 32;
  p = a7 * b4; lo += p & M; hi += p >> 32;
  const d11 = lo & M;
  lo = (lo >> 32) + hi;
  // column 12
  hi = 0;
  p = a5 * b7; lo += p & M; hi += p >> 32;
  p = a6 * b6; lo += p & M; hi += p >> 32;
  p = a7 * b5; lo += p & M; hi += p >> 32;
  const d12 = lo & M;
  lo = (lo >> 32) + hi;
  // column 13
  hi = 0;
  p = a6 * b7; lo += p & M; hi += p >> 32;
  p = a7 * b6; lo += p & M; hi += p >> 32;
  const d13 = lo & M;
  lo = (lo >> 32) + hi;
  // column 14
  hi = 0;
  p = a7 * b7; lo += p & M; hi += p >> 32;
  const d14 = lo & M;
  lo = (lo >> 32) + hi;
  const d15 = lo;
  store<u64>(rPtr, d0 | (d1 << 32));
  store<u64>(rPtr, d2 | (d3 << 32), 8);
  store<u64>(rPtr, d4 | (d5 << 32), 16);
  store<u64>(rPtr, d6 | (d7 << 32), 24);
  store<u64>(rPtr, d8 | (d9 << 32), 32);
  store<u64>(rPtr, d10 | (d11 << 32), 40);
  store<u64>(rPtr, d12 | (d13 << 32), 48);
  store<u64>(rPtr, d14 | (d15 << 32), 56);
}

/**
 * r = a · b mod 2^256, returning the carry out of column 7: with u256MulHighFrom, the two halves of
 * one product computed apart (the 0x7CA delegation's MUL_LOW then MUL_HIGH on the same operands).
 */
export function u256MulLowCarry(rPtr: usize, aPtr: usize, bPtr: usize): u64 {
  const a0 = <u64>load<u32>(aPtr), a1 = <u64>load<u32>(aPtr, 4), a2 = <u64>load<u32>(aPtr, 8), a3 = <u64>load<u32>(aPtr, 12);
  const a4 = <u64>load<u32>(aPtr, 16), a5 = <u64>load<u32>(aPtr, 20), a6 = <u64>load<u32>(aPtr, 24), a7 = <u64>load<u32>(aPtr, 28);
  const b0 = <u64>load<u32>(bPtr), b1 = <u64>load<u32>(bPtr, 4), b2 = <u64>load<u32>(bPtr, 8), b3 = <u64>load<u32>(bPtr, 12);
  const b4 = <u64>load<u32>(bPtr, 16), b5 = <u64>load<u32>(bPtr, 20), b6 = <u64>load<u32>(bPtr, 24), b7 = <u64>load<u32>(bPtr, 28);
  let p: u64, lo: u64, hi: u64;
  // column 0
  p = a0 * b0;
  const d0 = p & M;
  lo = p >> 32;
  // column 1
  hi = 0;
  p = a0 * b1; lo += p & M; hi += p >> 32;
  p = a1 * b0; lo += p & M; hi += p >> 32;
  const d1 = lo & M;
  lo = (lo >> 32) + hi;
  // column 2
  hi = 0;
  p = a0 * b2; lo += p & M; hi += p >> 32;
  p = a1 * b1; lo += p & M; hi += p >> 32;
  p = a2 * b0; lo += p & M; hi += p >> 32;
  const d2 = lo & M;
  lo = (lo >> 32) + hi;
  // column 3
  hi = 0;
  p = a0 * b3; lo += p & M; hi += p >> 32;
  p = a1 * b2; lo += p & M; hi += p >> 32;
  p = a2 * b1; lo += p & M; hi += p >> 32;
  p = a3 * b0; lo += p & M; hi += p >> 32;
  const d3 = lo & M;
  lo = (lo >> 32) + hi;
  // column 4
  hi = 0;
  p = a0 * b4; lo += p & M; hi += p >> 32;
  p = a1 * b3; lo += p & M; hi += p >> 32;
  p = a2 * b2; lo += p & M; hi += p >> 32;
  p = a3 * b1; lo += p & M; hi += p >> 32;
  p = a4 * b0; lo += p & M; hi += p >> 32;
  const d4 = lo & M;
  lo = (lo >> 32) + hi;
  // column 5
  hi = 0;
  p = a0 * b5; lo += p & M; hi += p >> 32;
  p = a1 * b4; lo += p & M; hi += p >> 32;
  p = a2 * b3; lo += p & M; hi += p >> 32;
  p = a3 * b2; lo += p & M; hi += p >> 32;
  p = a4 * b1; lo += p & M; hi += p >> 32;
  p = a5 * b0; lo += p & M; hi += p >> 32;
  const d5 = lo & M;
  lo = (lo >> 32) + hi;
  // column 6
  hi = 0;
  p = a0 * b6; lo += p & M; hi += p >> 32;
  p = a1 * b5; lo += p & M; hi += p >> 32;
  p = a2 * b4; lo += p & M; hi += p >> 32;
  p = a3 * b3; lo += p & M; hi += p >> 32;
  p = a4 * b2; lo += p & M; hi += p >> 32;
  p = a5 * b1; lo += p & M; hi += p >> 32;
  p = a6 * b0; lo += p & M; hi += p >> 32;
  const d6 = lo & M;
  lo = (lo >> 32) + hi;
  // column 7
  hi = 0;
  p = a0 * b7; lo += p & M; hi += p >> 32;
  p = a1 * b6; lo += p & M; hi += p >> 32;
  p = a2 * b5; lo += p & M; hi += p >> 32;
  p = a3 * b4; lo += p & M; hi += p >> 32;
  p = a4 * b3; lo += p & M; hi += p >> 32;
  p = a5 * b2; lo += p & M; hi += p >> 32;
  p = a6 * b1; lo += p & M; hi += p >> 32;
  p = a7 * b0; lo += p & M; hi += p >> 32;
  const d7 = lo & M;
  lo = (lo >> 32) + hi;
  store<u64>(rPtr, d0 | (d1 << 32));
  store<u64>(rPtr, d2 | (d3 << 32), 8);
  store<u64>(rPtr, d4 | (d5 << 32), 16);
  store<u64>(rPtr, d6 | (d7 << 32), 24);
  return lo;
}

/** r = floor(a · b / 2^256) given the carry that u256MulLowCarry returned for the same a, b. */
export function u256MulHighFrom(rPtr: usize, aPtr: usize, bPtr: usize, carry: u64): void {
  const a0 = <u64>load<u32>(aPtr), a1 = <u64>load<u32>(aPtr, 4), a2 = <u64>load<u32>(aPtr, 8), a3 = <u64>load<u32>(aPtr, 12);
  const a4 = <u64>load<u32>(aPtr, 16), a5 = <u64>load<u32>(aPtr, 20), a6 = <u64>load<u32>(aPtr, 24), a7 = <u64>load<u32>(aPtr, 28);
  const b0 = <u64>load<u32>(bPtr), b1 = <u64>load<u32>(bPtr, 4), b2 = <u64>load<u32>(bPtr, 8), b3 = <u64>load<u32>(bPtr, 12);
  const b4 = <u64>load<u32>(bPtr, 16), b5 = <u64>load<u32>(bPtr, 20), b6 = <u64>load<u32>(bPtr, 24), b7 = <u64>load<u32>(bPtr, 28);
  let p: u64, lo: u64, hi: u64;
  lo = carry;
  // column 8
  hi = 0;
  p = a1 * b7; lo += p & M; hi += p >> 32;
  p = a2 * b6; lo += p & M; hi += p >> 32;
  p = a3 * b5; lo += p & M; hi += p >> 32;
  p = a4 * b4; lo += p & M; hi += p >> 32;
  p = a5 * b3; lo += p & M; hi += p >> 32;
  p = a6 * b2; lo += p & M; hi += p >> 32;
  p = a7 * b1; lo += p & M; hi += p >> 32;
  const d8 = lo & M;
  lo = (lo >> 32) + hi;
  // column 9
  hi = 0;
  p = a2 * b7; lo += p & M; hi += p >> 32;
  p = a3 * b6; lo += p & M; hi += p >> 32;
  p = a4 * b5; lo += p & M; hi += p >> 32;
  p = a5 * b4; lo += p & M; hi += p >> 32;
  p = a6 * b3; lo += p & M; hi += p >> 32;
  p = a7 * b2; lo += p & M; hi += p >> 32;
  const d9 = lo & M;
  lo = (lo >> 32) + hi;
  // column 10
  hi = 0;
  p = a3 * b7; lo += p & M; hi += p >> 32;
  p = a4 * b6; lo += p & M; hi += p >> 32;
  p = a5 * b5; lo += p & M; hi += p >> 32;
  p = a6 * b4; lo += p & M; hi += p >> 32;
  p = a7 * b3; lo += p & M; hi += p >> 32;
  const d10 = lo & M;
  lo = (lo >> 32) + hi;
  // column 11
  hi = 0;
  p = a4 * b7; lo += p & M; hi += p >> 32;
  p = a5 * b6; lo += p & M; hi += p >> 32;
  p = a6 * b5; lo += p & M; hi += p >> 32;
  p = a7 * b4; lo += p & M; hi += p >> 32;
  const d11 = lo & M;
  lo = (lo >> 32) + hi;
  // column 12
  hi = 0;
  p = a5 * b7; lo += p & M; hi += p >> 32;
  p = a6 * b6; lo += p & M; hi += p >> 32;
  p = a7 * b5; lo += p & M; hi += p >> 32;
  const d12 = lo & M;
  lo = (lo >> 32) + hi;
  // column 13
  hi = 0;
  p = a6 * b7; lo += p & M; hi += p >> 32;
  p = a7 * b6; lo += p & M; hi += p >> 32;
  const d13 = lo & M;
  lo = (lo >> 32) + hi;
  // column 14
  hi = 0;
  p = a7 * b7; lo += p & M; hi += p >> 32;
  const d14 = lo & M;
  lo = (lo >> 32) + hi;
  const d15 = lo;
  store<u64>(rPtr, d8 | (d9 << 32));
  store<u64>(rPtr, d10 | (d11 << 32), 8);
  store<u64>(rPtr, d12 | (d13 << 32), 16);
  store<u64>(rPtr, d14 | (d15 << 32), 24);
}
