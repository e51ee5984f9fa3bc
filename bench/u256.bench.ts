/**
 * The `u256` bench suite: nanoseconds per operation of the 256-bit kernels (as/lib/u256*.ts: the EVM's
 * ADD, MUL, DIV, MOD, ADDMOD, MULMOD, EXP and the RISC-V machine's u256 delegation), each timed in a
 * loop inside WASM (as/lib/u256-bench.ts), against the same arithmetic on JS bigint in the same run.
 * Ratios are time ratios: > 1 means zkos is faster.
 * @module
 */
import { wasm } from "../ts/wasm";
import type { BenchOptions, BenchSuite } from "./suites";
import { FULL_BUDGET, QUICK_BUDGET, runCases, type BenchCase, type Measurement } from "./_setup";
import { environment, fmt, printText, table, writeReport, type Environment } from "./_report";

/** Op numbers of `u256Bench`; must equal the U256_BENCH_* constants of as/lib/u256-bench.ts. */
const enum U256BenchOp {
  Add = 0,
  Mul = 1,
  Div = 2,
  Mod = 3,
  AddMod = 4,
  MulMod = 5,
  MulModVarying = 6,
  Exp = 7,
  DelegationMulLow = 8,
  DelegationWide = 9,
  DelegationAdd = 10,
}

const MASK = (1n << 256n) - 1n;
const LOW32 = 0xffff_ffffn;
/** The BN254 base field prime: weierstrudel's modulus. */
const BN254_P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n;

/** Deterministic full-width operands (an LCG over 64-bit words), so every run times the same values. */
function operand(seed: number): bigint {
  let x = BigInt(seed) * 0x9e3779b97f4a7c15n;
  let v = 0n;
  for (let i = 0; i < 4; i++) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffff_ffff_ffff_ffffn;
    v = (v << 64n) | x;
  }
  return v;
}

function modPow(base: bigint, e: bigint): bigint {
  let r = 1n;
  let b = base;
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) & MASK;
    b = (b * b) & MASK;
  }
  return r;
}

interface OpCase {
  readonly name: string;
  readonly op: U256BenchOp;
  /** Slots A, B, C and the starting R. */
  readonly a: bigint;
  readonly b: bigint;
  readonly c: bigint;
  /** Operations per timed call: enough that one call lasts some microseconds. */
  readonly perCall: number;
  /** R after one iteration from the starting slots (what the kernel must compute). */
  readonly firstResult: bigint;
  /** The same `perCall` operations on bigint; returns the last result. */
  readonly bigint: (perCall: number) => bigint;
  readonly bigintForm: string;
}

