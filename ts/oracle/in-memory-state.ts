/**
 * An in-memory ZKsync OS state under the flat storage model (zksync-os-reference.md §1.2, §2, §3;
 * interfaces.md §3) and the forward-mode oracle over it (forward_system/src/run/oracle.rs at
 * 0a82da0): slot values by (address, key), account records as hashes in (0x8003, address) slots,
 * preimages by Blake2s hash, and the state tree (ts/storage/tree.ts) for roots and tree queries.
 * @module
 */
import { InputError } from "../errors";
import { hexToBytes, parseQuantity, bytesToHex } from "../primitives/hex";
import { addressToBytes, normalizeAddress, type Address } from "../state/address";
import { ZERO_WORD, wordFromBigint, wordFromBytes, wordToBytes, type Word } from "../state/word";
import type { AllocAccount } from "../state/world-state";
import {
  ACCOUNT_PROPERTIES_ENCODED_LEN, TRIVIAL_ACCOUNT_PROPERTIES, decodeAccountProperties, encodeAccountProperties,
  isTrivialAccount, withEvmBytecode, type AccountProperties,
} from "../storage/account-properties";
import { ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey } from "../storage/account-cache";
import { flatKey } from "../storage/flat-key";
import { preimageKey } from "../storage/preimage-cache";
import { StateTree, type TreeWrite } from "../storage/tree";
import type { LeafProof } from "../storage/merkle";
import { blake2s256 } from "../crypto/blake2s";
import type { BlockMetadata, IOImplementerInit, InitialStorageSlotData, Oracle } from "./oracle";

/** What a block changes in the state: the IO subsystem's block-end lists (ts/system/io.ts BlockIOResult). */
export interface StateUpdate {
  /** Changed slots, in storage-cache order (new tree leaves are numbered in this order). */
  readonly storageWrites: readonly { readonly address: Address; readonly key: Word; readonly flatKey: Uint8Array; readonly value: Word }[];
  /** Preimages the block registered. */
  readonly preimages: readonly { readonly hash: Uint8Array; readonly preimage: Uint8Array }[];
}

// Slot values by address, then key: two lookups of short strings instead of one of a 58-unit
// concatenation, which had to be built and hashed on every read (measured: ~2% of the block bench).
class SlotMap {
  private readonly byAddress = new Map<Address, Map<Word, Word>>();

  get(address: Address, key: Word): Word | undefined {
    return this.byAddress.get(address)?.get(key);
  }

  set(address: Address, key: Word, value: Word): void {
    let m = this.byAddress.get(address);
    if (m === undefined) this.byAddress.set(address, (m = new Map()));
    m.set(key, value);
  }

  clone(): SlotMap {
    const out = new SlotMap();
    for (const [a, m] of this.byAddress) out.byAddress.set(a, new Map(m));
    return out;
  }
}

/** A ZKsync OS state held in memory. */
export class InMemoryState {
  /** The state tree: root, next free slot, proofs. */
  readonly tree: StateTree;
  /** address → key → value for every slot in the tree (zero values included: slots are never deleted). */
  private readonly slots: SlotMap;
  /** preimageKey(Blake2s hash) → preimage. */
  private readonly preimages: Map<string, Uint8Array>;

  private constructor(tree: StateTree, slots: SlotMap, preimages: Map<string, Uint8Array>) {
    this.tree = tree;
    this.slots = slots;
    this.preimages = preimages;
  }

  /** The genesis state: the two guard leaves only. */
  static empty(): InMemoryState {
    return new InMemoryState(StateTree.genesis(), new SlotMap(), new Map());
  }

