/**
 * The `boundary` bench suite (architecture.md §4.4, §10): what one crossing of the TS↔WASM
 * boundary costs, to choose how the EVM interpreter asks its host (SLOAD, BALANCE, TLOAD, ...).
 * A synchronous import is one WASM→JS call inside evmRun; a yield would end evmRun (saving the
 * frame's registers), let TS answer, and enter evmRun again (reloading them). Both carry the same
 * TS answer, so the comparison is one import call against one evmRun exit + re-entry.
 * @module
 */
import { setEvmHost, wasm } from "../ts/wasm";
import { codeRecord } from "../ts/ee/evm/code-cache";
import { evmLayout } from "../ts/ee/evm/layout";
import type { BenchOptions, BenchSuite } from "./suites";
import { FULL_BUDGET, QUICK_BUDGET, runCases, type BenchCase, type Measurement } from "./_setup";
import { environment, fmt, printText, table, writeReport, type Environment } from "./_report";

/** Host queries per timed program. */
const QUERIES = 1000;

export interface BoundaryBenchReport {
  readonly suite: "boundary";
  readonly env: Environment;
  readonly quick: boolean;
  readonly method: string;
  readonly rows: readonly { readonly subject: string; readonly usPerCall: number; readonly rmePercent: number }[];
  /** Derived per-crossing costs, ns. */
  readonly perCrossingNs: {
    readonly emptyExportCall: number;
    readonly yieldRoundTrip: number;
    readonly syncImport: number;
    readonly realSload: number;
  };
  reportFile?: string | null;
}

/** A frame running `code` that can be rerun from the start (pc, stack, gas reset before each run). */
function rerunnableFrame(code: Uint8Array): () => number {
  const w = wasm();
  const e = w.exports;
  const l = evmLayout(w);
  const frame = e.evmFrameCreate(codeRecord(code), 0);
  return () => {
    const dv = w.dv;
    dv.setUint32(frame + l.f.pc, 0, true);
    dv.setUint32(frame + l.f.sp, 0, true);
    dv.setBigInt64(frame + l.f.ergs, 1n << 40n, true);
    dv.setBigInt64(frame + l.f.native, 1n << 62n, true);
    return e.evmRun(frame);
  };
}

function program(unit: number[], times: number): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(...unit);
  return new Uint8Array(out);
}

const PUSH0 = 0x5f, POP = 0x50, ISZERO = 0x15, TLOAD = 0x5c, SLOAD = 0x54;

export const boundarySuite: BenchSuite = {
  name: "boundary",
  summary: "TS↔WASM crossing costs: export call, evmRun yield round trip, sync host import",
  async run(opts: BenchOptions): Promise<BoundaryBenchReport> {
    const { io, quick } = opts;
    const w = wasm();
    if (w.viewsStale) w.refreshViews();
    const e = w.exports;
    const stop = rerunnableFrame(new Uint8Array([0x00]));
    const baseline = rerunnableFrame(program([PUSH0, ISZERO, POP], QUERIES));
    const tload = rerunnableFrame(program([PUSH0, TLOAD, POP], QUERIES));
    const sload = rerunnableFrame(program([PUSH0, SLOAD, POP], QUERIES));
    // The empty dispatcher answers every query with "0 ergs" and leaves the slot as it is.
    const emptyHost = () => 0;
    // A realistic answer: a Map lookup keyed like the world state's storage (ts/state/word.ts).
    const storage = new Map<string, string>([["\0".repeat(16), "\0".repeat(16)]]);
    const realHost = (_op: number, sp: number): number => {
      const u32 = w.u32;
      const i = sp >>> 2;
      const key = String.fromCharCode(
        u32[i - 8]! & 0xffff, u32[i - 8]! >>> 16, u32[i - 7]! & 0xffff, u32[i - 7]! >>> 16,
        u32[i - 6]! & 0xffff, u32[i - 6]! >>> 16, u32[i - 5]! & 0xffff, u32[i - 5]! >>> 16,
        u32[i - 4]! & 0xffff, u32[i - 4]! >>> 16, u32[i - 3]! & 0xffff, u32[i - 3]! >>> 16,
        u32[i - 2]! & 0xffff, u32[i - 2]! >>> 16, u32[i - 1]! & 0xffff, u32[i - 1]! >>> 16,
      );
      const v = storage.get(key)!;
      for (let k = 0; k < 8; k++) u32[i - 8 + k] = (v.charCodeAt(2 * k) | (v.charCodeAt(2 * k + 1) << 16)) >>> 0;
      return 100 * 256;
    };
    const cases: BenchCase[] = [
      { group: "crossing", subject: "empty export call", bytes: 0, fn: () => e.evmReturnDataLen() },
      { group: "crossing", subject: "evmRun exit + re-entry (yield)", bytes: 0, fn: stop },
      { group: "crossing", subject: `${QUERIES}× PUSH0 ISZERO POP`, bytes: 0, fn: () => { setEvmHost(emptyHost); return baseline(); } },
      { group: "crossing", subject: `${QUERIES}× PUSH0 TLOAD POP, empty host`, bytes: 0, fn: () => { setEvmHost(emptyHost); return tload(); } },
      { group: "crossing", subject: `${QUERIES}× PUSH0 SLOAD POP, Map host`, bytes: 0, fn: () => { setEvmHost(realHost); return sload(); } },
    ];
    io.err("bench boundary: timing crossings\n");
    const m: Measurement[] = await runCases(cases, quick ? QUICK_BUDGET : FULL_BUDGET, io);
    e.evmFramesReset();
    const us = (i: number) => m[i]!.usPerCall;
    const perCrossingNs = {
      emptyExportCall: us(0) * 1000,
      yieldRoundTrip: us(1) * 1000,
      syncImport: ((us(3) - us(2)) / QUERIES) * 1000,
      realSload: ((us(4) - us(2)) / QUERIES) * 1000,
    };
    const method =
      "Times are per call of each subject (tinybench, fastest round). Per-crossing costs: the yield round trip is one " +
      "evmRun of a STOP frame (entry, register load, exit); the sync import is (TLOAD program − ISZERO program) / " +
      `${QUERIES} with a host that does nothing; the Map host adds building a storage key and writing the value back.`;
    const report: BoundaryBenchReport = {
      suite: "boundary", env: environment(), quick, method,
      rows: m.map((x) => ({ subject: x.subject, usPerCall: x.usPerCall, rmePercent: x.rmePercent })),
      perCrossingNs,
    };
    const text = [
      table(["subject", "µs/call", "±%"], m.map((x) => [x.subject, fmt(x.usPerCall), fmt(x.rmePercent)])),
      "",
      `per crossing: export call ${fmt(perCrossingNs.emptyExportCall)} ns, yield round trip ${fmt(perCrossingNs.yieldRoundTrip)} ns, ` +
        `sync import ${fmt(perCrossingNs.syncImport)} ns, SLOAD with a Map host ${fmt(perCrossingNs.realSload)} ns`,
      method,
    ].join("\n");
    printText(text, opts.json, io);
    report.reportFile = writeReport("boundary", report, io);
    return report;
  },
};
