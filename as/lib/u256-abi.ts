// Test and cold-path driver for the u256 kernels: one export that runs an op on the four 32-byte
// slots at U256_SCRATCH_PTR (A, B, C, R). Op numbers are mirrored by `const enum U256Op` in
// ts/primitives/u256.ts. Hot callers (EVM, RISC-V) call the kernels in u256.ts directly.

import { U256_SCRATCH_PTR } from "../layout";
import {
  u256Add, u256Sub, u256Mul, u256Lt, u256Gt, u256Slt, u256Sgt, u256Eq, u256IsZero,
  u256And, u256Or, u256Xor, u256Not, u256Byte, u256Shl, u256Shr, u256Sar, u256SignExtend,
  u256LoadBE, u256StoreBE, u256LoadBEPartial, u256LoadBERightPadded, u256SetU64, u256Copy, u256Zero,
  u256FitsU64, u256ByteLength, u256BitLength, u256Neg,
  u256Div, u256Sdiv, u256Mod, u256Smod, u256AddMod, u256MulMod, u256Exp, u256Delegation,
} from "./u256";
import { modulusCacheClear } from "./u256-modulus";

export const U256_OP_ADD = 0;
export const U256_OP_SUB = 1;
export const U256_OP_MUL = 2;
export const U256_OP_DIV = 3;
export const U256_OP_SDIV = 4;
export const U256_OP_MOD = 5;
export const U256_OP_SMOD = 6;
export const U256_OP_ADDMOD = 7;
export const U256_OP_MULMOD = 8;
export const U256_OP_EXP = 9;
export const U256_OP_SIGNEXTEND = 10;
export const U256_OP_LT = 11;
export const U256_OP_GT = 12;
export const U256_OP_SLT = 13;
export const U256_OP_SGT = 14;
export const U256_OP_EQ = 15;
export const U256_OP_ISZERO = 16;
export const U256_OP_AND = 17;
export const U256_OP_OR = 18;
export const U256_OP_XOR = 19;
export const U256_OP_NOT = 20;
export const U256_OP_BYTE = 21;
export const U256_OP_SHL = 22;
export const U256_OP_SHR = 23;
export const U256_OP_SAR = 24;
/** R = the value whose 32 big-endian bytes are A's bytes. */
export const U256_OP_LOAD_BE = 25;
/** R's bytes = A as 32 big-endian bytes. */
export const U256_OP_STORE_BE = 26;
/** R = value of A's first len bytes read big-endian, len = C's low u32. */
export const U256_OP_LOAD_BE_PARTIAL = 27;
/** R = A's first len bytes then zeros, read big-endian, len = C's low u32. */
export const U256_OP_LOAD_BE_RIGHT_PADDED = 28;
/** R = A's low limb. */
export const U256_OP_SET_U64 = 29;
export const U256_OP_COPY = 30;
export const U256_OP_ZERO = 31;
/** Returns 1 if A fits u64. */
export const U256_OP_FITS_U64 = 32;
/** Returns A's minimal big-endian byte length. */
export const U256_OP_BYTE_LENGTH = 33;
/** Returns A's bit length. */
export const U256_OP_BIT_LENGTH = 34;
export const U256_OP_NEG = 35;
/** R = A, then the 0x7CA delegation on (R, B) with control = C's low u32; returns the x12 flag.
 * The alias flags do not apply: the delegation's a and b are always distinct. */
export const U256_OP_DELEGATION = 36;
/** Empties the modulus cache of u256-modulus.ts, so the next modular op takes its miss path. */
export const U256_OP_MODULUS_CACHE_CLEAR = 37;

/** Or-ed into op: the result is written over slot A (tests aliasing r == a). */
export const U256_OP_ALIAS_A = 0x100;
/** Or-ed into op: the result is written over slot B (tests aliasing r == b). */
export const U256_OP_ALIAS_B = 0x200;
/** Or-ed into op: the result is written over slot C (tests aliasing r == m for ADDMOD/MULMOD). */
export const U256_OP_ALIAS_C = 0x400;
/** Returned for an op number that does not exist. */
export const U256_OP_UNKNOWN = -1000;

