/**
 * `zkos bench replay`: mainnet block 22244135 (125 transactions, ../shared/fixtures/mainnet-blocks)
 * replayed under the `ethereum` profile, in gas per second, next to @ethereumjs/vm replaying the same
 * transactions on the same pre-state in the same run (issue 7). Each form decodes the raw
 * transactions and recovers their senders inside the timed section; the pre-state is built untimed.
 * @module
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BlockDump } from "../ts/replay/block-dump";
import { loadBlockDump } from "../ts/replay/block-dump-io";
import { replayBlock } from "../ts/replay/replay";
import { EthereumReplayExecutor, dumpBlockContext } from "../ts/replay/ethereum-executor";
import { buildPreState, preStateAlloc, type AllocValues } from "../ts/replay/prestate";
import { decodeTransaction } from "../ts/ethereum/transaction";
import { processTransaction } from "../ts/ethereum/process-transaction";
import { WorldState } from "../ts/state/world-state";
import type { BenchOptions, BenchSuite } from "./suites";
import { loadPeer } from "./_setup";
import { environment, fmt, median, printText, table, writeReport, type Environment } from "./_report";

const BLOCK_DIR = fileURLToPath(new URL("../../shared/fixtures/mainnet-blocks/22244135/", import.meta.url));

const FORMS = {
  "zkos": "processTransaction (ethereum profile) per transaction: decodeTransaction(raw) (sender recovered), WorldState",
  "zkos replay": "zkos replay's executor: as zkos (senders from the loader), plus the touched-account collector and the comparison with receipts and diff traces",
  "ethereumjs": "@ethereumjs/vm runTx per transaction (createTxFromRLP, Cancun, mainnet chain id) on its default Merkle state manager, block header from block.json",
} as const;
type Subject = keyof typeof FORMS;

interface Row {
  readonly subject: Subject;
  readonly bestMs: number;
  readonly medianMs: number;
  readonly mgasPerSec: number;
  /** Over ethereumjs's best time. */
  readonly speedup: number | null;
}

/** The JSON report of `zkos bench replay`. */
export interface ReplayBenchReport {
  readonly suite: "replay";
  readonly env: Environment;
  readonly quick: boolean;
  readonly block: number;
  readonly transactions: number;
  readonly gasUsed: string;
  readonly rounds: number;
  readonly method: string;
  readonly forms: typeof FORMS;
  /** Before timing: every form's gas per transaction equals the receipts. */
  readonly check: { readonly zkosMatches: boolean; readonly peerMatches: boolean | null };
  readonly rows: Row[];
  readonly missing: string[];
}

type EjsModules = {
  vm: typeof import("@ethereumjs/vm");
  block: typeof import("@ethereumjs/block");
  tx: typeof import("@ethereumjs/tx");
  common: typeof import("@ethereumjs/common");
  util: typeof import("@ethereumjs/util");
};

/** zkos without the replay's checking: each raw transaction decoded and processed; gas used per transaction. */
function runZkos(dump: BlockDump, alloc: Map<string, AllocValues>): bigint[] {
  const state = WorldState.fromAlloc(alloc);
  const block = dumpBlockContext(dump.block);
  const gas: bigint[] = [];
  let used = 0n;
  for (const t of dump.transactions) {
    const out = processTransaction(state, block, decodeTransaction(t.tx.raw), { gasAvailable: block.gasLimit - used });
    const g = out.kind === "executed" ? out.gasUsed : -1n;
    used += g;
    gas.push(g);
  }
  return gas;
}

/** @ethereumjs/vm over the dumps' pre-state: `prepare` (untimed) builds the VM, `run` is timed. */
class EthereumjsReplay {
  private readonly common;
  constructor(private readonly m: EjsModules, private readonly dump: BlockDump, private readonly alloc: Map<string, AllocValues>) {
    this.common = m.common.createCustomCommon({ chainId: Number(dump.block.chainId) }, m.common.Mainnet, { hardfork: m.common.Hardfork.Cancun });
  }

  async prepare(): Promise<InstanceType<EjsModules["vm"]["VM"]>> {
    const { util } = this.m;
    const vm = await this.m.vm.createVM({ common: this.common.copy() });
    const sm = vm.stateManager;
    for (const [address, a] of this.alloc) {
      const addr = util.createAddressFromString(address);
      await sm.putAccount(addr, util.createAccount({ nonce: a.nonce, balance: a.balance }));
      if (a.code.length > 0) await sm.putCode(addr, a.code);
      for (const [slot, value] of a.storage) {
        if (value !== 0n) await sm.putStorage(addr, util.setLengthLeft(util.bigIntToBytes(slot), 32), util.bigIntToUnpaddedBytes(value));
      }
    }
    await sm.checkpoint();
    await sm.commit();
    return vm;
  }

