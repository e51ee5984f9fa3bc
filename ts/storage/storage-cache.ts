/**
 * The flat storage cache of ZKsync OS (basic_system flat_storage_model/storage_cache.rs and the
 * `EthereumLikeStorageAccessCostModel` of system/mod.rs at 0a82da0): every (address, key) the block
 * touches, over a HistoryMap, with initial values from the oracle, per-transaction warmth that frames
 * revert, and the ergs + native cost of each access (zksync-os-reference.md §6.5, §6.6, §3.6 order).
 * @module
 */
import { HistoryMap, type HistoryElement } from "../system/history-map";
import { ERGS_PER_GAS, nativeWithDelegations, type Resources } from "../system/resources";
import type { ExecutionEnvironmentType } from "../system/io";
import type { Oracle } from "../oracle/oracle";
import { addressToBytes, type Address } from "../state/address";
import { ZERO_WORD, isZeroWord, wordFromBytes, wordToBytes, type Word } from "../state/word";
import { EE_TYPE_EVM } from "./account-properties";
import { compareStorageCacheKeys } from "./flat-key";

/** `Appearance` of a cache record (zk_ee cache_record.rs). */
export const enum Appearance {
  /** Not in the tree (a new slot, an absent account) or cleared by a self-destruct. */
  Unset = 0,
  /** Read from the tree. */
  Retrieved = 1,
  /** Written since. */
  Updated = 2,
  /** An account marked by SELFDESTRUCT; stays so for the block (account cache only). */
  Deconstructed = 3,
}

/** One history record of a slot: its value, appearance, and the transaction that last warmed it. */
export interface StorageRecord {
  readonly value: Word;
  readonly appearance: Appearance;
  /** Cache transaction number of the last access; warm iff equal to the current one. */
  readonly lastTouchedInTx: number;
}

/** The key of a cached slot (`WarmStorageKey`). */
export interface SlotKey {
  readonly address: Address;
  readonly key: Word;
}

/** A slot the block touched, for the block-end consumers (tree verify-and-apply, pubdata). */
export interface StorageCacheEntry {
  readonly address: Address;
  readonly key: Word;
  /** Value at block start (from the oracle). */
  readonly initial: Word;
  /** Value now. */
  readonly current: Word;
  /** The slot was absent from the tree at block start (initial record's appearance is Unset). */
  readonly isNewStorageSlot: boolean;
  /** Some record besides the initial survives (read or written in a frame that did not revert). */
  readonly hasUpdates: boolean;
  /** `address` as 20 bytes. */
  readonly addressBytes: Uint8Array;
  /** `key` as 32 big-endian bytes. */
  readonly keyBytes: Uint8Array;
}

// EVM gas schedule (evm_interpreter gas_constants.rs); costs are charged as gas × ERGS_PER_GAS.
const WARM_STORAGE_READ_GAS = 100;
const COLD_SLOAD_GAS = 2100;
const SSTORE_SET_EXTRA_GAS = 19_900;
const SSTORE_RESET_EXTRA_GAS = 2_800;
/** Cancun charges a cold SSTORE 100 more than a cold SLOAD. */
const COLD_SSTORE_EXTRA_GAS = 100;
/** EIP-2930, charged on every listed key, repeats included. */
const ACCESS_LIST_STORAGE_KEY_GAS = 1_900;

/** Native costs (flat_storage_model/cost_constants.rs). */
export const WARM_STORAGE_READ_NATIVE_COST = 4_000;
export const COLD_EXISTING_STORAGE_READ_NATIVE_COST = nativeWithDelegations(100_000, 0, 1_320);
export const COLD_NEW_STORAGE_READ_NATIVE_COST = 2 * COLD_EXISTING_STORAGE_READ_NATIVE_COST;
export const COLD_EXISTING_STORAGE_WRITE_EXTRA_NATIVE_COST = nativeWithDelegations(40_000, 0, 660);
export const COLD_NEW_STORAGE_WRITE_EXTRA_NATIVE_COST = nativeWithDelegations(100_000, 0, 1_300);

const NEVER_TOUCHED = -1;

interface TxStartValue {
  value: Word;
  tx: number;
}

/**
 * Storage of every address, cached for one block. Records are immutable, so a history holds them
 * by reference.
 */
export class StorageCache {
  private readonly cache = new HistoryMap<SlotKey, StorageRecord>();
  /**
   * address → key → element: the lookup path. Two small hashes (42 and 16 code units) cost less
   * than hashing a fresh 58-unit concatenation on every access, which took 30% of the IO time of
   * an ERC-20-like transaction loop (node 20 profile). Also serves clearState's range.
   */
  private readonly byAddress = new Map<Address, Map<Word, HistoryElement<SlotKey, StorageRecord>>>();
  /** `initial_values`: a slot's value when the running transaction first wrote it (EIP-2200 original). */
  private readonly txStartValues = new Map<SlotKey, TxStartValue>();
  private readonly oracle: Oracle;
  /** Cache transaction number: 0 before the first transaction, then 1, 2, … (`begin_new_tx`). */
  private txNumber = 0;
  /** Whether the last materialize() found the slot warm. */
  private lastWasWarm = false;
  /**
   * The last slot materialized (elements are never removed): SSTORE usually follows an SLOAD of the
   * same slot (an ERC-20 transfer does so twice), and two string compares cost less than two Map
   * lookups with a freshly built key.
   */
  private lastElement: HistoryElement<SlotKey, StorageRecord> | null = null;

