// The caller's side of a completed call or create: push the result word and, for calls, copy the
// return data into the output region the caller named (min of both lengths, EIP-211). TS then
// continues the caller with evmRun.

import { u256SetU64, u256Copy } from "../lib/u256";
import { EVM_CALL_PTR } from "../layout";
import {
  F_SP, F_MEM, F_RET_OFFSET, F_RET_LEN, FRAME_HEADER, CALL_ADDRESS, returnDataLen, evmReturnDataPtr,
} from "./frame";

// @ts-ignore: decorator
@inline
function pushSlot(framePtr: usize): usize {
  const height = load<u32>(framePtr, F_SP);
  store<u32>(framePtr, height + 32, F_SP);
  return framePtr + FRAME_HEADER + <usize>height;
}

/** Completes a CALL-family instruction of `frame`: pushes 1 on success, 0 otherwise. */
export function evmCompleteCall(framePtr: usize, success: i32): void {
  u256SetU64(pushSlot(framePtr), success != 0 ? 1 : 0);
  const len = min<u32>(load<u32>(framePtr, F_RET_LEN), returnDataLen);
  if (len != 0) {
    // The output region was expanded (and charged) when the call was requested.
    const dstPtr = <usize>load<u32>(framePtr, F_MEM) + <usize>load<u32>(framePtr, F_RET_OFFSET);
    memory.copy(dstPtr, evmReturnDataPtr(), len);
  }
}

/** Completes CREATE/CREATE2 of `frame`: pushes the word TS left at CALL_ADDRESS (0 on failure). */
export function evmCompleteCreate(framePtr: usize): void {
  u256Copy(pushSlot(framePtr), EVM_CALL_PTR + CALL_ADDRESS);
}
