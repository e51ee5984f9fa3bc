/**
 * The call stack of execution-environment frames (zksync-os bootloader/runner.rs): runs a message
 * to completion by turning each preemption point into a new frame (or a precompile call) and each
 * end into the caller's continuation; BaseRunner holds that loop for every profile. Every frame
 * runs inside a state snapshot that its failure reverts. Depth is limited to 1024 below the top
 * frame; a failed call attempt (depth, balance) returns the caller its resources. Runner holds the
 * message-level rules of Cancun (`ethereum` profile): value transfer,
 * EIP-161 account touching, CREATE nonce and address (EIP-2681, EIP-1014), EIP-2929 warming of
 * the new address, collisions (EIP-684, EIP-7610), EIP-170 code size, EIP-3541 0xEF prefix and
 * the 200 gas/byte code deposit.
 * @module
 */
import { wasm } from "../wasm";
import type { WorldState } from "../state/world-state";
import { smallAddressNumber, type Address } from "../state/address";
import type { Precompile } from "../hooks/precompiles/types";
import {
  ERGS_PER_GAS, UNLIMITED_NATIVE, type DeploymentRequest, type ExecutionEnvironment, type ExecutionEnd,
  type ExternalCallRequest, type PreemptionPoint, type Resources, type WasmBytes,
} from "../ee/ee";
import { EvmFrame } from "../ee/evm/frame";
import { EvmHost, type FrameHost } from "../ee/evm/host";
import { EthereumCostModel, type HostCostModel } from "../ee/evm/cost-model";
import { writeEnvironment, type BlockContext, type TxContext } from "../ee/evm/context";
import { trimCodeCache } from "../ee/evm/code-cache";
import { createAddress, create2Address } from "../ee/evm/create-address";
import type { ExecutionTracer } from "../tracing/tracer";
import type { CallFrameType } from "../tracing/call-tracer";
import { gethFrameError } from "../tracing/geth-errors";

/** EIP-170. */
export const MAX_CODE_SIZE = 24576;
/** Frames below the top-level one. */
export const MAX_CALL_DEPTH = 1024;
const CODE_DEPOSIT_GAS = 200n;
const MAX_NONCE = (1n << 64n) - 1n;
const NO_ADDRESS: Address = "0x0000000000000000000000000000000000000000";

/** A top-level message: a call (`to` set) or a creation (`to` null). */
export interface Message {
  caller: Address;
  to: Address | null;
  value: bigint;
  /** Calldata, or the initcode of a creation. */
  data: Uint8Array;
  /** Gas given to the message (after intrinsic gas). */
  gas: bigint;
  /** Native resource; unlimited when omitted (the `ethereum` profile). */
  native?: bigint;
  isStatic?: boolean;
  /**
   * A creation's address. A transaction creating a contract passes the address derived from the
   * sender's nonce before the transaction incremented it; when omitted, the runner increments the
   * caller's nonce and derives the address itself (as CREATE does).
   */
  createAddress?: Address;
}

export type MessageStatus = "success" | "revert" | "error";

export interface MessageResult {
  status: MessageStatus;
  /** Why an "error" happened: an EVM halt (OutOfGas, ...) or a message rule (CreateCollision, ...). */
  error: string | undefined;
  gasLeft: bigint;
  /** Native left (UNLIMITED_NATIVE minus use when unlimited). */
  nativeLeft: bigint;
  /** RETURN or REVERT data of the top frame (empty for a successful creation). */
  returnData: Uint8Array;
  /** The created contract, for a successful creation. */
  createdAddress: Address | null;
}

export interface RunnerOptions {
  state: WorldState;
  block: BlockContext;
  tx: TxContext;
  /** State-access costs; EthereumCostModel by default. */
  costModel?: HostCostModel;
  /** Precompiles by address number (ts/hooks/precompiles/registry.ts `precompilesFor`). */
  precompiles?: ReadonlyMap<number, Precompile>;
}

/** A callee's completion as its caller receives it. */
export interface Completion {
  success: boolean;
  error: string | undefined;
  resources: Resources;
  createdAddress: Address | null;
}

/** The top frame's completion and its RETURN/REVERT data. */
export interface TopCompletion {
  completion: Completion;
  returnData: Uint8Array;
}

/** A running frame; `snapshot` is whatever the profile's state reverts it with. */
export interface StackEntry<Snapshot> {
  ee: ExecutionEnvironment;
  snapshot: Snapshot;
  /** Set for a constructor frame: the address being deployed. */
  deploying: Address | null;
}

