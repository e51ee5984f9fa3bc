/**
 * The `merkle` bench suite (issue 5, "Speed"): verify_and_apply_batch (ts/storage/tree-batch.ts) for a
 * block that reads 1,000 existing slots, updates 1,000 and inserts 1,000 new ones, with the oracle's
 * answers replayed from memory as a proving run reads them, in tree nodes hashed per second; next to
 * one Blake2s node hash (64-byte input) by hash-wasm and by node:crypto (OpenSSL 'blake2s256'), and by
 * zkos's own per-call node hash, in the same run.
 * @module
 */
import { createHash, getHashes } from "node:crypto";
import { blake2sNodeInto } from "../ts/crypto/blake2s";
import { flatKey } from "../ts/storage/flat-key";
import type { LeafProof } from "../ts/storage/merkle";
import { StateTree } from "../ts/storage/tree";
import { verifyAndApplyBatch, type TouchedSlot, type TreeOracle } from "../ts/storage/tree-batch";
import type { BenchOptions, BenchSuite } from "./suites";
import { FULL_BUDGET, QUICK_BUDGET, loadPeer, runCases, type BenchCase, type Measurement } from "./_setup";
import { environment, fmt, printText, ratio, table, writeReport, type Environment } from "./_report";
import { measureProvingVsForward, type ProvingVsForward } from "./prove-vs-forward";

/** Leaves in the tree before the block (plus the two guards). */
const EXISTING_LEAVES = 100_000;
const EXISTING_LEAVES_QUICK = 10_000;
const READS = 1000;
const UPDATES = 1000;
const INSERTS = 1000;

export interface MerkleBenchReport {
  readonly suite: "merkle";
  readonly env: Environment;
  readonly quick: boolean;
  readonly block: {
    readonly existingLeaves: number;
    readonly reads: number;
    readonly updates: number;
    readonly inserts: number;
    readonly oracleQueries: number;
    readonly proofs: number;
    /** Blake2s computations per verify-and-apply (leaf hashes + node hashes). */
    readonly hashesPerBlock: number;
  };
  readonly method: string;
  readonly rows: readonly {
    readonly subject: string;
    readonly form: string;
    readonly usPerCall: number;
    readonly nodesPerSec: number;
    readonly rmePercent: number;
  }[];
  /** Nodes per second of the zkos verify-and-apply over each peer's per-node rate; > 1 means zkos is faster. */
  readonly ratios: Record<string, number | null>;
  readonly missing: readonly string[];
  /** A whole block's proving-mode run against its forward run (target: proving ≤ 1.5× forward). */
  readonly provingVsForward: ProvingVsForward;
  reportFile?: string | null;
}

