/**
 * Phase 4 of a transaction: the main call or deployment inside a rollback frame, then the pubdata
 * check (process_transaction.rs `transaction_execution`, `execute_l1_transaction_and_notify_result`;
 * eoa.rs `execute`, `process_deployment` at 0a82da0). A revert, an EVM failure, running out of
 * native (all ergs burnt) or pubdata the remaining native cannot pay for all roll the frame back;
 * the transaction stays valid.
 * @module
 */
import { addressFromBytes, addressOfNumber } from "../../state/address";
import { createAddress } from "../../ee/evm/create-address";
import { ChargeStatus, ERGS_PER_GAS, OUT_OF_NATIVE } from "../../system/resources";
import { DEPLOYMENT_TX_EXTRA_INTRINSIC_GAS, MAX_INITCODE_SIZE, SPECIAL_ADDRESS_TO_WASM_DEPLOY } from "../../zksync/constants";
import { pubdataNative } from "../../zksync/resources/intrinsic";
import { InternalBlockError } from "../../zksync/validation-errors";
import { executeFromContractAccount } from "../account-models";
import { mintToken, runSingleInteraction } from "../interaction";
import { zkExecuteDeploy, type ZkExecResult } from "../zk-exec";
import type { IOSnapshot } from "../../system/io";
import type { BlockEnv, ExecutionOutcome, TxState } from "./context";

const EMPTY = new Uint8Array(0);
const WASM_DEPLOY_TARGET = addressOfNumber(SPECIAL_ADDRESS_TO_WASM_DEPLOY);

function outcomeOf(r: ZkExecResult, contractAddress: string | null = null): ExecutionOutcome {
  if (r.status === "success") return { status: "success", returnData: r.returnData, contractAddress, error: null };
  return { status: "revert", returnData: r.returnData, contractAddress: null, error: r.status === "revert" ? "execution reverted" : (r.error ?? "execution failed") };
}

function revertOutcome(error: string, returnData: Uint8Array = EMPTY): ExecutionOutcome {
  return { status: "revert", returnData, contractAddress: null, error };
}

/**
 * The transaction's pubdata since `basePubdata` (the measurement execution kept, when still current).
 */
export function pubdataSince(env: BlockEnv, st: TxState, basePubdata: bigint): bigint {
  const spent = (st.measuredPubdata ?? BigInt(env.io.netPubdataUsed())) - basePubdata;
  return spent > 0n ? spent : 0n;
}

/** `check_enough_resources_for_pubdata`: the pubdata since `basePubdata` against the native left (plus `extraNative`). */
function enoughForPubdata(env: BlockEnv, st: TxState, basePubdata: bigint, extraNative: bigint): boolean {
  st.measuredPubdata = BigInt(env.io.netPubdataUsed());
  return BigInt(st.resources.native) + extraNative >= pubdataNative(pubdataSince(env, st, basePubdata), st.nativePerPubdata);
}

/** Closes the execution frame; a rolled-back frame invalidates the pubdata measurement. */
function finishFrame(env: BlockEnv, st: TxState, snapshot: IOSnapshot, revert: boolean): void {
  env.io.finishIoFrame(snapshot, revert);
  if (revert) st.measuredPubdata = null;
}

/**
 * `process_deployment` of a deployment transaction: the 32,000 gas surcharge (short: reverted with
 * every resource gone), then the initcode run as a deployment from the sender in its own frame.
 * @throws OUT_OF_NATIVE; InternalBlockError for a WASM deployment (unsupported EE)
 */
function processDeployment(env: BlockEnv, st: TxState, isEvm: boolean): ExecutionOutcome {
  const status = st.resources.tryCharge(Number(DEPLOYMENT_TX_EXTRA_INTRINSIC_GAS) * ERGS_PER_GAS, 0);
  if (status === ChargeStatus.OutOfNative) throw OUT_OF_NATIVE;
  if (status === ChargeStatus.OutOfErgs) {
    st.resources.ergs = 0;
    st.resources.native = 0;
    return revertOutcome("out of gas for the deployment surcharge");
  }
  if (st.tx.data.length > MAX_INITCODE_SIZE) return revertOutcome("initcode too large");
  if (!isEvm) throw new InternalBlockError("process_deployment", "Unsupported EE");
  const r = zkExecuteDeploy(env.sys, { deployer: st.from, value: st.tx.value, initcode: st.tx.data, resources: st.resources, nonce: st.callerNonce });
  if (r.outOfNative) throw OUT_OF_NATIVE;
  return outcomeOf(r, r.deployedAddress);
}