  /**
   * A state holding `alloc` (geth `alloc` style: address → balance, nonce, code, storage). Each
   * account with a non-trivial record gets its properties hash in slot (0x8003, address) and its
   * record (and code, deployed as EVM code) as preimages; each non-zero slot gets a leaf. The tree
   * is built by inserting those leaves in ascending flat-key order after the guards.
   * @throws InputError on malformed addresses or values
   */
  static fromPreState(alloc: Record<string, AllocAccount> | ReadonlyMap<string, AllocAccount>): InMemoryState {
    const slots = new SlotMap();
    const preimages = new Map<string, Uint8Array>();
    const leaves: TreeWrite[] = [];
    const put = (address: Address, key: Word, value: Word): void => {
      slots.set(address, key, value);
      leaves.push({ key: flatKey(addressToBytes(address), wordToBytes(key)), value: wordToBytes(value) });
    };
    const entries = alloc instanceof Map ? alloc.entries() : Object.entries(alloc);
    for (const [rawAddress, a] of entries) {
      const address = checkedAddress(rawAddress);
      const where = `state.${address}`;
      const code = a.code === undefined ? new Uint8Array(0) : typeof a.code === "string" ? hexToBytes(a.code, `${where}.code`) : a.code;
      const base: AccountProperties = {
        ...TRIVIAL_ACCOUNT_PROPERTIES,
        nonce: bounded(a.nonce, 64, `${where}.nonce`),
        balance: bounded(a.balance, 256, `${where}.balance`),
      };
      const properties = code.length > 0 ? withEvmBytecode(code, base) : base;
      if (code.length > 0) preimages.set(preimageKey(properties.bytecodeHash), code);
      if (!isTrivialAccount(properties)) {
        const encoding = encodeAccountProperties(properties);
        const hash = blake2s256(encoding);
        preimages.set(preimageKey(hash), encoding);
        put(ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(address), wordFromBytes(hash));
      }
      const storage: Iterable<[unknown, unknown]> = a.storage instanceof Map ? a.storage.entries() : Object.entries(a.storage ?? {});
      for (const [k, v] of storage) {
        const value = bounded(v as string | bigint, 256, `${where}.storage[${String(k)}]`);
        if (value !== 0n) put(address, wordFromBigint(bounded(k as string | bigint, 256, `${where}.storage key`)), wordFromBigint(value));
      }
    }
    return new InMemoryState(StateTree.fromEntries(leaves), slots, preimages);
  }

  /** The slot's value (zero when absent). */
  storage(address: Address, key: Word): Word {
    return this.slots.get(address, key) ?? ZERO_WORD;
  }

  /** The slot's value, or undefined when (address, key) has no leaf in the tree. */
  slotOrUndefined(address: Address, key: Word): Word | undefined {
    return this.slots.get(address, key);
  }

  /** Whether (address, key) has a leaf in the tree. */
  hasSlot(address: Address, key: Word): boolean {
    return this.slots.get(address, key) !== undefined;
  }

  /** The account's record: its preimage, or the trivial record when its hash slot is zero or absent. */
  account(address: Address): AccountProperties {
    const hash = this.slots.get(ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(address));
    if (hash === undefined || hash === ZERO_WORD) return TRIVIAL_ACCOUNT_PROPERTIES;
    const preimage = this.preimages.get(preimageKey(wordToBytes(hash)));
    if (preimage === undefined) throw new InputError(address, "account hash without a known preimage");
    return decodeAccountProperties(preimage.subarray(0, ACCOUNT_PROPERTIES_ENCODED_LEN), `account record of ${address}`);
  }

  /** The account's code (empty without code). */
  code(address: Address): Uint8Array {
    const p = this.account(address);
    if (p.bytecodeLen === 0) return new Uint8Array(0);
    const code = this.preimages.get(preimageKey(p.bytecodeHash));
    if (code === undefined) throw new InputError(address, "bytecode hash without a known preimage");
    return code;
  }

  /** The preimage of a Blake2s hash, if known. */
  preimage(hash: Uint8Array): Uint8Array | undefined {
    return this.preimages.get(preimageKey(hash));
  }

  /**
   * Applies a block's changes: slot values (new keys appended to the tree in the given order) and
   * preimages. The tree ends where the block's verify-and-apply ends.
   */
  apply(update: StateUpdate): void {
    const writes: TreeWrite[] = [];
    for (const w of update.storageWrites) {
      this.slots.set(w.address, w.key, w.value);
      writes.push({ key: w.flatKey, value: wordToBytes(w.value) });
    }
    if (writes.length > 0) this.tree.applyWrites(writes);
    for (const p of update.preimages) this.preimages.set(preimageKey(p.hash), p.preimage);
  }

