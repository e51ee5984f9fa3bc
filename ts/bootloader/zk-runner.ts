/**
 * The message rules of the ZKsync OS profiles on the shared call-stack loop (BaseRunner,
 * runner.ts), after basic_bootloader runner.rs and evm_interpreter ee_trait_impl.rs at 0a82da0
 * (zksync-os-reference.md §1.3–§1.5, §6.1, §8): state behind the IO subsystem, every frame in an IO
 * frame; kernel-space calls (< 0x10000) go to the system hooks; the callee read and value costs
 * are the caller's; a value transfer happens inside the callee's frame; code-less callees succeed
 * before the depth check (> 1024 fails); CREATE bumps the deployer's nonce (CREATE2 too) before
 * the collision check (nonce ≠ 0 or code ≠ 0 only); the constructor sees nonce 1; 6 native per
 * byte of code analysed per frame; out of native anywhere throws OUT_OF_NATIVE (the transaction
 * aborts).
 * @module
 */
import { wasm } from "../wasm";
import { smallAddressNumber, type Address } from "../state/address";
import type { IOExt, IOSnapshot, ExecutionEnvironmentType } from "../system/io";
import { NUMERIC_BOUNDS } from "../system/io";
import { OUT_OF_ERGS, OUT_OF_NATIVE, Resources, apply6364Rule } from "../system/resources";
import { keccak256NativeCost } from "../system/io-subsystem";
import { EE_TYPE_EVM, EE_TYPE_NONE } from "../storage/account-properties";
import type { AccountWithBytecode } from "../storage/account-cache";
import { InternalBlockError } from "../zksync/validation-errors";
import { MAX_CODE_SIZE, SPECIAL_ADDRESS_SPACE_BOUND } from "../zksync/constants";
import {
  UNLIMITED_NATIVE, type DeploymentRequest, type ExecutionEnd, type ExternalCallRequest, type PreemptionPoint,
  type Resources as EeResources, type WasmBytes,
} from "../ee/ee";
import { EvmFrame } from "../ee/evm/frame";
import { ZkEvmHost } from "../ee/evm/zk-host";
import type { BlockContext, TxContext } from "../ee/evm/context";
import { createAddress, create2Address } from "../ee/evm/create-address";
import type { HookTable } from "../hooks/hooks";
import { BaseRunner, MAX_CALL_DEPTH, type Completion, type TopCompletion } from "./runner";

/** `BYTECODE_PREPROCESSING_BYTE_NATIVE_COST`: jump-destination analysis at every frame start. */
export const BYTECODE_PREPROCESSING_BYTE_NATIVE_COST = 6;
const EMPTY = new Uint8Array(0);

export interface ZkRunnerOptions {
  io: IOExt;
  block: BlockContext;
  tx: TxContext;
  hooks: HookTable;
  /** Feature `code_in_kernel_space`: only kernel-space addresses with a hook are special. */
  codeInKernelSpace: boolean;
}

/** A top-level call (`run_single_interaction` after its caller read). */
export interface ZkTopCall {
  caller: Address;
  callee: Address;
  value: bigint;
  calldata: Uint8Array;
  isStatic: boolean;
  /** The caller's EE type (NoEE for an account without code): how the callee is read and what hooks see. */
  callerEe: ExecutionEnvironmentType;
}

/** A top-level deployment (`process_deployment`). */
export interface ZkTopDeployment {
  deployer: Address;
  value: bigint;
  initcode: Uint8Array;
  /** The nonce the address derives from; when null, the deployer's nonce is incremented here (as CREATE does). */
  nonce: bigint | null;
}

/** A top frame's completion, with the revert reason when a hook answered the top-level call. */
export interface ZkTopCompletion extends TopCompletion {
  hookReason: string | undefined;
}

/** The ZKsync OS runner over one block's IO. Not re-entrant. */
export class ZkRunner extends BaseRunner<IOSnapshot> {
  readonly io: IOExt;
  private readonly zkHost: ZkEvmHost;
  private readonly hooks: HookTable;
  private readonly codeInKernelSpace: boolean;
  /** `initial_ee_version`: the EE type hooks called by the top-level request see. */
  private topEe: ExecutionEnvironmentType = EE_TYPE_NONE;
  /** The reason of the last hook revert that completed the top-level call. */
  private hookReason: string | undefined;

