/**
 * Opcode steps of a traced EVM frame (geth v1.15.8 OnOpcode, as the struct logger records them):
 * receives as/evm/trace.ts's reports, holds each step until its gas cost is known (at the frame's
 * next step, or when the frame yields) and hands the steps to the tracer in execution order.
 * @module
 */
import { currentEvmHost, setEvmHost, type EvmHostDispatch, type Wasm } from "../../wasm";
import { addressFromBigint, type Address } from "../../state/address";
import { wordFromBigint, wordToBigint, type Word } from "../../state/word";
import type { StructLogStep } from "../../tracing/struct-logger";
import type { ExecutionTracer } from "../../tracing/tracer";
import { GethError, stackOverflowError, stackUnderflowError } from "../../tracing/geth-errors";
import type { HostCostModel } from "./cost-model";
import type { FrameHost } from "./host";
import type { EvmLayout } from "./layout";
import { readU256 } from "./slots";
import { EvmStatus } from "./status";

const ERGS_PER_GAS = 256n;
const SLOAD = 0x54;
const SSTORE = 0x55;
const LOG0 = 0xa0;
const LOG4 = 0xa4;
const CREATE = 0xf0;
const CALL = 0xf1;
const CREATE2 = 0xf5;
const SELFDESTRUCT = 0xff;
/** as/evm/traits.ts TRAIT_FIELD_*. */
const TRAIT_GAS = 0;
const TRAIT_STACK_IN = 2;
const TRAIT_STACK_OUT = 3;
const STACK_LIMIT = 1024;
/** EIP-2200: SSTORE needs more than the stipend left (geth's "reentrancy sentry"). */
const SSTORE_SENTRY_GAS = 2300n;
const SSTORE_SENTRY_ERGS = SSTORE_SENTRY_GAS * ERGS_PER_GAS;
/** geth's constant gas of the opcodes its static-context check lets charge first (params/protocol_params.go). */
const LOG_GAS = 375n;
const LOG_TOPIC_GAS = 375n;
const LOG_DATA_GAS = 8n;
const CREATE_GAS = 32000n;
const INITCODE_WORD_GAS = 2n;
const KECCAK_WORD_GAS = 6n;
const SELFDESTRUCT_GAS = 5000n;
const WARM_ACCESS_GAS = 100n;
/** EIP-3860. */
const MAX_INITCODE_SIZE = 49152n;
/** geth's memoryGasCost limit: a larger size is a gas uint64 overflow. */
const MAX_MEMORY_SIZE = 0x1fffffffe0n;
const U64 = 1n << 64n;

/** Optional tracer members that say what a step must carry (StructLogger, TransactionTracer). */
interface StepNeeds {
  readonly needsMemory?: boolean;
  readonly needsReturnData?: boolean;
}

/**
 * State reads the ethereum host's WorldState offers for free: the refund counter, storage and
 * account reads without access effects (for a failed SLOAD's value and a static-context write's
 * gas). The ZKsync OS host has none (its IO charges every read and it keeps no EIP-3529 refund
 * counter), so its steps report refund 0, a failed SLOAD the value 0, such a write its static gas.
 */
interface StepState {
  readonly refund?: number;
  storage?(address: Address, key: Word): Word;
  originalStorage?(address: Address, key: Word): Word;
  isWarmSlot?(address: Address, key: Word): boolean;
  isWarmAddress?(address: Address): boolean;
  isDead?(address: Address): boolean;
  balance?(address: Address): bigint;
}

