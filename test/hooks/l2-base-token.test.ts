// The L2 base token hook at 0x800a (zksync-os-reference.md §4.2; l2_base_token.rs at 0a82da0):
// withdraw and withdrawWithMessage burn the value and send the finalizeEthWithdrawal message byte
// for byte, with the caller (not 0x800a) as the message sender; exact ergs and native; rejections;
// and withdrawals through the runner from an account without code and from a contract.
import { describe, it, expect } from "vitest";
import { createContract } from "micro-eth-signer/abi.js";
import { setup, addr } from "../helpers/io-fixtures";
import { op, push, call, returnTop, bytes } from "../helpers/bytecode";
import { zkSystem, zkCall, account, SENDER, CONTRACT } from "../helpers/zk";
import { l2BaseTokenHook, WITHDRAW, WITHDRAW_WITH_MESSAGE } from "../../ts/hooks/l2-base-token";
import { SYSTEM_HOOK_ENTRY_ERGS, type HookCall } from "../../ts/hooks/system-hook";
import { Resources, ERGS_PER_GAS } from "../../ts/system/resources";
import { EE_TYPE_EVM, EE_TYPE_NONE } from "../../ts/storage/account-properties";
import { keccak256NativeCost, EVENT_STORAGE_BASE_NATIVE_COST } from "../../ts/system/io-subsystem";
import { WARM_ACCOUNT_CACHE_ACCESS_NATIVE_COST, WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST } from "../../ts/storage/account-cache";
import { keccak256 } from "../../ts/crypto/keccak";
import { addressToBytes, addressOfNumber } from "../../ts/state/address";
import { withdrawMessage, withdrawWithMessageMessage } from "../../ts/l1/l2-to-l1-logs";

const token = createContract([
  { type: "function", name: "withdraw", inputs: [{ name: "l1Receiver", type: "address" }], outputs: [] },
  { type: "function", name: "withdrawWithMessage", inputs: [{ name: "l1Receiver", type: "address" }, { name: "additionalData", type: "bytes" }], outputs: [] },
] as const);
const BASE_TOKEN = addressOfNumber(0x800a);
const CALLER = addr(0xabcde);
const RECEIVER = "0x" + "aa".repeat(20);
const AMOUNT = 10n;

function hookCall(calldata: Uint8Array, over: Partial<HookCall> = {}): HookCall {
  return { caller: CALLER, callee: BASE_TOKEN, value: AMOUNT, calldata, scheme: "call", isStatic: false, callerEe: EE_TYPE_EVM, ...over };
}

/** An IO where 0x800a already holds the call's value and is warm (as after the runner's transfer). */
function io800a(balance = AMOUNT) {
  const { io } = setup({ [BASE_TOKEN]: { balance } });
  io.readAccountProperties(EE_TYPE_NONE, Resources.formalInfinite(), BASE_TOKEN);
  return io;
}

const messageNative = (len: number): number =>
  keccak256NativeCost(88) + 3 * keccak256NativeCost(64) + keccak256NativeCost(len) + EVENT_STORAGE_BASE_NATIVE_COST + 2 * len + keccak256NativeCost(len);
const burnNative = WARM_ACCOUNT_CACHE_ACCESS_NATIVE_COST + WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST;

