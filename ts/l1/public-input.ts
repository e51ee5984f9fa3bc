/**
 * The block's public input (zksync-os-reference.md §4.1; reference at 0a82da0:
 * basic_system/src/system_implementation/system/public_input.rs and io_subsystem.rs `finish`): the
 * Blake2s per-block variant (chain state commitments, blocks output, public input) and the Keccak
 * "wrap-in-batch" variant of the server image (simplified state commitments, DA commitment, logs root,
 * L1-transaction rolling hash, batch output, batch public input).
 * @module
 */
import { Blake2s256, blake2s256 } from "../crypto/blake2s";
import { Keccak256, keccak256 } from "../crypto/keccak";
import { ArgumentError } from "../errors";
import { logsTreeRoot } from "./l2-to-l1-logs";

/** Number of previous block hashes in the block metadata (index 0 = block n − 1). */
export const BLOCK_HASHES_COUNT = 256;

const U64_MAX = (1n << 64n) - 1n;

function check32(b: unknown, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== 32) throw new ArgumentError(`${what} must be a 32-byte Uint8Array`);
}

function u64Be(v: bigint | number, what: string): Uint8Array {
  const x = BigInt(v);
  if (x < 0n || x > U64_MAX) throw new ArgumentError(`${what} must be a u64, got ${v}`);
  const out = new Uint8Array(8);
  let y = x;
  for (let i = 7; i >= 0; i--, y >>= 8n) out[i] = Number(y & 0xffn);
  return out;
}

function u256Be(v: bigint | number, what: string): Uint8Array {
  let x = BigInt(v);
  if (x < 0n || x >= 1n << 256n) throw new ArgumentError(`${what} must be a U256, got ${v}`);
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
}

function checkHashes(hashes: readonly Uint8Array[]): void {
  if (hashes.length !== BLOCK_HASHES_COUNT) throw new ArgumentError(`expected ${BLOCK_HASHES_COUNT} block hashes, got ${hashes.length}`);
  hashes.forEach((h, i) => check32(h, `blockHashes[${i}]`));
}

/** `ChainStateCommitment`. */
export interface ChainStateCommitment {
  readonly stateRoot: Uint8Array;
  readonly nextFreeSlot: bigint | number;
  readonly blockNumber: bigint | number;
  readonly last256BlockHashesBlake: Uint8Array;
  readonly lastBlockTimestamp: bigint | number;
}

/** Blake2s(state_root ‖ next_free_slot u64 BE ‖ block_number u64 BE ‖ last_256_block_hashes_blake ‖ last_block_timestamp u64 BE). */
export function chainStateCommitmentHash(c: ChainStateCommitment): Uint8Array {
  check32(c.stateRoot, "stateRoot");
  check32(c.last256BlockHashesBlake, "last256BlockHashesBlake");
  return new Blake2s256()
    .update(c.stateRoot)
    .update(u64Be(c.nextFreeSlot, "nextFreeSlot"))
    .update(u64Be(c.blockNumber, "blockNumber"))
    .update(c.last256BlockHashesBlake)
    .update(u64Be(c.lastBlockTimestamp, "lastBlockTimestamp"))
    .digest();
}

/** Blake2s of the metadata's 256 block hashes, index 0 (block n − 1) first: the "before" commitment. */
export function blockHashesCommitmentBefore(blockHashes: readonly Uint8Array[]): Uint8Array {
  checkHashes(blockHashes);
  const h = new Blake2s256();
  for (const b of blockHashes) h.update(b);
  return h.digest();
}

/**
 * The "after" commitment: Blake2s(hashes[1..256] ‖ current block hash).
 * QUIRK (reference commit 0a82da0, copied): index 0 is the most recent block, yet the rotation drops
 * index 0 and appends the new hash at the end, so after(n) ≠ before(n + 1).
 */
export function blockHashesCommitmentAfter(blockHashes: readonly Uint8Array[], currentBlockHash: Uint8Array): Uint8Array {
  checkHashes(blockHashes);
  check32(currentBlockHash, "currentBlockHash");
  const h = new Blake2s256();
  for (let i = 1; i < BLOCK_HASHES_COUNT; i++) h.update(blockHashes[i]!);
  return h.update(currentBlockHash).digest();
}

