/**
 * The contract deployer hook at 0x8006 (system_hooks/src/contract_deployer.rs at 0a82da0;
 * zksync-os-reference.md §1.4): `setBytecodeDetailsEVM(address,bytes32,uint32,bytes32)`, callable
 * only by the complex upgrader 0x800f, force-deploys EVM code metadata (hash, length, observable
 * hash; artifacts 0) without the code itself, for protocol upgrades.
 * @module
 */
import { addressFromBytes, addressOfNumber } from "../state/address";
import { MAX_CODE_SIZE } from "../zksync/constants";
import { EE_TYPE_EVM } from "../storage/account-properties";
import type { IOExt } from "../system/io";
import type { Resources } from "../system/resources";
import { readWordAt, runSystemHook, selectorOf, type Hook, type HookCall } from "./system-hook";

/** setBytecodeDetailsEVM(address,bytes32,uint32,bytes32). */
export const SET_BYTECODE_DETAILS_EVM = 0xf6eca0b0;
/** L2_COMPLEX_UPGRADER_ADDRESS, the only caller allowed. */
export const COMPLEX_UPGRADER = addressOfNumber(0x800f);
const INVALID = "Contract deployer failure: setBytecodeDetailsEVM called with invalid calldata";
const U32_MAX = 0xffff_ffffn;
const EMPTY = new Uint8Array(0);

/** The hook at 0x8006. */
export const contractDeployerHook: Hook = (io, call, resources) =>
  runSystemHook(call, resources, false, () => setBytecodeDetails(io, call, resources));

function setBytecodeDetails(io: IOExt, call: HookCall, resources: Resources): Uint8Array | string {
  const cd = call.calldata;
  if (cd.length < 4) return "Contract deployer hook failure: calldata shorter than selector length";
  if (selectorOf(cd) !== SET_BYTECODE_DETAILS_EVM) return "Contract deployer hook: unknown selector";
  if (call.isStatic) return "Contract deployer failure: setBytecodeDetailsEVM called with static context";
  if (call.caller !== COMPLEX_UPGRADER) return "Contract deployer failure: unauthorized caller for setBytecodeDetailsEVM";
  const args = cd.subarray(4);
  if (args.length < 128) return INVALID;
  for (let i = 0; i < 12; i++) if (args[i] !== 0) return INVALID;
  const length = readWordAt(args, 64);
  if (length > U32_MAX) return INVALID;
  if (length > BigInt(MAX_CODE_SIZE)) {
    return "Contract deployer failure: setBytecodeDetailsEVM called with invalid bytecode(length > 24576)";
  }
  const len = Number(length);
  io.setBytecodeDetails(resources, addressFromBytes(args.subarray(12, 32)), EE_TYPE_EVM, args.slice(32, 64), len, 0, args.slice(96, 128), len);
  return EMPTY;
}
