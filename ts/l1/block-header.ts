/**
 * The Ethereum-shaped block header of ZKsync OS (zksync-os-reference.md §7; reference at 0a82da0:
 * basic_bootloader/src/bootloader/block_header.rs and mod.rs `run_prepared`): 16 London fields, RLP,
 * hash = Keccak(RLP). Its hash is the first 32 bytes of pubdata and enters the chain state commitment.
 * @module
 */
import { keccak256 } from "../crypto/keccak";
import { ArgumentError } from "../errors";
import { hexToBytes } from "../primitives/hex";
import { rlpEncodeBytes, rlpEncodeList, uintToRlpBytes } from "../primitives/rlp";

/** Keccak(RLP([])): the ommers hash after EIP-3675. */
export const EMPTY_OMMERS_HASH: Uint8Array = hexToBytes("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

/** The 16 header fields, in RLP order. */
export interface BlockHeader {
  readonly parentHash: Uint8Array;
  readonly ommersHash: Uint8Array;
  readonly beneficiary: Uint8Array;
  readonly stateRoot: Uint8Array;
  readonly transactionsRoot: Uint8Array;
  readonly receiptsRoot: Uint8Array;
  /** 256 bytes. */
  readonly logsBloom: Uint8Array;
  readonly difficulty: bigint;
  readonly number: bigint;
  readonly gasLimit: bigint;
  readonly gasUsed: bigint;
  readonly timestamp: bigint;
  /** At most 32 bytes. */
  readonly extraData: Uint8Array;
  readonly mixHash: Uint8Array;
  /** 8 bytes. */
  readonly nonce: Uint8Array;
  readonly baseFeePerGas: bigint;
}

/**
 * `System::get_blockhash(n)` over the metadata's 256 hashes (index 0 = block current − 1): the hash
 * of block n for current − 256 ≤ n < current, else zero.
 */
export function blockHashFromMetadata(blockHashes: readonly Uint8Array[], currentBlockNumber: bigint, n: bigint): Uint8Array {
  if (n >= currentBlockNumber || n < currentBlockNumber - 256n) return new Uint8Array(32);
  const h = blockHashes[Number(currentBlockNumber - n - 1n)];
  if (!(h instanceof Uint8Array) || h.length !== 32) throw new ArgumentError(`block hash ${n} is missing from the metadata`);
  return h.slice();
}

/**
 * The parent hash the reference puts in the header.
 * BUG (reference commit 0a82da0, copied on purpose): `run_prepared` asks `get_blockhash(block_number)`
 * for the current block, which is out of range, so the parent hash is always zero (later fixed to n − 1).
 */
export function headerParentHashQuirk(blockHashes: readonly Uint8Array[], currentBlockNumber: bigint): Uint8Array {
  return blockHashFromMetadata(blockHashes, currentBlockNumber, currentBlockNumber);
}

/** What the bootloader knows at block end. */
export interface ZksyncBlockHeaderInput {
  /** The metadata's 256 previous block hashes (only for the parent-hash quirk: the result is zero). */
  readonly blockHashes: readonly Uint8Array[];
  readonly coinbase: Uint8Array;
  /** Keccak rolling hash of the processed transactions' hashes (starts at 32 zero bytes). */
  readonly transactionsRollingHash: Uint8Array;
  readonly number: bigint;
  readonly gasLimit: bigint;
  readonly timestamp: bigint;
  /** u64 (the reference converts the U256 base fee with `try_into().unwrap()`). */
  readonly baseFeePerGas: bigint;
}

/**
 * The header as `BlockHeader::new` fills it: ommers hash of the empty list, state and receipts roots
 * zero, transactions root = the rolling hash, empty bloom, difficulty 0, gas used 0 (left unfinished
 * in the reference), empty extra data, mix hash zero (not prevrandao), nonce zero, parent hash per
 * {@link headerParentHashQuirk}.
 */
export function zksyncBlockHeader(input: ZksyncBlockHeaderInput): BlockHeader {
  return {
    parentHash: headerParentHashQuirk(input.blockHashes, input.number),
    ommersHash: EMPTY_OMMERS_HASH.slice(),
    beneficiary: input.coinbase.slice(),
    stateRoot: new Uint8Array(32),
    transactionsRoot: input.transactionsRollingHash.slice(),
    receiptsRoot: new Uint8Array(32),
    logsBloom: new Uint8Array(256),
    difficulty: 0n,
    number: input.number,
    gasLimit: input.gasLimit,
    gasUsed: 0n,
    timestamp: input.timestamp,
    extraData: new Uint8Array(0),
    mixHash: new Uint8Array(32),
    nonce: new Uint8Array(8),
    baseFeePerGas: input.baseFeePerGas,
  };
}

function checkLen(b: unknown, len: number, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== len) throw new ArgumentError(`${what} must be ${len} bytes`);
}

function scalar(v: bigint, bits: bigint, what: string): Uint8Array {
  if (typeof v !== "bigint" || v < 0n || v >= 1n << bits) throw new ArgumentError(`${what} must be a u${bits} bigint`);
  return rlpEncodeBytes(uintToRlpBytes(v));
}

/** The header's RLP: a list of the 16 fields; hashes and addresses as byte strings, numbers minimal big-endian. */
export function encodeBlockHeader(h: BlockHeader): Uint8Array {
  for (const k of ["parentHash", "ommersHash", "stateRoot", "transactionsRoot", "receiptsRoot", "mixHash"] as const) checkLen(h[k], 32, k);
  checkLen(h.beneficiary, 20, "beneficiary");
  checkLen(h.logsBloom, 256, "logsBloom");
  checkLen(h.nonce, 8, "nonce");
  if (!(h.extraData instanceof Uint8Array) || h.extraData.length > 32) throw new ArgumentError("extraData must be at most 32 bytes");
  return rlpEncodeList([
    rlpEncodeBytes(h.parentHash),
    rlpEncodeBytes(h.ommersHash),
    rlpEncodeBytes(h.beneficiary),
    rlpEncodeBytes(h.stateRoot),
    rlpEncodeBytes(h.transactionsRoot),
    rlpEncodeBytes(h.receiptsRoot),
    rlpEncodeBytes(h.logsBloom),
    scalar(h.difficulty, 256n, "difficulty"),
    scalar(h.number, 64n, "number"),
    scalar(h.gasLimit, 64n, "gasLimit"),
    scalar(h.gasUsed, 64n, "gasUsed"),
    scalar(h.timestamp, 64n, "timestamp"),
    rlpEncodeBytes(h.extraData),
    rlpEncodeBytes(h.mixHash),
    rlpEncodeBytes(h.nonce),
    scalar(h.baseFeePerGas, 64n, "baseFeePerGas"),
  ]);
}

/** Block hash = Keccak-256 of the header's RLP. */
export function blockHeaderHash(h: BlockHeader): Uint8Array {
  return keccak256(encodeBlockHeader(h));
}

/** Transaction rolling hash step: Keccak(previous ‖ tx hash); the block starts from 32 zero bytes. */
export function nextTransactionsRollingHash(previous: Uint8Array, txHash: Uint8Array): Uint8Array {
  checkLen(previous, 32, "previous");
  checkLen(txHash, 32, "txHash");
  const buf = new Uint8Array(64);
  buf.set(previous, 0);
  buf.set(txHash, 32);
  return keccak256(buf);
}