/** What the chain state commitments of a block need. */
export interface ChainStateInput {
  readonly blockNumber: bigint | number;
  /** The metadata's 256 previous block hashes, index 0 = block n − 1. */
  readonly blockHashes: readonly Uint8Array[];
}

/**
 * Chain state before the block: block number n − 1, Blake2s of the 256 hashes, last_block_timestamp
 * hard-coded 0 (left unfinished in the reference commit).
 */
export function chainStateBefore(root: Uint8Array, nextFreeSlot: bigint | number, input: ChainStateInput): Uint8Array {
  return chainStateCommitmentHash({
    stateRoot: root,
    nextFreeSlot,
    blockNumber: BigInt(input.blockNumber) - 1n,
    last256BlockHashesBlake: blockHashesCommitmentBefore(input.blockHashes),
    lastBlockTimestamp: 0,
  });
}

/** Chain state after the block: block number n, the rotated hashes (see {@link blockHashesCommitmentAfter}), timestamp 0. */
export function chainStateAfter(root: Uint8Array, nextFreeSlot: bigint | number, input: ChainStateInput, currentBlockHash: Uint8Array): Uint8Array {
  return chainStateCommitmentHash({
    stateRoot: root,
    nextFreeSlot,
    blockNumber: input.blockNumber,
    last256BlockHashesBlake: blockHashesCommitmentAfter(input.blockHashes, currentBlockHash),
    lastBlockTimestamp: 0,
  });
}

/** `BlocksOutput`. */
export interface BlocksOutput {
  readonly chainId: bigint | number;
  readonly firstBlockTimestamp: bigint | number;
  readonly lastBlockTimestamp: bigint | number;
  /** Blake2s(pubdata). */
  readonly pubdataHash: Uint8Array;
  /** Blake2s of the concatenated hashes of the processed 0xFF transactions (Blake2s("") if none). */
  readonly priorityOpsHashesHash: Uint8Array;
  /** Blake2s of the concatenated Keccak hashes of all L2→L1 logs. */
  readonly l2ToL1LogsHashesHash: Uint8Array;
  /** Hash of the 0xFE transaction, or 32 zero bytes. */
  readonly upgradeTxHash: Uint8Array;
}

/** Blake2s(chain_id U256 BE ‖ first_ts u64 BE ‖ last_ts u64 BE ‖ pubdata_hash ‖ priority_ops_hashes_hash ‖ l2_to_l1_logs_hashes_hash ‖ upgrade_tx_hash). */
export function blocksOutputHash(o: BlocksOutput): Uint8Array {
  check32(o.pubdataHash, "pubdataHash");
  check32(o.priorityOpsHashesHash, "priorityOpsHashesHash");
  check32(o.l2ToL1LogsHashesHash, "l2ToL1LogsHashesHash");
  check32(o.upgradeTxHash, "upgradeTxHash");
  return new Blake2s256()
    .update(u256Be(o.chainId, "chainId"))
    .update(u64Be(o.firstBlockTimestamp, "firstBlockTimestamp"))
    .update(u64Be(o.lastBlockTimestamp, "lastBlockTimestamp"))
    .update(o.pubdataHash)
    .update(o.priorityOpsHashesHash)
    .update(o.l2ToL1LogsHashesHash)
    .update(o.upgradeTxHash)
    .digest();
}

/** Blake2s of the concatenation of 32-byte hashes (priority-op hashes, L2→L1 log hashes); Blake2s("") for none. */
export function blakeOfHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const h = new Blake2s256();
  hashes.forEach((x, i) => {
    check32(x, `hashes[${i}]`);
    h.update(x);
  });
  return h.digest();
}

/** `BlocksPublicInput.hash` = Blake2s(state_before ‖ state_after ‖ blocks_output). */
export function blocksPublicInputHash(stateBefore: Uint8Array, stateAfter: Uint8Array, blocksOutput: Uint8Array): Uint8Array {
  check32(stateBefore, "stateBefore");
  check32(stateAfter, "stateAfter");
  check32(blocksOutput, "blocksOutput");
  return new Blake2s256().update(stateBefore).update(stateAfter).update(blocksOutput).digest();
}

/** The public input as the RISC-V image leaves it in x10..x17: eight little-endian u32 words. */
export function publicInputWords(publicInput: Uint8Array): number[] {
  check32(publicInput, "publicInput");
  const dv = new DataView(publicInput.buffer, publicInput.byteOffset, 32);
  return Array.from({ length: 8 }, (_, i) => dv.getUint32(4 * i, true));
}

