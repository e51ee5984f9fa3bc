/**
 * `BlockMetadataFromOracle`, the BlockLevelMetadata (id 3) answer of 2094 words
 * (zksync-os-reference.md §5.5, riscv-machine.md §3.3; zk_ee/src/system/metadata.rs): basefee,
 * gas_per_pubdata, native_price (U256), block number, timestamp, chain id, gas limit (u64),
 * coinbase (B160), 256 previous block hashes (U256, index 0 = block n − 1), mix hash (U256).
 * @module
 */
import { ArgumentError, InputError } from "../errors";
import { BLOCK_HASHES_COUNT, BLOCK_METADATA_WORDS } from "../zksync/constants";
import { WordReader, WordWriter } from "./words";

/** The block context the bootloader reads first. */
export interface BlockMetadata {
  eip1559BaseFee: bigint;
  gasPerPubdata: bigint;
  nativePrice: bigint;
  blockNumber: bigint;
  timestamp: bigint;
  chainId: bigint;
  gasLimit: bigint;
  /** 20 bytes. */
  coinbase: Uint8Array;
  /** Exactly 256 U256 values; [i] is the hash of block number − 1 − i. */
  blockHashes: bigint[];
  /** PREVRANDAO. */
  mixHash: bigint;
}

/**
 * The answer words for `m`.
 * @throws ArgumentError if blockHashes is not 256 long or a field is out of its type's range
 */
export function encodeBlockMetadata(m: BlockMetadata): Uint32Array {
  if (m.blockHashes.length !== BLOCK_HASHES_COUNT) throw new ArgumentError(`blockHashes: expected ${BLOCK_HASHES_COUNT} values, got ${m.blockHashes.length}`);
  const w = new WordWriter()
    .u256(m.eip1559BaseFee)
    .u256(m.gasPerPubdata)
    .u256(m.nativePrice)
    .u64(m.blockNumber)
    .u64(m.timestamp)
    .u64(m.chainId)
    .u64(m.gasLimit)
    .b160(m.coinbase);
  for (const h of m.blockHashes) w.u256(h);
  return w.u256(m.mixHash).words();
}

/**
 * Reads the metadata from its answer words.
 * @throws InputError if the answer is not exactly 2094 words, or naming the coinbase's top word
 * when it is not zero
 */
export function decodeBlockMetadata(words: ArrayLike<number>, where = "BlockLevelMetadata"): BlockMetadata {
  if (words.length !== BLOCK_METADATA_WORDS) throw new InputError(where, `expected ${BLOCK_METADATA_WORDS} words, got ${words.length}`);
  const r = new WordReader(words, 0, words.length, where);
  const m: BlockMetadata = {
    eip1559BaseFee: r.u256(),
    gasPerPubdata: r.u256(),
    nativePrice: r.u256(),
    blockNumber: r.u64(),
    timestamp: r.u64(),
    chainId: r.u64(),
    gasLimit: r.u64(),
    coinbase: r.b160(),
    blockHashes: [],
    mixHash: 0n,
  };
  for (let i = 0; i < BLOCK_HASHES_COUNT; i++) m.blockHashes.push(r.u256());
  m.mixHash = r.u256();
  r.expectEnd("the metadata");
  return m;
}

/** BLOCKHASH(n) for the block the metadata describes: hashes[cur − n − 1] for cur − 256 ≤ n < cur, else 0. */
export function blockHashOf(m: BlockMetadata, n: bigint): bigint {
  if (n >= m.blockNumber || n + BigInt(BLOCK_HASHES_COUNT) < m.blockNumber) return 0n;
  return m.blockHashes[Number(m.blockNumber - n - 1n)]!;
}
