/**
 * The block result JSON of interfaces.md §4 (`run-block --json`): quantities and hashes as
 * lower-case 0x hex, header fields under their JSON-RPC names. Beyond §4: `errorName` (the
 * reference's InvalidTransaction name, or the Ethereum tests' exception name) on invalid
 * transactions, `message` on user L2→L1 logs, `nextFreeSlotBefore`.
 * @module
 */
import { bytesToHex, quantityToHex } from "../primitives/hex";
import type { BlockHeader } from "../l1/block-header";
import type { L2ToL1LogWithMessage } from "../l1/l2-to-l1-logs";
import type { Address } from "../state/address";

/** An EVM log as the result lists it. */
export interface ResultLog {
  readonly address: Address;
  readonly topics: readonly Uint8Array[];
  readonly data: Uint8Array;
}

/** What the JSON needs of one transaction's result (ZKsync OS and ethereum profiles alike). */
export interface TransactionResultLike {
  readonly hash: Uint8Array;
  readonly status: "success" | "revert" | "invalid";
  readonly error: string | null;
  /** The reason's name for an invalid transaction. */
  readonly errorName: string | null;
  readonly gasUsed: bigint;
  readonly contractAddress: Address | null;
  readonly returnData: Uint8Array;
  readonly logs: readonly ResultLog[];
  readonly l2ToL1Logs: readonly L2ToL1LogWithMessage[];
}

/** What the JSON needs of a block's result. */
export interface BlockResultLike {
  readonly number: bigint;
  readonly hash: Uint8Array;
  readonly header: BlockHeader;
  readonly stateRootBefore: Uint8Array;
  readonly stateRootAfter: Uint8Array;
  /** ZKsync OS profiles only (null under `ethereum`). */
  readonly nextFreeSlotBefore: number | null;
  readonly nextFreeSlotAfter: number | null;
  readonly publicInput: Uint8Array | null;
  readonly pubdata: Uint8Array | null;
  readonly transactions: readonly TransactionResultLike[];
}

/** A block number as a JSON number when exact, else a hex string (interfaces.md §1). */
function jsonInteger(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : quantityToHex(v);
}

const hexOrNull = (b: Uint8Array | null): string | null => (b === null ? null : bytesToHex(b));

/** The 16 header fields under their JSON-RPC names. */
export function headerJson(h: BlockHeader): Record<string, string> {
  return {
    parentHash: bytesToHex(h.parentHash),
    sha3Uncles: bytesToHex(h.ommersHash),
    miner: bytesToHex(h.beneficiary),
    stateRoot: bytesToHex(h.stateRoot),
    transactionsRoot: bytesToHex(h.transactionsRoot),
    receiptsRoot: bytesToHex(h.receiptsRoot),
    logsBloom: bytesToHex(h.logsBloom),
    difficulty: quantityToHex(h.difficulty),
    number: quantityToHex(h.number),
    gasLimit: quantityToHex(h.gasLimit),
    gasUsed: quantityToHex(h.gasUsed),
    timestamp: quantityToHex(h.timestamp),
    extraData: bytesToHex(h.extraData),
    mixHash: bytesToHex(h.mixHash),
    nonce: bytesToHex(h.nonce),
    baseFeePerGas: quantityToHex(h.baseFeePerGas),
  };
}

/** One L2→L1 log (with its message for user messages). */
export function l2ToL1LogJson(l: L2ToL1LogWithMessage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    sender: bytesToHex(l.log.sender),
    key: bytesToHex(l.log.key),
    value: bytesToHex(l.log.value),
    isService: l.log.isService,
    txNumberInBlock: l.log.txNumberInBlock,
  };
  if (l.message !== null) out.message = bytesToHex(l.message);
  return out;
}

/** One transaction's result. */
export function transactionResultJson(t: TransactionResultLike): Record<string, unknown> {
  const out: Record<string, unknown> = { hash: bytesToHex(t.hash), status: t.status, error: t.error };
  if (t.errorName !== null) out.errorName = t.errorName;
  out.gasUsed = quantityToHex(t.gasUsed);
  out.contractAddress = t.contractAddress;
  out.returnData = bytesToHex(t.returnData);
  out.logs = t.logs.map((l) => ({ address: l.address, topics: l.topics.map(bytesToHex), data: bytesToHex(l.data) }));
  out.l2ToL1Logs = t.l2ToL1Logs.map(l2ToL1LogJson);
  return out;
}

/** One block's result (interfaces.md §4). */
export function blockResultJson(b: BlockResultLike): Record<string, unknown> {
  return {
    number: jsonInteger(b.number),
    hash: bytesToHex(b.hash),
    header: headerJson(b.header),
    stateRootBefore: bytesToHex(b.stateRootBefore),
    stateRootAfter: bytesToHex(b.stateRootAfter),
    nextFreeSlotBefore: b.nextFreeSlotBefore === null ? null : quantityToHex(BigInt(b.nextFreeSlotBefore)),
    nextFreeSlot: b.nextFreeSlotAfter === null ? null : quantityToHex(BigInt(b.nextFreeSlotAfter)),
    publicInput: hexOrNull(b.publicInput),
    pubdata: hexOrNull(b.pubdata),
    transactions: b.transactions.map(transactionResultJson),
  };
}

/** The `run-block --json` document: `{ "blocks": [ ... ] }`. */
export function runBlockJson(blocks: readonly BlockResultLike[]): { blocks: Record<string, unknown>[] } {
  return { blocks: blocks.map(blockResultJson) };
}
