/**
 * The `ecrecover` bench suite (issue 4, "Speed"): signer address recovery (public key + Keccak-256)
 * by zkos's WASM core, @noble/curves and tiny-secp256k1 (libsecp256k1 in WASM) in the same run, µs
 * per recovery and ratios; then RecoverPool's recoveries per second on a 1,000-signature batch with
 * 0 (in-thread), 1 and 2 worker threads.
 * @module
 */
import { availableParallelism } from "node:os";
import { RecoverPool } from "../ts/crypto/recover-pool";
import { recoverAddress, type RecoveryItem } from "../ts/crypto/secp256k1";
import { keccak256 } from "../ts/crypto/keccak";
import { ecrecoverPrecompile } from "../ts/hooks/precompiles/01-ecrecover";
import type { BenchOptions, BenchSuite } from "./suites";
import { FULL_BUDGET, QUICK_BUDGET, loadPeer, runCases, type BenchCase, type Measurement } from "./_setup";
import { environment, fmt, printText, ratio, table, writeReport, type Environment } from "./_report";

/** Distinct signatures the per-call cases cycle through. */
const SIGNATURES = 256;
/** Signatures per pool batch (a block of 1,000 transfers). */
const BATCH = 1000;

const SUBJECTS = ["zkos", "zkos-precompile", "noble", "tiny-secp256k1"] as const;
type SubjectId = (typeof SUBJECTS)[number];
const PEERS: readonly SubjectId[] = ["noble", "tiny-secp256k1"];

const FORMS: Record<SubjectId, string> = {
  zkos: "zkos recoverAddress(hash, r, s, yParity) with bigint r, s → 20-byte address",
  "zkos-precompile": "zkos ecrecoverPrecompile.run(128-byte input) → 32-byte word (the EVM precompile path)",
  noble: "@noble/curves new Signature(r, s, v).recoverPublicKey(hash).toBytes(false), then @noble/hashes keccak_256 of x ‖ y",
  "tiny-secp256k1": "tiny-secp256k1 recover(hash, r ‖ s, v, false), then @noble/hashes keccak_256 of x ‖ y",
};

interface Signed {
  readonly hash: Uint8Array;
  readonly r: bigint;
  readonly s: bigint;
  readonly v: 0 | 1;
  /** r ‖ s, 64 bytes. */
  readonly compact: Uint8Array;
  /** The precompile's 128-byte input. */
  readonly precompileInput: Uint8Array;
  readonly address: string;
}

export interface PoolRow {
  readonly threads: number;
  readonly msPerBatch: number;
  readonly recoveriesPerSec: number;
  /** Over the in-thread (0 workers) rate. */
  readonly speedup: number | null;
}

export interface EcrecoverBenchReport {
  readonly suite: "ecrecover";
  readonly env: Environment;
  readonly quick: boolean;
  readonly method: string;
  readonly forms: Record<SubjectId, string>;
  readonly rows: readonly {
    readonly subject: SubjectId;
    readonly usPerCall: number;
    readonly opsPerSec: number;
    readonly rmePercent: number;
  }[];
  /** "zkos/noble" etc.: throughput ratios, > 1 means zkos is faster. */
  readonly ratios: Record<string, number | null>;
  readonly pool: readonly PoolRow[];
  readonly missing: readonly string[];
  reportFile?: string | null;
}

function hex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, "0");
  return s;
}

