/**
 * The live ZKsync OS oracle of `zkos riscv --fixture` (riscv-machine.md §3.3, interfaces.md §3): answers
 * the image's decoded queries, as words, from a block fixture — its block's metadata, its prepared
 * transaction bodies, and the in-memory genesis state (ts/oracle/in-memory-state.ts) of its pre-state.
 * @module
 */
import { ArgumentError, UnavailableError, ZkosError } from "../errors";
import { bytesToBigint } from "../primitives/hex";
import { addressFromBytes, addressToBytes } from "../state/address";
import { wordFromBytes } from "../state/word";
import { BLOCK_HASHES_COUNT } from "../zksync/constants";
import { encodeBlockMetadata, type BlockMetadata } from "../oracle/block-metadata";
import { InMemoryState } from "../oracle/in-memory-state";
import type { Oracle } from "../oracle/oracle";
import { QUERY_SHAPES, QueryId, queryName } from "../oracle/query-ids";
import {
  decodeBytes32Param, decodeIndex, decodeStorageAddress, encodeInitialStorageSlotData, encodeIOImplementerInit,
  encodePreimage, encodeTxContent, encodeTxSize,
} from "../oracle/query-payloads";
import { encodeLeafProofWords, indexWords } from "../storage/tree-words";
import type { BlockFixture, BlockSpec } from "../bootloader/fixture";
import { prepareTransactions, type PreparedTransaction } from "../bootloader/prepare";
import type { OracleResponder } from "./live-oracle";
import type { OracleQuery } from "./oracle-queries";

/**
 * A query the oracle could not answer: an id outside riscv-machine.md §3.3 (or one the reference host
 * does not serve), malformed parameters, or data the state does not hold (an unknown preimage, an
 * ExactIndex key not in the tree). The reference host panics in all these cases.
 */
export class OracleQueryError extends ZkosError {
  override name = "OracleQueryError";
  /** The query id as the guest wrote it. */
  readonly queryId: number;
  /** The machine's cycle count when the query was answered (the guest wrote it shortly before), if known. */
  readonly cycle: number | undefined;
  /** Index among the run's 0x7C0 reads where the answer would have started. */
  readonly readIndex: number;

  constructor(query: OracleQuery, cycle: number | undefined, reason: string) {
    const at = cycle === undefined ? `read ${query.firstReadIndex}` : `cycle ${cycle}, read ${query.firstReadIndex}`;
    const id = `0x${(query.id >>> 0).toString(16)}`;
    const name = queryName(query.id);
    super(`oracle query ${name.startsWith("query ") ? `id ${id}` : `${name} (id ${id})`} at ${at}: ${reason}`);
    this.queryId = query.id;
    this.cycle = cycle;
    this.readIndex = query.firstReadIndex;
  }
}

/**
 * Turns a typed {@link Oracle} into the word-level responder of LiveOracleSource: each query's
 * parameters are decoded, the oracle is asked, and its answer encoded as the reference host does
 * (riscv-machine.md §3.1, §3.3). DisconnectOracle (handled by LiveOracleSource itself) answers nothing.
 * @param cycle the machine's cycle counter, named in errors
 * @returns a responder that throws {@link OracleQueryError} for a query it cannot answer
 */
export function oracleResponder(oracle: Oracle, cycle?: () => number): OracleResponder {
  return (q) => {
    if (QUERY_SHAPES[q.id] === undefined) {
      throw new OracleQueryError(q, cycle?.(), "no such query in the ZKsync OS oracle protocol (ids 0–9, riscv-machine.md §3.3)");
    }
    try {
      return answer(oracle, q);
    } catch (e) {
      throw new OracleQueryError(q, cycle?.(), e instanceof Error ? e.message : String(e));
    }
  };
}

function answer(oracle: Oracle, q: OracleQuery): Uint32Array {
  const where = `${queryName(q.id)} params`;
  switch (q.id) {
    case QueryId.NextTxSize:
      return encodeTxSize(oracle.nextTxSize());
    case QueryId.NewTxContent:
      return encodeTxContent(oracle.newTxContent());
    case QueryId.InitializeIOImplementer:
      return encodeIOImplementerInit(oracle.initializeIOImplementer());
    case QueryId.BlockLevelMetadata:
      return encodeBlockMetadata(oracle.blockLevelMetadata());
    case QueryId.InitialStorageSlotData: {
      const s = decodeStorageAddress(q.params, where);
      return encodeInitialStorageSlotData(oracle.initialStorageSlotData(addressFromBytes(s.address), wordFromBytes(s.key)));
    }
    case QueryId.PreimageContentWords:
      return encodePreimage(oracle.preimageContent(decodeBytes32Param(q.params, where)));
    case QueryId.DisconnectOracle:
      oracle.disconnect();
      return new Uint32Array(0);
    case QueryId.ProofForIndex: {
      const index = decodeIndex(q.params, where);
      if (index > BigInt(Number.MAX_SAFE_INTEGER)) throw new ArgumentError(`leaf index ${index} is beyond 2^53 − 1`);
      return encodeLeafProofWords(oracle.proofForIndex(Number(index)));
    }
    case QueryId.PrevIndex:
      return indexWords(oracle.prevIndex(decodeBytes32Param(q.params, where)));
    case QueryId.ExactIndex:
      return indexWords(oracle.exactIndex(decodeBytes32Param(q.params, where)));
    default:
      throw new ArgumentError("no such query");
  }
}

