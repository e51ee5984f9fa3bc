/**
 * Opcode steps of a traced EVM frame (geth v1.15.8 OnOpcode, as the struct logger records them):
 * receives as/evm/trace.ts's reports, holds each step until its gas cost is known (at the frame's
 * next step, or when the frame yields) and hands the steps to the tracer in execution order.
 * @module
 */
import { currentEvmHost, setEvmHost, type EvmHostDispatch, type Wasm } from "../../wasm";
import type { Address } from "../../state/address";
import { wordFromBigint, wordToBigint, type Word } from "../../state/word";
import type { StructLogStep } from "../../tracing/struct-logger";
import type { ExecutionTracer } from "../../tracing/tracer";
import { GethError, stackOverflowError, stackUnderflowError } from "../../tracing/geth-errors";
import type { FrameHost } from "./host";
import type { EvmLayout } from "./layout";
import { readU256 } from "./slots";
import { EvmStatus } from "./status";

const ERGS_PER_GAS = 256n;
const SLOAD = 0x54;
const SSTORE = 0x55;
const CREATE = 0xf0;
const CREATE2 = 0xf5;
/** as/evm/traits.ts TRAIT_FIELD_*. */
const TRAIT_GAS = 0;
const TRAIT_STACK_IN = 2;
const TRAIT_STACK_OUT = 3;
const STACK_LIMIT = 1024;
/** EIP-2200: SSTORE needs more than the stipend left (geth's "reentrancy sentry"). */
const SSTORE_SENTRY_ERGS = 2300n * ERGS_PER_GAS;

/** Optional tracer members that say what a step must carry (StructLogger, TransactionTracer). */
interface StepNeeds {
  readonly needsMemory?: boolean;
  readonly needsReturnData?: boolean;
}

/**
 * State reads the ethereum host's WorldState offers for free: the refund counter and a storage read
 * without access effects. The ZKsync OS host has neither (its IO charges every read and it keeps no
 * EIP-3529 refund counter), so its steps report refund 0 and a failed SLOAD the value 0.
 */
interface StepState {
  readonly refund?: number;
  storage?(address: Address, key: Word): Word;
}

/** How the frame's yield ended the pending step. */
export interface StepEnd {
  /** The frame's ergs once the instruction's charges are known (negative when they did not fit). */
  readonly ergsAfter: bigint;
  /** An exceptional halt's EVM status, or 0. */
  readonly status: number;
}

/** The step reporter of one EVM frame; EvmFrame makes one only when the tracer wants steps. */
export class FrameSteps {
  private readonly host: FrameHost;
  private readonly tracer: ExecutionTracer;
  private readonly w: Wasm;
  private readonly l: EvmLayout;
  private readonly framePtr: number;
  private readonly address: Address;
  private readonly ergsOf: () => bigint;
  private readonly needsMemory: boolean;
  private readonly needsReturnData: boolean;
  private readonly traceStep: number;
  private readonly failErgsField: number;
  /** The host's dispatcher while this frame runs; step reports are answered here, the rest there. */
  private inner: EvmHostDispatch | null = null;
  private readonly dispatch: EvmHostDispatch;
  private pending: StructLogStep | null = null;
  private pendingErgs = 0n;

  constructor(host: FrameHost, tracer: ExecutionTracer, w: Wasm, l: EvmLayout, framePtr: number, address: Address, ergsOf: () => bigint) {
    this.host = host;
    this.tracer = tracer;
    this.w = w;
    this.l = l;
    this.framePtr = framePtr;
    this.address = address;
    this.ergsOf = ergsOf;
    const needs = tracer as StepNeeds;
    this.needsMemory = needs.needsMemory === true;
    this.needsReturnData = needs.needsReturnData === true;
    this.traceStep = exportedNumber(w, "EVM_TRACE_STEP");
    this.failErgsField = exportedNumber(w, "EVM_F_FAIL_ERGS");
    this.dispatch = (op, sp) => (op >= this.traceStep ? this.report(op - this.traceStep, sp) : this.inner!(op, sp));
  }

  /** Runs the frame with evmRunTraced, answering its step reports; returns the EVM status. */
  run(): number {
    const inner = currentEvmHost();
    this.inner = inner;
    setEvmHost(this.dispatch);
    try {
      return this.w.exports.evmRunTraced(this.framePtr);
    } finally {
      setEvmHost(inner);
      this.inner = null;
    }
  }

  /** The ergs an exceptional halt left at F_FAIL_ERGS (as/evm/interpreter.ts suspend). */
  failErgs(): bigint {
    const w = this.w;
    if (w.viewsStale) w.refreshViews();
    return w.dv.getBigInt64(this.framePtr + this.failErgsField, true);
  }

  /**
   * The frame yielded: the pending step's cost is what the instruction charged up to `ergsAfter`.
   * geth's CALL family charges the gas handed to the callee as part of the instruction (so the
   * caller passes ergs after the call's deductions), CREATE and CREATE2 hand it over while running
   * (so the caller passes ergs before the deduction).
   */
  finish(end: StepEnd): void {
    const s = this.pending;
    if (s === null) return;
    this.pending = null;
    let ergsAfter = end.ergsAfter;
    if (end.status >= EvmStatus.FirstError) {
      const r = this.failure(s, end.status, ergsAfter);
      ergsAfter = r.ergsAfter;
      if (r.error !== null) s.error = r.error;
      if (s.op === SLOAD && s.stack.length >= 1) s.sloadValue = this.storageNow(s.stack[s.stack.length - 1]!);
    }
    if (s.op === SSTORE) s.refund = this.refundNow();
    s.gasCost = BigInt(s.gas) - floorGas(ergsAfter);
    this.tracer.step(s);
  }