  constructor(opts: ZkRunnerOptions) {
    const host = new ZkEvmHost(opts.io, opts.block, opts.tx);
    super(host);
    this.zkHost = host;
    this.io = opts.io;
    this.hooks = opts.hooks;
    this.codeInKernelSpace = opts.codeInKernelSpace;
  }

  /**
   * Runs a top-level call on `resources` (the entry frame: the callee read costs native only, all
   * ergs go to the callee). @throws OUT_OF_NATIVE, InternalBlockError
   */
  call(c: ZkTopCall, resources: EeResources): ZkTopCompletion {
    this.topEe = c.callerEe;
    this.hookReason = undefined;
    const top = this.drive(() => {
      const sys = toSys(resources);
      const callee = sys.withInfiniteErgs((r) => this.io.readAccountWithBytecode(c.callerEe, r, c.callee));
      const req: ExternalCallRequest = {
        kind: "call", scheme: "call", codeAddress: c.callee, address: c.callee, caller: c.caller, value: c.value,
        transfersValue: true, isStatic: c.isStatic, calldata: { ptr: 0, len: 0 }, resources: fromSys(sys, resources),
      };
      if (this.host.tracer !== null) this.traceEnter(c.isStatic ? "STATICCALL" : "CALL", c.caller, c.callee, c.isStatic ? null : c.value, req.resources.ergs, c.calldata);
      return this.startCall(req, c.calldata, callee, true);
    });
    return { completion: top.completion, returnData: top.returnData, hookReason: this.hookReason };
  }

  /**
   * Runs a top-level deployment on `resources` (the entry frame: the constructor gets every erg,
   * but a collision still burns the 63/64 share). @throws OUT_OF_NATIVE, InternalBlockError
   */
  deploy(d: ZkTopDeployment, resources: EeResources): ZkTopCompletion {
    this.topEe = EE_TYPE_EVM;
    this.hookReason = undefined;
    if (this.host.tracer !== null) {
      // A creating transaction's address comes from its nonce; without one (never for a
      // transaction) the traced frame names the zero address.
      const address = d.nonce === null ? "0x0000000000000000000000000000000000000000" : createAddress(d.deployer, d.nonce);
      this.traceEnter("CREATE", d.deployer, address, d.value, resources.ergs, d.initcode);
      this.host.tracer.markCreated(address);
    }
    const top = this.drive(() => this.prepareDeployment(d.deployer, d.value, d.initcode, null, d.nonce, resources, true));
    return { completion: top.completion, returnData: top.returnData, hookReason: undefined };
  }

  protected override beginCall(req: ExternalCallRequest, calldata: Uint8Array | WasmBytes): PreemptionPoint | undefined {
    return this.startCall(req, calldata, this.zkHost.state.take(req.codeAddress), false);
  }

  protected override beginCreate(req: DeploymentRequest): PreemptionPoint | undefined {
    return this.prepareDeployment(req.deployer, req.value, req.initcode, req.create2, null, req.resources, false);
  }

  protected override endFrame(end: ExecutionEnd): PreemptionPoint | undefined {
    const entry = this.stack.pop()!;
    entry.ee.release();
    if (end.error === "OutOfNative") throw OUT_OF_NATIVE;
    const failed = end.status !== "success";
    const error = end.status === "revert" ? "Revert" : end.error;
    if (entry.deploying === null) {
      this.io.finishIoFrame(entry.snapshot, failed);
      return this.deliver(failed ? failure(error!, end.resources) : success(end.resources, null), false);
    }
    if (failed) {
      this.io.finishIoFrame(entry.snapshot, true);
      return this.deliver(failure(error!, end.resources), true);
    }
    return this.deliver(this.depositCode(entry.deploying, entry.snapshot, end.resources), true);
  }

  /** True when a call to `a` goes to the hook table instead of running code (§1.5 kernel-space rule). */
  private isSpecial(a: Address): boolean {
    const n = smallAddressNumber(a);
    if (n < 0 || n >= SPECIAL_ADDRESS_SPACE_BOUND) return false;
    return !this.codeInKernelSpace || this.hooks.has(n);
  }

  /** Completes a call without a frame. */
  private complete(c: Completion, returnData: Uint8Array | null): PreemptionPoint | undefined {
    this.setReturnData(returnData);
    return this.deliver(c, false);
  }

