/**
 * Drives a block replay (interfaces.md §2 `zkos replay`): hands each dumped transaction to an
 * executor that runs it on its own state, compares the outcome, and builds the report and its
 * `--json` form. The executor (the EVM runner) is the only part that executes anything.
 * @module
 */
import type { BlockDump, DumpBlockContext, DumpTransaction } from "./block-dump";
import { compareOutcome, type ActualOutcome, type ReplayProfile } from "./compare";
import { expectedOutcome } from "./expected";
import type { GethCallFrame } from "../tracing/call-tracer";

/** Runs the block's transactions one after another on a state that starts as `preStateAlloc`. */
export interface ReplayExecutor {
  /** Executes `tx` (signed, sender recovered) in `block`'s context and reports what it did. */
  run(tx: DumpTransaction, block: DumpBlockContext): ActualOutcome;
}

/** One transaction's verdict. `tolerated` lists differences the profile accepts. */
export interface ReplayTxResult {
  hash: string;
  pass: boolean;
  mismatches: string[];
  tolerated: string[];
}

/** The replay of a block. */
export interface ReplayReport {
  block: number;
  profile: ReplayProfile;
  passed: number;
  failed: number;
  transactions: ReplayTxResult[];
  /** Transactions not run: under `zksync-os` those calling 0x09 or 0x0a (as the reference eth_runner skips them). */
  skipped: string[];
}

const UNSUPPORTED_UNDER_ZKSYNC_OS = new Set(["0x0000000000000000000000000000000000000009", "0x000000000000000000000000000000000000000a"]);

/** Whether a call tree reaches blake2f (0x09) or the KZG point evaluation (0x0a), mocks under zksync-os. */
export function callsUnsupportedPrecompile(frame: GethCallFrame): boolean {
  if (frame.to !== undefined && UNSUPPORTED_UNDER_ZKSYNC_OS.has(frame.to)) return true;
  return (frame.calls ?? []).some(callsUnsupportedPrecompile);
}

/** Replays every transaction of `dump` through `executor` and compares each with the dumps. */
export function replayBlock(dump: BlockDump, executor: ReplayExecutor, profile: ReplayProfile): ReplayReport {
  const transactions: ReplayTxResult[] = [];
  const skipped: string[] = [];
  for (const t of dump.transactions) {
    if (profile === "zksync-os" && callsUnsupportedPrecompile(t.calls)) {
      skipped.push(t.hash);
      continue;
    }
    const actual = executor.run(t, dump.block);
    const { mismatches, tolerated } = compareOutcome(expectedOutcome(t), actual, { profile, coinbase: dump.block.coinbase });
    transactions.push({ hash: t.hash, pass: mismatches.length === 0, mismatches, tolerated });
  }
  const passed = transactions.filter((r) => r.pass).length;
  return { block: Number(dump.block.number), profile, passed, failed: transactions.length - passed, transactions, skipped };
}

/** The `--json` output of interfaces.md §2: `{block, passed, failed, transactions: [{hash, pass, mismatches}]}`. */
export function replayReportJson(report: ReplayReport): {
  block: number;
  passed: number;
  failed: number;
  transactions: { hash: string; pass: boolean; mismatches: string[] }[];
} {
  return {
    block: report.block,
    passed: report.passed,
    failed: report.failed,
    transactions: report.transactions.map((t) => ({ hash: t.hash, pass: t.pass, mismatches: t.mismatches })),
  };
}
