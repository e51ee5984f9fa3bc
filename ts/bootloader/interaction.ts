/**
 * The bootloader's two ways into the world (basic_bootloader run_single_interaction.rs at 0a82da0):
 * `mint_token` (base token out of nothing, for L1 deposits and fees) and `run_single_interaction`
 * (one top-level call on the runner).
 * @module
 */
import type { Address } from "../state/address";
import { EE_TYPE_EVM } from "../storage/account-properties";
import { NUMERIC_BOUNDS } from "../system/io";
import type { IOSubsystem } from "../system/io-subsystem";
import { OUT_OF_NATIVE, type Resources } from "../system/resources";
import { InternalBlockError } from "../zksync/validation-errors";
import { zkExecuteCall, type ZkExecResult, type ZkSystem } from "./zk-exec";

/**
 * `mint_token`: adds `amount` to `to`'s balance as the EVM would (its account access costs).
 * @throws InternalBlockError when the balance would overflow; OUT_OF_NATIVE / OUT_OF_ERGS from IO
 */
export function mintToken(io: IOSubsystem, amount: bigint, to: Address, resources: Resources): void {
  try {
    io.updateAccountNominalTokenBalance(EE_TYPE_EVM, resources, to, amount, false);
  } catch (e) {
    if (e === NUMERIC_BOUNDS) throw new InternalBlockError("mint", "Insufficient balance while minting");
    throw e;
  }
}

/**
 * `run_single_interaction`: the runner reads the caller's EE version (native only) and runs the
 * call with all of `resources` in an IO frame that a failure reverts (the reference's optional
 * frame is that one); `resources` ends holding what the call returned.
 * @throws OUT_OF_NATIVE when native ran out (the reference's FatalError::OutOfNativeResources)
 */
export function runSingleInteraction(sys: ZkSystem, caller: Address, callee: Address, calldata: Uint8Array, value: bigint, resources: Resources): ZkExecResult {
  const result = zkExecuteCall(sys, { caller, callee, value, calldata, resources });
  if (result.outOfNative) throw OUT_OF_NATIVE;
  return result;
}
