/**
 * zkos: ZKsync OS in TypeScript and WebAssembly. The package entry: loads the embedded WASM core
 * (top-level await), then re-exports the public API.
 * @module
 */
import "./load-embedded";

export { ZkosError, UsageError, InputError, ArgumentError } from "./errors";
export { WasmAbort } from "./wasm";
