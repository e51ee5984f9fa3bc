// Blake2s-256 hashing (RFC 7693 §3.3, unkeyed, 32-byte digest): incremental over a caller-owned
// state record, so any number of hashers coexist, and a one-shot over a memory range.
// State record (BLAKE2S_STATE_LEN = 128 bytes, position-independent, so it may be copied): h[8] at 0,
// t (u64 bytes absorbed) at 32, buffered length at 40, block buffer at 64. The buffer keeps up to a
// full block: the last block is compressed only in final, because it alone carries the final flag.

import { BLAKE2S_SCRATCH_PTR } from "../layout";
import { CIV_PTR } from "./constants";
import { compress } from "./compress";

const T_OFFSET: usize = 32;
const BUF_LEN_OFFSET: usize = 40;
const BUF_OFFSET: usize = 64;
const BLOCK_LEN: usize = 64;
const FINAL_MASK: u32 = 0xffffffff;

/** Resets the state record at statePtr to the empty message. */
export function blake2sInit(statePtr: usize): void {
  memory.copy(statePtr, CIV_PTR, 32);
  store<u64>(statePtr, 0, T_OFFSET);
  store<u32>(statePtr, 0, BUF_LEN_OFFSET);
}

/** Absorbs dataLen bytes at dataPtr. */
export function blake2sUpdate(statePtr: usize, dataPtr: usize, dataLen: usize): void {
  if (dataLen == 0) return;
  const bufPtr = statePtr + BUF_OFFSET;
  let bufLen = <usize>load<u32>(statePtr, BUF_LEN_OFFSET);
  let t = load<u64>(statePtr, T_OFFSET);
  const fill = BLOCK_LEN - bufLen;
  if (dataLen > fill) {
    memory.copy(bufPtr + bufLen, dataPtr, fill);
    t += BLOCK_LEN;
    compress(statePtr, statePtr, bufPtr, bufPtr + 32, <u32>t, <u32>(t >> 32), 0);
    dataPtr += fill;
    dataLen -= fill;
    bufLen = 0;
    // Strictly greater: a block that may be the last one stays buffered.
    while (dataLen > BLOCK_LEN) {
      t += BLOCK_LEN;
      compress(statePtr, statePtr, dataPtr, dataPtr + 32, <u32>t, <u32>(t >> 32), 0);
      dataPtr += BLOCK_LEN;
      dataLen -= BLOCK_LEN;
    }
  }
  memory.copy(bufPtr + bufLen, dataPtr, dataLen);
  store<u32>(statePtr, <u32>(bufLen + dataLen), BUF_LEN_OFFSET);
  store<u64>(statePtr, t, T_OFFSET);
}

/** Writes the 32-byte digest to outPtr. The record is spent afterwards until blake2sInit. */
export function blake2sFinal(statePtr: usize, outPtr: usize): void {
  const bufPtr = statePtr + BUF_OFFSET;
  const bufLen = <usize>load<u32>(statePtr, BUF_LEN_OFFSET);
  const t = load<u64>(statePtr, T_OFFSET) + bufLen;
  memory.fill(bufPtr + bufLen, 0, BLOCK_LEN - bufLen);
  compress(statePtr, outPtr, bufPtr, bufPtr + 32, <u32>t, <u32>(t >> 32), FINAL_MASK);
}

/** Blake2s-256 of dataLen bytes at dataPtr into 32 bytes at outPtr (outPtr may overlap the data). */
export function blake2s256Mem(dataPtr: usize, dataLen: usize, outPtr: usize): void {
  // Scratch: chaining value at +0, zero-padded last block at +64 (as/layout.ts BLAKE2S_SCRATCH_LEN = 128).
  const hPtr = BLAKE2S_SCRATCH_PTR;
  const padPtr = BLAKE2S_SCRATCH_PTR + 64;
  memory.copy(hPtr, CIV_PTR, 32);
  let t: u64 = 0;
  while (dataLen > BLOCK_LEN) {
    t += BLOCK_LEN;
    compress(hPtr, hPtr, dataPtr, dataPtr + 32, <u32>t, <u32>(t >> 32), 0);
    dataPtr += BLOCK_LEN;
    dataLen -= BLOCK_LEN;
  }
  t += dataLen;
  if (dataLen == BLOCK_LEN) {
    compress(hPtr, outPtr, dataPtr, dataPtr + 32, <u32>t, <u32>(t >> 32), FINAL_MASK);
  } else {
    memory.fill(padPtr, 0, BLOCK_LEN);
    memory.copy(padPtr, dataPtr, dataLen);
    compress(hPtr, outPtr, padPtr, padPtr + 32, <u32>t, <u32>(t >> 32), FINAL_MASK);
  }
}
