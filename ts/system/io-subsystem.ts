/**
 * The IO subsystem of ZKsync OS (basic_system system/io_subsystem.rs and flat_storage_model/mod.rs
 * at 0a82da0): IO/IOExt over the storage, account and preimage caches, transient storage, events
 * and L2→L1 logs; frame and transaction snapshots, per-transaction pubdata (zksync-os-reference.md
 * §4.6) and the block-end lists the tree and the pubdata builder consume (§3.6, §4.3).
 * @module
 */
import { addressFromBytes, addressToBytes, type Address } from "../state/address";
import { wordToBytes, type Word } from "../state/word";
import type { Oracle } from "../oracle/oracle";
import { StorageCache } from "../storage/storage-cache";
import { ACCOUNT_PROPERTIES_ADDRESS, AccountCache, type AccountWithBytecode } from "../storage/account-cache";
import { PreimageCache, PreimageType } from "../storage/preimage-cache";
import {
  EE_TYPE_EVM, accountPropertiesEqual, observableBytecodeHash, type AccountProperties,
} from "../storage/account-properties";
import { flatKeys } from "../storage/flat-key";
import type { TouchedSlot } from "../storage/tree-batch";
import { accountDiffLength, wordDiffLength, type StateDiffEntry } from "../l1/pubdata";
import { L2_TO_L1_LOG_SERIALIZE_SIZE, l1TxResultLog, userMessageLog } from "../l1/l2-to-l1-logs";
import { InternalBlockError } from "../zksync/validation-errors";
import { ERGS_PER_GAS, Resources } from "./resources";
import { TransientStorage } from "./transient-storage";
import { EventsStorage, LogsStorage } from "./events";
import type {
  AccountDiff, BlockIOResult, ExecutionEnvironmentType, IOExt, IOSnapshot, StorageWrite,
} from "./io";

// EVM gas (evm_interpreter gas_constants.rs) and native (basic_system cost_constants.rs) of IO.
const TLOAD_GAS = 100;
const TSTORE_GAS = 100;
const LOG_GAS = 375;
const LOG_TOPIC_GAS = 375;
const LOG_DATA_GAS = 8;
export const WARM_TSTORAGE_READ_NATIVE_COST = 4_000;
export const WARM_TSTORAGE_WRITE_NATIVE_COST = 4_000;
export const EVENT_STORAGE_BASE_NATIVE_COST = 6_000;
export const EVENT_TOPIC_NATIVE_COST = 200;
export const EVENT_DATA_PER_BYTE_COST = 2;
// The keccak256 system function: 30 + 6/word gas, 2,500 + 17,500 per started 136-byte block (at least one).
const KECCAK256_GAS = 30;
const KECCAK256_WORD_GAS = 6;
const KECCAK256_BASE_NATIVE_COST = 2_500;
const KECCAK256_ROUND_NATIVE_COST = 17_500;
const KECCAK256_CHUNK_SIZE = 136;

/** Native of hashing `len` bytes with Keccak-256 (`keccak256_native_cost`). */
export function keccak256NativeCost(len: number): number {
  return Math.max(1, Math.ceil(len / KECCAK256_CHUNK_SIZE)) * KECCAK256_ROUND_NATIVE_COST + KECCAK256_BASE_NATIVE_COST;
}

/** Options of an {@link IOSubsystem}. */
export interface IOSubsystemOptions {
  /** Proving mode: re-hash every preimage the oracle gives (ts/storage/preimage-cache.ts). */
  readonly verifyPreimages?: boolean;
}

function unsupportedEe(): never {
  throw new InternalBlockError("io", "Unsupported EE");
}


/** True when a record changed beyond nonce and balance: the account diff is the full format. */
function isFullAccountDiff(initial: AccountProperties, final: AccountProperties): boolean {
  return !accountPropertiesEqual({ ...initial, nonce: final.nonce, balance: final.balance }, final);
}

/** IO and IOExt for one block, over an oracle. */
export class IOSubsystem implements IOExt {
  readonly oracle: Oracle;
  /** Transaction number in the block (`tx_number`): tags events and logs; advances in finishTx. */
  txNumber = 0;
  private readonly storage: StorageCache;
  private readonly preimages: PreimageCache;
  private readonly accounts: AccountCache;
  private readonly transient = new TransientStorage();
  private readonly events = new EventsStorage();
  private readonly logs = new LogsStorage();

  constructor(oracle: Oracle, options: IOSubsystemOptions = {}) {
    this.oracle = oracle;
    this.storage = new StorageCache(oracle);
    this.preimages = new PreimageCache(oracle, { verify: options.verifyPreimages ?? false });
    this.accounts = new AccountCache(this.storage, this.preimages);
  }

  // ---- IO

  storageRead(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word): Word {
    return this.storage.read(ee, resources, address, key);
  }

  storageWrite(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, value: Word): void {
    this.storage.write(ee, resources, address, key, value);
  }

  transientRead(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word): Word {
    if (ee !== EE_TYPE_EVM) unsupportedEe();
    resources.charge(TLOAD_GAS * ERGS_PER_GAS, WARM_TSTORAGE_READ_NATIVE_COST);
    return this.transient.read(address, key);
  }

