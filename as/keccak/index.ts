// The Keccak part of the WASM ABI (architecture.md §4.2): sponge entry points over state structs
// and the raw permutation, renamed with the `keccak` subsystem prefix. Numbers only.
export {
  keccak256Init as keccakInit,
  keccak256Update as keccakUpdate,
  keccak256Final as keccakFinal,
  keccak256Mem as keccakHash,
} from "./sponge";
export { keccakF1600 } from "./keccak-f1600";
