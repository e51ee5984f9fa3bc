/**
 * The L2 base token hook at 0x800a (system_hooks/src/l2_base_token.rs at 0a82da0;
 * zksync-os-reference.md §4.2): `withdraw(address)` and `withdrawWithMessage(address,bytes)` burn
 * the value the call moved to 0x800a and send L1 the finalizeEthWithdrawal message
 * `0x6c0960f9 ‖ receiver ‖ amount [‖ caller ‖ data]`. QUIRK (copied): the message's sender (the log
 * key) is the caller, not 0x800a. The only hook that accepts value.
 * @module
 */
import { addressToBytes } from "../state/address";
import { FINALIZE_ETH_WITHDRAWAL_SELECTOR } from "../l1/l2-to-l1-logs";
import { NUMERIC_BOUNDS, type IOExt } from "../system/io";
import type { Resources } from "../system/resources";
import { InternalBlockError } from "../zksync/validation-errors";
import { readWordAt, runSystemHook, selectorOf, type Hook, type HookCall } from "./system-hook";

/** withdraw(address). */
export const WITHDRAW = 0x51cff8d9;
/** withdrawWithMessage(address,bytes). */
export const WITHDRAW_WITH_MESSAGE = 0x84bc3eb0;
const EMPTY = new Uint8Array(0);
const INVALID_WITH_MESSAGE = "L2 base token failure: withdrawWithMessage called with invalid calldata";

/** The hook at 0x800a. */
export const l2BaseTokenHook: Hook = (io, call, resources) => runSystemHook(call, resources, true, () => baseToken(io, call, resources));

function baseToken(io: IOExt, call: HookCall, resources: Resources): Uint8Array | string {
  const cd = call.calldata;
  if (cd.length < 4) return "L2 base token failure: calldata shorter than selector length";
  switch (selectorOf(cd)) {
    case WITHDRAW: return withdraw(io, call, resources);
    case WITHDRAW_WITH_MESSAGE: return withdrawWithMessage(io, call, resources);
    default: return "L2 base token: unknown selector";
  }
}

function withdraw(io: IOExt, call: HookCall, resources: Resources): Uint8Array | string {
  const cd = call.calldata;
  if (call.isStatic) return "L2 base token failure: withdraw called with static context";
  if (cd.length < 36) return "L2 base token failure: withdraw called with invalid calldata";
  burn(io, call, resources);
  // Checked after the burn, as the reference does; the revert undoes the burn but not its cost.
  for (let i = 4; i < 16; i++) if (cd[i] !== 0) return "Contract deployer failure: withdraw called with invalid calldata";
  const message = new Uint8Array(56);
  message.set(FINALIZE_ETH_WITHDRAWAL_SELECTOR, 0);
  message.set(cd.subarray(16, 36), 4);
  message.set(u256Bytes(call.value), 24);
  io.emitL1Message(call.callerEe, resources, call.caller, message);
  return EMPTY;
}

function withdrawWithMessage(io: IOExt, call: HookCall, resources: Resources): Uint8Array | string {
  const cd = call.calldata;
  if (call.isStatic) return "L2 base token failure: withdrawWithMessage called with static context";
  if (cd.length < 68) return INVALID_WITH_MESSAGE;
  // Unlike sendToL1 any offset is accepted: the length word ends at 4 + offset + 32.
  const lengthEnd = readWordAt(cd, 36) + 36n;
  if (BigInt(cd.length) < lengthEnd) return INVALID_WITH_MESSAGE;
  const end = Number(lengthEnd);
  const length = readWordAt(cd, end - 32);
  if (BigInt(cd.length) < lengthEnd + length) return INVALID_WITH_MESSAGE;
  const additional = cd.subarray(end, end + Number(length));
  burn(io, call, resources);
  // The receiver's upper 12 bytes are not checked here (they are in withdraw).
  const message = new Uint8Array(76 + additional.length);
  message.set(FINALIZE_ETH_WITHDRAWAL_SELECTOR, 0);
  message.set(cd.subarray(16, 36), 4);
  message.set(u256Bytes(call.value), 24);
  message.set(addressToBytes(call.caller), 56);
  message.set(additional, 76);
  io.emitL1Message(call.callerEe, resources, call.caller, message);
  return EMPTY;
}

/** Burns the call's value from 0x800a's balance (the runner moved it there before the hook ran). */
function burn(io: IOExt, call: HookCall, resources: Resources): void {
  try {
    io.updateAccountNominalTokenBalance(call.callerEe, resources, call.callee, call.value, true);
  } catch (e) {
    if (e === NUMERIC_BOUNDS) throw new InternalBlockError("l2 base token", "L2 base token must have withdrawal amount");
    throw e;
  }
}

function u256Bytes(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0 && v !== 0n; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}
