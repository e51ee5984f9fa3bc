/**
 * The worker-thread side of {@link RecoverPool} (ts/crypto/recover-pool.ts), bundled by
 * scripts/build.mjs as dist/recover-worker.js: instantiates its own core from the module the pool
 * sends in workerData, then answers each batch of packed recovery records with packed results.
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { instantiateModuleSync, setWasm } from "../wasm";
import { recoverAddressesPacked } from "./secp256k1";

/** A batch: `count` 97-byte records. */
export interface RecoverRequest {
  readonly id: number;
  readonly records: Uint8Array;
  readonly count: number;
}

/** The answer: `count` 21-byte results, or why the batch failed. */
export interface RecoverResponse {
  readonly id: number;
  readonly results?: Uint8Array;
  readonly error?: string;
}

if (parentPort !== null) {
  const port = parentPort;
  setWasm(instantiateModuleSync((workerData as { module: WebAssembly.Module }).module));
  port.on("message", (req: RecoverRequest) => {
    let reply: RecoverResponse;
    try {
      reply = { id: req.id, results: recoverAddressesPacked(req.records, req.count) };
    } catch (e) {
      reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply, reply.results ? [reply.results.buffer as ArrayBuffer] : []);
  });
}
