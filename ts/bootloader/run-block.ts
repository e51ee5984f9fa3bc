/**
 * The ZKsync OS block loop in forward mode (basic_bootloader mod.rs `run_prepared` and io_subsystem.rs
 * `finish` at 0a82da0; zksync-os-reference.md §4, §7): metadata from the oracle; per transaction —
 * IO begin, coinbase warmed, the transaction processed, the rolling hash, IO finish, 0x8001's
 * balance moved to the coinbase; then the header and its hash, the block's IO lists, the tree
 * (forward: applied to the in-memory state; optionally also verified by verify-and-apply), the
 * pubdata, the logs and the public input of the profile.
 * @module
 */
import type { TracerFactory } from "../tracing/tracer";
import { addressFromBytes, type Address } from "../state/address";
import { EE_TYPE_NONE } from "../storage/account-properties";
import { verifyAndApplyBatch } from "../storage/tree-batch";
import type { Oracle } from "../oracle/oracle";
import type { BlockMetadata } from "../oracle/block-metadata";
import type { BlockIOResult } from "../system/io";
import { IOSubsystem } from "../system/io-subsystem";
import type { EmittedEvent } from "../system/events";
import { Resources } from "../system/resources";
import { blockHeaderHash, nextTransactionsRollingHash, zksyncBlockHeader, type BlockHeader } from "../l1/block-header";
import { blockPubdata } from "../l1/pubdata";
import { l2ToL1LogHash, type L2ToL1LogWithMessage } from "../l1/l2-to-l1-logs";
import { batchPublicInput, blockPublicInput } from "../l1/public-input";
import { InternalBlockError, type InvalidTransaction } from "../zksync/validation-errors";
import { bigintToBytes } from "../primitives/hex";
import { BOOTLOADER_ADDRESS } from "./account-models";
import type { ZkProfile } from "./profiles";
import { abiBodyHash, type HashesAhead, type RecoveredSenders } from "./prepare";
import type { BlockEnv, ExecutionOutcome } from "./tx/context";
import { processTransaction } from "./tx/process";
import type { ZkSystem } from "./zk-exec";

/** One transaction's result in a ZKsync OS block. */
export interface ZkTransactionResult {
  /** The hash the result reports (prepare.ts). */
  readonly hash: Uint8Array;
  /** The reference's hash (tx rolling hash); null for an invalid transaction. */
  readonly referenceHash: Uint8Array | null;
  readonly status: "success" | "revert" | "invalid";
  /** Why it reverted or is invalid (invalid: "<ReferenceName>: <message>"); null on success. */
  readonly error: string | null;
  /** The InvalidTransaction of an invalid transaction. */
  readonly invalid: InvalidTransaction | null;
  /** Its reference name (`NonceTooHigh`, ...); null for a valid transaction. */
  readonly errorName: string | null;
  readonly gasUsed: bigint;
  readonly contractAddress: Address | null;
  readonly returnData: Uint8Array;
  readonly logs: readonly EmittedEvent[];
  readonly l2ToL1Logs: readonly L2ToL1LogWithMessage[];
  /** The transaction's number in the block (invalid ones count). */
  readonly txNumber: number;
}

/** What a block gave. */
export interface ZkBlockResult {
  readonly number: bigint;
  /** Keccak of the header (the pubdata's first 32 bytes). */
  readonly hash: Uint8Array;
  readonly header: BlockHeader;
  readonly stateRootBefore: Uint8Array;
  readonly nextFreeSlotBefore: number;
  readonly stateRootAfter: Uint8Array;
  readonly nextFreeSlotAfter: number;
  /** 32 bytes; its eight little-endian u32 words are the RISC-V image's x10..x17. */
  readonly publicInput: Uint8Array;
  readonly pubdata: Uint8Array;
  readonly transactions: readonly ZkTransactionResult[];
  /** The block's IO lists (storage writes, changed accounts, preimages, events, logs). */
  readonly io: BlockIOResult;
}

