// Public input (ts/l1/public-input.ts, zksync-os-reference.md §4.1): every hash against its byte layout
// hashed with @noble/hashes, the block-hashes rotation quirk, and the batch variant's parts. The real
// block's public input is checked end to end in real-block.test.ts.
import { blake2s } from "@noble/hashes/blake2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../ts/errors";
import {
  batchOutputHash, batchPublicInput, batchPublicInputHash, blakeOfHashes, blockHashesCommitmentAfter, blockHashesCommitmentBefore,
  blockPublicInput, blocksOutputHash, blocksPublicInputHash, chainStateAfter, chainStateBefore, chainStateCommitmentHash,
  daCommitment, l1TxsCommitment, l2LogsTreeFullRoot, publicInputWords, simplifiedStateCommitment, type BlockCommitmentInput,
} from "../../ts/l1/public-input";
import { logsTreeRoot } from "../../ts/l1/l2-to-l1-logs";
import { hex } from "../helpers/bytes";

const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));
const fill = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);
const be = (v: bigint, len: number): Uint8Array => {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
};
const hashes = Array.from({ length: 256 }, (_, i) => fill(32, i));

describe("per-block (Blake2s) public input", () => {
  it("chain state commitment: root ‖ next_free_slot ‖ block_number ‖ hashes ‖ timestamp, all u64 BE", () => {
    const c = { stateRoot: fill(32, 1), nextFreeSlot: 174, blockNumber: 7n, last256BlockHashesBlake: fill(32, 2), lastBlockTimestamp: 1001 };
    expect(hex(chainStateCommitmentHash(c))).toBe(hex(blake2s(cat(fill(32, 1), be(174n, 8), be(7n, 8), fill(32, 2), be(1001n, 8)))));
  });

  it("before hashes the 256 hashes index 0 first; after drops index 0 and appends the current hash (QUIRK)", () => {
    expect(hex(blockHashesCommitmentBefore(hashes))).toBe(hex(blake2s(cat(...hashes))));
    const current = fill(32, 0xee);
    expect(hex(blockHashesCommitmentAfter(hashes, current))).toBe(hex(blake2s(cat(...hashes.slice(1), current))));
    // The next block's "before" puts the newest hash at index 0, so it differs from this block's "after".
    const nextBefore = blockHashesCommitmentBefore([current, ...hashes.slice(0, 255)]);
    expect(hex(nextBefore)).not.toBe(hex(blockHashesCommitmentAfter(hashes, current)));
  });

  it("state before uses block n − 1 and timestamp 0; after uses block n", () => {
    const root = fill(32, 3);
    const before = chainStateBefore(root, 10, { blockNumber: 5, blockHashes: hashes });
    expect(hex(before)).toBe(hex(blake2s(cat(root, be(10n, 8), be(4n, 8), blake2s(cat(...hashes)), be(0n, 8)))));
    const after = chainStateAfter(root, 11, { blockNumber: 5, blockHashes: hashes }, fill(32, 9));
    expect(hex(after)).toBe(hex(blake2s(cat(root, be(11n, 8), be(5n, 8), blake2s(cat(...hashes.slice(1), fill(32, 9))), be(0n, 8)))));
  });

  it("blocks output and public input", () => {
    const o = { chainId: 260, firstBlockTimestamp: 1001, lastBlockTimestamp: 1001, pubdataHash: fill(32, 1), priorityOpsHashesHash: fill(32, 2), l2ToL1LogsHashesHash: fill(32, 3), upgradeTxHash: fill(32, 0) };
    expect(hex(blocksOutputHash(o))).toBe(hex(blake2s(cat(be(260n, 32), be(1001n, 8), be(1001n, 8), fill(32, 1), fill(32, 2), fill(32, 3), fill(32, 0)))));
    expect(hex(blocksPublicInputHash(fill(32, 1), fill(32, 2), fill(32, 3)))).toBe(hex(blake2s(cat(fill(32, 1), fill(32, 2), fill(32, 3)))));
    expect(hex(blakeOfHashes([]))).toBe(hex(blake2s(new Uint8Array(0))));
  });

  it("public input words are little-endian u32s", () => {
    expect(publicInputWords(Uint8Array.from({ length: 32 }, (_, i) => i)).slice(0, 2)).toEqual([0x03020100, 0x07060504]);
  });

  it("rejects a wrong number of block hashes", () => {
    expect(() => blockHashesCommitmentBefore(hashes.slice(1))).toThrow(ArgumentError);
  });
});

