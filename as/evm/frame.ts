// The EVM frame record, the call mailbox and the block/tx environment record, plus the registers
// of the running frame. ts/ee/evm/frame.ts is the only TS code that reads these layouts; it gets
// every offset from the exported constants below, never from literals.

import { arenaAlloc, arenaGrowLast, arenaMark, arenaRelease, arenaReset, ARENA_RECORD_LEN } from "./arena";
import { CODE_BYTES } from "./analysis";
import { STACK_LIMIT, SLOT } from "./traits";

// ---- frame record (FRAME_HEADER bytes, then STACK_BYTES of stack slots)
export const F_ERGS: usize = 0; // i64 ergs left (clamped to i64; TS keeps any excess)
export const F_NATIVE: usize = 8; // i64 native left
export const F_PC: usize = 16; // u32 offset of the next instruction
export const F_SP: usize = 20; // u32 stack height in bytes
export const F_CODE: usize = 24; // u32 code record (analysis.ts)
export const F_MEM: usize = 28; // u32 memory base pointer (0 until the first expansion)
export const F_MEM_SIZE: usize = 32; // u32 memory size in bytes, a multiple of 32
export const F_MEM_CAP: usize = 36; // u32 bytes reserved at F_MEM
export const F_INPUT: usize = 40; // u32 calldata pointer
export const F_INPUT_LEN: usize = 44; // u32 calldata length
export const F_FLAGS: usize = 48; // u32 FLAG_*
export const F_RET_OFFSET: usize = 52; // u32 memory offset for a pending call's output
export const F_RET_LEN: usize = 56; // u32 its length
export const F_OUT_OFFSET: usize = 60; // u32 memory offset of RETURN/REVERT data
export const F_OUT_LEN: usize = 64; // u32 its length
export const F_MARK: usize = 72; // u64 frame-arena mark to release to
export const F_EXCESS_GAS: usize = 80; // u64 gas held by TS above what fits F_ERGS (GAS reports it too)
export const F_FAIL_ERGS: usize = 88; // i64 after an exceptional halt: ergs left by the failing instruction (tracing)
export const F_ADDRESS: usize = 96; // u256 (LE limbs): ADDRESS
export const F_CALLER: usize = 128; // u256: CALLER
export const F_VALUE: usize = 160; // u256: CALLVALUE
export const FRAME_HEADER: usize = 192;
export const STACK_BYTES: usize = <usize>(STACK_LIMIT * SLOT);

export const FLAG_STATIC: u32 = 1;

// ---- call mailbox: the request of an EVM_NEEDS_CALL / EVM_NEEDS_CREATE yield
export const CALL_KIND: usize = 0; // u32 the opcode (CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2)
export const CALL_IN_PTR: usize = 4; // u32 absolute pointer of calldata / initcode (in the caller's memory)
export const CALL_IN_LEN: usize = 8; // u32
export const CALL_GAS: usize = 16; // u64 requested gas, saturated at 2^64−1 (calls only)
export const CALL_ADDRESS: usize = 32; // u256 target (calls); the created address on completion (creates)
export const CALL_VALUE: usize = 64; // u256 value (CALL, CALLCODE, CREATE*)
export const CALL_SALT: usize = 96; // u256 CREATE2 salt
export const CALL_RECORD_LEN: i32 = 128;

// ---- environment: block and transaction context, one u256 (LE limbs) each
export const ENV_ORIGIN: usize = 0;
export const ENV_GASPRICE: usize = 32;
export const ENV_COINBASE: usize = 64;
export const ENV_TIMESTAMP: usize = 96;
export const ENV_NUMBER: usize = 128;
export const ENV_PREVRANDAO: usize = 160;
export const ENV_GASLIMIT: usize = 192;
export const ENV_CHAINID: usize = 224;
export const ENV_BASEFEE: usize = 256;
export const ENV_BLOBBASEFEE: usize = 288;
export const ENV_RECORD_LEN: i32 = 320;

// ---- host-call record (host.ts): extra arguments and the native charge the host reports
export const HOST_NATIVE: usize = 0; // f64 written by the host: native to charge
export const HOST_MEM_PTR: usize = 8; // u32 absolute memory pointer (EXTCODECOPY destination, LOG data)
export const HOST_LEN: usize = 12; // u32 byte count
export const HOST_OFFSET: usize = 16; // u32 source offset (EXTCODECOPY), 0xFFFFFFFF when past any code
export const HOST_RECORD_LEN: i32 = 32;

const FRAME_ARENA: usize = memory.data(ARENA_RECORD_LEN, 16);

// ---- registers of the running frame (loaded by evmRun, saved when it yields)
export let memPtr: usize = 0;
export let memSize: u32 = 0;
export let memCap: u32 = 0;
/** Native charged by dynamic costs since evmRun started; settled when the frame yields. */
export let nativeDebt: i64 = 0;
/**
 * Why the last instruction failed, when it was not simply out of gas: an instruction with dynamic
 * gas signals failure by returning negative ergs, and sets this first when the reason differs.
 */
