// EVM EXP: base^exponent mod 2^256 by left-to-right square-and-multiply (one squaring per
// exponent bit, one multiply per set bit), with shift fast paths for bases 0, 1 and powers of two.

import { u256BitLength, u256Copy, u256FitsU64, u256IsZero, u256Mul, u256SetU64, u256Zero } from "./u256";

const BASE_PTR: usize = memory.data(32, 16);
const EXPONENT_PTR: usize = memory.data(32, 16);
const ACC_PTR: usize = memory.data(32, 16);

/** r = base^exponent mod 2^256 (0^0 = 1). */
export function u256Exp(rPtr: usize, basePtr: usize, exponentPtr: usize): void {
  if (u256IsZero(exponentPtr)) {
    u256SetU64(rPtr, 1);
    return;
  }
  if (u256FitsU64(basePtr)) {
    const b = load<u64>(basePtr);
    if (b <= 1) {
      u256SetU64(rPtr, b);
      return;
    }
    if ((b & (b - 1)) == 0) {
      // b = 2^k, k ≥ 1: the result is 2^(k·e), which is 0 mod 2^256 once k·e ≥ 256.
      const e = load<u64>(exponentPtr);
      const k = ctz<u64>(b);
      if (!u256FitsU64(exponentPtr) || e >= 256 || k * e >= 256) {
        u256Zero(rPtr);
        return;
      }
      const sh = <u32>(k * e);
      u256Zero(rPtr);
      // sh < 256, so limb sh/64 is one of r's four limbs.
      store<u64>(rPtr + (<usize>(sh >> 6) << 3), (<u64>1) << (sh & 63));
      return;
    }
  }
  // Copies first: r may alias base or exponent.
  u256Copy(BASE_PTR, basePtr);
  u256Copy(EXPONENT_PTR, exponentPtr);
  u256Copy(ACC_PTR, BASE_PTR);
  for (let i = u256BitLength(EXPONENT_PTR) - 2; i >= 0; i--) {
    // Once 0 (an even base with a large exponent), the accumulator stays 0.
    if (u256IsZero(ACC_PTR)) break;
    u256Mul(ACC_PTR, ACC_PTR, ACC_PTR);
    // i < 255: bit i lives in limb i/64 of the exponent copy.
    if ((load<u64>(EXPONENT_PTR + (<usize>(i >> 6) << 3)) >> (<u64>(i & 63))) & 1) {
      u256Mul(ACC_PTR, ACC_PTR, BASE_PTR);
    }
  }
  u256Copy(rPtr, ACC_PTR);
}
