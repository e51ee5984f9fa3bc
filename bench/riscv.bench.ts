/**
 * The `riscv` bench suite (issue 6, "Speed"): millions of guest instructions per second of the
 * RISC-V machine (release WASM, public RiscvMachine API) on a long integer loop (≥ 300M
 * instructions) and on a delegation-heavy program, against a plain JS switch interpreter
 * (bench/riscv-js-interpreter.ts) measured in the same run; plus, when ZKSYNC_OS_BIN points to the
 * reference image, the real one-transaction ZKsync OS block. Guest programs: test/riscv/programs/.
 * Each figure is the best of a few whole runs (a run is seconds long, so per-sample tools add nothing).
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { RiscvMachine, WitnessSource, parseWitness } from "../ts/index";
import type { BenchOptions, BenchSuite } from "./suites";
import { JsRiscv } from "./riscv-js-interpreter";
import { environment, fmt, printText, table, writeReport, type Environment } from "./_report";

/** Both bench/ (sources) and dist/ (bundled CLI) sit one level below the package root. */
const ROOT = new URL("../", import.meta.url);
const PROGRAMS = new URL("test/riscv/programs/", ROOT);
const WITNESS = new URL("../shared/fixtures/zksync-os-witness/witness.hex", ROOT);

interface Workload {
  readonly name: string;
  readonly program: string;
  readonly bytes: Uint8Array;
  readonly witness: Uint32Array;
  /** Whole runs of the zkos machine (best one reported) and of the JS baseline. */
  readonly zkosRounds: number;
  readonly jsRounds: number;
}

interface Figures {
  readonly seconds: number;
  readonly mips: number;
}

export interface RiscvBenchRow {
  readonly workload: string;
  readonly program: string;
  readonly cycles: number;
  readonly delegations: { readonly blake2s: number; readonly u256: number };
  readonly effectiveCycles: number;
  readonly zkos: Figures;
  readonly js: Figures | null;
  /** zkos MIPS / JS MIPS (> 1: zkos is faster). */
  readonly ratio: number | null;
  /** Both machines halted with the same cycle count and x10..x17. */
  readonly agree: boolean | null;
}

export interface RiscvBenchReport {
  readonly suite: "riscv";
  readonly env: Environment;
  readonly quick: boolean;
  readonly method: string;
  readonly rows: readonly RiscvBenchRow[];
  readonly skipped: readonly string[];
  reportFile?: string | null;
}

function workloads(quick: boolean): { list: Workload[]; skipped: string[] } {
  const read = (name: string) => new Uint8Array(readFileSync(new URL(name, PROGRAMS)));
  const list: Workload[] = [
    {
      name: "integer loop",
      program: "loop.bin",
      bytes: read("loop.bin"),
      // 11 instructions per round: 28M rounds ≈ 308M instructions.
      witness: Uint32Array.of(quick ? 2_000_000 : 28_000_000),
      zkosRounds: quick ? 1 : 3,
      jsRounds: 1,
    },
    {
      name: "delegations (blake2s + u256 chain)",
      program: "delegations.bin",
      bytes: read("delegations.bin"),
      witness: Uint32Array.of(quick ? 5_000 : 50_000),
      zkosRounds: quick ? 1 : 3,
      jsRounds: 1,
    },
  ];
  const skipped: string[] = [];
  const image = process.env.ZKSYNC_OS_BIN;
  if (image && existsSync(image) && existsSync(WITNESS)) {
    list.push({
      name: "ZKsync OS block (1 tx, reference witness)",
      program: image,
      bytes: new Uint8Array(readFileSync(image)),
      witness: parseWitness(readFileSync(WITNESS, "utf8"), "witness.hex"),
      zkosRounds: quick ? 3 : 10,
      jsRounds: quick ? 1 : 2,
    });
  } else {
    skipped.push("ZKsync OS block: set ZKSYNC_OS_BIN to zksync_os/app.bin (zksync-os 0a82da0) to include it");
  }
  return { list, skipped };
}