  /**
   * The callee's side of a call, from the transfer on (runner.rs `handle_requested_external_call`):
   * the callee read and the caller's costs were charged already.
   */
  private startCall(req: ExternalCallRequest, calldata: Uint8Array | WasmBytes, callee: AccountWithBytecode, isEntry: boolean): PreemptionPoint | undefined {
    const special = this.isSpecial(req.codeAddress);
    const snapshot = this.io.startIoFrame();
    const sys = toSys(req.resources);
    // CALLCODE moves the value from the caller to itself: a no-op that still needs the balance.
    if (req.value !== 0n && (req.scheme === "call" || req.scheme === "callcode")) {
      try {
        sys.withInfiniteErgs((r) => this.io.transferNominalTokenValue(EE_TYPE_NONE, r, req.caller, req.address, req.value));
      } catch (e) {
        if (e !== NUMERIC_BOUNDS) throw e;
        this.io.finishIoFrame(snapshot, true);
        return this.complete(failure("InsufficientBalance", fromSys(sys, req.resources)), null);
      }
    }
    const code = callee.bytecode;
    if (!special && code.length === 0) {
      this.io.finishIoFrame(snapshot, false);
      return this.complete(success(fromSys(sys, req.resources), null), null);
    }
    if (this.stack.length > MAX_CALL_DEPTH) {
      this.io.finishIoFrame(snapshot, true);
      return this.complete(failure("CallDepthExceeded", fromSys(sys, req.resources)), null);
    }
    if (special) return this.runHook(req, calldata, sys, snapshot, isEntry);
    sys.charge(0, BYTECODE_PREPROCESSING_BYTE_NATIVE_COST * code.length);
    const ee = new EvmFrame(this.host, {
      address: req.address, caller: req.caller, value: req.value, code, calldata, isStatic: req.isStatic,
      isConstructor: false, resources: fromSys(sys, req.resources),
    });
    this.stack.push({ ee, snapshot, deploying: null });
    return ee.start();
  }

  /** A call into the hook table; without a hook the address behaves as an empty account. */
  private runHook(req: ExternalCallRequest, calldata: Uint8Array | WasmBytes, sys: Resources, snapshot: IOSnapshot, isEntry: boolean): PreemptionPoint | undefined {
    const hook = this.hooks.get(smallAddressNumber(req.codeAddress));
    if (hook === undefined) {
      this.io.finishIoFrame(snapshot, false);
      return this.complete(success(fromSys(sys, req.resources), null), null);
    }
    const out = hook(this.io, {
      caller: req.caller, callee: req.codeAddress, value: req.value, calldata: bytesOf(calldata), scheme: req.scheme,
      isStatic: req.isStatic, callerEe: isEntry ? this.topEe : EE_TYPE_EVM,
    }, sys);
    this.io.finishIoFrame(snapshot, out.reverted);
    if (isEntry && out.reverted) this.hookReason = out.reason;
    const left = fromSys(sys, req.resources);
    return this.complete(out.reverted ? failure("Revert", left) : success(left, null), out.returnData);
  }

