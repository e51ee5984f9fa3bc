// The L1 messenger hook at 0x8008 (zksync-os-reference.md §4.2, §6.6; l1_messenger.rs at 0a82da0):
// sendToL1's L2→L1 log, message and L1MessageSent event byte for byte, its exact ergs and native,
// the strict-encoding and context rules, and how calls reach it through the runner.
import { describe, it, expect } from "vitest";
import { createContract, events } from "micro-eth-signer/abi.js";
import { setup, addr } from "../helpers/io-fixtures";
import { op, push, call, returnTop, bytes } from "../helpers/bytecode";
import { zkSystem, zkCall, SENDER, CONTRACT } from "../helpers/zk";
import { l1MessengerHook, SEND_TO_L1 } from "../../ts/hooks/l1-messenger";
import { SYSTEM_HOOK_ENTRY_ERGS, type HookCall } from "../../ts/hooks/system-hook";
import { Resources, ERGS_PER_GAS } from "../../ts/system/resources";
import { EE_TYPE_EVM } from "../../ts/storage/account-properties";
import { keccak256NativeCost, EVENT_STORAGE_BASE_NATIVE_COST, EVENT_TOPIC_NATIVE_COST, EVENT_DATA_PER_BYTE_COST } from "../../ts/system/io-subsystem";
import { keccak256 } from "../../ts/crypto/keccak";
import { addressToBytes, addressOfNumber } from "../../ts/state/address";
import { InternalBlockError } from "../../ts/zksync/validation-errors";
import { L1_MESSAGE_SENT_TOPIC } from "../../ts/l1/l2-to-l1-logs";

const ABI = [
  { type: "function", name: "sendToL1", inputs: [{ name: "message", type: "bytes" }], outputs: [{ type: "bytes32" }] },
  { type: "event", name: "L1MessageSent", inputs: [
    { name: "sender", type: "address", indexed: true }, { name: "hash", type: "bytes32", indexed: true }, { name: "message", type: "bytes", indexed: false },
  ] },
] as const;
const messenger = createContract(ABI);
const messengerEvents = events(ABI);
const hexOf = (b: Uint8Array): string => "0x" + Buffer.from(b).toString("hex");
const MESSENGER = addressOfNumber(0x8008);
const CALLER = addr(0xabcde);

function hookCall(calldata: Uint8Array, over: Partial<HookCall> = {}): HookCall {
  return { caller: CALLER, callee: MESSENGER, value: 0n, calldata, scheme: "call", isStatic: false, callerEe: EE_TYPE_EVM, ...over };
}

