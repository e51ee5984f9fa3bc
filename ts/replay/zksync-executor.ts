/**
 * The `zksync-os`-profile executor of `zkos replay`: the dumped block run by our ZKsync OS
 * bootloader under the reference eth_runner's context (zksync-os-reference.md §9: chain id 1,
 * native price = base fee / 100, gas per pubdata 0, coinbase = miner) over a Chain built from the
 * dumps' pre-state. Each transaction runs as a one-transaction block of the same context, so its
 * state diff is that block's IO result (every changed account and slot with its values before and
 * after); the EVM sees the same context as in one block of all of them.
 * @module
 */
import { Chain } from "../chain";
import type { BlockSpec } from "../bootloader/fixture";
import type { ZkBlockResult } from "../bootloader/run-block";
import { addressOfNumber } from "../state/address";
import { bytesToHex, hexToBytes } from "../primitives/hex";
import { wordToHex } from "../state/word";
import type { SlotChange, TouchedAccount } from "../tracing/prestate-tracer";
import { TransactionTracer } from "../tracing/transaction-tracer";
import type { BlockDump, DumpBlockContext, DumpTransaction } from "./block-dump";
import type { ActualOutcome } from "./compare";
import { buildPreState, preStateAlloc } from "./prestate";
import type { ReplayExecutor } from "./replay";

/** The reference eth_runner's native price: a hundredth of the base fee. */
const NATIVE_PRICE_DIVISOR = 100n;
const EMPTY = new Uint8Array(0);
/** Where account-properties hashes live (zksync-os-reference.md §1.2); not a user slot. */
const ACCOUNT_PROPERTIES_ADDRESS = addressOfNumber(0x8003);

/** Runs each dumped transaction through the ZKsync OS bootloader on `chain`. */
export class ZksyncReplayExecutor implements ReplayExecutor {
  readonly chain: Chain;
  /** Each transaction's one-transaction block result, by hash. */
  readonly blocks = new Map<string, ZkBlockResult>();
  /** Each transaction's call tracer by hash, when `traces` was asked for. */
  readonly tracers = new Map<string, TransactionTracer>();
  private readonly keepTraces: boolean;

  private readonly traceOnly: ((t: DumpTransaction) => boolean) | undefined;

  /** `traces`: keep each transaction's geth call trace (`tracers`), for those `traceOnly` selects (all when omitted). */
  constructor(dump: BlockDump, options: { traces?: boolean; traceOnly?: (t: DumpTransaction) => boolean } = {}) {
    this.chain = Chain.fromFixtureState(preStateAlloc(buildPreState(dump)), { profile: "zksync-os", chainId: dump.block.chainId });
    this.keepTraces = options.traces ?? false;
    this.traceOnly = options.traceOnly;
  }

  private spec(b: DumpBlockContext, t: DumpTransaction): BlockSpec {
    const blockHashes = [hexToBytes(b.parentHash)];
    for (let i = 1; i < 256; i++) blockHashes.push(new Uint8Array(32));
    return {
      number: b.number, timestamp: b.timestamp, baseFee: b.baseFee, gasLimit: b.gasLimit, coinbase: b.coinbase,
      prevRandao: b.prevRandao, gasPerPubdata: 0n, nativePrice: b.baseFee / NATIVE_PRICE_DIVISOR, blockHashes,
      transactions: [{ kind: "raw", raw: t.tx.raw }],
    };
  }

  run(t: DumpTransaction, block: DumpBlockContext): ActualOutcome {
    let tracer: TransactionTracer | null = null;
    const factory = this.keepTraces && (this.traceOnly === undefined || this.traceOnly(t)) ? (): TransactionTracer => (tracer = new TransactionTracer({ call: true })) : undefined;
    const r = this.chain.runBlock(this.spec(block, t), { tracer: factory }) as ZkBlockResult;
    if (tracer !== null) this.tracers.set(t.hash, tracer);
    this.blocks.set(t.hash, r);
    const tx = r.transactions[0]!;
    if (tx.status === "invalid") return { success: false, gasUsed: 0n, logs: [], accounts: [], rejected: tx.error ?? "invalid" };
    return { success: tx.status === "success", gasUsed: tx.gasUsed, logs: tx.logs, accounts: this.diff(r) };
  }

  /** The block's changed accounts and slots as touched accounts with values before and after. */
  private diff(r: ZkBlockResult): TouchedAccount[] {
    const initial = new Map<string, Uint8Array>();
    for (const s of r.io.touchedSlots) initial.set(bytesToHex(s.flatKey), s.initial);
    const out = new Map<string, TouchedAccount & { storage: Map<string, SlotChange> }>();
    const entry = (address: string): TouchedAccount & { storage: Map<string, SlotChange> } => {
      let e = out.get(address);
      if (e === undefined) {
        const now = this.chain.account(address);
        const post = { balance: now.balance, nonce: now.nonce, code: now.code };
        e = { address, pre: post, post, storage: new Map(), created: false, selfDestructed: false };
        out.set(address, e);
      }
      return e;
    };
    for (const a of r.io.accounts.values()) {
      const e = entry(a.address);
      const sameCode = bytesToHex(a.initial.bytecodeHash) === bytesToHex(a.final.bytecodeHash);
      e.pre = { balance: a.initial.balance, nonce: a.initial.nonce, code: sameCode ? e.post.code : a.initial.bytecodeLen === 0 ? EMPTY : e.post.code };
    }
    for (const w of r.io.storageWrites) {
      if (w.address === ACCOUNT_PROPERTIES_ADDRESS) continue;
      const before = initial.get(bytesToHex(w.flatKey)) ?? new Uint8Array(32);
      entry(w.address).storage.set(wordToHex(w.key), { pre: bytesToHex(before), post: wordToHex(w.value) });
    }
    return [...out.values()];
  }
}
