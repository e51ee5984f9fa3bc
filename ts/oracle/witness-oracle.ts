/**
 * The proving-mode oracle (riscv-machine.md §3.5, interfaces.md §5): answers every query by reading
 * the next answer (length word, then words) from a witness, in order, as the RISC-V image does. It
 * re-hashes preimages against the requested hash and folds every ProofForIndex path to the committed
 * root; indices and leaf contents are proven by verify-and-apply (ts/storage/tree-batch.ts).
 * @module
 */
import { blake2s256 } from "../crypto/blake2s";
import { ZkosError } from "../errors";
import { bytesToHex } from "../primitives/hex";
import type { Address } from "../state/address";
import type { Word } from "../state/word";
import { foldPath, type LeafProof } from "../storage/merkle";
import { decodeLeafProofWords, u64FromWords } from "../storage/tree-words";
import { decodeBlockMetadata, type BlockMetadata } from "./block-metadata";
import type { Oracle } from "./oracle";
import { QUERY_SHAPES, QueryId, queryName } from "./query-ids";
import {
  decodeIOImplementerInit, decodeInitialStorageSlotData, decodePreimage, decodeTxContent, decodeTxSize,
  type IOImplementerInit, type InitialStorageSlotData,
} from "./query-payloads";

/** A witness that does not fit the run: exhausted, left over, malformed or failing a check. */
export class WitnessError extends ZkosError {
  override name = "WitnessError";
  /** 0-based index of the query among the run's queries (the number of answers read before it). */
  readonly queryIndex: number;
  /** The query id. */
  readonly queryId: number;
  /** Index of the witness word where the answer (its length word) starts. */
  readonly wordOffset: number;

  constructor(queryIndex: number, queryId: number, wordOffset: number, reason: string) {
    super(`witness: query ${queryIndex} (${queryName(queryId)}, id ${queryId}) at word ${wordOffset}: ${reason}`);
    this.queryIndex = queryIndex;
    this.queryId = queryId;
    this.wordOffset = wordOffset;
  }
}

/**
 * The preimage an answer of `words` holds for `hash`: the longest of the last eight byte lengths
 * (the answer is padded to whole u64s with zero bytes: 124-byte account records come as 32 words)
 * whose Blake2s is `hash`, or null.
 */
export function verifiedPreimage(words: ArrayLike<number>, hash: Uint8Array): Uint8Array | null {
  const full = decodePreimage(words, 4 * words.length);
  const want = bytesToHex(hash);
  for (let len = full.length; len >= Math.max(0, full.length - 7); len--) {
    if (len < full.length && full[len] !== 0) break;
    const bytes = full.subarray(0, len);
    if (bytesToHex(blake2s256(bytes)) === want) return bytes.slice();
  }
  return null;
}

/**
 * An {@link Oracle} over a witness word stream. Every method consumes the next answer; a question
 * asked after the last answer, an answer of the wrong fixed length, a preimage whose hash is not
 * the requested one, or words left over after DisconnectOracle throw {@link WitnessError}.
 */
export class WitnessOracle implements Oracle {
  private readonly words: Uint32Array;
  private pos = 0;
  private queryIndex = 0;
  private lastTxSize = 0;
  private disconnected = false;
  private committedRoot: string | null = null;

  constructor(words: Uint32Array) {
    this.words = words;
  }

  /** Words read so far. */
  get wordsRead(): number {
    return this.pos;
  }

  /** Answers read so far. */
  get queriesRead(): number {
    return this.queryIndex;
  }

  private fail(id: number, at: number, reason: string): never {
    throw new WitnessError(this.queryIndex, id, at, reason);
  }

