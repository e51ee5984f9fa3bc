/**
 * Transaction processing of the `ethereum` profile (Cancun): the validity checks in the order of the
 * execution specs (`validate_transaction`, `check_transaction`), buying gas, the top-level call or
 * creation on the Runner, refunds (EIP-3529), fees (EIP-1559 burn + tip, EIP-4844 blob fee burnt)
 * and the end-of-transaction deletions (EIP-6780, EIP-161). Source: ethereum/execution-specs,
 * src/ethereum/cancun/fork.py (process_transaction) and geth core/state_transition.go.
 * @module
 */
import { Runner, MAX_CODE_SIZE, type MessageStatus } from "../bootloader/runner";
import { beginEthereumTransaction, type AccessListItem } from "../bootloader/warm-up";
import { createAddress } from "../ee/evm/create-address";
import type { BlockContext } from "../ee/evm/context";
import { precompilesFor, type Precompile } from "../hooks/precompiles/registry";
import { addressFromBytes, type Address } from "../state/address";
import { wordFromBytes } from "../state/word";
import type { Log, WorldState } from "../state/world-state";
import { GAS_PER_BLOB, MAX_BLOB_GAS_PER_BLOCK, VERSIONED_HASH_VERSION_KZG } from "./blob-gas";
import { intrinsicGas } from "./intrinsic-gas";
import type { Transaction } from "./transaction";
import type { ExecutionTracer } from "../tracing/tracer";

/**
 * Why a transaction is invalid, named as the Ethereum tests name it (`TransactionException.<name>`,
 * ethereum/execution-spec-tests `exceptions.py`).
 */
export type TransactionException =
  | "RLP_INVALID_VALUE"
  | "TYPE_3_TX_CONTRACT_CREATION"
  | "INTRINSIC_GAS_TOO_LOW"
  | "NONCE_IS_MAX"
  | "INITCODE_SIZE_EXCEEDED"
  | "GAS_ALLOWANCE_EXCEEDED"
  | "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS"
  | "INSUFFICIENT_MAX_FEE_PER_GAS"
  | "TYPE_3_TX_ZERO_BLOBS"
  | "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH"
  | "TYPE_3_TX_BLOB_COUNT_EXCEEDED"
  | "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS"
  | "NONCE_MISMATCH_TOO_LOW"
  | "NONCE_MISMATCH_TOO_HIGH"
  | "GASLIMIT_PRICE_PRODUCT_OVERFLOW"
  | "INSUFFICIENT_ACCOUNT_FUNDS"
  | "SENDER_NOT_EOA";

/** A transaction that must not be included: the state is left as it was. */
export interface RejectedTransaction {
  readonly kind: "rejected";
  readonly exception: TransactionException;
  /** The numbers behind the rejection, for people. */
  readonly message: string;
}

/** A transaction that was included (its message may still have reverted or failed). */
export interface ExecutedTransaction {
  readonly kind: "executed";
  readonly status: MessageStatus;
  /** An EVM halt or message rule (OutOfGas, CreateCollision, ...) when status is "error". */
  readonly error: string | undefined;
  /** Gas charged to the sender: gas limit − gas left − refund. */
  readonly gasUsed: bigint;
  /** The refund granted (already deducted from gasUsed), capped at 1/5 of the gas used (EIP-3529). */
  readonly refund: bigint;
  /** EIP-4844: blobs × 2^17. */
  readonly blobGasUsed: bigint;
  /** Wei per gas the sender paid: base fee + effective priority fee (the GASPRICE opcode's value). */
  readonly effectiveGasPrice: bigint;
  /** Logs in emission order (empty unless status is "success"). */
  readonly logs: readonly Log[];
  readonly returnData: Uint8Array;
  /** The contract a successful creation deployed. */
  readonly createdAddress: Address | null;
}

export type TransactionOutcome = RejectedTransaction | ExecutedTransaction;

export interface ProcessOptions {
  /** Gas the block has left for this transaction; the block gas limit when omitted. */
  gasAvailable?: bigint;
  /** Precompiles; Cancun's (`precompilesFor("ethereum")`) when omitted. */
  precompiles?: ReadonlyMap<number, Precompile>;
  /**
   * Receives the transaction's execution events (ts/tracing/transaction-tracer.ts for geth's
   * tracers); nothing is traced when omitted. A rejected transaction reports nothing.
   */
  tracer?: ExecutionTracer;
}

const U64_LIMIT = 1n << 64n;
const U256_LIMIT = 1n << 256n;
/** EIP-2681: a nonce of 2^64 − 1 can no longer be incremented. */
const MAX_NONCE = U64_LIMIT - 1n;
/** EIP-3860: twice the EIP-170 code size limit. */
const MAX_INITCODE_SIZE = 2 * MAX_CODE_SIZE;
/** EIP-3529 (London): refunds are capped at gasUsed / 5. */
const MAX_REFUND_QUOTIENT = 5n;

function reject(exception: TransactionException, message: string): RejectedTransaction {
  return { kind: "rejected", exception, message };
}

