/**
 * Executes a transaction's top-level call or deployment under the ZKsync OS profiles: the entry the
 * bootloader uses (basic_bootloader run_single_interaction.rs and eoa.rs `process_deployment` at
 * 0a82da0, zksync-os-reference.md §6–§8). Everything runs in IO frames, so a failed frame never
 * leaves state behind; out of native reverts the whole execution and reports it.
 * @module
 */
import type { ExecutionTracer } from "../tracing/tracer";
import type { Address } from "../state/address";
import type { IOSubsystem } from "../system/io-subsystem";
import type { ExecutionEnvironmentType, IOSnapshot } from "../system/io";
import { ArgumentError } from "../errors";
import { OUT_OF_NATIVE, type Resources } from "../system/resources";
import { EE_TYPE_EVM, EE_TYPE_NONE, versioningFields } from "../storage/account-properties";
import { InternalBlockError } from "../zksync/validation-errors";
import { MAX_INITCODE_SIZE } from "../zksync/constants";
import { UNLIMITED_NATIVE, type Resources as EeResources } from "../ee/ee";
import type { BlockContext, TxContext } from "../ee/evm/context";
import { hooksFor, type HookTable } from "../hooks/hooks";
import { ZkRunner, type ZkTopCompletion } from "./zk-runner";

/** Build features that change execution (zksync-os-reference.md appendix B). */
export interface ZkExecFlags {
  /** `code_in_kernel_space`: kernel-space addresses without a hook run their code. */
  codeInKernelSpace: boolean;
  /** `mock-unsupported-precompiles`: length-check mocks at 0x09 and 0x0a. */
  mockUnsupportedPrecompiles: boolean;
  /** `disable_system_contracts`: no hooks at 0x8006, 0x8008, 0x800a. */
  disableSystemContracts: boolean;
  /** `p256_precompile`: P256 verification at 0x100. */
  p256: boolean;
}

/** The block as the EVM sees it. */
export interface ZkBlockContext {
  chainId: bigint;
  number: bigint;
  timestamp: bigint;
  baseFee: bigint;
  gasLimit: bigint;
  coinbase: Address;
  /** DIFFICULTY/PREVRANDAO returns this (§8). */
  mixHash: Uint8Array;
  /** Hashes of the previous blocks, index 0 = block number − 1 (BLOCKHASH). */
  blockHashes: Uint8Array[];
}

/** The transaction as the EVM sees it (ORIGIN, GASPRICE). */
export interface ZkTxContext {
  origin: Address;
  gasPrice: bigint;
}

/** What an execution needs: the block's IO subsystem, contexts and build flags. */
export interface ZkSystem {
  io: IOSubsystem;
  block: ZkBlockContext;
  tx: ZkTxContext;
  flags: ZkExecFlags;
  /** Receives the frames of the top-level calls made while it is set (the execution phase), or null. */
  tracer?: ExecutionTracer | null;
}

export interface ZkCallParams {
  caller: Address;
  callee: Address;
  value: bigint;
  calldata: Uint8Array;
  /** Ergs and native for the call; what is left is written back in place. */
  resources: Resources;
  isStatic?: boolean;
}

export interface ZkDeployParams {
  deployer: Address;
  value: bigint;
  initcode: Uint8Array;
  /** Ergs and native for the deployment; what is left is written back in place. */
  resources: Resources;
  /**
   * The nonce the new address derives from: a deployment transaction passes its own nonce, read
   * before validation incremented it (eoa.rs `deployer_nonce: Some(existing_nonce)`). When
   * omitted, the deployer's nonce is incremented here and its old value used, as CREATE does.
   */
  nonce?: bigint;
}

export interface ZkExecResult {
  /** "revert": REVERT, or a hook or precompile that failed; "error": an exceptional halt or a message rule. */
  status: "success" | "revert" | "error";
  /** For "error": why (OutOfGas, CreateCollision, OutOfNativeResources, ...); for a hook's revert: its reason. */
  error?: string;
  /** RETURN/REVERT data (a hook's output; the code itself after an EIP-3541/size failure, as the reference). */
  returnData: Uint8Array;
  /** The new contract of a successful deployment. */
  deployedAddress: Address | null;
  /** Native ran out: everything was reverted and the resources are zero; the transaction must be reverted. */
  outOfNative: boolean;
}

const EMPTY = new Uint8Array(0);

/**
 * Runs a top-level call (`run_single_interaction`): reads the caller's EE type (native only), then
 * the call in an IO frame that a failure reverts. Hooks called directly by an account without code
 * see NoEE; QUIRK (copied): sendToL1 then fails to emit its event and throws InternalBlockError.
 * @throws ArgumentError if the ergs are not a safe integer
 * @throws InternalBlockError where the reference aborts the block
 */
export function zkExecuteCall(sys: ZkSystem, p: ZkCallParams): ZkExecResult {
  const runner = runnerFor(sys);
  runner.setTracer(sys.tracer ?? null);
  return execute(sys, p.resources, () => p.resources.withInfiniteErgs((r) => eeTypeOf(sys, r, p.caller)), (res, callerEe) => runner.call({
    caller: p.caller, callee: p.callee, value: p.value, calldata: p.calldata, isStatic: p.isStatic ?? false, callerEe,
  }, res));
}

