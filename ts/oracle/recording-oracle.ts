/**
 * Witness recording (riscv-machine.md §3.5, interfaces.md §5): wraps the forward oracle and keeps,
 * for every query the bootloader makes, the words the RISC-V image would read for it — the length
 * word, then the answer as ts/riscv/fixture-oracle.ts `oracleResponder` encodes it for the image.
 * @module
 */
import { addressToBytes, type Address } from "../state/address";
import { wordToBytes, type Word } from "../state/word";
import type { LeafProof } from "../storage/merkle";
import { decodeLeafProofWords, flatKeyParamWords, indexWords, u64FromWords } from "../storage/tree-words";
import { oracleResponder } from "../riscv/fixture-oracle";
import type { OracleResponder } from "../riscv/live-oracle";
import { decodeBlockMetadata, type BlockMetadata } from "./block-metadata";
import type { Oracle } from "./oracle";
import { QueryId, queryName } from "./query-ids";
import {
  decodeIOImplementerInit, decodeInitialStorageSlotData, decodePreimage, decodeTxContent, decodeTxSize, encodeBytes32Param,
  encodeStorageAddress, type IOImplementerInit, type InitialStorageSlotData,
} from "./query-payloads";

/** One recorded query: its id, its parameter words and the answer words (without the length word). */
export interface RecordedQuery {
  readonly id: number;
  readonly params: Uint32Array;
  readonly response: Uint32Array;
}

/**
 * An {@link Oracle} that asks `inner` and records the witness. The answers it returns are decoded
 * from the recorded words, so the forward run sees exactly what a proving run of its witness sees.
 */
export class RecordingOracle implements Oracle {
  private readonly responder: OracleResponder;
  private buf = new Uint32Array(4096);
  private len = 0;
  private lastTxSize = 0;
  /** The queries in the order asked. */
  readonly queries: RecordedQuery[] = [];

  constructor(inner: Oracle) {
    this.responder = oracleResponder(inner);
  }

  /** The witness recorded so far (a copy): every answer's length word and words, in order. */
  witness(): Uint32Array {
    return this.buf.slice(0, this.len);
  }

  private ask(id: number, params: Uint32Array = new Uint32Array(0)): Uint32Array {
    const response = this.responder({ id, name: queryName(id), params: Array.from(params), firstReadIndex: this.len });
    const need = this.len + 1 + response.length;
    if (need > this.buf.length) {
      const grown = new Uint32Array(Math.max(need, 2 * this.buf.length));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf[this.len] = response.length;
    this.buf.set(response, this.len + 1);
    this.len = need;
    this.queries.push({ id, params, response });
    return response;
  }

  nextTxSize(): number {
    this.lastTxSize = decodeTxSize(this.ask(QueryId.NextTxSize));
    return this.lastTxSize;
  }

  newTxContent(): Uint8Array {
    return decodeTxContent(this.ask(QueryId.NewTxContent), this.lastTxSize);
  }

  initializeIOImplementer(): IOImplementerInit {
    return decodeIOImplementerInit(this.ask(QueryId.InitializeIOImplementer));
  }

  blockLevelMetadata(): BlockMetadata {
    return decodeBlockMetadata(this.ask(QueryId.BlockLevelMetadata));
  }

  initialStorageSlotData(address: Address, key: Word): InitialStorageSlotData {
    const params = encodeStorageAddress({ address: addressToBytes(address), key: wordToBytes(key) });
    return decodeInitialStorageSlotData(this.ask(QueryId.InitialStorageSlotData, params));
  }

  preimageContent(hash: Uint8Array): Uint8Array {
    const w = this.ask(QueryId.PreimageContentWords, encodeBytes32Param(hash));
    return decodePreimage(w, 4 * w.length);
  }

  disconnect(): void {
    this.ask(QueryId.DisconnectOracle);
  }

  proofForIndex(index: number): LeafProof {
    return decodeLeafProofWords(this.ask(QueryId.ProofForIndex, indexWords(index)), 0, "ProofForIndex");
  }

  prevIndex(flatKey: Uint8Array): number {
    return u64FromWords(this.ask(QueryId.PrevIndex, flatKeyParamWords(flatKey)), 0, "PrevIndex");
  }

  exactIndex(flatKey: Uint8Array): number {
    return u64FromWords(this.ask(QueryId.ExactIndex, flatKeyParamWords(flatKey)), 0, "ExactIndex");
  }
}
