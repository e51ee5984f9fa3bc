// The contract deployer hook at 0x8006 (zksync-os-reference.md §1.4, §9 system_hooks vector;
// contract_deployer.rs at 0a82da0): setBytecodeDetailsEVM from the complex upgrader force-deploys
// code metadata; any other caller, value, static context, bad calldata or an oversized length fails.
import { describe, it, expect } from "vitest";
import { createContract } from "micro-eth-signer/abi.js";
import { setup, addr } from "../helpers/io-fixtures";
import { bytes } from "../helpers/bytecode";
import { zkSystem, zkCall, account, SENDER } from "../helpers/zk";
import { contractDeployerHook, COMPLEX_UPGRADER, SET_BYTECODE_DETAILS_EVM } from "../../ts/hooks/contract-deployer";
import { SYSTEM_HOOK_ENTRY_ERGS, type HookCall } from "../../ts/hooks/system-hook";
import { Resources } from "../../ts/system/resources";
import { EE_TYPE_EVM, EE_TYPE_NONE, accountPropertiesEqual, accountPropertiesHash, withEvmBytecode } from "../../ts/storage/account-properties";
import { WARM_ACCOUNT_CACHE_ACCESS_NATIVE_COST, WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST } from "../../ts/storage/account-cache";
import { blake2s256 } from "../../ts/crypto/blake2s";
import { keccak256 } from "../../ts/crypto/keccak";
import { addressOfNumber } from "../../ts/state/address";

const deployerAbi = createContract([
  { type: "function", name: "setBytecodeDetailsEVM", outputs: [], inputs: [
    { name: "addr", type: "address" }, { name: "bytecodeHash", type: "bytes32" }, { name: "bytecodeLength", type: "uint32" }, { name: "observableBytecodeHash", type: "bytes32" },
  ] },
] as const);
const DEPLOYER = addressOfNumber(0x8006);
const TARGET = addr(0x12345);
/** The reference's system_hooks test code. */
const CODE = bytes("0123456789");
const hex = (b: Uint8Array): string => "0x" + Buffer.from(b).toString("hex");

function calldata(len = CODE.length): Uint8Array {
  return deployerAbi.setBytecodeDetailsEVM.encodeInput({ addr: TARGET, bytecodeHash: blake2s256(CODE), bytecodeLength: BigInt(len), observableBytecodeHash: keccak256(CODE) });
}

function hookCall(cd: Uint8Array, over: Partial<HookCall> = {}): HookCall {
  return { caller: COMPLEX_UPGRADER, callee: DEPLOYER, value: 0n, calldata: cd, scheme: "call", isStatic: false, callerEe: EE_TYPE_EVM, ...over };
}