  constructor(oracle: Oracle) {
    this.oracle = oracle;
  }

  /** Commits the previous transaction's changes and starts the next (new warm set). */
  beginNewTx(): void {
    this.cache.commit();
    this.txNumber++;
  }

  /** Opens a frame; pass the id to finishFrame to revert it. */
  startFrame(): number {
    return this.cache.snapshot();
  }

  /** Closes a frame, reverting to `rollbackTo` unless it is null. */
  finishFrame(rollbackTo: number | null): void {
    if (rollbackTo !== null) this.cache.rollback(rollbackTo);
  }

  /**
   * SLOAD (`apply_read_impl`): charges the access and returns the current value.
   * @throws OUT_OF_ERGS / OUT_OF_NATIVE (see resources.ts for the state left behind)
   */
  read(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word): Word {
    return this.materialize(ee, resources, address, key, false).current.value;
  }

  /** Warms a slot (`touch`; `isAccessList` for an EIP-2930 list entry, charged 1,900 gas each time). */
  touch(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, isAccessList: boolean): void {
    this.materialize(ee, resources, address, key, isAccessList);
  }

  /**
   * SSTORE (`apply_write_impl`): charges the read, then the write extra, then writes. Returns the
   * value it replaced. Gas (§6.5): read 100 (+2,000 cold) + 19,900 for 0 → x or 2,800 for y → x
   * when the slot still holds its transaction-start value, else 0; +100 when cold; no refunds.
   * Native (§6.6): read 4,000 (+121,120 / 242,240 cold) + 50,560 (existing) or 120,800 (new slot)
   * on every write, warm or not.
   */
  write(ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, value: Word): Word {
    const element = this.materialize(ee, resources, address, key, false);
    const wasWarm = this.lastWasWarm;
    const record = element.current;
    const current = record.value;
    let start = this.txStartValues.get(element.key);
    if (start === undefined) {
      start = { value: current, tx: this.txNumber };
      this.txStartValues.set(element.key, start);
    } else if (start.tx !== this.txNumber) {
      start.value = current;
      start.tx = this.txNumber;
    }
    chargeWriteExtra(ee, resources, start.value, current, value, wasWarm, record.appearance === Appearance.Unset);
    this.cache.update(element, {
      value,
      appearance: record.appearance === Appearance.Deconstructed ? Appearance.Deconstructed : Appearance.Updated,
      lastTouchedInTx: record.lastTouchedInTx,
    });
    return current;
  }

  /**
   * `clear_state_impl`: every cached slot of `address` becomes 0 with appearance Unset (the
   * self-destruct cleanup at transaction end). Slots never cached are not touched.
   */
  clearState(address: Address): void {
    const elements = this.byAddress.get(address);
    if (elements === undefined) return;
    for (const e of elements.values()) {
      this.cache.update(e, { value: ZERO_WORD, appearance: Appearance.Unset, lastTouchedInTx: e.current.lastTouchedInTx });
    }
  }

  /**
   * Pubdata this transaction adds for plain slots (`calculate_pubdata_used_by_tx`): for each slot
   * other than 0x8003's that changed since the transaction began and differs from its block-start
   * value, 32 (key) + the value diff's length against the block-start value.
   * @param accountsAddress - the 0x8003 address, whose slots are paid through account diffs
   * @param valueDiffLength - length of the optimal value-diff encoding (§4.5) of initial → final
   */
  pubdataUsedByTx(accountsAddress: Address, valueDiffLength: (initial: Word, final: Word) => number): number {
    const pass = this.cache.nextVisit();
    let total = 0;
    for (const e of this.cache.alteredSinceCommit()) {
      if (e.visited === pass) continue;
      e.visited = pass;
      if (e.key.address === accountsAddress) continue;
      const initial = e.initial.value;
      const current = e.current.value;
      if (initial !== current) total += 32 + valueDiffLength(initial, current);
    }
    return total;
  }

  /** The record of (address, key) if the block touched it (no charge, no oracle query). */
  peek(address: Address, key: Word): StorageRecord | undefined {
    return this.byAddress.get(address)?.get(key)?.current;
  }

