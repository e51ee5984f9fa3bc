/**
 * Word encodings of the tree's oracle payloads (riscv-machine.md §3.1, §3.3): the flat-key parameter
 * of PrevIndex/ExactIndex, the u64 index answers, the 532-word LeafProof of ProofForIndex, and the
 * 22-word InitializeIOImplementer answer that carries the state commitment. Words are u32: a u64 is
 * [low, high]; a Bytes32 is 8 words, word i = bytes [4i, 4i + 4) read little-endian; bool and u32
 * travel as a u64.
 * @module
 */
import { InputError } from "../errors";
import { PATH_LEN, TREE_DEPTH, type LeafProof } from "./merkle";

/** Words of a Bytes32. */
export const BYTES32_WORDS = 8;
/** Words of a u64 (also of a u32 or bool). */
export const U64_WORDS = 2;
/** Words of a LeafProof: index (2) + leaf key (8), value (8), next (2) + 64 siblings (512). */
export const LEAF_PROOF_WORDS = U64_WORDS + 2 * BYTES32_WORDS + U64_WORDS + TREE_DEPTH * BYTES32_WORDS;
/** Words of the InitializeIOImplementer answer. */
export const IO_IMPLEMENTER_INIT_WORDS = BYTES32_WORDS + U64_WORDS + BYTES32_WORDS + U64_WORDS + U64_WORDS;

const TWO_POW_32 = 0x1_0000_0000;

type Words = ArrayLike<number>;

/** Writes a Bytes32 as 8 words into `out` at `off`. */
export function bytes32ToWords(b: Uint8Array, out: Uint32Array, off: number, bOff = 0): void {
  for (let i = 0; i < BYTES32_WORDS; i++) {
    const o = bOff + 4 * i;
    out[off + i] = (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  }
}

/** Reads a Bytes32 from 8 words at `off` into `out` at `outOff` (a new array by default). */
export function bytes32FromWords(words: Words, off: number, out = new Uint8Array(32), outOff = 0): Uint8Array {
  for (let i = 0; i < BYTES32_WORDS; i++) {
    const w = words[off + i]!;
    const o = outOff + 4 * i;
    out[o] = w & 0xff;
    out[o + 1] = (w >>> 8) & 0xff;
    out[o + 2] = (w >>> 16) & 0xff;
    out[o + 3] = (w >>> 24) & 0xff;
  }
  return out;
}

/** Writes a u64 (a safe integer) as [low, high]. */
export function u64ToWords(v: number, out: Uint32Array, off: number): void {
  out[off] = v % TWO_POW_32;
  out[off + 1] = Math.floor(v / TWO_POW_32);
}

/**
 * Reads a u64 [low, high] as a number.
 * @throws InputError if it exceeds 2^53 − 1 (no leaf index or slot count gets there)
 */
export function u64FromWords(words: Words, off: number, where: string): number {
  const lo = words[off]!;
  const hi = words[off + 1]!;
  if (hi >= 0x20_0000) throw new InputError(where, `u64 0x${hi.toString(16)}${lo.toString(16).padStart(8, "0")} is beyond 2^53 − 1`);
  return hi * TWO_POW_32 + lo;
}

function need(words: Words, off: number, n: number, where: string): void {
  if (off < 0 || off + n > words.length) throw new InputError(where, `needs ${n} words at offset ${off}, only ${Math.max(0, words.length - off)} available`);
}

/** The 8 parameter words of PrevIndex / ExactIndex: the flat key. */
export function flatKeyParamWords(flatKey: Uint8Array): Uint32Array {
  const out = new Uint32Array(BYTES32_WORDS);
  bytes32ToWords(flatKey, out, 0);
  return out;
}

/** The 2 words of an index: the ProofForIndex parameter and the PrevIndex / ExactIndex answer. */
export function indexWords(index: number): Uint32Array {
  const out = new Uint32Array(U64_WORDS);
  u64ToWords(index, out, 0);
  return out;
}

/**
 * The 532 words of a LeafProof (ProofForIndex answer).
 * @returns a new word array
 */
export function encodeLeafProofWords(proof: LeafProof): Uint32Array {
  const out = new Uint32Array(LEAF_PROOF_WORDS);
  u64ToWords(proof.index, out, 0);
  bytes32ToWords(proof.leaf.key, out, 2);
  bytes32ToWords(proof.leaf.value, out, 10);
  u64ToWords(proof.leaf.next, out, 18);
  for (let h = 0; h < TREE_DEPTH; h++) bytes32ToWords(proof.path, out, 20 + 8 * h, 32 * h);
  return out;
}

/**
 * Decodes a LeafProof from 532 words at `off`.
 * @param where - names the source (e.g. "witness word 3047") for errors
 * @throws InputError if fewer than 532 words remain or an integer exceeds 2^53 − 1
 */
export function decodeLeafProofWords(words: Words, off: number, where: string): LeafProof {
  need(words, off, LEAF_PROOF_WORDS, where);
  const index = u64FromWords(words, off, `${where} (index)`);
  const key = bytes32FromWords(words, off + 2);
  const value = bytes32FromWords(words, off + 10);
  const next = u64FromWords(words, off + 18, `${where} (leaf.next)`);
  const path = new Uint8Array(PATH_LEN);
  for (let h = 0; h < TREE_DEPTH; h++) bytes32FromWords(words, off + 20 + 8 * h, path, 32 * h);
  return { index, leaf: { key, value, next }, path };
}

/** The InitializeIOImplementer answer (`BasicIOImplementerFSM<FlatStorageCommitment>`). */
export interface IoImplementerInit {
  readonly stateRoot: Uint8Array;
  readonly nextFreeSlot: number;
  readonly pubdataDiffsLogHash: Uint8Array;
  readonly numPubdataDiffsLogs: number;
  readonly blockFunctionalityIsCompleted: boolean;
}

/** The 22 words of the InitializeIOImplementer answer. */
export function encodeIoImplementerInitWords(init: IoImplementerInit): Uint32Array {
  const out = new Uint32Array(IO_IMPLEMENTER_INIT_WORDS);
  bytes32ToWords(init.stateRoot, out, 0);
  u64ToWords(init.nextFreeSlot, out, 8);
  bytes32ToWords(init.pubdataDiffsLogHash, out, 10);
  u64ToWords(init.numPubdataDiffsLogs, out, 18);
  u64ToWords(init.blockFunctionalityIsCompleted ? 1 : 0, out, 20);
  return out;
}

/**
 * Decodes the 22-word InitializeIOImplementer answer at `off`.
 * @throws InputError if words are missing, the u32 exceeds 2^32 − 1 or the bool is not 0 or 1
 */
export function decodeIoImplementerInitWords(words: Words, off: number, where: string): IoImplementerInit {
  need(words, off, IO_IMPLEMENTER_INIT_WORDS, where);
  const num = u64FromWords(words, off + 18, `${where} (num_pubdata_diffs_logs)`);
  if (num > 0xffff_ffff) throw new InputError(where, `num_pubdata_diffs_logs ${num} is not a u32`);
  const flag = u64FromWords(words, off + 20, `${where} (block_functionality_is_completed)`);
  if (flag > 1) throw new InputError(where, `block_functionality_is_completed is ${flag}, not a bool`);
  return {
    stateRoot: bytes32FromWords(words, off),
    nextFreeSlot: u64FromWords(words, off + 8, `${where} (next_free_slot)`),
    pubdataDiffsLogHash: bytes32FromWords(words, off + 10),
    numPubdataDiffsLogs: num,
    blockFunctionalityIsCompleted: flag === 1,
  };
}