// ---- wrap-in-batch (server image) ----

/** Simplified state commitment of the batch variant: Blake2s(root ‖ next_free_slot u64 BE). */
export function simplifiedStateCommitment(root: Uint8Array, nextFreeSlot: bigint | number): Uint8Array {
  check32(root, "root");
  return new Blake2s256().update(root).update(u64Be(nextFreeSlot, "nextFreeSlot")).digest();
}

/** DA commitment = Keccak(0^32 ‖ Keccak(pubdata) ‖ 0x01 ‖ 0^32): calldata DA with one "blob" whose hash L1 ignores. */
export function daCommitment(pubdataKeccak: Uint8Array): Uint8Array {
  check32(pubdataKeccak, "pubdataKeccak");
  return new Keccak256().update(new Uint8Array(32)).update(pubdataKeccak).update(Uint8Array.of(1)).update(new Uint8Array(32)).digest();
}

/** The full L2 logs root = Keccak(logs tree root ‖ aggregated root), the aggregated root being 0 here. */
export function l2LogsTreeFullRoot(logHashes: readonly Uint8Array[]): Uint8Array {
  return new Keccak256().update(logsTreeRoot(logHashes)).update(new Uint8Array(32)).digest();
}

/** Count and rolling hash of L1 transactions (`LogsStorage::l1_txs_commitment`). */
export interface L1TxsCommitment {
  readonly count: number;
  readonly rollingHash: Uint8Array;
}

/**
 * h0 = Keccak("") = 0xc5d2…a470, h_i = Keccak(h_{i−1} ‖ tx_hash_i), over every L1-transaction result log.
 * QUIRK (reference commit 0a82da0, copied): those logs exist for upgrade (0xFE) transactions as well, so
 * they are counted and hashed here too. Pass the tx hashes of all result logs, in log order.
 */
export function l1TxsCommitment(l1TxLogHashes: readonly Uint8Array[]): L1TxsCommitment {
  let rolling = keccak256(new Uint8Array(0));
  const buf = new Uint8Array(64);
  l1TxLogHashes.forEach((h, i) => {
    check32(h, `l1TxLogHashes[${i}]`);
    buf.set(rolling, 0);
    buf.set(h, 32);
    rolling = keccak256(buf);
  });
  return { count: l1TxLogHashes.length, rollingHash: rolling };
}

/** `BatchOutput`. */
export interface BatchOutput {
  readonly chainId: bigint | number;
  readonly firstBlockTimestamp: bigint | number;
  readonly lastBlockTimestamp: bigint | number;
  /** 20 bytes; zero in this version. */
  readonly usedL2DaValidatorAddress: Uint8Array;
  /** {@link daCommitment}. */
  readonly pubdataCommitment: Uint8Array;
  readonly numberOfLayer1Txs: bigint | number;
  /** {@link l1TxsCommitment} rolling hash. */
  readonly priorityOperationsHash: Uint8Array;
  /** {@link l2LogsTreeFullRoot}. */
  readonly l2LogsTreeRoot: Uint8Array;
  readonly upgradeTxHash: Uint8Array;
}

/** Keccak(chain_id U256 ‖ first_ts u64 ‖ last_ts u64 ‖ da_validator[20] ‖ pubdata_commitment ‖ number_of_l1_txs U256 ‖ priority_operations_hash ‖ l2_logs_tree_root ‖ upgrade_tx_hash). */
export function batchOutputHash(o: BatchOutput): Uint8Array {
  if (!(o.usedL2DaValidatorAddress instanceof Uint8Array) || o.usedL2DaValidatorAddress.length !== 20) {
    throw new ArgumentError("usedL2DaValidatorAddress must be a 20-byte Uint8Array");
  }
  check32(o.pubdataCommitment, "pubdataCommitment");
  check32(o.priorityOperationsHash, "priorityOperationsHash");
  check32(o.l2LogsTreeRoot, "l2LogsTreeRoot");
  check32(o.upgradeTxHash, "upgradeTxHash");
  return new Keccak256()
    .update(u256Be(o.chainId, "chainId"))
    .update(u64Be(o.firstBlockTimestamp, "firstBlockTimestamp"))
    .update(u64Be(o.lastBlockTimestamp, "lastBlockTimestamp"))
    .update(o.usedL2DaValidatorAddress)
    .update(o.pubdataCommitment)
    .update(u256Be(o.numberOfLayer1Txs, "numberOfLayer1Txs"))
    .update(o.priorityOperationsHash)
    .update(o.l2LogsTreeRoot)
    .update(o.upgradeTxHash)
    .digest();
}