/** Options of {@link runZkBlock}. */
export interface RunZkBlockOptions {
  /** The hash each transaction's result reports, in oracle order, or a function of the index (default: the reference hash). */
  readonly reportedHashes?: readonly Uint8Array[] | ((index: number) => Uint8Array);
  /** ecrecover results computed ahead. */
  readonly recovered?: RecoveredSenders;
  /** The bootloader's tx and signed hashes of a body the oracle handed out, when computed ahead (prepare.ts). */
  readonly hashesAhead?: (body: Uint8Array) => HashesAhead | undefined;
  /**
   * Forward mode: applies the block's writes to the state behind the oracle and returns the new
   * commitment. Without it the tree update comes from verify-and-apply over the oracle's proofs.
   */
  readonly apply?: (io: BlockIOResult) => { readonly root: Uint8Array; readonly nextFreeSlot: number };
  /** With `apply`: also run verify-and-apply and check both give the same commitment. */
  readonly verifyTree?: boolean;
  /** Call-simulation config (no validation, no refund); no tree update. */
  readonly simulate?: boolean;
  /**
   * Each transaction's tracer (index in the block; no free state reader under ZKsync OS). It sees
   * the execution phase's frames; validation and paymaster calls are not traced.
   */
  readonly tracer?: TracerFactory;
}

