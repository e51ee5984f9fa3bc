/**
 * geth's callTracer (eth/tracers/native/call.go, v1.15.8): the nested call frames of one transaction
 * in geth's exact JSON shape and key order. The runner reports frame enter/exit (and logs); this
 * builder applies geth's rules for the top frame's gas, output, error, revertReason and `to`.
 * @module
 */
import { ArgumentError } from "../errors";
import { bytesToHex } from "../primitives/hex";
import { decodeRevertReason, GethError } from "./geth-errors";

/** A frame's kind: the opcode that opened it (the top frame is CALL or CREATE). */
export type CallFrameType = "CALL" | "STATICCALL" | "DELEGATECALL" | "CALLCODE" | "CREATE" | "CREATE2" | "SELFDESTRUCT";

/** One log of a frame (callTracer `withLog`); `position` is the count of subcalls made before it. */
export interface GethCallLog {
  address: string;
  topics: string[];
  data: string;
  position: string;
}

/** One frame as geth prints it; optional members are omitted when empty. */
export interface GethCallFrame {
  from: string;
  gas: string;
  gasUsed: string;
  to?: string;
  input: string;
  output?: string;
  error?: string;
  revertReason?: string;
  calls?: GethCallFrame[];
  logs?: GethCallLog[];
  value?: string;
  type: CallFrameType;
}

/** callTracer options (`tracerConfig`). */
export interface CallTracerConfig {
  /** Record the top frame only. */
  onlyTopCall?: boolean;
  /** Record logs per frame (dropped from frames that failed, and from their subframes). */
  withLog?: boolean;
}

interface Frame {
  type: CallFrameType;
  from: string;
  to: string | null;
  input: Uint8Array;
  gas: bigint;
  gasUsed: bigint;
  value: bigint | null;
  output: Uint8Array | null;
  error: string;
  revertReason: string;
  reverted: boolean;
  calls: Frame[];
  logs: GethCallLog[];
}

const EMPTY = new Uint8Array(0);
const q = (v: bigint): string => "0x" + v.toString(16);

/**
 * Builds one transaction's call trace from execution events. Call order: `txStart`, then `enter`
 * for the top frame and every nested CALL/CALLCODE/DELEGATECALL/STATICCALL/CREATE/CREATE2 (also
 * calls to precompiles and code-less accounts, and attempts that fail before running: depth,
 * balance), `exit` for each, `selfDestruct` at a SELFDESTRUCT, `log` per LOG, and `txEnd`.
 */
export class CallTracer {
  private readonly onlyTopCall: boolean;
  private readonly withLog: boolean;
  private readonly stack: Frame[] = [];
  private root: Frame | undefined;
  private gasLimit = 0n;
  /** Open frames, counting those onlyTopCall does not record (geth's `depth`). */
  private depth = 0;
  private ended = false;

  constructor(config: CallTracerConfig = {}) {
    this.onlyTopCall = config.onlyTopCall ?? false;
    this.withLog = config.withLog ?? false;
  }

  /** Starts the transaction: its gas limit becomes the top frame's `gas` (geth OnTxStart). */
  txStart(gasLimit: bigint | number): void {
    this.gasLimit = BigInt(gasLimit);
  }

  /**
   * A frame opens. `to` is the callee, or for CREATE/CREATE2 the new address; `value` is null for
   * STATICCALL (no `value` member) and for DELEGATECALL the caller frame's value (as geth reports);
   * `gas` is what the callee receives (stipend included).
   */
  enter(type: CallFrameType, from: string, to: string, value: bigint | null, gas: bigint | number, input: Uint8Array): void {
    const depth = this.depth++;
    if (this.onlyTopCall && depth > 0) return;
    const frame: Frame = {
      type, from, to, input: input.slice(), gas: depth === 0 ? this.gasLimit : BigInt(gas), gasUsed: 0n, value,
      output: null, error: "", revertReason: "", reverted: false, calls: [], logs: [],
    };
    if (depth === 0) this.root = frame;
    this.stack.push(frame);
  }