/**
 * Runs the execution phase with the transaction's tracer attached (validation and paymaster calls
 * are not traced: geth traces only the transaction's message).
 */
function traced<T>(env: BlockEnv, st: TxState, run: () => T): T {
  const tracer = env.tracer;
  if (tracer === null) return run();
  const creates = st.model === "eoa" && st.tx.reserved[1] !== 0n;
  const to = creates ? createAddress(st.from, st.callerNonce) : st.to;
  tracer.txStart(st.from, to, creates, addressFromBytes(env.metadata.coinbase), st.tx.gasLimit);
  env.sys.tracer = tracer;
  try {
    return run();
  } finally {
    env.sys.tracer = null;
  }
}

/** The account model's `execute`. @throws OUT_OF_NATIVE */
function runMain(env: BlockEnv, st: TxState): ExecutionOutcome {
  if (st.model === "contract") return outcomeOf(executeFromContractAccount(env, st));
  if (st.tx.reserved[1] !== 0n) return processDeployment(env, st, true);
  if (st.to === WASM_DEPLOY_TARGET) return processDeployment(env, st, false);
  return outcomeOf(runSingleInteraction(env.sys, st.from, st.to, st.tx.data, st.tx.value, st.resources));
}

/**
 * The execution of a validated L2 transaction in a frame that a revert rolls back; pubdata beyond
 * the validation's must be payable from the native left (withheld native not counted yet).
 */
export function executeL2Transaction(env: BlockEnv, st: TxState): ExecutionOutcome {
  const snapshot = env.io.startIoFrame();
  let outcome: ExecutionOutcome;
  try {
    outcome = traced(env, st, () => runMain(env, st));
    if (!enoughForPubdata(env, st, st.validationPubdata, 0n)) {
      outcome = revertOutcome("not enough resources for pubdata", outcome.returnData);
    }
  } catch (e) {
    if (e !== OUT_OF_NATIVE) throw e;
    st.resources.exhaustErgs();
    finishFrame(env, st, snapshot, true);
    return revertOutcome("out of native resources");
  }
  finishFrame(env, st, snapshot, outcome.status !== "success");
  return outcome;
}

/**
 * The execution of an L1→L2 or upgrade transaction: origin = from at gas price = max fee; in an
 * inner frame the value is minted to `from` and `to` is called with it; then, with the withheld
 * native counted, the pubdata check. A revert rolls both frames back (the value mint too).
 */
export function executeL1Transaction(env: BlockEnv, st: TxState): ExecutionOutcome {
  const outer = env.io.startIoFrame();
  let outcome: ExecutionOutcome;
  try {
    env.sys.tx = { origin: st.from, gasPrice: st.gasPrice };
    st.measuredPubdata = null;
    const inner = env.io.startIoFrame();
    if (st.tx.value > 0n) st.resources.withInfiniteErgs((r) => mintToken(env.io, st.tx.value, st.from, r));
    const r = traced(env, st, () => runSingleInteraction(env.sys, st.from, st.to, st.tx.data, st.tx.value, st.resources));
    env.io.finishIoFrame(inner, r.status !== "success");
    outcome = outcomeOf(r);
    if (!enoughForPubdata(env, st, 0n, st.withheldNative)) outcome = revertOutcome("not enough resources for pubdata", outcome.returnData);
  } catch (e) {
    if (e !== OUT_OF_NATIVE) throw e;
    st.resources.exhaustErgs();
    finishFrame(env, st, outer, true);
    return revertOutcome("out of native resources");
  }
  finishFrame(env, st, outer, outcome.status !== "success");
  return outcome;
}

/** The outcome of an L1 transaction whose hash's native could not be paid: reverted, nothing run. */
export function preparationOutOfResources(): ExecutionOutcome {
  return revertOutcome("out of native resources while hashing the transaction");
}