  async run(vm: InstanceType<EjsModules["vm"]["VM"]>): Promise<bigint[]> {
    const b = this.dump.block;
    const block = this.m.block.createBlock({
      header: {
        number: b.number, timestamp: b.timestamp, gasLimit: b.gasLimit, baseFeePerGas: b.baseFee, coinbase: this.m.util.createAddressFromString(b.coinbase),
        mixHash: b.prevRandao, excessBlobGas: 0n, blobGasUsed: 0n, parentBeaconBlockRoot: new Uint8Array(32),
      },
    }, { common: vm.common });
    const gas: bigint[] = [];
    for (const t of this.dump.transactions) {
      const tx = this.m.tx.createTxFromRLP(t.tx.raw, { common: vm.common });
      const r = await this.m.vm.runTx(vm, { tx, block, skipBlockGasLimitValidation: true });
      gas.push(r.totalGasSpent);
    }
    return gas;
  }
}

async function run(opts: BenchOptions): Promise<ReplayBenchReport | null> {
  const env = environment();
  if (!existsSync(BLOCK_DIR)) {
    opts.io.err(`bench replay: ${BLOCK_DIR} not found (the shared fixtures sit beside the package)\n`);
    return null;
  }
  const rounds = opts.quick ? 1 : 7;
  const missing: string[] = [];
  const dump = loadBlockDump(BLOCK_DIR);
  const alloc = preStateAlloc(buildPreState(dump));
  const want = dump.transactions.map((t) => t.receipt.gasUsed);
  const gasUsed = want.reduce((a, b) => a + b, 0n);
  const same = (got: bigint[]): boolean => got.length === want.length && got.every((g, i) => g === want[i]);

  const check: { zkosMatches: boolean; peerMatches: boolean | null } = { zkosMatches: same(runZkos(dump, alloc)), peerMatches: null };
  if (!check.zkosMatches) throw new Error("bench replay: zkos's gas per transaction differs from the receipts");

  const peer = await loadPeer("@ethereumjs/vm", async () => {
    const [vm, block, tx, common, util] = await Promise.all([
      import("@ethereumjs/vm"), import("@ethereumjs/block"), import("@ethereumjs/tx"), import("@ethereumjs/common"), import("@ethereumjs/util"),
    ]);
    return { vm, block, tx, common, util };
  }, opts.io);
  let ejs: EthereumjsReplay | null = null;
  if (peer.ok) {
    ejs = new EthereumjsReplay(peer.mod, dump, alloc);
    check.peerMatches = same(await ejs.run(await ejs.prepare()));
    if (!check.peerMatches) opts.io.err("bench replay: @ethereumjs/vm's gas per transaction differs from the receipts (its figures are still reported)\n");
  } else {
    missing.push(peer.reason);
  }

  const times: Record<Subject, number[]> = { zkos: [], "zkos replay": [], ethereumjs: [] };
  for (let round = 0; round < rounds; round++) {
    opts.io.err(`bench replay: round ${round + 1}/${rounds}\n`);
    let t0 = performance.now();
    runZkos(dump, alloc);
    times.zkos.push(performance.now() - t0);
    const ex = new EthereumReplayExecutor(dump);
    t0 = performance.now();
    const report = replayBlock(dump, ex, "ethereum");
    times["zkos replay"].push(performance.now() - t0);
    if (report.failed !== 0) throw new Error(`bench replay: ${report.failed} transactions failed the replay`);
    if (ejs !== null) {
      const vm = await ejs.prepare();
      t0 = performance.now();
      await ejs.run(vm);
      times.ethereumjs.push(performance.now() - t0);
    }
  }

  const peerBest = times.ethereumjs.length > 0 ? Math.min(...times.ethereumjs) : null;
  const rows: Row[] = (Object.keys(times) as Subject[]).filter((s) => times[s].length > 0).map((subject) => {
    const best = Math.min(...times[subject]);
    return { subject, bestMs: best, medianMs: median(times[subject]), mgasPerSec: Number(gasUsed) / best / 1000, speedup: peerBest === null ? null : peerBest / best };
  });
  return {
    suite: "replay", env, quick: opts.quick, block: Number(dump.block.number), transactions: dump.transactions.length, gasUsed: gasUsed.toString(), rounds,
    method: "the block's transactions in order on a fresh pre-state each round (built untimed); wall time of the whole sequence; best of the rounds; gas = the receipts' total",
    forms: FORMS, check, rows, missing,
  };
}

function render(r: ReplayBenchReport): string {
  const lines = [
    `replay: mainnet block ${r.block}, ${r.transactions} transactions, ${r.gasUsed} gas (${r.rounds} rounds, best)`,
    `check: zkos gas per transaction equals the receipts ${r.check.zkosMatches}; ethereumjs ${r.check.peerMatches ?? "-"}`,
    table(
      ["subject", "best ms", "median ms", "Mgas/s", "× ethereumjs"],
      r.rows.map((x) => [x.subject, fmt(x.bestMs), fmt(x.medianMs), fmt(x.mgasPerSec), x.speedup === null ? "-" : fmt(x.speedup)]),
    ),
  ];
  for (const m of r.missing) lines.push(`missing: ${m}`);
  return lines.join("\n");
}

export const replaySuite: BenchSuite = {
  name: "replay",
  summary: "mainnet block 22244135 replayed (ethereum profile) vs @ethereumjs/vm on the same pre-state, gas per second",
  async run(opts) {
    const report = await run(opts);
    if (report === null) return { suite: "replay", skipped: "fixtures not found" };
    printText(render(report), opts.json, opts.io);
    writeReport("replay", report, opts.io);
    return report;
  },
};
