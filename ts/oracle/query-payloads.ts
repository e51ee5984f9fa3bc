/**
 * Typed parameters and answers of the oracle queries other than the block metadata
 * (riscv-machine.md §3.3; zk_ee system_io_oracle/mod.rs, kv_markers StorageAddress,
 * generic_ethereum_like_fsm_state.rs, flat_storage_model simple_growable_storage.rs LeafProof).
 * Encoders produce the exact words; decoders check lengths and domains (InputError with the word).
 * @module
 */
import { ArgumentError, InputError } from "../errors";
import { TREE_HEIGHT } from "../zksync/constants";
import { WordReader, WordWriter } from "./words";

function reader(words: ArrayLike<number>, expected: number | null, where: string): WordReader {
  if (expected !== null && words.length !== expected) throw new InputError(where, `expected ${expected} words, got ${words.length}`);
  return new WordReader(words, 0, words.length, where);
}

/** NextTxSize answer: the next transaction's byte length, 0 = no more transactions. */
export function encodeTxSize(lenBytes: number): Uint32Array {
  return new WordWriter().u32(lenBytes).words();
}

/** @throws InputError unless the answer is one u32 (2 words) */
export function decodeTxSize(words: ArrayLike<number>, where = "NextTxSize"): number {
  const r = reader(words, 2, where);
  return r.u32();
}

/**
 * NewTxContent answer: the body packed 8 bytes per host u64. The guest accepts it only when that
 * equals ceil(len/4) words, i.e. len mod 8 ∈ {0, 5, 6, 7} (ABI bodies are multiples of 32).
 */
export function encodeTxContent(body: Uint8Array): Uint32Array {
  return new WordWriter().bytes(body).words();
}

/**
 * @throws InputError when the answer is not the ceil(len/4) words the guest expects for `lenBytes`
 */
export function decodeTxContent(words: ArrayLike<number>, lenBytes: number, where = "NewTxContent"): Uint8Array {
  const guestWords = Math.ceil(lenBytes / 4);
  if (words.length !== guestWords) throw new InputError(where, `a ${lenBytes}-byte transaction must come as ${guestWords} words, got ${words.length}`);
  const out = new Uint8Array(lenBytes);
  for (let i = 0; i < lenBytes; i++) out[i] = (words[i >> 2]! >>> (8 * (i & 3))) & 0xff;
  return out;
}

/** InitializeIOImplementer answer: the state commitment before the block and the pubdata-log state. */
export interface IOImplementerInit {
  /** 32 bytes. */
  stateRoot: Uint8Array;
  nextFreeSlot: bigint;
  /** 32 bytes. */
  pubdataDiffsLogHash: Uint8Array;
  numPubdataDiffsLogs: number;
  blockFunctionalityIsCompleted: boolean;
}

/** The 22 answer words. */
export function encodeIOImplementerInit(v: IOImplementerInit): Uint32Array {
  return new WordWriter()
    .bytes32(v.stateRoot)
    .u64(v.nextFreeSlot)
    .bytes32(v.pubdataDiffsLogHash)
    .u32(v.numPubdataDiffsLogs)
    .bool(v.blockFunctionalityIsCompleted)
    .words();
}

/** @throws InputError unless 22 words with a u32 count and a 0/1 flag */
export function decodeIOImplementerInit(words: ArrayLike<number>, where = "InitializeIOImplementer"): IOImplementerInit {
  const r = reader(words, 22, where);
  return {
    stateRoot: r.bytes32(),
    nextFreeSlot: r.u64(),
    pubdataDiffsLogHash: r.bytes32(),
    numPubdataDiffsLogs: r.u32(),
    blockFunctionalityIsCompleted: r.bool(),
  };
}

/** A storage slot as queried (`StorageAddress`): the account and the 32-byte key. */
export interface StorageAddress {
  address: Uint8Array;
  key: Uint8Array;
}

/** The 14 parameter words: B160 then Bytes32. */
export function encodeStorageAddress(v: StorageAddress): Uint32Array {
  return new WordWriter().b160(v.address).bytes32(v.key).words();
}

