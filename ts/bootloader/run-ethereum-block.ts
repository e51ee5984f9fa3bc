/**
 * A block under the `ethereum` profile (interfaces.md §3): Cancun rules on the Ethereum world state,
 * through the state tests' transaction processing (ts/ethereum/process-transaction.ts), with the
 * block gas pool, receipts, the logs bloom, MPT roots and a London-shaped header (16 fields, as
 * the ZKsync OS header; the Cancun-only fields are left out of the hash). Only signed Ethereum
 * transactions run here; 0x71 and L1 transactions are invalid (`TYPE_NOT_SUPPORTED`).
 * @module
 */
import { keccak256 } from "../crypto/keccak";
import type { BlockContext } from "../ee/evm/context";
import { trieRoot } from "../ethereum/mpt";
import { processTransaction } from "../ethereum/process-transaction";
import { worldStateRoot } from "../ethereum/run-state-test";
import { decodeTransaction } from "../ethereum/transaction";
import { EMPTY_OMMERS_HASH, blockHeaderHash, type BlockHeader } from "../l1/block-header";
import { rlpEncode, uintToRlpBytes, type RlpItem } from "../primitives/rlp";
import { addressToBytes } from "../state/address";
import type { WorldState } from "../state/world-state";
import type { TracerFactory } from "../tracing/tracer";
import type { BlockSpec } from "./fixture";
import type { BlockResultLike, ResultLog, TransactionResultLike } from "./result-json";

/** An ethereum-profile block result. */
export interface EthereumBlockResult extends BlockResultLike {
  readonly transactions: readonly TransactionResultLike[];
}

/** The 2048-bit logs bloom (yellow paper M3:2048) of `logs`, OR-ed into `bloom`. */
export function addToBloom(bloom: Uint8Array, logs: readonly ResultLog[]): void {
  const add = (x: Uint8Array): void => {
    const h = keccak256(x);
    for (let i = 0; i < 6; i += 2) {
      const bit = ((h[i]! << 8) | h[i + 1]!) & 2047;
      bloom[255 - (bit >> 3)]! |= 1 << (bit & 7);
    }
  };
  for (const l of logs) {
    add(addressToBytes(l.address));
    for (const t of l.topics) add(t);
  }
}

/** The EIP-2718 receipt: type byte (typed transactions) ‖ RLP[status, cumulative gas, bloom, logs]. */
function encodeReceipt(type: number, success: boolean, cumulativeGas: bigint, bloom: Uint8Array, logs: readonly ResultLog[]): Uint8Array {
  const items: RlpItem = [
    success ? Uint8Array.of(1) : new Uint8Array(0),
    uintToRlpBytes(cumulativeGas),
    bloom,
    logs.map((l) => [addressToBytes(l.address), [...l.topics], l.data]),
  ];
  const body = rlpEncode(items);
  if (type === 0) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = type;
  out.set(body, 1);
  return out;
}

/**
 * Runs `spec` on `state` (changed in place). `blockHash(n)` answers BLOCKHASH and the parent hash;
 * `tracerFor` gives each transaction's tracer (none when omitted).
 * @throws InputError for a raw transaction that does not decode or whose signature recovers nothing
 */
export function runEthereumBlock(
  state: WorldState, spec: BlockSpec, chainId: bigint, blockHash: (n: bigint) => Uint8Array | undefined, tracerFor?: TracerFactory,
): EthereumBlockResult {
  const stateRootBefore = worldStateRoot(state);
  const block: BlockContext = {
    coinbase: spec.coinbase, number: spec.number, timestamp: spec.timestamp, gasLimit: spec.gasLimit, prevRandao: spec.prevRandao,
    chainId, baseFee: spec.baseFee, blobBaseFee: 1n, blockHash,
  };
  const transactions: TransactionResultLike[] = [];
  const txEntries: [Uint8Array, Uint8Array][] = [];
  const receiptEntries: [Uint8Array, Uint8Array][] = [];
  const blockBloom = new Uint8Array(256);
  let cumulativeGas = 0n;
  spec.transactions.forEach((t, i) => {
    const where = `transactions[${i}]`;
    const unsupported = t.kind !== "raw" || t.raw[0] === 0x71;
    if (unsupported) {
      const hash = t.kind === "raw" ? keccak256(t.raw) : keccak256(t.kind === "abi" ? t.body : new Uint8Array(0));
      transactions.push(invalidResult(hash, "TYPE_NOT_SUPPORTED", "only signed Ethereum transactions run under the ethereum profile"));
      return;
    }
    const tx = decodeTransaction(t.raw, where);
    const tracer = tracerFor?.(i, state) ?? undefined;
    const outcome = processTransaction(state, block, tx, { gasAvailable: spec.gasLimit - cumulativeGas, tracer });
    if (outcome.kind === "rejected") {
      transactions.push(invalidResult(tx.hash, outcome.exception, outcome.message));
      return;
    }
    cumulativeGas += outcome.gasUsed;
    const logs: ResultLog[] = outcome.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data }));
    const bloom = new Uint8Array(256);
    addToBloom(bloom, logs);
    for (let b = 0; b < 256; b++) blockBloom[b]! |= bloom[b]!;
    const key = rlpEncode(uintToRlpBytes(txEntries.length));
    txEntries.push([key, tx.raw]);
    receiptEntries.push([key, encodeReceipt(tx.type, outcome.status === "success", cumulativeGas, bloom, logs)]);
    transactions.push({
      hash: tx.hash,
      status: outcome.status === "success" ? "success" : "revert",
      error: outcome.status === "success" ? null : (outcome.error ?? "execution reverted"),
      errorName: null,
      gasUsed: outcome.gasUsed,
      contractAddress: outcome.createdAddress,
      returnData: outcome.returnData,
      logs,
      l2ToL1Logs: [],
    });
  });
  const stateRootAfter = worldStateRoot(state);
  const header: BlockHeader = {
    parentHash: spec.number > 0n ? (blockHash(spec.number - 1n) ?? new Uint8Array(32)) : new Uint8Array(32),
    ommersHash: EMPTY_OMMERS_HASH.slice(),
    beneficiary: addressToBytes(spec.coinbase),
    stateRoot: stateRootAfter,
    transactionsRoot: trieRoot(txEntries),
    receiptsRoot: trieRoot(receiptEntries),
    logsBloom: blockBloom,
    difficulty: 0n,
    number: spec.number,
    gasLimit: spec.gasLimit,
    gasUsed: cumulativeGas,
    timestamp: spec.timestamp,
    extraData: new Uint8Array(0),
    mixHash: spec.prevRandao.slice(),
    nonce: new Uint8Array(8),
    baseFeePerGas: spec.baseFee,
  };
  return {
    number: spec.number, hash: blockHeaderHash(header), header, stateRootBefore, stateRootAfter, nextFreeSlotBefore: null,
    nextFreeSlotAfter: null, publicInput: null, pubdata: null, transactions,
  };
}

function invalidResult(hash: Uint8Array, name: string, message: string): TransactionResultLike {
  return {
    hash, status: "invalid", error: `${name}: ${message}`, errorName: name, gasUsed: 0n, contractAddress: null,
    returnData: new Uint8Array(0), logs: [], l2ToL1Logs: [],
  };
}