/**
 * Runs op on the scratch slots A, B, C, writing R (or A/B with an alias flag).
 * Returns 0/1 for predicates (also stored in R), a size for the length ops, the flag for the
 * delegation, 0 otherwise, U256_OP_UNKNOWN for an undefined op.
 */
export function u256Op(op: i32): i32 {
  const a = U256_SCRATCH_PTR, b = a + 32, c = a + 64;
  let r = a + 96;
  if (op & U256_OP_ALIAS_A) r = a;
  else if (op & U256_OP_ALIAS_B) r = b;
  else if (op & U256_OP_ALIAS_C) r = c;
  switch (op & 0xFF) {
    case U256_OP_ADD: u256Add(r, a, b); return 0;
    case U256_OP_SUB: u256Sub(r, a, b); return 0;
    case U256_OP_MUL: u256Mul(r, a, b); return 0;
    case U256_OP_DIV: u256Div(r, a, b); return 0;
    case U256_OP_SDIV: u256Sdiv(r, a, b); return 0;
    case U256_OP_MOD: u256Mod(r, a, b); return 0;
    case U256_OP_SMOD: u256Smod(r, a, b); return 0;
    case U256_OP_ADDMOD: u256AddMod(r, a, b, c); return 0;
    case U256_OP_MULMOD: u256MulMod(r, a, b, c); return 0;
    case U256_OP_EXP: u256Exp(r, a, b); return 0;
    case U256_OP_SIGNEXTEND: u256SignExtend(r, a, b); return 0;
    case U256_OP_LT: return setFlag(r, u256Lt(a, b));
    case U256_OP_GT: return setFlag(r, u256Gt(a, b));
    case U256_OP_SLT: return setFlag(r, u256Slt(a, b));
    case U256_OP_SGT: return setFlag(r, u256Sgt(a, b));
    case U256_OP_EQ: return setFlag(r, u256Eq(a, b));
    case U256_OP_ISZERO: return setFlag(r, u256IsZero(a));
    case U256_OP_AND: u256And(r, a, b); return 0;
    case U256_OP_OR: u256Or(r, a, b); return 0;
    case U256_OP_XOR: u256Xor(r, a, b); return 0;
    case U256_OP_NOT: u256Not(r, a); return 0;
    case U256_OP_BYTE: u256Byte(r, a, b); return 0;
    case U256_OP_SHL: u256Shl(r, a, b); return 0;
    case U256_OP_SHR: u256Shr(r, a, b); return 0;
    case U256_OP_SAR: u256Sar(r, a, b); return 0;
    case U256_OP_LOAD_BE: u256LoadBE(r, a); return 0;
    case U256_OP_STORE_BE: u256StoreBE(r, a); return 0;
    case U256_OP_LOAD_BE_PARTIAL: u256LoadBEPartial(r, a, load<i32>(c)); return 0;
    case U256_OP_LOAD_BE_RIGHT_PADDED: u256LoadBERightPadded(r, a, load<i32>(c)); return 0;
    case U256_OP_SET_U64: u256SetU64(r, load<u64>(a)); return 0;
    case U256_OP_COPY: u256Copy(r, a); return 0;
    case U256_OP_ZERO: u256Zero(r); return 0;
    case U256_OP_FITS_U64: return setFlag(r, u256FitsU64(a));
    case U256_OP_BYTE_LENGTH: return u256ByteLength(a);
    case U256_OP_BIT_LENGTH: return u256BitLength(a);
    case U256_OP_NEG: u256Neg(r, a); return 0;
    case U256_OP_DELEGATION: {
      const d = a + 96;
      u256Copy(d, a);
      return u256Delegation(d, b, load<u32>(c));
    }
    case U256_OP_MODULUS_CACHE_CLEAR: modulusCacheClear(); return 0;
    default: return U256_OP_UNKNOWN;
  }
}

@inline
function setFlag(rPtr: usize, v: bool): i32 {
  u256SetU64(rPtr, <u64>v);
  return <i32>v;
}
