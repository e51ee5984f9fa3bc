/**
 * What the transaction phases share (basic_bootloader process_transaction.rs at 0a82da0): the
 * block-level environment, one transaction's running state, its outcome, and the translation of
 * IO exhaustion into the reference's validation errors (errors.rs `From<SystemError> for TxError`).
 * @module
 */
import type { ExecutionTracer } from "../../tracing/tracer";
import type { Address } from "../../state/address";
import type { BlockMetadata } from "../../oracle/block-metadata";
import type { IOSubsystem } from "../../system/io-subsystem";
import { OUT_OF_ERGS, OUT_OF_NATIVE, Resources } from "../../system/resources";
import { InvalidTransaction } from "../../zksync/validation-errors";
import type { DecodedZkTransaction, ZkTransaction } from "../../zksync/transaction/types";
import type { ZkProfile } from "../profiles";
import type { HashesAhead, RecoveredSenders } from "../prepare";
import type { ZkSystem } from "../zk-exec";

/** Everything a transaction of one block runs against. */
export interface BlockEnv {
  readonly io: IOSubsystem;
  /** The runner's view; `sys.tx` is set per transaction (`set_tx_context`). */
  readonly sys: ZkSystem;
  readonly profile: ZkProfile;
  readonly metadata: BlockMetadata;
  /** ecrecover results computed ahead (prepare.ts). */
  readonly recovered: RecoveredSenders | undefined;
  /** Call simulation (`BasicBootloaderCallSimulationConfig`): no validation, no refund, native per gas 100. */
  readonly simulate: boolean;
  /** The running transaction's tx and signed hashes computed ahead from its body (prepare-job.ts), if any. */
  hashesAhead: HashesAhead | undefined;
  /** The running transaction's tracer (its execution's frames only), or null. */
  tracer: ExecutionTracer | null;
}

/** The two account models of the reference (account_models/). */
export type AccountModelKind = "eoa" | "contract";

/**
 * Ergs above this are kept out of the number-valued Resources (which must stay below 2^53) and
 * added back for the gas computation; no execution can spend 2^52 ergs (2^44 gas) of native.
 */
export const ERGS_CAP = 2 ** 52;

/** One L2 (or L1) transaction being processed. */
export interface TxState {
  readonly decoded: DecodedZkTransaction;
  readonly tx: ZkTransaction;
  readonly from: Address;
  readonly to: Address;
  readonly gasPrice: bigint;
  readonly nativePerGas: bigint;
  readonly nativePerPubdata: bigint;
  /** What the transaction may still spend; the phases charge it and the runner replaces its contents. */
  readonly resources: Resources;
  /** Native withheld above 2^36, reclaimed after execution. */
  readonly withheldNative: bigint;
  /** Ergs beyond {@link ERGS_CAP}, never spendable in practice, counted back for gas used. */
  readonly ergsBeyondCap: bigint;
  readonly txHash: Uint8Array;
  /** Empty for L1 transactions. */
  readonly signedHash: Uint8Array;
  readonly model: AccountModelKind;
  /** The sender's EE type byte and nonce as read before validation. */
  readonly callerEe: number;
  readonly callerIsCode: boolean;
  readonly callerNonce: bigint;
  /** Pubdata bytes charged during validation. */
  validationPubdata: bigint;
  /**
   * The transaction's net pubdata as execution's pubdata check measured it, while still current
   * (execution kept its frame); null when it must be measured again.
   */
  measuredPubdata: bigint | null;
}

/** How the main execution ended. */
export interface ExecutionOutcome {
  readonly status: "success" | "revert";
  readonly returnData: Uint8Array;
  readonly contractAddress: Address | null;
  /** Why a reverted transaction reverted (EVM error, out of native, pubdata, ...); null on success. */
  readonly error: string | null;
}

/** A transaction the block includes (valid), successful or reverted. */
export interface ProcessedTransaction {
  readonly kind: "processed";
  readonly outcome: ExecutionOutcome;
  readonly gasUsed: bigint;
  /** The reference hash (the tx rolling hash takes it). */
  readonly txHash: Uint8Array;
  readonly isL1Tx: boolean;
  readonly isUpgradeTx: boolean;
}

/** A transaction the block drops. */
export interface RejectedTransaction {
  readonly kind: "invalid";
  readonly error: InvalidTransaction;
}

/** What processing one transaction gave. */
export type TxProcessingResult = ProcessedTransaction | RejectedTransaction;

/**
 * `From<SystemError> for TxError`: running out of ergs or native while validating makes the
 * transaction invalid. Anything else is rethrown.
 */
export function asValidationError(e: unknown): never {
  if (e === OUT_OF_ERGS) throw new InvalidTransaction("OutOfGasDuringValidation", {});
  if (e === OUT_OF_NATIVE) throw new InvalidTransaction("OutOfNativeResourcesDuringValidation", {});
  throw e;
}

/** Runs `f`, turning IO exhaustion into the validation errors. */
export function validating<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    return asValidationError(e);
  }
}

/** Splits a u64-sized ergs amount into the capped number Resources holds and the rest. */
export function capErgs(ergs: bigint): { ergs: number; beyond: bigint } {
  if (ergs <= BigInt(ERGS_CAP)) return { ergs: Number(ergs), beyond: 0n };
  return { ergs: ERGS_CAP, beyond: ergs - BigInt(ERGS_CAP) };
}

/** Starting resources from the reference's u64 amounts. */
export function startingResources(ergs: bigint, native: bigint): { resources: Resources; beyond: bigint } {
  const c = capErgs(ergs);
  return { resources: new Resources(c.ergs, Number(native)), beyond: c.beyond };
}
