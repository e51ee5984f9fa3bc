/**
 * The in-memory Ethereum world state of the `ethereum` profile, with the transaction substate:
 * storage originals (EIP-2200), transient storage (EIP-1153), warm sets (EIP-2929), logs, the
 * refund counter, accounts created in the transaction and self-destructed ones (EIP-6780), and
 * the touched set whose empty members are deleted at the end of the transaction (EIP-161).
 * Every change is journaled, so a call frame reverts with revert(snapshot()).
 * @module
 */
import { ArgumentError } from "../errors";
import { hexToBytes, parseQuantity } from "../primitives/hex";
import { Account } from "./account";
import { addressToBytes, normalizeAddress, type Address } from "./address";
import { JournalKind, type JournalEntry } from "./journal";
import { wordFromBigint, wordFromBytes, wordToBytes, isZeroWord, ZERO_WORD, type Word } from "./word";

/** A log record of the running transaction (LOG0–LOG4). */
export interface Log {
  address: Address;
  /** 0–4 topics of 32 bytes each. */
  topics: Uint8Array[];
  data: Uint8Array;
}

/** An account of a pre-state in geth `alloc` style (hex strings) or as plain values. */
export interface AllocAccount {
  balance?: string | bigint;
  nonce?: string | bigint;
  code?: string | Uint8Array;
  /** Slot → value, as hex quantities or bigints. Zero values are ignored. */
  storage?: Record<string, string> | Map<bigint, bigint>;
}

export class WorldState {
  private readonly accounts = new Map<Address, Account>();
  private readonly journal: JournalEntry[] = [];
  private readonly warmAddresses = new Set<Address>();
  /**
   * Warm slots per address. Two lookups with strings whose hashes V8 has cached (the frame's
   * address, the slot Word also used for the storage lookup) beat hashing an address + Word
   * concatenation on every SLOAD (snailtracer spent 20% of its time there).
   */
  private readonly warmSlots = new Map<Address, Set<Word>>();
  /** The set of the address warmSlot saw last (a frame asks for its own slots, over and over). */
  private lastWarmAddress: Address | undefined;
  private lastWarmSet: Set<Word> | undefined;
  /** Keys are address + Word. */
  private readonly transientStorage = new Map<string, Word>();
  private readonly touched = new Set<Address>();
  private readonly created = new Set<Address>();
  private readonly destructed = new Set<Address>();
  /** Accounts whose txOriginal map must be dropped when the transaction ends. */
  private readonly writtenAccounts: Account[] = [];
  private readonly txLogs: Log[] = [];
  private refundCounter = 0;

  /**
   * A state holding `alloc` (address → account), e.g. a state test's `pre` or a block fixture's
   * `state`. @throws ArgumentError / InputError on malformed addresses or values.
   */
  static fromAlloc(alloc: Record<string, AllocAccount> | Map<Address, AllocAccount>): WorldState {
    const state = new WorldState();
    const entries = alloc instanceof Map ? alloc.entries() : Object.entries(alloc);
    for (const [address, a] of entries) state.putAccount(address, a);
    return state;
  }

  /** Adds or replaces an account outside any transaction (not journaled). */
  putAccount(address: string, a: AllocAccount): void {
    const addr = normalizeAddress(address);
    const q = (v: string | bigint | undefined, what: string): bigint =>
      v === undefined ? 0n : typeof v === "bigint" ? v : parseQuantity(v, `${addr}.${what}`);
    const code = a.code === undefined ? new Uint8Array(0) : typeof a.code === "string" ? hexToBytes(a.code, `${addr}.code`) : a.code;
    const storage = new Map<Word, Word>();
    if (a.storage instanceof Map) {
      for (const [k, v] of a.storage) if (v !== 0n) storage.set(wordFromBigint(k), wordFromBigint(v));
    } else if (a.storage !== undefined) {
      for (const [k, v] of Object.entries(a.storage)) {
        const value = parseQuantity(v, `${addr}.storage[${k}]`);
        if (value !== 0n) storage.set(wordFromBigint(parseQuantity(k, `${addr}.storage key`)), wordFromBigint(value));
      }
    }
    this.accounts.set(addr, new Account(q(a.nonce, "nonce"), q(a.balance, "balance"), code, storage));
  }

  // ---- reads

  /** The account, or undefined when it does not exist. Mutate it only through this class. */
  account(a: Address): Account | undefined {
    return this.accounts.get(a);
  }

  exists(a: Address): boolean {
    return this.accounts.has(a);
  }

  /** EIP-161 "dead": missing or empty. */
  isDead(a: Address): boolean {
    const acc = this.accounts.get(a);
    return acc === undefined || acc.isEmpty;
  }

  balance(a: Address): bigint {
    return this.accounts.get(a)?.balance ?? 0n;
  }

  nonce(a: Address): bigint {
    return this.accounts.get(a)?.nonce ?? 0n;
  }

  code(a: Address): Uint8Array {
    return this.accounts.get(a)?.code ?? new Uint8Array(0);
  }