describe("wrap-in-batch (Keccak) public input", () => {
  it("simplified state commitment, DA commitment, full logs root", () => {
    expect(hex(simplifiedStateCommitment(fill(32, 1), 300))).toBe(hex(blake2s(cat(fill(32, 1), be(300n, 8)))));
    expect(hex(daCommitment(fill(32, 5)))).toBe(hex(keccak_256(cat(fill(32, 0), fill(32, 5), Uint8Array.of(1), fill(32, 0)))));
    expect(hex(l2LogsTreeFullRoot([]))).toBe(hex(keccak_256(cat(logsTreeRoot([]), fill(32, 0)))));
  });

  it("L1 transactions: rolling hash from keccak(\"\") over every result log (upgrade ones too: QUIRK)", () => {
    expect(l1TxsCommitment([]).count).toBe(0);
    expect(hex(l1TxsCommitment([]).rollingHash)).toBe("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    const h1 = keccak_256(cat(keccak_256(new Uint8Array(0)), fill(32, 1)));
    const h2 = keccak_256(cat(h1, fill(32, 2)));
    const c = l1TxsCommitment([fill(32, 1), fill(32, 2)]);
    expect(c.count).toBe(2);
    expect(hex(c.rollingHash)).toBe(hex(h2));
  });

  it("batch output and batch public input", () => {
    const o = {
      chainId: 270, firstBlockTimestamp: 5, lastBlockTimestamp: 5, usedL2DaValidatorAddress: new Uint8Array(20), pubdataCommitment: fill(32, 1),
      numberOfLayer1Txs: 2, priorityOperationsHash: fill(32, 2), l2LogsTreeRoot: fill(32, 3), upgradeTxHash: fill(32, 4),
    };
    expect(hex(batchOutputHash(o))).toBe(hex(keccak_256(cat(be(270n, 32), be(5n, 8), be(5n, 8), new Uint8Array(20), fill(32, 1), be(2n, 32), fill(32, 2), fill(32, 3), fill(32, 4)))));
    expect(hex(batchPublicInputHash(fill(32, 1), fill(32, 2), fill(32, 3)))).toBe(hex(keccak_256(cat(fill(32, 1), fill(32, 2), fill(32, 3)))));
  });

  it("blockPublicInput and batchPublicInput assemble their parts", () => {
    const b: BlockCommitmentInput = {
      chainId: 270, timestamp: 9, blockNumber: 3, blockHashes: hashes, blockHash: fill(32, 0xab),
      rootBefore: fill(32, 1), nextFreeSlotBefore: 2, rootAfter: fill(32, 2), nextFreeSlotAfter: 4,
      pubdata: Uint8Array.of(1, 2, 3), logHashes: [fill(32, 7)], priorityTxHashes: [fill(32, 8)], l1TxLogHashes: [fill(32, 8), fill(32, 9)], upgradeTxHash: fill(32, 9),
    };
    const blk = blockPublicInput(b);
    expect(hex(blk.blocksOutput)).toBe(hex(blocksOutputHash({
      chainId: 270, firstBlockTimestamp: 9, lastBlockTimestamp: 9, pubdataHash: blake2s(Uint8Array.of(1, 2, 3)),
      priorityOpsHashesHash: blake2s(fill(32, 8)), l2ToL1LogsHashesHash: blake2s(fill(32, 7)), upgradeTxHash: fill(32, 9),
    })));
    expect(hex(blk.publicInput)).toBe(hex(blake2s(cat(blk.stateBefore, blk.stateAfter, blk.blocksOutput))));
    const bat = batchPublicInput(b);
    expect(hex(bat.stateBefore)).toBe(hex(simplifiedStateCommitment(fill(32, 1), 2)));
    expect(hex(bat.batchOutput)).toBe(hex(batchOutputHash({
      chainId: 270, firstBlockTimestamp: 9, lastBlockTimestamp: 9, usedL2DaValidatorAddress: new Uint8Array(20),
      pubdataCommitment: daCommitment(keccak_256(Uint8Array.of(1, 2, 3))), numberOfLayer1Txs: 2,
      priorityOperationsHash: l1TxsCommitment([fill(32, 8), fill(32, 9)]).rollingHash, l2LogsTreeRoot: l2LogsTreeFullRoot([fill(32, 7)]), upgradeTxHash: fill(32, 9),
    })));
    expect(hex(bat.publicInput)).toBe(hex(keccak_256(cat(bat.stateBefore, bat.stateAfter, bat.batchOutput))));
  });
});
