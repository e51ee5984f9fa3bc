/**
 * The IO interfaces of ZKsync OS (zk_ee/src/system/io.rs at 0a82da0; architecture.md §1.14):
 * `IO` is what an execution environment may do (storage, transient storage, events, L1 messages,
 * account reads, self-destruct, frames); `IOExt` adds what the bootloader needs (transactions,
 * nonces, balances, deployment, access lists, L1-tx logs, pubdata, block end). Every method that
 * takes `resources` charges them as the reference does and throws OUT_OF_ERGS / OUT_OF_NATIVE
 * (ts/system/resources.ts) when they run short; io-subsystem.ts implements both.
 * @module
 */
import { ZkosError } from "../errors";
import type { Address } from "../state/address";
import type { Word } from "../state/word";
import type { Resources } from "./resources";
import type { EE_TYPE_EVM, EE_TYPE_NONE, AccountProperties } from "../storage/account-properties";
import type { PublishedPreimage } from "../storage/preimage-cache";
import type { AccountWithBytecode } from "../storage/account-cache";
import type { TouchedSlot } from "../storage/tree-batch";
import type { StateDiffEntry } from "../l1/pubdata";
import type { L2ToL1LogWithMessage } from "../l1/l2-to-l1-logs";
import type { EmittedEvent } from "./events";

/** Who asks: the system itself (NoEE, 0: no EVM gas, native only) or the EVM (1). */
export type ExecutionEnvironmentType = typeof EE_TYPE_NONE | typeof EE_TYPE_EVM;

/**
 * `UpdateQueryError::NumericBoundsError`: a balance would go below 0 or above 2^256 − 1, or a nonce
 * past 2^64 − 1. Nothing was written. Thrown as this one instance.
 */
export class NumericBoundsError extends ZkosError {
  override name = "NumericBoundsError";
}
/** The instance IO throws. */
export const NUMERIC_BOUNDS = new NumericBoundsError("NumericBoundsError");

/** Snapshot ids of every revertible store, taken by startIoFrame. */
export interface IOSnapshot {
  readonly storage: number;
  readonly accounts: number;
  readonly preimages: number;
  readonly transient: number;
  readonly messages: number;
  readonly events: number;
}

/** An account changed this block: its block-start and final records (the pubdata account diff inputs). */
export interface AccountDiff {
  readonly address: Address;
  readonly initial: AccountProperties;
  readonly final: AccountProperties;
  /** Force-deployed (setBytecodeDetails): the diff publishes the bytecode hash, not the code. */
  readonly notPublishBytecode: boolean;
}

/** A slot whose value the block changed (the result's `storage_writes`, 0x8003 slots included). */
export interface StorageWrite {
  readonly address: Address;
  readonly key: Word;
  /** flat_key(address, key). */
  readonly flatKey: Uint8Array;
  readonly value: Word;
}

/** What the block leaves behind, computed once by {@link IOExt.finishBlock}. All lists are in storage-cache order (§3.6). */
export interface BlockIOResult {
  /**
   * Every slot the block touched, 0x8003 account-hash slots included, with block-start and final
   * values and newness: the input of ts/storage/tree-batch.ts `verifyAndApplyBatch`.
   */
  readonly touchedSlots: readonly TouchedSlot[];
  /**
   * The same slots for ts/l1/pubdata.ts `blockPubdata`: `touched` = has a history record, and each
   * changed 0x8003 slot carries its account's records (with the code a full diff publishes,
   * fetched from the preimage cache in this order, as the reference does).
   */
  readonly stateDiffs: readonly StateDiffEntry[];
  /** Slots whose final value differs from the initial one (`net_diffs_iter`). */
  readonly storageWrites: readonly StorageWrite[];
  /** Changed accounts by address. */
  readonly accounts: ReadonlyMap<Address, AccountDiff>;
  /** Preimages recorded this block (bytecodes, account records), by hash. */
  readonly preimages: readonly PublishedPreimage[];
  /** Every event of the block, in emission order, tagged with its transaction number. */
  readonly events: readonly EmittedEvent[];
  /** Every L2→L1 log (user messages and L1-transaction logs) in emission order. */
  readonly logs: readonly L2ToL1LogWithMessage[];
}