  /**
   * `prepare_for_deployment` and the runner's constructor launch. `res` holds what the constructor
   * may get (for the entry frame: everything, of which 63/64 are at stake in a collision).
   */
  private prepareDeployment(
    deployer: Address, value: bigint, initcode: Uint8Array | WasmBytes, create2: DeploymentRequest["create2"],
    givenNonce: bigint | null, res: EeResources, isEntry: boolean,
  ): PreemptionPoint | undefined {
    const sys = toSys(res);
    const balance = sys.withInfiniteErgs((r) => this.io.readAccountProperties(EE_TYPE_EVM, r, deployer)).balance;
    if (value !== 0n && balance < value) return this.failDeployment("InsufficientBalance", fromSys(sys, res));
    let nonce = givenNonce;
    if (nonce === null) {
      try {
        nonce = sys.withInfiniteErgs((r) => this.io.incrementNonce(EE_TYPE_EVM, r, deployer, 1n));
      } catch (e) {
        if (e !== NUMERIC_BOUNDS) throw e;
        return this.failDeployment("NonceOverflow", fromSys(sys, res));
      }
    }
    let address: Address;
    if (create2 === null) {
      address = createAddress(deployer, nonce);
    } else {
      sys.charge(0, keccak256NativeCost(bytesLen(initcode)));
      address = create2Address(deployer, create2.salt, create2.initcodeHash);
    }
    const deployee = sys.withInfiniteErgs((r) => this.io.readAccountProperties(EE_TYPE_EVM, r, address));
    // Collision: nonce or code only (no storage check, EIP-7610 absent). The constructor's share is burned.
    if (deployee.nonce !== 0n || deployee.bytecodeLen !== 0) {
      const kept = isEntry ? sys.ergs - apply6364Rule(sys.ergs) : 0;
      return this.failDeployment("CreateCollision", { ergs: BigInt(kept), native: fromSys(sys, res).native });
    }
    if (this.stack.length > MAX_CALL_DEPTH) return this.failDeployment("CallDepthExceeded", fromSys(sys, res));
    const snapshot = this.io.startIoFrame();
    // EIP-161: the constructor already sees nonce 1.
    sys.withInfiniteErgs((r) => this.io.incrementNonce(EE_TYPE_EVM, r, address, 1n));
    if (value !== 0n) {
      try {
        sys.withInfiniteErgs((r) => this.io.transferNominalTokenValue(EE_TYPE_EVM, r, deployer, address, value));
      } catch (e) {
        if (e === NUMERIC_BOUNDS) throw new InternalBlockError("runner", "Must transfer value on deployment after check in preparation");
        throw e;
      }
    }
    sys.charge(0, BYTECODE_PREPROCESSING_BYTE_NATIVE_COST * bytesLen(initcode));
    const ee = new EvmFrame(this.host, {
      address, caller: deployer, value, code: initcode, calldata: EMPTY, isStatic: false, isConstructor: true,
      resources: fromSys(sys, res),
    });
    this.stack.push({ ee, snapshot, deploying: address });
    return ee.start();
  }

  private failDeployment(error: string, res: EeResources): PreemptionPoint | undefined {
    this.setReturnData(null);
    return this.deliver(failure(error, res), true);
  }

  /**
   * The constructor returned: EIP-3541 and the 24,576-byte limit consume every erg and leave the
   * code as the deployer's return data (QUIRK, interpreter.rs); then `deploy_code` charges 200 gas
   * per byte (short: the deployment fails with no return data) and installs the code.
   */
  private depositCode(address: Address, snapshot: IOSnapshot, res: EeResources): Completion {
    const w = wasm();
    if (w.viewsStale) w.refreshViews();
    const ptr = w.exports.evmReturnDataPtr();
    const code = w.u8.slice(ptr, ptr + w.exports.evmReturnDataLen());
    if (code.length > MAX_CODE_SIZE || (code.length > 0 && code[0] === 0xef)) {
      this.io.finishIoFrame(snapshot, true);
      return failure(code.length > MAX_CODE_SIZE ? "CodeSizeLimit" : "InvalidCodePrefix", { ergs: 0n, native: res.native });
    }
    this.setReturnData(null);
    const sys = toSys(res);
    try {
      this.io.deployCode(EE_TYPE_EVM, sys, address, code);
    } catch (e) {
      if (e !== OUT_OF_ERGS) throw e;
      this.io.finishIoFrame(snapshot, true);
      return failure("CodeDepositOutOfGas", fromSys(sys, res));
    }
    this.io.finishIoFrame(snapshot, false);
    return success(fromSys(sys, res), address);
  }
}

/** The frame resources as a chargeable Resources (unlimited native becomes Infinity). */
export function toSys(r: EeResources): Resources {
  return new Resources(Number(r.ergs), r.native >= UNLIMITED_NATIVE ? Infinity : Number(r.native));
}

/** Back to frame resources; unlimited native stays unlimited. */
export function fromSys(r: Resources, like: EeResources): EeResources {
  return { ergs: BigInt(r.ergs), native: r.native === Infinity ? like.native : BigInt(r.native) };
}

function bytesOf(data: Uint8Array | WasmBytes): Uint8Array {
  if (data instanceof Uint8Array) return data;
  const w = wasm();
  if (w.viewsStale) w.refreshViews();
  return w.u8.slice(data.ptr, data.ptr + data.len);
}

function bytesLen(data: Uint8Array | WasmBytes): number {
  return data instanceof Uint8Array ? data.length : data.len;
}

function success(resources: EeResources, createdAddress: Address | null): Completion {
  return { success: true, error: undefined, resources, createdAddress };
}

function failure(error: string, resources: EeResources): Completion {
  return { success: false, error, resources, createdAddress: null };
}