/**
 * The call-stack loop every profile shares (zksync-os runner.rs): preemption points become new
 * frames or completions, ends become the caller's continuation. A subclass supplies the message
 * rules of its profile and the state behind them: Runner below (`ethereum`, WorldState) and
 * ZkRunner (ts/bootloader/zk-runner.ts, the ZKsync OS IO and system hooks).
 */
export abstract class BaseRunner<Snapshot> {
  readonly host: FrameHost;
  protected readonly stack: StackEntry<Snapshot>[] = [];
  /** The top frame's completion, once it is known. */
  private done: Completion | undefined;
  /** While tracing: the gas each open traced frame started with (geth's startGas). */
  private readonly traceStartGas: bigint[] = [];
  /** While tracing: a finished constructor's returned code, the output its exit reports. */
  protected traceOutput: Uint8Array | null = null;

  protected constructor(host: FrameHost) {
    this.host = host;
  }

  /**
   * Attaches a tracer to the next messages (null detaches it). Without one, the runner and the
   * hosts skip every tracing branch: one null test per frame and per state access.
   */
  setTracer(tracer: ExecutionTracer | null): void {
    this.host.tracer = tracer;
    this.host.traceDepth = 0;
    this.traceStartGas.length = 0;
  }

  /** Sets the transaction context for the next messages (ORIGIN, GASPRICE, BLOBHASH). */
  setTx(tx: TxContext): void {
    this.host.tx = tx;
  }

  /** Starts a call frame, or completes the call at once (precompile, hook, empty account, failure). */
  protected abstract beginCall(req: ExternalCallRequest, calldata: Uint8Array | WasmBytes): PreemptionPoint | undefined;
  /** Starts a constructor frame for CREATE/CREATE2, or fails the deployment at once. */
  protected abstract beginCreate(req: DeploymentRequest): PreemptionPoint | undefined;
  /** Pops the ended top frame, settles its state changes and delivers its completion. */
  protected abstract endFrame(end: ExecutionEnd): PreemptionPoint | undefined;

  /**
   * Runs the call stack from the top frame's start (`begin`) until the top frame completed.
   * Not re-entrant. On an exception every frame is released before it propagates.
   */
  protected drive(begin: () => PreemptionPoint | undefined): TopCompletion {
    if (this.stack.length !== 0) throw new Error("zkos: Runner.run is not re-entrant");
    trimCodeCache();
    writeEnvironment(this.host.block, this.host.tx);
    this.host.install();
    this.done = undefined;
    try {
      let point = begin();
      while (point !== undefined) point = this.step(point);
    } catch (e) {
      while (this.stack.length > 0) this.stack.pop()!.ee.release();
      wasm().exports.evmFramesReset();
      throw e;
    }
    const w = wasm();
    if (w.viewsStale) w.refreshViews();
    const rdPtr = w.exports.evmReturnDataPtr();
    return { completion: this.done!, returnData: w.u8.slice(rdPtr, rdPtr + w.exports.evmReturnDataLen()) };
  }

  /**
   * Handles one preemption point; returns the next one of whichever frame runs next, or
   * undefined once the top frame completed (its completion is then in `done`).
   */
  private step(point: PreemptionPoint): PreemptionPoint | undefined {
    switch (point.kind) {
      case "call":
        if (this.host.tracer !== null) this.traceCall(point);
        return this.beginCall(point, point.calldata);
      case "deploy":
        if (this.host.tracer !== null) this.traceCreate(point);
        return this.beginCreate(point);
      case "end": return this.endFrame(point);
    }
  }

  /**
   * Opens a traced frame. geth reports a DELEGATECALL or CALLCODE as coming from the calling
   * contract (the callee's storage context) and going to the code it runs.
   */
  protected traceEnter(type: CallFrameType, from: Address, to: Address, value: bigint | null, ergs: bigint, input: Uint8Array | WasmBytes): void {
    const gas = ergs / ERGS_PER_GAS;
    this.traceStartGas.push(gas);
    this.host.traceDepth++;
    const tracer = this.host.tracer!;
    tracer.touchAccount(to);
    tracer.enter(type, from, to, value, gas, ownBytes(input));
  }

  private traceCall(req: ExternalCallRequest): void {
    const s = req.scheme;
    const type: CallFrameType = s === "call" ? "CALL" : s === "staticcall" ? "STATICCALL" : s === "delegatecall" ? "DELEGATECALL" : "CALLCODE";
    const from = s === "delegatecall" || s === "callcode" ? req.address : req.caller;
    this.traceEnter(type, from, req.codeAddress, s === "staticcall" ? null : req.value, req.resources.ergs, req.calldata);
  }