/** The IO an execution environment (and a system hook) uses. */
export interface IO {
  /** SLOAD. Costs: see StorageCache.read. */
  storageRead(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word): Word;
  /** SSTORE. Costs: see StorageCache.write. */
  storageWrite(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, value: Word): void;
  /** TLOAD: 100 gas (EVM) + 4,000 native. */
  transientRead(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word): Word;
  /** TSTORE: 100 gas (EVM) + 4,000 native. */
  transientWrite(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, value: Word): void;
  /** LOG0–4: 375 + 375/topic + 8/byte gas (EVM) and 6,000 + 200/topic + 2/byte native, charged here. */
  emitEvent(ee: ExecutionEnvironmentType, resources: Resources, address: Address, topics: readonly Uint8Array[], data: Uint8Array): void;
  /** An L2→L1 user message from `address` (the messenger hook's caller); returns Keccak(data). */
  emitL1Message(ee: ExecutionEnvironmentType, resources: Resources, address: Address, data: Uint8Array): Uint8Array;
  /** BALANCE: account access 100 / 2,600 gas. */
  getNominalTokenBalance(ee: ExecutionEnvironmentType, resources: Resources, address: Address): bigint;
  /** SELFBALANCE: 5 gas; the account must already be cached. */
  getSelfBalance(ee: ExecutionEnvironmentType, resources: Resources, address: Address): bigint;
  /** EXTCODECOPY's bytes (and a frame's code): account access + preimage native. Shared, never mutated. */
  getObservableBytecode(ee: ExecutionEnvironmentType, resources: Resources, address: Address): Uint8Array;
  /** EXTCODEHASH (32 bytes): 0 for empty accounts, Keccak("") for code-less non-empty ones (EVM caller). */
  getObservableBytecodeHash(ee: ExecutionEnvironmentType, resources: Resources, address: Address): Uint8Array;
  /** EXTCODESIZE. */
  getObservableBytecodeSize(ee: ExecutionEnvironmentType, resources: Resources, address: Address): number;
  /** SELFDESTRUCT (EIP-6780): moves the balance; marks the account when created in this tx or in its constructor. */
  markForDeconstruction(ee: ExecutionEnvironmentType, resources: Resources, at: Address, beneficiary: Address, inConstructor: boolean): void;
  /** Opens a frame over every revertible store. */
  startIoFrame(): IOSnapshot;
  /** Closes the frame opened with `snapshot`; reverts it unless `revert` is false. */
  finishIoFrame(snapshot: IOSnapshot, revert: boolean): void;
}

/** The IO the bootloader (and the runner) uses on top of {@link IO}. */
export interface IOExt extends IO {
  /** Starts the next transaction: commits the previous one, new warm sets, empty transient storage. */
  beginNextTx(): void;
  /** Ends the transaction (`finish_tx`): self-destruct cleanup, then the transaction number advances. */
  finishTx(): void;
  /** Number of the running transaction in the block (every transaction counts, invalid ones too). */
  readonly txNumber: number;
  /** Warms a slot; `isAccessList` charges EIP-2930's 1,900 gas per entry (NoEE). */
  storageTouch(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, isAccessList: boolean): void;
  /** Warms an account; `isAccessList` charges EIP-2930's 2,400 gas per entry (NoEE). */
  touchAccount(ee: ExecutionEnvironmentType, resources: Resources, address: Address, isAccessList: boolean): void;
  /** The whole account record (warm/cold access charged). */
  readAccountProperties(ee: ExecutionEnvironmentType, resources: Resources, address: Address): AccountProperties;
  /**
   * The record and the code with one account access (the runner's callee read); the code costs
   * the preimage lookup (500 native, + Blake2s native when the oracle is asked).
   */
  readAccountWithBytecode(ee: ExecutionEnvironmentType, resources: Resources, address: Address): AccountWithBytecode;
  /** The nonce. */
  readNonce(ee: ExecutionEnvironmentType, resources: Resources, address: Address): bigint;
  /**
   * Adds `by` to the nonce and returns the old nonce.
   * @throws NUMERIC_BOUNDS past 2^64 − 1 (nothing written)
   */
  incrementNonce(ee: ExecutionEnvironmentType, resources: Resources, address: Address, by: bigint): bigint;
  /**
   * Moves `amount` of the base token (from, then to; each an account access + 1,000 native).
   * @throws NUMERIC_BOUNDS when `from` holds less (nothing written) or `to` would overflow
   */
  transferNominalTokenValue(ee: ExecutionEnvironmentType, resources: Resources, from: Address, to: Address, amount: bigint): void;
  /**
   * Adds (or with `subtract`, removes) `diff` to a balance; returns the old balance (minting, fee moves).
   * @throws NUMERIC_BOUNDS on underflow/overflow (nothing written)
   */
  updateAccountNominalTokenBalance(ee: ExecutionEnvironmentType, resources: Resources, address: Address, diff: bigint, subtract: boolean): bigint;
  /** Installs EVM code at `at` (200 gas per byte for the EVM) and returns the stored bytes. */
  deployCode(ee: ExecutionEnvironmentType, resources: Resources, at: Address, bytecode: Uint8Array): Uint8Array;
  /** Force-deploy (`setBytecodeDetailsEVM` hook): sets code metadata without the code itself. */
  setBytecodeDetails(
    resources: Resources, at: Address, ee: number, bytecodeHash: Uint8Array, bytecodeLen: number, artifactsLen: number,
    observableBytecodeHash: Uint8Array, observableBytecodeLen: number,
  ): void;
  /** The L2→L1 log of an L1→L2 or upgrade transaction (sender 0x8001, key tx hash, value success). */
  emitL1L2TxLog(txHash: Uint8Array, success: boolean): void;
  /** Pubdata bytes the running transaction added so far (§4.6). */
  netPubdataUsed(): number;
  /**
   * Block end: writes changed account hashes into their 0x8003 slots (registering the records as
   * preimages) and returns everything the tree, the pubdata and the result need. Call once.
   */
  finishBlock(): BlockIOResult;
}
