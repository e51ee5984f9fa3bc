/**
 * Phase 1 of a transaction (process_transaction.rs `process_transaction` at 0a82da0): the oracle's
 * ABI body becomes a ZkTransaction with every encoding and structure check (InvalidEncoding), and
 * an upgrade transaction anywhere but first in the block is rejected (UpgradeTxNotFirst).
 * @module
 */
import { decodeZkTransaction } from "../../zksync/transaction/abi-encoding";
import { ZkTxType, type DecodedZkTransaction } from "../../zksync/transaction/types";
import { InvalidTransaction } from "../../zksync/validation-errors";

/** Which path processes a decoded transaction. */
export type TxPath = "l2" | "l1" | "upgrade";

/** A decoded body and its path. */
export interface DecodedForProcessing {
  readonly decoded: DecodedZkTransaction;
  readonly path: TxPath;
}

/**
 * Decodes `body` and picks its path.
 * @throws InvalidTransaction InvalidEncoding (with the body offset at fault), UpgradeTxNotFirst
 */
export function decodeTransaction(body: Uint8Array, isFirstTx: boolean): DecodedForProcessing {
  // The oracle's body is the bootloader's for the whole transaction and nobody writes it: the
  // decoded fields may be views into it (the copies were ~7% of the bootloader's CPU per block).
  const decoded = decodeZkTransaction(body, true);
  const t = decoded.tx.txType;
  if (t === ZkTxType.Upgrade) {
    if (!isFirstTx) throw new InvalidTransaction("UpgradeTxNotFirst", {});
    return { decoded, path: "upgrade" };
  }
  return { decoded, path: t === ZkTxType.L1ToL2 ? "l1" : "l2" };
}