  /** An independent copy (to run a block without committing it). */
  clone(): InMemoryState {
    return new InMemoryState(this.tree.clone(), this.slots.clone(), new Map(this.preimages));
  }

  /**
   * A forward-mode oracle for one block over this state: the metadata and the transactions' ABI
   * bodies (or a source that builds each body when it is first asked for).
   */
  oracle(metadata: BlockMetadata, transactions: readonly Uint8Array[] | TransactionBodies = []): InMemoryOracle {
    return new InMemoryOracle(this, metadata, transactions);
  }
}

/** Transaction bodies built on demand (e.g. bootloader/prepare.ts's PreparedBlock); `body` may throw InputError. */
export interface TransactionBodies {
  readonly count: number;
  body(index: number): Uint8Array;
}

/** The forward-running oracle of one block (the state must not change while the block runs). */
export class InMemoryOracle implements Oracle {
  private readonly state: InMemoryState;
  private readonly metadata: BlockMetadata;
  private readonly transactions: TransactionBodies;
  private next = 0;

  constructor(state: InMemoryState, metadata: BlockMetadata, transactions: readonly Uint8Array[] | TransactionBodies) {
    this.state = state;
    this.metadata = metadata;
    this.transactions = Array.isArray(transactions) ? { count: transactions.length, body: (i) => transactions[i]! } : (transactions as TransactionBodies);
  }

  nextTxSize(): number {
    return this.next < this.transactions.count ? this.transactions.body(this.next).length : 0;
  }

  /** @throws InputError when no transaction is left (the reference's "content before size query or after seal") */
  newTxContent(): Uint8Array {
    if (this.next >= this.transactions.count) throw new InputError("NewTxContent", "no transaction left");
    return this.transactions.body(this.next++);
  }

  initializeIOImplementer(): IOImplementerInit {
    const c = this.state.tree.commitment;
    return { stateRoot: c.root, nextFreeSlot: BigInt(c.nextFreeSlot), pubdataDiffsLogHash: new Uint8Array(32), numPubdataDiffsLogs: 0, blockFunctionalityIsCompleted: false };
  }

  blockLevelMetadata(): BlockMetadata {
    return this.metadata;
  }

  initialStorageSlotData(address: Address, key: Word): InitialStorageSlotData {
    const value = this.state.slotOrUndefined(address, key);
    return { isNewStorageSlot: value === undefined, initialValue: wordToBytes(value ?? ZERO_WORD) };
  }

  initialStorageSlotWord(address: Address, key: Word): Word | undefined {
    return this.state.slotOrUndefined(address, key);
  }

  /** @throws InputError for an unknown hash (the reference: "must know a preimage for hash") */
  preimageContent(hash: Uint8Array): Uint8Array {
    const p = this.state.preimage(hash);
    if (p === undefined) throw new InputError("PreimageContentWords", `unknown preimage ${bytesToHex(hash)}`);
    return p;
  }

  disconnect(): void {}

  proofForIndex(index: number): LeafProof {
    return this.state.tree.proofForIndex(index);
  }

  prevIndex(key: Uint8Array): number {
    return this.state.tree.prevIndex(key);
  }

  exactIndex(key: Uint8Array): number {
    return this.state.tree.exactIndex(key);
  }
}

function checkedAddress(raw: string): Address {
  try {
    return normalizeAddress(raw);
  } catch {
    throw new InputError(`state[${JSON.stringify(raw)}]`, "not an address (0x + 40 hex digits)");
  }
}

function bounded(v: string | bigint | number | undefined, bits: number, where: string): bigint {
  const x = v === undefined ? 0n : parseQuantity(v, where);
  if (x >> BigInt(bits) !== 0n) throw new InputError(where, `does not fit in ${bits} bits`);
  return x;
}
