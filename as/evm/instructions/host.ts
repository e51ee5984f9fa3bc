// Instructions answered by the host (as/evm/host.ts → ts/ee/evm/host.ts): BALANCE, EXTCODESIZE,
// EXTCODECOPY, EXTCODEHASH, BLOCKHASH, SELFBALANCE, BLOBHASH, SLOAD, SSTORE, TLOAD, TSTORE, LOG0–4,
// SELFDESTRUCT. The host charges what depends on state (EIP-2929 warm/cold, EIP-2200/3529 SSTORE);
// static-context rules (EIP-214) and the EIP-2200 stipend sentry are checked here first.

import { EVM_HOST_PTR } from "../../layout";
import { ERGS_PER_GAS, G_SSTORE_SENTRY, G_LOG_DATA_BYTE } from "../gas";
import { HOST_MEM_PTR, HOST_LEN, HOST_OFFSET, memPtr, nativeDebt, pendingHalt } from "../frame";
import { EVM_HOST_FAILURE, EVM_OUT_OF_GAS, EVM_STATIC_VIOLATION } from "../status";
import { hostCall, hostNative, HOST_FAILURE } from "../host";
import { toOffset, touchMemory, chargeCopy } from "./memory";
import { OFFSET_LIMIT } from "../gas";

/** Runs host query `op` and charges what it reports; negative ergs on failure. */
export function hostQuery(op: i32, sp: usize, ergs: i64): i64 {
  const cost = hostCall(op, sp);
  if (cost < 0) {
    pendingHalt = cost == HOST_FAILURE ? EVM_HOST_FAILURE : EVM_OUT_OF_GAS;
    return -1;
  }
  nativeDebt += hostNative();
  return ergs - <i64>cost;
}

// @ts-ignore: decorator
@inline
function staticViolation(): i64 {
  pendingHalt = EVM_STATIC_VIOLATION;
  return -1;
}

/** SSTORE: fails in a static context and when no more than the 2,300-gas stipend is left. */
// @ts-ignore: decorator
@inline
export function sstore(sp: usize, ergs: i64, isStatic: bool, op: i32): i64 {
  if (isStatic) return staticViolation();
  if (ergs <= G_SSTORE_SENTRY * ERGS_PER_GAS) return -1;
  return hostQuery(op, sp, ergs);
}

/** TSTORE, SELFDESTRUCT: state changes, forbidden in a static context. */
// @ts-ignore: decorator
@inline
export function hostWrite(sp: usize, ergs: i64, isStatic: bool, op: i32): i64 {
  if (isStatic) return staticViolation();
  return hostQuery(op, sp, ergs);
}

/** LOGn(offset, len, topic0..): memory and 8 gas per data byte here, the event by the host. */
export function log(sp: usize, ergs: i64, isStatic: bool, op: i32): i64 {
  if (isStatic) return staticViolation();
  const offset = toOffset(sp - 32);
  const len = toOffset(sp - 64);
  if (len > OFFSET_LIMIT) return -1;
  ergs -= G_LOG_DATA_BYTE * ERGS_PER_GAS * <i64>len;
  if (ergs < 0) return ergs;
  ergs = touchMemory(ergs, offset, len);
  if (ergs < 0) return ergs;
  store<u32>(EVM_HOST_PTR, len == 0 ? 0 : <u32>(memPtr + <usize>offset), HOST_MEM_PTR);
  store<u32>(EVM_HOST_PTR, <u32>len, HOST_LEN);
  return hostQuery(op, sp, ergs);
}

/** EXTCODECOPY(address, destOffset, offset, len): memory and copy here, access and bytes by the host. */
export function extcodecopy(sp: usize, ergs: i64, op: i32): i64 {
  const dstPtr = toOffset(sp - 64);
  const offset = toOffset(sp - 96);
  const len = toOffset(sp - 128);
  ergs = chargeCopy(ergs, len);
  if (ergs < 0) return ergs;
  ergs = touchMemory(ergs, dstPtr, len);
  if (ergs < 0) return ergs;
  store<u32>(EVM_HOST_PTR, len == 0 ? 0 : <u32>(memPtr + <usize>dstPtr), HOST_MEM_PTR);
  store<u32>(EVM_HOST_PTR, <u32>len, HOST_LEN);
  store<u32>(EVM_HOST_PTR, offset > OFFSET_LIMIT ? <u32>OFFSET_LIMIT : <u32>offset, HOST_OFFSET);
  return hostQuery(op, sp, ergs);
}
