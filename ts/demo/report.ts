/**
 * How `zkos demo` shows a {@link DemoResult}: the text report (per transaction, public inputs,
 * throughput) and the one JSON document of `--json`.
 * @module
 */
import { bytesToHex } from "../primitives/hex";
import type { DemoResult } from "./run-demo";

const ms = (v: number): string => `${v.toFixed(1)} ms`;

/** Transactions per second of the forward run. */
export function forwardTps(r: DemoResult): number {
  return r.transactions.length / (r.timings.forwardMs / 1000);
}

/** The text report, one line per row. */
export function demoText(r: DemoResult): string {
  const b = r.block;
  const lines: string[] = [];
  lines.push(`zkos demo: block ${b.number} on the in-memory state, ${r.transactions.length} transactions`);
  lines.push(`  state root ${bytesToHex(b.stateRootBefore)} -> ${bytesToHex(b.stateRootAfter)}`);
  r.transactions.forEach((t, i) => {
    let line = `  tx ${i} ${t.type.padEnd(7)} ${t.status.padEnd(7)} gas ${String(t.gasUsed).padStart(6)}  ${t.what}`;
    const extra: string[] = [];
    if (t.events > 0) extra.push(`${t.events} event${t.events > 1 ? "s" : ""}`);
    if (t.messages.length > 0) extra.push(`${t.messages.length} L2->L1 message${t.messages.length > 1 ? "s" : ""}`);
    else if (t.l2ToL1Logs > 0) extra.push(`${t.l2ToL1Logs} L2->L1 log${t.l2ToL1Logs > 1 ? "s" : ""}`);
    if (t.contractAddress !== null) extra.push(`contract ${t.contractAddress}`);
    if (t.error !== null) extra.push(t.error);
    if (t.status !== t.expect) extra.push(`EXPECTED ${t.expect}`);
    if (extra.length > 0) line += ` [${extra.join("; ")}]`;
    lines.push(line);
  });
  lines.push(`public input (forward) ${r.forwardPublicInput}`);
  lines.push(`public input (proved)  ${r.provedPublicInput ?? `none: ${r.proveError}`}`);
  lines.push(r.equal ? `  equal: the witness (${r.witnessWords} words) proves the forward run` : "  NOT EQUAL: the proving run does not reproduce the forward run");
  const t = r.timings;
  lines.push(`throughput: forward ${ms(t.forwardMs)} warm (${forwardTps(r).toFixed(0)} tx/s; first run ${ms(t.forwardColdMs)} cold), forward+witness recording ${ms(t.recordMs)}, proving ${ms(t.proveMs)} (${(t.proveMs / t.forwardMs).toFixed(2)}x forward)`);
  return lines.join("\n") + "\n";
}

/** The `--json` document. */
export function demoJson(r: DemoResult): Record<string, unknown> {
  const b = r.block;
  return {
    equal: r.equal,
    blockNumber: Number(b.number),
    blockHash: bytesToHex(b.hash),
    stateRootBefore: bytesToHex(b.stateRootBefore),
    stateRootAfter: bytesToHex(b.stateRootAfter),
    transactions: r.transactions.map((t) => ({
      type: t.type, what: t.what, hash: t.hash, status: t.status, expected: t.expect, gasUsed: Number(t.gasUsed), error: t.error,
      contractAddress: t.contractAddress, events: t.events, l2ToL1Logs: t.l2ToL1Logs, messages: t.messages,
    })),
    forwardPublicInput: r.forwardPublicInput,
    provedPublicInput: r.provedPublicInput,
    proveError: r.proveError,
    witnessWords: r.witnessWords,
    timings: { ...r.timings, forwardTxPerSecond: forwardTps(r), provingOverForward: r.timings.proveMs / r.timings.forwardMs },
  };
}
