/**
 * Sender recovery ahead of execution, across worker threads (issue 4, "Speed"): each worker runs
 * its own WASM core (instantiated from the main thread's compiled module) on a contiguous share
 * of the batch. In Node the workers are node:worker_threads running dist/recover-worker.js; where
 * there are none (browsers, or no worker script next to the bundle) the pool recovers in-thread.
 * @module
 */
import { ArgumentError, ZkosError } from "../errors";
import { wasm } from "../wasm";
import type { RecoverJobRequest, RecoverRequest, RecoverResponse } from "./recover-worker";
import { RecoveryJob } from "./recovery-job";
import {
  RECOVERY_RECORD_LEN,
  encodeRecoveryRecord,
  recoverAddressesPacked,
  unpackAddresses,
  type RecoveryItem,
} from "./secp256k1";

// The subset of node:worker_threads' Worker the pool uses (typed here so browsers never load it).
interface NodeWorker {
  postMessage(value: unknown, transfer?: readonly ArrayBuffer[]): void;
  on(event: "message", listener: (msg: RecoverResponse) => void): void;
  on(event: "error", listener: (err: Error) => void): void;
  on(event: "exit", listener: (code: number) => void): void;
  ref(): void;
  unref(): void;
  terminate(): Promise<number>;
}

interface Pending {
  readonly resolve: (results: Uint8Array) => void;
  readonly reject: (err: Error) => void;
}

interface Slot {
  readonly worker: NodeWorker;
  readonly pending: Map<number, Pending>;
  /** Why the worker is gone (crashed or exited), once it is. */
  gone: string | null;
}

/** Options of {@link RecoverPool.create}. */
export interface RecoverPoolOptions {
  /** The bundled worker script; by default dist/recover-worker.js beside the bundle (or the repository's dist/ from sources). */
  readonly workerUrl?: URL;
}

// Module specifiers kept out of static analysis, so browser bundles do not try to resolve them.
const WORKER_THREADS = "node:worker_threads";
const NODE_FS = "node:fs";
const NODE_OS = "node:os";

async function findWorkerScript(fs: typeof import("node:fs"), explicit: URL | undefined): Promise<URL | null> {
  const candidates = explicit ? [explicit] : [new URL("./recover-worker.js", import.meta.url), new URL("../../dist/recover-worker.js", import.meta.url)];
  for (const url of candidates) if (url.protocol === "file:" && fs.existsSync(url)) return url;
  if (explicit) throw new ArgumentError(`recovery worker script not found at ${explicit.href}`);
  return null;
}

/** A pool of recovery workers. Create with {@link RecoverPool.create}; {@link RecoverPool.close} when done. */
export class RecoverPool {
  private readonly slots: Slot[];
  private nextId = 0;
  // Where the next batch's first share goes, so small concurrent batches spread over the workers.
  private nextSlot = 0;
  private closed = false;

  private constructor(slots: Slot[]) {
    this.slots = slots;
  }

  /** Worker threads in use; 0 means recovery runs in the calling thread. */
  get threads(): number {
    return this.slots.length;
  }