  /**
   * The innermost open frame ends. `error` is geth's message (GethError, or "" / null on success);
   * "execution reverted" keeps `output` and decodes `revertReason`, other errors drop the output,
   * and a failed CREATE/CREATE2 loses `to`. The top frame's gasUsed is the receipt's (`txEnd`).
   * `createdAddress` (a successful creation) becomes `to`, for runners that learn it only then.
   */
  exit(gasUsed: bigint | number, output: Uint8Array, error: string | null, createdAddress?: string | null): void {
    if (this.depth === 0) throw new ArgumentError("CallTracer.exit without an open frame");
    const depth = --this.depth;
    if (this.onlyTopCall && depth > 0) return;
    const frame = this.stack.pop()!;
    if (depth > 0) frame.gasUsed = BigInt(gasUsed);
    if (createdAddress != null) frame.to = createdAddress;
    processOutput(frame, output, error ?? "");
    if (depth > 0) this.stack[this.stack.length - 1]!.calls.push(frame);
  }

  /** A SELFDESTRUCT: geth opens and closes a frame with no gas, empty input and the balance sent. */
  selfDestruct(from: string, beneficiary: string, balance: bigint): void {
    this.enter("SELFDESTRUCT", from, beneficiary, balance, 0, EMPTY);
    this.exit(0, EMPTY, null);
  }

  /** A log emitted by the innermost open frame (recorded with `withLog` only). */
  log(address: string, topics: readonly Uint8Array[], data: Uint8Array): void {
    if (!this.withLog) return;
    if (this.onlyTopCall && this.depth > 1) return;
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) throw new ArgumentError("CallTracer.log outside a frame");
    frame.logs.push({ address, topics: topics.map(bytesToHex), data: bytesToHex(data), position: q(BigInt(frame.calls.length)) });
  }

  /** Ends the transaction with the receipt's gas used (the top frame's `gasUsed`). */
  txEnd(gasUsed: bigint | number): void {
    if (this.root === undefined) throw new ArgumentError("CallTracer.txEnd before the top frame was entered");
    this.root.gasUsed = BigInt(gasUsed);
    if (this.withLog) clearFailedLogs(this.root, false);
    this.ended = true;
  }

  /** The trace: geth's JSON object for the top frame. */
  result(): GethCallFrame {
    if (this.root === undefined || !this.ended || this.stack.length !== 0) {
      throw new ArgumentError("CallTracer.result before the transaction ended");
    }
    return toJson(this.root);
  }
}

function processOutput(f: Frame, output: Uint8Array, error: string): void {
  if (error === "") {
    f.output = output.slice();
    return;
  }
  f.error = error;
  f.reverted = true;
  if (f.type === "CREATE" || f.type === "CREATE2") f.to = null;
  if (error !== GethError.executionReverted || output.length === 0) return;
  f.output = output.slice();
  f.revertReason = decodeRevertReason(output) ?? "";
}

function clearFailedLogs(f: Frame, parentFailed: boolean): void {
  const failed = (f.error !== "" && f.reverted) || parentFailed;
  if (failed) f.logs = [];
  for (const c of f.calls) clearFailedLogs(c, failed);
}

/** geth's member order: from, gas, gasUsed, to, input, output, error, revertReason, calls, logs, value, type. */
function toJson(f: Frame): GethCallFrame {
  const o: Partial<GethCallFrame> = { from: f.from, gas: q(f.gas), gasUsed: q(f.gasUsed) };
  if (f.to !== null) o.to = f.to;
  o.input = bytesToHex(f.input);
  if (f.output !== null && f.output.length > 0) o.output = bytesToHex(f.output);
  if (f.error !== "") o.error = f.error;
  if (f.revertReason !== "") o.revertReason = f.revertReason;
  if (f.calls.length > 0) o.calls = f.calls.map(toJson);
  if (f.logs.length > 0) o.logs = f.logs;
  if (f.value !== null) o.value = q(f.value);
  o.type = f.type;
  return o as GethCallFrame;
}
