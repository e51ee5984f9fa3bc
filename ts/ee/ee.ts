/**
 * The execution-environment interface of ZKsync OS (zk_ee `ExecutionEnvironment`,
 * zksync-os-reference.md; architecture.md §1.14): a frame is launched with resources, code, call
 * context and calldata, runs until a preemption point (an external call request, a deployment
 * request, or its end) and is resumed with the callee's result. The runner
 * (ts/bootloader/runner.ts) owns the call stack; frames never recurse into each other.
 * @module
 */
import type { Address } from "../state/address";

/** ERGS_PER_GAS: resources are counted in ergs, 256 per EVM gas. */
export const ERGS_PER_GAS = 256n;

/** Both resources a frame carries (zksync-os-reference.md §6.1). */
export interface Resources {
  ergs: bigint;
  native: bigint;
}

/** Native for profiles without a native limit (the `ethereum` profile): it never runs out. */
export const UNLIMITED_NATIVE = (1n << 63n) - 1n;

/** Bytes in WASM memory, valid until the frame that owns them runs again. */
export interface WasmBytes {
  readonly ptr: number;
  readonly len: number;
}

export type CallScheme = "call" | "callcode" | "delegatecall" | "staticcall";

/** What a frame needs to start. */
export interface FrameLaunch {
  /** The account whose storage and balance the frame acts on (ADDRESS). */
  address: Address;
  /** CALLER. */
  caller: Address;
  /** CALLVALUE. */
  value: bigint;
  /** The code to run: account code (analysis cached by identity) or initcode in WASM memory. */
  code: Uint8Array | WasmBytes;
  /** Calldata: bytes to copy in, or a caller's memory region that outlives the frame. */
  calldata: Uint8Array | WasmBytes;
  isStatic: boolean;
  /** True for a constructor (initcode) frame. */
  isConstructor: boolean;
  resources: Resources;
}

/** A frame asks the runner to call another account. Costs, 63/64 and the stipend are applied. */
export interface ExternalCallRequest {
  readonly kind: "call";
  readonly scheme: CallScheme;
  /** Whose code runs. */
  readonly codeAddress: Address;
  /** The callee frame's ADDRESS (storage context). */
  readonly address: Address;
  /** The callee frame's CALLER. */
  readonly caller: Address;
  /** The callee frame's CALLVALUE. */
  readonly value: bigint;
  /**
   * CALL moves `value` from `caller` to `address`. CALLCODE moves nothing (the value would go to
   * the caller itself) but still fails when the caller cannot afford it.
   */
  readonly transfersValue: boolean;
  readonly isStatic: boolean;
  readonly calldata: WasmBytes;
  /** Resources handed to the callee (the caller no longer holds them). */
  readonly resources: Resources;
}

/** A frame asks the runner to deploy a contract (CREATE or CREATE2). */
export interface DeploymentRequest {
  readonly kind: "deploy";
  readonly deployer: Address;
  readonly value: bigint;
  readonly initcode: WasmBytes;
  /** CREATE2's salt (32 bytes) and keccak256(initcode); null for CREATE. */
  readonly create2: { readonly salt: Uint8Array; readonly initcodeHash: Uint8Array } | null;
  /** Resources handed to the constructor (all but 1/64 of the deployer's ergs; all native). */
  readonly resources: Resources;
}

export type EndStatus = "success" | "revert" | "error";

/** The frame finished. Its output (RETURN/REVERT data) is in the shared return-data buffer. */
export interface ExecutionEnd {
  readonly kind: "end";
  readonly status: EndStatus;
  /** For "error": why (an EvmStatus name, e.g. OutOfGas). */
  readonly error: string | undefined;
  /** Left over: all ergs are consumed on "error"; native is returned in every case. */
  readonly resources: Resources;
}

export type PreemptionPoint = ExternalCallRequest | DeploymentRequest | ExecutionEnd;

/** What the caller learns when its call completes. Return data is in the shared buffer. */
export interface CallResult {
  readonly success: boolean;
  /** Resources handed back (unused ergs, native left). */
  readonly resources: Resources;
}

/** What the deployer learns when its deployment completes. */
export interface DeploymentResult {
  /** The new contract, or null when the deployment failed or reverted. */
  readonly address: Address | null;
  readonly resources: Resources;
}

/** One running frame of an execution environment. */
export interface ExecutionEnvironment {
  /** Runs the frame until its first preemption point. */
  start(): PreemptionPoint;
  continueAfterExternalCall(result: CallResult): PreemptionPoint;
  continueAfterDeployment(result: DeploymentResult): PreemptionPoint;
  /** Frees the frame; called once, after its end was handled. */
  release(): void;
}
