/**
 * Oracle query ids and their fixed parameter/response sizes in u32 words (riscv-machine.md §3.3;
 * zk_ee/src/system_io_oracle/mod.rs `OracleIteratorTypeMarker::ID`). `null` = variable length.
 * @module
 */

/** Query ids the ZKsync OS guest sends as the first written word of a query. */
export const enum QueryId {
  NextTxSize = 0,
  NewTxContent = 1,
  InitializeIOImplementer = 2,
  BlockLevelMetadata = 3,
  InitialStorageSlotData = 4,
  PreimageContentWords = 5,
  DisconnectOracle = 6,
  ProofForIndex = 7,
  PrevIndex = 8,
  ExactIndex = 9,
  /** Callable oracle (not used by the committed images). */
  HashToPrime = 0x100,
  /** Debug text frame: no response, the guest reads nothing. */
  Uart = 0xffff_ffff,
}

/** Shape of one query kind. */
export interface QueryShape {
  readonly name: string;
  /** Parameter words written after the count. */
  readonly paramWords: number;
  /** Response words, or null when the length depends on the answer. */
  readonly responseWords: number | null;
}

/** The queries of riscv-machine.md §3.3 by id. */
export const QUERY_SHAPES: Readonly<Record<number, QueryShape>> = {
  [QueryId.NextTxSize]: { name: "NextTxSize", paramWords: 0, responseWords: 2 },
  [QueryId.NewTxContent]: { name: "NewTxContent", paramWords: 0, responseWords: null },
  // root Bytes32 + next_free_slot u64 + pubdata_diffs_log_hash Bytes32 + count u32 + completed bool.
  [QueryId.InitializeIOImplementer]: { name: "InitializeIOImplementer", paramWords: 0, responseWords: 22 },
  [QueryId.BlockLevelMetadata]: { name: "BlockLevelMetadata", paramWords: 0, responseWords: 2094 },
  // StorageAddress = B160 (6) + key Bytes32 (8); answer: is_new bool (2) + value Bytes32 (8).
  [QueryId.InitialStorageSlotData]: { name: "InitialStorageSlotData", paramWords: 14, responseWords: 10 },
  [QueryId.PreimageContentWords]: { name: "PreimageContentWords", paramWords: 8, responseWords: null },
  [QueryId.DisconnectOracle]: { name: "DisconnectOracle", paramWords: 0, responseWords: 0 },
  // index u64 (2) + leaf {key 8, value 8, next 2} + 64 siblings · 8 = 532.
  [QueryId.ProofForIndex]: { name: "ProofForIndex", paramWords: 2, responseWords: 532 },
  [QueryId.PrevIndex]: { name: "PrevIndex", paramWords: 8, responseWords: 2 },
  [QueryId.ExactIndex]: { name: "ExactIndex", paramWords: 8, responseWords: 2 },
};

/** The name of a query id ("query 0x…" for unknown ids). */
export function queryName(id: number): string {
  if (id === QueryId.Uart) return "Uart";
  if (id === QueryId.HashToPrime) return "HashToPrime";
  return QUERY_SHAPES[id]?.name ?? `query 0x${(id >>> 0).toString(16)}`;
}
