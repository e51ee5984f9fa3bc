/**
 * `zkos replay BLOCK_DIR [--profile ethereum|zksync-os] [--json] [--trace KIND --trace-out FILE]`:
 * replays a real Ethereum block from RPC dumps and checks every transaction against its receipt
 * and diff trace (interfaces.md §2). Plain output: a line per failing transaction, then the summary.
 * @module
 */
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { parseArgs } from "../args";
import { InputError, UsageError } from "../../errors";
import { loadBlockDump } from "../../replay/block-dump-io";
import { replayBlock, replayReportJson, type ReplayExecutor } from "../../replay/replay";
import { EthereumReplayExecutor } from "../../replay/ethereum-executor";
import { ZksyncReplayExecutor } from "../../replay/zksync-executor";
import type { ReplayProfile } from "../../replay/compare";
import type { DumpTransaction } from "../../replay/block-dump";
import type { TransactionTracer } from "../../tracing/transaction-tracer";
import { EXIT_CHECK_FAILED, EXIT_OK, type Command } from "../command";

const PROFILES: readonly ReplayProfile[] = ["ethereum", "zksync-os"];
const TRACE_KINDS = ["call", "prestate", "diff", "struct"] as const;
type TraceKind = (typeof TRACE_KINDS)[number];

export const replay: Command = {
  name: "replay",
  summary: "replay a real Ethereum block from RPC dumps and check every transaction",
  help: [
    "usage: zkos replay BLOCK_DIR [--profile ethereum|zksync-os] [--json] [--trace call|prestate|diff|struct --trace-out FILE [--trace-tx LIST]]",
    "",
    "BLOCK_DIR holds block.json, prestatetrace.json, calltrace.json, difftrace.json and receipts.json",
    "(JSON-RPC responses). The pre-state is the first value the prestate traces show for each account",
    "and slot; every transaction runs in order in the block's context and its status, gas used, logs",
    "and state diff are compared with the receipt and the diff trace.",
    "  --profile P      ethereum (default): everything exact. zksync-os: the ZKsync OS bootloader as the",
    "                   reference eth_runner runs it (no refunds, fees to the coinbase): gas is compared up",
    "                   to what refunds explain, balances are reported but not failed, the coinbase is skipped",
    "  --json           one JSON document: {block, passed, failed, transactions: [{hash, pass, mismatches}]}",
    "  --trace KIND     write geth traces of every transaction to --trace-out as",
    "                   [{txHash, result}]: call = callTracer, prestate = prestateTracer, diff = its diffMode,",
    "                   struct = the struct logger (debug_traceTransaction's default: {gas, failed, returnValue,",
    "                   structLogs}, stack and storage on, memory and return data off), one transaction a line;",
    "                   under zksync-os only call (the bootloader's execution frames)",
    "  --trace-tx LIST  trace only these transactions: comma-separated indexes in the block or hashes",
    "Exit status: 0 when every transaction matches, 1 when one differs, 2 for bad usage or unreadable dumps.",
  ].join("\n"),
  async run(argv, io) {
    const { positional, flags } = parseArgs(argv, { boolean: ["json"], string: ["profile", "trace", "trace-out", "trace-tx"] }, "replay");
    if (positional.length !== 1) throw new UsageError("replay: expected exactly one BLOCK_DIR");
    const profile = (flags.profile ?? "ethereum") as ReplayProfile;
    if (!PROFILES.includes(profile)) throw new UsageError(`replay: --profile must be one of ${PROFILES.join(", ")}, got ${String(flags.profile)}`);
    const trace = flags.trace as TraceKind | undefined;
    const traceOut = flags["trace-out"];
    if (trace !== undefined && !TRACE_KINDS.includes(trace)) throw new UsageError(`replay: --trace must be one of ${TRACE_KINDS.join(", ")}`);
    if ((trace === undefined) !== (traceOut === undefined)) throw new UsageError("replay: --trace and --trace-out go together");
    if (trace !== undefined && trace !== "call" && profile !== "ethereum") throw new UsageError(`replay: --trace ${trace} is available under the ethereum profile (zksync-os: call)`);
    if (flags["trace-tx"] !== undefined && trace === undefined) throw new UsageError("replay: --trace-tx selects what --trace writes");

    const dump = loadBlockDump(positional[0]!);
    const traceOnly = flags["trace-tx"] === undefined ? undefined : selection(String(flags["trace-tx"]), dump.transactions);
    const structOut = trace === "struct" ? new StructTraceWriter(traceOut as string) : null;
    const executor: ReplayExecutor = profile === "ethereum"
      ? new EthereumReplayExecutor(dump, structOut === null
        ? { traces: trace !== undefined, traceOnly }
        : { structLog: true, onTransaction: (t, tr) => structOut.write(t, tr), traceOnly })
      : new ZksyncReplayExecutor(dump, { traces: trace !== undefined, traceOnly });
    const started = performance.now();
    let report;
    try {
      report = replayBlock(dump, executor, profile);
    } finally {
      structOut?.close();
    }
    const seconds = (performance.now() - started) / 1000;

    if (trace !== undefined && trace !== "struct") {
      const tracers = (executor as EthereumReplayExecutor | ZksyncReplayExecutor).tracers;
      const doc = dump.transactions.filter((t) => traceOnly === undefined || traceOnly(t)).map((t) => {
        const tr = tracers.get(t.hash);
        if (tr === undefined || !tr.ended) return { txHash: t.hash, error: "transaction rejected" };
        const result = trace === "call" ? tr.callTrace() : trace === "prestate" ? tr.prestateTrace() : tr.prestateDiffTrace();
        return { txHash: t.hash, result };
      });
      try {
        writeFileSync(traceOut as string, JSON.stringify(doc, null, 2) + "\n");
      } catch (e) {
        throw new InputError(String(traceOut), `cannot write: ${(e as Error).message}`);
      }
    }

    if (flags.json === true) io.out(JSON.stringify(replayReportJson(report)) + "\n");
    else {
      for (const t of report.transactions) if (!t.pass) io.out(`FAIL ${t.hash}: ${t.mismatches.join("; ")}\n`);
      for (const h of report.skipped) io.out(`SKIP ${h}: calls blake2f (0x09) or the KZG point evaluation (0x0a), mocked under zksync-os\n`);
      const tolerated = report.transactions.reduce((n, t) => n + (t.tolerated.length > 0 ? 1 : 0), 0);
      const gas = dump.transactions.reduce((n, t) => n + t.receipt.gasUsed, 0n);
      io.out(`block ${report.block} (${profile}): ${report.transactions.length} transactions in ${(seconds * 1000).toFixed(0)} ms (${(Number(gas) / seconds / 1e6).toFixed(1)} Mgas/s)`);
      io.out(tolerated > 0 ? `, ${tolerated} with differences the profile accepts\n` : "\n");
      io.out(`${report.passed} passed, ${report.failed} failed${report.skipped.length > 0 ? `, ${report.skipped.length} skipped` : ""}\n`);
    }
    return report.failed === 0 ? EXIT_OK : EXIT_CHECK_FAILED;
  },
};

