/**
 * Phase 5 of a transaction: gas used and where the money goes (process_transaction.rs
 * `refund_transaction`, `compute_gas_refund`, the tail of `process_l1_transaction` at 0a82da0).
 * The pubdata not yet paid for is charged from the native left (withheld native included), gas
 * used follows §6.4, and then: L2 — the unused gas · gas price goes back from 0x8001 to the payer;
 * L1 — gas used · max fee is minted to 0x8001, the rest of the deposit to the refund recipient, and
 * the L1-transaction log is emitted (an upgrade that reverted is invalid instead).
 * @module
 */
import { addressFromBytes, type Address } from "../../state/address";
import { NUMERIC_BOUNDS } from "../../system/io";
import { Resources } from "../../system/resources";
import { computeGasUsed, pubdataNative } from "../../zksync/resources/intrinsic";
import { l1FeeSettlement, l1RefundRecipient } from "../../zksync/resources/fees";
import { isZeroBytes } from "../../zksync/transaction/types";
import { InternalBlockError, InvalidTransaction } from "../../zksync/validation-errors";
import { BOOTLOADER_ADDRESS } from "../account-models";
import { mintToken } from "../interaction";
import type { BlockEnv, ExecutionOutcome, TxState } from "./context";
import { pubdataSince } from "./execute";

/**
 * `compute_gas_refund` after charging the pubdata since `basePubdata` (unchecked: execution made
 * sure it is payable): gas used and the gas to refund.
 * @throws InternalBlockError if the pubdata charge exceeds the native left (impossible after the checks)
 */
function gasUsedAfterPubdata(env: BlockEnv, st: TxState, basePubdata: bigint, withheld: bigint): { gasUsed: bigint; gasRefund: bigint } {
  const charge = pubdataNative(pubdataSince(env, st, basePubdata), st.nativePerPubdata);
  const nativeLeft = BigInt(st.resources.native) + withheld - charge;
  if (nativeLeft < 0n) throw new InternalBlockError("charge_unchecked", "pubdata native exceeds the native left");
  const ergsLeft = BigInt(st.resources.ergs) + (st.resources.ergs > 0 ? st.ergsBeyondCap : 0n);
  const r = computeGasUsed({
    gasLimit: st.tx.gasLimit, ergsLeft, nativeLeft, nativePerGas: st.nativePerGas, unlimitedNative: env.profile.unlimitedNative,
  });
  if (r.gasRefund < 0n || r.gasRefund > st.tx.gasLimit) throw new InternalBlockError("gas refund", "Gas refund greater than gas limit");
  return r;
}

/**
 * `refund_transaction` of an L2 transaction: gas used, then (gas limit − gas used) · gas price
 * moved from 0x8001 to the paymaster or the sender (also when zero: the accounts are touched).
 * A call simulation refunds nothing.
 * @returns gas used
 */
export function refundL2Transaction(env: BlockEnv, st: TxState): bigint {
  const { gasUsed, gasRefund } = gasUsedAfterPubdata(env, st, st.validationPubdata, st.withheldNative);
  if (env.simulate) return gasUsed;
  const recipient: Address = env.profile.aaEnabled && !isZeroBytes(st.tx.paymaster) ? addressFromBytes(st.tx.paymaster) : st.from;
  try {
    env.io.transferNominalTokenValue(st.callerEe as 0 | 1, Resources.formalInfinite(), BOOTLOADER_ADDRESS, recipient, gasRefund * st.gasPrice);
  } catch (e) {
    if (e === NUMERIC_BOUNDS) throw new InternalBlockError("refund", "Bootloader cannot pay for refund");
    throw e;
  }
  return gasUsed;
}

/**
 * The settlement of an L1→L2 or upgrade transaction: gas used (the withheld native counted; where
 * the reference loses it — out of native, or no native to hash — ergs are exhausted, so gas used
 * is the gas limit either way), the fee minted to 0x8001, then — unless an upgrade reverted, which makes it
 * invalid — the rest of the deposit minted to the refund recipient and the L1-transaction log.
 * @returns gas used
 * @throws InvalidTransaction("UpgradeTxFailed"); InternalBlockError when the deposit cannot cover the fee
 */
export function settleL1Transaction(env: BlockEnv, st: TxState, outcome: ExecutionOutcome, isPriorityOp: boolean): bigint {
  const { gasUsed } = gasUsedAfterPubdata(env, st, 0n, st.withheldNative);
  const success = outcome.status === "success";
  const fees = l1FeeSettlement(st.tx, gasUsed, success);
  const infinite = Resources.formalInfinite();
  mintToken(env.io, fees.payToOperator, BOOTLOADER_ADDRESS, infinite);
  if (!success && !isPriorityOp) throw new InvalidTransaction("UpgradeTxFailed", {});
  if (fees.toRefundRecipient > 0n) mintToken(env.io, fees.toRefundRecipient, addressFromBytes(l1RefundRecipient(st.tx)), infinite);
  env.io.emitL1L2TxLog(st.txHash, success);
  return gasUsed;
}