function word32(v: bigint): Uint8Array {
  return bigintToBytes(v, 32);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The runner's block context for the metadata. */
function systemFor(io: IOSubsystem, m: BlockMetadata, profile: ZkProfile): ZkSystem {
  return {
    io,
    block: {
      chainId: m.chainId, number: m.blockNumber, timestamp: m.timestamp, baseFee: m.eip1559BaseFee, gasLimit: m.gasLimit,
      coinbase: addressFromBytes(m.coinbase), mixHash: word32(m.mixHash), blockHashes: m.blockHashes.map(word32),
    },
    tx: { origin: addressFromBytes(new Uint8Array(20)), gasPrice: 0n },
    flags: profile.exec,
  };
}

interface PendingResult {
  readonly reportedHash: Uint8Array;
  readonly txNumber: number;
  readonly invalid: InvalidTransaction | null;
  readonly outcome: ExecutionOutcome | null;
  readonly gasUsed: bigint;
  readonly referenceHash: Uint8Array | null;
}

/** Items grouped by transaction number, in order. */
function byTxNumber<T>(items: readonly T[], txNumber: (t: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const it of items) {
    const n = txNumber(it);
    const list = out.get(n);
    if (list === undefined) out.set(n, [it]);
    else list.push(it);
  }
  return out;
}

function resultOf(p: PendingResult, events: Map<number, EmittedEvent[]>, logs: Map<number, L2ToL1LogWithMessage[]>): ZkTransactionResult {
  if (p.invalid !== null) {
    return {
      hash: p.reportedHash, referenceHash: null, status: "invalid", error: p.invalid.message, invalid: p.invalid, errorName: p.invalid.reason, gasUsed: 0n,
      contractAddress: null, returnData: new Uint8Array(0), logs: [], l2ToL1Logs: [], txNumber: p.txNumber,
    };
  }
  const o = p.outcome!;
  return {
    hash: p.reportedHash, referenceHash: p.referenceHash, status: o.status, error: o.error, invalid: null, errorName: null, gasUsed: p.gasUsed,
    contractAddress: o.contractAddress, returnData: o.returnData, logs: events.get(p.txNumber) ?? [], l2ToL1Logs: logs.get(p.txNumber) ?? [],
    txNumber: p.txNumber,
  };
}

/**
 * Runs the block the oracle describes (its metadata and transactions) and finalizes it.
 * @throws InternalBlockError when the reference would abort the block; InputError / TreeProofError
 * from an oracle whose answers do not hold together
 */
export function runZkBlock(oracle: Oracle, profile: ZkProfile, options: RunZkBlockOptions = {}): ZkBlockResult {
  const m = oracle.blockLevelMetadata();
  const io = new IOSubsystem(oracle);
  const sys = systemFor(io, m, profile);
  const env: BlockEnv = { io, sys, profile, metadata: m, recovered: options.recovered, simulate: options.simulate ?? false, hashesAhead: undefined, tracer: null };
  const coinbase = addressFromBytes(m.coinbase);
  const pending: PendingResult[] = [];
  let rollingHash: Uint8Array = new Uint8Array(32);
  const priorityTxHashes: Uint8Array[] = [];
  let upgradeTxHash: Uint8Array | null = null;
  let index = 0;
  while (oracle.nextTxSize() !== 0) {
    const body = oracle.newTxContent();
    env.hashesAhead = options.hashesAhead?.(body);
    const reported = options.reportedHashes;
    const reportedHash = reported === undefined ? null : typeof reported === "function" ? reported(index) : (reported[index] ?? null);
    index++;
    io.beginNextTx();
    io.readAccountProperties(EE_TYPE_NONE, Resources.formalInfinite(), coinbase);
    const txNumber = io.txNumber;
    env.tracer = options.tracer?.(index - 1, null) ?? null;
    const r = processTransaction(env, body, index === 1);
    if (env.tracer !== null && r.kind !== "invalid") env.tracer.txEnd(r.gasUsed);
    if (r.kind === "invalid") {
      pending.push({ reportedHash: reportedHash ?? abiBodyHash(body, m.chainId), txNumber, invalid: r.error, outcome: null, gasUsed: 0n, referenceHash: null });
    } else {
      pending.push({ reportedHash: reportedHash ?? r.txHash, txNumber, invalid: null, outcome: r.outcome, gasUsed: r.gasUsed, referenceHash: r.txHash });
      rollingHash = nextTransactionsRollingHash(rollingHash, r.txHash);
      if (r.isL1Tx) priorityTxHashes.push(r.txHash);
      if (r.isUpgradeTx) upgradeTxHash = r.txHash;
    }
    io.finishTx();
    const infinite = Resources.formalInfinite();
    const fees = io.getNominalTokenBalance(EE_TYPE_NONE, infinite, BOOTLOADER_ADDRESS);
    if (fees !== 0n) io.transferNominalTokenValue(EE_TYPE_NONE, infinite, BOOTLOADER_ADDRESS, coinbase, fees);
  }

  const blockHashes = m.blockHashes.map(word32);
  const header = zksyncBlockHeader({
    blockHashes, coinbase: m.coinbase, transactionsRollingHash: rollingHash, number: m.blockNumber, gasLimit: m.gasLimit,
    timestamp: m.timestamp, baseFeePerGas: m.eip1559BaseFee,
  });
  const hash = blockHeaderHash(header);
  const before = oracle.initializeIOImplementer();
  const ioResult = io.finishBlock();
  const nextFreeSlotBefore = Number(before.nextFreeSlot);
  let stateRootAfter = before.stateRoot;
  let nextFreeSlotAfter = nextFreeSlotBefore;
  if (options.simulate !== true) {
    const verify = options.apply === undefined || options.verifyTree === true;
    const verified = verify ? verifyAndApplyBatch({ root: before.stateRoot, nextFreeSlot: nextFreeSlotBefore }, ioResult.touchedSlots, oracle) : null;
    const after = options.apply !== undefined ? options.apply(ioResult) : verified!;
    if (verified !== null && (!equalBytes(verified.root, after.root) || verified.nextFreeSlot !== after.nextFreeSlot)) {
      throw new InternalBlockError("tree", "verify-and-apply and the applied state disagree on the new root");
    }
    stateRootAfter = after.root;
    nextFreeSlotAfter = after.nextFreeSlot;
  }
  oracle.disconnect();
  const pubdata = blockPubdata({ blockHash: hash, stateDiffs: ioResult.stateDiffs, logs: ioResult.logs });
  const commitment = {
    chainId: m.chainId, timestamp: m.timestamp, blockNumber: m.blockNumber, blockHashes, blockHash: hash,
    rootBefore: before.stateRoot, nextFreeSlotBefore, rootAfter: stateRootAfter, nextFreeSlotAfter, pubdata,
    logHashes: ioResult.logs.map((l) => l2ToL1LogHash(l.log)),
    priorityTxHashes,
    l1TxLogHashes: ioResult.logs.filter((l) => l.message === null).map((l) => l.log.key),
    upgradeTxHash,
  };
  const events = byTxNumber(ioResult.events, (e) => e.txNumber);
  const logs = byTxNumber(ioResult.logs, (l) => l.log.txNumberInBlock);
  const publicInput = profile.publicInput === "block" ? blockPublicInput(commitment).publicInput : batchPublicInput(commitment).publicInput;
  return {
    number: m.blockNumber, hash, header, stateRootBefore: before.stateRoot, nextFreeSlotBefore, stateRootAfter, nextFreeSlotAfter,
    publicInput, pubdata, io: ioResult,
    transactions: pending.map((p) => resultOf(p, events, logs)),
  };
}
