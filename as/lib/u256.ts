// 256-bit integers in place on linear memory, with EVM semantics (Yellow Paper appendix H,
// EIP-145 shifts). A value is 32 bytes: four u64 limbs, least significant first (= 8 LE u32 digits).
// Every result pointer may alias any operand, so each function reads all operands before writing.
// Division, modular ops, exp and the RISC-V delegation live in u256-*.ts and are re-exported here.

import { u256MulLow } from "./u256-mul";

export { u256MulWide } from "./u256-mul";

export { u256Div, u256Sdiv, u256Mod, u256Smod, u256AddMod, u256MulMod } from "./u256-div";
export { u256Exp } from "./u256-exp";
export {
  u256Delegation, U256_DELEGATION_ADD, U256_DELEGATION_SUB, U256_DELEGATION_SUB_AND_NEGATE,
  U256_DELEGATION_MUL_LOW, U256_DELEGATION_MUL_HIGH, U256_DELEGATION_EQ, U256_DELEGATION_CARRY,
  U256_DELEGATION_MEMCOPY, U256_DELEGATION_CONTROL_TOO_LARGE, U256_DELEGATION_BAD_OP_BITS,
} from "./u256-delegation";

/** Zero-padded staging for shifts (8 limbs) and partial big-endian loads (32 bytes). */
const SHIFT_Z_PTR: usize = memory.data(64, 16);

// ---- construction and movement

@inline
export function u256Zero(rPtr: usize): void {
  store<u64>(rPtr, 0);
  store<u64>(rPtr, 0, 8);
  store<u64>(rPtr, 0, 16);
  store<u64>(rPtr, 0, 24);
}

@inline
export function u256SetU64(rPtr: usize, v: u64): void {
  store<u64>(rPtr, v);
  store<u64>(rPtr, 0, 8);
  store<u64>(rPtr, 0, 16);
  store<u64>(rPtr, 0, 24);
}

@inline
export function u256Copy(rPtr: usize, aPtr: usize): void {
  const a0 = load<u64>(aPtr), a1 = load<u64>(aPtr, 8), a2 = load<u64>(aPtr, 16), a3 = load<u64>(aPtr, 24);
  store<u64>(rPtr, a0);
  store<u64>(rPtr, a1, 8);
  store<u64>(rPtr, a2, 16);
  store<u64>(rPtr, a3, 24);
}

/** r = the 32 big-endian bytes at src (PUSH32, MLOAD). */
@inline
export function u256LoadBE(rPtr: usize, srcPtr: usize): void {
  const w0 = load<u64>(srcPtr), w1 = load<u64>(srcPtr, 8), w2 = load<u64>(srcPtr, 16), w3 = load<u64>(srcPtr, 24);
  store<u64>(rPtr, bswap<u64>(w3));
  store<u64>(rPtr, bswap<u64>(w2), 8);
  store<u64>(rPtr, bswap<u64>(w1), 16);
  store<u64>(rPtr, bswap<u64>(w0), 24);
}

/** dst = a as 32 big-endian bytes (MSTORE, RETURN data). */
@inline
export function u256StoreBE(dstPtr: usize, aPtr: usize): void {
  const a0 = load<u64>(aPtr), a1 = load<u64>(aPtr, 8), a2 = load<u64>(aPtr, 16), a3 = load<u64>(aPtr, 24);
  store<u64>(dstPtr, bswap<u64>(a3));
  store<u64>(dstPtr, bswap<u64>(a2), 8);
  store<u64>(dstPtr, bswap<u64>(a1), 16);
  store<u64>(dstPtr, bswap<u64>(a0), 24);
}

/** r = the number whose big-endian encoding is src[0..len), len ≤ 32 (PUSHn): zeros on the left. */
export function u256LoadBEPartial(rPtr: usize, srcPtr: usize, len: i32): void {
  if (len >= 32) {
    u256LoadBE(rPtr, srcPtr);
    return;
  }
  u256Zero(SHIFT_Z_PTR);
  // 0 ≤ len < 32: the copy lands inside the 32-byte staging area.
  memory.copy(SHIFT_Z_PTR + <usize>(32 - len), srcPtr, <usize>len);
  u256LoadBE(rPtr, SHIFT_Z_PTR);
}

