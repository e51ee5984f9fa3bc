// EVM DIV, SDIV, MOD, SMOD, ADDMOD, MULMOD on in-place u256 values (Yellow Paper appendix H:
// x/0 = x mod 0 = 0; SDIV(−2^255, −1) = −2^255; SMOD takes the dividend's sign; ADDMOD/MULMOD reduce
// the exact 257/512-bit intermediate). Long division is Knuth D with a 3-by-2 reciprocal
// (u256-knuth.ts) on a prepared divisor, cached by value for MULMOD's moduli (u256-modulus.ts); MULMOD
// by a recurring modulus above 2^232 reduces by Barrett (u256-barrett.ts).

import { divDigitsBy1 } from "./u256-digits";
import { knuthDivide } from "./u256-knuth";
import { barrettMulMod } from "./u256-barrett";
import { modulusBarrett, modulusDivisor, modulusEntry, modulusPrepared } from "./u256-modulus";
import {
  u256AddCarry, u256Copy, u256FitsU64, u256Log2IfPowerOfTwo, u256Lt, u256MulWide, u256Neg,
  u256SetU64, u256ShrBy, u256SubBorrow, u256Zero,
} from "./u256";

/** Quotient digits (up to 2·8 + 1 for a 256-bit dividend; only 0..7 can be non-zero). */
const Q_PTR: usize = memory.data(68, 16);
/** Wide dividend staging: the 512-bit product of MULMOD or the 257-bit sum of ADDMOD. */
const WIDE_PTR: usize = memory.data(64, 16);
/** |a| and |b| for the signed ops. */
const ABS_A_PTR: usize = memory.data(32, 16);
const ABS_B_PTR: usize = memory.data(32, 16);
/** Unsigned quotient or remainder before the sign is applied. */
const SIGNED_T_PTR: usize = memory.data(32, 16);

/** r = a / b (0 when b = 0). */
export function u256Div(rPtr: usize, aPtr: usize, bPtr: usize): void {
  if (u256FitsU64(bPtr)) {
    const b = load<u64>(bPtr);
    if (b == 0) {
      u256Zero(rPtr);
      return;
    }
    if (u256FitsU64(aPtr)) {
      u256SetU64(rPtr, load<u64>(aPtr) / b);
      return;
    }
  }
  // Pre-Constantinople compilers shift with DIV by 2^k (e.g. the selector: DIV by 2^224).
  const k = u256Log2IfPowerOfTwo(bPtr);
  if (k >= 0) {
    u256ShrBy(rPtr, aPtr, <u32>k);
    return;
  }
  if (u256Lt(aPtr, bPtr)) {
    u256Zero(rPtr);
    return;
  }
  memory.fill(Q_PTR, 0, 68);
  if ((load<u64>(bPtr) >> 32) == 0 && u256FitsU64(bPtr)) {
    divDigitsBy1(Q_PTR, aPtr, 8, load<u32>(bPtr));
  } else {
    // The remainder is not wanted: WIDE_PTR takes it.
    knuthDivide(modulusDivisor(modulusPrepared(bPtr)), aPtr, 4, WIDE_PTR, Q_PTR);
  }
  u256Copy(rPtr, Q_PTR);
}

/** r = a mod b (0 when b = 0). */
export function u256Mod(rPtr: usize, aPtr: usize, bPtr: usize): void {
  if (u256FitsU64(bPtr)) {
    const b = load<u64>(bPtr);
    if (b == 0) {
      u256Zero(rPtr);
      return;
    }
    if (u256FitsU64(aPtr)) {
      u256SetU64(rPtr, load<u64>(aPtr) % b);
      return;
    }
  }
  if (u256Lt(aPtr, bPtr)) {
    u256Copy(rPtr, aPtr);
    return;
  }
  const k = u256Log2IfPowerOfTwo(bPtr);
  if (k >= 0) {
    maskLowBits(rPtr, aPtr, <u32>k);
    return;
  }
  reduce(rPtr, aPtr, 4, bPtr);
}

/** r = x mod m for x of xLimbs u64 limbs (xLimbs ≤ 8) and m ≥ 2; r may alias x or m. */
function reduce(rPtr: usize, xPtr: usize, xLimbs: i32, mPtr: usize): void {
  if ((load<u64>(mPtr) >> 32) == 0 && u256FitsU64(mPtr)) {
    // One digit: schoolbook division by hardware u64 ÷ u32 steps beats the 8-digit normalisation.
    u256SetU64(rPtr, <u64>divDigitsBy1(Q_PTR, xPtr, xLimbs << 1, load<u32>(mPtr)));
    return;
  }
  knuthDivide(modulusDivisor(modulusPrepared(mPtr)), xPtr, xLimbs, rPtr, 0);
}

