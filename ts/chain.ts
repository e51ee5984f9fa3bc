/**
 * The library's chain API: a ZKsync OS (or Ethereum) chain held in memory that runs blocks in
 * forward mode, answers account and storage reads, and simulates calls without committing
 * (interfaces.md §3 for the block inputs, §4 for the results; zksync-os-reference.md for the rules).
 * @module
 */
import { ArgumentError } from "./errors";
import type { RecoverPool } from "./crypto/recover-pool";
import { InMemoryState } from "./oracle/in-memory-state";
import type { BlockMetadata } from "./oracle/block-metadata";
import { bytesToBigint, parseQuantity } from "./primitives/hex";
import { addressToBytes, normalizeAddress, type Address } from "./state/address";
import { wordFromBigint, wordToBigint } from "./state/word";
import { WorldState, type AllocAccount } from "./state/world-state";
import { processTransaction as processEthereumTransaction } from "./ethereum/process-transaction";
import { worldStateRoot } from "./ethereum/run-state-test";
import { BLOCK_HASHES_COUNT } from "./zksync/constants";
import { encodeZkTransaction } from "./zksync/transaction/abi-encoding";
import { ZkTxType } from "./zksync/transaction/types";
import { DEFAULT_BLOCK_GAS_LIMIT, parseBlockFixture, type BlockFixture, type BlockSpec } from "./bootloader/fixture";
import { PreparedBlock, RecoveredSenders, prepareTransactions, type PreparedTransaction } from "./bootloader/prepare";
import { zkProfile, type ProfileName, type ZkProfile } from "./bootloader/profiles";
import { runZkBlock, type RunZkBlockOptions, type ZkBlockResult } from "./bootloader/run-block";
import { runEthereumBlock, type EthereumBlockResult } from "./bootloader/run-ethereum-block";
import type { ResultLog } from "./bootloader/result-json";
import type { TracerFactory } from "./tracing/tracer";

/** A block's result: ZKsync OS profiles give the commitment data too. */
export type BlockResult = ZkBlockResult | EthereumBlockResult;

/** Options of a new {@link Chain}. */
export interface ChainOptions {
  /** `zksync-os` (default), `zksync-os-server` or `ethereum`. */
  readonly profile?: ProfileName;
  readonly chainId: bigint | number;
}

/** Options of {@link Chain.runBlock}. */
export interface RunBlockOptions {
  /** ZKsync OS: also verify the tree update with verify-and-apply over the oracle's proofs. */
  readonly verifyTree?: boolean;
  /**
   * Each transaction's tracer (ts/tracing/transaction-tracer.ts for geth's call, prestate and
   * struct-log tracers). Under the ZKsync OS profiles only frame events are reported (call traces).
   */
  readonly tracer?: TracerFactory;
}

/** An account as {@link Chain.account} reads it. */
export interface AccountView {
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly code: Uint8Array;
}

/** A call to simulate ({@link Chain.call}). */
export interface CallRequest {
  readonly from: string;
  /** Null or absent: a deployment of `data`. */
  readonly to?: string | null;
  readonly data?: Uint8Array;
  readonly value?: bigint;
  /** Gas limit; default the block gas limit. */
  readonly gas?: bigint;
}

/** What a simulated call gave. */
export interface CallResult {
  readonly status: "success" | "revert" | "invalid";
  readonly error: string | null;
  readonly returnData: Uint8Array;
  readonly gasUsed: bigint;
  readonly contractAddress: Address | null;
  readonly logs: readonly ResultLog[];
}

function cloneWorldState(s: WorldState): WorldState {
  const alloc = new Map<Address, AllocAccount>();
  for (const [address, a] of s.entries()) {
    const storage = new Map<bigint, bigint>();
    for (const [k, v] of a.storage) storage.set(wordToBigint(k), wordToBigint(v));
    alloc.set(address, { balance: a.balance, nonce: a.nonce, code: a.code, storage });
  }
  return WorldState.fromAlloc(alloc);
}

/** A chain in memory: its state, the hashes of the blocks it ran, and the profile's rules. */
export class Chain {
  readonly profile: ProfileName;
  readonly chainId: bigint;
  private readonly zk: ZkProfile | null;
  private zkState: InMemoryState | null;
  private ethState: WorldState | null;
  private readonly hashes = new Map<bigint, Uint8Array>();
  private head: BlockSpec | null = null;

  private constructor(profile: ProfileName, chainId: bigint, alloc: ReadonlyMap<Address, AllocAccount> | Record<string, AllocAccount>) {
    if (chainId < 0n || chainId >> 64n !== 0n) throw new ArgumentError(`chainId must be a u64, got ${chainId}`);
    this.profile = profile;
    this.chainId = chainId;
    this.zk = zkProfile(profile);
    const map = alloc instanceof Map ? alloc : new Map(Object.entries(alloc));
    this.zkState = this.zk !== null ? InMemoryState.fromPreState(map) : null;
    this.ethState = this.zk === null ? WorldState.fromAlloc(map) : null;
  }