/**
 * Runs a top-level deployment (`process_deployment` after the 32,000-gas surcharge, which is the
 * caller's): initcode over 49,152 bytes reverts at once with the resources untouched.
 * @throws ArgumentError if the ergs are not a safe integer
 * @throws InternalBlockError where the reference aborts the block
 */
export function zkExecuteDeploy(sys: ZkSystem, p: ZkDeployParams): ZkExecResult {
  if (p.initcode.length > MAX_INITCODE_SIZE) {
    return { status: "revert", error: "CreateInitCodeSizeLimit", returnData: EMPTY, deployedAddress: null, outOfNative: false };
  }
  const runner = runnerFor(sys);
  runner.setTracer(sys.tracer ?? null);
  return execute(sys, p.resources, () => EE_TYPE_EVM, (res) => runner.deploy({
    deployer: p.deployer, value: p.value, initcode: p.initcode, nonce: p.nonce ?? null,
  }, res));
}

/**
 * Runs `run` in an IO frame on `resources` (after `prepare`, the reads before the reference's frame)
 * and writes the leftovers back; out of native anywhere becomes the outOfNative result.
 */
function execute(
  sys: ZkSystem, resources: Resources, prepare: () => ExecutionEnvironmentType,
  run: (res: EeResources, callerEe: ExecutionEnvironmentType) => ZkTopCompletion,
): ZkExecResult {
  if (!Number.isSafeInteger(resources.ergs)) throw new ArgumentError(`execution ergs must be a safe integer, got ${resources.ergs}`);
  const io = sys.io;
  let snapshot: IOSnapshot | undefined;
  let top: ZkTopCompletion;
  const unlimited = resources.native === Infinity;
  try {
    const callerEe = prepare();
    const start: EeResources = { ergs: BigInt(resources.ergs), native: unlimited ? UNLIMITED_NATIVE : BigInt(resources.native) };
    snapshot = io.startIoFrame();
    top = run(start, callerEe);
  } catch (e) {
    if (snapshot !== undefined) io.finishIoFrame(snapshot, true);
    if (e !== OUT_OF_NATIVE) throw e;
    resources.ergs = 0;
    resources.native = 0;
    return { status: "error", error: "OutOfNativeResources", returnData: EMPTY, deployedAddress: null, outOfNative: true };
  }
  const c = top.completion;
  io.finishIoFrame(snapshot!, !c.success);
  resources.ergs = Number(c.resources.ergs);
  if (!unlimited) resources.native = Number(c.resources.native);
  const reverted = c.error === "Revert";
  return {
    status: c.success ? "success" : reverted ? "revert" : "error",
    error: c.success ? undefined : reverted ? top.hookReason : c.error,
    returnData: top.returnData,
    deployedAddress: c.success ? c.createdAddress : null,
    outOfNative: false,
  };
}

/** The caller's EE type from its versioning data (read as NoEE: native only). */
function eeTypeOf(sys: ZkSystem, r: Resources, caller: Address): ExecutionEnvironmentType {
  const ee = versioningFields(sys.io.readAccountProperties(EE_TYPE_NONE, r, caller).versioningData).eeType;
  if (ee === EE_TYPE_NONE || ee === EE_TYPE_EVM) return ee;
  throw new InternalBlockError("runner", "Unsupported EE");
}

const runners = new WeakMap<ZkSystem, ZkRunner>();
const hookTables = new WeakMap<ZkExecFlags, HookTable>();

/** The runner of `sys`, built once per system object; the transaction context is refreshed each time. */
function runnerFor(sys: ZkSystem): ZkRunner {
  let runner = runners.get(sys);
  if (runner === undefined || runner.io !== sys.io) {
    let hooks = hookTables.get(sys.flags);
    if (hooks === undefined) {
      hooks = hooksFor({
        mockUnsupportedPrecompiles: sys.flags.mockUnsupportedPrecompiles,
        disableSystemContracts: sys.flags.disableSystemContracts,
        p256: sys.flags.p256,
      });
      hookTables.set(sys.flags, hooks);
    }
    runner = new ZkRunner({
      io: sys.io, block: blockContext(sys.block), tx: txContext(sys.tx), hooks, codeInKernelSpace: sys.flags.codeInKernelSpace,
    });
    runners.set(sys, runner);
  } else {
    runner.setTx(txContext(sys.tx));
  }
  return runner;
}

/** The EVM's block context: DIFFICULTY = mix hash, BLOBBASEFEE = 1 (§8). */
function blockContext(b: ZkBlockContext): BlockContext {
  return {
    coinbase: b.coinbase, number: b.number, timestamp: b.timestamp, gasLimit: b.gasLimit, prevRandao: b.mixHash,
    chainId: b.chainId, baseFee: b.baseFee, blobBaseFee: 1n,
    blockHash: (n) => {
      const i = b.number - n - 1n;
      return i >= 0n && i < BigInt(b.blockHashes.length) ? b.blockHashes[Number(i)] : undefined;
    },
  };
}

/** BLOBHASH is 0 under ZKsync OS (no blob transactions). */
function txContext(t: ZkTxContext): TxContext {
  return { origin: t.origin, gasPrice: t.gasPrice, blobHashes: [] };
}
