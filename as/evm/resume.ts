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
function pushSlot(frame: usize): usize {
  const height = load<u32>(frame, F_SP);
  store<u32>(frame, height + 32, F_SP);
  return frame + FRAME_HEADER + <usize>height;
}

/** Completes a CALL-family instruction of `frame`: pushes 1 on success, 0 otherwise. */
export function evmCompleteCall(frame: usize, success: i32): void {
  u256SetU64(pushSlot(frame), success != 0 ? 1 : 0);
  const len = min<u32>(load<u32>(frame, F_RET_LEN), returnDataLen);
  if (len != 0) {
    // The output region was expanded (and charged) when the call was requested.
    const dst = <usize>load<u32>(frame, F_MEM) + <usize>load<u32>(frame, F_RET_OFFSET);
    memory.copy(dst, evmReturnDataPtr(), len);
  }
}

/** Completes CREATE/CREATE2 of `frame`: pushes the word TS left at CALL_ADDRESS (0 on failure). */
export function evmCompleteCreate(frame: usize): void {
  u256Copy(pushSlot(frame), EVM_CALL_PTR + CALL_ADDRESS);
}
