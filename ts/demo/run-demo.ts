/**
 * `zkos demo`'s work (issue 5): the demo block (ts/demo/block.ts) run forward on the in-memory state
 * (ts/chain.ts), run again recording its witness, then proved from that witness alone
 * (ts/bootloader/witness-run.ts); what each transaction did, both public inputs and the timings.
 * @module
 */
import { performance } from "node:perf_hooks";
import { Chain, type BlockResult } from "../chain";
import { bytesToHex } from "../primitives/hex";
import { zkProfile } from "../bootloader/profiles";
import type { ZkBlockResult } from "../bootloader/run-block";
import { proveWitness, recordFixtureWitnesses } from "../bootloader/witness-run";
import { ZkosError } from "../errors";
import { demoBlock, type DemoTxLabel } from "./block";

/** One transaction's outcome in the demo. */
export interface DemoTx extends DemoTxLabel {
  readonly hash: string;
  readonly status: "success" | "revert" | "invalid";
  readonly gasUsed: bigint;
  readonly error: string | null;
  readonly contractAddress: string | null;
  /** Events emitted. */
  readonly events: number;
  /** L2→L1 logs; `messages` counts those that carry a message (withdrawals). */
  readonly l2ToL1Logs: number;
  readonly messages: readonly string[];
}

/** Wall-clock times of the three runs, in milliseconds (noisy on a shared machine). */
export interface DemoTimings {
  /** Chain.runBlock, the first run in the process (cold: code not yet optimized by the JIT). */
  readonly forwardColdMs: number;
  /** Chain.runBlock on a fresh chain after the other runs (warm): the forward figure compared with proving. */
  readonly forwardMs: number;
  /** The forward run again through the recording oracle (with verify-and-apply of the tree update). */
  readonly recordMs: number;
  /** The proving run from the witness alone. */
  readonly proveMs: number;
}

/** Everything the demo found. */
export interface DemoResult {
  readonly block: ZkBlockResult;
  readonly transactions: readonly DemoTx[];
  readonly forwardPublicInput: string;
  /** The recording run's public input (the run whose witness is proved). */
  readonly recordedPublicInput: string;
  /** Null when the proving run rejected the witness (then `proveError` says why). */
  readonly provedPublicInput: string | null;
  readonly proveError: string | null;
  readonly witnessWords: number;
  /** Forward, recorded and proved public inputs all equal. */
  readonly equal: boolean;
  readonly timings: DemoTimings;
  /** The chain after the forward run, for reading balances and storage. */
  readonly chain: Chain;
}

/**
 * Runs the demo: builds the block, runs it forward, records its witness, proves it.
 * `progress` receives one line per step (the CLI prints them on stderr).
 */
export function runDemo(progress: (line: string) => void = () => {}): DemoResult {
  const { fixture, labels } = demoBlock();
  const { chain, blocks } = Chain.fromFixture(fixture);
  progress(`demo: forward run of block 1 (${blocks[0]!.transactions.length} transactions) on the in-memory state`);
  let t0 = performance.now();
  const forward = chain.runBlock(blocks[0]!) as BlockResult & ZkBlockResult;
  const forwardColdMs = performance.now() - t0;
  progress(`demo: forward run again, recording the witness`);
  t0 = performance.now();
  const recorded = recordFixtureWitnesses(fixture)[0]!;
  const recordMs = performance.now() - t0;
  progress(`demo: proving from the witness alone (${recorded.witness.length} words)`);
  t0 = performance.now();
  let proved: ZkBlockResult | null = null;
  let proveError: string | null = null;
  try {
    proved = proveWitness(recorded.witness, zkProfile("zksync-os")!);
  } catch (e) {
    if (!(e instanceof ZkosError)) throw e;
    proveError = e.message;
  }
  const proveMs = performance.now() - t0;
  progress(`demo: forward run again on a fresh chain, warm, for the timing`);
  const again = Chain.fromFixture(fixture);
  t0 = performance.now();
  again.chain.runBlock(again.blocks[0]!);
  const forwardMs = performance.now() - t0;
  const forwardPublicInput = bytesToHex(forward.publicInput);
  const recordedPublicInput = bytesToHex(recorded.result.publicInput);
  const provedPublicInput = proved === null ? null : bytesToHex(proved.publicInput);
  const transactions = forward.transactions.map((t, i): DemoTx => ({
    ...labels[i]!,
    hash: bytesToHex(t.hash),
    status: t.status,
    gasUsed: t.gasUsed,
    error: t.error,
    contractAddress: t.contractAddress,
    events: t.logs.length,
    l2ToL1Logs: t.l2ToL1Logs.length,
    messages: t.l2ToL1Logs.flatMap((l) => (l.message === null ? [] : [bytesToHex(l.message)])),
  }));
  return {
    block: forward, transactions, forwardPublicInput, recordedPublicInput, provedPublicInput, proveError,
    witnessWords: recorded.witness.length,
    equal: provedPublicInput === forwardPublicInput && recordedPublicInput === forwardPublicInput,
    timings: { forwardColdMs, forwardMs, recordMs, proveMs },
    chain,
  };
}
