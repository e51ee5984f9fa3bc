/**
 * The account cache of ZKsync OS (basic_system flat_storage_model/account_cache.rs at 0a82da0):
 * account records read through their hash in slot (0x8003, address) plus the 124-byte preimage,
 * updated with history (nonces, balances, code, self-destruct marks), warm per transaction, and
 * written back as hashes at block end (zksync-os-reference.md §1.2–§1.4, §6.5, §6.6).
 * @module
 */
import { blake2s256 } from "../crypto/blake2s";
import { HistoryMap, type HistoryElement } from "../system/history-map";
import { ERGS_PER_GAS, type Resources } from "../system/resources";
import { NUMERIC_BOUNDS, type AccountDiff, type ExecutionEnvironmentType } from "../system/io";
import { addressFromBytes, smallAddressNumber, type Address } from "../state/address";
import { isZeroWord, wordFromBytes, wordToBytes, type Word } from "../state/word";
import { InternalBlockError } from "../zksync/validation-errors";
import {
  ACCOUNT_PROPERTIES_ENCODED_LEN, DEFAULT_CODE_VERSION, DEPLOYED_MARKER, EE_TYPE_EVM, EE_TYPE_NONE, TRIVIAL_ACCOUNT_PROPERTIES,
  accountPropertiesEqual, decodeAccountProperties, encodeAccountPropertiesInto, withEvmBytecode, type AccountProperties,
} from "./account-properties";
import { ACCOUNT_PROPERTIES_STORAGE_ADDRESS } from "./flat-key";
import { Appearance, type StorageCache } from "./storage-cache";
import { PreimageType, type PreimageCache } from "./preimage-cache";

/** `ACCOUNT_PROPERTIES_STORAGE_ADDRESS` (0x…8003, ts/storage/flat-key.ts) as an Address string. */
export const ACCOUNT_PROPERTIES_ADDRESS: Address = addressFromBytes(ACCOUNT_PROPERTIES_STORAGE_ADDRESS);

/** An account's record with its code. */
export interface AccountWithBytecode {
  readonly properties: AccountProperties;
  /** Shared and never mutated; empty for an account without code. */
  readonly bytecode: Uint8Array;
}

/** One history record of an account. */
export interface AccountRecord {
  readonly properties: AccountProperties;
  readonly appearance: Appearance;
  /** Cache transaction number of the last access (warm iff current); -1 never. */
  readonly lastTouchedInTx: number;
  /** Cache transaction number of the last deployment; -1 never (EIP-6780 needs it). */
  readonly deployedInTx: number;
  /** Force-deployed: pubdata carries the bytecode hash instead of the code. */
  readonly notPublishBytecode: boolean;
}

// Gas (evm_interpreter gas_constants.rs, flat_storage_model/cost_constants.rs).
const WARM_ACCESS_GAS = 100;
const COLD_ACCESS_EXTRA_GAS = 2_500;
const SELFBALANCE_GAS = 5;
const ACCESS_LIST_ADDRESS_GAS = 2_400;
const CODE_DEPOSIT_GAS_PER_BYTE = 200;
const NEW_ACCOUNT_GAS = 25_000;
/** Native of every account access and the extra of every account write. */
export const WARM_ACCOUNT_CACHE_ACCESS_NATIVE_COST = 4_000;
export const WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST = 1_000;
/** Highest precompile address: accesses to 0x01–0x0a are never charged the cold extra. */
const HIGHEST_PRECOMPILE = 10;

