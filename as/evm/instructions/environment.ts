// 0x30s and 0x40s that need no host: ADDRESS, CALLER, CALLVALUE (frame record), ORIGIN, GASPRICE,
// COINBASE, ... BLOBBASEFEE (environment record), CALLDATA*, CODESIZE/CODECOPY, RETURNDATA*
// (EIP-211). Copies past the end of their source read zeros, except RETURNDATACOPY, which halts.

import { u256Copy, u256SetU64, u256LoadBE, u256LoadBERightPadded } from "../../lib/u256";
import { EVM_ENV_PTR } from "../../layout";
import { F_INPUT, F_INPUT_LEN, memPtr, pendingHalt, returnDataLen, evmReturnDataPtr } from "../frame";
import { EVM_RETURNDATA_OUT_OF_BOUNDS } from "../status";
import { toOffset, touchMemory, chargeCopy } from "./memory";

/** Pushes a u256 kept elsewhere (frame record field or environment record field). */
// @ts-ignore: decorator
@inline
export function pushWord(sp: usize, srcPtr: usize): usize {
  u256Copy(sp, srcPtr);
  return sp + 32;
}

// @ts-ignore: decorator
@inline
export function pushEnv(sp: usize, field: usize): usize {
  u256Copy(sp, EVM_ENV_PTR + field);
  return sp + 32;
}

// @ts-ignore: decorator
@inline
export function pushU64(sp: usize, v: u64): usize {
  u256SetU64(sp, v);
  return sp + 32;
}

/** Copies source[offset, offset + len) to dst, reading zeros past srcLen. */
// @ts-ignore: decorator
@inline
export function copyPadded(dstPtr: usize, srcPtr: usize, srcLen: u64, offset: u64, len: u64): void {
  const avail = offset >= srcLen ? <u64>0 : min<u64>(len, srcLen - offset);
  if (avail != 0) memory.copy(dstPtr, srcPtr + <usize>offset, <usize>avail);
  if (len > avail) memory.fill(dstPtr + <usize>avail, 0, <usize>(len - avail));
}

// @ts-ignore: decorator
@inline
export function calldataload(sp: usize, framePtr: usize): usize {
  const offset = toOffset(sp - 32);
  const len = <u64>load<u32>(framePtr, F_INPUT_LEN);
  const srcPtr = <usize>load<u32>(framePtr, F_INPUT) + <usize>offset;
  if (offset + 32 <= len) u256LoadBE(sp - 32, srcPtr);
  else if (offset < len) u256LoadBERightPadded(sp - 32, srcPtr, <i32>(len - offset));
  else u256SetU64(sp - 32, 0);
  return sp;
}

/** The shared shape of CALLDATACOPY / CODECOPY / RETURNDATACOPY: (destOffset, offset, len). */
// @ts-ignore: decorator
@inline
function copyToMemory(sp: usize, ergs: i64, srcPtr: usize, srcLen: u64): i64 {
  const dstPtr = toOffset(sp - 32);
  const offset = toOffset(sp - 64);
  const len = toOffset(sp - 96);
  ergs = chargeCopy(ergs, len);
  if (ergs < 0) return ergs;
  ergs = touchMemory(ergs, dstPtr, len);
  if (ergs < 0 || len == 0) return ergs;
  copyPadded(memPtr + <usize>dstPtr, srcPtr, srcLen, offset, len);
  return ergs;
}

// @ts-ignore: decorator
@inline
export function calldatacopy(sp: usize, ergs: i64, framePtr: usize): i64 {
  return copyToMemory(sp, ergs, <usize>load<u32>(framePtr, F_INPUT), <u64>load<u32>(framePtr, F_INPUT_LEN));
}

// @ts-ignore: decorator
@inline
export function codecopy(sp: usize, ergs: i64, codePtr: usize, codeLen: u32): i64 {
  return copyToMemory(sp, ergs, codePtr, <u64>codeLen);
}

/** RETURNDATACOPY: reading past the end of the return data is an exceptional halt (EIP-211). */
export function returndatacopy(sp: usize, ergs: i64): i64 {
  const offset = toOffset(sp - 64);
  const len = toOffset(sp - 96);
  if (offset + len > <u64>returnDataLen) {
    pendingHalt = EVM_RETURNDATA_OUT_OF_BOUNDS;
    return -1;
  }
  return copyToMemory(sp, ergs, evmReturnDataPtr(), <u64>returnDataLen);
}