/**
 * Field widths a signed transaction can encode at all: a value past them could not be decoded
 * (the fillers write such vectors with `0x:bigint` and expect RLP_INVALID_VALUE).
 */
function checkFieldWidths(tx: Transaction): RejectedTransaction | undefined {
  const wide: [string, bigint][] = [
    ["value", tx.value], ["maxFeePerGas", tx.maxFeePerGas], ["maxPriorityFeePerGas", tx.maxPriorityFeePerGas],
    ["maxFeePerBlobGas", tx.maxFeePerBlobGas],
  ];
  for (const [name, v] of wide) if (v >= U256_LIMIT) return reject("RLP_INVALID_VALUE", `${name} ${v} exceeds 256 bits`);
  if (tx.gasLimit >= U64_LIMIT) return reject("RLP_INVALID_VALUE", `gas limit ${tx.gasLimit} exceeds 64 bits`);
  if (tx.nonce >= U64_LIMIT) return reject("RLP_INVALID_VALUE", `nonce ${tx.nonce} exceeds 64 bits`);
  // EIP-4844: a blob transaction's `to` is an address, never empty.
  if (tx.type === 3 && tx.to === null) return reject("TYPE_3_TX_CONTRACT_CREATION", "a blob transaction cannot create a contract");
  return undefined;
}

/** The price per gas the sender pays and the part of it the coinbase receives (EIP-1559). */
interface Fees {
  effectiveGasPrice: bigint;
  priorityFee: bigint;
  /** gas limit × max fee (+ blob gas × max blob fee): what the balance must cover besides value. */
  maxCost: bigint;
  blobGas: bigint;
}

/**
 * Every check a transaction must pass before it may run, in the order of the Cancun execution specs;
 * the fees when it passes.
 */
function check(state: WorldState, block: BlockContext, tx: Transaction, sender: Address, intrinsic: bigint, gasAvailable: bigint): RejectedTransaction | Fees {
  const widths = checkFieldWidths(tx);
  if (widths !== undefined) return widths;
  // validate_transaction
  if (intrinsic > tx.gasLimit) return reject("INTRINSIC_GAS_TOO_LOW", `intrinsic gas ${intrinsic} > gas limit ${tx.gasLimit}`);
  if (tx.nonce >= MAX_NONCE) return reject("NONCE_IS_MAX", `nonce ${tx.nonce} cannot be incremented (EIP-2681)`);
  if (tx.to === null && tx.data.length > MAX_INITCODE_SIZE) {
    return reject("INITCODE_SIZE_EXCEEDED", `initcode of ${tx.data.length} bytes > ${MAX_INITCODE_SIZE} (EIP-3860)`);
  }
  // check_transaction
  if (tx.gasLimit > gasAvailable) return reject("GAS_ALLOWANCE_EXCEEDED", `gas limit ${tx.gasLimit} > block gas available ${gasAvailable}`);
  const baseFee = block.baseFee;
  let effectiveGasPrice: bigint;
  let priorityFee: bigint;
  let maxCost: bigint;
  if (tx.type === 2 || tx.type === 3) {
    if (tx.maxFeePerGas < tx.maxPriorityFeePerGas) {
      return reject("PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS", `max priority fee ${tx.maxPriorityFeePerGas} > max fee ${tx.maxFeePerGas}`);
    }
    if (tx.maxFeePerGas < baseFee) return reject("INSUFFICIENT_MAX_FEE_PER_GAS", `max fee ${tx.maxFeePerGas} < base fee ${baseFee}`);
    const headroom = tx.maxFeePerGas - baseFee;
    priorityFee = tx.maxPriorityFeePerGas < headroom ? tx.maxPriorityFeePerGas : headroom;
    effectiveGasPrice = baseFee + priorityFee;
    maxCost = tx.gasLimit * tx.maxFeePerGas;
  } else {
    if (tx.maxFeePerGas < baseFee) return reject("INSUFFICIENT_MAX_FEE_PER_GAS", `gas price ${tx.maxFeePerGas} < base fee ${baseFee}`);
    effectiveGasPrice = tx.maxFeePerGas;
    priorityFee = effectiveGasPrice - baseFee;
    maxCost = tx.gasLimit * effectiveGasPrice;
  }
  let blobGas = 0n;
  if (tx.type === 3) {
    const hashes = tx.blobVersionedHashes;
    if (hashes.length === 0) return reject("TYPE_3_TX_ZERO_BLOBS", "a blob transaction carries no blob");
    for (const h of hashes) {
      if (h[0] !== VERSIONED_HASH_VERSION_KZG) return reject("TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH", `versioned hash version 0x${h[0]!.toString(16)} is not 0x01`);
    }
    if (tx.maxFeePerBlobGas < block.blobBaseFee) {
      return reject("INSUFFICIENT_MAX_FEE_PER_BLOB_GAS", `max fee per blob gas ${tx.maxFeePerBlobGas} < blob base fee ${block.blobBaseFee}`);
    }
    blobGas = BigInt(hashes.length) * GAS_PER_BLOB;
    if (blobGas > MAX_BLOB_GAS_PER_BLOCK) return reject("TYPE_3_TX_BLOB_COUNT_EXCEEDED", `${hashes.length} blobs > ${MAX_BLOB_GAS_PER_BLOCK / GAS_PER_BLOB}`);
    maxCost += blobGas * tx.maxFeePerBlobGas;
  }
  const acc = state.account(sender);
  const nonce = acc?.nonce ?? 0n;
  if (tx.nonce < nonce) return reject("NONCE_MISMATCH_TOO_LOW", `nonce ${tx.nonce} < account nonce ${nonce}`);
  if (tx.nonce > nonce) return reject("NONCE_MISMATCH_TOO_HIGH", `nonce ${tx.nonce} > account nonce ${nonce}`);
  // geth refuses a gas × price product that does not fit 256 bits before looking at the balance.
  if (tx.gasLimit * tx.maxFeePerGas >= U256_LIMIT) {
    return reject("GASLIMIT_PRICE_PRODUCT_OVERFLOW", `gas limit × max fee ${tx.gasLimit * tx.maxFeePerGas} exceeds 256 bits`);
  }
  const balance = acc?.balance ?? 0n;
  if (balance < maxCost + tx.value) {
    return reject("INSUFFICIENT_ACCOUNT_FUNDS", `balance ${balance} < max cost ${maxCost} + value ${tx.value}`);
  }
  // EIP-3607: a sender with code cannot originate transactions.
  if (acc !== undefined && acc.code.length !== 0) return reject("SENDER_NOT_EOA", "the sender has code (EIP-3607)");
  return { effectiveGasPrice, priorityFee, maxCost, blobGas };
}

