/**
 * The `hash` bench suite: zkos Keccak-256 and Blake2s-256 (release WASM, public API) against hash-wasm,
 * node:crypto (OpenSSL) and @noble/hashes, in the same run, at 32 B, 64 B, 136 B, 1 KiB and 1 MiB
 * (issue 2, "Speed"). Ratios are throughput ratios: > 1 means zkos is faster.
 * @module
 */
import { createHash, getHashes } from "node:crypto";
import { blake2s256, blake2s256Into, keccak256, keccak256Into } from "../ts/index";
import type { BenchOptions, BenchSuite } from "./suites";
import { FULL_BUDGET, QUICK_BUDGET, loadPeer, runCases, type BenchCase, type Measurement } from "./_setup";
import { environment, fmt, printText, ratio, table, writeReport, type Environment } from "./_report";

const SIZES: readonly { readonly bytes: number; readonly label: string }[] = [
  { bytes: 32, label: "32 B" },
  { bytes: 64, label: "64 B" },
  { bytes: 136, label: "136 B" },
  { bytes: 1024, label: "1 KiB" },
  { bytes: 1 << 20, label: "1 MiB" },
];

type Algorithm = "keccak256" | "blake2s256";
const ALGORITHMS: readonly Algorithm[] = ["keccak256", "blake2s256"];

/** The subjects, in table order. The first two are zkos; ratios compare them with the other three. */
const SUBJECTS = ["zkos", "zkos-into", "hash-wasm", "native", "noble"] as const;
type SubjectId = (typeof SUBJECTS)[number];
const PEERS: readonly SubjectId[] = ["hash-wasm", "native", "noble"];

/** What exactly each subject calls, per algorithm: the report says which form was measured. */
const FORMS: Record<Algorithm, Record<SubjectId, string>> = {
  keccak256: {
    zkos: "zkos keccak256(data) → new Uint8Array",
    "zkos-into": "zkos keccak256Into(data, out): no allocation",
    "hash-wasm": "hash-wasm createKeccak(256) hasher, reused: init().update(data).digest('binary')",
    native: "node:crypto createHash('sha3-256').update(data).digest() (same Keccak-f[1600] and rate; SHA-3 padding)",
    noble: "@noble/hashes keccak_256(data)",
  },
  blake2s256: {
    zkos: "zkos blake2s256(data) → new Uint8Array",
    "zkos-into": "zkos blake2s256Into(data, out): no allocation",
    "hash-wasm": "hash-wasm createBLAKE2s() hasher, reused: init().update(data).digest('binary')",
    native: "node:crypto createHash('blake2s256').update(data).digest()",
    noble: "@noble/hashes blake2s(data)",
  },
};

const SHORT: Record<SubjectId, string> = {
  zkos: "zkos",
  "zkos-into": "zkos Into",
  "hash-wasm": "hash-wasm",
  native: "node:crypto",
  noble: "noble",
};

type HashFn = (data: Uint8Array) => Uint8Array;

/** Figures of one subject at one size; null when the subject could not be loaded. */
type Figures = Omit<Measurement, "group" | "subject" | "bytes"> | null;

export interface HashBenchRow {
  readonly algorithm: Algorithm;
  readonly bytes: number;
  readonly size: string;
  readonly figures: Record<SubjectId, Figures>;
  /** "zkos/hash-wasm" etc. and "zkos-into/hash-wasm" etc.: throughput ratios, > 1 means zkos is faster. */
  readonly ratios: Record<string, number | null>;
}

export interface HashBenchReport {
  readonly suite: "hash";
  readonly env: Environment;
  readonly quick: boolean;
  readonly method: string;
  readonly units: { readonly usPerCall: string; readonly mbPerSec: string; readonly ratios: string };
  readonly forms: Record<Algorithm, Record<SubjectId, string>>;
  readonly missing: readonly string[];
  readonly rows: readonly HashBenchRow[];
  reportFile?: string | null;
}

function toHex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, "0");
  return s;
}