/** Deterministic bytes (xorshift32), so every run builds the same tree and block. */
function bytesFrom(seed: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = seed | 0 || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

interface Block {
  readonly tree: StateTree;
  readonly slots: TouchedSlot[];
  readonly answers: (number | LeafProof)[];
}

// A tree of `existing` storage slots and a block touching READS + UPDATES of them and INSERTS new ones;
// slots are sorted by flat key, which stands in for storage-cache order (any fixed order works here).
function makeBlock(existing: number): Block {
  const key = (i: number): Uint8Array => flatKey(bytesFrom(i * 2 + 1, 20), bytesFrom(i * 2 + 2, 32));
  const tree = StateTree.fromEntries(Array.from({ length: existing }, (_, i) => ({ key: key(i), value: bytesFrom(1_000_000 + i, 32) })));
  const slots: TouchedSlot[] = [];
  const stride = Math.floor(existing / (READS + UPDATES));
  for (let j = 0; j < READS + UPDATES; j++) {
    const k = key(j * stride);
    const v = tree.getValue(k)!;
    slots.push({ flatKey: k, initial: v, final: j < READS ? v : bytesFrom(2_000_000 + j, 32), isNew: false });
  }
  for (let j = 0; j < INSERTS; j++) slots.push({ flatKey: key(existing + j), initial: new Uint8Array(32), final: bytesFrom(3_000_000 + j, 32), isNew: true });
  slots.sort((a, b) => Buffer.compare(a.flatKey, b.flatKey));
  const answers: (number | LeafProof)[] = [];
  const recorder: TreeOracle = {
    prevIndex: (k) => { const i = tree.prevIndex(k); answers.push(i); return i; },
    exactIndex: (k) => { const i = tree.exactIndex(k); answers.push(i); return i; },
    proofForIndex: (i) => { const p = tree.proofForIndex(i); answers.push(p); return p; },
  };
  verifyAndApplyBatch(tree.commitment, slots, recorder);
  return { tree, slots, answers };
}

// Hands out the recorded answers in order, as a proving run reads its witness.
function replay(answers: readonly (number | LeafProof)[]): TreeOracle {
  let i = 0;
  return {
    prevIndex: () => answers[i++] as number,
    exactIndex: () => answers[i++] as number,
    proofForIndex: () => answers[i++] as LeafProof,
  };
}

async function run(opts: BenchOptions): Promise<MerkleBenchReport> {
  const env = environment();
  const missing: string[] = [];
  const existing = opts.quick ? EXISTING_LEAVES_QUICK : EXISTING_LEAVES;
  opts.io.err(`bench merkle: building a tree of ${existing} leaves and recording the block's oracle answers\n`);
  const block = makeBlock(existing);
  const commitment = block.tree.commitment;
  const once = verifyAndApplyBatch(commitment, block.slots, replay(block.answers));
  // A few untimed blocks first, so even a quick run times optimized code (one block takes ~10 ms).
  for (let i = 0; i < 5; i++) verifyAndApplyBatch(commitment, block.slots, replay(block.answers));
  const forward = block.tree.clone();
  forward.applyWrites(block.slots.filter((s) => Buffer.compare(s.initial, s.final) !== 0).map((s) => ({ key: s.flatKey, value: s.final })));
  if (Buffer.compare(forward.root, once.root) !== 0 || forward.nextFreeSlot !== once.nextFreeSlot) {
    throw new Error("bench merkle: the verified root differs from the tree's root after the writes");
  }

  const left = bytesFrom(7, 32);
  const right = bytesFrom(8, 32);
  const node = new Uint8Array(64);
  node.set(left);
  node.set(right, 32);
  const out32 = new Uint8Array(32);
  blake2sNodeInto(left, right, out32);
  const expected = Buffer.from(out32).toString("hex");
  const cases: BenchCase[] = [
    { group: "block", subject: "zkos verify_and_apply_batch", bytes: 0, fn: () => verifyAndApplyBatch(commitment, block.slots, replay(block.answers)) },
    { group: "node", subject: "zkos blake2sNodeInto", bytes: 64, fn: () => blake2sNodeInto(left, right, out32) },
  ];
  const hw = await loadPeer("hash-wasm", () => import("hash-wasm"), opts.io);
  if (hw.ok) {
    const h = await hw.mod.createBLAKE2s();
    if (Buffer.from(h.init().update(node).digest("binary")).toString("hex") !== expected) throw new Error("bench merkle: hash-wasm disagrees");
    cases.push({ group: "node", subject: "hash-wasm", bytes: 64, fn: () => h.init().update(node).digest("binary") });
  } else missing.push(hw.reason);
  if (getHashes().includes("blake2s256")) {
    if (createHash("blake2s256").update(node).digest("hex") !== expected) throw new Error("bench merkle: node:crypto disagrees");
    cases.push({ group: "node", subject: "node:crypto", bytes: 64, fn: () => createHash("blake2s256").update(node).digest() });
  } else {
    const reason = `node:crypto (OpenSSL ${process.versions.openssl}) has no 'blake2s256'`;
    opts.io.err(`bench merkle: ${reason}\n`);
    missing.push(reason);
  }

  const budget = opts.quick ? { ...QUICK_BUDGET, timeMs: 200 } : { ...FULL_BUDGET, timeMs: 600 };
  opts.io.err(`bench merkle: ${cases.length} cases; ${once.hashes} hashes per block; machine: ${env.cpu}, ${env.cores} cores, node ${env.node}\n`);
  const measured = await runCases(cases, budget, opts.io);
  const nodesPerSec = (m: Measurement): number => (m.group === "block" ? once.hashes : 1) * m.opsPerSec;
  const forms: Record<string, string> = {
    "zkos verify_and_apply_batch": "one block: all reads and writes verified against the old root, new root computed (hashes/s)",
    "zkos blake2sNodeInto": "one node per call through the TS API (copy in, WASM compress, copy out)",
    "hash-wasm": "createBLAKE2s() hasher reused: init().update(64 B).digest('binary')",
    "node:crypto": "createHash('blake2s256').update(64 B).digest()",
  };
  const rows = measured.map((m) => ({ subject: m.subject, form: forms[m.subject]!, usPerCall: m.usPerCall, nodesPerSec: nodesPerSec(m), rmePercent: m.rmePercent }));
  const blockM = measured[0]!;
  const ratios: Record<string, number | null> = {};
  for (const peer of ["hash-wasm", "node:crypto", "zkos blake2sNodeInto"]) {
    const m = measured.find((x) => x.subject === peer);
    ratios[`zkos-block/${peer}`] = m === undefined ? null : nodesPerSec(blockM) / nodesPerSec(m);
  }
  ratios["zkos-node/hash-wasm"] = ratio(measured.find((x) => x.subject === "zkos blake2sNodeInto"), measured.find((x) => x.subject === "hash-wasm"));

  const proofs = block.answers.filter((a) => typeof a !== "number").length;
  opts.io.err("bench merkle: proving-mode run vs forward run of the demo block\n");
  const pvf = measureProvingVsForward(opts.quick ? 5 : 20);
  const report: MerkleBenchReport = {
    suite: "merkle",
    env,
    quick: opts.quick,
    block: { existingLeaves: existing, reads: READS, updates: UPDATES, inserts: INSERTS, oracleQueries: block.answers.length, proofs, hashesPerBlock: once.hashes },
    method:
      `tinybench 6, ${budget.rounds} round(s), ~${budget.timeMs} ms per case and round, fastest round's median. The block's oracle ` +
      `answers are recorded once from the tree and replayed from memory, so the timed run is the proving-side work: every ` +
      `check, the leaf hashes and the batched fold of both roots (one WASM call). Nodes/s = hashes per block / seconds per block. ` +
      `Peers hash one 64-byte node per call. The machine is shared with other jobs: figures are noisy.`,
    rows,
    ratios,
    missing,
    provingVsForward: pvf,
  };
  const body = rows.map((r) => [r.subject, fmt(r.usPerCall), fmt(r.nodesPerSec / 1e6), r.subject.startsWith("zkos verify") ? "" : fmt(ratios[`zkos-block/${r.subject}`])]);
  printText(
    [
      `block: ${existing} leaves before; ${READS} reads, ${UPDATES} updates, ${INSERTS} inserts; ${block.answers.length} oracle answers (${proofs} proofs); ${once.hashes} hashes`,
      table(["subject", "µs/call", "M nodes/s", "block/this"], body),
      "block/this: nodes per second inside zkos's verify-and-apply over this subject's; > 1 means the batch hashes faster.",
      "",
      `proving vs forward, demo block (${pvf.transactions} transactions, ${pvf.witnessWords} witness words), best of ${pvf.rounds}:`,
      table(["run", "ms"], [["forward (Chain.runBlock)", fmt(pvf.forwardMs)], ["proving (witness only)", fmt(pvf.provingMs)]]),
      `proving/forward = ${fmt(pvf.ratio)} (target ≤ 1.5)`,
    ].join("\n"),
    opts.json,
    opts.io,
  );
  report.reportFile = writeReport("merkle", report, opts.io);
  return report;
}

export const merkleSuite: BenchSuite = {
  name: "merkle",
  summary: "state-tree verify-and-apply of a 3,000-slot block, in nodes/s, vs hash-wasm and node:crypto Blake2s per node",
  run,
};
