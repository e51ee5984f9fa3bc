/**
 * The per-type field rules of `ZkSyncTransaction::validate_structure` (zksync-os-reference.md §5.1).
 * The reference runs them inside decoding, so a violation is InvalidEncoding; rules are checked in
 * its order and the first one broken is reported.
 * @module
 */
import { InvalidTransaction } from "../validation-errors";
import { HEAD_WORD, ZkTxType, isL1Type, isZeroBytes, type ZkTransaction, type ZkTransactionLayout } from "./types";

const ACCEPTED_TYPES: ReadonlySet<number> = new Set(Object.values(ZkTxType));

/** The structural rules by name, in the order the reference checks them. */
export const STRUCTURE_RULES = [
  "type",
  "legacyFees",
  "paymaster",
  "reserved0",
  "reserved1",
  "reserved23",
  "signatureLength",
  "paymasterInput",
  "factoryDeps",
] as const;

/** A structural rule of {@link STRUCTURE_RULES}. */
export type StructureRule = (typeof STRUCTURE_RULES)[number];

function broken(rule: StructureRule, offset: number, message: string): never {
  throw new InvalidTransaction("InvalidEncoding", { offset, rule: `${rule}: ${message}` });
}

/**
 * Checks the structural rules of `tx`. `layout` (from decoding) lets the error point at a dynamic
 * field's length word; without it the head word holding that field's offset is named.
 * @throws InvalidTransaction("InvalidEncoding") whose `fields.rule` starts with the rule's name
 */
export function validateStructure(tx: ZkTransaction, layout?: ZkTransactionLayout): void {
  const t = tx.txType;
  if (!ACCEPTED_TYPES.has(t)) broken("type", HEAD_WORD.txType, `type 0x${t.toString(16)} is not one of 0x00, 0x01, 0x02, 0x71, 0xfe, 0xff`);
  if ((t === ZkTxType.Legacy || t === ZkTxType.Eip2930) && tx.maxFeePerGas !== tx.maxPriorityFeePerGas) {
    broken("legacyFees", HEAD_WORD.maxPriorityFeePerGas, `type ${t} needs maxFeePerGas == maxPriorityFeePerGas (the gas price)`);
  }
  if (t !== ZkTxType.Eip712 && !isZeroBytes(tx.paymaster)) broken("paymaster", HEAD_WORD.paymaster, "only 0x71 transactions may name a paymaster");
  if (t !== ZkTxType.Legacy && !isL1Type(t) && tx.reserved[0] !== 0n) {
    broken("reserved0", HEAD_WORD.reserved0, "reserved[0] (EIP-155 flag / deposit) must be 0 for this type");
  }
  if (t === ZkTxType.Eip712 && tx.reserved[1] !== 0n) broken("reserved1", HEAD_WORD.reserved1, "reserved[1] must be 0 for 0x71");
  if (!isL1Type(t) && t !== ZkTxType.Eip712 && tx.reserved[1] !== 0n && !isZeroBytes(tx.to)) {
    broken("reserved1", HEAD_WORD.reserved1, "deployment flag reserved[1] needs to = 0");
  }
  if (tx.reserved[2] !== 0n) broken("reserved23", HEAD_WORD.reserved2, "reserved[2] must be 0");
  if (tx.reserved[3] !== 0n) broken("reserved23", HEAD_WORD.reserved3, "reserved[3] must be 0");
  const sigAt = layout?.signature ?? HEAD_WORD.signatureOffset;
  if (isL1Type(t)) {
    if (tx.signature.length !== 0) broken("signatureLength", sigAt, `L1 and upgrade transactions carry no signature, got ${tx.signature.length} bytes`);
  } else if (tx.signature.length !== 65) {
    broken("signatureLength", sigAt, `signature must be 65 bytes, got ${tx.signature.length}`);
  }
  if (t !== ZkTxType.Eip712 && tx.paymasterInput.length !== 0) {
    broken("paymasterInput", layout?.paymasterInput ?? HEAD_WORD.paymasterInputOffset, "only 0x71 transactions may carry paymaster input");
  }
  if (t !== ZkTxType.Eip712 && !isL1Type(t) && tx.factoryDeps.length !== 0) {
    broken("factoryDeps", layout?.factoryDeps ?? HEAD_WORD.factoryDepsOffset, "factory deps are allowed only for 0x71, 0xff and 0xfe");
  }
}
