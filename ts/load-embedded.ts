/**
 * Loads the release WASM core embedded in the bundle (esbuild's binary loader turns the import
 * into a Uint8Array) and installs it. Top-level await: works in Node ESM and in browsers, and
 * compiles asynchronously so browsers' main-thread size limit on sync compilation does not apply.
 * @module
 */
import wasmBytes from "../dist/zkos.wasm";
import { instantiate, setWasm } from "./wasm";

setWasm(await instantiate(wasmBytes));
