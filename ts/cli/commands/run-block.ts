/**
 * `zkos run-block FIXTURE.json [--verify-tree] [--witness-out W.hex] [--trace call] [--json]`: forward-runs
 * every block of a block fixture (interfaces.md §2–§4) and prints each block's result; `--witness-out`
 * writes the last block's witness (§5); `--trace call` adds each transaction's geth callTracer trace.
 * @module
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "../args";
import { InputError, UsageError } from "../../errors";
import { bytesToHex } from "../../primitives/hex";
import { Chain, type BlockResult } from "../../chain";
import { parseBlockFixture } from "../../bootloader/fixture";
import { runBlockJson } from "../../bootloader/result-json";
import { recordFixtureWitnesses } from "../../bootloader/witness-run";
import { writeWitnessFile } from "../../oracle/witness-file-io";
import { InternalBlockError } from "../../zksync/validation-errors";
import { TransactionTracer } from "../../tracing/transaction-tracer";
import type { GethCallFrame } from "../../tracing/call-tracer";
import type { TracerFactory } from "../../tracing/tracer";
import { EXIT_CHECK_FAILED, EXIT_OK, type CliIO, type Command } from "../command";

function readFixture(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(path, `cannot read: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(path, `not JSON: ${(e as Error).message}`);
  }
}

/** Call tracers of one block's transactions, by index; an invalid transaction's stays unused (null trace). */
class CallTraces {
  private readonly tracers: TransactionTracer[] = [];
  readonly factory: TracerFactory = (i) => (this.tracers[i] = new TransactionTracer({ call: true }));

  traces(count: number): (GethCallFrame | null)[] {
    const out: (GethCallFrame | null)[] = [];
    for (let i = 0; i < count; i++) {
      const t = this.tracers[i];
      out.push(t === undefined || t.callTracer === null || !t.ended ? null : t.callTrace());
    }
    return out;
  }
}

function printBlock(io: CliIO, b: BlockResult, traces: readonly (GethCallFrame | null)[] | null): void {
  io.out(`block ${b.number} hash ${bytesToHex(b.hash)}\n`);
  io.out(`  state root ${bytesToHex(b.stateRootBefore)} -> ${bytesToHex(b.stateRootAfter)}\n`);
  if (b.publicInput !== null) io.out(`  public input ${bytesToHex(b.publicInput)}\n`);
  b.transactions.forEach((t, i) => {
    let line = `  tx ${i} ${bytesToHex(t.hash)} ${t.status}`;
    if (t.status !== "invalid") line += ` gasUsed ${t.gasUsed}`;
    if (t.contractAddress !== null) line += ` contract ${t.contractAddress}`;
    if (t.error !== null) line += ` (${t.error})`;
    io.out(line + "\n");
    const trace = traces?.[i];
    if (trace != null) io.out(`    call trace ${JSON.stringify(trace)}\n`);
  });
}

export const runBlock: Command = {
  name: "run-block",
  summary: "forward-run the blocks of a block fixture and print their results",
  help: [
    "usage: zkos run-block FIXTURE.json [--verify-tree] [--witness-out W.hex] [--trace call] [--json]",
    "",
    "Runs every block of the fixture (interfaces.md section 3: profile, chainId, state, blocks) in",
    "order, each on the state the previous one left, and prints each block's result: its hash, state",
    "roots, public input (ZKsync OS profiles), and every transaction's hash, status, gas used and error.",
    "  --verify-tree     also check each block's tree update with verify-and-apply over the oracle's proofs",
    "  --json            one JSON document: {blocks: [{number, hash, header, stateRootBefore, stateRootAfter,",
    "                    nextFreeSlot, publicInput, pubdata, transactions: [...]}]}",
    "  --witness-out W   write the last block's witness (interfaces.md section 5) for zkos prove",
    "  --trace call      each transaction's geth callTracer trace (JSON: a callTrace member per transaction,",
    "                    null for an invalid one)",
    "Exit status: 0 when every block ran (invalid transactions included), 1 when ZKsync OS would abort a",
    "block (the blocks before it are printed), 2 for bad usage or an unreadable fixture.",
  ].join("\n"),
  async run(argv, io) {
    const { positional, flags } = parseArgs(argv, { boolean: ["json", "verify-tree"], string: ["witness-out", "trace"] }, "run-block");
    if (flags.trace !== undefined && flags.trace !== "call") throw new UsageError(`run-block: --trace supports 'call' (geth's callTracer), got ${String(flags.trace)}`);
    const tracing = flags.trace === "call";
    if (positional.length !== 1) throw new UsageError("run-block: expected exactly one FIXTURE.json");
    const path = positional[0]!;
    const fixture = parseBlockFixture(readFixture(path), path);
    const witnessOut = flags["witness-out"];
    if (witnessOut !== undefined && (typeof witnessOut !== "string" || fixture.profile === "ethereum")) {
      throw new UsageError("run-block: --witness-out takes a path, and only ZKsync OS profiles have a witness");
    }
    const { chain, blocks } = Chain.fromFixture(fixture);
    const results: BlockResult[] = [];
    const blockTraces: (GethCallFrame | null)[][] = [];
    let aborted: { block: bigint; error: string } | null = null;
    for (const spec of blocks) {
      try {
        const calls = tracing ? new CallTraces() : null;
        results.push(chain.runBlock(spec, { verifyTree: flags["verify-tree"] === true, tracer: calls?.factory }));
        if (calls !== null) blockTraces.push(calls.traces(spec.transactions.length));
      } catch (e) {
        if (!(e instanceof InternalBlockError)) throw e;
        aborted = { block: spec.number, error: e.message };
        break;
      }
      if (flags.json !== true) printBlock(io, results[results.length - 1]!, tracing ? blockTraces[blockTraces.length - 1]! : null);
    }
    if (flags.json === true) {
      const doc: Record<string, unknown> = runBlockJson(results);
      if (tracing) {
        (doc.blocks as { transactions: Record<string, unknown>[] }[]).forEach((b, i) => {
          b.transactions.forEach((t, j) => (t.callTrace = blockTraces[i]![j] ?? null));
        });
      }
      if (aborted !== null) doc.aborted = { block: Number(aborted.block), error: aborted.error };
      io.out(JSON.stringify(doc) + "\n");
    }
    if (aborted !== null) {
      io.err(`zkos run-block: block ${aborted.block} aborted: ${aborted.error}${typeof witnessOut === "string" ? " (no witness written)" : ""}\n`);
      return EXIT_CHECK_FAILED;
    }
    if (typeof witnessOut === "string" && blocks.length > 0) {
      // A second forward run through the recording oracle (ts/bootloader/witness-run.ts).
      const recorded = recordFixtureWitnesses(fixture);
      writeWitnessFile(witnessOut, recorded[recorded.length - 1]!.witness);
    }
    return EXIT_OK;
  },
};