describe("withdraw and withdrawWithMessage", () => {
  it("match the Solidity selectors", () => {
    expect(token.withdraw.encodeInput(RECEIVER).subarray(0, 4)).toEqual(bytes(WITHDRAW.toString(16)));
    expect(token.withdrawWithMessage.encodeInput({ l1Receiver: RECEIVER, additionalData: new Uint8Array(0) }).subarray(0, 4)).toEqual(bytes(WITHDRAW_WITH_MESSAGE.toString(16)));
  });

  it.each([
    { name: "withdraw", calldata: () => token.withdraw.encodeInput(RECEIVER), message: () => withdrawMessage(bytes(RECEIVER), AMOUNT) },
    ...[0, 5, 40].map((n) => {
      const data = Uint8Array.from({ length: n }, (_, i) => i + 1);
      return {
        name: `withdrawWithMessage, ${n} bytes of data`,
        calldata: () => token.withdrawWithMessage.encodeInput({ l1Receiver: RECEIVER, additionalData: data }),
        message: () => withdrawWithMessageMessage(bytes(RECEIVER), AMOUNT, addressToBytes(CALLER), data),
      };
    }),
  ])("$name: burns the value, sends the message from the caller, exact ergs and native", ({ calldata, message }) => {
    const io = io800a();
    const r = new Resources(1_000_000, 100_000_000);
    expect(l2BaseTokenHook(io, hookCall(calldata()), r)).toEqual({ reverted: false, returnData: new Uint8Array(0) });
    const m = message();
    expect(1_000_000 - r.ergs).toBe(SYSTEM_HOOK_ENTRY_ERGS + 100 * ERGS_PER_GAS + (30 + 6 * Math.ceil(m.length / 32)) * ERGS_PER_GAS);
    expect(100_000_000 - r.native).toBe(burnNative + messageNative(m.length));
    expect(io.readAccountProperties(EE_TYPE_NONE, Resources.formalInfinite(), BASE_TOKEN).balance).toBe(0n);
    const block = io.finishBlock();
    expect(block.logs).toHaveLength(1);
    const key = new Uint8Array(32);
    key.set(addressToBytes(CALLER), 12);
    expect(block.logs[0]!.message).toEqual(m);
    expect(block.logs[0]!.log.key).toEqual(key);
    expect(block.logs[0]!.log.sender).toEqual(addressToBytes(addressOfNumber(0x8008)));
    expect(block.logs[0]!.log.value).toEqual(keccak256(m));
    expect(block.events).toHaveLength(0);
  });

  it("withdrawWithMessage takes any data offset, unlike sendToL1", () => {
    // Offset 0x60 with one padding word before the length.
    const cd = bytes("84bc3eb0" + RECEIVER.slice(2).padStart(64, "0") + "60".padStart(64, "0") + "00".repeat(32) + "02".padStart(64, "0") + "beef".padEnd(64, "0"));
    const io = io800a();
    expect(l2BaseTokenHook(io, hookCall(cd), new Resources(1_000_000, 100_000_000)).reverted).toBe(false);
    expect(io.finishBlock().logs[0]!.message).toEqual(withdrawWithMessageMessage(bytes(RECEIVER), AMOUNT, addressToBytes(CALLER), bytes("beef")));
  });

  const good = token.withdraw.encodeInput(RECEIVER);
  it.each([
    { name: "a receiver with non-zero upper bytes (checked after the burn)", calldata: Uint8Array.from([...good.subarray(0, 4), 1, ...good.subarray(5)]), burned: true },
    { name: "a short withdraw", calldata: good.subarray(0, 35), burned: false },
    { name: "withdrawWithMessage without its offset", calldata: bytes("84bc3eb0" + "00".repeat(63)), burned: false },
    { name: "withdrawWithMessage with data past the end", calldata: bytes("84bc3eb0" + "00".repeat(32) + "40".padStart(64, "0") + "05".padStart(64, "0") + "aa"), burned: false },
    { name: "an unknown selector", calldata: bytes("deadbeef"), burned: false },
  ])("reverts on $name", ({ calldata, burned }) => {
    const io = io800a();
    const r = new Resources(1_000_000, 100_000_000);
    expect(l2BaseTokenHook(io, hookCall(calldata), r).reverted).toBe(true);
    // A burn's cost stays spent even though the runner reverts its effect with the frame.
    expect(1_000_000 - r.ergs).toBe(SYSTEM_HOOK_ENTRY_ERGS + (burned ? 100 * ERGS_PER_GAS : 0));
  });

  it.each([
    { name: "in a static context", over: { isStatic: true }, ergs: SYSTEM_HOOK_ENTRY_ERGS },
    { name: "by DELEGATECALL", over: { scheme: "delegatecall" as const }, ergs: 0 },
    { name: "by CALLCODE", over: { scheme: "callcode" as const }, ergs: 0 },
  ])("reverts $name without burning the resources", ({ over, ergs }) => {
    const io = io800a();
    const r = new Resources(1_000_000, 100_000_000);
    expect(l2BaseTokenHook(io, hookCall(good, over), r).reverted).toBe(true);
    expect(1_000_000 - r.ergs).toBe(ergs);
  });
});

describe("withdrawals through the runner", () => {
  it("from an account without code: the value leaves the sender and is burned (NoEE works here)", () => {
    const sys = zkSystem({ [SENDER]: { balance: 1000n } });
    const r = zkCall(sys, { to: BASE_TOKEN, value: 250n, input: Buffer.from(good()).toString("hex") });
    expect(r.status).toBe("success");
    expect([account(sys, SENDER).balance, account(sys, BASE_TOKEN).balance]).toEqual([750n, 0n]);
    const logs = sys.io.finishBlock().logs;
    expect(logs[0]!.message).toEqual(withdrawMessage(bytes(RECEIVER), 250n));
    expect(logs[0]!.log.key.subarray(12)).toEqual(addressToBytes(SENDER));
  });

  it("from a contract: the contract is the message sender (QUIRK: not 0x800a)", () => {
    const cd = good();
    const code = op.CALLDATASIZE + push(0) + push(0) + op.CALLDATACOPY + call("CALL", { gas: 100000, to: "0x800a", value: 7, inLen: cd.length }) + returnTop();
    const sys = zkSystem({ [SENDER]: { balance: 1000n }, [CONTRACT]: { code: "0x" + code, balance: 7n } });
    expect(zkCall(sys, { input: Buffer.from(cd).toString("hex") }).returnHex).toBe("0".repeat(63) + "1");
    expect([account(sys, CONTRACT).balance, account(sys, BASE_TOKEN).balance]).toEqual([0n, 0n]);
    const logs = sys.io.finishBlock().logs;
    expect(logs[0]!.log.key.subarray(12)).toEqual(addressToBytes(CONTRACT));
    expect(logs[0]!.message).toEqual(withdrawMessage(bytes(RECEIVER), 7n));
  });

  it("a rejected withdrawal leaves the value with the sender", () => {
    const sys = zkSystem({ [SENDER]: { balance: 1000n } });
    const r = zkCall(sys, { to: BASE_TOKEN, value: 250n, input: "deadbeef" });
    expect(r).toMatchObject({ status: "revert", error: "L2 base token: unknown selector" });
    expect([account(sys, SENDER).balance, account(sys, BASE_TOKEN).balance]).toEqual([1000n, 0n]);
    expect(sys.io.finishBlock().logs).toHaveLength(0);
  });

  function good(): Uint8Array {
    return token.withdraw.encodeInput(RECEIVER);
  }
});
