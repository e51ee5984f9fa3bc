/**
 * Phase 2 of a transaction: everything that can make it invalid before the fee is paid, in the
 * reference's order (zksync-os-reference.md §6.7; process_transaction.rs `process_l2_transaction`
 * up to `transaction_validation`'s account check, and `process_l1_transaction`'s preparation, at
 * 0a82da0). State effects of a transaction found invalid here are not rolled back (§6.7 NOTE).
 * @module
 */
import { addressFromBytes } from "../../state/address";
import { wordFromBytes } from "../../state/word";
import { EE_TYPE_NONE } from "../../storage/account-properties";
import { ERGS_PER_GAS, OUT_OF_NATIVE } from "../../system/resources";
import {
  L1_INTRINSIC, L2_INTRINSIC, deploymentIntrinsicGas, deriveTxResources, isDeploymentTransaction, l1NativePerGas,
  l2NativePerGas, nativePerPubdata,
} from "../../zksync/resources/intrinsic";
import {
  checkBlockGasLimit, checkGasPerPubdata, checkL1Deposit, effectiveGasPrice, txNonceU64, userGasPerPubdataLimit,
} from "../../zksync/resources/fees";
import { parseAccessList } from "../../zksync/transaction/access-list";
import { l1TransactionHash } from "../../zksync/transaction/hashes";
import type { DecodedZkTransaction } from "../../zksync/transaction/types";
import { InternalBlockError } from "../../zksync/validation-errors";
import { accountModelFor, checkNonceIsNotUsed, checkNonceIsUsedAfterValidation, validateAccount } from "../account-models";
import { startingResources, validating, type BlockEnv, type TxState } from "./context";
import { chargedSignedHash, chargedTransactionHash } from "./hashing";

/** Highest EE type byte the reference knows (`parse_ee_version_byte`: NoEE, EVM, EraVM, IWasm). */
const MAX_EE_TYPE = 3;

/**
 * `process_l2_transaction` up to validation: block gas limit checks, fee checks and the gas price,
 * native per gas and per pubdata, the starting resources, the sender's record (code, EE, nonce),
 * the account model, the deployment's initcode gas, the tx context, the access-list warm-up, and
 * the transaction and signed hashes (their keccak native charged).
 * @throws InvalidTransaction / InternalBlockError as the reference raises them, in its order
 */
export function prepareL2Transaction(env: BlockEnv, decoded: DecodedZkTransaction): TxState {
  const tx = decoded.tx;
  const m = env.metadata;
  checkBlockGasLimit(m.gasLimit, tx.gasLimit);
  const gasPrice = effectiveGasPrice(m.eip1559BaseFee, tx.maxFeePerGas, tx.maxPriorityFeePerGas, env.profile.chargePriorityFee);
  const nativePerGas = l2NativePerGas(gasPrice, m.nativePrice, env.simulate ? "simulation" : "block");
  const perPubdata = nativePerPubdata(m.gasPerPubdata, nativePerGas);
  const derived = deriveTxResources({
    gasLimit: tx.gasLimit, nativePerGas, nativePerPubdata: perPubdata, calldata: tx.data, intrinsic: L2_INTRINSIC,
    unlimitedNative: env.profile.unlimitedNative,
  });
  const { resources, beyond } = startingResources(derived.ergs, derived.native);
  const from = addressFromBytes(tx.from);
  const sender = validating(() => resources.withInfiniteErgs((r) => env.io.readAccountProperties(EE_TYPE_NONE, r, from)));
  const callerIsCode = sender.bytecodeLen > 0 || sender.artifactsLen > 0;
  const callerEe = Number((sender.versioningData >> 48n) & 0xffn);
  if (callerEe > MAX_EE_TYPE) throw new InternalBlockError("parse_ee_version_byte", "Unknown EE type");
  const model = accountModelFor(tx, callerIsCode, env.profile.aaEnabled);
  if (model === "eoa" && isDeploymentTransaction(tx)) {
    const gas = deploymentIntrinsicGas(tx.data.length);
    validating(() => resources.charge(Number(gas) * ERGS_PER_GAS, 0));
  }
  env.sys.tx = { origin: from, gasPrice };
  const accessList = parseAccessList(decoded.body, decoded.layout.reservedDynamic);
  for (const entry of accessList.entries) {
    const address = addressFromBytes(entry.address);
    validating(() => env.io.touchAccount(EE_TYPE_NONE, resources, address, true));
    for (const key of entry.storageKeys) validating(() => env.io.storageTouch(EE_TYPE_NONE, resources, address, wordFromBytes(key), true));
  }
  if (accessList.error !== null) throw accessList.error;
  const chainId = m.chainId;
  const ahead = env.hashesAhead;
  const txHash = validating(() => chargedTransactionHash(decoded, chainId, resources, accessList.entries, ahead?.txHash));
  const signedHash = validating(() => chargedSignedHash(decoded, chainId, resources, accessList.entries, ahead?.signedHash));
  return {
    decoded, tx, from, to: addressFromBytes(tx.to), gasPrice, nativePerGas, nativePerPubdata: perPubdata, resources,
    withheldNative: derived.withheldNative, ergsBeyondCap: beyond, txHash, signedHash, model, callerEe, callerIsCode,
    callerNonce: sender.nonce, validationPubdata: 0n, measuredPubdata: null,
  };
}