function be32(x: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

async function signatures(count: number, opts: BenchOptions): Promise<Signed[]> {
  const curves = await loadPeer("@noble/curves", () => import("@noble/curves/secp256k1.js"), opts.io);
  if (!curves.ok) throw new Error(`bench ecrecover: the signatures are made with @noble/curves: ${curves.reason}`);
  const { secp256k1 } = curves.mod;
  const n = secp256k1.Point.Fn.ORDER;
  const out: Signed[] = [];
  for (let i = 0; i < count; i++) {
    const seed = keccak256(new TextEncoder().encode(`ecrecover bench ${i}`));
    const sk = be32((BigInt("0x" + hex(seed)) % (n - 1n)) + 1n);
    const hash = keccak256(seed);
    const sig = secp256k1.Signature.fromBytes(secp256k1.sign(hash, sk, { prehash: false, format: "recovered" }), "recovered");
    const v = sig.recovery as 0 | 1;
    const compact = new Uint8Array(64);
    compact.set(be32(sig.r), 0);
    compact.set(be32(sig.s), 32);
    const precompileInput = new Uint8Array(128);
    precompileInput.set(hash, 0);
    precompileInput[63] = 27 + v;
    precompileInput.set(compact, 64);
    const address = hex(keccak256(secp256k1.getPublicKey(sk, false).subarray(1)).subarray(12));
    out.push({ hash, r: sig.r, s: sig.s, v, compact, precompileInput, address });
  }
  return out;
}

type RecoverFn = (sig: Signed) => string;

async function subjects(opts: BenchOptions, missing: string[]): Promise<Partial<Record<SubjectId, RecoverFn>>> {
  const fns: Partial<Record<SubjectId, RecoverFn>> = {
    zkos: (x) => hex(recoverAddress(x.hash, x.r, x.s, x.v)!),
    "zkos-precompile": (x) => hex(ecrecoverPrecompile.run(x.precompileInput, 10_000n).output.subarray(12)),
  };
  const curves = await loadPeer("@noble/curves", () => import("@noble/curves/secp256k1.js"), opts.io);
  const sha3 = await loadPeer("@noble/hashes/sha3.js", () => import("@noble/hashes/sha3.js"), opts.io);
  if (!sha3.ok) {
    missing.push(sha3.reason);
    return fns;
  }
  const keccak = sha3.mod.keccak_256;
  if (curves.ok) {
    const { secp256k1 } = curves.mod;
    fns.noble = (x) => hex(keccak(new secp256k1.Signature(x.r, x.s, x.v).recoverPublicKey(x.hash).toBytes(false).subarray(1)).subarray(12));
  } else missing.push(curves.reason);
  const tiny = await loadPeer("tiny-secp256k1", () => import("tiny-secp256k1"), opts.io);
  if (tiny.ok) {
    const recover = tiny.mod.recover;
    fns["tiny-secp256k1"] = (x) => hex(keccak(recover(x.hash, x.compact, x.v, false)!.subarray(1)).subarray(12));
  } else missing.push(tiny.reason);
  return fns;
}

// Pool throughput: every pool runs the same batch in turn, `rounds` times; each keeps its fastest.
async function measurePools(sigs: readonly Signed[], rounds: number, opts: BenchOptions): Promise<PoolRow[]> {
  const items: RecoveryItem[] = sigs.map((x) => ({ hash: x.hash, r: x.r, s: x.s, yParity: x.v }));
  const want = sigs.map((x) => x.address);
  const threadCounts = [0, 1, 2];
  const pools = await Promise.all(threadCounts.map((t) => RecoverPool.create(t)));
  try {
    for (const [i, pool] of pools.entries()) {
      if (pool.threads !== threadCounts[i]) throw new Error(`bench ecrecover: asked for ${threadCounts[i]} workers, got ${pool.threads} (is dist/recover-worker.js built?)`);
      const got = await pool.recoverAddresses(items);
      got.forEach((a, j) => {
        if (a === null || hex(a) !== want[j]) throw new Error(`bench ecrecover: the ${threadCounts[i]}-thread pool recovered a wrong address for signature ${j}`);
      });
    }
    const best = threadCounts.map(() => Infinity);
    for (let r = 0; r < rounds; r++) {
      for (const [i, pool] of pools.entries()) {
        const t0 = performance.now();
        await pool.recoverAddresses(items);
        best[i] = Math.min(best[i]!, performance.now() - t0);
      }
    }
    opts.io.err(`bench ecrecover: pools measured (${rounds} rounds)\n`);
    return threadCounts.map((threads, i) => ({
      threads,
      msPerBatch: best[i]!,
      recoveriesPerSec: (items.length * 1000) / best[i]!,
      speedup: best[0]! / best[i]!,
    }));
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

function render(rows: EcrecoverBenchReport["rows"], pool: readonly PoolRow[]): string {
  const zkos = rows.find((r) => r.subject === "zkos");
  const body = rows.map((r) => [r.subject, fmt(r.usPerCall), fmt(r.opsPerSec), fmt(zkos === undefined ? null : zkos.opsPerSec / r.opsPerSec)]);
  const parts = [
    "recover the signer address (public key + keccak256)",
    table(["implementation", "µs/recovery", "recoveries/s", "zkos/this"], body),
    "",
    `RecoverPool, batches of ${BATCH} signatures (${availableParallelism()} cores)`,
    table(
      ["worker threads", "ms/batch", "recoveries/s", "vs in-thread"],
      pool.map((p) => [p.threads === 0 ? "0 (in-thread)" : String(p.threads), fmt(p.msPerBatch), fmt(p.recoveriesPerSec), fmt(p.speedup)]),
    ),
    "",
    "µs/recovery: median of batched samples, fastest of the rounds. zkos/this: throughput ratio, > 1 means zkos is faster.",
    "Pool figures: fastest of the rounds, pools interleaved round by round.",
  ];
  return parts.join("\n");
}

async function run(opts: BenchOptions): Promise<EcrecoverBenchReport> {
  const env = environment();
  const missing: string[] = [];
  const sigs = await signatures(Math.max(SIGNATURES, BATCH), opts);
  const perCall = sigs.slice(0, SIGNATURES);
  const fns = await subjects(opts, missing);
  // A benchmark of wrong answers is worthless: every subject must recover every signer first.
  for (const id of SUBJECTS) {
    const f = fns[id];
    if (f === undefined) continue;
    for (const x of perCall) if (f(x) !== x.address) throw new Error(`bench ecrecover: ${id} recovered a wrong address`);
  }

  const cases: BenchCase[] = [];
  for (const id of SUBJECTS) {
    const f = fns[id];
    if (f === undefined) continue;
    let i = 0;
    cases.push({ group: "recover", subject: id, bytes: 0, fn: () => f(perCall[i++ % SIGNATURES]!) });
  }
  const budget = opts.quick ? QUICK_BUDGET : { ...FULL_BUDGET, timeMs: 400, rounds: 4 };
  opts.io.err(`bench ecrecover: ${cases.length} cases${opts.quick ? " (quick)" : ""}; machine: ${env.cpu}, ${env.cores} cores, node ${env.node}\n`);
  const measured = await runCases(cases, budget, opts.io);
  const find = (id: SubjectId): Measurement | undefined => measured.find((m) => m.subject === id);
  const rows = measured.map((m) => ({ subject: m.subject as SubjectId, usPerCall: m.usPerCall, opsPerSec: m.opsPerSec, rmePercent: m.rmePercent }));
  const ratios: Record<string, number | null> = {};
  for (const z of ["zkos", "zkos-precompile"] as const) for (const p of PEERS) ratios[`${z}/${p}`] = ratio(find(z), find(p));

  const pool = await measurePools(sigs.slice(0, BATCH), opts.quick ? 2 : 6, opts);
  const report: EcrecoverBenchReport = {
    suite: "ecrecover",
    env,
    quick: opts.quick,
    method:
      `tinybench 6, one task per implementation cycling through ${SIGNATURES} signatures of distinct keys, ${budget.rounds} ` +
      `round(s) over all cases; each sample times a batch of calls lasting ~${budget.sampleMs} ms; per case and round ` +
      `${budget.timeMs} ms (+${budget.warmupMs} ms warmup); figure = median per-call time of the fastest round. Every ` +
      `implementation must recover every signer's address before timing. Pools: RecoverPool.create(0|1|2), a batch of ` +
      `${BATCH} signatures, rounds interleaved, fastest round kept; the batch includes packing r and s from bigints.`,
    forms: FORMS,
    rows,
    ratios,
    pool,
    missing,
  };
  printText(render(rows, pool), opts.json, opts.io);
  report.reportFile = writeReport("ecrecover", report, opts.io);
  return report;
}

export const ecrecoverSuite: BenchSuite = {
  name: "ecrecover",
  summary: "secp256k1 signer recovery vs @noble/curves and tiny-secp256k1; RecoverPool with 0, 1, 2 worker threads",
  run,
};
