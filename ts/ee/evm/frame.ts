/**
 * The EVM execution environment: drives one AS interpreter frame (as/evm/) through the
 * ExecutionEnvironment interface (ts/ee/ee.ts). It is the only TS code that knows what the frame
 * record and the call mailbox mean. On a call or create it applies what the EVM charges the
 * caller (EIP-2929 access, value transfer and new-account costs via the HostCostModel, the 63/64
 * rule of EIP-150, the 2,300 stipend) and yields the request to the runner. When the tracer wants
 * opcode steps, the frame runs through evmRunTraced and a FrameSteps (step-trace.ts).
 * @module
 */
import { wasm, type Wasm } from "../../wasm";
import type { Address } from "../../state/address";
import type {
  CallResult, DeploymentResult, ExecutionEnvironment, FrameLaunch, PreemptionPoint, Resources, WasmBytes,
} from "../ee";
import { ERGS_PER_GAS } from "../ee";
import { codeRecord, codeRecordFromMemory } from "./code-cache";
import type { FrameHost, HostFrame } from "./host";
import { evmLayout, type EvmLayout } from "./layout";
import { readAddress, readU256, writeAddress, writeU256, readBytes32 } from "./slots";
import { EvmStatus, evmStatusName } from "./status";
import { FrameSteps } from "./step-trace";

const CALL = 0xf1;
const CALLCODE = 0xf2;
const DELEGATECALL = 0xf4;
const CREATE2 = 0xf5;
const STATICCALL = 0xfa;

const CALL_STIPEND = 2300n;
const I64_MAX = (1n << 63n) - 1n;
/**
 * AS keeps ergs in an i64. Above ERGS_CAP the rest is held here as whole gas (`excessErgs`, a
 * multiple of 256) and mirrored into the frame's excess-gas field, so GAS still reports the total.
 */
const ERGS_CAP = I64_MAX - (I64_MAX % ERGS_PER_GAS) - ERGS_PER_GAS;
const NO_ADDRESS = "0x0000000000000000000000000000000000000000";

export class EvmFrame implements ExecutionEnvironment, HostFrame {
  readonly address: Address;
  readonly caller: Address;
  readonly value: bigint;
  readonly isStatic: boolean;
  readonly isConstructor: boolean;
  private readonly ptr: number;
  private readonly host: FrameHost;
  private readonly w: Wasm;
  private readonly l: EvmLayout;
  private excessErgs = 0n;
  /** Non-null only while a tracer wants opcode steps. */
  private readonly steps: FrameSteps | null;
  /** A traced CALL the caller could not afford: its ergs after geth's charges (step-trace.ts). */
  private callFailErgs = 0n;

  constructor(host: FrameHost, launch: FrameLaunch) {
    this.host = host;
    this.address = launch.address;
    this.caller = launch.caller;
    this.value = launch.value;
    this.isStatic = launch.isStatic;
    this.isConstructor = launch.isConstructor;
    const w = (this.w = wasm());
    const l = (this.l = evmLayout(w));
    const code = launch.code;
    const rec = code instanceof Uint8Array ? codeRecord(code) : codeRecordFromMemory(code);
    const e = w.exports;
    this.ptr = e.evmFrameCreate(rec, launch.isStatic ? l.flagStatic : 0);
    const data = launch.calldata;
    if (data instanceof Uint8Array) {
      const p = e.evmFrameAllocInput(this.ptr, data.length);
      if (w.viewsStale) w.refreshViews();
      if (data.length !== 0) w.u8.set(data, p);
    } else {
      e.evmFrameSetInput(this.ptr, data.ptr, data.len);
    }
    if (w.viewsStale) w.refreshViews();
    const f = this.ptr;
    writeAddress(w.u8, f + l.f.address, this.address);
    writeAddress(w.u8, f + l.f.caller, this.caller);
    writeU256(w.dv, f + l.f.value, this.value);
    this.setResources(launch.resources);
    const tracer = host.tracer;
    this.steps = tracer !== null && tracer.wantsSteps ? new FrameSteps(host, tracer, w, l, this.ptr, this.address, () => this.ergs()) : null;
  }

  start(): PreemptionPoint {
    return this.run();
  }