export let pendingHalt: i32 = 0;

// ---- return-data buffer (EIP-211): one for the whole call stack, because a frame's return data
// is replaced exactly when one of its calls completes, and only the running frame can read it.
let returnDataPtr: usize = 0;
let returnDataCap: u32 = 0;
export let returnDataLen: u32 = 0;

export function loadMemoryRegisters(framePtr: usize): void {
  memPtr = <usize>load<u32>(framePtr, F_MEM);
  memSize = load<u32>(framePtr, F_MEM_SIZE);
  memCap = load<u32>(framePtr, F_MEM_CAP);
}

export function saveMemoryRegisters(framePtr: usize): void {
  store<u32>(framePtr, <u32>memPtr, F_MEM);
  store<u32>(framePtr, memSize, F_MEM_SIZE);
  store<u32>(framePtr, memCap, F_MEM_CAP);
}

/**
 * Makes the running frame's memory at least `newSize` bytes (a multiple of 32), zero-filling the
 * new part. The memory is the newest allocation of the frame arena while its frame runs, so it
 * usually grows in place; otherwise it moves to a fresh block.
 */
export function growMemory(newSize: u32): void {
  if (newSize > memCap) {
    const cap = max<u32>(newSize, max<u32>(memCap << 1, 4096));
    if (memPtr == 0 || !arenaGrowLast(FRAME_ARENA, memPtr, memCap, cap)) {
      const freshPtr = arenaAlloc(FRAME_ARENA, cap);
      if (memSize != 0) memory.copy(freshPtr, memPtr, memSize);
      memPtr = freshPtr;
    }
    memCap = cap;
  }
  memory.fill(memPtr + memSize, 0, newSize - memSize);
  memSize = newSize;
}

// ---- exports for ts/ee/evm/frame.ts

/** A new frame running the code record `codeRec`, with empty stack, memory and calldata. */
export function evmFrameCreate(codeRecPtr: usize, flags: u32): usize {
  const mark = arenaMark(FRAME_ARENA);
  const framePtr = arenaAlloc(FRAME_ARENA, <u32>(FRAME_HEADER + STACK_BYTES));
  memory.fill(framePtr, 0, FRAME_HEADER);
  store<u64>(framePtr, mark, F_MARK);
  store<u32>(framePtr, <u32>codeRecPtr, F_CODE);
  store<u32>(framePtr, flags, F_FLAGS);
  // A new frame has no return data; its caller's is replaced when this frame completes anyway.
  returnDataLen = 0;
  return framePtr;
}

/** Reserves `len` bytes of calldata for `frame` (the caller writes them); returns their pointer. */
export function evmFrameAllocInput(framePtr: usize, len: u32): usize {
  const ptr: usize = len == 0 ? 0 : arenaAlloc(FRAME_ARENA, len);
  store<u32>(framePtr, <u32>ptr, F_INPUT);
  store<u32>(framePtr, len, F_INPUT_LEN);
  return ptr;
}

/** Points `frame`'s calldata at bytes that outlive it (a suspended caller's memory). */
export function evmFrameSetInput(framePtr: usize, ptr: usize, len: u32): void {
  store<u32>(framePtr, <u32>ptr, F_INPUT);
  store<u32>(framePtr, len, F_INPUT_LEN);
}

/** Frees `frame` and everything allocated after it. */
export function evmFrameRelease(framePtr: usize): void {
  arenaRelease(FRAME_ARENA, load<u64>(framePtr, F_MARK));
}

/** Frees every frame (after an aborted run). */
export function evmFramesReset(): void {
  arenaReset(FRAME_ARENA);
  returnDataLen = 0;
}

/** Makes room for `len` bytes of return data and sets its length; returns where to write them. */
export function evmReturnDataReserve(len: u32): usize {
  if (len > returnDataCap) {
    returnDataCap = max<u32>(len, returnDataCap << 1);
    returnDataPtr = heap.alloc(<usize>returnDataCap);
  }
  returnDataLen = len;
  return returnDataPtr;
}

export function evmReturnDataPtr(): usize {
  return returnDataPtr;
}

export function evmReturnDataLen(): u32 {
  return returnDataLen;
}

/** Copies `frame`'s RETURN/REVERT data into the return-data buffer (empty after STOP or an error). */
export function evmFrameOutputToReturnData(framePtr: usize, hasOutput: bool): void {
  const len = hasOutput ? load<u32>(framePtr, F_OUT_LEN) : 0;
  const dstPtr = evmReturnDataReserve(len);
  if (len != 0) {
    const srcPtr = <usize>load<u32>(framePtr, F_MEM) + <usize>load<u32>(framePtr, F_OUT_OFFSET);
    memory.copy(dstPtr, srcPtr, len);
  }
}

/** Absolute pointer of the code bytes of a code record. */
// @ts-ignore: decorator
@inline
export function codeBytes(codeRecPtr: usize): usize {
  return codeRecPtr + CODE_BYTES;
}
