/**
 * The `evm` bench suite (issue 3, "Speed"): Mgas/s of the zkos EVM (release WASM, Runner API) on
 * every input of ../shared/fixtures/evm-benchmarks (main and micro) next to @ethereumjs/evm in the
 * same run, as one message call per case (bench/evm-cases.ts, bench/evm-peer-ethereumjs.ts). Both
 * sides must agree on status, gas used, refund and return data before a case is timed. Each figure
 * is the best of several whole calls (calls are 0.01 ms to seconds long, so per-sample tools add nothing).
 * @module
 */
import type { BenchOptions, BenchSuite } from "./suites";
import { environment, fmt, printText, table, writeReport, type Environment } from "./_report";
import { compareOutcomes, loadEvmCases, ZkosCaseRunner, type CallOutcome, type EvmCase, type EvmCaseGroup } from "./evm-cases";
import { ETHEREUMJS_FORM, EthereumjsCaseRunner, loadEthereumjs } from "./evm-peer-ethereumjs";

/** Issue 3: at least 10× ethereumjs on every main case; 30× is the aim. */
const TARGET_RATIO = 10;
const AIM_RATIO = 30;

/** Under --quick, peer calls estimated longer than this are skipped. */
const QUICK_PEER_LIMIT_S = 5;
/** For that estimate: the low end of ethereumjs' rate measured on this machine (issue 3), gas/s. */
const PEER_RATE_ESTIMATE = 8e6;

/** How many calls each side makes per case: until `budgetMs` of wall time is spent, within [minRuns, maxRuns]. */
interface Budget {
  readonly budgetMs: number;
  readonly minRuns: number;
  readonly maxRuns: number;
}

const FULL = { zkos: { budgetMs: 1000, minRuns: 5, maxRuns: 300 }, peer: { budgetMs: 1500, minRuns: 1, maxRuns: 100 } };
const QUICK = { zkos: { budgetMs: 150, minRuns: 2, maxRuns: 30 }, peer: { budgetMs: 200, minRuns: 1, maxRuns: 10 } };

/** The figures of one side on one case. */
export interface EvmFigures {
  /** Best wall time of one call, ms. */
  readonly ms: number;
  readonly medianMs: number;
  /** Best process CPU time of one call, ms. */
  readonly cpuMs: number;
  /** gasUsed / best wall time, in 10^6 gas per second. */
  readonly mgasPerSec: number;
  /** gasUsed / best CPU time. */
  readonly cpuMgasPerSec: number;
  readonly runs: number;
}

export type EvmAgreement = "yes" | "mismatch" | "not checked";

export interface EvmBenchRow {
  /** `<group>/<test>/<label>` (evmone's benchmark names). */
  readonly case: string;
  readonly group: EvmCaseGroup;
  readonly gasUsed: number;
  readonly status: string;
  /** Null for a mismatch (not timed). */
  readonly zkos: EvmFigures | null;
  readonly ethereumjs: EvmFigures | null;
  /** ethereumjs best wall time / zkos best wall time (> 1: zkos is faster). */
  readonly ratio: number | null;
  /** The same on CPU time. */
  readonly cpuRatio: number | null;
  readonly agree: EvmAgreement;
  /** What differs (a mismatch), or why the peer was not run. */
  readonly note: string | null;
}

/** Lowest and geometric-mean ratio over the main cases that have one. */
export interface RatioStats {
  readonly min: number | null;
  readonly minCase: string | null;
  readonly geomean: number | null;
  /** Main cases below TARGET_RATIO. */
  readonly belowTarget: readonly string[];
}

export interface EvmBenchSummary {
  /** On wall time. */
  readonly main: RatioStats;
  /** On CPU time (less disturbed by other processes on a shared machine). */
  readonly mainCpu: RatioStats;
  readonly targetRatio: number;
  readonly aimRatio: number;
}

export interface EvmBenchReport {
  readonly suite: "evm";
  readonly env: Environment;
  readonly quick: boolean;
  readonly method: string;
  readonly peer: string;
  readonly rows: readonly EvmBenchRow[];
  readonly summary: EvmBenchSummary;
  readonly skipped: readonly string[];
  reportFile?: string | null;
}

