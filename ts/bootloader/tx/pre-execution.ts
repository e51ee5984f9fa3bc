/**
 * Phase 3 of an L2 transaction: the fee (process_transaction.rs `ensure_payment` and
 * paymaster_helper.rs at 0a82da0) and the validation pubdata charge. The payer (the account, or a
 * paymaster after `prepareForPaymaster` / the approval flow) must raise 0x8001's balance by at
 * least gas price · gas limit; any excess goes straight back.
 * @module
 */
import { addressFromBytes, type Address } from "../../state/address";
import { EE_TYPE_NONE } from "../../storage/account-properties";
import { NUMERIC_BOUNDS } from "../../system/io";
import { OUT_OF_NATIVE } from "../../system/resources";
import { MAX_PAYMASTER_CONTEXT_LEN_BYTES } from "../../zksync/constants";
import { pubdataNative } from "../../zksync/resources/intrinsic";
import { isZeroBytes } from "../../zksync/transaction/types";
import { InternalBlockError, InvalidTransaction } from "../../zksync/validation-errors";
import { BOOTLOADER_ADDRESS, SELECTORS, callAccountMethod, payForTransaction, prePaymaster } from "../account-models";
import { validating, type BlockEnv, type TxState } from "./context";

function bootloaderBalance(env: BlockEnv, st: TxState): bigint {
  return validating(() => st.resources.withInfiniteErgs((r) => env.io.getNominalTokenBalance(EE_TYPE_NONE, r, BOOTLOADER_ADDRESS)));
}

function readWord(b: Uint8Array, at: number): bigint {
  let v = 0n;
  for (let i = at; i < at + 32; i++) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

/**
 * The paymaster's answer to `validateAndPayForPaymasterTransaction`: `(bytes4 magic, bytes context)`
 * ABI-encoded. At 0a82da0 `store_paymaster_context_and_check_magic` is `todo!()` (a paymaster
 * transaction aborts the block); these are the checks of its commented-out body, which the
 * reference's error names describe: at least 64 bytes, the method's selector as magic, a context
 * offset and length inside the data, the context at most 1,056 bytes (rounded up to words).
 * @throws InvalidTransaction PaymasterReturnDataTooShort / PaymasterInvalidMagic / PaymasterContextInvalid
 */
export function checkPaymasterContext(returnData: Uint8Array): void {
  const len = BigInt(returnData.length);
  if (len < 64n) throw new InvalidTransaction("PaymasterReturnDataTooShort", {});
  const magic = ((returnData[0]! << 24) | (returnData[1]! << 16) | (returnData[2]! << 8) | returnData[3]!) >>> 0;
  if (magic !== SELECTORS.validateAndPayForPaymasterTransaction) throw new InvalidTransaction("PaymasterInvalidMagic", {});
  const offset = readWord(returnData, 32);
  if (offset > len || offset + 32n > len) throw new InvalidTransaction("PaymasterContextInvalid", {});
  const contextLen = readWord(returnData, Number(offset));
  const max = BigInt(MAX_PAYMASTER_CONTEXT_LEN_BYTES);
  if (contextLen > max || ((contextLen + 31n) / 32n) * 32n > max) throw new InvalidTransaction("PaymasterReturnDataTooShort", {});
  if (offset + contextLen + 32n > len) throw new InvalidTransaction("PaymasterContextInvalid", {});
}

function paymasterValidateAndPay(env: BlockEnv, st: TxState, paymaster: Address): Uint8Array {
  let r;
  try {
    r = callAccountMethod(env, st, paymaster, SELECTORS.validateAndPayForPaymasterTransaction);
  } catch (e) {
    if (e === OUT_OF_NATIVE) throw new InvalidTransaction("OutOfNativeResourcesDuringValidation", {});
    throw e;
  }
  if (r.status !== "success") throw new InvalidTransaction("Revert", { method: "PaymasterValidateAndPay", output: null });
  return r.returnData;
}

/**
 * `ensure_payment`: 0x8001's balance before, the payment (paymaster flow when the transaction names
 * one), 0x8001's balance after; the increase must cover gas price · gas limit, and the excess is
 * returned to the payer at once.
 * @throws InvalidTransaction ReceivedInsufficientFees and whatever the payment raised
 */
export function ensurePayment(env: BlockEnv, st: TxState): void {
  const before = bootloaderBalance(env, st);
  const required = st.gasPrice * st.tx.gasLimit;
  let payer = st.from;
  if (env.profile.aaEnabled && !isZeroBytes(st.tx.paymaster)) {
    payer = addressFromBytes(st.tx.paymaster);
    prePaymaster(env, st, payer);
    checkPaymasterContext(paymasterValidateAndPay(env, st, payer));
  } else {
    payForTransaction(env, st);
  }
  const after = bootloaderBalance(env, st);
  const received = after - before;
  if (received < 0n) throw new InternalBlockError("bba-bbb", "the bootloader's balance fell during fee payment");
  if (received < required) throw new InvalidTransaction("ReceivedInsufficientFees", { received, required });
  const excess = received - required;
  if (excess === 0n) return;
  try {
    validating(() => st.resources.withInfiniteErgs((r) => env.io.transferNominalTokenValue(st.callerEe as 0 | 1, r, BOOTLOADER_ADDRESS, payer, excess)));
  } catch (e) {
    if (e === NUMERIC_BOUNDS) throw new InternalBlockError("excess", "Bootloader cannot return excessive funds");
    throw e;
  }
}

/**
 * The pubdata written so far (nonce, fee) charged as native: it becomes the validation pubdata,
 * which execution's pubdata check and the refund later discount.
 * @throws InvalidTransaction OutOfNativeResourcesDuringValidation
 */
export function chargeValidationPubdata(env: BlockEnv, st: TxState): void {
  const pubdata = BigInt(env.io.netPubdataUsed());
  const native = pubdataNative(pubdata, st.nativePerPubdata);
  validating(() => {
    if (native > BigInt(st.resources.native)) {
      st.resources.native = 0;
      throw OUT_OF_NATIVE;
    }
    st.resources.charge(0, Number(native));
  });
  st.validationPubdata = pubdata;
}

