/**
 * The worker-thread side of {@link RecoverPool} (ts/crypto/recover-pool.ts), bundled by
 * scripts/build.mjs as dist/recover-worker.js: instantiates its own core from the module the pool
 * sends in workerData, then answers each batch of packed recovery records with packed results, and
 * helps drain each shared job it is handed: recoveries (ts/crypto/recovery-job.ts) or whole
 * transaction preparations (ts/bootloader/prepare-job.ts).
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { instantiateModuleSync, setWasm } from "../wasm";
import { drainPrepareJob, prepareJobViews } from "../bootloader/prepare-job";
import { drainRecoveryJob, recoveryJobViews } from "./recovery-job";
import { RECOVERY_RECORD_LEN, recoverAddressesPacked } from "./secp256k1";

/** A batch: `count` 97-byte records. */
export interface RecoverRequest {
  readonly id: number;
  readonly records: Uint8Array;
  readonly count: number;
}

/** A shared job to help with (no answer: results land in the buffer). */
export interface RecoverJobRequest {
  readonly job: SharedArrayBuffer;
  readonly count: number;
}

/** A shared transaction-preparation job to help with (ts/bootloader/prepare-job.ts). */
export interface PrepareJobRequest {
  readonly prepareJob: SharedArrayBuffer;
  readonly count: number;
  readonly rawLen: number;
  readonly chainId: bigint;
}

/** The answer: `count` 21-byte results, or why the batch failed. */
export interface RecoverResponse {
  readonly id: number;
  readonly results?: Uint8Array;
  readonly error?: string;
}

// Recoveries run at start-up, so a worker's first block finds the G tables built (first recovery)
// and the core's hot functions optimized. Measured on the 2-core machine: 32 take ~3 ms.
const WARM_UP_RECOVERIES = 32;

function warmUp(): void {
  const records = new Uint8Array(WARM_UP_RECOVERIES * RECOVERY_RECORD_LEN);
  // r = x(G) lies on the curve; hash = s = 1: a valid recovery whatever the key.
  const gx = Uint8Array.from(Buffer.from("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", "hex"));
  for (let i = 0; i < WARM_UP_RECOVERIES; i++) {
    const at = i * RECOVERY_RECORD_LEN;
    records[at + 31] = 1 + i;
    records.set(gx, at + 32);
    records[at + 95] = 1;
  }
  recoverAddressesPacked(records, WARM_UP_RECOVERIES);
}

if (parentPort !== null) {
  const port = parentPort;
  setWasm(instantiateModuleSync((workerData as { module: WebAssembly.Module }).module));
  warmUp();
  port.on("message", (req: RecoverRequest | RecoverJobRequest | PrepareJobRequest) => {
    if ("job" in req) {
      drainRecoveryJob(recoveryJobViews(req.job, req.count));
      return;
    }
    if ("prepareJob" in req) {
      drainPrepareJob(prepareJobViews(req.prepareJob, req.count, req.rawLen, req.chainId));
      return;
    }
    let reply: RecoverResponse;
    try {
      reply = { id: req.id, results: recoverAddressesPacked(req.records, req.count) };
    } catch (e) {
      reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply, reply.results ? [reply.results.buffer as ArrayBuffer] : []);
  });
}