/** Repeats `call` within the budget (the first call, made by the caller, counts as a sample). */
async function sample(
  first: CallOutcome, call: () => CallOutcome | Promise<CallOutcome>, b: Budget, gasUsed: bigint,
): Promise<EvmFigures> {
  const ms = [first.ms];
  let bestCpu = first.cpuMs;
  // The first call counts against the budget: a seconds-long peer call is not repeated unless minRuns asks.
  const start = performance.now() - first.ms;
  while (ms.length < b.maxRuns && (performance.now() - start < b.budgetMs || ms.length < b.minRuns)) {
    const o = await call();
    ms.push(o.ms);
    if (o.cpuMs < bestCpu) bestCpu = o.cpuMs;
  }
  ms.sort((x, y) => x - y);
  const best = ms[0]!;
  const gas = Number(gasUsed);
  return {
    ms: best,
    medianMs: ms[ms.length >> 1]!,
    cpuMs: bestCpu,
    mgasPerSec: gas / best / 1000,
    // process.cpuUsage has microsecond resolution; a call shorter than that reads as 0.
    cpuMgasPerSec: bestCpu > 0 ? gas / bestCpu / 1000 : Infinity,
    runs: ms.length,
  };
}

function statusText(o: CallOutcome): string {
  return o.status === "error" ? `error (${o.error})` : o.status;
}

async function measureCase(
  c: EvmCase, peer: Awaited<ReturnType<typeof loadEthereumjs>>, quick: boolean, io: BenchOptions["io"],
): Promise<EvmBenchRow> {
  const budgets = quick ? QUICK : FULL;
  const zr = new ZkosCaseRunner(c);
  const z = zr.run();
  const base = { case: c.name, group: c.group, gasUsed: Number(z.gasUsed), status: statusText(z) };
  let note: string | null = null;
  let p: CallOutcome | null = null;
  let pr: EthereumjsCaseRunner | null = null;
  if (!peer.ok) note = peer.reason;
  else if (quick && Number(z.gasUsed) / PEER_RATE_ESTIMATE > QUICK_PEER_LIMIT_S) {
    note = `peer skipped under --quick (estimated > ${QUICK_PEER_LIMIT_S} s at ${PEER_RATE_ESTIMATE / 1e6} Mgas/s)`;
  } else {
    pr = new EthereumjsCaseRunner(peer.mod, c);
    p = await pr.run();
    const diff = compareOutcomes(z, p);
    if (diff !== null) {
      io.err(`bench evm: ${c.name}: MISMATCH zkos vs ethereumjs: ${diff}\n`);
      return { ...base, zkos: null, ethereumjs: null, ratio: null, cpuRatio: null, agree: "mismatch", note: diff };
    }
  }
  const zf = await sample(z, () => zr.run(), budgets.zkos, z.gasUsed);
  const pf = p !== null && pr !== null ? await sample(p, () => pr.run(), budgets.peer, z.gasUsed) : null;
  io.err(`bench evm: ${c.name}: zkos ${fmt(zf.mgasPerSec)} Mgas/s` + (pf ? `, ethereumjs ${fmt(pf.mgasPerSec)} Mgas/s\n` : "\n"));
  return {
    ...base,
    zkos: zf,
    ethereumjs: pf,
    ratio: pf ? pf.ms / zf.ms : null,
    cpuRatio: pf && zf.cpuMs > 0 ? pf.cpuMs / zf.cpuMs : null,
    agree: p === null ? "not checked" : "yes",
    note,
  };
}

function ratioStats(rows: readonly EvmBenchRow[], pick: (r: EvmBenchRow) => number | null): RatioStats {
  const main = rows.filter((r) => r.group === "main" && pick(r) !== null);
  let min: EvmBenchRow | null = null;
  let logSum = 0;
  for (const r of main) {
    if (min === null || pick(r)! < pick(min)!) min = r;
    logSum += Math.log(pick(r)!);
  }
  return {
    min: min === null ? null : pick(min),
    minCase: min?.case ?? null,
    geomean: main.length > 0 ? Math.exp(logSum / main.length) : null,
    belowTarget: main.filter((r) => pick(r)! < TARGET_RATIO).map((r) => r.case),
  };
}

