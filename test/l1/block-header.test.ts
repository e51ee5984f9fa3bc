// The block header (ts/l1/block-header.ts, zksync-os-reference.md §7): RLP against @ethereumjs/rlp,
// the fields BlockHeader::new fixes, the parent-hash quirk, BLOCKHASH's window, and the rolling hash.
import { RLP } from "@ethereumjs/rlp";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../ts/errors";
import {
  EMPTY_OMMERS_HASH, blockHashFromMetadata, blockHeaderHash, encodeBlockHeader, headerParentHashQuirk, nextTransactionsRollingHash, zksyncBlockHeader,
} from "../../ts/l1/block-header";
import { hex } from "../helpers/bytes";

const fill = (n: number, byte: number): Uint8Array => new Uint8Array(n).fill(byte);
const hashes = Array.from({ length: 256 }, (_, i) => fill(32, i + 1));

describe("block header", () => {
  const input = {
    blockHashes: hashes, coinbase: fill(20, 0xcb), transactionsRollingHash: fill(32, 0x77),
    number: 100n, gasLimit: 30_000_000n, timestamp: 1_700_000_000n, baseFeePerGas: 1000n,
  };

  it("the empty ommers hash is keccak(RLP([]))", () => {
    expect(hex(EMPTY_OMMERS_HASH)).toBe(hex(keccak_256(Uint8Array.of(0xc0))));
  });

  it("16 fields as BlockHeader::new sets them, RLP-encoded like @ethereumjs/rlp", () => {
    const h = zksyncBlockHeader(input);
    const expected = RLP.encode([
      new Uint8Array(32), EMPTY_OMMERS_HASH, fill(20, 0xcb), new Uint8Array(32), fill(32, 0x77), new Uint8Array(32), new Uint8Array(256),
      0, 100, 30_000_000, 0, 1_700_000_000, new Uint8Array(0), new Uint8Array(32), new Uint8Array(8), 1000,
    ]);
    expect(hex(encodeBlockHeader(h))).toBe(hex(expected));
    expect(hex(blockHeaderHash(h))).toBe(hex(keccak_256(expected)));
  });

  it("BUG: the parent hash is zero even when the metadata has block n − 1's hash", () => {
    expect(hex(headerParentHashQuirk(hashes, 100n))).toBe("00".repeat(32));
    expect(hex(blockHashFromMetadata(hashes, 100n, 99n))).toBe(hex(hashes[0]!));
  });

  it.each([
    { n: 99n, expected: 0 }, { n: 44n, expected: 55 }, { n: 0n, expected: 99 }, { n: 100n, expected: -1 }, { n: 101n, expected: -1 },
  ])("BLOCKHASH($n) at block 100", ({ n, expected }) => {
    const h = blockHashFromMetadata(hashes, 100n, n);
    expect(hex(h)).toBe(expected < 0 ? "00".repeat(32) : hex(hashes[expected]!));
  });

  it("the window is 256 blocks", () => {
    expect(hex(blockHashFromMetadata(hashes, 1000n, 744n))).toBe(hex(hashes[255]!));
    expect(hex(blockHashFromMetadata(hashes, 1000n, 743n))).toBe("00".repeat(32));
  });

  it("rolling hash: keccak(previous ‖ tx hash)", () => {
    expect(hex(nextTransactionsRollingHash(new Uint8Array(32), fill(32, 1)))).toBe(hex(keccak_256(Uint8Array.from([...new Uint8Array(32), ...fill(32, 1)]))));
  });

  it("rejects out-of-range fields", () => {
    expect(() => encodeBlockHeader({ ...zksyncBlockHeader(input), number: 1n << 64n })).toThrow(ArgumentError);
    expect(() => encodeBlockHeader({ ...zksyncBlockHeader(input), extraData: new Uint8Array(33) })).toThrow(ArgumentError);
  });
});