/** r = src[0..len) followed by 32−len zero bytes, read big-endian (CALLDATALOAD/CODECOPY tails). */
export function u256LoadBERightPadded(rPtr: usize, srcPtr: usize, len: i32): void {
  if (len >= 32) {
    u256LoadBE(rPtr, srcPtr);
    return;
  }
  u256Zero(SHIFT_Z_PTR);
  memory.copy(SHIFT_Z_PTR, srcPtr, <usize>max(len, 0));
  u256LoadBE(rPtr, SHIFT_Z_PTR);
}

// ---- predicates and sizes

@inline
export function u256IsZero(aPtr: usize): bool {
  return (load<u64>(aPtr) | load<u64>(aPtr, 8) | load<u64>(aPtr, 16) | load<u64>(aPtr, 24)) == 0;
}

@inline
export function u256FitsU64(aPtr: usize): bool {
  return (load<u64>(aPtr, 8) | load<u64>(aPtr, 16) | load<u64>(aPtr, 24)) == 0;
}

/** Bytes in the minimal big-endian encoding of a (0 for zero): the EXP gas size. */
export function u256ByteLength(aPtr: usize): i32 {
  for (let i = 3; i >= 0; i--) {
    const limb = load<u64>(aPtr + (<usize>i << 3));
    if (limb != 0) return (i << 3) + ((64 - <i32>clz<u64>(limb) + 7) >> 3);
  }
  return 0;
}

/** k when a = 2^k, else −1. */
export function u256Log2IfPowerOfTwo(aPtr: usize): i32 {
  const l0 = load<u64>(aPtr), l1 = load<u64>(aPtr, 8), l2 = load<u64>(aPtr, 16), l3 = load<u64>(aPtr, 24);
  if (popcnt<u64>(l0) + popcnt<u64>(l1) + popcnt<u64>(l2) + popcnt<u64>(l3) != 1) return -1;
  if (l0 != 0) return <i32>ctz<u64>(l0);
  if (l1 != 0) return 64 + <i32>ctz<u64>(l1);
  if (l2 != 0) return 128 + <i32>ctz<u64>(l2);
  return 192 + <i32>ctz<u64>(l3);
}

/** Bits in a (0 for zero). */
export function u256BitLength(aPtr: usize): i32 {
  for (let i = 3; i >= 0; i--) {
    const limb = load<u64>(aPtr + (<usize>i << 3));
    if (limb != 0) return (i << 6) + 64 - <i32>clz<u64>(limb);
  }
  return 0;
}

// ---- comparison

@inline
export function u256Eq(aPtr: usize, bPtr: usize): bool {
  return ((load<u64>(aPtr) ^ load<u64>(bPtr)) | (load<u64>(aPtr, 8) ^ load<u64>(bPtr, 8)) |
    (load<u64>(aPtr, 16) ^ load<u64>(bPtr, 16)) | (load<u64>(aPtr, 24) ^ load<u64>(bPtr, 24))) == 0;
}

/** Unsigned a < b. */
@inline
export function u256Lt(aPtr: usize, bPtr: usize): bool {
  const a3 = load<u64>(aPtr, 24), b3 = load<u64>(bPtr, 24);
  if (a3 != b3) return a3 < b3;
  const a2 = load<u64>(aPtr, 16), b2 = load<u64>(bPtr, 16);
  if (a2 != b2) return a2 < b2;
  const a1 = load<u64>(aPtr, 8), b1 = load<u64>(bPtr, 8);
  if (a1 != b1) return a1 < b1;
  return load<u64>(aPtr) < load<u64>(bPtr);
}

@inline
export function u256Gt(aPtr: usize, bPtr: usize): bool {
  return u256Lt(bPtr, aPtr);
}