function cases(): OpCase[] {
  // Top bit set, so a reduction always has work to do (a ≥ every divisor below).
  const a = operand(1) | (1n << 255n);
  const b = operand(2);
  // The bigint loops take their non-chained operand from 64 variants, so nothing is loop-invariant;
  // the WASM loops vary A's low word instead.
  const as = Array.from({ length: 64 }, (_, i) => operand(200 + i) | (1n << 255n));
  const pa = a % BN254_P;
  const pb = b % BN254_P;
  const divisor = operand(3) >> 64n;
  const moduli = Array.from({ length: 64 }, (_, i) => operand(100 + i) | 1n);
  const smallExponent = 18n;
  const largeExponent = operand(4);
  // The WASM loops vary A's (or C's) low word per iteration; the first iteration's value is this.
  const withLow = (x: bigint, low: bigint): bigint => (x & ~LOW32) | low;
  return [
    {
      name: "ADD", op: U256BenchOp.Add, a, b, c: 0n, perCall: 2000, firstResult: (a + b) & MASK,
      bigint: (n) => { let r = a; for (let i = 0; i < n; i++) r = (r + b) & MASK; return r; },
      bigintForm: "r = (r + b) & MASK",
    },
    {
      name: "MUL", op: U256BenchOp.Mul, a, b, c: 0n, perCall: 500, firstResult: (a * b) & MASK,
      bigint: (n) => { let r = a; for (let i = 0; i < n; i++) r = (r * b) & MASK; return r; },
      bigintForm: "r = (r * b) & MASK",
    },
    {
      name: "DIV 256 / 192-bit", op: U256BenchOp.Div, a, b: divisor, c: 0n, perCall: 500, firstResult: withLow(a, 0n) / divisor,
      bigint: (n) => { let r = 0n; for (let i = 0; i < n; i++) r = as[i & 63]! / divisor; return r; },
      bigintForm: "r = a[i mod 64] / b",
    },
    {
      name: "MOD 256 / 254-bit", op: U256BenchOp.Mod, a, b: BN254_P, c: 0n, perCall: 500, firstResult: withLow(a, 0n) % BN254_P,
      bigint: (n) => { let r = 0n; for (let i = 0; i < n; i++) r = as[i & 63]! % BN254_P; return r; },
      bigintForm: "r = a[i mod 64] % b",
    },
    {
      name: "ADDMOD (BN254 p, reduced operands)", op: U256BenchOp.AddMod, a: pa, b: pb, c: BN254_P, perCall: 500, firstResult: (pa + pb) % BN254_P,
      bigint: (n) => { let r = pa; for (let i = 0; i < n; i++) r = (r + pb) % BN254_P; return r; },
      bigintForm: "r = (r + b) % m",
    },
    {
      name: "MULMOD (BN254 p, same modulus)", op: U256BenchOp.MulMod, a: pa, b: pb, c: BN254_P, perCall: 300, firstResult: (pa * pb) % BN254_P,
      bigint: (n) => { let r = pa; for (let i = 0; i < n; i++) r = (r * pb) % BN254_P; return r; },
      bigintForm: "r = (r * b) % m",
    },
    {
      name: "MULMOD (a new modulus each call)", op: U256BenchOp.MulModVarying, a, b, c: moduli[0]!, perCall: 200,
      firstResult: (a * b) % withLow(moduli[0]!, 1n),
      bigint: (n) => { let r = a; for (let i = 0; i < n; i++) r = (r * b) % moduli[i & 63]!; return r; },
      bigintForm: "r = (r * b) % m[i mod 64], 64 distinct 256-bit moduli",
    },
    {
      name: "EXP (exponent 18)", op: U256BenchOp.Exp, a, b: smallExponent, c: 0n, perCall: 200, firstResult: modPow(withLow(a, 1n), smallExponent),
      bigint: (n) => { let r = 0n; for (let i = 0; i < n; i++) r = modPow(as[i & 63]!, smallExponent); return r; },
      bigintForm: "square-and-multiply of a[i mod 64], each step & MASK",
    },
    {
      name: "EXP (256-bit exponent)", op: U256BenchOp.Exp, a, b: largeExponent, c: 0n, perCall: 5, firstResult: modPow(withLow(a, 1n), largeExponent),
      bigint: (n) => { let r = 0n; for (let i = 0; i < n; i++) r = modPow(as[i & 63]!, largeExponent); return r; },
      bigintForm: "square-and-multiply of a[i mod 64], each step & MASK",
    },
    {
      name: "delegation MUL_LOW", op: U256BenchOp.DelegationMulLow, a, b, c: 0n, perCall: 300, firstResult: (withLow(a, 0n) * b) & MASK,
      bigint: (n) => { let r = 0n; for (let i = 0; i < n; i++) { const p = as[i & 63]! * b; r = (p & MASK) + (p >> 256n === 0n ? 0n : 1n); } return r; },
      bigintForm: "p = a[i mod 64] * b; low = p & MASK, flag = p >> 256n !== 0n",
    },
    {
      name: "delegation MUL_LOW + MUL_HIGH", op: U256BenchOp.DelegationWide, a, b, c: 0n, perCall: 300, firstResult: (withLow(a, 0n) * b) & MASK,
      bigint: (n) => { let r = 0n; for (let i = 0; i < n; i++) { const p = as[i & 63]! * b; r = (p & MASK) ^ (p >> 256n); } return r; },
      bigintForm: "p = a[i mod 64] * b; low = p & MASK, high = p >> 256n",
    },
    {
      name: "delegation ADD", op: U256BenchOp.DelegationAdd, a, b, c: 0n, perCall: 2000, firstResult: (a + b) & MASK,
      bigint: (n) => { let r = a; for (let i = 0; i < n; i++) { const s = r + b; r = (s & MASK) + (s >> 256n); } return r; },
      bigintForm: "s = r + b; r = s & MASK, carry = s >> 256n",
    },
  ];
}

/** The four scratch slots' bytes for a case: A, B, C, and R starting as A. */
function slotBytes(c: OpCase): Uint8Array {
  const out = new Uint8Array(128);
  const view = new DataView(out.buffer);
  [c.a, c.b, c.c, c.a].forEach((v, slot) => {
    for (let i = 0; i < 4; i++) view.setBigUint64(slot * 32 + i * 8, (v >> BigInt(64 * i)) & 0xffff_ffff_ffff_ffffn, true);
  });
  return out;
}

