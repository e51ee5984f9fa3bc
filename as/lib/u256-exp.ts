// EVM EXP: base^exponent mod 2^256 by left-to-right sliding-window exponentiation (Menezes, van
// Oorschot, Vanstone, Handbook of Applied Cryptography, algorithm 14.85) with a dedicated squaring
// (u256SqrLow: 20 digit products against 36). Bases 0, 1 and 2^k, and even bases whose power
// vanishes mod 2^256, take fast paths.

import { u256BitLength, u256Copy, u256FitsU64, u256IsZero, u256SetU64, u256Zero } from "./u256";
import { u256MulLow, u256SqrLow } from "./u256-mul";

/** Odd powers base^1, base^3, …, base^31 for windows of up to 5 bits. */
const TABLE_PTR: usize = memory.data(16 * 32, 16);
const ACC_PTR: usize = memory.data(32, 16);
const SQUARE_PTR: usize = memory.data(32, 16);
const EXPONENT_PTR: usize = memory.data(32, 16);

/** Bit i (< 256) of the exponent copy. */
@inline
function exponentBit(i: i32): u32 {
  return <u32>(load<u64>(EXPONENT_PTR + (<usize>(i >> 6) << 3)) >> (<u64>(i & 63))) & 1;
}

/** Number of trailing zero bits of a ≠ 0 (4 LE u64 limbs). */
function trailingZeros(aPtr: usize): u32 {
  for (let i: u32 = 0; i < 4; i++) {
    const limb = load<u64>(aPtr + (<usize>i << 3));
    if (limb != 0) return (i << 6) + <u32>ctz<u64>(limb);
  }
  return 256;
}

/** r = base^exponent mod 2^256 (0^0 = 1). */
export function u256Exp(rPtr: usize, basePtr: usize, exponentPtr: usize): void {
  if (u256IsZero(exponentPtr)) {
    u256SetU64(rPtr, 1);
    return;
  }
  if (u256IsZero(basePtr)) {
    u256Zero(rPtr);
    return;
  }
  // base = 2^k · odd: the result is 0 once k · exponent ≥ 256; a base 2^k with a small exponent is a
  // single set bit.
  const k = trailingZeros(basePtr);
  if (k != 0) {
    const e = load<u64>(exponentPtr);
    if (!u256FitsU64(exponentPtr) || e >= 256 || <u64>k * e >= 256) {
      u256Zero(rPtr);
      return;
    }
    if (u256FitsU64(basePtr) && load<u64>(basePtr) == (<u64>1) << k) {
      const sh = <u32>(<u64>k * e);
      u256Zero(rPtr);
      // sh < 256, so limb sh/64 is one of r's four limbs.
      store<u64>(rPtr + (<usize>(sh >> 6) << 3), (<u64>1) << (sh & 63));
      return;
    }
  }
  if (u256FitsU64(basePtr) && load<u64>(basePtr) == 1) {
    u256SetU64(rPtr, 1);
    return;
  }
  // Copies first: r may alias base or exponent.
  u256Copy(EXPONENT_PTR, exponentPtr);
  u256Copy(TABLE_PTR, basePtr);
  const bits = u256BitLength(EXPONENT_PTR);
  // Window width by exponent length: the 2^(w−1) odd powers must pay for themselves against the
  // about bits / (w + 1) multiplications the window leaves.
  const w = bits <= 8 ? 1 : bits <= 24 ? 2 : bits <= 80 ? 3 : bits <= 240 ? 4 : 5;
  if (w > 1) {
    u256SqrLow(SQUARE_PTR, TABLE_PTR);
    const odd = 1 << (w - 1);
    for (let j = 1; j < odd; j++) {
      const entry = TABLE_PTR + (<usize>j << 5);
      u256MulLow(entry, entry - 32, SQUARE_PTR);
    }
  }
  // The top bit is set, so the first window starts the accumulator and no squaring precedes it.
  let started = false;
  let i = bits - 1;
  while (i >= 0) {
    if (exponentBit(i) == 0) {
      u256SqrLow(ACC_PTR, ACC_PTR);
      i--;
      continue;
    }
    // The window: bits i..low, at most w wide, ending in a set bit.
    let low = max(i - w + 1, 0);
    while (exponentBit(low) == 0) low++;
    let value = 0;
    for (let j = i; j >= low; j--) value = (value << 1) | exponentBit(j);
    const entry = TABLE_PTR + (<usize>(value >> 1) << 5);
    if (started) {
      for (let j = i; j >= low; j--) u256SqrLow(ACC_PTR, ACC_PTR);
      u256MulLow(ACC_PTR, ACC_PTR, entry);
    } else {
      u256Copy(ACC_PTR, entry);
      started = true;
    }
    i = low - 1;
  }
  u256Copy(rPtr, ACC_PTR);
}
