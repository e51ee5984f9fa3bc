/**
 * zkos: ZKsync OS in TypeScript and WebAssembly. The package entry: loads the embedded WASM core
 * (top-level await), then re-exports the public API.
 * @module
 */
import "./load-embedded";

export { ZkosError, UsageError, InputError, ArgumentError } from "./errors";
export { WasmAbort } from "./wasm";
export { blake2s256, blake2s256Into, blake2sNode, blake2sNodeInto, Blake2s256, BLAKE2S_DIGEST_LEN } from "./crypto/blake2s";
export { keccak256, keccak256Into, Keccak256, KECCAK256_DIGEST_LEN } from "./crypto/keccak";