function readR(): bigint {
  const w = wasm();
  let v = 0n;
  for (let i = 3; i >= 0; i--) v = (v << 64n) | w.dv.getBigUint64(w.u256ScratchPtr + 96 + 8 * i, true);
  return v;
}

export interface U256BenchRow {
  readonly op: string;
  readonly zkosNs: number;
  readonly bigintNs: number;
  /** bigint time over zkos time: > 1 means zkos is faster. */
  readonly ratio: number;
  readonly perCall: number;
  readonly rmePercent: { readonly zkos: number; readonly bigint: number };
  readonly bigintForm: string;
}

export interface U256BenchReport {
  readonly suite: "u256";
  readonly env: Environment;
  readonly quick: boolean;
  readonly method: string;
  readonly rows: readonly U256BenchRow[];
  reportFile?: string | null;
}

function render(rows: readonly U256BenchRow[]): string {
  const body = rows.map((r) => [r.op, fmt(r.zkosNs), fmt(r.bigintNs), fmt(r.ratio)]);
  return [
    table(["operation", "zkos ns/op", "bigint ns/op", "bigint/zkos"], body),
    "",
    "ns/op: median of batched samples, fastest round, divided by the operations per call. bigint/zkos > 1 means zkos is faster.",
  ].join("\n");
}

async function run(opts: BenchOptions): Promise<U256BenchReport> {
  const env = environment();
  const w = wasm();
  if (w.viewsStale) w.refreshViews();
  const list = cases();
  // Wrong answers make figures worthless: each kernel must match bigint on its first iteration.
  for (const c of list) {
    w.u8.set(slotBytes(c), w.u256ScratchPtr);
    if (w.exports.u256Bench(c.op, 1) !== 0) throw new Error(`bench u256: the core has no bench op ${c.op} (${c.name})`);
    const got = readR();
    if (got !== c.firstResult) throw new Error(`bench u256: ${c.name} computed 0x${got.toString(16)}, want 0x${c.firstResult.toString(16)}`);
  }
  const benchCases: BenchCase[] = [];
  for (const c of list) {
    const bytes = slotBytes(c);
    benchCases.push({
      group: c.name, subject: "zkos", bytes: 0,
      fn: () => {
        w.u8.set(bytes, w.u256ScratchPtr);
        return w.exports.u256Bench(c.op, c.perCall);
      },
    });
    benchCases.push({ group: c.name, subject: "bigint", bytes: 0, fn: () => c.bigint(c.perCall) });
  }
  const budget = opts.quick ? QUICK_BUDGET : FULL_BUDGET;
  opts.io.err(`bench u256: ${benchCases.length} cases${opts.quick ? " (quick)" : ""}; machine: ${env.cpu}, ${env.cores} cores, node ${env.node}\n`);
  const measured = await runCases(benchCases, budget, opts.io);
  const find = (group: string, subject: string): Measurement => measured.find((m) => m.group === group && m.subject === subject)!;
  const rows: U256BenchRow[] = list.map((c) => {
    const z = find(c.name, "zkos");
    const p = find(c.name, "bigint");
    const zkosNs = (z.usPerCall * 1000) / c.perCall;
    const bigintNs = (p.usPerCall * 1000) / c.perCall;
    return {
      op: c.name, zkosNs, bigintNs, ratio: bigintNs / zkosNs, perCall: c.perCall,
      rmePercent: { zkos: z.rmePercent, bigint: p.rmePercent }, bigintForm: c.bigintForm,
    };
  });
  const report: U256BenchReport = {
    suite: "u256",
    env,
    quick: opts.quick,
    method:
      `tinybench 6 via bench/_setup.ts, zkos and bigint cases interleaved, ${budget.rounds} round(s); a zkos call runs ` +
      "u256Bench(op, n): n operations in a WASM loop (as/lib/u256-bench.ts), chained through R where the EVM would " +
      "chain them, after writing the four scratch slots; a bigint call runs the same n operations in JS. Each kernel " +
      "is checked against bigint on its first iteration before timing.",
    rows,
  };
  printText(render(rows), opts.json, opts.io);
  report.reportFile = writeReport("u256", report, opts.io);
  return report;
}

export const u256Suite: BenchSuite = {
  name: "u256",
  summary: "256-bit kernels (EVM ADD..EXP, MULMOD by one or many moduli, the RISC-V u256 delegation) in ns/op vs JS bigint",
  run,
};
