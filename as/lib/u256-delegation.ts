// The Airbender u256 delegation behind RISC-V CSR 0x7CA (riscv-machine.md §2.3; mirrors
// AB:risc_v_simulator/src/delegations/u256_ops_with_control.rs): one op selected by a control
// bit, the result overwrites a, and the returned flag is what the guest finds in x12.

import { u256AddCarry, u256Copy, u256Eq, u256IsZero, u256MulWide, u256SubBorrow } from "./u256";

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
/** A constant zero operand (memory.data is zero-filled and nothing writes here). */
const ZERO_PTR: usize = memory.data(32, 16);

/**
 * Runs the op selected by `control` on the 8-digit values at a and b, writes the result over a
 * (b is only read) and returns the x12 flag (0/1), or a negative error code with a unchanged.
 */
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
      u256MulWide(WIDE_PTR, aPtr, bPtr);
      u256Copy(aPtr, WIDE_PTR);
      return u256IsZero(WIDE_PTR + 32) ? 0 : 1;
    }
    case U256_DELEGATION_MUL_HIGH: {
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
