// The Blake2s part of the WASM ABI (re-exported by as/index.ts): hashing, the Merkle node hash,
// the raw compression and the 0x7C7 single-round delegation (riscv-machine.md §2.2).

export { blake2sCompress } from "./compress";
export { BLAKE2S_STATE_PTR, BLAKE2S_STATE_LEN } from "../layout";
export { blake2sInit, blake2sUpdate, blake2sFinal, blake2s256Mem } from "./hasher";
export { blake2sNode64 } from "./node";
export {
  blake2sRoundDelegation,
  BLAKE2S_ROUND_OK, BLAKE2S_ROUND_ERR_MASK, BLAKE2S_ROUND_ERR_CONTROL,
  BLAKE2S_CONTROL_LAST_ROUND, BLAKE2S_CONTROL_RIGHT_NODE, BLAKE2S_CONTROL_COMPRESSION,
} from "./round";