/** r = a mod 2^k (k < 256): the k low bits of a. */
function maskLowBits(rPtr: usize, aPtr: usize, k: u32): void {
  for (let i: u32 = 0; i < 4; i++) {
    const lowBit = i << 6;
    const limb = load<u64>(aPtr + (<usize>i << 3));
    let mask: u64 = 0;
    if (k >= lowBit + 64) mask = u64.MAX_VALUE;
    else if (k > lowBit) mask = ((<u64>1) << <u64>(k - lowBit)) - 1;
    store<u64>(rPtr + (<usize>i << 3), limb & mask);
  }
}

/** Writes |x| (two's complement) to dst; returns whether x was negative. */
@inline
function absInto(dstPtr: usize, xPtr: usize): bool {
  const neg = load<i64>(xPtr, 24) < 0;
  if (neg) u256Neg(dstPtr, xPtr);
  else u256Copy(dstPtr, xPtr);
  return neg;
}

/** r = a / b, signed, truncated toward zero (0 when b = 0; −2^255 / −1 = −2^255). */
export function u256Sdiv(rPtr: usize, aPtr: usize, bPtr: usize): void {
  const negA = absInto(ABS_A_PTR, aPtr);
  const negB = absInto(ABS_B_PTR, bPtr);
  // |−2^255| = 2^255 as unsigned; its quotient by 1 negates back to −2^255, the EVM's answer.
  u256Div(SIGNED_T_PTR, ABS_A_PTR, ABS_B_PTR);
  if (negA != negB) u256Neg(rPtr, SIGNED_T_PTR);
  else u256Copy(rPtr, SIGNED_T_PTR);
}

/** r = a mod b, signed, with the sign of a (0 when b = 0). */
export function u256Smod(rPtr: usize, aPtr: usize, bPtr: usize): void {
  const negA = absInto(ABS_A_PTR, aPtr);
  absInto(ABS_B_PTR, bPtr);
  u256Mod(SIGNED_T_PTR, ABS_A_PTR, ABS_B_PTR);
  if (negA) u256Neg(rPtr, SIGNED_T_PTR);
  else u256Copy(rPtr, SIGNED_T_PTR);
}

/** r = (a + b) mod m over the exact 257-bit sum (0 when m = 0). */
export function u256AddMod(rPtr: usize, aPtr: usize, bPtr: usize, mPtr: usize): void {
  if (u256FitsU64(mPtr)) {
    const m = load<u64>(mPtr);
    if (m == 0) {
      u256Zero(rPtr);
      return;
    }
    if (u256FitsU64(aPtr) && u256FitsU64(bPtr)) {
      const x = load<u64>(aPtr) % m, y = load<u64>(bPtr) % m;
      // x, y < m: the true sum is below 2m, so one wrapping subtraction reduces it.
      const s = x + y;
      u256SetU64(rPtr, s < x || s >= m ? s - m : s);
      return;
    }
  }
  const reduced = u256Lt(aPtr, mPtr) && u256Lt(bPtr, mPtr);
  const carry = u256AddCarry(WIDE_PTR, aPtr, bPtr, 0);
  if (reduced) {
    // a, b < m (field arithmetic): the sum is below 2m, so at most one subtraction of m.
    if (carry != 0 || !u256Lt(WIDE_PTR, mPtr)) u256SubBorrow(rPtr, WIDE_PTR, mPtr, 0);
    else u256Copy(rPtr, WIDE_PTR);
    return;
  }
  store<u64>(WIDE_PTR, carry, 32);
  reduce(rPtr, WIDE_PTR, 5, mPtr);
}

/** r = (a · b) mod m over the exact 512-bit product (0 when m = 0). */
export function u256MulMod(rPtr: usize, aPtr: usize, bPtr: usize, mPtr: usize): void {
  if (u256FitsU64(mPtr)) {
    const m = load<u64>(mPtr);
    if (m == 0) {
      u256Zero(rPtr);
      return;
    }
    if (m >> 32 == 0) {
      if (u256FitsU64(aPtr) && u256FitsU64(bPtr)) {
        // Both residues are below 2^32, so their product fits u64.
        u256SetU64(rPtr, (load<u64>(aPtr) % m) * (load<u64>(bPtr) % m) % m);
      } else {
        u256MulWide(WIDE_PTR, aPtr, bPtr);
        u256SetU64(rPtr, <u64>divDigitsBy1(Q_PTR, WIDE_PTR, 16, <u32>m));
      }
      return;
    }
  }
  // The entry holds a copy of m, so r may alias m.
  const e = modulusEntry(mPtr);
  const barrettPtr = modulusBarrett(e);
  if (barrettPtr != 0) {
    barrettMulMod(rPtr, aPtr, bPtr, e, barrettPtr);
    return;
  }
  u256MulWide(WIDE_PTR, aPtr, bPtr);
  knuthDivide(modulusDivisor(e), WIDE_PTR, 8, rPtr, 0);
}