  /**
   * A chain whose genesis holds `state` (geth `alloc` style, as a fixture's `state`). Under the
   * ZKsync OS profiles the tree is built as interfaces.md §3 says.
   * @throws InputError / ArgumentError on a malformed state
   */
  static fromFixtureState(state: ReadonlyMap<string, AllocAccount> | Record<string, AllocAccount>, options: ChainOptions): Chain {
    return new Chain(options.profile ?? "zksync-os", BigInt(options.chainId), state);
  }

  /**
   * A chain from a whole fixture (JSON value or parsed), with the blocks to run on it.
   * @throws InputError naming the JSON path at fault
   */
  static fromFixture(fixture: unknown): { chain: Chain; blocks: readonly BlockSpec[] } {
    const f: BlockFixture = isParsedFixture(fixture) ? fixture : parseBlockFixture(fixture);
    return { chain: new Chain(f.profile, f.chainId, f.state), blocks: f.blocks };
  }

  /** The hash of block `n` if this chain ran it. */
  blockHash(n: bigint): Uint8Array | undefined {
    return this.hashes.get(n);
  }

  /** The state root: the ZKsync OS tree root, or the Ethereum MPT root under `ethereum`. */
  get stateRoot(): Uint8Array {
    return this.zkState !== null ? this.zkState.tree.root : worldStateRoot(this.ethState!);
  }

  /** The account at `address` (zero values when it does not exist). */
  account(address: string): AccountView {
    const a = normalizeAddress(address);
    if (this.zkState !== null) {
      const p = this.zkState.account(a);
      return { balance: p.balance, nonce: p.nonce, code: this.zkState.code(a) };
    }
    const s = this.ethState!;
    return { balance: s.balance(a), nonce: s.nonce(a), code: s.code(a) };
  }

  /** The storage slot `slot` of `address`. */
  storage(address: string, slot: bigint | string): bigint {
    const a = normalizeAddress(address);
    const key = wordFromBigint(typeof slot === "bigint" ? slot : parseQuantity(slot, "slot"));
    return wordToBigint(this.zkState !== null ? this.zkState.storage(a, key) : this.ethState!.storage(a, key));
  }

