/**
 * Cold-path bigint access to the AssemblyScript u256 kernels (as/lib/u256.ts) through the
 * `u256Op` driver and its four scratch slots. For tests and occasional callers; hot code stays in AS.
 * @module
 */
import { ArgumentError } from "../errors";
import { wasm } from "../wasm";

/** Op numbers of `u256Op`; must equal the U256_OP_* constants of as/lib/u256-abi.ts. */
export const enum U256Op {
  Add = 0,
  Sub = 1,
  Mul = 2,
  Div = 3,
  Sdiv = 4,
  Mod = 5,
  Smod = 6,
  AddMod = 7,
  MulMod = 8,
  Exp = 9,
  SignExtend = 10,
  Lt = 11,
  Gt = 12,
  Slt = 13,
  Sgt = 14,
  Eq = 15,
  IsZero = 16,
  And = 17,
  Or = 18,
  Xor = 19,
  Not = 20,
  Byte = 21,
  Shl = 22,
  Shr = 23,
  Sar = 24,
  LoadBE = 25,
  StoreBE = 26,
  LoadBEPartial = 27,
  LoadBERightPadded = 28,
  SetU64 = 29,
  Copy = 30,
  Zero = 31,
  FitsU64 = 32,
  ByteLength = 33,
  BitLength = 34,
  Neg = 35,
  Delegation = 36,
  /** Empties the kernel's modulus cache (the next DIV/MOD/ADDMOD/MULMOD takes its miss path). */
  ModulusCacheClear = 37,
}

/** Where `u256Op` writes its result: the R slot, or over operand A, B or C (aliasing). */
export const enum U256Alias {
  None = 0,
  A = 0x100,
  B = 0x200,
  C = 0x400,
}

/** Control bits of the 0x7CA delegation (riscv-machine.md §2.3); equal to as/lib/u256-delegation.ts. */
export const enum U256DelegationBit {
  Add = 1 << 0,
  Sub = 1 << 1,
  SubAndNegate = 1 << 2,
  MulLow = 1 << 3,
  MulHigh = 1 << 4,
  Eq = 1 << 5,
  Carry = 1 << 6,
  MemCopy = 1 << 7,
}

/** Delegation error codes (negative x12 "flags"): the reference simulator panics on these words. */
export const enum U256DelegationError {
  /** control ≥ 256. */
  ControlTooLarge = -1,
  /** Not exactly one op bit among bits 0–5 and 7. */
  BadOpBits = -2,
}

/** `u256Op`'s answer to an op number it does not know. */
export const U256_OP_UNKNOWN = -1000;

const MAX = (1n << 256n) - 1n;
const SLOT_BYTES = 32;

function writeSlot(slot: number, v: bigint, where: string): void {
  if (typeof v !== "bigint" || v < 0n || v > MAX) {
    throw new ArgumentError(`${where}: expected a bigint in [0, 2^256), got ${String(v)}`);
  }
  const w = wasm();
  const ptr = w.u256ScratchPtr + slot * SLOT_BYTES;
  for (let i = 0; i < 4; i++) {
    w.dv.setBigUint64(ptr + 8 * i, BigInt.asUintN(64, v >> BigInt(64 * i)), true);
  }
}

function readSlot(slot: number): bigint {
  const w = wasm();
  const ptr = w.u256ScratchPtr + slot * SLOT_BYTES;
  let v = 0n;
  for (let i = 3; i >= 0; i--) v = (v << 64n) | w.dv.getBigUint64(ptr + 8 * i, true);
  return v;
}

/** The result of one raw driver call: the value left in the result slot and the op's return code. */
export interface U256OpResult {
  value: bigint;
  code: number;
}

/**
 * Runs `op` on operands a, b, c (each in [0, 2^256)) and returns the result slot and return code.
 * `alias` makes the kernel write over operand A, B or C instead of the R slot.
 * @throws ArgumentError if an operand is not a bigint in range.
 */
export function u256Raw(op: U256Op, a: bigint, b = 0n, c = 0n, alias: U256Alias = U256Alias.None): U256OpResult {
  writeSlot(0, a, "a");
  writeSlot(1, b, "b");
  writeSlot(2, c, "c");
  writeSlot(3, 0n, "r");
  const code = wasm().exports.u256Op(op | alias);
  const slot = alias === U256Alias.A ? 0 : alias === U256Alias.B ? 1 : alias === U256Alias.C ? 2 : 3;
  return { value: readSlot(slot), code };
}

/**
 * Runs a u256 op with EVM semantics and returns the result as a bigint. Operand order is the EVM's
 * (a = top of stack): `u256(U256Op.Sub, a, b)` = a − b mod 2^256; `u256(U256Op.Shl, shift, value)`.
 * Predicates return 0n/1n; ByteLength/BitLength return the size.
 * @throws ArgumentError if an operand is not a bigint in [0, 2^256).
 */
export function u256(op: U256Op, a: bigint, b = 0n, c = 0n): bigint {
  const { value, code } = u256Raw(op, a, b, c);
  if (code === U256_OP_UNKNOWN) throw new ArgumentError(`u256: unknown op ${op}`);
  if (op === U256Op.ByteLength || op === U256Op.BitLength) return BigInt(code);
  return value;
}

/** Outcome of the RISC-V 0x7CA delegation: the new value of a and the x12 flag (negative = rejected). */
export interface U256DelegationResult {
  a: bigint;
  flag: number;
}

/**
 * Runs the u256 delegation (riscv-machine.md §2.3) on a, b with `control`. A negative flag means the
 * control word was rejected and a is unchanged.
 * @throws ArgumentError if an operand is out of range or control is not a u32.
 */
export function u256Delegation(a: bigint, b: bigint, control: number): U256DelegationResult {
  if (!Number.isInteger(control) || control < 0 || control > 0xffff_ffff) {
    throw new ArgumentError(`control: expected a u32, got ${control}`);
  }
  const { value, code } = u256Raw(U256Op.Delegation, a, b, BigInt(control));
  return { a: value, flag: code };
}
