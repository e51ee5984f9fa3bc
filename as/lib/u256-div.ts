// EVM DIV, SDIV, MOD, SMOD, ADDMOD, MULMOD on in-place u256 values (Yellow Paper appendix H:
// x/0 = x mod 0 = 0; SDIV(−2^255, −1) = −2^255; SMOD takes the dividend's sign; ADDMOD/MULMOD reduce
// the exact 257/512-bit intermediate). Long division is Knuth D on u32 digits (u256-digits.ts).

import { digitLen, divDigits, divDigitsBy1 } from "./u256-digits";
import {
  u256AddCarry, u256Copy, u256FitsU64, u256IsZero, u256Log2IfPowerOfTwo, u256Lt, u256MulWide, u256Neg,
  u256SetU64, u256ShrBy, u256Zero,
} from "./u256";

/** Quotient digits (up to 16, for a 512-bit dividend). */
const Q_PTR: usize = memory.data(64, 16);
/** Remainder digits (8). */
const REM_PTR: usize = memory.data(32, 16);
/** Normalised dividend: up to 16 + 1 digits. */
const UN_PTR: usize = memory.data(80, 16);
/** Normalised divisor: 8 digits. */
const VN_PTR: usize = memory.data(32, 16);
/** Wide dividend staging: the 512-bit product of MULMOD or the 257-bit sum of ADDMOD. */
const WIDE_PTR: usize = memory.data(80, 16);
/** |a| and |b| for the signed ops. */
const ABS_A_PTR: usize = memory.data(32, 16);
const ABS_B_PTR: usize = memory.data(32, 16);
/** Unsigned quotient or remainder before the sign is applied. */
const SIGNED_T_PTR: usize = memory.data(32, 16);

/**
 * Q_PTR[0..uLen) = u / v and REM_PTR[0..8) = u mod v, for a uLen-digit dividend (uLen ≥ 8) and a
 * 256-bit divisor v ≠ 0. Neither u nor v may be Q_PTR or REM_PTR.
 */
function divModWide(uPtr: usize, uLen: i32, vPtr: usize): void {
  const n = digitLen(vPtr, 8);
  const m = digitLen(uPtr, uLen);
  memory.fill(Q_PTR, 0, <usize>uLen << 2);
  u256Zero(REM_PTR);
  if (m < n) {
    // u < v: the whole dividend (m < n ≤ 8 digits) is the remainder.
    memory.copy(REM_PTR, uPtr, <usize>m << 2);
    return;
  }
  if (n == 1) {
    store<u32>(REM_PTR, divDigitsBy1(Q_PTR, uPtr, m, load<u32>(vPtr)));
    return;
  }
  divDigits(Q_PTR, REM_PTR, uPtr, m, vPtr, n, UN_PTR, VN_PTR);
}

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
  divModWide(aPtr, 8, bPtr);
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
  divModWide(aPtr, 8, bPtr);
  u256Copy(rPtr, REM_PTR);
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
  const carry = u256AddCarry(WIDE_PTR, aPtr, bPtr, 0);
  store<u32>(WIDE_PTR, <u32>carry, 32);
  if (carry == 0 && u256Lt(WIDE_PTR, mPtr)) {
    u256Copy(rPtr, WIDE_PTR);
    return;
  }
  divModWide(WIDE_PTR, 9, mPtr);
  u256Copy(rPtr, REM_PTR);
}

/** r = (a · b) mod m over the exact 512-bit product (0 when m = 0). */
export function u256MulMod(rPtr: usize, aPtr: usize, bPtr: usize, mPtr: usize): void {
  if (u256FitsU64(mPtr)) {
    const m = load<u64>(mPtr);
    if (m == 0) {
      u256Zero(rPtr);
      return;
    }
    if (m >> 32 == 0 && u256FitsU64(aPtr) && u256FitsU64(bPtr)) {
      // m < 2^32: both residues are below 2^32, so their product fits u64.
      u256SetU64(rPtr, (load<u64>(aPtr) % m) * (load<u64>(bPtr) % m) % m);
      return;
    }
  }
  if (u256IsZero(aPtr) || u256IsZero(bPtr)) {
    u256Zero(rPtr);
    return;
  }
  u256MulWide(WIDE_PTR, aPtr, bPtr);
  divModWide(WIDE_PTR, 16, mPtr);
  u256Copy(rPtr, REM_PTR);
}
