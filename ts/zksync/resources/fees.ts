/**
 * Fee and limit checks of transaction validation and the L1→L2 fee settlement, as pure functions
 * (zksync-os-reference.md §6.3–6.4, §6.7; process_transaction.rs `get_gas_price`, `process_l1_transaction`,
 * transaction/mod.rs `required_balance`).
 * @module
 */
import { DEFAULT_GAS_PER_PUBDATA, MAX_BLOCK_GAS_LIMIT, U64_MAX } from "../constants";
import { InternalBlockError, InvalidTransaction } from "../validation-errors";
import { ZkTxType, isZeroBytes, type ZkTransaction } from "../transaction/types";

const U256_MAX = (1n << 256n) - 1n;
const U128_MAX = (1n << 128n) - 1n;

/**
 * The per-transaction block gas checks of an L2 transaction, in the reference's order.
 * @throws InvalidTransaction BlockGasLimitTooHigh (block limit ≥ u64::MAX/256) or CallerGasLimitMoreThanBlock
 */
export function checkBlockGasLimit(blockGasLimit: bigint, txGasLimit: bigint): void {
  if (blockGasLimit > MAX_BLOCK_GAS_LIMIT) throw new InvalidTransaction("BlockGasLimitTooHigh", { blockGasLimit });
  if (txGasLimit > blockGasLimit) throw new InvalidTransaction("CallerGasLimitMoreThanBlock", { txGasLimit, blockGasLimit });
}

/**
 * The gas price an L2 transaction pays (`get_gas_price`): base fee, plus min(maxPriority, maxFee −
 * baseFee) when `chargePriorityFee` (feature `charge_priority_fee`, on in the default image).
 * @throws InvalidTransaction PriorityFeeGreaterThanMaxFee, then BaseFeeGreaterThanMaxFee
 */
export function effectiveGasPrice(baseFee: bigint, maxFeePerGas: bigint, maxPriorityFeePerGas: bigint, chargePriorityFee: boolean): bigint {
  if (maxPriorityFeePerGas > maxFeePerGas) throw new InvalidTransaction("PriorityFeeGreaterThanMaxFee", { maxPriorityFeePerGas, maxFeePerGas });
  if (baseFee > maxFeePerGas) throw new InvalidTransaction("BaseFeeGreaterThanMaxFee", { baseFee, maxFeePerGas });
  if (!chargePriorityFee) return baseFee;
  const tip = maxFeePerGas - baseFee;
  return baseFee + (maxPriorityFeePerGas < tip ? maxPriorityFeePerGas : tip);
}

/** The gas-per-pubdata limit the user accepts: the tx field for 0x71, otherwise 1. */
export function userGasPerPubdataLimit(tx: ZkTransaction): bigint {
  return tx.txType === ZkTxType.Eip712 ? tx.gasPerPubdataByteLimit : DEFAULT_GAS_PER_PUBDATA;
}

/**
 * @throws InvalidTransaction("GasPerPubdataTooHigh") when the block's gas per pubdata exceeds the user's limit
 */
export function checkGasPerPubdata(userLimit: bigint, blockGasPerPubdata: bigint): void {
  if (userLimit < blockGasPerPubdata) throw new InvalidTransaction("GasPerPubdataTooHigh", { userLimit, blockGasPerPubdata });
}

/**
 * The nonce as the u64 the account model compares.
 * @throws InvalidTransaction("NonceOverflowInTransaction") when it does not fit
 */
export function txNonceU64(nonce: bigint): bigint {
  if (nonce > U64_MAX) throw new InvalidTransaction("NonceOverflowInTransaction", {});
  return nonce;
}

/**
 * The balance an L2 sender needs (`required_balance`): value + maxFeePerGas · gasLimit, or just the
 * value when a 0x71 transaction has a paymaster.
 * @throws InternalBlockError on the reference's u128 / U256 overflow checks
 */
export function requiredBalance(tx: ZkTransaction): bigint {
  if (tx.txType === ZkTxType.Eip712 && !isZeroBytes(tx.paymaster)) return tx.value;
  const fee = tx.maxFeePerGas * tx.gasLimit;
  if (fee > U128_MAX) throw new InternalBlockError("mfpg*gl", "maxFeePerGas · gasLimit overflows u128");
  const total = tx.value + fee;
  if (total > U256_MAX) throw new InternalBlockError("fa+v", "value + fee overflows U256");
  return total;
}

/**
 * The L1→L2 deposit check: toMint must cover value + maxFeePerGas · gasLimit (enforced on L1; the
 * reference re-checks it as an internal error, which aborts the block).
 * @throws InternalBlockError("Deposited amount too low")
 */
export function checkL1Deposit(tx: ZkTransaction): void {
  const cost = tx.maxFeePerGas * tx.gasLimit;
  if (cost > U128_MAX) throw new InternalBlockError("gp*gl", "maxFeePerGas · gasLimit overflows u128");
  if (tx.reserved[0] < tx.value + cost) {
    throw new InternalBlockError("Deposited amount too low", `toMint ${tx.reserved[0]} < value ${tx.value} + fee ${cost}`);
  }
}

/**
 * Where an L1→L2 transaction's deposit goes (`process_l1_transaction`): gasUsed · maxFeePerGas is
 * minted to the bootloader (then the coinbase); the refund recipient gets the rest of the deposit,
 * after the value too when execution succeeded (on revert the value mint was rolled back).
 * @throws InternalBlockError when the deposit cannot cover what was spent
 */
export function l1FeeSettlement(tx: ZkTransaction, gasUsed: bigint, success: boolean): { payToOperator: bigint; toRefundRecipient: bigint } {
  const payToOperator = gasUsed * tx.maxFeePerGas;
  const spent = success ? tx.value + payToOperator : payToOperator;
  if (spent > tx.reserved[0]) throw new InternalBlockError(success ? "td-vpf" : "td-pto", "deposit does not cover the fee");
  return { payToOperator, toRefundRecipient: tx.reserved[0] - spent };
}

/**
 * The refund recipient of an L1→L2 transaction, reserved[1] as an address (`u256_to_b160_checked`).
 * @throws InternalBlockError when reserved[1] ≥ 2^160 (the reference asserts, aborting the block)
 */
export function l1RefundRecipient(tx: ZkTransaction): Uint8Array {
  let v = tx.reserved[1];
  if (v >> 160n !== 0n) throw new InternalBlockError("u256_to_b160_checked", "refund recipient does not fit 160 bits");
  const out = new Uint8Array(20);
  for (let i = 19; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