/** `BatchPublicInput.hash` = Keccak(state_before ‖ state_after ‖ batch_output). */
export function batchPublicInputHash(stateBefore: Uint8Array, stateAfter: Uint8Array, batchOutput: Uint8Array): Uint8Array {
  check32(stateBefore, "stateBefore");
  check32(stateAfter, "stateAfter");
  check32(batchOutput, "batchOutput");
  return new Keccak256().update(stateBefore).update(stateAfter).update(batchOutput).digest();
}

/** Everything the block finalization produced, for {@link blockPublicInput} / {@link batchPublicInput}. */
export interface BlockCommitmentInput extends ChainStateInput {
  readonly chainId: bigint | number;
  readonly timestamp: bigint | number;
  readonly blockHash: Uint8Array;
  readonly rootBefore: Uint8Array;
  readonly nextFreeSlotBefore: bigint | number;
  readonly rootAfter: Uint8Array;
  readonly nextFreeSlotAfter: bigint | number;
  readonly pubdata: Uint8Array;
  /** Keccak hashes of all L2→L1 logs, in order. */
  readonly logHashes: readonly Uint8Array[];
  /** Hashes of the processed 0xFF transactions, in order. */
  readonly priorityTxHashes: readonly Uint8Array[];
  /** Transaction hashes of all L1-transaction result logs (0xFF and 0xFE), in log order. */
  readonly l1TxLogHashes: readonly Uint8Array[];
  /** Hash of the block's upgrade transaction, or null. */
  readonly upgradeTxHash: Uint8Array | null;
}

/** The per-block (Blake2s) public input of the default image, with its parts. */
export function blockPublicInput(b: BlockCommitmentInput): { stateBefore: Uint8Array; stateAfter: Uint8Array; blocksOutput: Uint8Array; publicInput: Uint8Array } {
  const stateBefore = chainStateBefore(b.rootBefore, b.nextFreeSlotBefore, b);
  const stateAfter = chainStateAfter(b.rootAfter, b.nextFreeSlotAfter, b, b.blockHash);
  const blocksOutput = blocksOutputHash({
    chainId: b.chainId,
    firstBlockTimestamp: b.timestamp,
    lastBlockTimestamp: b.timestamp,
    pubdataHash: blake2s256(b.pubdata),
    priorityOpsHashesHash: blakeOfHashes(b.priorityTxHashes),
    l2ToL1LogsHashesHash: blakeOfHashes(b.logHashes),
    upgradeTxHash: b.upgradeTxHash ?? new Uint8Array(32),
  });
  return { stateBefore, stateAfter, blocksOutput, publicInput: blocksPublicInputHash(stateBefore, stateAfter, blocksOutput) };
}

/** The batch (Keccak) public input of the server image (wrap-in-batch), with its parts. */
export function batchPublicInput(b: BlockCommitmentInput): { stateBefore: Uint8Array; stateAfter: Uint8Array; batchOutput: Uint8Array; publicInput: Uint8Array } {
  const stateBefore = simplifiedStateCommitment(b.rootBefore, b.nextFreeSlotBefore);
  const stateAfter = simplifiedStateCommitment(b.rootAfter, b.nextFreeSlotAfter);
  const l1 = l1TxsCommitment(b.l1TxLogHashes);
  const batchOutput = batchOutputHash({
    chainId: b.chainId,
    firstBlockTimestamp: b.timestamp,
    lastBlockTimestamp: b.timestamp,
    usedL2DaValidatorAddress: new Uint8Array(20),
    pubdataCommitment: daCommitment(keccak256(b.pubdata)),
    numberOfLayer1Txs: l1.count,
    priorityOperationsHash: l1.rollingHash,
    l2LogsTreeRoot: l2LogsTreeFullRoot(b.logHashes),
    upgradeTxHash: b.upgradeTxHash ?? new Uint8Array(32),
  });
  return { stateBefore, stateAfter, batchOutput, publicInput: batchPublicInputHash(stateBefore, stateAfter, batchOutput) };
}