  transientWrite(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, value: Word): void {
    if (ee !== EE_TYPE_EVM) unsupportedEe();
    resources.charge(TSTORE_GAS * ERGS_PER_GAS, WARM_TSTORAGE_WRITE_NATIVE_COST);
    this.transient.write(address, key, value);
  }

  /** Keeps `topics` and `data` by reference: pass arrays nobody mutates later. */
  emitEvent(ee: ExecutionEnvironmentType, resources: Resources, address: Address, topics: readonly Uint8Array[], data: Uint8Array): void {
    if (ee !== EE_TYPE_EVM) unsupportedEe();
    const n = topics.length;
    resources.charge(
      (LOG_GAS + LOG_TOPIC_GAS * n + LOG_DATA_GAS * data.length) * ERGS_PER_GAS,
      EVENT_STORAGE_BASE_NATIVE_COST + EVENT_TOPIC_NATIVE_COST * n + EVENT_DATA_PER_BYTE_COST * data.length,
    );
    this.events.push({ txNumber: this.txNumber, address, topics, data });
  }

  /**
   * `emit_l1_message`: native for the hashing the log and message will need later plus storage
   * (keccak(88) + 3·keccak(64) + keccak(len) + 6,000 + 2/byte; §6.6), then the keccak256 system
   * function on `data` (30 + 6/word gas and keccak(len) native; the spec's §6.6 line omits this
   * second charge, io_subsystem.rs makes it). Logs the message; returns Keccak(data).
   */
  emitL1Message(_ee: ExecutionEnvironmentType, resources: Resources, address: Address, data: Uint8Array): Uint8Array {
    const len = data.length;
    resources.charge(0, keccak256NativeCost(L2_TO_L1_LOG_SERIALIZE_SIZE) + 3 * keccak256NativeCost(64) + keccak256NativeCost(len)
      + EVENT_STORAGE_BASE_NATIVE_COST + EVENT_DATA_PER_BYTE_COST * len);
    resources.charge((KECCAK256_GAS + KECCAK256_WORD_GAS * Math.ceil(len / 32)) * ERGS_PER_GAS, keccak256NativeCost(len));
    const log = userMessageLog(this.txNumber, addressToBytes(address), data);
    this.logs.push(log);
    return log.log.value.slice();
  }

  getNominalTokenBalance(ee: ExecutionEnvironmentType, resources: Resources, address: Address): bigint {
    return this.accounts.readAccountProperties(ee, resources, address).balance;
  }

  getSelfBalance(ee: ExecutionEnvironmentType, resources: Resources, address: Address): bigint {
    return this.accounts.readBalanceAssumingWarm(ee, resources, address);
  }

  getObservableBytecode(ee: ExecutionEnvironmentType, resources: Resources, address: Address): Uint8Array {
    return this.accounts.readBytecode(ee, resources, address);
  }

  getObservableBytecodeHash(ee: ExecutionEnvironmentType, resources: Resources, address: Address): Uint8Array {
    return observableBytecodeHash(this.accounts.readAccountProperties(ee, resources, address), ee === EE_TYPE_EVM);
  }

  getObservableBytecodeSize(ee: ExecutionEnvironmentType, resources: Resources, address: Address): number {
    return this.accounts.readAccountProperties(ee, resources, address).observableBytecodeLen;
  }

  markForDeconstruction(ee: ExecutionEnvironmentType, resources: Resources, at: Address, beneficiary: Address, inConstructor: boolean): void {
    this.accounts.markForDeconstruction(ee, resources, at, beneficiary, inConstructor);
  }

  startIoFrame(): IOSnapshot {
    return {
      storage: this.storage.startFrame(),
      preimages: this.preimages.startFrame(),
      accounts: this.accounts.startFrame(),
      transient: this.transient.startFrame(),
      messages: this.logs.startFrame(),
      events: this.events.startFrame(),
    };
  }

  finishIoFrame(snapshot: IOSnapshot, revert: boolean): void {
    if (!revert) return;
    this.storage.finishFrame(snapshot.storage);
    this.preimages.finishFrame(snapshot.preimages);
    this.accounts.finishFrame(snapshot.accounts);
    this.transient.finishFrame(snapshot.transient);
    this.logs.finishFrame(snapshot.messages);
    this.events.finishFrame(snapshot.events);
  }

  // ---- IOExt

  beginNextTx(): void {
    this.storage.beginNewTx();
    this.preimages.beginNewTx();
    this.accounts.beginNewTx();
    this.transient.beginNewTx();
    this.logs.beginNewTx();
  }

  finishTx(): void {
    this.accounts.finishTx();
    this.txNumber++;
  }

  storageTouch(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, isAccessList: boolean): void {
    this.storage.touch(ee, resources, address, key, isAccessList);
  }

  touchAccount(ee: ExecutionEnvironmentType, resources: Resources, address: Address, isAccessList: boolean): void {
    this.accounts.touchAccount(ee, resources, address, isAccessList);
  }