  /**
   * Every touched slot in storage-cache order (`WarmStorageKey::cmp`, §3.6): addresses by their
   * ruint limbs, least-significant first, then keys byte-wise. This order numbers new tree leaves
   * and orders the pubdata state diffs.
   */
  entriesInCacheOrder(): StorageCacheEntry[] {
    const entries: StorageCacheEntry[] = [];
    // A block touches many slots of few addresses: one byte form per address, shared (read-only).
    const bytesOf = new Map<Address, Uint8Array>();
    for (const e of this.cache.values()) {
      const { address, key } = e.key;
      let addressBytes = bytesOf.get(address);
      if (addressBytes === undefined) bytesOf.set(address, (addressBytes = addressToBytes(address)));
      entries.push({
        address,
        key,
        initial: e.initial.value,
        current: e.current.value,
        isNewStorageSlot: e.initial.appearance === Appearance.Unset,
        hasUpdates: e.hasUpdates,
        addressBytes,
        keyBytes: wordToBytes(key),
      });
    }
    return entries.sort((a, b) => compareStorageCacheKeys(a.addressBytes, a.keyBytes, b.addressBytes, b.keyBytes));
  }

  /**
   * `materialize_element`: charge the warm read; on first sight in the block ask the oracle and
   * charge the cold extra by newness; on first sight in this transaction (cached but cold) charge
   * the cold extra as for an existing slot, whatever its newness; then record the warm-up (a
   * history record, so a reverted frame makes the slot cold again, as EIP-2929 wants).
   */
  private materialize(
    ee: ExecutionEnvironmentType, resources: Resources, address: Address, key: Word, isAccessList: boolean,
  ): HistoryElement<SlotKey, StorageRecord> {
    chargeWarmRead(ee, resources, isAccessList);
    let slots: Map<Word, HistoryElement<SlotKey, StorageRecord>> | undefined;
    let element: HistoryElement<SlotKey, StorageRecord> | undefined;
    const last = this.lastElement;
    if (last !== null && last.key.key === key && last.key.address === address) {
      element = last;
    } else {
      slots = this.byAddress.get(address);
      element = slots?.get(key);
    }
    const inserted = element === undefined;
    if (element === undefined) {
      let isNew: boolean;
      let value: Word;
      if (this.oracle.initialStorageSlotWord !== undefined) {
        const w = this.oracle.initialStorageSlotWord(address, key);
        isNew = w === undefined;
        value = w ?? ZERO_WORD;
      } else {
        const data = this.oracle.initialStorageSlotData(address, key);
        isNew = data.isNewStorageSlot;
        value = wordFromBytes(data.initialValue);
      }
      chargeColdReadExtra(ee, resources, isNew);
      const spawned: StorageRecord = { value, appearance: isNew ? Appearance.Unset : Appearance.Retrieved, lastTouchedInTx: NEVER_TOUCHED };
      element = this.cache.insert({ address, key }, spawned);
      if (slots === undefined) this.byAddress.set(address, (slots = new Map()));
      slots.set(key, element);
    }
    this.lastElement = element;
    const record = element.current;
    const warm = record.lastTouchedInTx === this.txNumber;
    if (!warm) {
      if (!inserted) chargeColdReadExtra(ee, resources, false);
      this.cache.update(element, { value: record.value, appearance: record.appearance, lastTouchedInTx: this.txNumber });
    }
    this.lastWasWarm = warm;
    return element;
  }
}

/** `charge_warm_storage_read`: every access. No ergs for the system (NoEE) except access-list keys. */
function chargeWarmRead(ee: ExecutionEnvironmentType, resources: Resources, isAccessList: boolean): void {
  const gas = ee === EE_TYPE_EVM ? WARM_STORAGE_READ_GAS : isAccessList ? ACCESS_LIST_STORAGE_KEY_GAS : 0;
  resources.charge(gas * ERGS_PER_GAS, WARM_STORAGE_READ_NATIVE_COST);
}

/** `charge_cold_storage_read_extra`: 2,000 gas (EVM only) and native by newness. */
function chargeColdReadExtra(ee: ExecutionEnvironmentType, resources: Resources, isNewSlot: boolean): void {
  const gas = ee === EE_TYPE_EVM ? COLD_SLOAD_GAS - WARM_STORAGE_READ_GAS : 0;
  resources.charge(gas * ERGS_PER_GAS, isNewSlot ? COLD_NEW_STORAGE_READ_NATIVE_COST : COLD_EXISTING_STORAGE_READ_NATIVE_COST);
}

/**
 * `charge_storage_write_extra`. "New" for native means the record is still Unset (never written
 * this block, or cleared by a self-destruct), not the tree-level newness.
 */
function chargeWriteExtra(
  ee: ExecutionEnvironmentType, resources: Resources, txStart: Word, current: Word, value: Word, wasWarm: boolean, isNewSlot: boolean,
): void {
  let gas = 0;
  if (ee === EE_TYPE_EVM) {
    if (value !== current && current === txStart) gas = isZeroWord(txStart) ? SSTORE_SET_EXTRA_GAS : SSTORE_RESET_EXTRA_GAS;
    if (!wasWarm) gas += COLD_SSTORE_EXTRA_GAS;
  }
  resources.charge(
    gas * ERGS_PER_GAS,
    isNewSlot ? COLD_NEW_STORAGE_WRITE_EXTRA_NATIVE_COST : COLD_EXISTING_STORAGE_WRITE_EXTRA_NATIVE_COST,
  );
}
