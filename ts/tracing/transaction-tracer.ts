/**
 * One transaction's geth tracers behind the runner's single ExecutionTracer: the callTracer, the
 * prestate tracer's touched accounts (also the replay's state diff) and the struct logger, each
 * optional. Results come out in geth's JSON shapes once the transaction ended.
 * @module
 */
import { ArgumentError } from "../errors";
import type { Address } from "../state/address";
import type { Word } from "../state/word";
import { CallTracer, type CallFrameType, type CallTracerConfig, type GethCallFrame } from "./call-tracer";
import { prestateDiffTrace, prestateTrace, type GethDiffResult, type GethPrestateResult, type PrestateTracerConfig, type TouchedAccount } from "./prestate-tracer";
import { StructLogger, type GethStructLoggerResult, type StructLogStep, type StructLoggerConfig } from "./struct-logger";
import { TouchedAccountCollector, type TraceStateReader } from "./touched-accounts";
import type { ExecutionTracer } from "./tracer";

/** Which tracers run. A tracer left out costs nothing. */
export interface TransactionTracerOptions {
  /** geth callTracer (`true`: default config). */
  call?: boolean | CallTracerConfig;
  /** Touched accounts for prestateTracer (default and diffMode): needs the state to read values from. */
  prestate?: TraceStateReader;
  /** geth struct logger (`true`: default config). */
  structLog?: boolean | StructLoggerConfig;
}

/** Fans the runner's events out to the selected geth tracers. */
export class TransactionTracer implements ExecutionTracer {
  readonly callTracer: CallTracer | null;
  readonly structLogger: StructLogger | null;
  readonly collector: TouchedAccountCollector | null;
  readonly wantsSteps: boolean;
  private depth = 0;
  private done = false;

  constructor(options: TransactionTracerOptions) {
    const { call, prestate, structLog } = options;
    this.callTracer = call === undefined || call === false ? null : new CallTracer(call === true ? {} : call);
    this.structLogger = structLog === undefined || structLog === false ? null : new StructLogger(structLog === true ? {} : structLog);
    this.collector = prestate === undefined ? null : new TouchedAccountCollector(prestate);
    this.wantsSteps = this.structLogger !== null;
  }

  /** Whether the transaction ended (results can be read). */
  get ended(): boolean {
    return this.done;
  }

  /** Whether the struct logger reads memory (the step reporter copies it only then). */
  get needsMemory(): boolean {
    return this.structLogger?.needsMemory ?? false;
  }

  /** Whether the struct logger reads return data. */
  get needsReturnData(): boolean {
    return this.structLogger?.needsReturnData ?? false;
  }

  txStart(from: Address, to: Address, creates: boolean, coinbase: Address, gasLimit: bigint): void {
    this.callTracer?.txStart(gasLimit);
    const c = this.collector;
    if (c !== null) {
      c.touchAccount(from);
      c.touchAccount(to);
      if (creates) c.markCreated(to);
      c.touchAccount(coinbase);
    }
  }

  txEnd(gasUsed: bigint): void {
    this.callTracer?.txEnd(gasUsed);
    this.structLogger?.txEnd(gasUsed);
    this.collector?.finish();
    this.done = true;
  }

  enter(type: CallFrameType, from: Address, to: Address, value: bigint | null, gas: bigint, input: Uint8Array): void {
    this.depth++;
    this.callTracer?.enter(type, from, to, value, gas, input);
  }

  exit(gasUsed: bigint, output: Uint8Array, error: string | null, createdAddress?: Address | null): void {
    this.depth--;
    this.callTracer?.exit(gasUsed, output, error, createdAddress);
    if (this.depth === 0) this.structLogger?.exit(output, error);
  }

  log(address: Address, topics: readonly Uint8Array[], data: Uint8Array): void {
    this.callTracer?.log(address, topics, data);
  }

  selfDestruct(from: Address, beneficiary: Address, balance: bigint): void {
    this.callTracer?.selfDestruct(from, beneficiary, balance);
    this.collector?.markSelfDestructed(from);
  }

  touchAccount(address: Address): void {
    this.collector?.touchAccount(address);
  }

  markCreated(address: Address): void {
    this.collector?.markCreated(address);
  }

  touchSlot(address: Address, slot: Word): void {
    this.collector?.touchSlot(address, slot);
  }

  step(s: StructLogStep): void {
    this.structLogger?.step(s);
  }

  private need<T>(t: T | null, what: string): T {
    if (t === null) throw new ArgumentError(`TransactionTracer: ${what} was not enabled`);
    if (!this.done) throw new ArgumentError(`TransactionTracer: ${what} result before the transaction ended`);
    return t;
  }

  /** geth callTracer output. */
  callTrace(): GethCallFrame {
    return this.need(this.callTracer, "the call tracer").result();
  }

  /** The touched accounts with start and end values. */
  touchedAccounts(): TouchedAccount[] {
    return this.need(this.collector, "the prestate tracer").accounts();
  }

  /** geth prestateTracer output (default mode). */
  prestateTrace(config: PrestateTracerConfig = {}): GethPrestateResult {
    return prestateTrace(this.touchedAccounts(), config);
  }

  /** geth prestateTracer output with diffMode. */
  prestateDiffTrace(config: PrestateTracerConfig = {}): GethDiffResult {
    return prestateDiffTrace(this.touchedAccounts(), config);
  }

  /** geth struct logger output. */
  structLogs(): GethStructLoggerResult {
    return this.need(this.structLogger, "the struct logger").result();
  }
}