/** Two's-complement a < b: only the top limb compares signed. */
@inline
export function u256Slt(aPtr: usize, bPtr: usize): bool {
  const a3 = load<i64>(aPtr, 24), b3 = load<i64>(bPtr, 24);
  if (a3 != b3) return a3 < b3;
  const a2 = load<u64>(aPtr, 16), b2 = load<u64>(bPtr, 16);
  if (a2 != b2) return a2 < b2;
  const a1 = load<u64>(aPtr, 8), b1 = load<u64>(bPtr, 8);
  if (a1 != b1) return a1 < b1;
  return load<u64>(aPtr) < load<u64>(bPtr);
}

@inline
export function u256Sgt(aPtr: usize, bPtr: usize): bool {
  return u256Slt(bPtr, aPtr);
}

// ---- additive arithmetic

/** r = a + b + carryIn (carryIn ∈ {0,1}); returns the carry out. */
@inline
export function u256AddCarry(rPtr: usize, aPtr: usize, bPtr: usize, carryIn: u64): u64 {
  const a0 = load<u64>(aPtr), a1 = load<u64>(aPtr, 8), a2 = load<u64>(aPtr, 16), a3 = load<u64>(aPtr, 24);
  const b0 = load<u64>(bPtr), b1 = load<u64>(bPtr, 8), b2 = load<u64>(bPtr, 16), b3 = load<u64>(bPtr, 24);
  const t0 = a0 + b0, r0 = t0 + carryIn;
  let c = <u64>(t0 < a0) | <u64>(r0 < t0);
  const t1 = a1 + b1, r1 = t1 + c;
  c = <u64>(t1 < a1) | <u64>(r1 < t1);
  const t2 = a2 + b2, r2 = t2 + c;
  c = <u64>(t2 < a2) | <u64>(r2 < t2);
  const t3 = a3 + b3, r3 = t3 + c;
  c = <u64>(t3 < a3) | <u64>(r3 < t3);
  store<u64>(rPtr, r0);
  store<u64>(rPtr, r1, 8);
  store<u64>(rPtr, r2, 16);
  store<u64>(rPtr, r3, 24);
  return c;
}

/** r = a − b − borrowIn (borrowIn ∈ {0,1}); returns the borrow out. */
@inline
export function u256SubBorrow(rPtr: usize, aPtr: usize, bPtr: usize, borrowIn: u64): u64 {
  const a0 = load<u64>(aPtr), a1 = load<u64>(aPtr, 8), a2 = load<u64>(aPtr, 16), a3 = load<u64>(aPtr, 24);
  const b0 = load<u64>(bPtr), b1 = load<u64>(bPtr, 8), b2 = load<u64>(bPtr, 16), b3 = load<u64>(bPtr, 24);
  const t0 = a0 - b0, r0 = t0 - borrowIn;
  let c = <u64>(a0 < b0) | <u64>(t0 < borrowIn);
  const t1 = a1 - b1, r1 = t1 - c;
  c = <u64>(a1 < b1) | <u64>(t1 < c);
  const t2 = a2 - b2, r2 = t2 - c;
  c = <u64>(a2 < b2) | <u64>(t2 < c);
  const t3 = a3 - b3, r3 = t3 - c;
  c = <u64>(a3 < b3) | <u64>(t3 < c);
  store<u64>(rPtr, r0);
  store<u64>(rPtr, r1, 8);
  store<u64>(rPtr, r2, 16);
  store<u64>(rPtr, r3, 24);
  return c;
}

@inline
export function u256Add(rPtr: usize, aPtr: usize, bPtr: usize): void {
  u256AddCarry(rPtr, aPtr, bPtr, 0);
}

@inline
export function u256Sub(rPtr: usize, aPtr: usize, bPtr: usize): void {
  u256SubBorrow(rPtr, aPtr, bPtr, 0);
}