/**
 * Writes `--trace struct` as the transactions run: a block's struct logs (hundreds of MB as JSON)
 * never sit in memory at once. The file is a JSON array, one `{txHash, result}` a line; a rejected
 * transaction gets geth's `{txHash, error}`.
 */
class StructTraceWriter {
  private readonly fd: number;
  private count = 0;

  constructor(private readonly path: string) {
    this.fd = this.guard(() => openSync(path, "w"));
    this.put("[");
  }

  write(t: DumpTransaction, tracer: TransactionTracer): void {
    const entry = tracer.ended ? { txHash: t.hash, result: tracer.structLogs() } : { txHash: t.hash, error: "transaction rejected" };
    this.put((this.count++ === 0 ? "\n" : ",\n") + JSON.stringify(entry));
  }

  close(): void {
    this.put("\n]\n");
    closeSync(this.fd);
  }

  private put(text: string): void {
    this.guard(() => writeSync(this.fd, text));
  }

  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw new InputError(this.path, `cannot write: ${(e as Error).message}`);
    }
  }
}

/** The transactions `--trace-tx` names (indexes or hashes), as a predicate. */
function selection(list: string, txs: readonly DumpTransaction[]): (t: DumpTransaction) => boolean {
  const chosen = new Set<string>();
  for (const item of list.split(",").map((x) => x.trim().toLowerCase())) {
    const byIndex = /^\d+$/.test(item) ? txs[Number(item)] : undefined;
    const t = byIndex ?? txs.find((x) => x.hash === item);
    if (t === undefined) throw new UsageError(`replay: --trace-tx ${item}: no such transaction (an index below ${txs.length} or a transaction hash)`);
    chosen.add(t.hash);
  }
  return (t) => chosen.has(t.hash);
}
