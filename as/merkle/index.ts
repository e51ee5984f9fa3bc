// The state-tree part of the WASM ABI (re-exported by as/index.ts): leaf and pair hashing for building
// levels, single-path folding and the batched verify-and-apply fold (zksync-os-reference.md §3).

export { MERKLE_EMPTY_PTR } from "../layout";
export {
  merkleEmptyHashes, merkleLeafHash, merkleLeafHashes, merkleHashPairs, merkleFoldPath,
  merkleReserve, merkleFoldBatch,
  MERKLE_DEPTH, MERKLE_LEAF_LEN, MERKLE_PATH_LEN,
  MERKLE_ENTRY_LEN, MERKLE_ENTRY_INDEX, MERKLE_ENTRY_PATH, MERKLE_ENTRY_FLAGS, MERKLE_ENTRY_OLD, MERKLE_ENTRY_NEW,
  MERKLE_FLAG_OLD, MERKLE_FLAG_NEW,
} from "./verify";
