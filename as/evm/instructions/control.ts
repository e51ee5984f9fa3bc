// 0x56 JUMP, 0x57 JUMPI, 0x58 PC, 0x5a GAS, 0xf3 RETURN, 0xfd REVERT. STOP, JUMPDEST and INVALID
// have no body (the loop handles them). Jump targets are checked against the code record's
// jump-destination bitmap (analysis.ts).

import { u256SetU64, u256IsZero } from "../../lib/u256";
import { ERGS_PER_GAS } from "../gas";
import { F_OUT_OFFSET, F_OUT_LEN, F_EXCESS_GAS } from "../frame";
import { toOffset, touchMemory } from "./memory";

/** Where execution continues for jump destination `destSlot`, or 0 when it is not a JUMPDEST. */
// @ts-ignore: decorator
@inline
export function jumpTarget(destPtr: usize, codePtr: usize, codeLen: u32, bitmapPtr: usize): usize {
  const high = load<u64>(destPtr, 8) | load<u64>(destPtr, 16) | load<u64>(destPtr, 24);
  const dest = load<u64>(destPtr);
  if (high != 0 || dest >= <u64>codeLen) return 0;
  const i = <u32>dest;
  if (((<u32>load<u8>(bitmapPtr + (i >> 3)) >> (i & 7)) & 1) == 0) return 0;
  return codePtr + <usize>i;
}

/** JUMPI's condition (second slot) is non-zero. */
// @ts-ignore: decorator
@inline
export function jumpiTaken(sp: usize): bool {
  return !u256IsZero(sp - 64);
}

/** PC: the offset of the PC instruction itself (`pc` already points past it). */
// @ts-ignore: decorator
@inline
export function pcOp(sp: usize, pc: usize, codePtr: usize): usize {
  u256SetU64(sp, <u64>(pc - 1 - codePtr));
  return sp + 32;
}

/** GAS: the gas left after GAS's own charge, including gas TS holds beyond the i64 ergs field. */
// @ts-ignore: decorator
@inline
export function gasOp(sp: usize, ergs: i64, framePtr: usize): usize {
  const gas = <u64>(ergs / ERGS_PER_GAS);
  const total = gas + load<u64>(framePtr, F_EXCESS_GAS);
  u256SetU64(sp, total);
  store<u64>(sp, total < gas ? 1 : 0, 8);
  return sp + 32;
}

/** RETURN / REVERT(offset, len): records the output region of `frame`; returns the ergs left. */
// @ts-ignore: decorator
@inline
export function setOutput(sp: usize, ergs: i64, framePtr: usize): i64 {
  const offset = toOffset(sp - 32);
  const len = toOffset(sp - 64);
  ergs = touchMemory(ergs, offset, len);
  if (ergs < 0) return ergs;
  store<u32>(framePtr, len == 0 ? 0 : <u32>offset, F_OUT_OFFSET);
  store<u32>(framePtr, <u32>len, F_OUT_LEN);
  return ergs;
}
