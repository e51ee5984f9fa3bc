/**
 * Shared reporting of the bench suites: the machine description, throughput ratios, aligned text
 * tables, and the JSON report file written to the git-ignored bench/results/ of a source checkout.
 * @module
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, platform, release } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CliIO } from "../ts/cli/command";
import type { Measurement } from "./_setup";

/** Where and on what a run happened; goes at the top of every JSON report. */
export interface Environment {
  readonly date: string;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpu: string;
  readonly cores: number;
  /** `git rev-parse HEAD` of the checkout the bench ran from, with "-dirty" if it has changes; null outside git. */
  readonly commit: string | null;
}

/**
 * The package root: the nearest directory above this module holding the zkos package.json. This module
 * runs from bench/ (sources) or bundled into dist/cli.js; both are one level below the root.
 */
function packageRoot(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 3; i++) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "zkos") return dir;
      } catch {
        return null;
      }
    }
    dir = dirname(dir);
  }
  return null;
}

function gitCommit(root: string | null): string | null {
  if (root === null || !existsSync(join(root, ".git"))) return null;
  try {
    const opts = { cwd: root, encoding: "utf8" as const, stdio: ["ignore", "pipe", "ignore"] as ["ignore", "pipe", "ignore"] };
    const head = execFileSync("git", ["rev-parse", "HEAD"], opts).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], opts).trim() !== "";
    return dirty ? `${head}-dirty` : head;
  } catch {
    return null;
  }
}

export function environment(): Environment {
  const cpuList = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()}`,
    arch: process.arch,
    cpu: cpuList[0]?.model.trim() ?? "unknown",
    cores: cpuList.length,
    commit: gitCommit(packageRoot()),
  };
}

/** Throughput of `a` over throughput of `b` (> 1: `a` is faster); null when either is missing. */
export function ratio(a: Measurement | undefined, b: Measurement | undefined): number | null {
  if (a === undefined || b === undefined) return null;
  return a.opsPerSec / b.opsPerSec;
}

/** The middle value (upper middle for an even count) of a list of timings. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** A figure with about three significant digits, in a fixed-width-friendly form. */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "-";
  const abs = Math.abs(x);
  if (abs >= 1000) return Math.round(x).toString();
  if (abs >= 100) return x.toFixed(1);
  if (abs >= 10) return x.toFixed(2);
  return x.toFixed(3);
}

/** Renders rows as a text table: the first `leftColumns` columns left-aligned (labels), the rest right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/** Human-readable output: stdout normally, stderr under --json (stdout then holds only the document). */
export function printText(text: string, json: boolean, io: CliIO): void {
  if (json) io.err(text + "\n");
  else io.out(text + "\n");
}

/**
 * Writes the report to <root>/bench/results/<suite>-<date>.json when running from a source checkout
 * (an installed package has no bench/ and is left alone). Returns the path written, or null.
 */
export function writeReport(suite: string, report: { readonly env: Environment }, io: CliIO): string | null {
  const root = packageRoot();
  if (root === null || !existsSync(join(root, "bench"))) return null;
  const dir = join(root, "bench", "results");
  const path = join(dir, `${suite}-${report.env.date.replace(/[:.]/g, "-")}.json`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, JSON.stringify(report, null, 2) + "\n");
  } catch (e) {
    io.err(`bench: could not write ${path}: ${e instanceof Error ? e.message : String(e)}\n`);
    return null;
  }
  io.err(`bench: report written to ${path}\n`);
  return path;
}