/**
 * Processes one transaction on `state` under Cancun rules: a rejected transaction leaves the state
 * untouched; an executed one is fully applied (fees, refunds, deletions) and its substate cleared.
 * `block.blobBaseFee` must be the block's blob base fee (EIP-4844) and `block.baseFee` its base fee.
 */
export function processTransaction(state: WorldState, block: BlockContext, tx: Transaction, options: ProcessOptions = {}): TransactionOutcome {
  const precompiles = options.precompiles ?? precompilesFor("ethereum");
  const sender = addressFromBytes(tx.sender);
  const isCreate = tx.to === null;
  const intrinsic = intrinsicGas({ data: tx.data, isCreate, accessList: tx.accessList });
  const fees = check(state, block, tx, sender, intrinsic, options.gasAvailable ?? block.gasLimit);
  if ("kind" in fees) return fees;

  const target = isCreate ? createAddress(sender, tx.nonce) : addressFromBytes(tx.to!);
  const accessList: AccessListItem[] = tx.accessList.map((e) => ({
    address: addressFromBytes(e.address),
    storageKeys: e.storageKeys.map(wordFromBytes),
  }));
  // Warm set (EIP-2929, EIP-2930, EIP-3651) and an empty substate before the sender is charged.
  beginEthereumTransaction(state, { origin: sender, target, coinbase: block.coinbase, precompiles, accessList });

  const tracer = options.tracer ?? null;
  if (tracer !== null) tracer.txStart(sender, target, isCreate, block.coinbase, tx.gasLimit);

  // Buy gas: gas limit × effective price, plus the blob fee at the block's blob base fee (burnt).
  const blobFee = fees.blobGas * block.blobBaseFee;
  state.subBalance(sender, tx.gasLimit * fees.effectiveGasPrice + blobFee);
  state.setNonce(sender, tx.nonce + 1n);

  const runner = new Runner({
    state, precompiles, block,
    tx: { origin: sender, gasPrice: fees.effectiveGasPrice, blobHashes: tx.blobVersionedHashes },
  });
  if (tracer !== null) runner.setTracer(tracer);
  const r = runner.run({
    caller: sender, to: isCreate ? null : target, value: tx.value, data: tx.data, gas: tx.gasLimit - intrinsic,
    createAddress: isCreate ? target : undefined,
  });

  const spent = tx.gasLimit - r.gasLeft;
  const counter = BigInt(state.refund);
  const cap = spent / MAX_REFUND_QUOTIENT;
  const refund = counter < cap ? counter : cap;
  const gasUsed = spent - refund;
  // Unused gas back at the price paid; the tip to the coinbase; the base fee is burnt (EIP-1559).
  state.addBalance(sender, (tx.gasLimit - gasUsed) * fees.effectiveGasPrice);
  // A zero tip still touches the coinbase, so an empty coinbase is deleted (EIP-161).
  state.addBalance(block.coinbase, gasUsed * fees.priorityFee);
  const logs = state.logs.slice();
  state.finalizeTransaction();
  if (tracer !== null) tracer.txEnd(gasUsed);
  return {
    kind: "executed",
    status: r.status,
    error: r.error,
    gasUsed,
    refund,
    blobGasUsed: fees.blobGas,
    effectiveGasPrice: fees.effectiveGasPrice,
    logs,
    returnData: r.returnData,
    createdAddress: r.createdAddress,
  };
}