function runZkos(w: Workload): { f: Figures; cycles: number; out: number[]; blake2s: number; u256: number; effective: number } {
  let best = Infinity;
  let last: ReturnType<typeof runZkos> | undefined;
  for (let k = 0; k < w.zkosRounds; k++) {
    const m = new RiscvMachine({ source: new WitnessSource(w.witness) });
    m.load(w.bytes, w.program);
    const t0 = performance.now();
    const r = m.run(2 ** 40);
    const s = (performance.now() - t0) / 1000;
    if (r.status !== "halted") throw new Error(`riscv bench: ${w.name} did not halt on zkos (${JSON.stringify(r.trap)})`);
    best = Math.min(best, s);
    const st = m.stats();
    last = {
      f: { seconds: best, mips: r.cycles / best / 1e6 },
      cycles: r.cycles,
      out: Array.from(m.registers().subarray(10, 18)),
      blake2s: st.blake2sCalls,
      u256: st.u256Calls,
      effective: st.effectiveCycles,
    };
  }
  return last!;
}

function runJs(w: Workload): { f: Figures; cycles: number; out: number[] } | null {
  let best = Infinity;
  let result: { f: Figures; cycles: number; out: number[] } | null = null;
  for (let k = 0; k < w.jsRounds; k++) {
    const m = new JsRiscv(w.witness);
    m.load(w.bytes);
    const t0 = performance.now();
    const halted = m.run(2 ** 40);
    const s = (performance.now() - t0) / 1000;
    if (!halted) return null;
    best = Math.min(best, s);
    result = { f: { seconds: best, mips: m.cycles / best / 1e6 }, cycles: m.cycles, out: Array.from(m.regs.subarray(10, 18), (v) => v >>> 0) };
  }
  return result;
}

export const riscvSuite: BenchSuite = {
  name: "riscv",
  summary: "RISC-V machine MIPS: integer loop, delegation-heavy program (vs a plain JS interpreter)",
  async run(opts: BenchOptions): Promise<RiscvBenchReport> {
    const { io } = opts;
    const { list, skipped } = workloads(opts.quick);
    const rows: RiscvBenchRow[] = [];
    for (const w of list) {
      io.err(`bench riscv: ${w.name}: zkos…\n`);
      const z = runZkos(w);
      io.err(`bench riscv: ${w.name}: ${fmt(z.f.mips)} MIPS; JS baseline…\n`);
      const j = runJs(w);
      rows.push({
        workload: w.name,
        program: w.program.replace(/^.*\//, ""),
        cycles: z.cycles,
        delegations: { blake2s: z.blake2s, u256: z.u256 },
        effectiveCycles: z.effective,
        zkos: z.f,
        js: j?.f ?? null,
        ratio: j ? z.f.mips / j.f.mips : null,
        agree: j ? j.cycles === z.cycles && j.out.every((v, i) => v === z.out[i]) : null,
      });
    }
    const report: RiscvBenchReport = {
      suite: "riscv",
      env: environment(),
      quick: opts.quick,
      method: "best wall time of whole runs (load excluded) of RiscvMachine.run on the release WASM vs "
        + "bench/riscv-js-interpreter.ts in the same process; MIPS = guest instructions executed / s",
      rows,
      skipped,
    };
    printText(
      table(
        ["workload", "Minstr", "blake2s", "u256", "zkos MIPS", "JS MIPS", "zkos/JS", "agree"],
        rows.map((r) => [
          r.workload, fmt(r.cycles / 1e6), String(r.delegations.blake2s), String(r.delegations.u256),
          fmt(r.zkos.mips), fmt(r.js?.mips), fmt(r.ratio), r.agree === null ? "-" : r.agree ? "yes" : "NO",
        ]),
      ) + skipped.map((s) => `\nskipped: ${s}`).join(""),
      opts.json,
      io,
    );
    report.reportFile = writeReport("riscv", report, io);
    return report;
  },
};