  /** The current value of a slot (ZERO_WORD when unset). */
  storage(a: Address, key: Word): Word {
    return this.accounts.get(a)?.storage.get(key) ?? ZERO_WORD;
  }

  /** The slot's value at the start of the running transaction (EIP-2200 "original value"). */
  originalStorage(a: Address, key: Word): Word {
    const acc = this.accounts.get(a);
    if (acc === undefined) return ZERO_WORD;
    const orig = acc.txOriginal?.get(key);
    return orig !== undefined ? orig : (acc.storage.get(key) ?? ZERO_WORD);
  }

  transient(a: Address, key: Word): Word {
    return this.transientStorage.get(a + key) ?? ZERO_WORD;
  }

  // ---- journaled writes

  /** The account, created empty (journaled) when missing. */
  ensureAccount(a: Address): Account {
    let acc = this.accounts.get(a);
    if (acc === undefined) {
      acc = new Account();
      this.accounts.set(a, acc);
      this.journal.push({ kind: JournalKind.AccountCreated, address: a });
      this.touch(a);
    }
    return acc;
  }

  /** Marks the account touched (EIP-161): if it is empty when the transaction ends, it is deleted. */
  touch(a: Address): void {
    if (!this.touched.has(a)) {
      this.touched.add(a);
      this.journal.push({ kind: JournalKind.Touched, address: a });
    }
  }

  setBalance(a: Address, value: bigint): void {
    const acc = this.ensureAccount(a);
    this.journal.push({ kind: JournalKind.Balance, account: acc, prev: acc.balance });
    acc.balance = value;
    this.touch(a);
  }

  /** Adds `value` (possibly 0, which still touches the account). */
  addBalance(a: Address, value: bigint): void {
    this.setBalance(a, this.balance(a) + value);
  }

  /** Subtracts `value`. @throws ArgumentError when the balance is smaller (callers check first). */
  subBalance(a: Address, value: bigint): void {
    const b = this.balance(a);
    if (b < value) throw new ArgumentError(`balance of ${a} is ${b}, cannot subtract ${value}`);
    this.setBalance(a, b - value);
  }

  setNonce(a: Address, value: bigint): void {
    const acc = this.ensureAccount(a);
    this.journal.push({ kind: JournalKind.Nonce, account: acc, prev: acc.nonce });
    acc.nonce = value;
    this.touch(a);
  }

  setCode(a: Address, code: Uint8Array): void {
    const acc = this.ensureAccount(a);
    this.journal.push({ kind: JournalKind.Code, account: acc, prev: acc.code });
    acc.setCode(code);
    this.touch(a);
  }

  /** Writes a slot, remembering its original value for the transaction (EIP-2200). */
  setStorage(a: Address, key: Word, value: Word): void {
    const acc = this.ensureAccount(a);
    const prev = acc.storage.get(key);
    if (acc.txOriginal === undefined) {
      acc.txOriginal = new Map();
      this.writtenAccounts.push(acc);
    }
    if (!acc.txOriginal.has(key)) acc.txOriginal.set(key, prev ?? ZERO_WORD);
    this.journal.push({ kind: JournalKind.Storage, account: acc, key, prev });
    if (isZeroWord(value)) acc.storage.delete(key);
    else acc.storage.set(key, value);
    this.touch(a);
  }

  setTransient(a: Address, key: Word, value: Word): void {
    const k = a + key;
    this.journal.push({ kind: JournalKind.Transient, key: k, prev: this.transientStorage.get(k) });
    if (isZeroWord(value)) this.transientStorage.delete(k);
    else this.transientStorage.set(k, value);
  }

  // ---- EIP-2929 access sets

  isWarmAddress(a: Address): boolean {
    return this.warmAddresses.has(a);
  }

  /** Warms an address; returns true when it was cold. */
  warmAddress(a: Address): boolean {
    if (this.warmAddresses.has(a)) return false;
    this.warmAddresses.add(a);
    this.journal.push({ kind: JournalKind.WarmAddress, address: a });
    return true;
  }

  isWarmSlot(a: Address, key: Word): boolean {
    return this.warmSlots.get(a)?.has(key) ?? false;
  }

  /** Warms a slot; returns true when it was cold. */
  warmSlot(a: Address, key: Word): boolean {
    let set = a === this.lastWarmAddress ? this.lastWarmSet : this.warmSlots.get(a);
    if (set === undefined) {
      set = new Set();
      this.warmSlots.set(a, set);
    } else if (set.has(key)) {
      return false;
    }
    this.lastWarmAddress = a;
    this.lastWarmSet = set;
    set.add(key);
    this.journal.push({ kind: JournalKind.WarmSlot, address: a, key });
    return true;
  }

  // ---- substate

  /** The refund counter (gas) of the running transaction. */
  get refund(): number {
    return this.refundCounter;
  }

  /** Adds `delta` (may be negative) to the refund counter. */
  addRefund(delta: number): void {
    if (delta === 0) return;
    this.journal.push({ kind: JournalKind.Refund, prev: this.refundCounter });
    this.refundCounter += delta;
  }

