// Code records: the bytecode padded with 33 zero bytes (a truncated PUSH32 then STOP, so the
// interpreter's fetch needs no end check; evmone baseline_analysis.cpp) and its jump-destination
// bitmap (bit i set iff byte i is a JUMPDEST outside PUSH data). Records live in the code arena and
// are built once per distinct code; ts/ee/evm/code-cache.ts keeps the index.

import { JUMPDEST, PUSH1 } from "./opcodes";
import { arenaAlloc, arenaReset, arenaUsedBytes, ARENA_RECORD_LEN } from "./arena";

/** Code arena record (see arena.ts). */
const CODE_ARENA: usize = memory.data(ARENA_RECORD_LEN, 16);

export const CODE_PADDING: u32 = 33;
/** Record fields: code length, bitmap offset from the record start; the code starts at CODE_BYTES. */
export const CODE_LEN: usize = 0;
export const CODE_BITMAP: usize = 4;
export const CODE_BYTES: usize = 32;

// @ts-ignore: decorator
@inline
function bitmapOffset(codeLen: u32): u32 {
  return <u32>CODE_BYTES + ((codeLen + CODE_PADDING + 7) & ~7);
}

/** Allocates a record for `codeLen` bytes; the caller writes the code at +CODE_BYTES, then analyses. */
export function evmCodeAlloc(codeLen: u32): usize {
  const bitmapLen = ((codeLen + 63) >> 6) << 3;
  const recPtr = arenaAlloc(CODE_ARENA, bitmapOffset(codeLen) + bitmapLen);
  store<u32>(recPtr, codeLen, CODE_LEN);
  store<u32>(recPtr, bitmapOffset(codeLen), CODE_BITMAP);
  return recPtr;
}

/** Pads the code in record `rec` and builds its jump-destination bitmap. */
export function evmCodeAnalyze(recPtr: usize): void {
  const len = load<u32>(recPtr, CODE_LEN);
  const codePtr = recPtr + CODE_BYTES;
  const bitmapPtr = recPtr + <usize>load<u32>(recPtr, CODE_BITMAP);
  memory.fill(codePtr + len, 0, CODE_PADDING);
  memory.fill(bitmapPtr, 0, ((len + 63) >> 6) << 3);
  let i: u32 = 0;
  while (i < len) {
    const c = <u32>load<u8>(codePtr + i);
    if (c == JUMPDEST) {
      store<u8>(bitmapPtr + (i >> 3), load<u8>(bitmapPtr + (i >> 3)) | <u8>(<u32>1 << (i & 7)));
    }
    // PUSH1..PUSH32 skip their immediate bytes; c - PUSH1 < 32 only for those.
    const n = c - PUSH1;
    i += n < 32 ? n + 2 : 1;
  }
}

/** Copies `len` bytes at `srcPtr` (CREATE initcode in a frame's memory) into a new analysed record. */
export function evmCodeFromMemory(srcPtr: usize, len: u32): usize {
  const recPtr = evmCodeAlloc(len);
  memory.copy(recPtr + CODE_BYTES, srcPtr, len);
  evmCodeAnalyze(recPtr);
  return recPtr;
}

/** Drops every record; only valid when no frame is running. */
export function evmCodeCacheReset(): void {
  arenaReset(CODE_ARENA);
}

/** Bytes currently held by code records. */
export function evmCodeCacheBytes(): u32 {
  return arenaUsedBytes(CODE_ARENA);
}