function summarize(rows: readonly EvmBenchRow[]): EvmBenchSummary {
  return {
    main: ratioStats(rows, (r) => r.ratio),
    mainCpu: ratioStats(rows, (r) => r.cpuRatio),
    targetRatio: TARGET_RATIO,
    aimRatio: AIM_RATIO,
  };
}

function render(rows: readonly EvmBenchRow[], s: EvmBenchSummary, skipped: readonly string[]): string {
  const ms = (x: number | undefined) => (x === undefined ? "-" : x < 0.1 ? x.toFixed(4) : fmt(x));
  const body = table(
    ["case", "gas used", "zkos ms", "zkos Mgas/s", "ejs ms", "ejs Mgas/s", "ratio", "cpu ratio", "agree"],
    rows.map((r) => [
      r.case, String(r.gasUsed), ms(r.zkos?.ms), fmt(r.zkos?.mgasPerSec), ms(r.ethereumjs?.ms), fmt(r.ethereumjs?.mgasPerSec),
      fmt(r.ratio), fmt(r.cpuRatio), r.agree,
    ]),
  );
  const lines = [body, "", `main cases (target ≥ ${TARGET_RATIO}× ethereumjs on every one, aim ${AIM_RATIO}×):`];
  const stats = (what: string, r: RatioStats) =>
    `  ${what}: lowest ${fmt(r.min)}× (${r.minCase ?? "-"}), geometric mean ${fmt(r.geomean)}×`
    + (r.belowTarget.length > 0 ? `; below target: ${r.belowTarget.join(", ")}` : "");
  lines.push(stats("wall time", s.main), stats("CPU time ", s.mainCpu));
  for (const r of rows) if (r.note !== null) lines.push(`${r.case}: ${r.agree === "mismatch" ? "MISMATCH (not timed): " : ""}${r.note}`);
  for (const k of skipped) lines.push(`skipped: ${k}`);
  lines.push(
    "ms = best wall time of one call; ratio = ethereumjs ms / zkos ms; cpu ratio = the same on process CPU time "
    + "(on a loaded machine long calls are preempted more often than short ones, which inflates wall ratios)",
  );
  return lines.join("\n");
}

export const evmSuite: BenchSuite = {
  name: "evm",
  summary: "EVM Mgas/s on the evm-benchmarks (main, micro) vs @ethereumjs/evm, one message call per case",
  async run(opts: BenchOptions): Promise<EvmBenchReport> {
    const { io } = opts;
    const cases = loadEvmCases();
    const peer = await loadEthereumjs(io);
    const rows: EvmBenchRow[] = [];
    for (const c of cases) rows.push(await measureCase(c, peer, opts.quick, io));
    const summary = summarize(rows);
    const skipped = peer.ok ? [] : [`ethereumjs: ${peer.reason}`];
    const b = opts.quick ? QUICK : FULL;
    const report: EvmBenchReport = {
      suite: "evm",
      env: environment(),
      quick: opts.quick,
      method: "one message call per case (the fixture's calldata into its contract, gas = tx gas limit - intrinsic gas, "
        + "Cancun rules, warm set of a Cancun transaction, no signature/nonce/fees), each call on a fresh pre-state "
        + "built outside the timed region; zkos = Runner.run on the release WASM; outcomes compared before timing; "
        + `calls repeated for ${b.zkos.budgetMs} ms (zkos) / ${b.peer.budgetMs} ms (ethereumjs) of wall time, `
        + `at least ${b.zkos.minRuns} / ${b.peer.minRuns} calls; best call reported; Mgas/s = gas used / best time; `
        + "CPU time = process.cpuUsage around the call (every thread, V8's GC helpers included; µs resolution, "
        + "and the reading itself adds a few µs to calls under 0.1 ms)",
      peer: ETHEREUMJS_FORM,
      rows,
      summary,
      skipped,
    };
    printText(render(rows, summary, skipped), opts.json, io);
    report.reportFile = writeReport("evm", report, io);
    return report;
  },
};