  /** The address a CREATE/CREATE2 would deploy to, computed before the attempt as geth does. */
  private traceCreate(req: DeploymentRequest): void {
    let address: Address;
    let type: CallFrameType;
    if (req.create2 === null) {
      const nonce = this.traceNonce(req.deployer);
      address = nonce === null ? NO_ADDRESS : createAddress(req.deployer, nonce);
      type = "CREATE";
    } else {
      address = create2Address(req.deployer, req.create2.salt, req.create2.initcodeHash);
      type = "CREATE2";
    }
    this.traceEnter(type, req.deployer, address, req.value, req.resources.ergs, req.initcode);
    this.host.tracer!.markCreated(address);
  }

  /**
   * The deployer's nonce for a traced CREATE's address, read without side effects; null when the
   * profile's state cannot be read for free (ZKsync OS IO charges every read), and the frame is
   * then reported with the zero address.
   */
  protected traceNonce(_deployer: Address): bigint | null {
    return null;
  }

  /** Closes the innermost traced frame with its completion. */
  private traceExit(c: Completion): void {
    const start = this.traceStartGas.pop() ?? 0n;
    this.host.traceDepth--;
    let output = this.traceOutput;
    this.traceOutput = null;
    if (output === null) {
      const w = wasm();
      if (w.viewsStale) w.refreshViews();
      const ptr = w.exports.evmReturnDataPtr();
      output = w.u8.slice(ptr, ptr + w.exports.evmReturnDataLen());
    }
    const left = c.resources.ergs / ERGS_PER_GAS;
    this.host.tracer!.exit(start - left, output, gethFrameError(c.error, c.success), c.createdAddress);
  }

  /** Delivers a completion to the running frame, or records it when no frame is left. */
  protected deliver(c: Completion, isDeployment: boolean): PreemptionPoint | undefined {
    if (this.host.tracer !== null) this.traceExit(c);
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) {
      this.done = c;
      return undefined;
    }
    return isDeployment
      ? parent.ee.continueAfterDeployment({ address: c.success ? c.createdAddress : null, resources: c.resources })
      : parent.ee.continueAfterExternalCall({ success: c.success, resources: c.resources });
  }

  /** Replaces the shared return-data buffer (null: empty). */
  protected setReturnData(bytes: Uint8Array | null): void {
    const w = wasm();
    const len = bytes === null ? 0 : bytes.length;
    const ptr = w.exports.evmReturnDataReserve(len);
    if (len !== 0) {
      if (w.viewsStale) w.refreshViews();
      w.u8.set(bytes!, ptr);
    }
  }
}

/** The `ethereum` profile's runner: Cancun message rules over a WorldState. */
export class Runner extends BaseRunner<number> {
  readonly state: WorldState;
  private readonly precompiles: ReadonlyMap<number, Precompile>;

  constructor(opts: RunnerOptions) {
    super(new EvmHost(opts.state, opts.costModel ?? new EthereumCostModel(), opts.block, opts.tx));
    this.state = opts.state;
    this.precompiles = opts.precompiles ?? new Map();
  }

  /**
   * Runs a message to completion in the current transaction of the state. State changes of a
   * failed message are reverted; its warm sets and substate otherwise stay in the transaction.
   */
  run(msg: Message): MessageResult {
    const resources = { ergs: msg.gas * ERGS_PER_GAS, native: msg.native ?? UNLIMITED_NATIVE };
    if (this.host.tracer !== null) this.traceTop(msg);
    const { completion: done, returnData } = this.drive(() => {
      if (msg.to === null) return this.beginTopDeployment(msg, resources);
      const req: ExternalCallRequest = {
        kind: "call", scheme: "call", codeAddress: msg.to, address: msg.to, caller: msg.caller, value: msg.value,
        transfersValue: true, isStatic: msg.isStatic ?? false, calldata: { ptr: 0, len: 0 }, resources,
      };
      return this.beginCall(req, msg.data);
    });
    const reverted = done.error === "Revert";
    return {
      status: done.success ? "success" : reverted ? "revert" : "error",
      error: done.success || reverted ? undefined : done.error,
      gasLeft: done.resources.ergs / ERGS_PER_GAS,
      nativeLeft: done.resources.native,
      returnData,
      createdAddress: done.createdAddress,
    };
  }

