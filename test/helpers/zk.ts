// Runs top-level calls and deployments under the ZKsync OS profiles (ts/bootloader/zk-exec.ts) on an
// in-memory pre-state, and reads the resulting state back without charging anything.
import { addressOfNumber, type Address } from "../../ts/state/address";
import { wordFromBigint, wordToBigint } from "../../ts/state/word";
import type { AllocAccount } from "../../ts/state/world-state";
import { InMemoryState } from "../../ts/oracle/in-memory-state";
import { IOSubsystem } from "../../ts/system/io-subsystem";
import { ERGS_PER_GAS, Resources } from "../../ts/system/resources";
import { EE_TYPE_NONE, type AccountProperties } from "../../ts/storage/account-properties";
import {
  zkExecuteCall, zkExecuteDeploy, type ZkExecFlags, type ZkExecResult, type ZkSystem,
} from "../../ts/bootloader/zk-exec";
import { metadata } from "./io-fixtures";
import { bytes, op, pushN } from "./bytecode";

export const SENDER: Address = "0x000000000000000000000000000000000000a11c";
export const CONTRACT: Address = "0x000000000000000000000000000000000000c0de";
export const OTHER: Address = "0x000000000000000000000000000000000000b0b0";
export const COINBASE: Address = addressOfNumber(0xcb00);

/** The default image's features (`evm-compatibility`). */
export const EVM_COMPATIBILITY: ZkExecFlags = { codeInKernelSpace: true, mockUnsupportedPrecompiles: true, disableSystemContracts: false, p256: false };

export const MIX_HASH = bytes("00".repeat(31) + "77");

/** A system over `alloc` (hex code strings allowed) in its first transaction. */
export function zkSystem(alloc: Record<string, AllocAccount>, flags: Partial<ZkExecFlags> = {}): ZkSystem {
  const state = InMemoryState.fromPreState(alloc);
  const io = new IOSubsystem(state.oracle(metadata()));
  io.beginNextTx();
  return {
    io,
    block: {
      chainId: 270n, number: 1000n, timestamp: 1_700_000_000n, baseFee: 7n, gasLimit: 1n << 40n, coinbase: COINBASE,
      mixHash: MIX_HASH, blockHashes: [bytes("11".repeat(32)), bytes("22".repeat(32))],
    },
    tx: { origin: SENDER, gasPrice: 10n },
    flags: { ...EVM_COMPATIBILITY, ...flags },
  };
}

export interface ZkRun extends ZkExecResult {
  gasUsed: number;
  ergsLeft: number;
  nativeUsed: number;
  returnHex: string;
}

export interface CallOptions {
  caller?: Address;
  to?: Address;
  value?: bigint;
  input?: string;
  gas?: number;
  native?: number;
  isStatic?: boolean;
}

const DEFAULT_NATIVE = 1e13;

function finish(r: ZkExecResult, gas: number, native: number, res: Resources): ZkRun {
  let hex = "";
  for (const b of r.returnData) hex += b.toString(16).padStart(2, "0");
  return { ...r, gasUsed: gas - res.ergs / ERGS_PER_GAS, ergsLeft: res.ergs, nativeUsed: native - res.native, returnHex: hex };
}

/** A top-level call from SENDER to CONTRACT (by default) with 1,000,000 gas. */
export function zkCall(sys: ZkSystem, o: CallOptions = {}): ZkRun {
  const gas = o.gas ?? 1_000_000;
  const native = o.native ?? DEFAULT_NATIVE;
  const resources = Resources.fromGas(gas, native);
  const r = zkExecuteCall(sys, {
    caller: o.caller ?? SENDER, callee: o.to ?? CONTRACT, value: o.value ?? 0n, calldata: bytes(o.input ?? ""), resources,
    isStatic: o.isStatic,
  });
  return finish(r, gas, native, resources);
}

/** A top-level deployment of `initcode` from SENDER. */
export function zkDeploy(sys: ZkSystem, initcode: string, o: { value?: bigint; gas?: number; native?: number; nonce?: bigint; deployer?: Address } = {}): ZkRun {
  const gas = o.gas ?? 1_000_000;
  const native = o.native ?? DEFAULT_NATIVE;
  const resources = Resources.fromGas(gas, native);
  const r = zkExecuteDeploy(sys, { deployer: o.deployer ?? SENDER, value: o.value ?? 0n, initcode: bytes(initcode), resources, nonce: o.nonce });
  return finish(r, gas, native, resources);
}

/** A slot's current value, read without charging. */
export function slot(sys: ZkSystem, address: Address, key: bigint | number): bigint {
  return wordToBigint(sys.io.storageRead(EE_TYPE_NONE, Resources.formalInfinite(), address, wordFromBigint(BigInt(key))));
}

/** An account's current record, read without charging. */
export function account(sys: ZkSystem, address: Address): AccountProperties {
  return sys.io.readAccountProperties(EE_TYPE_NONE, Resources.formalInfinite(), address);
}

/** An account's code, read without charging. */
export function codeOf(sys: ZkSystem, address: Address): Uint8Array {
  return sys.io.readAccountWithBytecode(EE_TYPE_NONE, Resources.formalInfinite(), address).bytecode;
}

/**
 * Code that copies `initcode` (appended after a STOP) to memory [0, len) and then runs `body(len)`:
 * CODECOPY(0, offset, len) ‖ body ‖ STOP ‖ initcode.
 */
export function withInitcode(initcode: string, body: (len: number) => string): string {
  const len = initcode.length / 2;
  const code = body(len);
  const offset = 9 + code.length / 2 + 1;
  return pushN(2, len) + pushN(2, offset) + pushN(1, 0) + op.CODECOPY + code + op.STOP + initcode;
}
