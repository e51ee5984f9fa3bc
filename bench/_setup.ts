/**
 * Shared measuring machinery of the bench suites: lazy loading of peer libraries (dev-only, external to
 * the CLI bundle) and a tinybench runner that times batches of calls, so sub-microsecond hashes are not
 * drowned by the cost of reading the clock.
 * @module
 */
import type { CliIO } from "../ts/cli/command";
import { ZkosError } from "../ts/errors";

/** One thing to time: `fn` is a single call of the subject on an input of `bytes` bytes. */
export interface BenchCase {
  /** What the figures are compared within, e.g. "keccak256 64 B". */
  readonly group: string;
  /** Who is measured, e.g. "zkos", "hash-wasm". */
  readonly subject: string;
  /** Input bytes per call (0 when throughput in bytes means nothing). */
  readonly bytes: number;
  readonly fn: () => unknown;
}

/**
 * The figures of one case. Per-call time is the median of the batch means of the fastest round
 * (robust to a busy machine).
 */
export interface Measurement {
  readonly group: string;
  readonly subject: string;
  readonly bytes: number;
  readonly usPerCall: number;
  readonly opsPerSec: number;
  /** Megabytes (10^6 bytes) per second; null when bytes is 0. */
  readonly mbPerSec: number | null;
  /** Calls per timed sample. */
  readonly batch: number;
  /** Samples over all rounds. */
  readonly samples: number;
  /** Relative margin of error of the mean per-call time in the reported round, percent. */
  readonly rmePercent: number;
}

/** How long each case runs. Quick runs are smoke checks: same cases, shorter budgets. */
export interface Budget {
  /** Time budget per case, ms (tinybench `time`). */
  readonly timeMs: number;
  readonly warmupMs: number;
  /** Minimum number of samples per case. */
  readonly minSamples: number;
  /** Target duration of one sample (a batch of calls), ms. */
  readonly sampleMs: number;
  /** Passes over all cases; each case keeps its fastest pass. */
  readonly rounds: number;
}

export const FULL_BUDGET: Budget = { timeMs: 150, warmupMs: 40, minSamples: 5, sampleMs: 0.25, rounds: 3 };
export const QUICK_BUDGET: Budget = { timeMs: 50, warmupMs: 30, minSamples: 3, sampleMs: 0.25, rounds: 1 };

/** Result of loading an optional peer: the module, or why it could not be loaded. */
export type Peer<T> = { readonly ok: true; readonly mod: T } | { readonly ok: false; readonly reason: string };

/**
 * Loads a peer library lazily. `load` must be a literal `() => import("name")` so esbuild keeps the
 * import external and dynamic (scripts/build.mjs); a missing peer is reported, never thrown.
 */
export async function loadPeer<T>(name: string, load: () => Promise<T>, io: CliIO): Promise<Peer<T>> {
  try {
    return { ok: true, mod: await load() };
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    const reason = `peer '${name}' is not available (${why}); install the dev dependencies (npm install) to compare against it`;
    io.err(`bench: ${reason}\n`);
    return { ok: false, reason };
  }
}

// Results of timed calls land here so the optimiser cannot drop the calls as dead code.
let sink: unknown;

function now(): number {
  return performance.now();
}

/** Calls per sample so that one sample lasts about `sampleMs` (at least one call). */
function calibrateBatch(fn: () => unknown, sampleMs: number): number {
  const probeMs = Math.max(1, sampleMs * 4);
  let calls = 0;
  const t0 = now();
  let elapsed = 0;
  do {
    sink = fn();
    calls++;
    elapsed = now() - t0;
  } while (elapsed < probeMs && calls < 1_000_000);
  const perCall = elapsed / calls;
  return Math.max(1, Math.min(1_000_000, Math.round(sampleMs / Math.max(perCall, 1e-7))));
}

/** One tinybench run of one case: the median per-call time of its batched samples, ms. */
interface Round {
  readonly msPerCall: number;
  readonly samples: number;
  readonly rmePercent: number;
}

async function runOnce(tinybench: typeof import("tinybench"), c: BenchCase, batch: number, budget: Budget): Promise<Round> {
  const bench = new tinybench.Bench({
    time: budget.timeMs,
    warmupTime: budget.warmupMs,
    iterations: budget.minSamples,
    warmupIterations: 1,
    throws: true,
  });
  const fn = c.fn;
  bench.add(c.subject, () => {
    const t0 = now();
    for (let i = 0; i < batch; i++) sink = fn();
    const dt = now() - t0;
    return { overriddenDuration: dt / batch, overriddenIterationCost: dt };
  });
  await bench.run();
  const r = bench.tasks[0]!.result;
  if (r.state !== "completed") {
    throw new Error(`bench: ${c.group} / ${c.subject} did not complete (${r.state})`);
  }
  return { msPerCall: r.latency.p50, samples: r.latency.samplesCount, rmePercent: r.latency.rme };
}

/**
 * Runs every case with tinybench (loaded lazily: it is a dev dependency) and returns one measurement
 * per case, in order. Cases run in the given order, `budget.rounds` times over; each case reports its
 * fastest round. On a shared machine a load burst then costs one round of one case, not its figure.
 */
export async function runCases(cases: readonly BenchCase[], budget: Budget, io: CliIO): Promise<Measurement[]> {
  let tinybench: typeof import("tinybench");
  try {
    tinybench = await import("tinybench");
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new ZkosError(`tinybench is not available (${why}); install the dev dependencies (npm install) to run benchmarks`);
  }
  const batches = cases.map((c) => calibrateBatch(c.fn, budget.sampleMs));
  const best: (Round | undefined)[] = cases.map(() => undefined);
  const samples = cases.map(() => 0);
  for (let round = 0; round < budget.rounds; round++) {
    for (let i = 0; i < cases.length; i++) {
      const r = await runOnce(tinybench, cases[i]!, batches[i]!, budget);
      samples[i]! += r.samples;
      if (best[i] === undefined || r.msPerCall < best[i]!.msPerCall) best[i] = r;
    }
    io.err(`bench: round ${round + 1}/${budget.rounds} done\n`);
  }
  return cases.map((c, i) => {
    const r = best[i]!;
    const opsPerSec = 1000 / r.msPerCall;
    return {
      group: c.group,
      subject: c.subject,
      bytes: c.bytes,
      usPerCall: r.msPerCall * 1000,
      opsPerSec,
      mbPerSec: c.bytes > 0 ? (c.bytes * opsPerSec) / 1e6 : null,
      batch: batches[i]!,
      samples: samples[i]!,
      rmePercent: r.rmePercent,
    };
  });
}