/**
 * `transaction_validation` up to the fee: the user's gas per pubdata limit, the nonce (u64, then
 * the model's rule), the account's validation, and (contract accounts) the nonce having moved.
 * @throws InvalidTransaction with the reference's reason
 */
export function validateL2Transaction(env: BlockEnv, st: TxState): void {
  checkGasPerPubdata(userGasPerPubdataLimit(st.tx), env.metadata.gasPerPubdata);
  const txNonce = txNonceU64(st.tx.nonce);
  checkNonceIsNotUsed(st.model, st.callerNonce, txNonce);
  validateAccount(env, st);
  checkNonceIsUsedAfterValidation(env, st, txNonce);
}

/** An L1→L2 or upgrade transaction after preparation. */
export interface PreparedL1Transaction {
  readonly st: TxState;
  /** The hash's native could not be paid: the transaction reverts without running (all gas used). */
  readonly preparationOutOfResources: boolean;
}

/**
 * `process_l1_transaction` up to execution: gas price = max fee, native per gas ⌈maxFee / 10⌉
 * (priority) or 10,000 (upgrade), per pubdata from the transaction's own gas per pubdata, the
 * starting resources (88 bytes of intrinsic pubdata), the deposit check, and the hash (when its
 * native cannot be paid, ergs are exhausted and the hash is taken anyway).
 * @throws InvalidTransaction for resources the gas limit cannot cover; InternalBlockError for a short deposit
 */
export function prepareL1Transaction(env: BlockEnv, decoded: DecodedZkTransaction, isPriorityOp: boolean): PreparedL1Transaction {
  const tx = decoded.tx;
  const nativePerGas = l1NativePerGas(tx.maxFeePerGas, isPriorityOp);
  const perPubdata = nativePerPubdata(tx.gasPerPubdataByteLimit, nativePerGas);
  const derived = deriveTxResources({
    gasLimit: tx.gasLimit, nativePerGas, nativePerPubdata: perPubdata, calldata: tx.data, intrinsic: L1_INTRINSIC,
    unlimitedNative: env.profile.unlimitedNative,
  });
  const { resources, beyond } = startingResources(derived.ergs, derived.native);
  checkL1Deposit(tx);
  let txHash: Uint8Array;
  let preparationOutOfResources = false;
  try {
    txHash = chargedTransactionHash(decoded, env.metadata.chainId, resources, []);
  } catch (e) {
    if (e !== OUT_OF_NATIVE) throw e;
    resources.exhaustErgs();
    txHash = l1TransactionHash(decoded.body);
    preparationOutOfResources = true;
  }
  const st: TxState = {
    decoded, tx, from: addressFromBytes(tx.from), to: addressFromBytes(tx.to), gasPrice: tx.maxFeePerGas, nativePerGas,
    nativePerPubdata: perPubdata, resources, withheldNative: derived.withheldNative, ergsBeyondCap: beyond, txHash,
    signedHash: new Uint8Array(0), model: "eoa", callerEe: EE_TYPE_NONE, callerIsCode: false, callerNonce: 0n, validationPubdata: 0n, measuredPubdata: null,
  };
  return { st, preparationOutOfResources };
}