/** Options of {@link fixtureOracle}. */
export interface FixtureOracleOptions {
  /** Which block of the fixture to answer for (default 0). */
  readonly blockIndex?: number;
  /**
   * The state the block starts from. Default: the fixture's pre-state, which is right only for block 0;
   * a later block needs the state the blocks before it left (the forward run's), so it is required then.
   */
  readonly preState?: InMemoryState;
  /**
   * Hashes of blocks number − 1, number − 2, … (32 bytes each) for a block whose fixture entry omits
   * `blockHashes`; missing ones are zero. Default: none (all zero), which is right for block 0 only
   * when the fixture's history starts there.
   */
  readonly previousBlockHashes?: readonly Uint8Array[];
  /** The machine's cycle counter, named in errors. */
  readonly cycle?: () => number;
}

/** The oracle of one fixture block and what it was built from. */
export interface FixtureOracle {
  /** The word-level responder for LiveOracleSource. */
  readonly responder: OracleResponder;
  /** The typed oracle behind it (it keeps the position in the transaction list). */
  readonly oracle: Oracle;
  /** The state it answers from (not changed by the run). */
  readonly state: InMemoryState;
  /** The BlockLevelMetadata answer. */
  readonly metadata: BlockMetadata;
  /** The NewTxContent answers, in order, with the hashes their results report. */
  readonly transactions: readonly PreparedTransaction[];
  /** The block's entry in the fixture. */
  readonly block: BlockSpec;
}

/**
 * The BlockLevelMetadata of a fixture block (interfaces.md §3; riscv-machine.md §3.3): base fee, gas
 * per pubdata, native price, number, timestamp, the fixture's chain id, gas limit, coinbase, 256
 * previous block hashes (the block's own list, else `previous`, then zeros) and prevRandao as mix hash.
 * @throws ArgumentError if more than 256 previous hashes are given or one is not 32 bytes
 */
export function fixtureBlockMetadata(fixture: BlockFixture, block: BlockSpec, previous: readonly Uint8Array[] = []): BlockMetadata {
  const given = block.blockHashes ?? previous;
  if (given.length > BLOCK_HASHES_COUNT) throw new ArgumentError(`at most ${BLOCK_HASHES_COUNT} previous block hashes, got ${given.length}`);
  const blockHashes: bigint[] = [];
  for (let i = 0; i < BLOCK_HASHES_COUNT; i++) {
    const h = given[i];
    if (h !== undefined && h.length !== 32) throw new ArgumentError(`previous block hash ${i} must be 32 bytes, got ${h.length}`);
    blockHashes.push(h === undefined ? 0n : bytesToBigint(h));
  }
  return {
    eip1559BaseFee: block.baseFee,
    gasPerPubdata: block.gasPerPubdata,
    nativePrice: block.nativePrice,
    blockNumber: block.number,
    timestamp: block.timestamp,
    chainId: fixture.chainId,
    gasLimit: block.gasLimit,
    coinbase: addressToBytes(block.coinbase),
    blockHashes,
    mixHash: bytesToBigint(block.prevRandao),
  };
}

/**
 * The live oracle of one fixture block: the genesis tree of the fixture's pre-state (guards, then one
 * leaf per non-trivial account hash at (0x8003, address) and per non-zero slot, in ascending flat-key
 * order), the block's metadata, and its transactions as ABI bodies (ts/bootloader/prepare.ts).
 * @throws ArgumentError for a block index outside the fixture
 * @throws UnavailableError for a block after the first without `preState`
 * @throws InputError for a transaction or state entry that cannot be prepared
 */
export function fixtureOracle(fixture: BlockFixture, options: FixtureOracleOptions = {}): FixtureOracle {
  const blockIndex = options.blockIndex ?? 0;
  const block = fixture.blocks[blockIndex];
  if (!Number.isInteger(blockIndex) || block === undefined) {
    throw new ArgumentError(`block index ${blockIndex} is not one of the fixture's ${fixture.blocks.length} blocks`);
  }
  if (blockIndex > 0 && options.preState === undefined) {
    throw new UnavailableError(
      `block ${blockIndex} starts from the state the blocks before it leave, which only a forward run computes; `
      + "pass that state (preState), or run a fixture whose block is the first",
    );
  }
  const state = options.preState ?? InMemoryState.fromPreState(fixture.state);
  const metadata = fixtureBlockMetadata(fixture, block, options.previousBlockHashes);
  const transactions = prepareTransactions(block.transactions, fixture.chainId, { where: `blocks[${blockIndex}].transactions` });
  const oracle = state.oracle(metadata, transactions.map((t) => t.body));
  return { responder: oracleResponder(oracle, options.cycle), oracle, state, metadata, transactions, block };
}
