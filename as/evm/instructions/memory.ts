// 0x51 MLOAD, 0x52 MSTORE, 0x53 MSTORE8, 0x59 MSIZE, 0x5e MCOPY (EIP-5656), and the memory
// expansion every memory-touching instruction goes through (Yellow Paper C_mem; ZKsync OS charges
// 35 + 1 native per new byte). Functions with dynamic gas take and return the ergs left; a negative
// result means out of gas and the instruction did nothing observable.

import { u256LoadBE, u256StoreBE, u256SetU64 } from "../../lib/u256";
import {
  ERGS_PER_GAS, MAX_MEMORY_BYTES, OFFSET_LIMIT, N_MEMORY_GROWTH_BASE, N_MEMORY_GROWTH_BYTE, N_COPY_BYTE,
  memoryCost, copyErgs,
} from "../gas";
import { memPtr, memSize, nativeDebt, growMemory } from "../frame";

/** A stack operand as a memory offset or length; anything above OFFSET_LIMIT becomes OFFSET_LIMIT + 1. */
// @ts-ignore: decorator
@inline
export function toOffset(slotPtr: usize): u64 {
  const high = load<u64>(slotPtr, 8) | load<u64>(slotPtr, 16) | load<u64>(slotPtr, 24);
  const low = load<u64>(slotPtr);
  return high != 0 || low > OFFSET_LIMIT ? OFFSET_LIMIT + 1 : low;
}

/** Charges and performs the growth of memory to cover `end` bytes (end > memSize). */
export function expandMemory(ergs: i64, end: u64): i64 {
  if (end > MAX_MEMORY_BYTES) return -1;
  const newSize = <u32>((end + 31) & ~31);
  const cost = memoryCost(<i64>(newSize >> 5)) - memoryCost(<i64>(memSize >> 5));
  ergs -= cost * ERGS_PER_GAS;
  if (ergs < 0) return ergs;
  nativeDebt += N_MEMORY_GROWTH_BASE + N_MEMORY_GROWTH_BYTE * <i64>(newSize - memSize);
  growMemory(newSize);
  return ergs;
}

/** Makes [offset, offset + len) addressable (nothing when len = 0, whatever the offset). */
// @ts-ignore: decorator
@inline
export function touchMemory(ergs: i64, offset: u64, len: u64): i64 {
  if (len == 0) return ergs;
  const end = offset + len;
  if (end <= <u64>memSize) return ergs;
  return expandMemory(ergs, end);
}

/** Copy cost (3 gas per word; native 1 per byte beyond the table's base). */
// @ts-ignore: decorator
@inline
export function chargeCopy(ergs: i64, len: u64): i64 {
  nativeDebt += N_COPY_BYTE * <i64>len;
  return ergs - copyErgs(len);
}

// @ts-ignore: decorator
@inline
export function mload(sp: usize, ergs: i64): i64 {
  const offset = toOffset(sp - 32);
  if (offset + 32 > <u64>memSize) {
    ergs = expandMemory(ergs, offset + 32);
    if (ergs < 0) return ergs;
  }
  u256LoadBE(sp - 32, memPtr + <usize>offset);
  return ergs;
}

// @ts-ignore: decorator
@inline
export function mstore(sp: usize, ergs: i64): i64 {
  const offset = toOffset(sp - 32);
  if (offset + 32 > <u64>memSize) {
    ergs = expandMemory(ergs, offset + 32);
    if (ergs < 0) return ergs;
  }
  u256StoreBE(memPtr + <usize>offset, sp - 64);
  return ergs;
}

// @ts-ignore: decorator
@inline
export function mstore8(sp: usize, ergs: i64): i64 {
  const offset = toOffset(sp - 32);
  if (offset + 1 > <u64>memSize) {
    ergs = expandMemory(ergs, offset + 1);
    if (ergs < 0) return ergs;
  }
  store<u8>(memPtr + <usize>offset, load<u8>(sp - 64));
  return ergs;
}

// @ts-ignore: decorator
@inline
export function msize(sp: usize): usize {
  u256SetU64(sp, <u64>memSize);
  return sp + 32;
}

/** MCOPY(dst, src, len): overlapping ranges copy as if through a buffer. */
export function mcopy(sp: usize, ergs: i64): i64 {
  const dstPtr = toOffset(sp - 32);
  const srcPtr = toOffset(sp - 64);
  const len = toOffset(sp - 96);
  ergs = chargeCopy(ergs, len);
  if (len == 0 || ergs < 0) return ergs;
  ergs = touchMemory(ergs, max<u64>(dstPtr, srcPtr), len);
  if (ergs < 0) return ergs;
  memory.copy(memPtr + <usize>dstPtr, memPtr + <usize>srcPtr, <usize>len);
  return ergs;
}
