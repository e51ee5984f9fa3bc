/**
 * geth's opcode-level struct logger (eth/tracers/logger/logger.go, v1.15.8), the default tracer of
 * debug_traceTransaction: one entry per executed opcode in geth's legacy JSON shape, and the
 * `{gas, failed, returnValue, structLogs}` result. The runner feeds it each step.
 * @module
 */
import { ArgumentError } from "../errors";
import { bytesToHex } from "../primitives/hex";
import { GethError } from "./geth-errors";
import { gethOpName } from "./geth-opcode-names";

/** geth's logger.Config (defaults: stack and storage on, memory and return data off, no limit). */
export interface StructLoggerConfig {
  enableMemory?: boolean;
  disableStack?: boolean;
  disableStorage?: boolean;
  enableReturnData?: boolean;
  /** Stop recording once the JSON already recorded exceeds this many bytes (0: no limit). */
  limit?: number;
}

/** One entry as geth prints it; optional members are omitted when empty or zero. */
export interface GethStructLog {
  pc: number;
  op: string;
  gas: number;
  gasCost: number;
  depth: number;
  error?: string;
  /** Bottom first, each a minimal `0x` quantity. */
  stack?: string[];
  returnData?: string;
  /** Whole 32-byte words, 64 hex digits each without `0x`. */
  memory?: string[];
  /** On SLOAD/SSTORE: every slot of the contract the transaction read or wrote so far (64 hex digits, no `0x`). */
  storage?: Record<string, string>;
  refund?: number;
}

/** The tracer's result. */
export interface GethStructLoggerResult {
  gas: number;
  failed: boolean;
  /** RETURN data, or REVERT data of a reverted transaction; "0x" after another failure. */
  returnValue: string;
  structLogs: GethStructLog[];
}

/** What the runner reports before executing one opcode (after charging its gas checks, see `step`). */
export interface StructLogStep {
  pc: number;
  op: number;
  /** Gas left before the opcode. */
  gas: bigint | number;
  /**
   * The opcode's gas: constant + dynamic. For the CALL family that includes the gas passed on (not
   * the 2,300 stipend); CREATE/CREATE2 hand theirs over while running, so it is not included.
   */
  gasCost: bigint | number;
  /** 1 for the transaction's top frame. */
  depth: number;
  /** The transaction's refund counter. */
  refund: bigint | number;
  /** The stack, bottom first (needed for SLOAD/SSTORE storage capture even when the stack is not logged). */
  stack: readonly bigint[];
  /** The frame's memory (read only when `needsMemory`). */
  memory?: Uint8Array;
  /** The last call's return data (read only when `needsReturnData`). */
  returnData?: Uint8Array;
  /** The executing account (storage context). */
  address: string;
  /** For SLOAD: the slot's current value. */
  sloadValue?: bigint;
  /**
   * Set only when the opcode fails before it runs (stack under/overflow, out of gas for its
   * constant or dynamic cost, gas overflow): geth logs those with the error; failures while the
   * opcode runs (REVERT, bad jump, invalid opcode, write protection) are logged without one.
   */
  error?: string;
}

const hex64 = (v: bigint): string => v.toString(16).padStart(64, "0");

/** Records one transaction's opcode steps as geth's struct logger does. */
export class StructLogger {
  private readonly cfg: Required<StructLoggerConfig>;
  private readonly logs: GethStructLog[] = [];
  private readonly storage = new Map<string, Map<string, string>>();
  private resultSize = 0;
  private output: Uint8Array = new Uint8Array(0);
  private error = "";
  private gasUsed = 0n;

  constructor(config: StructLoggerConfig = {}) {
    this.cfg = {
      enableMemory: config.enableMemory ?? false,
      disableStack: config.disableStack ?? false,
      disableStorage: config.disableStorage ?? false,
      enableReturnData: config.enableReturnData ?? false,
      limit: config.limit ?? 0,
    };
  }

  /** Whether `step` reads `memory` (so the runner copies it only then). */
  get needsMemory(): boolean {
    return this.cfg.enableMemory;
  }

  /** Whether `step` reads `returnData`. */
  get needsReturnData(): boolean {
    return this.cfg.enableReturnData;
  }

  /** One opcode, reported before it executes (or when it fails before executing). */
  step(s: StructLogStep): void {
    if (this.cfg.limit !== 0 && this.resultSize > this.cfg.limit) return;
    const entry: GethStructLog = { pc: s.pc, op: gethOpName(s.op), gas: Number(s.gas), gasCost: Number(s.gasCost), depth: s.depth };
    if (s.error) entry.error = s.error;
    if (!this.cfg.disableStack) entry.stack = s.stack.map((v) => "0x" + v.toString(16));
    if (this.cfg.enableReturnData && s.returnData !== undefined && s.returnData.length > 0) entry.returnData = bytesToHex(s.returnData);
    if (this.cfg.enableMemory && s.memory !== undefined && s.memory.length > 0) {
      const words: string[] = [];
      for (let i = 0; i + 32 <= s.memory.length; i += 32) words.push(bytesToHex(s.memory.subarray(i, i + 32)).slice(2));
      entry.memory = words;
    }
    const storage = this.captureStorage(s);
    if (storage !== undefined) entry.storage = storage;
    const refund = Number(s.refund);
    if (refund !== 0) entry.refund = refund;
    this.resultSize += JSON.stringify(entry).length;
    this.logs.push(entry);
  }

  /** The top frame ended (geth OnExit at depth 0): its output and error ("" or null on success). */
  exit(output: Uint8Array, error: string | null): void {
    this.output = output.slice();
    this.error = error ?? "";
  }

  /** The transaction ended with the receipt's gas used. */
  txEnd(gasUsed: bigint | number): void {
    this.gasUsed = BigInt(gasUsed);
  }

  /** The trace. */
  result(): GethStructLoggerResult {
    const failed = this.error !== "";
    const keep = !failed || this.error === GethError.executionReverted;
    return { gas: Number(this.gasUsed), failed, returnValue: keep ? bytesToHex(this.output) : "0x", structLogs: this.logs };
  }

  /** SLOAD/SSTORE: add the slot to the contract's seen slots and snapshot them, sorted (Go map order). */
  private captureStorage(s: StructLogStep): Record<string, string> | undefined {
    if (this.cfg.disableStorage || (s.op !== 0x54 && s.op !== 0x55)) return undefined;
    let seen = this.storage.get(s.address);
    if (seen === undefined) this.storage.set(s.address, (seen = new Map()));
    const n = s.stack.length;
    if (s.op === 0x54 && n >= 1) {
      if (s.sloadValue === undefined) throw new ArgumentError("StructLogger.step: SLOAD needs sloadValue");
      seen.set(hex64(s.stack[n - 1]!), hex64(s.sloadValue));
    } else if (s.op === 0x55 && n >= 2) {
      seen.set(hex64(s.stack[n - 1]!), hex64(s.stack[n - 2]!));
    } else {
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const k of [...seen.keys()].sort()) out[k] = seen.get(k)!;
    return out;
  }
}
