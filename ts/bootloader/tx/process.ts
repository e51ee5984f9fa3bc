/**
 * One transaction through the five phases (process_transaction.rs `process_transaction` at
 * 0a82da0): decode, validate, pay (pre-execution), execute, settle (post-execution). An
 * InvalidTransaction anywhere makes the transaction invalid; an InternalBlockError aborts the block.
 * @module
 */
import { InvalidTransaction } from "../../zksync/validation-errors";
import type { BlockEnv, TxProcessingResult } from "./context";
import { decodeTransaction } from "./decode";
import { executeL1Transaction, executeL2Transaction, preparationOutOfResources } from "./execute";
import { refundL2Transaction, settleL1Transaction } from "./post-execution";
import { chargeValidationPubdata, ensurePayment } from "./pre-execution";
import { prepareL1Transaction, prepareL2Transaction, validateL2Transaction } from "./validate";

function processInner(env: BlockEnv, body: Uint8Array, isFirstTx: boolean): TxProcessingResult {
  const { decoded, path } = decodeTransaction(body, isFirstTx);
  if (path === "l2") {
    const st = prepareL2Transaction(env, decoded);
    if (!env.simulate) {
      validateL2Transaction(env, st);
      ensurePayment(env, st);
      chargeValidationPubdata(env, st);
    }
    const outcome = executeL2Transaction(env, st);
    const gasUsed = refundL2Transaction(env, st);
    return { kind: "processed", outcome, gasUsed, txHash: st.txHash, isL1Tx: false, isUpgradeTx: false };
  }
  const isPriorityOp = path === "l1";
  const { st, preparationOutOfResources: oor } = prepareL1Transaction(env, decoded, isPriorityOp);
  const outcome = oor ? preparationOutOfResources() : executeL1Transaction(env, st);
  const gasUsed = settleL1Transaction(env, st, outcome, isPriorityOp);
  return { kind: "processed", outcome, gasUsed, txHash: st.txHash, isL1Tx: isPriorityOp, isUpgradeTx: !isPriorityOp };
}

/**
 * Processes the transaction whose oracle body is `body`.
 * @throws InternalBlockError (the block cannot be completed) and OracleError-like input errors
 */
export function processTransaction(env: BlockEnv, body: Uint8Array, isFirstTx: boolean): TxProcessingResult {
  try {
    return processInner(env, body, isFirstTx);
  } catch (e) {
    if (e instanceof InvalidTransaction) return { kind: "invalid", error: e };
    throw e;
  }
}