  readAccountProperties(ee: ExecutionEnvironmentType, resources: Resources, address: Address): AccountProperties {
    return this.accounts.readAccountProperties(ee, resources, address);
  }

  readAccountWithBytecode(ee: ExecutionEnvironmentType, resources: Resources, address: Address): AccountWithBytecode {
    return this.accounts.readWithBytecode(ee, resources, address);
  }

  readNonce(ee: ExecutionEnvironmentType, resources: Resources, address: Address): bigint {
    return this.accounts.readAccountProperties(ee, resources, address).nonce;
  }

  incrementNonce(ee: ExecutionEnvironmentType, resources: Resources, address: Address, by: bigint): bigint {
    return this.accounts.incrementNonce(ee, resources, address, by);
  }

  transferNominalTokenValue(ee: ExecutionEnvironmentType, resources: Resources, from: Address, to: Address, amount: bigint): void {
    this.accounts.transfer(ee, resources, from, to, amount);
  }

  updateAccountNominalTokenBalance(ee: ExecutionEnvironmentType, resources: Resources, address: Address, diff: bigint, subtract: boolean): bigint {
    return this.accounts.updateBalance(ee, resources, address, diff, subtract);
  }

  deployCode(ee: ExecutionEnvironmentType, resources: Resources, at: Address, bytecode: Uint8Array): Uint8Array {
    return this.accounts.deployCode(ee, resources, at, bytecode);
  }

  setBytecodeDetails(
    resources: Resources, at: Address, ee: number, bytecodeHash: Uint8Array, bytecodeLen: number, artifactsLen: number,
    observableBytecodeHash: Uint8Array, observableBytecodeLen: number,
  ): void {
    this.accounts.setBytecodeDetails(resources, at, ee, bytecodeHash, bytecodeLen, artifactsLen, observableBytecodeHash, observableBytecodeLen);
  }

  /** Charged as part of the intrinsic cost: no resources here. */
  emitL1L2TxLog(txHash: Uint8Array, success: boolean): void {
    this.logs.push(l1TxResultLog(this.txNumber, txHash, success));
  }

  netPubdataUsed(): number {
    return this.storage.pubdataUsedByTx(ACCOUNT_PROPERTIES_ADDRESS, wordDiffLength)
      + this.accounts.pubdataUsedByTx(accountDiffLength)
      + this.logs.pubdataUsedByTx();
  }

  /**
   * Block end (`FlatTreeWithAccountsUnderHashesStorageModel::finish`, before verify-and-apply):
   * persists changed accounts into their 0x8003 slots, then lists every touched slot in
   * storage-cache order with what the tree, the pubdata and the result need.
   * @throws InternalBlockError if a changed 0x8003 slot has no changed account behind it
   */
  finishBlock(): BlockIOResult {
    const infinite = Resources.formalInfinite();
    const accounts = this.accounts.persistChanges(infinite);
    const touchedSlots: TouchedSlot[] = [];
    const stateDiffs: StateDiffEntry[] = [];
    const storageWrites: StorageWrite[] = [];
    const entries = this.storage.entriesInCacheOrder();
    const keys = flatKeys(entries.map((e) => e.addressBytes), entries.map((e) => e.keyBytes));
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const key = keys[i]!;
      const initial = wordToBytes(e.initial);
      const final = e.current === e.initial ? initial : wordToBytes(e.current);
      touchedSlots.push({ flatKey: key, initial, final, isNew: e.isNewStorageSlot });
      let account: StateDiffEntry["account"];
      if (e.current !== e.initial) {
        storageWrites.push({ address: e.address, key: e.key, flatKey: key, value: e.current });
        if (e.address === ACCOUNT_PROPERTIES_ADDRESS && e.hasUpdates) account = this.accountDiffEntry(accounts, e.keyBytes, infinite);
      }
      stateDiffs.push({ address: e.addressBytes, slot: e.keyBytes, flatKey: key, initial, final, touched: e.hasUpdates, account });
    }
    return {
      touchedSlots,
      stateDiffs,
      storageWrites,
      accounts,
      preimages: this.preimages.newPreimages(),
      events: this.events.events(),
      logs: this.logs.logs(),
    };
  }

  // The account half of a changed 0x8003 slot; a full diff that publishes code gets the code from
  // the preimage cache now (AccountProperties::diff_compression), so oracle queries keep their order.
  private accountDiffEntry(accounts: ReadonlyMap<Address, AccountDiff>, slot: Uint8Array, infinite: Resources): StateDiffEntry["account"] {
    const address = addressFromBytes(slot.subarray(12));
    const d = accounts.get(address);
    if (d === undefined) throw new InternalBlockError("io", `Failed to compute pubdata: account ${address} changed its hash slot but not its record`);
    const bytecode = isFullAccountDiff(d.initial, d.final) && !d.notPublishBytecode
      ? this.preimages.getPreimage(infinite, d.final.bytecodeHash, d.final.bytecodeLen, PreimageType.Bytecode)
      : undefined;
    return { initial: d.initial, final: d.final, notPublishBytecode: d.notPublishBytecode, bytecode };
  }
}