const U256_MAX = (1n << 256n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const LOW_40_BITS = (1n << 40n) - 1n;
const NEVER = -1;

function isPrecompile(address: Address): boolean {
  const n = smallAddressNumber(address);
  return n > 0 && n <= HIGHEST_PRECOMPILE;
}

/**
 * The slot key of an account's hash: 12 zero bytes ‖ address, as a Word (its ten low 16-bit digits
 * are the address's last 40 hex digits, four at a time from the end; the top six are zero).
 */
export function accountPropertiesKey(address: Address): Word {
  // One fromCharCode call makes a flat string; a += chain made a cons string that every Map lookup flattened.
  const d = (i: number): number => (hexDigit(address, i) << 12) | (hexDigit(address, i + 1) << 8) | (hexDigit(address, i + 2) << 4) | hexDigit(address, i + 3);
  return String.fromCharCode(d(38), d(34), d(30), d(26), d(22), d(18), d(14), d(10), d(6), d(2), 0, 0, 0, 0, 0, 0);
}

// The value of the hex digit at `i` (Address strings are lower-case, ts/state/address.ts; `| 32` lower-cases A–F anyway).
function hexDigit(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** Accounts cached for one block. */
export class AccountCache {
  private readonly cache = new HistoryMap<Address, AccountRecord>();
  private readonly storage: StorageCache;
  private readonly preimages: PreimageCache;
  private txNumber = 0;

  constructor(storage: StorageCache, preimages: PreimageCache) {
    this.storage = storage;
    this.preimages = preimages;
  }

  beginNewTx(): void {
    this.cache.commit();
    this.txNumber++;
  }

  startFrame(): number {
    return this.cache.snapshot();
  }

  finishFrame(rollbackTo: number | null): void {
    if (rollbackTo !== null) this.cache.rollback(rollbackTo);
  }

  /**
   * The account's record (charging the access). Like the reference, it also fetches the code's
   * preimage when the account has code: zk_ee `Maybe::try_construct` runs its closure even for
   * `Nothing`, so every `read_account_properties` asks the preimage cache (and, on a miss, the oracle).
   */
  readAccountProperties(ee: ExecutionEnvironmentType, resources: Resources, address: Address): AccountProperties {
    return this.readWithBytecode(ee, resources, address).properties;
  }

  /** Warms the account (EIP-2930 entry when `isAccessList`: 2,400 gas for NoEE). */
  touchAccount(ee: ExecutionEnvironmentType, resources: Resources, address: Address, isAccessList: boolean): void {
    this.materialize(ee, resources, address, false, isAccessList);
  }

  /**
   * The account's code, from the preimage cache (the record must agree: zero hash ⇔ no code).
   * @throws InternalBlockError when a zero bytecode hash comes with non-zero lengths
   */
  readBytecode(ee: ExecutionEnvironmentType, resources: Resources, address: Address): Uint8Array {
    return this.readWithBytecode(ee, resources, address).bytecode;
  }

  /**
   * The record and the code in one access (`read_account_properties`): one account access, then the
   * code's preimage (one preimage-cache lookup per call, the oracle only on a miss).
   */
  readWithBytecode(ee: ExecutionEnvironmentType, resources: Resources, address: Address): AccountWithBytecode {
    const properties = this.materialize(ee, resources, address, false, false).current.properties;
    return { properties, bytecode: this.bytecodeOf(resources, address, properties) };
  }

  private bytecodeOf(resources: Resources, address: Address, p: AccountProperties): Uint8Array {
    if (isZeroHash(p.bytecodeHash)) {
      if (p.bytecodeLen !== 0 || p.artifactsLen !== 0 || p.observableBytecodeLen !== 0) {
        throw new InternalBlockError("account cache", `${address}: lengths without a bytecode hash`);
      }
      return EMPTY;
    }
    return this.preimages.getPreimage(resources, p.bytecodeHash, p.bytecodeLen, PreimageType.Bytecode);
  }

  /**
   * SELFBALANCE (`read_account_balance_assuming_warm`): 5 gas for the EVM, nothing else.
   * @throws InternalBlockError if the account was never cached
   */
  readBalanceAssumingWarm(ee: ExecutionEnvironmentType, resources: Resources, address: Address): bigint {
    if (ee === EE_TYPE_EVM) resources.charge(SELFBALANCE_GAS * ERGS_PER_GAS, 0);
    const e = this.cache.get(address);
    if (e === undefined) throw new InternalBlockError("account cache", "Balance assumed warm but not in cache");
    return e.current.properties.balance;
  }

  /** Adds `by` to the nonce; returns the old one. @throws NUMERIC_BOUNDS past 2^64 − 1 */
  incrementNonce(ee: ExecutionEnvironmentType, resources: Resources, address: Address, by: bigint): bigint {
    const e = this.materialize(ee, resources, address, false, false);
    resources.charge(0, WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST);
    const nonce = e.current.properties.nonce;
    const next = nonce + by;
    if (next > U64_MAX) throw NUMERIC_BOUNDS;
    const p = e.current.properties;
    this.setProperties(e, properties(p.versioningData, next, p.balance, p));
    return nonce;
  }

  /** Balance ± `diff`; returns the old balance. @throws NUMERIC_BOUNDS outside [0, 2^256) */
  updateBalance(ee: ExecutionEnvironmentType, resources: Resources, address: Address, diff: bigint, subtract: boolean): bigint {
    return this.updateBalanceInner(ee, resources, address, diff, subtract, false);
  }

  /** Moves `amount` from `from` to `to` (two balance updates). @throws NUMERIC_BOUNDS */
  transfer(ee: ExecutionEnvironmentType, resources: Resources, from: Address, to: Address, amount: bigint): void {
    this.transferInner(ee, resources, from, to, amount, false);
  }

  /**
   * `deploy_code` for EVM code: 200 gas per byte (EVM), then with unmetered ergs the account
   * access; records the code as a preimage (Blake2s key) and sets hashes, lengths and versioning
   * (deployed, EVM, code version 1). Returns the stored code.
   */
  deployCode(ee: ExecutionEnvironmentType, resources: Resources, at: Address, bytecode: Uint8Array): Uint8Array {
    if (ee === EE_TYPE_EVM) resources.charge(CODE_DEPOSIT_GAS_PER_BYTE * bytecode.length * ERGS_PER_GAS, 0);
    const e = resources.withInfiniteErgs((r) => this.materialize(ee, r, at, false, false));
    if (ee !== EE_TYPE_EVM) throw new InternalBlockError("account cache", "Unsupported EE");
    const properties = withEvmBytecode(bytecode, e.current.properties);
    const stored = this.preimages.recordPreimage(resources, properties.bytecodeHash, bytecode.length, PreimageType.Bytecode, bytecode);
    resources.charge(0, WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST);
    const r = e.current;
    this.cache.update(e, { ...updated(r), properties, deployedInTx: this.txNumber, notPublishBytecode: false });
    return stored;
  }

  /** `set_bytecode_details` (force deploy): code metadata without the code; pubdata will carry the hash. */
  setBytecodeDetails(
    resources: Resources, at: Address, ee: number, bytecodeHash: Uint8Array, bytecodeLen: number, artifactsLen: number,
    observableBytecodeHash: Uint8Array, observableBytecodeLen: number,
  ): void {
    const e = resources.withInfiniteErgs((r) => this.materialize(EE_TYPE_NONE, r, at, false, false));
    resources.charge(0, WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST);
    const r = e.current;
    const versioningData = (r.properties.versioningData & LOW_40_BITS) | (BigInt(DEPLOYED_MARKER) << 56n)
      | (BigInt(ee) << 48n) | (BigInt(DEFAULT_CODE_VERSION) << 40n);
    const properties: AccountProperties = {
      ...r.properties, versioningData, bytecodeHash: bytecodeHash.slice(), bytecodeLen, artifactsLen,
      observableBytecodeHash: observableBytecodeHash.slice(), observableBytecodeLen,
    };
    this.cache.update(e, { ...updated(r), properties, deployedInTx: this.txNumber, notPublishBytecode: true });
  }

  /**
   * SELFDESTRUCT (`mark_for_deconstruction`, EIP-6780): the account is marked when it was deployed
   * in this transaction or is still in its constructor; the balance goes to the beneficiary (or,
   * marked and self-beneficiary, to nothing); 25,000 gas more when that funds an empty account.
   * The mark takes effect at transaction end ({@link finishTx}).
   */
  markForDeconstruction(ee: ExecutionEnvironmentType, resources: Resources, at: Address, beneficiary: Address, inConstructor: boolean): void {
    const e = this.materialize(ee, resources, at, true, false);
    resources.charge(0, WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST);
    const amount = e.current.properties.balance;
    const marked = e.current.deployedInTx === this.txNumber || inConstructor;
    if (marked) this.cache.update(e, { ...e.current, appearance: Appearance.Deconstructed });
    if (at !== beneficiary) {
      try {
        this.transferInner(ee, resources, at, beneficiary, amount, true);
      } catch (err) {
        if (err === NUMERIC_BOUNDS) throw new InternalBlockError("account cache", "Impossible, not enough balance in deconstruction");
        throw err;
      }
    } else if (marked) {
      this.setProperties(e, { ...e.current.properties, balance: 0n });
    }
    if (amount !== 0n && ee === EE_TYPE_EVM) {
      const b = this.cache.get(beneficiary);
      if (b === undefined) throw new InternalBlockError("account cache", "Account assumed warm but not in cache");
      const p = b.current.properties;
      if (p.nonce === 0n && p.bytecodeLen === 0 && p.balance === amount) resources.charge(NEW_ACCOUNT_GAS * ERGS_PER_GAS, 0);
    }
  }

  /** `finish_tx`: applies this transaction's self-destructs. */
  finishTx(): void {
    this.deconstructMarkedAccounts();
  }

  /**
   * Pubdata the running transaction adds through account changes: for each account altered since
   * the transaction began, the account diff's length against its block-start record (§4.6).
   */
  pubdataUsedByTx(accountDiffLength: (initial: AccountProperties, final: AccountProperties, notPublishBytecode: boolean) => number): number {
    const pass = this.cache.nextVisit();
    let total = 0;
    for (const e of this.cache.alteredSinceCommit()) {
      if (e.visited === pass) continue;
      e.visited = pass;
      total += accountDiffLength(e.initial.properties, e.current.properties, e.current.notPublishBytecode);
    }
    return total;
  }

  /**
   * Block end (`persist_changes`): for every account whose record differs from its block-start
   * record, registers the 124-byte encoding as a preimage and writes its Blake2s hash into slot
   * (0x8003, address), both with unmetered resources. Returns those accounts by address.
   */
  persistChanges(resources: Resources): Map<Address, AccountDiff> {
    const changed = new Map<Address, AccountDiff>();
    const persisted: HistoryElement<Address, AccountRecord>[] = [];
    for (const e of this.cache.values()) {
      if (e.hasUpdates && !accountPropertiesEqual(e.initial.properties, e.current.properties)) persisted.push(e);
    }
    // The encodings are views of one buffer (they live on as preimages).
    const encodings = new Uint8Array(persisted.length * ACCOUNT_PROPERTIES_ENCODED_LEN);
    for (let i = 0; i < persisted.length; i++) {
      const e = persisted[i]!;
      const initial = e.initial.properties;
      const final = e.current.properties;
      const encoding = encodings.subarray(i * ACCOUNT_PROPERTIES_ENCODED_LEN, (i + 1) * ACCOUNT_PROPERTIES_ENCODED_LEN);
      encodeAccountPropertiesInto(final, encoding);
      const hash = blake2s256(encoding);
      this.preimages.recordPreimage(resources, hash, ACCOUNT_PROPERTIES_ENCODED_LEN, PreimageType.AccountData, encoding);
      this.storage.write(EE_TYPE_NONE, resources, ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(e.key), wordFromBytes(hash));
      changed.set(e.key, { address: e.key, initial, final, notPublishBytecode: e.current.notPublishBytecode });
    }
    return changed;
  }

  /** The cached record of `address`, if any (no charge, no oracle query). */
  peek(address: Address): AccountRecord | undefined {
    return this.cache.get(address)?.current;
  }

  /**
   * EIP-6780 cleanup at transaction end, with the reference's two quirks (copied on purpose):
   * 1. an account created in this transaction over a non-trivial pre-existing record (e.g. one that
   *    held a balance) ends with the trivial record, so its slot gets hash(TRIVIAL) = 0x7a2b…02b2 at
   *    block end, not 0 (an account that did not exist ends equal to its initial record: no write);
   * 2. the Deconstructed mark stays for the rest of the block, so a later transaction that so much
   *    as warms the account resets it to trivial again and clears its cached slots again.
   * Every account touched since the transaction began and marked Deconstructed gets the trivial
   * record in place (no new history record) and every cached slot of it is set to 0 (Unset).
   */
  private deconstructMarkedAccounts(): void {
    const pass = this.cache.nextVisit();
    for (const e of this.cache.alteredSinceCommit()) {
      if (e.visited === pass) continue;
      e.visited = pass;
      if (e.current.appearance !== Appearance.Deconstructed) continue;
      this.cache.overwriteCurrent(e, { ...e.current, properties: TRIVIAL_ACCOUNT_PROPERTIES });
      this.storage.clearState(e.key);
    }
  }

  private setProperties(e: HistoryElement<Address, AccountRecord>, p: AccountProperties): void {
    const r = e.current;
    const appearance = r.appearance === Appearance.Deconstructed ? r.appearance : Appearance.Updated;
    this.cache.update(e, record(p, appearance, r.lastTouchedInTx, r.deployedInTx, r.notPublishBytecode));
  }

  private updateBalanceInner(
    ee: ExecutionEnvironmentType, resources: Resources, address: Address, diff: bigint, subtract: boolean, isSelfdestruct: boolean,
  ): bigint {
    const e = this.materialize(ee, resources, address, isSelfdestruct, false);
    resources.charge(0, WARM_ACCOUNT_CACHE_WRITE_EXTRA_NATIVE_COST);
    const balance = e.current.properties.balance;
    const next = subtract ? balance - diff : balance + diff;
    if (next < 0n || next > U256_MAX) throw NUMERIC_BOUNDS;
    const p = e.current.properties;
    this.setProperties(e, properties(p.versioningData, p.nonce, next, p));
    return balance;
  }

  private transferInner(
    ee: ExecutionEnvironmentType, resources: Resources, from: Address, to: Address, amount: bigint, isSelfdestruct: boolean,
  ): void {
    this.updateBalanceInner(ee, resources, from, amount, true, isSelfdestruct);
    this.updateBalanceInner(ee, resources, to, amount, false, isSelfdestruct);
  }

  /**
   * `materialize_element`: 4,000 native and (EVM) 100 gas on every access (SELFDESTRUCT's own
   * accesses skip the 100; an EIP-2930 entry pays 2,400 as NoEE); on first sight in the block the
   * cold extra (EVM: 2,500 gas, none for precompiles 0x01–0x0a, +100 for SELFDESTRUCT), then the
   * hash from slot (0x8003, address) with unmetered ergs and, unless zero, the record's preimage;
   * on first sight in the transaction the same cold extra. Warming is a history record.
   */
  private materialize(
    ee: ExecutionEnvironmentType, resources: Resources, address: Address, isSelfdestruct: boolean, isAccessList: boolean,
  ): HistoryElement<Address, AccountRecord> {
    const gas = ee === EE_TYPE_EVM ? (isSelfdestruct ? 0 : WARM_ACCESS_GAS) : isAccessList ? ACCESS_LIST_ADDRESS_GAS : 0;
    resources.charge(gas * ERGS_PER_GAS, WARM_ACCOUNT_CACHE_ACCESS_NATIVE_COST);
    let e = this.cache.get(address);
    const inserted = e === undefined;
    if (e === undefined) {
      chargeColdExtra(ee, resources, address, isSelfdestruct);
      const spawned = this.loadRecord(resources, address);
      e = this.cache.getOrInsert(address, () => spawned);
    }
    const r = e.current;
    if (r.lastTouchedInTx !== this.txNumber) {
      if (!inserted) chargeColdExtra(ee, resources, address, isSelfdestruct);
      this.cache.update(e, record(r.properties, r.appearance, this.txNumber, r.deployedInTx, r.notPublishBytecode));
    }
    return e;
  }

  private loadRecord(resources: Resources, address: Address): AccountRecord {
    const hash = resources.withInfiniteErgs((r) => this.storage.read(EE_TYPE_NONE, r, ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(address)));
    if (isZeroWord(hash)) {
      return { properties: TRIVIAL_ACCOUNT_PROPERTIES, appearance: Appearance.Unset, lastTouchedInTx: NEVER, deployedInTx: NEVER, notPublishBytecode: false };
    }
    const preimage = this.preimages.getPreimage(resources, wordToBytes(hash), ACCOUNT_PROPERTIES_ENCODED_LEN, PreimageType.AccountData);
    return {
      properties: decodeAccountProperties(preimage, `account record of ${address}`),
      appearance: Appearance.Retrieved,
      lastTouchedInTx: NEVER,
      deployedInTx: NEVER,
      notPublishBytecode: false,
    };
  }
}

const EMPTY = new Uint8Array(0);

function isZeroHash(h: Uint8Array): boolean {
  for (let i = 0; i < h.length; i++) if (h[i] !== 0) return false;
  return true;
}

/**
 * The hot updates (balance, nonce, warm-up) build records and properties with one literal each
 * instead of a spread: every record then shares one shape (a spread of the frozen trivial record
 * or of a decoded one did not), ~3% of the block thread in the 1,000-transfer profile.
 */
function record(properties: AccountProperties, appearance: Appearance, lastTouchedInTx: number, deployedInTx: number, notPublishBytecode: boolean): AccountRecord {
  return { properties, appearance, lastTouchedInTx, deployedInTx, notPublishBytecode };
}

function properties(versioningData: bigint, nonce: bigint, balance: bigint, p: AccountProperties): AccountProperties {
  return {
    versioningData, nonce, balance, bytecodeHash: p.bytecodeHash, bytecodeLen: p.bytecodeLen, artifactsLen: p.artifactsLen,
    observableBytecodeHash: p.observableBytecodeHash, observableBytecodeLen: p.observableBytecodeLen,
  };
}

/** The record with `CacheRecord::update`'s appearance change: Updated, unless Deconstructed. */
function updated(r: AccountRecord): AccountRecord {
  return r.appearance === Appearance.Deconstructed || r.appearance === Appearance.Updated ? r : { ...r, appearance: Appearance.Updated };
}

function chargeColdExtra(ee: ExecutionEnvironmentType, resources: Resources, address: Address, isSelfdestruct: boolean): void {
  if (ee !== EE_TYPE_EVM) return;
  const gas = (isPrecompile(address) ? 0 : COLD_ACCESS_EXTRA_GAS) + (isSelfdestruct ? WARM_ACCESS_GAS : 0);
  resources.charge(gas * ERGS_PER_GAS, 0);
}
