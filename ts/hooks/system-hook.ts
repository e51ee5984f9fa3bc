/**
 * The system-hook contract (system_hooks/src/lib.rs at 0a82da0; zksync-os-reference.md §6.6): what
 * a hook receives and returns, and the entry rules the three system hooks share (no value unless
 * payable, no DELEGATECALL/CALLCODE, 10 ergs, out of ergs = revert), plus calldata helpers.
 * @module
 */
import type { Address } from "../state/address";
import type { CallScheme } from "../ee/ee";
import type { ExecutionEnvironmentType, IOExt } from "../system/io";
import { OUT_OF_ERGS, type Resources } from "../system/resources";

/** `SYSTEM_HOOK_STEP_COST`: what the non-precompile hooks charge on entry, in ergs (not gas). */
export const SYSTEM_HOOK_ENTRY_ERGS = 10;

/** A call as a hook receives it (zk_ee `ExternalCallRequest` with the caller's EE type). */
export interface HookCall {
  /** The account that called the hook (msg.sender). */
  readonly caller: Address;
  /** The hook's address. */
  readonly callee: Address;
  /** Value moved to the hook's address before it runs. */
  readonly value: bigint;
  readonly calldata: Uint8Array;
  readonly scheme: CallScheme;
  /** True under STATICCALL, also inherited from a static caller frame. */
  readonly isStatic: boolean;
  /**
   * The caller's EE type: NoEE (0) for the top-level call of a transaction from an account without
   * code (runner.rs passes the sender's EE version), EVM (1) for a call made by EVM code.
   */
  readonly callerEe: ExecutionEnvironmentType;
}

/** What a hook returns; it charged its costs on the resources it was given. */
export interface HookResult {
  /** A reverted hook call is a failed call: the runner rolls back its frame (the value moved in too). */
  readonly reverted: boolean;
  readonly returnData: Uint8Array;
  /** Why it reverted (the reference's log message), for traces and tests. */
  readonly reason?: string;
}

/**
 * A system hook. It charges `resources` in place. Out of ergs is a revert with the ergs gone;
 * it throws OUT_OF_NATIVE (the transaction aborts) and InternalBlockError (the block aborts)
 * where the reference returns the matching FatalError.
 */
export type Hook = (io: IOExt, call: HookCall, resources: Resources) => HookResult;

const EMPTY = new Uint8Array(0);

/** A reverted hook call with no return data. */
export function hookRevert(reason: string): HookResult {
  return { reverted: true, returnData: EMPTY, reason };
}

/**
 * The frame of the three system hooks: value (unless `payable`), DELEGATECALL and CALLCODE are
 * refused before anything is charged (revert, resources kept); then 10 ergs, then `body`, whose
 * string result is a revert reason. Running out of ergs anywhere is a revert with the ergs gone.
 */
export function runSystemHook(call: HookCall, resources: Resources, payable: boolean, body: () => Uint8Array | string): HookResult {
  if ((!payable && call.value !== 0n) || call.scheme === "delegatecall" || call.scheme === "callcode") {
    return hookRevert("modifier or value not allowed");
  }
  try {
    resources.charge(SYSTEM_HOOK_ENTRY_ERGS, 0);
    const out = body();
    return typeof out === "string" ? hookRevert(out) : { reverted: false, returnData: out };
  } catch (e) {
    if (e === OUT_OF_ERGS) return hookRevert("out of gas during system hook");
    throw e;
  }
}

/** A 32-byte big-endian word of `bytes` at `offset` as a bigint (the reference's U256::from_be_slice). */
export function readWordAt(bytes: Uint8Array, offset: number): bigint {
  let v = 0n;
  for (let i = offset; i < offset + 32; i++) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

/** The first four bytes as a selector number, or -1 when there are fewer. */
export function selectorOf(calldata: Uint8Array): number {
  if (calldata.length < 4) return -1;
  return ((calldata[0]! << 24) | (calldata[1]! << 16) | (calldata[2]! << 8) | calldata[3]!) >>> 0;
}
