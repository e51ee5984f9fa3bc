// 0x20 KECCAK256 and the frame-changing instructions: CALL, CALLCODE, DELEGATECALL, STATICCALL,
// CREATE, CREATE2. These do only the caller-side work that needs no state (operands, memory
// expansion, EIP-3860 initcode checks, EIP-214 static rule), then leave the request in the call
// mailbox; TS charges access and value costs, applies 63/64 (EIP-150) and runs the callee.

import { u256Copy, u256Zero, u256IsZero, u256LoadBE } from "../../lib/u256";
import { keccak256Mem } from "../../keccak/sponge";
import { EVM_CALL_PTR } from "../../layout";
import {
  ERGS_PER_GAS, G_INITCODE_WORD, MAX_INITCODE_SIZE, keccakWordErgs, keccakNative, wordCount,
} from "../gas";
import {
  CALL_KIND, CALL_IN_PTR, CALL_IN_LEN, CALL_GAS, CALL_ADDRESS, CALL_VALUE, CALL_SALT,
  F_RET_OFFSET, F_RET_LEN, memPtr, nativeDebt, pendingHalt,
} from "../frame";
import { CALL, CALLCODE, CREATE2 } from "../opcodes";
import { EVM_INITCODE_TOO_LARGE, EVM_STATIC_VIOLATION } from "../status";
import { toOffset, touchMemory } from "./memory";

const HASH_SCRATCH: usize = memory.data(32, 16);

/** KECCAK256(offset, len). */
export function keccak256(sp: usize, ergs: i64): i64 {
  const offset = toOffset(sp - 32);
  const len = toOffset(sp - 64);
  ergs -= keccakWordErgs(len);
  if (ergs < 0) return ergs;
  ergs = touchMemory(ergs, offset, len);
  if (ergs < 0) return ergs;
  nativeDebt += keccakNative(len);
  keccak256Mem(len == 0 ? HASH_SCRATCH : memPtr + <usize>offset, <usize>len, HASH_SCRATCH);
  u256LoadBE(sp - 64, HASH_SCRATCH);
  return ergs;
}

/**
 * CALL/CALLCODE(gas, address, value, inOffset, inLen, outOffset, outLen) and
 * DELEGATECALL/STATICCALL(gas, address, inOffset, inLen, outOffset, outLen): expands memory for
 * both regions and fills the mailbox. The caller pops the operands; the result is pushed on resume.
 */
export function callRequest(sp: usize, ergs: i64, op: i32, isStatic: bool, framePtr: usize): i64 {
  const hasValue = op == CALL || op == CALLCODE;
  const argsPtr = hasValue ? sp - 96 : sp - 64;
  if (hasValue && op == CALL && isStatic && !u256IsZero(sp - 96)) {
    pendingHalt = EVM_STATIC_VIOLATION;
    return -1;
  }
  const inOffset = toOffset(argsPtr - 32);
  const inLen = toOffset(argsPtr - 64);
  const outOffset = toOffset(argsPtr - 96);
  const outLen = toOffset(argsPtr - 128);
  ergs = touchMemory(ergs, inOffset, inLen);
  if (ergs < 0) return ergs;
  ergs = touchMemory(ergs, outOffset, outLen);
  if (ergs < 0) return ergs;

  const gasPtr = sp - 32;
  const gasHigh = load<u64>(gasPtr, 8) | load<u64>(gasPtr, 16) | load<u64>(gasPtr, 24);
  store<u32>(EVM_CALL_PTR, <u32>op, CALL_KIND);
  store<u64>(EVM_CALL_PTR, gasHigh != 0 ? u64.MAX_VALUE : load<u64>(gasPtr), CALL_GAS);
  u256Copy(EVM_CALL_PTR + CALL_ADDRESS, sp - 64);
  if (hasValue) u256Copy(EVM_CALL_PTR + CALL_VALUE, sp - 96);
  else u256Zero(EVM_CALL_PTR + CALL_VALUE);
  store<u32>(EVM_CALL_PTR, inLen == 0 ? 0 : <u32>(memPtr + <usize>inOffset), CALL_IN_PTR);
  store<u32>(EVM_CALL_PTR, <u32>inLen, CALL_IN_LEN);
  store<u32>(framePtr, outLen == 0 ? 0 : <u32>outOffset, F_RET_OFFSET);
  store<u32>(framePtr, <u32>outLen, F_RET_LEN);
  return ergs;
}

/** CREATE(value, offset, len) and CREATE2(value, offset, len, salt). */
export function createRequest(sp: usize, ergs: i64, op: i32, isStatic: bool, framePtr: usize): i64 {
  if (isStatic) {
    pendingHalt = EVM_STATIC_VIOLATION;
    return -1;
  }
  const offset = toOffset(sp - 64);
  const len = toOffset(sp - 96);
  if (len > MAX_INITCODE_SIZE) {
    pendingHalt = EVM_INITCODE_TOO_LARGE;
    return -1;
  }
  ergs = touchMemory(ergs, offset, len);
  if (ergs < 0) return ergs;
  ergs -= G_INITCODE_WORD * wordCount(len) * ERGS_PER_GAS; // EIP-3860
  if (op == CREATE2) ergs -= keccakWordErgs(len); // EIP-1014: hashing the initcode
  if (ergs < 0) return ergs;

  store<u32>(EVM_CALL_PTR, <u32>op, CALL_KIND);
  store<u64>(EVM_CALL_PTR, 0, CALL_GAS);
  u256Zero(EVM_CALL_PTR + CALL_ADDRESS);
  u256Copy(EVM_CALL_PTR + CALL_VALUE, sp - 32);
  if (op == CREATE2) u256Copy(EVM_CALL_PTR + CALL_SALT, sp - 128);
  else u256Zero(EVM_CALL_PTR + CALL_SALT);
  store<u32>(EVM_CALL_PTR, len == 0 ? 0 : <u32>(memPtr + <usize>offset), CALL_IN_PTR);
  store<u32>(EVM_CALL_PTR, <u32>len, CALL_IN_LEN);
  store<u32>(framePtr, 0, F_RET_OFFSET);
  store<u32>(framePtr, 0, F_RET_LEN);
  return ergs;
}
