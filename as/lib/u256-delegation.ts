// The Airbender u256 delegation behind RISC-V CSR 0x7CA (riscv-machine.md §2.3; mirrors
// AB:risc_v_simulator/src/delegations/u256_ops_with_control.rs): one op selected by a control
// bit, the result overwrites a, and the returned flag is what the guest finds in x12.

import { u256AddCarry, u256Copy, u256Eq, u256IsZero, u256MulWide, u256SubBorrow, u256Zero } from "./u256";
import { u256MulHighFrom, u256MulLowCarry } from "./u256-mul";

export const U256_DELEGATION_ADD: u32 = 1 << 0;
export const U256_DELEGATION_SUB: u32 = 1 << 1;
export const U256_DELEGATION_SUB_AND_NEGATE: u32 = 1 << 2;
export const U256_DELEGATION_MUL_LOW: u32 = 1 << 3;
export const U256_DELEGATION_MUL_HIGH: u32 = 1 << 4;
export const U256_DELEGATION_EQ: u32 = 1 << 5;
/** Carry/borrow in for ADD, SUB, SUB_AND_NEGATE and MEMCOPY; ignored by the others. */
export const U256_DELEGATION_CARRY: u32 = 1 << 6;
export const U256_DELEGATION_MEMCOPY: u32 = 1 << 7;

/** Error: control ≥ 256 (the reference simulator panics; the machine must treat it as fatal). */
export const U256_DELEGATION_CONTROL_TOO_LARGE: i32 = -1;
/** Error: not exactly one op bit among bits 0–5 and 7 (the reference simulator panics). */
export const U256_DELEGATION_BAD_OP_BITS: i32 = -2;

/** Full 512-bit product for the MUL ops: limbs 0–3 low half, 4–7 high half. */
const WIDE_PTR: usize = memory.data(64, 16);
/**
 * The operands of the last MUL_LOW and the carry from its low half into its high half. ZKsync OS
 * takes a wide product as MUL_LOW then MUL_HIGH on copies of the same operands (5,732 of the 5,734
 * MUL_HIGHs of the reference block), so MUL_HIGH then computes only the high product columns. The
 * zero-filled start (0 · 0, carry 0) is itself a valid entry.
 */
const PAIR_PTR: usize = memory.data(64, 16);
let pairCarry: u64 = 0;
/** A constant zero operand (memory.data is zero-filled and nothing writes here). */
const ZERO_PTR: usize = memory.data(32, 16);

/** Bits in a (0 for zero); inlined, as the delegation's operands are mostly full-width. */
@inline
function bitLength(aPtr: usize): u32 {
  const l3 = load<u64>(aPtr, 24);
  if (l3 != 0) return 256 - <u32>clz<u64>(l3);
  const l2 = load<u64>(aPtr, 16);
  if (l2 != 0) return 192 - <u32>clz<u64>(l2);
  const l1 = load<u64>(aPtr, 8);
  if (l1 != 0) return 128 - <u32>clz<u64>(l1);
  return 64 - <u32>clz<u64>(load<u64>(aPtr));
}

/**
 * Runs the op selected by `control` on the 8-digit values at a and b, writes the result over a
 * (b is only read) and returns the x12 flag (0/1), or a negative error code with a unchanged.
 * Inlined into the CSR handler (as/riscv/csr.ts): the reference block makes 41,900 calls, most of
 * them ADD, SUB and MEMCOPY of about 4 ns, of which the call was 1–2 ns.
 */
@inline
export function u256Delegation(aPtr: usize, bPtr: usize, control: u32): i32 {
  if (control >= 256) return U256_DELEGATION_CONTROL_TOO_LARGE;
  const op = control & ~U256_DELEGATION_CARRY;
  if (popcnt<u32>(op) != 1) return U256_DELEGATION_BAD_OP_BITS;
  const carry = <u64>((control >> 6) & 1);
  switch (op) {
    case U256_DELEGATION_ADD: return <i32>u256AddCarry(aPtr, aPtr, bPtr, carry);
    case U256_DELEGATION_SUB: return <i32>u256SubBorrow(aPtr, aPtr, bPtr, carry);
    case U256_DELEGATION_SUB_AND_NEGATE: return <i32>u256SubBorrow(aPtr, bPtr, aPtr, carry);
    case U256_DELEGATION_MUL_LOW: {
      // The flag says whether a · b ≥ 2^256. Bit lengths decide it unless they sum to exactly 257:
      // 2^(la−1) · 2^(lb−1) ≤ a · b < 2^(la+lb).
      const lengths = bitLength(aPtr) + bitLength(bPtr);
      u256Copy(PAIR_PTR, aPtr);
      u256Copy(PAIR_PTR + 32, bPtr);
      pairCarry = u256MulLowCarry(aPtr, aPtr, bPtr);
      if (lengths != 257) return lengths > 257 ? 1 : 0;
      u256MulHighFrom(WIDE_PTR, PAIR_PTR, PAIR_PTR + 32, pairCarry);
      return u256IsZero(WIDE_PTR) ? 0 : 1;
    }
    case U256_DELEGATION_MUL_HIGH: {
      if (u256Eq(aPtr, PAIR_PTR) && u256Eq(bPtr, PAIR_PTR + 32)) {
        u256MulHighFrom(aPtr, aPtr, bPtr, pairCarry);
        return 0;
      }
      // a · b < 2^(la+lb): no high half below 257 bits in all.
      if (bitLength(aPtr) + bitLength(bPtr) <= 256) {
        u256Zero(aPtr);
        return 0;
      }
      u256MulWide(WIDE_PTR, aPtr, bPtr);
      u256Copy(aPtr, WIDE_PTR + 32);
      return 0;
    }
    case U256_DELEGATION_EQ: return u256Eq(aPtr, bPtr) ? 1 : 0;
    default:
      // MEMCOPY, the only op bit left: a = b + carry; carry out only for b = 2^256−1 with carry.
      return <i32>u256AddCarry(aPtr, bPtr, ZERO_PTR, carry);
  }
}
