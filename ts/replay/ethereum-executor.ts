/**
 * The `ethereum`-profile executor of `zkos replay`: a WorldState built from the dumps' pre-state,
 * each transaction run by processTransaction (Cancun) in the dumped block's context, with the
 * TransactionTracer collecting the touched accounts the comparison needs (and, on request, the
 * call trace for `--trace call|prestate|diff`, or the struct logger for `--trace struct`).
 * @module
 */
import type { BlockContext } from "../ee/evm/context";
import { processTransaction } from "../ethereum/process-transaction";
import { hexToBytes } from "../primitives/hex";
import { WorldState } from "../state/world-state";
import type { StructLoggerConfig } from "../tracing/struct-logger";
import { TransactionTracer } from "../tracing/transaction-tracer";
import type { BlockDump, DumpBlockContext, DumpTransaction } from "./block-dump";
import type { ActualOutcome } from "./compare";
import { buildPreState, preStateAlloc } from "./prestate";
import type { ReplayExecutor } from "./replay";

/** The EVM block context of a dumped block. BLOCKHASH knows the parent only (the dumps hold no older hash). */
export function dumpBlockContext(b: DumpBlockContext): BlockContext {
  const parent = hexToBytes(b.parentHash);
  const parentNumber = b.number - 1n;
  return {
    coinbase: b.coinbase, number: b.number, timestamp: b.timestamp, gasLimit: b.gasLimit, prevRandao: b.prevRandao,
    chainId: b.chainId, baseFee: b.baseFee, blobBaseFee: b.blobBaseFee,
    blockHash: (n) => (n === parentNumber ? parent : undefined),
  };
}

export interface EthereumExecutorOptions {
  /** Keep each transaction's tracer, with the call tracer on (`tracers`, for call, prestate and diff traces). */
  traces?: boolean;
  /**
   * Run geth's struct logger too (`true`: geth's default config). Opcode steps are reported only
   * then; a replay without it runs the untraced interpreter.
   */
  structLog?: boolean | StructLoggerConfig;
  /**
   * Called once per transaction, right after it ran, with its tracer (results readable when
   * `tracer.ended`; a rejected transaction's tracer never ends). Lets a caller write struct logs as
   * they come instead of keeping a block's worth of them.
   */
  onTransaction?: (t: DumpTransaction, tracer: TransactionTracer) => void;
  /** Which transactions get the call tracer and struct logger (all when omitted); the state diff is always collected. */
  traceOnly?: (t: DumpTransaction) => boolean;
}

/** A ReplayExecutor over its own WorldState (`state`), which holds the block's state as it runs. */
export class EthereumReplayExecutor implements ReplayExecutor {
  readonly state: WorldState;
  /** Each executed transaction's tracer by hash, when `traces` was asked for. */
  readonly tracers = new Map<string, TransactionTracer>();
  /** Gas used by the transactions run so far (the block's gas pool is what is left). */
  cumulativeGasUsed = 0n;
  private readonly keepTraces: boolean;
  private readonly structLog: boolean | StructLoggerConfig;
  private readonly onTransaction: ((t: DumpTransaction, tracer: TransactionTracer) => void) | undefined;
  private readonly traceOnly: ((t: DumpTransaction) => boolean) | undefined;
  private context: BlockContext | undefined;
  private contextOf: DumpBlockContext | undefined;

  constructor(dump: BlockDump, options: EthereumExecutorOptions = {}) {
    this.state = WorldState.fromAlloc(preStateAlloc(buildPreState(dump)));
    this.keepTraces = options.traces ?? false;
    this.structLog = options.structLog ?? false;
    this.onTransaction = options.onTransaction;
    this.traceOnly = options.traceOnly;
  }

  run(t: DumpTransaction, block: DumpBlockContext): ActualOutcome {
    if (this.contextOf !== block) {
      this.context = dumpBlockContext(block);
      this.contextOf = block;
    }
    const selected = this.traceOnly === undefined || this.traceOnly(t);
    const tracer = new TransactionTracer({ prestate: this.state, call: this.keepTraces && selected, structLog: selected && this.structLog });
    const out = processTransaction(this.state, this.context!, t.tx, { tracer, gasAvailable: block.gasLimit - this.cumulativeGasUsed });
    if (selected) this.onTransaction?.(t, tracer);
    if (out.kind === "rejected") {
      return { success: false, gasUsed: 0n, logs: [], accounts: [], rejected: `${out.exception}: ${out.message}` };
    }
    this.cumulativeGasUsed += out.gasUsed;
    if (this.keepTraces && selected) this.tracers.set(t.hash, tracer);
    return { success: out.status === "success", gasUsed: out.gasUsed, logs: out.logs, accounts: tracer.touchedAccounts() };
  }
}