  /** The logs of the running transaction, in emission order. */
  get logs(): readonly Log[] {
    return this.txLogs;
  }

  addLog(log: Log): void {
    this.txLogs.push(log);
    this.journal.push({ kind: JournalKind.Log });
  }

  /** Records that the account was created by this transaction (EIP-6780). */
  markCreated(a: Address): void {
    if (!this.created.has(a)) {
      this.created.add(a);
      this.journal.push({ kind: JournalKind.Created, address: a });
    }
  }

  createdInTransaction(a: Address): boolean {
    return this.created.has(a);
  }

  /** Schedules the account for deletion at the end of the transaction (EIP-6780: only if created in it). */
  markSelfdestructed(a: Address): void {
    if (!this.destructed.has(a)) {
      this.destructed.add(a);
      this.journal.push({ kind: JournalKind.Selfdestructed, address: a });
    }
  }

  // ---- snapshots

  /** A snapshot id: the journal length. */
  snapshot(): number {
    return this.journal.length;
  }

  /** Undoes every change made since `snapshot` was taken. */
  revert(snapshot: number): void {
    const j = this.journal;
    while (j.length > snapshot) {
      const e = j.pop()!;
      switch (e.kind) {
        case JournalKind.AccountCreated: this.accounts.delete(e.address); break;
        case JournalKind.Balance: e.account.balance = e.prev; break;
        case JournalKind.Nonce: e.account.nonce = e.prev; break;
        case JournalKind.Code: e.account.setCode(e.prev); break;
        case JournalKind.Storage:
          if (e.prev === undefined) e.account.storage.delete(e.key);
          else e.account.storage.set(e.key, e.prev);
          break;
        case JournalKind.Transient:
          if (e.prev === undefined) this.transientStorage.delete(e.key);
          else this.transientStorage.set(e.key, e.prev);
          break;
        case JournalKind.WarmAddress: this.warmAddresses.delete(e.address); break;
        case JournalKind.WarmSlot: this.warmSlots.get(e.address)!.delete(e.key); break;
        case JournalKind.Touched: this.touched.delete(e.address); break;
        case JournalKind.Created: this.created.delete(e.address); break;
        case JournalKind.Selfdestructed: this.destructed.delete(e.address); break;
        case JournalKind.Log: this.txLogs.pop(); break;
        case JournalKind.Refund: this.refundCounter = e.prev; break;
      }
    }
  }

  // ---- transaction boundaries

  /** Starts a transaction: empty substate (access sets, logs, refund, transient storage). */
  beginTransaction(): void {
    this.clearSubstate();
  }

  /**
   * Ends the transaction: deletes accounts self-destructed in the transaction that created them
   * (EIP-6780) and touched accounts that are empty (EIP-161), then clears the substate. Logs and
   * the refund counter must be read before.
   */
  finalizeTransaction(): void {
    for (const a of this.destructed) if (this.created.has(a)) this.accounts.delete(a);
    for (const a of this.touched) {
      const acc = this.accounts.get(a);
      if (acc !== undefined && acc.isEmpty) this.accounts.delete(a);
    }
    this.clearSubstate();
  }

  private clearSubstate(): void {
    this.journal.length = 0;
    this.warmAddresses.clear();
    this.warmSlots.clear();
    this.lastWarmAddress = undefined;
    this.lastWarmSet = undefined;
    this.transientStorage.clear();
    this.touched.clear();
    this.created.clear();
    this.destructed.clear();
    for (const acc of this.writtenAccounts) acc.txOriginal = undefined;
    this.writtenAccounts.length = 0;
    this.txLogs.length = 0;
    this.refundCounter = 0;
  }

  // ---- iteration

  /** Every existing account, in insertion order. */
  entries(): IterableIterator<[Address, Account]> {
    return this.accounts.entries();
  }

  get size(): number {
    return this.accounts.size;
  }

  /**
   * The accounts in the shape ts/ethereum/mpt.ts `trieAccount` takes: 20-byte address, nonce,
   * balance, code, and storage as (32-byte big-endian key, value) pairs.
   */
  *trieInput(): IterableIterator<[Uint8Array, { nonce: bigint; balance: bigint; code: Uint8Array; storage: [Uint8Array, Uint8Array][] }]> {
    for (const [address, acc] of this.accounts) {
      const storage: [Uint8Array, Uint8Array][] = [];
      for (const [k, v] of acc.storage) storage.push([wordToBytes(k), wordToBytes(v)]);
      yield [addressToBytes(address), { nonce: acc.nonce, balance: acc.balance, code: acc.code, storage }];
    }
  }
}

/** The word of a slot given as hex or bigint (for API callers). */
export function slotWord(slot: bigint | string | Uint8Array): Word {
  if (typeof slot === "bigint") return wordFromBigint(slot);
  if (typeof slot === "string") return wordFromBigint(parseQuantity(slot, "slot"));
  return wordFromBytes(slot);
}
