/**
 * The execution events a run reports to a tracer (geth's tracing.Hooks, reduced to what the call,
 * prestate and struct-log tracers use). The runner holds `tracer: ExecutionTracer | null` and
 * tests it before building any event, so a run without a tracer does no tracing work at all.
 * @module
 */
import type { Address } from "../state/address";
import type { Word } from "../state/word";
import type { CallFrameType } from "./call-tracer";
import type { StructLogStep } from "./struct-logger";
import type { TraceStateReader } from "./touched-accounts";

/** Receives one transaction's events in execution order (see each member for when it fires). */
export interface ExecutionTracer {
  /**
   * The transaction starts, before the sender pays for gas: `to` is the recipient or the address
   * the creation will deploy to (`creates`); geth looks up sender, `to` and coinbase here.
   */
  txStart(from: Address, to: Address, creates: boolean, coinbase: Address, gasLimit: bigint): void;
  /** The transaction ended (fees, refunds and end-of-transaction deletions done), with its gas used. */
  txEnd(gasUsed: bigint): void;
  /**
   * A frame opens: the transaction's top frame and every nested CALL/CALLCODE/DELEGATECALL/
   * STATICCALL/CREATE/CREATE2 (also calls to precompiles and code-less accounts, and attempts that
   * fail before running). `value` is null for STATICCALL; `gas` is what the callee receives.
   */
  enter(type: CallFrameType, from: Address, to: Address, value: bigint | null, gas: bigint, input: Uint8Array): void;
  /**
   * The innermost open frame ends: gas it used, its output, geth's error text or null, and for a
   * successful CREATE/CREATE2 the address it deployed (which `enter` may not have known).
   */
  exit(gasUsed: bigint, output: Uint8Array, error: string | null, createdAddress?: Address | null): void;
  /** A LOG of the innermost open frame. */
  log(address: Address, topics: readonly Uint8Array[], data: Uint8Array): void;
  /** A SELFDESTRUCT moving `balance` to `beneficiary`. */
  selfDestruct(from: Address, beneficiary: Address, balance: bigint): void;
  /**
   * An account is looked up before the operation changes it: CALL-family targets, BALANCE/EXTCODE*
   * operands, CREATE/CREATE2 addresses, SELFDESTRUCT beneficiaries.
   */
  touchAccount(address: Address): void;
  /** A CREATE/CREATE2, or a creating transaction, targets `address` (reported right after its `enter`). */
  markCreated(address: Address): void;
  /** SLOAD or SSTORE addresses `slot` of `address` (before an SSTORE writes it). */
  touchSlot(address: Address, slot: Word): void;
  /** Whether `step` wants every opcode; the interpreter reports steps only then. */
  readonly wantsSteps: boolean;
  /** One opcode, before it executes (StructLogStep documents the fields). */
  step(s: StructLogStep): void;
}

/**
 * Makes the tracer of a block's transaction `index` (null: that transaction is not traced).
 * `state` reads account and slot values for free (the `ethereum` WorldState); it is null under the
 * ZKsync OS profiles, whose IO charges every read, so prestate tracing is not available there.
 */
export type TracerFactory = (index: number, state: TraceStateReader | null) => ExecutionTracer | null;