  /**
   * Starts `threads` workers (default: the available parallelism; 0 = recover in-thread). Without
   * node:worker_threads or the worker script, the pool falls back to in-thread recovery.
   * Each worker instantiates the installed core's module, so the core must be loaded first.
   */
  static async create(threads?: number, options: RecoverPoolOptions = {}): Promise<RecoverPool> {
    if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 256)) {
      throw new ArgumentError(`threads must be an integer in [0, 256], got ${String(threads)}`);
    }
    const module = wasm().module;
    let wt: typeof import("node:worker_threads");
    let fs: typeof import("node:fs");
    let os: typeof import("node:os");
    try {
      [wt, fs, os] = await Promise.all([import(/* @vite-ignore */ WORKER_THREADS), import(/* @vite-ignore */ NODE_FS), import(/* @vite-ignore */ NODE_OS)]);
    } catch {
      return new RecoverPool([]);
    }
    const count = threads ?? Math.max(1, os.availableParallelism());
    if (count === 0) return new RecoverPool([]);
    const script = await findWorkerScript(fs, options.workerUrl);
    if (script === null) return new RecoverPool([]);
    const slots: Slot[] = [];
    for (let i = 0; i < count; i++) {
      const worker = new wt.Worker(script, { workerData: { module } }) as unknown as NodeWorker;
      const slot: Slot = { worker, pending: new Map(), gone: null };
      worker.on("message", (msg) => {
        const p = slot.pending.get(msg.id);
        if (p === undefined) return;
        slot.pending.delete(msg.id);
        if (slot.pending.size === 0) worker.unref();
        if (msg.results !== undefined) p.resolve(msg.results);
        else p.reject(new ZkosError(`recovery worker failed: ${msg.error ?? "no result"}`));
      });
      const failAll = (why: string): void => {
        slot.gone ??= why;
        for (const p of slot.pending.values()) p.reject(new ZkosError(slot.gone));
        slot.pending.clear();
      };
      worker.on("error", (err) => failAll(`recovery worker crashed: ${err.message}`));
      worker.on("exit", (code) => failAll(`recovery worker exited (code ${code})`));
      worker.unref();
      slots.push(slot);
    }
    return new RecoverPool(slots);
  }

  /**
   * The signer address of each item (null where none recovers; see recoverAddress in
   * ts/crypto/secp256k1.ts), in order. Throws ArgumentError for a malformed hash or parity.
   */
  async recoverAddresses(items: readonly RecoveryItem[]): Promise<(Uint8Array | null)[]> {
    if (this.closed) throw new ZkosError("RecoverPool is closed");
    const count = items.length;
    if (count === 0) return [];
    const records = new Uint8Array(count * RECOVERY_RECORD_LEN);
    for (let i = 0; i < count; i++) encodeRecoveryRecord(records, i * RECOVERY_RECORD_LEN, items[i]!);
    if (this.slots.length === 0) return unpackAddresses(recoverAddressesPacked(records, count), count);
    // Contiguous equal shares; a share is never smaller than a few records (not worth a message).
    const shares = Math.max(1, Math.min(this.slots.length, Math.floor(count / 4)));
    const per = Math.ceil(count / shares);
    const first = this.nextSlot;
    this.nextSlot = (first + shares) % this.slots.length;
    const parts: Promise<Uint8Array>[] = [];
    for (let s = 0; s < shares; s++) {
      const from = s * per;
      const n = Math.min(per, count - from);
      if (n <= 0) break;
      parts.push(this.send(this.slots[(first + s) % this.slots.length]!, records.slice(from * RECOVERY_RECORD_LEN, (from + n) * RECOVERY_RECORD_LEN), n));
    }
    const results = await Promise.all(parts);
    const out: (Uint8Array | null)[] = [];
    for (let s = 0; s < results.length; s++) {
      const part = unpackAddresses(results[s]!, Math.min(per, count - s * per));
      for (const a of part) out.push(a);
    }
    return out;
  }

  /**
   * Starts recovering `items` in the workers and returns at once: the caller reads each address
   * with {@link RecoveryJob.address}, recovering in its own thread whatever the workers have not
   * reached (without workers, everything is recovered there, on demand). Throws ArgumentError for
   * a malformed hash or parity.
   */
  begin(items: readonly RecoveryItem[]): RecoveryJob {
    if (this.closed) throw new ZkosError("RecoverPool is closed");
    const live = this.slots.filter((s) => s.gone === null);
    const shared = live.length > 0 && items.length > 1;
    const job = RecoveryJob.create(items, shared);
    if (shared) {
      const req: RecoverJobRequest = { job: job.buffer as SharedArrayBuffer, count: job.count };
      for (const s of live) s.worker.postMessage(req);
    }
    return job;
  }

  /**
   * Hands a shared job's message (a SharedArrayBuffer job the worker script knows, such as
   * ts/bootloader/prepare-job.ts's) to every live worker; returns how many got it (0: the caller
   * does all the work).
   */
  share(message: object): number {
    if (this.closed) throw new ZkosError("RecoverPool is closed");
    const live = this.slots.filter((s) => s.gone === null);
    for (const s of live) s.worker.postMessage(message);
    return live.length;
  }

  private send(slot: Slot, records: Uint8Array, count: number): Promise<Uint8Array> {
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      if (slot.gone !== null) {
        reject(new ZkosError(slot.gone));
        return;
      }
      slot.pending.set(id, { resolve, reject });
      slot.worker.ref();
      const req: RecoverRequest = { id, records, count };
      slot.worker.postMessage(req, [records.buffer as ArrayBuffer]);
    });
  }

  /** Stops the workers; requests still in flight are rejected. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