  /** A report from the interpreter: the previous step is complete; the new one is held. */
  private report(opcode: number, sp: number): number {
    const w = this.w;
    if (w.viewsStale) w.refreshViews();
    const dv = w.dv;
    const ergs = this.ergsOf();
    const prev = this.pending;
    if (prev !== null) {
      prev.gasCost = BigInt(prev.gas) - floorGas(ergs);
      if (prev.op === SLOAD) prev.sloadValue = readU256(dv, sp - 32);
      else if (prev.op === SSTORE) prev.refund = this.refundNow();
      this.tracer.step(prev);
    }
    const f = this.l.f;
    const base = this.framePtr + this.l.frameHeader;
    const height = dv.getUint32(this.framePtr + f.sp, true) >>> 5;
    const stack = new Array<bigint>(height);
    for (let i = 0; i < height; i++) stack[i] = readU256(dv, base + 32 * i);
    const s: StructLogStep = {
      pc: dv.getUint32(this.framePtr + f.pc, true),
      op: opcode,
      gas: floorGas(ergs),
      gasCost: 0n,
      depth: this.host.traceDepth,
      refund: this.refundNow(),
      stack,
      address: this.address,
    };
    if (this.needsMemory) {
      const mem = dv.getUint32(this.framePtr + f.mem, true);
      s.memory = w.u8.slice(mem, mem + dv.getUint32(this.framePtr + f.memSize, true));
    }
    if (this.needsReturnData) {
      const e = w.exports;
      const ptr = e.evmReturnDataPtr();
      s.returnData = w.u8.slice(ptr, ptr + e.evmReturnDataLen());
    }
    this.pending = s;
    this.pendingErgs = ergs;
    return 0;
  }

  /**
   * An exceptional halt of the pending step: geth's error text when the instruction failed before
   * running (stack bounds, gas), null when it failed while running (bad jump, invalid opcode,
   * write protection, return data bounds), and the ergs left after what geth counts as its cost.
   * When the interpreter did not say what the instruction cost (-1), only its static gas is counted.
   */
  private failure(s: StructLogStep, status: number, failErgs: bigint): { error: string | null; ergsAfter: bigint } {
    const e = this.w.exports;
    const staticErgs = BigInt(e.evmTrait(s.op, TRAIT_GAS)) * ERGS_PER_GAS;
    const ergsAfter = failErgs === -1n ? this.pendingErgs - staticErgs : failErgs;
    const n = s.stack.length;
    switch (status) {
      case EvmStatus.StackUnderflow:
        return { error: stackUnderflowError(n, e.evmTrait(s.op, TRAIT_STACK_IN)), ergsAfter };
      case EvmStatus.StackOverflow:
        return { error: stackOverflowError(n, STACK_LIMIT + e.evmTrait(s.op, TRAIT_STACK_IN) - e.evmTrait(s.op, TRAIT_STACK_OUT)), ergsAfter };
      case EvmStatus.OutOfGas:
      case EvmStatus.OutOfNative:
        if (s.op === SSTORE && failErgs === -1n && this.pendingErgs - staticErgs <= SSTORE_SENTRY_ERGS) {
          return { error: `${GethError.outOfGas}: not enough gas for reentrancy sentry`, ergsAfter };
        }
        return { error: GethError.outOfGas, ergsAfter };
      case EvmStatus.InitcodeTooLarge:
        // geth's CREATE gas function rejects the size, wrapped as an out-of-gas error.
        if ((s.op === CREATE || s.op === CREATE2) && n >= 3) {
          return { error: `${GethError.outOfGas}: ${GethError.maxInitCodeSizeExceeded}: size ${s.stack[n - 3]!}`, ergsAfter };
        }
        return { error: null, ergsAfter };
      default:
        return { error: null, ergsAfter };
    }
  }

  /**
   * The transaction's refund counter. geth logs it after the opcode's gas function ran, and SSTORE's
   * adjusts it there, so an SSTORE step reads it once the host answered (the host's sstore adds the
   * refund before the interpreter charges, so an SSTORE out of gas shows it too, as geth's does).
   */
  private refundNow(): number {
    return (this.host.state as StepState).refund ?? 0;
  }

  /** SLOAD that failed before reading: the slot's value as the state holds it (0 without a free read). */
  private storageNow(key: bigint): bigint {
    const st = this.host.state as StepState;
    if (st.storage === undefined) return 0n;
    return wordToBigint(st.storage(this.address, wordFromBigint(key)));
  }
}

function floorGas(ergs: bigint): bigint {
  return ergs >= 0n ? ergs / ERGS_PER_GAS : -((-ergs + ERGS_PER_GAS - 1n) / ERGS_PER_GAS);
}

function exportedNumber(w: Wasm, name: `EVM_${string}`): number {
  const g = w.exports[name];
  if (g === undefined) throw new Error(`zkos: the WASM core does not export ${name}`);
  return g.value as number;
}
