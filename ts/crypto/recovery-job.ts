/**
 * A batch of sender recoveries in one SharedArrayBuffer, shared by RecoverPool workers and the
 * thread that runs the block (issue 4, "Speed"): every participant claims the next record with an
 * atomic counter; the block thread asks for one result at a time and, while it is not ready, claims
 * and recovers records itself, so recovery overlaps execution and no thread waits while work is left.
 * @module
 */
import { ArgumentError } from "../errors";
import { RECOVERY_RECORD_LEN, RECOVERY_RESULT_LEN, SecpStatus, encodeRecoveryRecord, recoverRecordInto, type RecoveryItem } from "./secp256k1";

// Header words: the next unclaimed record.
const NEXT = 0;
const HEADER_BYTES = 8;

/** The views of a job's buffer. */
export interface RecoveryJobViews {
  readonly count: number;
  readonly header: Int32Array;
  /** Per record: 0 until its result is written, then 1. */
  readonly done: Int32Array;
  readonly records: Uint8Array;
  readonly results: Uint8Array;
}

/** Views of `count` records in `buffer` (the layout {@link RecoveryJob.create} makes). */
export function recoveryJobViews(buffer: SharedArrayBuffer, count: number): RecoveryJobViews {
  const recordsAt = HEADER_BYTES + 4 * count;
  const resultsAt = recordsAt + count * RECOVERY_RECORD_LEN;
  return {
    count,
    header: new Int32Array(buffer, 0, 2),
    done: new Int32Array(buffer, HEADER_BYTES, count),
    records: new Uint8Array(buffer, recordsAt, count * RECOVERY_RECORD_LEN),
    results: new Uint8Array(buffer, resultsAt, count * RECOVERY_RESULT_LEN),
  };
}

// How long the block thread waits for a record a worker claimed before recovering it itself (a
// worker that crashed or was terminated mid-record never writes it).
const WAIT_MS = 100;

/** Claims and recovers one record; false when none is left. */
export function claimAndRecover(v: RecoveryJobViews): boolean {
  const j = Atomics.add(v.header, NEXT, 1);
  if (j >= v.count) return false;
  recoverRecordInto(v.records, j * RECOVERY_RECORD_LEN, v.results, j * RECOVERY_RESULT_LEN);
  Atomics.store(v.done, j, 1);
  Atomics.notify(v.done, j);
  return true;
}

/** Worker side: recovers records until none is left. */
export function drainRecoveryJob(v: RecoveryJobViews): void {
  while (claimAndRecover(v));
}

/** One block's recoveries, created by the block thread and handed to the pool's workers. */
export class RecoveryJob {
  /** Shared with workers when `shared` was asked for (else a plain buffer only this thread uses). */
  readonly buffer: SharedArrayBuffer | ArrayBuffer;
  private readonly v: RecoveryJobViews;

  private constructor(buffer: SharedArrayBuffer | ArrayBuffer, count: number) {
    this.buffer = buffer;
    this.v = recoveryJobViews(buffer as SharedArrayBuffer, count);
  }

  /**
   * Records `items` in a new buffer, a SharedArrayBuffer when `shared` (for workers; else this
   * thread recovers each record when asked). Throws ArgumentError for a malformed hash or parity.
   */
  static create(items: readonly RecoveryItem[], shared: boolean): RecoveryJob {
    const count = items.length;
    const bytes = HEADER_BYTES + count * (4 + RECOVERY_RECORD_LEN + RECOVERY_RESULT_LEN);
    const job = new RecoveryJob(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes), count);
    for (let i = 0; i < count; i++) encodeRecoveryRecord(job.v.records, i * RECOVERY_RECORD_LEN, items[i]!);
    return job;
  }

  /** Records in the job. */
  get count(): number {
    return this.v.count;
  }

  /**
   * The address record `k` recovers to (null: none), recovering records in this thread while its
   * result is not written yet; blocks only when every record is claimed and `k`'s is in flight.
   */
  address(k: number): Uint8Array | null {
    const v = this.v;
    if (!Number.isInteger(k) || k < 0 || k >= v.count) throw new ArgumentError(`record ${k} is not in this job of ${v.count}`);
    let results = v.results;
    let at = k * RECOVERY_RESULT_LEN;
    while (Atomics.load(v.done, k) === 0) {
      if (claimAndRecover(v)) continue;
      if (Atomics.wait(v.done, k, 0, WAIT_MS) === "timed-out") {
        results = new Uint8Array(RECOVERY_RESULT_LEN);
        at = 0;
        recoverRecordInto(v.records, k * RECOVERY_RECORD_LEN, results, 0);
        break;
      }
    }
    return results[at] === SecpStatus.ok ? results.slice(at + 1, at + RECOVERY_RESULT_LEN) : null;
  }
}
