// Keccak-256 sponge (FIPS 202 §4 with the original Keccak padding 0x01…0x80 that Ethereum uses):
// rate 136 bytes, 32-byte digest. A hasher is a state struct of KECCAK_STATE_LEN bytes anywhere
// in linear memory: 200 bytes of lanes, then a u32 count of bytes absorbed into the current block.
// Partial blocks are XORed straight into the lanes, so the struct needs no block buffer.
import { KECCAK_SCRATCH_PTR } from "../layout";
import { keccakAbsorb136, keccakF1600 } from "./keccak-f1600";

const RATE: usize = 136;
const POS_OFFSET: usize = 200;

/** XORs len bytes from srcPtr into dstPtr (both may be unaligned), 8 bytes at a time. */
@inline
function xorInto(dstPtr: usize, srcPtr: usize, len: usize): void {
  let i: usize = 0;
  for (; i + 8 <= len; i += 8) {
    store<u64>(dstPtr + i, load<u64>(dstPtr + i) ^ load<u64>(srcPtr + i));
  }
  for (; i < len; i++) {
    store<u8>(dstPtr + i, load<u8>(dstPtr + i) ^ load<u8>(srcPtr + i));
  }
}

/** Pads the block in progress (pos bytes absorbed), permutes, and writes the 32-byte digest. */
@inline
function padAndSqueeze(lanesPtr: usize, pos: usize, outPtr: usize): void {
  store<u8>(lanesPtr + pos, load<u8>(lanesPtr + pos) ^ 0x01);
  store<u8>(lanesPtr + RATE - 1, load<u8>(lanesPtr + RATE - 1) ^ 0x80);
  keccakF1600(lanesPtr);
  store<u64>(outPtr, load<u64>(lanesPtr, 0), 0);
  store<u64>(outPtr, load<u64>(lanesPtr, 8), 8);
  store<u64>(outPtr, load<u64>(lanesPtr, 16), 16);
  store<u64>(outPtr, load<u64>(lanesPtr, 24), 24);
}

/** Resets the hasher at statePtr to the empty message. */
export function keccak256Init(statePtr: usize): void {
  memory.fill(statePtr, 0, POS_OFFSET + 4);
}

/** Absorbs dataLen bytes at dataPtr into the hasher at statePtr. */
export function keccak256Update(statePtr: usize, dataPtr: usize, dataLen: usize): void {
  let pos = <usize>load<u32>(statePtr, POS_OFFSET);
  if (pos != 0) {
    const fill = min(RATE - pos, dataLen);
    xorInto(statePtr + pos, dataPtr, fill);
    pos += fill;
    dataPtr += fill;
    dataLen -= fill;
    if (pos < RATE) {
      store<u32>(statePtr, <u32>pos, POS_OFFSET);
      return;
    }
    keccakF1600(statePtr);
  }
  const blocks = dataLen / RATE;
  if (blocks != 0) keccakAbsorb136(statePtr, dataPtr, blocks);
  const tail = dataLen - blocks * RATE;
  xorInto(statePtr, dataPtr + blocks * RATE, tail);
  store<u32>(statePtr, <u32>tail, POS_OFFSET);
}

/** Pads the hasher at statePtr in place and writes its 32-byte digest to outPtr; re-init to reuse. */
export function keccak256Final(statePtr: usize, outPtr: usize): void {
  padAndSqueeze(statePtr, <usize>load<u32>(statePtr, POS_OFFSET), outPtr);
}

/**
 * One-shot Keccak-256 of dataLen bytes at dataPtr into the 32 bytes at outPtr, for AS callers
 * (KECCAK256 opcode, Merkle code) and the TS fast path. Uses KECCAK_SCRATCH_PTR; outPtr may
 * overlap the input. Not reentrant, which nothing needs: no hashing code calls back out.
 */
export function keccak256Mem(dataPtr: usize, dataLen: usize, outPtr: usize): void {
  const s = KECCAK_SCRATCH_PTR;
  memory.fill(s, 0, POS_OFFSET);
  const blocks = dataLen / RATE;
  if (blocks != 0) keccakAbsorb136(s, dataPtr, blocks);
  const tail = dataLen - blocks * RATE;
  xorInto(s, dataPtr + blocks * RATE, tail);
  padAndSqueeze(s, tail, outPtr);
}