  /** Opens the top traced frame: the transaction's call, or its creation at the address it will get. */
  private traceTop(msg: Message): void {
    const ergs = msg.gas * ERGS_PER_GAS;
    if (msg.to !== null) {
      this.traceEnter("CALL", msg.caller, msg.to, msg.value, ergs, msg.data);
      return;
    }
    const address = msg.createAddress ?? createAddress(msg.caller, this.state.nonce(msg.caller));
    this.traceEnter("CREATE", msg.caller, address, msg.value, ergs, msg.data);
    this.host.tracer!.markCreated(address);
  }

  protected override traceNonce(deployer: Address): bigint {
    return this.state.nonce(deployer);
  }

  private beginTopDeployment(msg: Message, res: Resources): PreemptionPoint | undefined {
    if (this.state.balance(msg.caller) < msg.value) {
      this.setReturnData(null);
      return this.deliver(failure("InsufficientBalance", res), true);
    }
    const address = msg.createAddress ?? this.bumpNonceForCreate(msg.caller);
    if (address === null) {
      this.setReturnData(null);
      return this.deliver(failure("NonceOverflow", res), true);
    }
    return this.beginDeployment(msg.caller, msg.value, msg.data, address, res);
  }

  protected override beginCall(req: ExternalCallRequest, calldata: Uint8Array | WasmBytes): PreemptionPoint | undefined {
    const state = this.state;
    const res = req.resources;
    if (this.stack.length > MAX_CALL_DEPTH) {
      this.setReturnData(null);
      return this.deliver(failure("CallDepthExceeded", res), false);
    }
    // CALLCODE moves no value (it would go to the caller itself) but must be able to afford it.
    const paysValue = (req.scheme === "call" || req.scheme === "callcode") && req.value !== 0n;
    if (paysValue && state.balance(req.caller) < req.value) {
      this.setReturnData(null);
      return this.deliver(failure("InsufficientBalance", res), false);
    }
    const precompile = this.precompileAt(req.codeAddress);
    const snapshot = state.snapshot();
    if (!state.exists(req.address)) {
      // EIP-161: a value-less CALL to a missing account neither creates nor touches it.
      if (req.scheme === "call" && req.value === 0n && precompile === undefined) {
        this.setReturnData(null);
        return this.deliver(success(res, null), false);
      }
      state.ensureAccount(req.address);
    }
    if (req.transfersValue && req.value !== 0n) {
      state.subBalance(req.caller, req.value);
      state.addBalance(req.address, req.value);
    } else if (req.scheme === "call" || req.scheme === "staticcall") {
      state.touch(req.address);
    }
    if (precompile !== undefined) return this.deliver(this.runPrecompile(precompile, calldata, res, snapshot), false);
    const code = state.code(req.codeAddress);
    if (code.length === 0) {
      this.setReturnData(null);
      return this.deliver(success(res, null), false);
    }
    const ee = new EvmFrame(this.host, {
      address: req.address, caller: req.caller, value: req.value, code, calldata, isStatic: req.isStatic,
      isConstructor: false, resources: res,
    });
    this.stack.push({ ee, snapshot, deploying: null });
    return ee.start();
  }

  private runPrecompile(p: Precompile, calldata: Uint8Array | WasmBytes, res: Resources, snapshot: number): Completion {
    const gas = res.ergs / ERGS_PER_GAS;
    const r = p.run(ownBytes(calldata), gas);
    const native = res.native - r.native;
    if (!r.ok || native < 0n) {
      this.state.revert(snapshot);
      this.setReturnData(null);
      return failure(native < 0n ? "OutOfNative" : "PrecompileFailure", { ergs: 0n, native: native < 0n ? 0n : native });
    }
    this.setReturnData(r.output);
    return success({ ergs: res.ergs - r.gasUsed * ERGS_PER_GAS, native }, null);
  }

  private precompileAt(a: Address): Precompile | undefined {
    if (this.precompiles.size === 0) return undefined;
    const n = smallAddressNumber(a);
    return n < 0 ? undefined : this.precompiles.get(n);
  }

  /** CREATE's nonce step: increments the caller's nonce; the address, or null on overflow (EIP-2681). */
  private bumpNonceForCreate(deployer: Address): Address | null {
    const nonce = this.state.nonce(deployer);
    if (nonce >= MAX_NONCE) return null;
    this.state.setNonce(deployer, nonce + 1n);
    return createAddress(deployer, nonce);
  }

