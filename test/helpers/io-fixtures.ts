// Shared fixtures of the System/IO tests: block metadata, short addresses and words, an in-memory
// state with its oracle, and an oracle wrapper that records the queries it answers.
import { addressOfNumber, type Address } from "../../ts/state/address";
import { wordFromBigint, type Word } from "../../ts/state/word";
import type { AllocAccount } from "../../ts/state/world-state";
import { InMemoryState } from "../../ts/oracle/in-memory-state";
import type { BlockMetadata, Oracle } from "../../ts/oracle/oracle";
import { IOSubsystem } from "../../ts/system/io-subsystem";

export const addr = (n: number): Address => addressOfNumber(n);
export const word = (v: bigint | number): Word => wordFromBigint(BigInt(v));

export function metadata(): BlockMetadata {
  return {
    eip1559BaseFee: 1000n, gasPerPubdata: 1n, nativePrice: 10n, blockNumber: 1n, timestamp: 1_700_000_000n,
    chainId: 270n, gasLimit: 1n << 40n, coinbase: new Uint8Array(20).fill(0xcb), blockHashes: new Array<bigint>(256).fill(0n), mixHash: 0n,
  };
}

/** Records the name and first argument of every query, and forwards it. */
export class RecordingOracle implements Oracle {
  readonly log: string[] = [];
  constructor(private readonly inner: Oracle) {}
  nextTxSize(): number { this.log.push("NextTxSize"); return this.inner.nextTxSize(); }
  newTxContent(): Uint8Array { this.log.push("NewTxContent"); return this.inner.newTxContent(); }
  initializeIOImplementer() { this.log.push("InitializeIOImplementer"); return this.inner.initializeIOImplementer(); }
  blockLevelMetadata() { this.log.push("BlockLevelMetadata"); return this.inner.blockLevelMetadata(); }
  initialStorageSlotData(a: Address, k: Word) { this.log.push(`InitialStorageSlotData ${a}`); return this.inner.initialStorageSlotData(a, k); }
  preimageContent(h: Uint8Array): Uint8Array { this.log.push("PreimageContentWords"); return this.inner.preimageContent(h); }
  disconnect(): void { this.log.push("DisconnectOracle"); }
  proofForIndex(i: number) { this.log.push(`ProofForIndex ${i}`); return this.inner.proofForIndex(i); }
  prevIndex(k: Uint8Array): number { this.log.push("PrevIndex"); return this.inner.prevIndex(k); }
  exactIndex(k: Uint8Array): number { this.log.push("ExactIndex"); return this.inner.exactIndex(k); }
}

/** A state from `alloc`, a recording oracle over it and an IO subsystem in its first transaction. */
export function setup(alloc: Record<string, AllocAccount> = {}, verifyPreimages = false): { state: InMemoryState; oracle: RecordingOracle; io: IOSubsystem } {
  const state = InMemoryState.fromPreState(alloc);
  const oracle = new RecordingOracle(state.oracle(metadata()));
  const io = new IOSubsystem(oracle, { verifyPreimages });
  io.beginNextTx();
  return { state, oracle, io };
}
