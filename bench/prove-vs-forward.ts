/**
 * Proving-mode run against the forward run of the same block (issue 5, "Speed": proving at most
 * 1.5× the forward time), on the demo block (ts/demo/block.ts: deposit, transfers, ERC-20 calls, a
 * deployment, a withdrawal): the forward run is Chain.runBlock on a fresh chain (its set-up is not
 * timed), the proving run is proveWitness on the witness that a recording forward run wrote.
 * @module
 */
import { performance } from "node:perf_hooks";
import { Chain } from "../ts/chain";
import { demoBlock } from "../ts/demo/block";
import { proveWitness, recordFixtureWitnesses } from "../ts/bootloader/witness-run";
import { zkProfile } from "../ts/bootloader/profiles";
import { bytesToHex } from "../ts/primitives/hex";

export interface ProvingVsForward {
  readonly transactions: number;
  readonly witnessWords: number;
  readonly rounds: number;
  /** Best forward time (ms) over the rounds. */
  readonly forwardMs: number;
  /** Best proving time (ms) over the rounds. */
  readonly provingMs: number;
  /** provingMs / forwardMs: the target is at most 1.5. */
  readonly ratio: number;
}

/** Times both runs `rounds` times, interleaved, and keeps each one's best; checks the public inputs agree. */
export function measureProvingVsForward(rounds: number): ProvingVsForward {
  const { fixture } = demoBlock();
  const recorded = recordFixtureWitnesses(fixture)[0]!;
  const profile = zkProfile("zksync-os")!;
  let forwardMs = Infinity;
  let provingMs = Infinity;
  for (let i = 0; i < rounds; i++) {
    const { chain, blocks } = Chain.fromFixture(fixture);
    let t0 = performance.now();
    const forward = chain.runBlock(blocks[0]!);
    forwardMs = Math.min(forwardMs, performance.now() - t0);
    t0 = performance.now();
    const proved = proveWitness(recorded.witness, profile);
    provingMs = Math.min(provingMs, performance.now() - t0);
    if (forward.publicInput === null || bytesToHex(proved.publicInput) !== bytesToHex(forward.publicInput)) {
      throw new Error("bench merkle: the proved public input differs from the forward one");
    }
  }
  return {
    transactions: fixture.blocks[0]!.transactions.length,
    witnessWords: recorded.witness.length,
    rounds,
    forwardMs,
    provingMs,
    ratio: provingMs / forwardMs,
  };
}
