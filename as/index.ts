// The WASM ABI: export statements only, grouped by subsystem (architecture.md §3, §4.2).
// Only numbers cross: pointers, lengths, status codes.

export {
  MAILBOX_PTR, MAILBOX_LEN, OUT_PTR, OUT_LEN, U256_SCRATCH_PTR,
} from "./layout";

export {
  KECCAK_STATE_PTR, KECCAK_STATE_LEN,
} from "./layout";
export {
  keccakInit, keccakUpdate, keccakFinal, keccakHash, keccakF1600,
} from "./keccak/index";
export { u256Op } from "./lib/u256-abi";
export { u256Bench } from "./lib/u256-bench";
export * from "./blake2s/index";
export * from "./blake2b/index";
export * from "./riscv/index";
export * from "./evm/index";
export * from "./merkle/index";
export * from "./secp256k1/index";