/** r = −a mod 2^256. */
@inline
export function u256Neg(rPtr: usize, aPtr: usize): void {
  const a0 = load<u64>(aPtr), a1 = load<u64>(aPtr, 8), a2 = load<u64>(aPtr, 16), a3 = load<u64>(aPtr, 24);
  const r0 = 0 - a0;
  let c = <u64>(a0 != 0);
  const r1 = 0 - a1 - c;
  c |= <u64>(a1 != 0);
  const r2 = 0 - a2 - c;
  c |= <u64>(a2 != 0);
  const r3 = 0 - a3 - c;
  store<u64>(rPtr, r0);
  store<u64>(rPtr, r1, 8);
  store<u64>(rPtr, r2, 16);
  store<u64>(rPtr, r3, 24);
}

// ---- multiplication

/** r = a · b mod 2^256. */
export function u256Mul(rPtr: usize, aPtr: usize, bPtr: usize): void {
  if (u256FitsU64(aPtr) && u256FitsU64(bPtr)) {
    const a = load<u64>(aPtr), b = load<u64>(bPtr);
    if ((a | b) >> 32 == 0) {
      u256SetU64(rPtr, a * b);
      return;
    }
  }
  u256MulLow(rPtr, aPtr, bPtr);
}

// ---- bitwise

@inline
export function u256And(rPtr: usize, aPtr: usize, bPtr: usize): void {
  const r0 = load<u64>(aPtr) & load<u64>(bPtr), r1 = load<u64>(aPtr, 8) & load<u64>(bPtr, 8);
  const r2 = load<u64>(aPtr, 16) & load<u64>(bPtr, 16), r3 = load<u64>(aPtr, 24) & load<u64>(bPtr, 24);
  store<u64>(rPtr, r0);
  store<u64>(rPtr, r1, 8);
  store<u64>(rPtr, r2, 16);
  store<u64>(rPtr, r3, 24);
}

@inline
export function u256Or(rPtr: usize, aPtr: usize, bPtr: usize): void {
  const r0 = load<u64>(aPtr) | load<u64>(bPtr), r1 = load<u64>(aPtr, 8) | load<u64>(bPtr, 8);
  const r2 = load<u64>(aPtr, 16) | load<u64>(bPtr, 16), r3 = load<u64>(aPtr, 24) | load<u64>(bPtr, 24);
  store<u64>(rPtr, r0);
  store<u64>(rPtr, r1, 8);
  store<u64>(rPtr, r2, 16);
  store<u64>(rPtr, r3, 24);
}

@inline
export function u256Xor(rPtr: usize, aPtr: usize, bPtr: usize): void {
  const r0 = load<u64>(aPtr) ^ load<u64>(bPtr), r1 = load<u64>(aPtr, 8) ^ load<u64>(bPtr, 8);
  const r2 = load<u64>(aPtr, 16) ^ load<u64>(bPtr, 16), r3 = load<u64>(aPtr, 24) ^ load<u64>(bPtr, 24);
  store<u64>(rPtr, r0);
  store<u64>(rPtr, r1, 8);
  store<u64>(rPtr, r2, 16);
  store<u64>(rPtr, r3, 24);
}

@inline
export function u256Not(rPtr: usize, aPtr: usize): void {
  store<u64>(rPtr, ~load<u64>(aPtr));
  store<u64>(rPtr, ~load<u64>(aPtr, 8), 8);
  store<u64>(rPtr, ~load<u64>(aPtr, 16), 16);
  store<u64>(rPtr, ~load<u64>(aPtr, 24), 24);
}

/** EVM BYTE: r = byte i of x counted from the most significant end, 0 when i ≥ 32. */
@inline
export function u256Byte(rPtr: usize, iPtr: usize, xPtr: usize): void {
  let v: u64 = 0;
  if (u256FitsU64(iPtr)) {
    const i = load<u64>(iPtr);
    // i < 32, so 31 − i addresses one of x's 32 bytes (little-endian: byte 31 is the top).
    if (i < 32) v = <u64>load<u8>(xPtr + <usize>(31 - i));
  }
  u256SetU64(rPtr, v);
}

