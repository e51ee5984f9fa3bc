/**
 * The L1 messenger hook at 0x8008 (system_hooks/src/l1_messenger.rs at 0a82da0;
 * zksync-os-reference.md §4.2): `sendToL1(bytes)` records an L2→L1 user message from the caller
 * (log sender 0x8008, key = the caller, value = Keccak(message)), emits
 * L1MessageSent(address indexed, bytes32 indexed, bytes) from 0x8008 with the calldata after the
 * selector as data, and returns the message hash. Only the strict ABI encoding is accepted.
 * @module
 */
import { addressToBytes } from "../state/address";
import { L1_MESSAGE_SENT_TOPIC } from "../l1/l2-to-l1-logs";
import type { IOExt } from "../system/io";
import type { Resources } from "../system/resources";
import { readWordAt, runSystemHook, selectorOf, type Hook, type HookCall } from "./system-hook";

/** sendToL1(bytes). */
export const SEND_TO_L1 = 0x62f84b24;
const INVALID = "L1 messenger failure: sendToL1 called with invalid calldata";

/** The hook at 0x8008. */
export const l1MessengerHook: Hook = (io, call, resources) => runSystemHook(call, resources, false, () => sendToL1(io, call, resources));

function sendToL1(io: IOExt, call: HookCall, resources: Resources): Uint8Array | string {
  const cd = call.calldata;
  if (cd.length < 4) return "L1 messenger failure: calldata shorter than selector length";
  if (selectorOf(cd) !== SEND_TO_L1) return "L1 messenger: unknown selector";
  if (call.isStatic) return "L1 messenger failure: sendToL1 called with static context";
  if (cd.length < 36) return INVALID;
  if (readWordAt(cd, 4) !== 32n) return "L1 messenger failure: sendToL1 expects strict message offset";
  // With the offset fixed at 32, the length word sits at [36, 68) and the message follows it.
  if (cd.length < 68) return INVALID;
  const length = readWordAt(cd, 36);
  if (BigInt(cd.length) < 68n + length) return INVALID;
  if ((cd.length - 4) % 32 !== 0) return "Calldata is not well formed";
  const message = cd.slice(68, 68 + Number(length));
  const hash = io.emitL1Message(call.callerEe, resources, call.caller, message);
  const sender = new Uint8Array(32);
  sender.set(addressToBytes(call.caller), 12);
  io.emitEvent(call.callerEe, resources, call.callee, [L1_MESSAGE_SENT_TOPIC, sender, hash], cd.slice(4));
  return hash;
}