  /** The 256 previous block hashes of block `spec` (given, or from this chain's history), most recent first. */
  private blockHashesFor(spec: BlockSpec): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let i = 0; i < BLOCK_HASHES_COUNT; i++) {
      const given = spec.blockHashes?.[i];
      const n = spec.number - 1n - BigInt(i);
      out.push(given ?? (spec.blockHashes === null && n >= 0n ? (this.hashes.get(n) ?? new Uint8Array(32)) : new Uint8Array(32)));
    }
    return out;
  }

  private metadataFor(spec: BlockSpec): BlockMetadata {
    return {
      eip1559BaseFee: spec.baseFee, gasPerPubdata: spec.gasPerPubdata, nativePrice: spec.nativePrice, blockNumber: spec.number,
      timestamp: spec.timestamp, chainId: this.chainId, gasLimit: spec.gasLimit, coinbase: addressToBytes(spec.coinbase),
      blockHashes: this.blockHashesFor(spec).map(bytesToBigint), mixHash: bytesToBigint(spec.prevRandao),
    };
  }

  private commit(spec: BlockSpec, result: BlockResult): BlockResult {
    this.hashes.set(spec.number, result.hash);
    this.head = spec;
    return result;
  }

  /**
   * Runs one block and commits it. Senders of raw transactions are recovered here (see
   * {@link runBlockWithPool} to recover them ahead in worker threads).
   * @throws InputError for transactions that cannot be decoded; InternalBlockError when ZKsync OS would abort the block
   */
  runBlock(spec: BlockSpec, options: RunBlockOptions = {}): BlockResult {
    if (this.zkState === null) {
      const previous = this.blockHashesFor(spec);
      const blockHash = (n: bigint): Uint8Array | undefined => (n < spec.number && n + 256n >= spec.number ? previous[Number(spec.number - n - 1n)] : undefined);
      return this.commit(spec, runEthereumBlock(this.ethState!, spec, this.chainId, blockHash, options.tracer));
    }
    const recovered = new RecoveredSenders();
    const prepared = prepareTransactions(spec.transactions, this.chainId, { recovered });
    return this.runPrepared(spec, prepared, recovered, options);
  }

  /**
   * {@link runBlock} with the raw transactions prepared by `pool`'s worker threads while the block
   * runs (parse, sender recovery, body, the bootloader's hashes: bootloader/prepare-job.ts); the
   * block thread takes each when the bootloader reaches it, preparing whatever the workers have not
   * reached, and the bootloader reuses the recoveries and hashes.
   */
  async runBlockWithPool(spec: BlockSpec, pool: RecoverPool, options: RunBlockOptions = {}): Promise<BlockResult> {
    if (this.zkState === null) return this.runBlock(spec, options);
    const recovered = new RecoveredSenders();
    const block = new PreparedBlock(spec.transactions, this.chainId, recovered, pool);
    const state = this.zkState;
    const result = runZkBlock(state.oracle(this.metadataFor(spec), block), this.zk!, {
      ...this.forwardOptions(recovered, options),
      reportedHashes: (i) => block.hash(i),
      hashesAhead: (body) => block.hashesAhead(body),
    });
    return this.commit(spec, result);
  }

  /** What every forward block run shares: the recoveries, the caller's options, the tree applied to this chain's state. */
  private forwardOptions(recovered: RecoveredSenders, options: RunBlockOptions): RunZkBlockOptions {
    const state = this.zkState!;
    return {
      recovered,
      verifyTree: options.verifyTree,
      tracer: options.tracer,
      apply: (io) => {
        state.apply(io);
        return state.tree.commitment;
      },
    };
  }

  private runPrepared(spec: BlockSpec, prepared: PreparedTransaction[], recovered: RecoveredSenders, options: RunBlockOptions): BlockResult {
    const state = this.zkState!;
    const result = runZkBlock(state.oracle(this.metadataFor(spec), prepared.map((p) => p.body)), this.zk!, {
      ...this.forwardOptions(recovered, options),
      reportedHashes: prepared.map((p) => p.hash),
    });
    return this.commit(spec, result);
  }

  /** The context a simulated call runs in: the block after the last one run. */
  private nextBlockSpec(): BlockSpec {
    const h = this.head;
    return {
      number: h === null ? 1n : h.number + 1n,
      timestamp: h?.timestamp ?? 0n,
      baseFee: h?.baseFee ?? 0n,
      gasLimit: h?.gasLimit ?? DEFAULT_BLOCK_GAS_LIMIT,
      coinbase: h?.coinbase ?? "0x" + "0".repeat(40),
      prevRandao: h?.prevRandao ?? new Uint8Array(32),
      gasPerPubdata: h?.gasPerPubdata ?? 1n,
      nativePrice: h?.nativePrice ?? 1n,
      blockHashes: null,
      transactions: [],
    };
  }

  /**
   * Simulates a call (or, with no `to`, a deployment) from `from` in the next block's context on a
   * copy of the state, without a signature, nonce or fee (ZKsync OS: the call-simulation config,
   * native priced at 100 per gas; ethereum: base fee and gas price 0). Nothing is committed.
   */
  call(req: CallRequest): CallResult {
    const spec = this.nextBlockSpec();
    const from = normalizeAddress(req.from);
    const to = req.to === undefined || req.to === null ? null : normalizeAddress(req.to);
    const data = req.data ?? new Uint8Array(0);
    const value = req.value ?? 0n;
    const gas = req.gas ?? spec.gasLimit;
    if (this.zkState === null) {
      const state = cloneWorldState(this.ethState!);
      const out = processEthereumTransaction(state, { ...spec, chainId: this.chainId, baseFee: 0n, blobBaseFee: 1n, blockHash: (n) => this.hashes.get(n) }, {
        type: 2, chainId: this.chainId, nonce: state.nonce(from), gasPrice: null, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n,
        maxFeePerBlobGas: 0n, blobVersionedHashes: [], gasLimit: gas, to: to === null ? null : addressToBytes(to), value, data,
        accessList: [], sender: addressToBytes(from),
      });
      if (out.kind === "rejected") {
        return { status: "invalid", error: `${out.exception}: ${out.message}`, returnData: new Uint8Array(0), gasUsed: 0n, contractAddress: null, logs: [] };
      }
      return {
        status: out.status === "success" ? "success" : "revert", error: out.status === "success" ? null : (out.error ?? "execution reverted"),
        returnData: out.returnData, gasUsed: out.gasUsed, contractAddress: out.createdAddress, logs: out.logs,
      };
    }
    const body = encodeZkTransaction({
      txType: ZkTxType.Eip1559, from: addressToBytes(from), to: to === null ? new Uint8Array(20) : addressToBytes(to), gasLimit: gas,
      gasPerPubdataByteLimit: 0n, maxFeePerGas: spec.baseFee, maxPriorityFeePerGas: 0n, paymaster: new Uint8Array(20),
      nonce: this.zkState.account(from).nonce, value, reserved: [0n, to === null ? 1n : 0n, 0n, 0n], data,
      signature: Uint8Array.from({ length: 65 }, (_, i) => (i === 64 ? 27 : 0)), factoryDeps: [], paymasterInput: new Uint8Array(0),
      reservedDynamic: new Uint8Array(0),
    });
    const r = runZkBlock(this.zkState.oracle(this.metadataFor(spec), [body]), this.zk!, { simulate: true });
    const t = r.transactions[0]!;
    return { status: t.status, error: t.error, returnData: t.returnData, gasUsed: t.gasUsed, contractAddress: t.contractAddress, logs: t.logs };
  }
}

function isParsedFixture(v: unknown): v is BlockFixture {
  return typeof v === "object" && v !== null && (v as { state?: unknown }).state instanceof Map;
}