describe("sendToL1", () => {
  it("matches the Solidity selector and event topic", () => {
    expect(messenger.sendToL1.encodeInput(new Uint8Array(0)).subarray(0, 4)).toEqual(bytes(SEND_TO_L1.toString(16)));
    expect(keccak256(new TextEncoder().encode("L1MessageSent(address,bytes32,bytes)"))).toEqual(L1_MESSAGE_SENT_TOPIC);
  });

  it.each([0, 1, 32, 33, 200])("a %i-byte message: log, message, event and return data, exact ergs and native", (len) => {
    const message = Uint8Array.from({ length: len }, (_, i) => (i * 7 + 1) & 0xff);
    const calldata = messenger.sendToL1.encodeInput(message);
    const { io } = setup();
    const r = new Resources(1_000_000 * ERGS_PER_GAS, 100_000_000);
    const out = l1MessengerHook(io, hookCall(calldata), r);
    const hash = keccak256(message);
    expect(out).toEqual({ reverted: false, returnData: hash });
    const dataLen = calldata.length - 4;
    const ergs = SYSTEM_HOOK_ENTRY_ERGS + (30 + 6 * Math.ceil(len / 32)) * ERGS_PER_GAS + (375 + 3 * 375 + 8 * dataLen) * ERGS_PER_GAS;
    const native = keccak256NativeCost(88) + 3 * keccak256NativeCost(64) + keccak256NativeCost(len) + EVENT_STORAGE_BASE_NATIVE_COST + 2 * len
      + keccak256NativeCost(len) + EVENT_STORAGE_BASE_NATIVE_COST + 3 * EVENT_TOPIC_NATIVE_COST + EVENT_DATA_PER_BYTE_COST * dataLen;
    expect(1_000_000 * ERGS_PER_GAS - r.ergs).toBe(ergs);
    expect(100_000_000 - r.native).toBe(native);
    const block = io.finishBlock();
    const key = new Uint8Array(32);
    key.set(addressToBytes(CALLER), 12);
    expect(block.logs).toHaveLength(1);
    expect(block.logs[0]!.log).toEqual({ shardId: 0, isService: true, txNumberInBlock: 0, sender: addressToBytes(MESSENGER), key, value: hash });
    expect(block.logs[0]!.message).toEqual(message);
    expect(block.events).toHaveLength(1);
    const ev = block.events[0]!;
    expect(ev.address).toBe(MESSENGER);
    expect(ev.topics).toEqual([L1_MESSAGE_SENT_TOPIC, key, hash]);
    expect(ev.data).toEqual(calldata.subarray(4));
    // Differential: the event decodes with a Solidity ABI decoder.
    expect(messengerEvents.L1MessageSent.decode(ev.topics.map(hexOf), hexOf(ev.data))).toEqual({ sender: CALLER, hash, message });
  });

  const good = messenger.sendToL1.encodeInput(bytes("c0ffee"));
  const withWord = (at: number, v: number): Uint8Array => {
    const c = good.slice();
    c.fill(0, at, at + 32);
    c[at + 31] = v;
    return c;
  };
  it.each([
    { name: "no selector", calldata: bytes("62f84b"), reason: "L1 messenger failure: calldata shorter than selector length" },
    { name: "another selector", calldata: bytes("12345678"), reason: "L1 messenger: unknown selector" },
    { name: "no offset word", calldata: good.subarray(0, 35), reason: "L1 messenger failure: sendToL1 called with invalid calldata" },
    { name: "an offset other than 32", calldata: withWord(4, 64), reason: "L1 messenger failure: sendToL1 expects strict message offset" },
    { name: "a length past the end", calldata: withWord(36, 33), reason: "L1 messenger failure: sendToL1 called with invalid calldata" },
    { name: "calldata not a whole number of words", calldata: Uint8Array.from([...good, 0]), reason: "Calldata is not well formed" },
  ])("reverts on $name, keeping all but the 10 ergs", ({ calldata, reason }) => {
    const { io } = setup();
    const r = new Resources(100_000, 1_000_000);
    expect(l1MessengerHook(io, hookCall(calldata), r)).toEqual({ reverted: true, returnData: new Uint8Array(0), reason });
    expect([r.ergs, r.native]).toEqual([100_000 - SYSTEM_HOOK_ENTRY_ERGS, 1_000_000]);
  });

  it.each([
    { name: "with value", over: { value: 1n }, ergs: 100_000 },
    { name: "by DELEGATECALL", over: { scheme: "delegatecall" as const }, ergs: 100_000 },
    { name: "by CALLCODE", over: { scheme: "callcode" as const }, ergs: 100_000 },
    { name: "in a static context", over: { isStatic: true }, ergs: 100_000 - SYSTEM_HOOK_ENTRY_ERGS },
  ])("reverts $name without burning the resources", ({ over, ergs }) => {
    const { io } = setup();
    const r = new Resources(100_000, 1_000_000);
    expect(l1MessengerHook(io, hookCall(good, over), r).reverted).toBe(true);
    expect(r.ergs).toBe(ergs);
    expect(io.finishBlock().logs).toHaveLength(0);
  });

  it("out of ergs is a revert with no ergs left", () => {
    const { io } = setup();
    const r = new Resources(1_000 * ERGS_PER_GAS, 1_000_000);
    expect(l1MessengerHook(io, hookCall(good), r).reverted).toBe(true);
    expect(r.ergs).toBe(0);
  });
});

describe("sendToL1 through the runner", () => {
  const calldata = messenger.sendToL1.encodeInput(bytes("c0ffee"));
  const hex = Buffer.from(calldata).toString("hex");
  // CONTRACT copies its calldata to memory and forwards it to 0x8008 with `kind`.
  const forwarder = (kind: "CALL" | "STATICCALL" | "DELEGATECALL") =>
    op.CALLDATASIZE + push(0) + push(0) + op.CALLDATACOPY + call(kind, { gas: 200000, to: "0x8008", inLen: calldata.length, outLen: 32 }) + returnTop();

  it("from a contract: the log key is the contract, the result is success", () => {
    const sys = zkSystem({ [SENDER]: { balance: 10n ** 18n }, [CONTRACT]: { code: "0x" + forwarder("CALL") } });
    expect(zkCall(sys, { input: hex }).returnHex).toBe("0".repeat(63) + "1");
    const logs = sys.io.finishBlock().logs;
    expect(logs).toHaveLength(1);
    expect(logs[0]!.log.key.subarray(12)).toEqual(addressToBytes(CONTRACT));
  });

  it.each(["STATICCALL", "DELEGATECALL"] as const)("by %s: the call fails and nothing is sent", (kind) => {
    const sys = zkSystem({ [SENDER]: { balance: 10n ** 18n }, [CONTRACT]: { code: "0x" + forwarder(kind) } });
    expect(zkCall(sys, { input: hex }).returnHex).toBe("0".repeat(64));
    expect(sys.io.finishBlock().logs).toHaveLength(0);
  });

  it("QUIRK: a transaction from an account without code calling it directly aborts the block (the event is emitted as NoEE)", () => {
    const sys = zkSystem({ [SENDER]: { balance: 10n ** 18n } });
    expect(() => zkCall(sys, { to: MESSENGER, input: hex })).toThrow(InternalBlockError);
  });

  it("without system contracts, 0x8008 is an ordinary empty account", () => {
    const sys = zkSystem({ [SENDER]: { balance: 10n ** 18n }, [CONTRACT]: { code: "0x" + forwarder("CALL") } }, { disableSystemContracts: true });
    expect(zkCall(sys, { input: hex }).returnHex).toBe("0".repeat(63) + "1");
    expect(sys.io.finishBlock().logs).toHaveLength(0);
  });
});
