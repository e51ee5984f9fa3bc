/**
 * The Oracle: everything ZKsync OS reads from outside (zk_ee/src/system_io_oracle/mod.rs at 0a82da0,
 * zksync-os-reference.md §3.5, §5.5). One method per query id, in id order. Forward mode answers
 * from an in-memory state (in-memory-state.ts); proving mode answers from a witness through the
 * same interface.
 * @module
 */
import type { Address } from "../state/address";
import type { Word } from "../state/word";
import type { LeafProof } from "../storage/merkle";
import type { TreeOracle } from "../storage/tree-batch";
import type { BlockMetadata } from "./block-metadata";
import type { IOImplementerInit, InitialStorageSlotData } from "./query-payloads";

export type { BlockMetadata } from "./block-metadata";
export type { IOImplementerInit, InitialStorageSlotData } from "./query-payloads";

/**
 * The reference's IOOracle queries, as typed calls. Its tree queries make it a TreeOracle, so the
 * same object serves ts/storage/tree-batch.ts `verifyAndApplyBatch`.
 */
export interface Oracle extends TreeOracle {
  /** NextTxSize (0): byte length of the next transaction's ABI body, 0 when the block has no more. */
  nextTxSize(): number;
  /** NewTxContent (1): the body whose size nextTxSize just returned. */
  newTxContent(): Uint8Array;
  /** InitializeIOImplementer (2): the state commitment before the block (and the pubdata-log state). */
  initializeIOImplementer(): IOImplementerInit;
  /** BlockLevelMetadata (3). */
  blockLevelMetadata(): BlockMetadata;
  /**
   * InitialStorageSlotData (4): is (address, key) a new slot (its flat key absent from the tree),
   * and its block-start value (32 bytes; zero for a new slot).
   */
  initialStorageSlotData(address: Address, key: Word): InitialStorageSlotData;
  /**
   * Optional: the same answer with the value as a Word (`undefined` for a new slot), for oracles that
   * hold Words already (the forward in-memory oracle): spares the cache a bytes round trip.
   */
  initialStorageSlotWord?(address: Address, key: Word): Word | undefined;
  /**
   * PreimageContentWords (5): the preimage of a Blake2s hash (bytecode or 124-byte account record).
   * The caller truncates it to the length it expects.
   */
  preimageContent(hash: Uint8Array): Uint8Array;
  /** DisconnectOracle (6): no query follows. */
  disconnect(): void;
  /** ProofForIndex (7): the committed leaf at `index` with its 64 siblings. */
  proofForIndex(index: number): LeafProof;
  /** PrevIndex (8): index of the leaf with the largest key below `flatKey`. */
  prevIndex(flatKey: Uint8Array): number;
  /** ExactIndex (9): index of the leaf whose key is `flatKey`. */
  exactIndex(flatKey: Uint8Array): number;
}
