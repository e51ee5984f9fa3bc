/**
 * Forward runs that record the witness, and proving runs from a witness (riscv-machine.md §3.5,
 * interfaces.md §5, issue 5): the same bootloader (run-block.ts) over a RecordingOracle on the
 * in-memory state, or over a WitnessOracle that reads and verifies nothing but witness words.
 * @module
 */
import { InMemoryState } from "../oracle/in-memory-state";
import { RecordingOracle, type RecordedQuery } from "../oracle/recording-oracle";
import { WitnessOracle } from "../oracle/witness-oracle";
import { fixtureOracle } from "../riscv/fixture-oracle";
import { UsageError } from "../errors";
import type { BlockFixture } from "./fixture";
import { zkProfile, type ZkProfile } from "./profiles";
import { runZkBlock, type ZkBlockResult } from "./run-block";

/** One block's forward run with its witness. */
export interface RecordedBlock {
  readonly result: ZkBlockResult;
  /** The words the RISC-V image reads for this block, in order. */
  readonly witness: Uint32Array;
  /** The queries, in the order asked. */
  readonly queries: readonly RecordedQuery[];
}

/**
 * Forward-runs every block of a ZKsync OS fixture, each on the state the previous one left, recording
 * each block's witness. The tree update is verified with verify-and-apply (its PrevIndex, ExactIndex
 * and ProofForIndex queries are part of the witness) and checked against the applied state.
 * @throws UsageError for an ethereum-profile fixture (it has no oracle); InternalBlockError when ZKsync
 * OS would abort a block
 */
export function recordFixtureWitnesses(fixture: BlockFixture): RecordedBlock[] {
  const profile = zkProfile(fixture.profile);
  if (profile === null) throw new UsageError(`a ${fixture.profile}-profile fixture has no oracle and no witness`);
  const state = InMemoryState.fromPreState(fixture.state);
  const out: RecordedBlock[] = [];
  const hashes: Uint8Array[] = [];
  fixture.blocks.forEach((_, blockIndex) => {
    const f = fixtureOracle(fixture, { blockIndex, preState: state, previousBlockHashes: hashes.slice().reverse() });
    const recording = new RecordingOracle(f.oracle);
    const result = runZkBlock(recording, profile, {
      reportedHashes: f.transactions.map((t) => t.hash),
      verifyTree: true,
      apply: (io) => {
        state.apply(io);
        return state.tree.commitment;
      },
    });
    hashes.push(result.hash);
    out.push({ result, witness: recording.witness(), queries: recording.queries });
  });
  return out;
}

/**
 * Proving run: the bootloader over a {@link WitnessOracle} only, the tree update from verify-and-apply
 * over the witness's proofs, preimages re-hashed; the whole witness must be read.
 * @throws WitnessError naming the first answer that does not fit; TreeProofError for a proof that does
 * not verify against the committed root; InternalBlockError when the block would abort
 */
export function proveWitness(words: Uint32Array, profile: ZkProfile): ZkBlockResult {
  const oracle = new WitnessOracle(words);
  const result = runZkBlock(oracle, profile);
  oracle.assertConsumed();
  return result;
}