  /** The next answer's words, checked against the query's fixed length. */
  private take(id: number): Uint32Array {
    const at = this.pos;
    if (this.disconnected) this.fail(id, at, "asked after DisconnectOracle");
    if (at >= this.words.length) this.fail(id, at, `witness exhausted (${this.words.length} words, all read)`);
    const len = this.words[at]!;
    if (at + 1 + len > this.words.length) {
      this.fail(id, at, `answer length ${len} runs past the end of the witness (${this.words.length - at - 1} words left)`);
    }
    const expected = QUERY_SHAPES[id]?.responseWords;
    if (expected != null && len !== expected) this.fail(id, at, `answer has ${len} words, ${queryName(id)} answers ${expected}`);
    this.pos = at + 1 + len;
    this.queryIndex++;
    return this.words.subarray(at + 1, at + 1 + len);
  }

  /** Runs a decoder, turning its InputError into a WitnessError at this answer. */
  private decode<T>(id: number, f: (words: Uint32Array) => T): T {
    const at = this.pos;
    const index = this.queryIndex;
    const words = this.take(id);
    try {
      return f(words);
    } catch (e) {
      if (e instanceof WitnessError) throw e;
      throw new WitnessError(index, id, at, e instanceof Error ? e.message : String(e));
    }
  }

  nextTxSize(): number {
    this.lastTxSize = this.decode(QueryId.NextTxSize, (w) => decodeTxSize(w));
    return this.lastTxSize;
  }

  newTxContent(): Uint8Array {
    return this.decode(QueryId.NewTxContent, (w) => decodeTxContent(w, this.lastTxSize));
  }

  initializeIOImplementer(): IOImplementerInit {
    const init = this.decode(QueryId.InitializeIOImplementer, (w) => decodeIOImplementerInit(w));
    this.committedRoot = bytesToHex(init.stateRoot);
    return init;
  }

  blockLevelMetadata(): BlockMetadata {
    return this.decode(QueryId.BlockLevelMetadata, (w) => decodeBlockMetadata(w));
  }

  initialStorageSlotData(_address: Address, _key: Word): InitialStorageSlotData {
    return this.decode(QueryId.InitialStorageSlotData, (w) => decodeInitialStorageSlotData(w));
  }

  preimageContent(hash: Uint8Array): Uint8Array {
    return this.decode(QueryId.PreimageContentWords, (w) => {
      const p = verifiedPreimage(w, hash);
      if (p === null) throw new Error(`preimage (${w.length} words) does not hash to ${bytesToHex(hash)} with Blake2s`);
      return p;
    });
  }

  disconnect(): void {
    this.decode(QueryId.DisconnectOracle, () => undefined);
    this.disconnected = true;
    if (this.pos < this.words.length) {
      throw new WitnessError(this.queryIndex, QueryId.DisconnectOracle, this.pos, `${this.words.length - this.pos} words left over after DisconnectOracle`);
    }
  }

  proofForIndex(index: number): LeafProof {
    return this.decode(QueryId.ProofForIndex, (w) => {
      const p = decodeLeafProofWords(w, 0, "ProofForIndex");
      if (p.index !== index) throw new Error(`proof is for leaf ${p.index}, leaf ${index} was asked`);
      // Each path is checked on its own: verify-and-apply's batched fold derives the nodes it can
      // from other proven leaves and the empty right part of the tree, so it would ignore those siblings.
      if (this.committedRoot === null) throw new Error("a tree proof before InitializeIOImplementer gave the committed root");
      const root = bytesToHex(foldPath(p));
      if (root !== this.committedRoot) throw new Error(`the path of leaf ${index} leads to root ${root}, the committed root is ${this.committedRoot}`);
      return p;
    });
  }

  prevIndex(_flatKey: Uint8Array): number {
    return this.decode(QueryId.PrevIndex, (w) => u64FromWords(w, 0, "PrevIndex"));
  }

  exactIndex(_flatKey: Uint8Array): number {
    return this.decode(QueryId.ExactIndex, (w) => u64FromWords(w, 0, "ExactIndex"));
  }

  /**
   * Checks the run read the whole witness and ended with DisconnectOracle.
   * @throws WitnessError otherwise
   */
  assertConsumed(): void {
    if (!this.disconnected) {
      throw new WitnessError(this.queryIndex, QueryId.DisconnectOracle, this.pos, "the run ended without DisconnectOracle");
    }
  }
}