/** Deterministic input bytes (xorshift32), so runs hash the same data. */
function input(len: number, seed: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = seed | 0 || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Loads the peers and returns, per algorithm, the callable of every available subject. */
async function subjects(opts: BenchOptions, missing: string[]): Promise<Record<Algorithm, Partial<Record<SubjectId, HashFn>>>> {
  const out32 = new Uint8Array(32);
  const fns: Record<Algorithm, Partial<Record<SubjectId, HashFn>>> = {
    keccak256: {
      zkos: keccak256,
      "zkos-into": (d) => {
        keccak256Into(d, out32);
        return out32;
      },
    },
    blake2s256: {
      zkos: blake2s256,
      "zkos-into": (d) => {
        blake2s256Into(d, out32);
        return out32;
      },
    },
  };

  const hw = await loadPeer("hash-wasm", () => import("hash-wasm"), opts.io);
  if (hw.ok) {
    const k = await hw.mod.createKeccak(256);
    const b = await hw.mod.createBLAKE2s();
    fns.keccak256["hash-wasm"] = (d) => k.init().update(d).digest("binary");
    fns.blake2s256["hash-wasm"] = (d) => b.init().update(d).digest("binary");
  } else missing.push(hw.reason);

  const have = new Set(getHashes());
  for (const [alg, name] of [["keccak256", "sha3-256"], ["blake2s256", "blake2s256"]] as const) {
    if (have.has(name)) fns[alg].native = (d) => createHash(name).update(d).digest();
    else {
      const reason = `node:crypto (OpenSSL ${process.versions.openssl}) has no '${name}'`;
      opts.io.err(`bench: ${reason}\n`);
      missing.push(reason);
    }
  }

  const sha3 = await loadPeer("@noble/hashes/sha3.js", () => import("@noble/hashes/sha3.js"), opts.io);
  if (sha3.ok) fns.keccak256.noble = sha3.mod.keccak_256;
  else missing.push(sha3.reason);
  const blake2 = await loadPeer("@noble/hashes/blake2.js", () => import("@noble/hashes/blake2.js"), opts.io);
  if (blake2.ok) fns.blake2s256.noble = (d) => blake2.mod.blake2s(d);
  else missing.push(blake2.reason);

  return fns;
}

/**
 * A benchmark that times a wrong hash is worthless: every subject must agree with the reference
 * (noble, else hash-wasm) on every input before anything is timed. node:crypto's sha3-256 differs
 * from Keccak-256 by design (padding), so it is only checked against its own known answer.
 */
function checkAgreement(alg: Algorithm, fns: Partial<Record<SubjectId, HashFn>>, inputs: readonly Uint8Array[]): void {
  const ref = fns.noble ?? fns["hash-wasm"];
  for (const data of inputs) {
    for (const id of SUBJECTS) {
      const f = fns[id];
      if (f === undefined || (alg === "keccak256" && id === "native")) continue;
      const got = toHex(f(data));
      if (ref !== undefined && got !== toHex(ref(data))) {
        throw new Error(`bench hash: ${SHORT[id]} ${alg} disagrees with the reference on ${data.length} bytes: ${got}`);
      }
    }
  }
  if (alg === "keccak256" && fns.native !== undefined) {
    const empty = toHex(fns.native(new Uint8Array(0)));
    if (empty !== "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a") {
      throw new Error(`bench hash: node:crypto sha3-256("") is ${empty}`);
    }
  }
}

function render(rows: readonly HashBenchRow[]): string {
  const parts: string[] = [];
  for (const alg of ALGORITHMS) {
    const body: string[][] = [];
    for (const row of rows.filter((r) => r.algorithm === alg)) {
      SUBJECTS.forEach((id, i) => {
        const f = row.figures[id];
        const isPeer = PEERS.includes(id);
        body.push([
          i === 0 ? row.size : "",
          SHORT[id],
          f === null ? "n/a" : fmt(f.usPerCall),
          f === null ? "n/a" : fmt(f.mbPerSec),
          isPeer ? fmt(row.ratios[`zkos/${id}`]) : "",
          isPeer ? fmt(row.ratios[`zkos-into/${id}`]) : "",
        ]);
      });
    }
    parts.push(`${alg}${alg === "keccak256" ? "  (node:crypto = sha3-256: same permutation and rate)" : ""}`);
    parts.push(table(["size", "implementation", "µs/call", "MB/s", "zkos/this", "Into/this"], body, 2));
    parts.push("");
  }
  parts.push("µs/call: median of batched samples, fastest of the rounds. MB/s: 10^6 bytes per second.");
  parts.push("zkos/this, Into/this: throughput of zkos keccak256|blake2s256 (resp. the *Into variant) over this row's; > 1 means zkos is faster.");
  return parts.join("\n");
}

async function run(opts: BenchOptions): Promise<HashBenchReport> {
  const env = environment();
  const missing: string[] = [];
  const fns = await subjects(opts, missing);
  const checkInputs = [0, 1, 31, 32, 55, 56, 63, 64, 65, 135, 136, 137, 1000, 4096].map((n) => input(n, n + 7));
  for (const alg of ALGORITHMS) checkAgreement(alg, fns[alg], checkInputs);

  const cases: BenchCase[] = [];
  for (const alg of ALGORITHMS) {
    for (const size of SIZES) {
      const data = input(size.bytes, size.bytes);
      for (const id of SUBJECTS) {
        const f = fns[alg][id];
        if (f !== undefined) cases.push({ group: `${alg} ${size.label}`, subject: id, bytes: size.bytes, fn: () => f(data) });
      }
    }
  }
  const budget = opts.quick ? QUICK_BUDGET : FULL_BUDGET;
  opts.io.err(`bench hash: ${cases.length} cases${opts.quick ? " (quick)" : ""}; machine: ${env.cpu}, ${env.cores} cores, node ${env.node}\n`);
  const measured = await runCases(cases, budget, opts.io);

  const rows: HashBenchRow[] = [];
  for (const alg of ALGORITHMS) {
    for (const size of SIZES) {
      const group = `${alg} ${size.label}`;
      const find = (id: SubjectId): Measurement | undefined => measured.find((m) => m.group === group && m.subject === id);
      const figures = {} as Record<SubjectId, Figures>;
      for (const id of SUBJECTS) {
        const m = find(id);
        figures[id] = m === undefined ? null : {
          usPerCall: m.usPerCall,
          opsPerSec: m.opsPerSec,
          mbPerSec: m.mbPerSec,
          batch: m.batch,
          samples: m.samples,
          rmePercent: m.rmePercent,
        };
      }
      const ratios: Record<string, number | null> = {};
      for (const z of ["zkos", "zkos-into"] as const) {
        for (const p of PEERS) ratios[`${z}/${p}`] = ratio(find(z), find(p));
      }
      rows.push({ algorithm: alg, bytes: size.bytes, size: size.label, figures, ratios });
    }
  }

  const report: HashBenchReport = {
    suite: "hash",
    env,
    quick: opts.quick,
    method:
      `tinybench 6, one task per (algorithm, size, implementation), run in that order, ${budget.rounds} round(s) over ` +
      `all cases; each sample times a batch of calls lasting ~${budget.sampleMs} ms; per case and round ${budget.timeMs} ms ` +
      `(+${budget.warmupMs} ms warmup), at least ${budget.minSamples} samples; figure = median per-call time of the ` +
      `fastest round. Every implementation is checked against @noble/hashes first.`,
    units: { usPerCall: "microseconds per call (median)", mbPerSec: "10^6 bytes per second", ratios: "throughput ratio, > 1 means zkos is faster" },
    forms: FORMS,
    missing,
    rows,
  };
  printText(render(rows), opts.json, opts.io);
  report.reportFile = writeReport("hash", report, opts.io);
  return report;
}

export const hashSuite: BenchSuite = {
  name: "hash",
  summary: "keccak256 and blake2s256 vs hash-wasm, node:crypto (OpenSSL) and @noble/hashes",
  run,
};