/** @throws InputError unless 14 words with a zero B160 top word */
export function decodeStorageAddress(words: ArrayLike<number>, where = "InitialStorageSlotData params"): StorageAddress {
  const r = reader(words, 14, where);
  return { address: r.b160(), key: r.bytes32() };
}

/** InitialStorageSlotData answer: whether the slot is new to the tree, and its value before the block. */
export interface InitialStorageSlotData {
  isNewStorageSlot: boolean;
  /** 32 bytes. */
  initialValue: Uint8Array;
}

/** The 10 answer words. */
export function encodeInitialStorageSlotData(v: InitialStorageSlotData): Uint32Array {
  return new WordWriter().bool(v.isNewStorageSlot).bytes32(v.initialValue).words();
}

/** @throws InputError unless 10 words with a 0/1 flag */
export function decodeInitialStorageSlotData(words: ArrayLike<number>, where = "InitialStorageSlotData"): InitialStorageSlotData {
  const r = reader(words, 10, where);
  return { isNewStorageSlot: r.bool(), initialValue: r.bytes32() };
}

/** PreimageContentWords answer for a preimage of `preimage.length` bytes. */
export function encodePreimage(preimage: Uint8Array): Uint32Array {
  return new WordWriter().bytes(preimage).words();
}

/**
 * The first `lenBytes` bytes of a preimage answer (the guest truncates to the length it expects).
 * @throws InputError if the answer is shorter than 2·ceil(lenBytes/8) words
 */
export function decodePreimage(words: ArrayLike<number>, lenBytes: number, where = "PreimageContentWords"): Uint8Array {
  return new WordReader(words, 0, words.length, where).bytes(lenBytes);
}

/** A 32-byte key or hash parameter (PreimageContentWords, PrevIndex, ExactIndex). */
export function encodeBytes32Param(b: Uint8Array): Uint32Array {
  return new WordWriter().bytes32(b).words();
}

/** @throws InputError unless 8 words */
export function decodeBytes32Param(words: ArrayLike<number>, where = "query params"): Uint8Array {
  return reader(words, 8, where).bytes32();
}

/** A tree index: ProofForIndex parameter, PrevIndex / ExactIndex answer. */
export function encodeIndex(index: bigint): Uint32Array {
  return new WordWriter().u64(index).words();
}

/** @throws InputError unless 2 words */
export function decodeIndex(words: ArrayLike<number>, where = "index"): bigint {
  return reader(words, 2, where).u64();
}

/** A state-tree leaf: key, value (32 bytes each), next (index of the next key in order). */
export interface FlatStorageLeaf {
  key: Uint8Array;
  value: Uint8Array;
  next: bigint;
}

/** ProofForIndex answer: the leaf at `index` and its 64 siblings, leaf level first. */
export interface LeafProof {
  index: bigint;
  leaf: FlatStorageLeaf;
  path: Uint8Array[];
}

/** @throws ArgumentError if the path is not 64 siblings */
export function encodeLeafProof(p: LeafProof): Uint32Array {
  if (p.path.length !== TREE_HEIGHT) throw new ArgumentError(`path: expected ${TREE_HEIGHT} siblings, got ${p.path.length}`);
  const w = new WordWriter().u64(p.index).bytes32(p.leaf.key).bytes32(p.leaf.value).u64(p.leaf.next);
  for (const s of p.path) w.bytes32(s);
  return w.words();
}

/** @throws InputError unless 532 words */
export function decodeLeafProof(words: ArrayLike<number>, where = "ProofForIndex"): LeafProof {
  const r = reader(words, 2 + 18 + 8 * TREE_HEIGHT, where);
  const index = r.u64();
  const leaf = { key: r.bytes32(), value: r.bytes32(), next: r.u64() };
  const path: Uint8Array[] = [];
  for (let i = 0; i < TREE_HEIGHT; i++) path.push(r.bytes32());
  return { index, leaf, path };
}