describe("setBytecodeDetailsEVM", () => {
  it("matches the Solidity selector; the test vector hashes (§1.4)", () => {
    expect(calldata().subarray(0, 4)).toEqual(bytes(SET_BYTECODE_DETAILS_EVM.toString(16)));
    expect(hex(blake2s256(CODE)).slice(0, 10)).toBe("0x1c4be3de");
    expect(hex(blake2s256(CODE)).slice(-6)).toBe("23d6f7");
    expect(hex(keccak256(CODE)).slice(0, 10)).toBe("0x79fad56e");
    expect(hex(keccak256(CODE)).slice(-6)).toBe("e6b944");
  });

  it("from 0x800f: the record equals an EVM deployment of the code; 10 ergs and one account write", () => {
    const { io } = setup();
    io.readAccountProperties(EE_TYPE_NONE, Resources.formalInfinite(), TARGET);
    const r = new Resources(100_000, 1_000_000);
    expect(contractDeployerHook(io, hookCall(calldata()), r)).toEqual({ reverted: false, returnData: new Uint8Array(0) });
    expect(100_000 - r.ergs).toBe(SYSTEM_HOOK_ENTRY_ERGS);
    expect(1_000_000 - r.native).toBe(WARM_ACCOUNT_CACHE_ACCESS_NATIVE_COST + WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST);
    // Read from the block-end diff: a properties read would fetch the code's preimage, which the
    // hook does not record (nor does the reference's) and this state does not hold.
    const diff = io.finishBlock().accounts.get(TARGET)!;
    expect(accountPropertiesEqual(diff.final, withEvmBytecode(CODE))).toBe(true);
    expect(diff.notPublishBytecode).toBe(true);
    expect(accountPropertiesHash(diff.final)).toEqual(accountPropertiesHash(withEvmBytecode(CODE)));
  });

  it.each([
    { name: "an unauthorized caller", over: { caller: SENDER }, cd: calldata(), reason: "Contract deployer failure: unauthorized caller for setBytecodeDetailsEVM", ergs: SYSTEM_HOOK_ENTRY_ERGS },
    { name: "a static context", over: { isStatic: true }, cd: calldata(), reason: "Contract deployer failure: setBytecodeDetailsEVM called with static context", ergs: SYSTEM_HOOK_ENTRY_ERGS },
    { name: "value", over: { value: 1n }, cd: calldata(), reason: "modifier or value not allowed", ergs: 0 },
    { name: "DELEGATECALL", over: { scheme: "delegatecall" as const }, cd: calldata(), reason: "modifier or value not allowed", ergs: 0 },
    { name: "a length over 24,576", over: {}, cd: calldata(24577), reason: "Contract deployer failure: setBytecodeDetailsEVM called with invalid bytecode(length > 24576)", ergs: SYSTEM_HOOK_ENTRY_ERGS },
    { name: "a length over 2^32 − 1", over: {}, cd: Uint8Array.from([...calldata().subarray(0, 68), 1, ...calldata().subarray(69)]), reason: "Contract deployer failure: setBytecodeDetailsEVM called with invalid calldata", ergs: SYSTEM_HOOK_ENTRY_ERGS },
    { name: "an address with upper bytes", over: {}, cd: Uint8Array.from([...calldata().subarray(0, 4), 1, ...calldata().subarray(5)]), reason: "Contract deployer failure: setBytecodeDetailsEVM called with invalid calldata", ergs: SYSTEM_HOOK_ENTRY_ERGS },
    { name: "short calldata", over: {}, cd: calldata().subarray(0, 131), reason: "Contract deployer failure: setBytecodeDetailsEVM called with invalid calldata", ergs: SYSTEM_HOOK_ENTRY_ERGS },
    { name: "an unknown selector", over: {}, cd: bytes("01020304"), reason: "Contract deployer hook: unknown selector", ergs: SYSTEM_HOOK_ENTRY_ERGS },
  ])("fails for $name", ({ over, cd, reason, ergs }) => {
    const { io } = setup();
    const r = new Resources(100_000, 1_000_000);
    expect(contractDeployerHook(io, hookCall(cd, over), r)).toEqual({ reverted: true, returnData: new Uint8Array(0), reason });
    expect(100_000 - r.ergs).toBe(ergs);
    expect(io.finishBlock().accounts.size).toBe(0);
  });
});

describe("setBytecodeDetailsEVM through the runner (system_hooks test)", () => {
  it("a call from 0x800f sets the record of an EVM deployment of the code", () => {
    const sys = zkSystem({ [COMPLEX_UPGRADER]: { balance: 0n } });
    const r = zkCall(sys, { caller: COMPLEX_UPGRADER, to: DEPLOYER, input: Buffer.from(calldata()).toString("hex") });
    expect(r.status).toBe("success");
    expect(accountPropertiesEqual(sys.io.finishBlock().accounts.get(TARGET)!.final, withEvmBytecode(CODE))).toBe(true);
  });

  it("from any other caller the transaction's call reverts and nothing changes", () => {
    const sys = zkSystem({ [SENDER]: { balance: 10n ** 18n } });
    const r = zkCall(sys, { to: DEPLOYER, input: Buffer.from(calldata()).toString("hex") });
    expect(r).toMatchObject({ status: "revert", error: "Contract deployer failure: unauthorized caller for setBytecodeDetailsEVM" });
    expect(account(sys, TARGET).bytecodeLen).toBe(0);
  });
});