/** EVM SIGNEXTEND: extend the sign bit of byte b (from the least significant end) of x; x when b ≥ 31. */
export function u256SignExtend(rPtr: usize, bPtr: usize, xPtr: usize): void {
  const b = load<u64>(bPtr);
  const small = u256FitsU64(bPtr) && b < 31;
  u256Copy(rPtr, xPtr);
  if (!small) return;
  // b < 31: byte b and the fill range (b, 32) both lie inside r.
  const fill = load<i8>(rPtr + <usize>b) < 0 ? 0xFF : 0;
  memory.fill(rPtr + <usize>b + 1, <u8>fill, <usize>(31 - b));
}

// ---- shifts (EIP-145: shift amount first; ≥ 256 gives 0, or all sign bits for SAR)

/** Shift amount clamped to 256 (anything ≥ 256 behaves alike). */
@inline
function shiftAmount(shiftPtr: usize): u32 {
  if (!u256FitsU64(shiftPtr)) return 256;
  const s = load<u64>(shiftPtr);
  return s >= 256 ? 256 : <u32>s;
}

export function u256Shl(rPtr: usize, shiftPtr: usize, valuePtr: usize): void {
  u256ShlBy(rPtr, valuePtr, shiftAmount(shiftPtr));
}

export function u256Shr(rPtr: usize, shiftPtr: usize, valuePtr: usize): void {
  shiftRight(rPtr, shiftAmount(shiftPtr), valuePtr, 0);
}

/** r = value << bits (0 when bits ≥ 256), for a shift count already known as a number. */
export function u256ShlBy(rPtr: usize, valuePtr: usize, bits: u32): void {
  if (bits >= 256) {
    u256Zero(rPtr);
    return;
  }
  // Z = [0, 0, 0, 0, v0, v1, v2, v3]; r[i] draws on Z[4+i−k] and Z[3+i−k], all in 0..8 for k ≤ 3.
  const z = SHIFT_Z_PTR;
  u256Zero(z);
  u256Copy(z + 32, valuePtr);
  const k = <usize>(bits >> 6), b = <u64>(bits & 63);
  const base = z + 32 - (k << 3);
  for (let i: usize = 0; i < 4; i++) {
    const hi = load<u64>(base + (i << 3));
    const lo = load<u64>(base + (i << 3) - 8);
    store<u64>(rPtr + (i << 3), b == 0 ? hi : (hi << b) | (lo >> (64 - b)));
  }
}

/** r = value >> bits, logical (0 when bits ≥ 256), for a shift count already known as a number. */
export function u256ShrBy(rPtr: usize, valuePtr: usize, bits: u32): void {
  shiftRight(rPtr, bits, valuePtr, 0);
}

export function u256Sar(rPtr: usize, shiftPtr: usize, valuePtr: usize): void {
  const fill: u64 = load<i64>(valuePtr, 24) < 0 ? u64.MAX_VALUE : 0;
  shiftRight(rPtr, shiftAmount(shiftPtr), valuePtr, fill);
}

/** r = value >> s, filling vacated limbs with `fill` (0 or all ones). */
@inline
function shiftRight(rPtr: usize, s: u32, valuePtr: usize, fill: u64): void {
  if (s >= 256) {
    store<u64>(rPtr, fill);
    store<u64>(rPtr, fill, 8);
    store<u64>(rPtr, fill, 16);
    store<u64>(rPtr, fill, 24);
    return;
  }
  // Z = [v0, v1, v2, v3, f, f, f, f]; r[i] draws on Z[i+k] and Z[i+k+1], all in 0..8 for k ≤ 3.
  const z = SHIFT_Z_PTR;
  u256Copy(z, valuePtr);
  store<u64>(z, fill, 32);
  store<u64>(z, fill, 40);
  store<u64>(z, fill, 48);
  store<u64>(z, fill, 56);
  const k = <usize>(s >> 6), bits = <u64>(s & 63);
  const base = z + (k << 3);
  for (let i: usize = 0; i < 4; i++) {
    const lo = load<u64>(base + (i << 3));
    const hi = load<u64>(base + (i << 3) + 8);
    store<u64>(rPtr + (i << 3), bits == 0 ? lo : (lo >> bits) | (hi << (64 - bits)));
  }
}