  continueAfterExternalCall(result: CallResult): PreemptionPoint {
    this.returnResources(result.resources);
    this.w.exports.evmCompleteCall(this.ptr, result.success ? 1 : 0);
    return this.run();
  }

  continueAfterDeployment(result: DeploymentResult): PreemptionPoint {
    this.returnResources(result.resources);
    const w = this.w;
    if (w.viewsStale) w.refreshViews();
    writeAddress(w.u8, this.l.callPtr + this.l.call.address, result.address ?? NO_ADDRESS);
    w.exports.evmCompleteCreate(this.ptr);
    return this.run();
  }

  release(): void {
    this.w.exports.evmFrameRelease(this.ptr);
  }

  // ---- resources

  private ergs(): bigint {
    return this.w.dv.getBigInt64(this.ptr + this.l.f.ergs, true) + this.excessErgs;
  }

  private setErgs(ergs: bigint): void {
    const inWasm = ergs > ERGS_CAP ? ERGS_CAP + (ergs % ERGS_PER_GAS) : ergs;
    this.excessErgs = ergs - inWasm;
    this.w.dv.setBigInt64(this.ptr + this.l.f.ergs, inWasm, true);
    this.w.dv.setBigUint64(this.ptr + this.l.f.excessGas, this.excessErgs / ERGS_PER_GAS, true);
  }

  private native(): bigint {
    return this.w.dv.getBigInt64(this.ptr + this.l.f.native, true);
  }

  private setNative(native: bigint): void {
    this.w.dv.setBigInt64(this.ptr + this.l.f.native, native > I64_MAX ? I64_MAX : native, true);
  }

  private setResources(r: Resources): void {
    this.setErgs(r.ergs);
    this.setNative(r.native);
  }

  /** Adds back what a callee left: unused ergs on top of ours, and the native we handed over. */
  private returnResources(r: Resources): void {
    const w = this.w;
    if (w.viewsStale) w.refreshViews();
    this.setErgs(this.ergs() + r.ergs);
    this.setNative(r.native);
  }

  // ---- running

  private run(): PreemptionPoint {
    const w = this.w;
    this.host.frame = this;
    if (this.steps !== null) return this.runTraced(this.steps);
    const status = w.exports.evmRun(this.ptr);
    if (w.viewsStale) w.refreshViews();
    return this.yielded(status);
  }

  /** run() reporting opcode steps; each step is complete before the runner sees the yield. */
  private runTraced(steps: FrameSteps): PreemptionPoint {
    const w = this.w;
    const status = steps.run();
    if (w.viewsStale) w.refreshViews();
    if (status >= EvmStatus.FirstError) {
      steps.finish({ ergsAfter: steps.failErgs(), status });
      return this.yielded(status);
    }
    if (status === EvmStatus.NeedsCall) {
      const point = this.callRequest();
      if (point.kind === "end") steps.finish({ ergsAfter: this.callFailErgs, status: EvmStatus.OutOfGas });
      else steps.finish({ ergsAfter: this.ergs(), status: 0 });
      return point;
    }
    steps.finish({ ergsAfter: this.ergs(), status: 0 });
    return this.yielded(status);
  }

  private yielded(status: number): PreemptionPoint {
    switch (status) {
      case EvmStatus.NeedsCall: return this.callRequest();
      case EvmStatus.NeedsCreate: return this.deploymentRequest();
      case EvmStatus.Stop:
      case EvmStatus.Selfdestruct:
        return this.end("success", false, undefined);
      case EvmStatus.Return: return this.end("success", true, undefined);
      case EvmStatus.Revert: return this.end("revert", true, undefined);
      default: return this.end("error", false, evmStatusName(status));
    }
  }

  private end(status: "success" | "revert" | "error", hasOutput: boolean, error: string | undefined): PreemptionPoint {
    const w = this.w;
    w.exports.evmFrameOutputToReturnData(this.ptr, hasOutput ? 1 : 0);
    if (w.viewsStale) w.refreshViews();
    const ergs = status === "error" ? 0n : this.ergs();
    return { kind: "end", status, error, resources: { ergs, native: this.native() } };
  }

  /** Fails this frame with an exceptional halt found on the TS side (out of gas for a call's costs). */
  private halt(status: EvmStatus): PreemptionPoint {
    this.setErgs(0n);
    return this.end("error", false, evmStatusName(status));
  }