  protected override beginCreate(req: DeploymentRequest): PreemptionPoint | undefined {
    const state = this.state;
    const res = req.resources;
    if (this.stack.length > MAX_CALL_DEPTH) {
      this.setReturnData(null);
      return this.deliver(failure("CallDepthExceeded", res), true);
    }
    if (state.balance(req.deployer) < req.value) {
      this.setReturnData(null);
      return this.deliver(failure("InsufficientBalance", res), true);
    }
    let address: Address | null;
    if (req.create2 === null) address = this.bumpNonceForCreate(req.deployer);
    else {
      const nonce = state.nonce(req.deployer);
      address = nonce >= MAX_NONCE ? null : create2Address(req.deployer, req.create2.salt, req.create2.initcodeHash);
      if (address !== null) state.setNonce(req.deployer, nonce + 1n);
    }
    if (address === null) {
      this.setReturnData(null);
      return this.deliver(failure("NonceOverflow", res), true);
    }
    return this.beginDeployment(req.deployer, req.value, req.initcode, address, res);
  }

  private beginDeployment(
    deployer: Address, value: bigint, initcode: Uint8Array | WasmBytes, address: Address,
    res: Resources,
  ): PreemptionPoint | undefined {
    const state = this.state;
    state.warmAddress(address);
    const existing = state.account(address);
    if (existing !== undefined && (existing.nonce !== 0n || existing.code.length !== 0 || existing.storage.size !== 0)) {
      this.setReturnData(null);
      return this.deliver(failure("CreateCollision", { ergs: 0n, native: res.native }), true);
    }
    const snapshot = state.snapshot();
    state.ensureAccount(address);
    state.setNonce(address, 1n);
    state.markCreated(address);
    if (value !== 0n) {
      state.subBalance(deployer, value);
      state.addBalance(address, value);
    }
    const ee = new EvmFrame(this.host, {
      address, caller: deployer, value, code: initcode, calldata: new Uint8Array(0), isStatic: false,
      isConstructor: true, resources: res,
    });
    this.stack.push({ ee, snapshot, deploying: address });
    return ee.start();
  }

  protected override endFrame(end: ExecutionEnd): PreemptionPoint | undefined {
    const entry = this.stack.pop()!;
    entry.ee.release();
    const state = this.state;
    if (entry.deploying === null) {
      if (end.status !== "success") state.revert(entry.snapshot);
      const c = end.status === "success" ? success(end.resources, null)
        : failure(end.status === "revert" ? "Revert" : end.error!, end.resources);
      return this.deliver(c, false);
    }
    if (end.status !== "success") {
      state.revert(entry.snapshot);
      return this.deliver(failure(end.status === "revert" ? "Revert" : end.error!, end.resources), true);
    }
    if (this.host.tracer !== null) {
      const w = wasm();
      if (w.viewsStale) w.refreshViews();
      const ptr = w.exports.evmReturnDataPtr();
      this.traceOutput = w.u8.slice(ptr, ptr + w.exports.evmReturnDataLen());
    }
    const c = this.depositCode(entry.deploying, end.resources);
    if (!c.success) state.revert(entry.snapshot);
    this.setReturnData(null);
    return this.deliver(c, true);
  }

  /** Stores the constructor's output as the contract's code (EIP-170, EIP-3541, 200 gas per byte). */
  private depositCode(address: Address, res: Resources): Completion {
    const w = wasm();
    if (w.viewsStale) w.refreshViews();
    const ptr = w.exports.evmReturnDataPtr();
    const len = w.exports.evmReturnDataLen();
    const out = { ergs: 0n, native: res.native };
    if (len > MAX_CODE_SIZE) return failure("CodeSizeLimit", out);
    if (len > 0 && w.u8[ptr] === 0xef) return failure("InvalidCodePrefix", out);
    const cost = BigInt(len) * CODE_DEPOSIT_GAS * ERGS_PER_GAS;
    if (res.ergs < cost) return failure("CodeDepositOutOfGas", out);
    this.state.setCode(address, w.u8.slice(ptr, ptr + len));
    return success({ ergs: res.ergs - cost, native: res.native }, address);
  }
}

/** Bytes in TS memory: as given, or copied out of the WASM memory they sit in. */
function ownBytes(data: Uint8Array | WasmBytes): Uint8Array {
  if (data instanceof Uint8Array) return data;
  const w = wasm();
  if (w.viewsStale) w.refreshViews();
  return w.u8.slice(data.ptr, data.ptr + data.len);
}

function success(resources: Resources, createdAddress: Address | null): Completion {
  return { success: true, error: undefined, resources, createdAddress };
}

/** A failed completion; attempts that never ran (depth, balance, nonce) keep their resources. */
function failure(error: string, resources: Resources): Completion {
  return { success: false, error, resources, createdAddress: null };
}