/** What an exceptional halt of the pending step means for its log entry. */
interface Failure {
  /** geth's error text, or null when the step is logged without one. */
  readonly error: string | null;
  /** The frame's ergs after what geth counts as the step's cost. */
  readonly ergsAfter: bigint;
  /** The refund counter geth would show (its SSTORE gas function adjusts it even when the store fails). */
  readonly refund?: number;
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
  /** The pending step's memory size in bytes (before its own expansion). */
  private pendingMemSize = 0;
  /** The last step's stack and its bytes (as u32 words), for readStack. */
  private lastStack: bigint[] = [];
  private lastRaw = new Uint32Array(0);

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
    let refund: number | undefined;
    if (end.status >= EvmStatus.FirstError) {
      const r = this.failure(s, end.status, ergsAfter);
      ergsAfter = r.ergsAfter;
      refund = r.refund;
      if (r.error !== null) s.error = r.error;
      if (s.op === SLOAD && s.stack.length >= 1) s.sloadValue = this.storageNow(s.stack[s.stack.length - 1]!);
    }
    if (s.op === SSTORE) s.refund = refund ?? this.refundNow();
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
    const stack = this.readStack(base, height);
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
    this.pendingMemSize = dv.getUint32(this.framePtr + f.memSize, true);
    return 0;
  }

  /**
   * The stack, bottom first. Between two steps of a frame only its top few entries change, so an
   * entry whose 32 bytes equal the last step's keeps that step's bigint: a fraction of the BigInt
   * building and garbage (block 22244135's 540,000 steps average 10 entries).
   */
  private readStack(base: number, height: number): bigint[] {
    const w = this.w;
    const stack = new Array<bigint>(height);
    const prev = this.lastStack;
    let raw = this.lastRaw;
    if (raw.length < height * 8) {
      const grown = new Uint32Array(Math.max(height * 8, raw.length * 2));
      grown.set(raw);
      this.lastRaw = raw = grown;
    }
    const u32 = w.u32;
    const at = base >>> 2;
    // Frames sit at word-aligned addresses (as/evm/frame.ts); the u32 view needs 4.
    const same = (base & 3) !== 0 ? 0 : prev.length < height ? prev.length : height;
    for (let i = 0; i < same; i++) {
      const o = at + 8 * i;
      const r = 8 * i;
      let k = 0;
      while (k < 8 && u32[o + k] === raw[r + k]) k++;
      stack[i] = k === 8 ? prev[i]! : readU256(w.dv, base + 32 * i);
    }
    for (let i = same; i < height; i++) stack[i] = readU256(w.dv, base + 32 * i);
    if ((base & 3) === 0) raw.set(u32.subarray(at, at + 8 * height));
    this.lastStack = stack;
    return stack;
  }

  /**
   * An exceptional halt of the pending step: geth's error text when the instruction failed before
   * running (stack bounds, gas), null when it failed while running (bad jump, invalid opcode,
   * write protection, return data bounds), and the ergs left after what geth counts as its cost.
   * When the interpreter did not say what the instruction cost (-1), only its static gas is counted.
   */
  private failure(s: StructLogStep, status: number, failErgs: bigint): Failure {
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
      case EvmStatus.StaticViolation: {
        const g = this.writeProtected(s);
        if (g === null) return { error: null, ergsAfter };
        return { error: g.error, ergsAfter: this.pendingErgs - g.cost * ERGS_PER_GAS, refund: g.refund };
      }
      default:
        return { error: null, ergsAfter };
    }
  }

  /**
   * A state change in a static context. geth charges the opcode's constant and dynamic gas (its
   * gas functions run: warm/cold, memory, SSTORE's refund) and fails with write protection only
   * when executing it, so the step costs all of that, or fails with their out-of-gas error first;
   * the interpreter halts before charging. Null when the state cannot answer (no such reads).
   */
  private writeProtected(s: StructLogStep): { cost: bigint; error: string | null; refund?: number } | null {
    const st = this.host.state as StepState;
    const costs = this.host.costs as Partial<HostCostModel>;
    const n = s.stack.length;
    const arg = (i: number): bigint => s.stack[n - 1 - i]!;
    const gas = BigInt(s.gas);
    // The model reports refund and native through fields the host reads after its own calls: restored.
    const quote = <T>(f: () => T): T => {
      const { refundDelta, native } = costs;
      try {
        return f();
      } finally {
        Object.assign(costs, { refundDelta, native });
      }
    };
    const outOfGas = (cost: bigint, why?: string): { cost: bigint; error: string } => ({ cost, error: why === undefined ? GethError.outOfGas : `${GethError.outOfGas}: ${why}` });
    // geth's order: constant gas, the operands' memory size (null: past 64 bits, an unwrapped
    // overflow), then the gas function (a string: its error, wrapped as out of gas).
    const charge = (constant: bigint, dynamic: (avail: bigint) => bigint | string | null): { cost: bigint; error: string | null } => {
      if (gas < constant) return outOfGas(constant);
      const d = dynamic(gas - constant);
      if (d === null) return { cost: constant, error: GethError.gasUintOverflow };
      if (typeof d === "string") return outOfGas(constant, d);
      return constant + d > gas ? outOfGas(constant + d) : { cost: constant + d, error: null };
    };
    switch (s.op) {
      case SSTORE: {
        if (st.originalStorage === undefined || st.storage === undefined || st.isWarmSlot === undefined || costs.sstore === undefined || n < 2) return null;
        if (gas <= SSTORE_SENTRY_GAS) return outOfGas(0n, "not enough gas for reentrancy sentry");
        const key = wordFromBigint(arg(0));
        const [g, delta] = quote(() => [costs.sstore!(st.originalStorage!(this.address, key), st.storage!(this.address, key), wordFromBigint(arg(1)), !st.isWarmSlot!(this.address, key)), costs.refundDelta ?? 0]);
        return { ...charge(0n, () => BigInt(g)), refund: this.refundNow() + delta };
      }
      case CREATE:
      case CREATE2:
        if (n < (s.op === CREATE ? 3 : 4)) return null;
        return charge(CREATE_GAS, () => {
          const mem = this.memoryGas(arg(1), arg(2));
          if (mem === null || typeof mem === "string") return mem;
          if (arg(2) > MAX_INITCODE_SIZE) return `${GethError.maxInitCodeSizeExceeded}: size ${arg(2)}`;
          const words = (arg(2) + 31n) / 32n;
          return mem + words * (s.op === CREATE ? INITCODE_WORD_GAS : INITCODE_WORD_GAS + KECCAK_WORD_GAS);
        });
      case SELFDESTRUCT: {
        if (st.isWarmAddress === undefined || st.isDead === undefined || st.balance === undefined || costs.selfdestruct === undefined || n < 1) return null;
        const to = addressFromBigint(arg(0) & ((1n << 160n) - 1n));
        const g = quote(() => costs.selfdestruct!(!st.isWarmAddress!(to), st.balance!(this.address) !== 0n && st.isDead!(to)));
        return charge(SELFDESTRUCT_GAS, () => BigInt(g));
      }
      case CALL: {
        if (st.isWarmAddress === undefined || st.isDead === undefined || costs.callValue === undefined || n < 7) return null;
        const to = addressFromBigint(arg(1) & ((1n << 160n) - 1n));
        const cold = st.isWarmAddress(to) ? 0n : BigInt(quote(() => costs.accountAccess?.(true) ?? 0)) - WARM_ACCESS_GAS;
        return charge(WARM_ACCESS_GAS, (avail) => {
          const inMem = this.memorySize(arg(3), arg(4));
          const outMem = this.memorySize(arg(5), arg(6));
          if (inMem === null || outMem === null) return null;
          if (avail < cold) return GethError.outOfGas;
          const mem = this.memoryGas(0n, inMem > outMem ? inMem : outMem);
          if (mem === null || typeof mem === "string") return mem;
          const base = BigInt(quote(() => costs.callValue!(true, st.isDead!(to)))) + mem;
          // EIP-150: all but a 64th of what is left after the base, capped by the request.
          const left = avail - cold - base;
          const cap = left - left / 64n;
          const callGas = left < 0n || arg(0) < cap ? arg(0) : cap;
          return cold + base + callGas;
        });
      }
      default:
        if (s.op < LOG0 || s.op > LOG4 || n < 2 + s.op - LOG0) return null;
        return charge(0n, () => {
          const mem = this.memoryGas(arg(0), arg(1));
          if (mem === null || typeof mem === "string") return mem;
          return LOG_GAS + LOG_TOPIC_GAS * BigInt(s.op - LOG0) + LOG_DATA_GAS * arg(1) + mem;
        });
    }
  }

  /** geth's memory size of an (offset, length) operand pair: 0 for no bytes, null past 64 bits. */
  private memorySize(offset: bigint, len: bigint): bigint | null {
    if (len === 0n) return 0n;
    return offset + len >= U64 || len >= U64 ? null : offset + len;
  }

  /** geth's memory expansion gas to cover `len` bytes at `offset`: null past 64 bits, the gas function's error text past its limit. */
  private memoryGas(offset: bigint, len: bigint): bigint | string | null {
    const size = this.memorySize(offset, len);
    if (size === null) return null;
    if (size > MAX_MEMORY_SIZE) return GethError.gasUintOverflow;
    const words = (size + 31n) / 32n;
    const had = BigInt(this.pendingMemSize) / 32n;
    if (words <= had) return 0n;
    const cost = (w: bigint): bigint => 3n * w + (w * w) / 512n;
    return cost(words) - cost(had);
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