  /** Takes the ergs a callee may get: all but one 64th of what is left (EIP-150), on whole gas. */
  private static allButOne64th(ergs: bigint): bigint {
    return ergs - (ergs / ERGS_PER_GAS / 64n) * ERGS_PER_GAS;
  }

  private callRequest(): PreemptionPoint {
    const w = this.w;
    const l = this.l;
    const box = l.callPtr;
    const op = w.dv.getUint32(box + l.call.kind, true);
    const requestedGas = w.dv.getBigUint64(box + l.call.gas, true);
    const target = readAddress(w.u8, box + l.call.address);
    const value = op === CALL || op === CALLCODE ? readU256(w.dv, box + l.call.value) : 0n;
    const calldata: WasmBytes = { ptr: w.dv.getUint32(box + l.call.inPtr, true), len: w.dv.getUint32(box + l.call.inLen, true) };

    const state = this.host.state;
    const costs = this.host.costs;
    const cold = state.warmAddress(target);
    let gas = costs.accountAccess(cold);
    let native = costs.native;
    gas += costs.callValue(value !== 0n, op === CALL && value !== 0n && state.isDead(target));
    native += costs.native;
    let ergs = this.ergs() - BigInt(gas) * ERGS_PER_GAS;
    let nativeLeft = this.native() - BigInt(native);
    if (ergs < 0n || nativeLeft < 0n) {
      // geth's CALL gas function adds the requested gas before it compares with the gas left.
      if (this.steps !== null) this.callFailErgs = ergs - requestedGas * ERGS_PER_GAS;
      if (nativeLeft >= 0n) return this.halt(EvmStatus.OutOfGas);
      this.setNative(0n);
      return this.halt(EvmStatus.OutOfNative);
    }
    const cap = EvmFrame.allButOne64th(ergs);
    const requested = requestedGas * ERGS_PER_GAS;
    let passed = requested < cap ? requested : cap;
    ergs -= passed;
    if (value !== 0n) passed += CALL_STIPEND * ERGS_PER_GAS;
    this.setErgs(ergs);
    this.setNative(0n);
    const resources = { ergs: passed, native: nativeLeft };
    switch (op) {
      case CALL:
        return { kind: "call", scheme: "call", codeAddress: target, address: target, caller: this.address, value,
          transfersValue: true, isStatic: this.isStatic, calldata, resources };
      case CALLCODE:
        return { kind: "call", scheme: "callcode", codeAddress: target, address: this.address, caller: this.address,
          value, transfersValue: false, isStatic: this.isStatic, calldata, resources };
      case DELEGATECALL:
        return { kind: "call", scheme: "delegatecall", codeAddress: target, address: this.address, caller: this.caller,
          value: this.value, transfersValue: false, isStatic: this.isStatic, calldata, resources };
      case STATICCALL:
        return { kind: "call", scheme: "staticcall", codeAddress: target, address: target, caller: this.address,
          value: 0n, transfersValue: false, isStatic: true, calldata, resources };
      default:
        throw new Error(`zkos: EVM call mailbox holds unknown opcode 0x${op.toString(16)}`);
    }
  }

  private deploymentRequest(): PreemptionPoint {
    const w = this.w;
    const l = this.l;
    const box = l.callPtr;
    const op = w.dv.getUint32(box + l.call.kind, true);
    const value = readU256(w.dv, box + l.call.value);
    const initcode: WasmBytes = { ptr: w.dv.getUint32(box + l.call.inPtr, true), len: w.dv.getUint32(box + l.call.inLen, true) };
    let create2: { salt: Uint8Array; initcodeHash: Uint8Array } | null = null;
    if (op === CREATE2) {
      const salt = readBytes32(w.u8, box + l.call.salt);
      const out = w.outPtr;
      w.exports.keccakHash(initcode.ptr, initcode.len, out);
      if (w.viewsStale) w.refreshViews();
      create2 = { salt, initcodeHash: w.u8.slice(out, out + 32) };
    }
    const ergs = this.ergs();
    const passed = EvmFrame.allButOne64th(ergs);
    this.setErgs(ergs - passed);
    const native = this.native();
    this.setNative(0n);
    return { kind: "deploy", deployer: this.address, value, initcode, create2, resources: { ergs: passed, native } };
  }
}
