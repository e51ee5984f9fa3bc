import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArgumentError, InputError } from "../../ts/errors";
import { hexToBytes } from "../../ts/primitives/hex";
import { blockHashOf, decodeBlockMetadata, encodeBlockMetadata, type BlockMetadata } from "../../ts/oracle/block-metadata";
import { QUERY_SHAPES, QueryId, queryName } from "../../ts/oracle/query-ids";
import { encodeQueryWrites, encodeResponseReads, matchWitness, splitWitness, witnessFromQueries } from "../../ts/oracle/query-framing";
import { decodePreimage, decodeTxContent, encodeLeafProof, encodePreimage, encodeTxContent } from "../../ts/oracle/query-payloads";
import { formatWitness, parseWitness } from "../../ts/oracle/witness-file";
import { readWitnessFile, writeWitnessFile } from "../../ts/oracle/witness-file-io";
import { WordReader, WordWriter, bytesWordLen } from "../../ts/oracle/words";

const hex = (w: Uint32Array): string[] => Array.from(w, (x) => x.toString(16).padStart(8, "0"));

describe("word encodings (riscv-machine.md §3.1)", () => {
  const table: [string, (w: WordWriter) => WordWriter, string[]][] = [
    ["u64 0x1122334455667788 → [low, high]", (w) => w.u64(0x1122334455667788n), ["55667788", "11223344"]],
    ["u32 → [v, 0]", (w) => w.u32(0xdeadbeef), ["deadbeef", "00000000"]],
    ["u8 → [v, 0]", (w) => w.u8(0x71), ["00000071", "00000000"]],
    ["bool → [1, 0]", (w) => w.bool(true), ["00000001", "00000000"]],
    ["U256 least significant word first", (w) => w.u256((1n << 255n) | 0x0102n), ["00000102", "00000000", "00000000", "00000000", "00000000", "00000000", "00000000", "80000000"]],
    [
      "B160 0x0102…14: limbs LE, then a zero word",
      (w) => w.b160(hexToBytes("0x0102030405060708090a0b0c0d0e0f1011121314")),
      ["11121314", "0d0e0f10", "090a0b0c", "05060708", "01020304", "00000000"],
    ],
    [
      "Bytes32: word i = LE u32 of bytes 4i..4i+4",
      (w) => w.bytes32(hexToBytes("0x0102030405060708" + "00".repeat(23) + "ff")),
      ["04030201", "08070605", "00000000", "00000000", "00000000", "00000000", "00000000", "ff000000"],
    ],
    ["5 bytes → 2 words (one host u64)", (w) => w.bytes(Uint8Array.of(1, 2, 3, 4, 5)), ["04030201", "00000005"]],
    ["9 bytes → 4 words", (w) => w.bytes(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9)), ["04030201", "08070605", "00000009", "00000000"]],
    ["empty bytes → 0 words", (w) => w.bytes(new Uint8Array(0)), []],
  ];
  for (const [name, write, words] of table) {
    it(name, () => expect(hex(write(new WordWriter()).words())).toEqual(words));
  }

  it("reads back what it writes", () => {
    const addr = hexToBytes("0x" + "ab".repeat(20));
    const b32 = hexToBytes("0x" + "cd".repeat(32));
    const w = new WordWriter().u64(2n ** 64n - 1n).u32(7).u8(255).bool(false).u256(2n ** 256n - 5n).b160(addr).bytes32(b32).bytes(Uint8Array.of(9, 8, 7)).words();
    const r = new WordReader(w);
    expect([r.u64(), r.u32(), r.u8(), r.bool(), r.u256()]).toEqual([2n ** 64n - 1n, 7, 255, false, 2n ** 256n - 5n]);
    expect(r.b160()).toEqual(addr);
    expect(r.bytes32()).toEqual(b32);
    expect(r.bytes(3)).toEqual(Uint8Array.of(9, 8, 7));
    expect(r.remaining).toBe(0);
    r.expectEnd("all");
  });

  it("bytesWordLen = 2·ceil(n/8)", () => {
    expect([0, 1, 8, 9, 124, 864].map(bytesWordLen)).toEqual([0, 2, 2, 4, 32, 216]);
  });

  const bad: [string, () => unknown, RegExp][] = [
    ["u32 with a high word", () => new WordReader([5, 1]).u32(), /word 0.*non-zero high word/],
    ["u8 above 255", () => new WordReader([256, 0]).u8(), /u8 value 256/],
    ["bool 2", () => new WordReader([2, 0]).bool(), /neither 0 nor 1/],
    ["B160 top word", () => new WordReader([0, 0, 0, 0, 0, 1]).b160(), /word 5.*top word/],
    ["too few words", () => new WordReader([1, 2, 3]).u256(), /word 0.*needs 8 words, 3 left/],
    [
      "words left over",
      () => {
        const r = new WordReader([1, 0, 2]);
        r.u32();
        r.expectEnd("x");
      },
      /word 2: 1 words left after x/,
    ],
  ];
  for (const [name, fn, msg] of bad) {
    it(`rejects ${name}`, () => {
      expect(fn).toThrow(InputError);
      expect(fn).toThrow(msg);
    });
  }

  it("refuses to write out-of-range values", () => {
    for (const fn of [() => new WordWriter().u64(1n << 64n), () => new WordWriter().u32(-1), () => new WordWriter().u8(256), () => new WordWriter().u256(-1n), () => new WordWriter().b160(new Uint8Array(21)), () => new WordWriter().bytes32(new Uint8Array(31))]) {
      expect(fn).toThrow(ArgumentError);
    }
  });
});

describe("payload codecs", () => {
  it("NewTxContent: 2·ceil(n/8) host words must equal the guest's ceil(n/4): a 5-byte body fits, a 4-byte one does not", () => {
    const five = Uint8Array.of(1, 2, 3, 4, 5);
    expect(decodeTxContent(encodeTxContent(five), 5)).toEqual(five);
    expect(() => decodeTxContent(encodeTxContent(Uint8Array.of(1, 2, 3, 4)), 4)).toThrow(/must come as 1 words, got 2/);
  });

  it("preimages are truncated to the expected length", () => {
    const pre = Uint8Array.from({ length: 124 }, (_, i) => i);
    const words = encodePreimage(pre);
    expect(words.length).toBe(32);
    expect(decodePreimage(words, 124)).toEqual(pre);
    expect(decodePreimage(words, 100)).toEqual(pre.subarray(0, 100));
    expect(() => decodePreimage(words, 129)).toThrow(InputError);
  });

  it("a leaf proof needs 64 siblings", () => {
    expect(() => encodeLeafProof({ index: 0n, leaf: { key: new Uint8Array(32), value: new Uint8Array(32), next: 0n }, path: [] })).toThrow(ArgumentError);
  });
});

describe("block metadata (2094 words)", () => {
  const meta = (): BlockMetadata => ({
    eip1559BaseFee: 1000n,
    gasPerPubdata: 1n,
    nativePrice: 10n,
    blockNumber: 300n,
    timestamp: 1_700_000_000n,
    chainId: 270n,
    gasLimit: 100_000_000n,
    coinbase: hexToBytes("0x" + "c0".repeat(20)),
    blockHashes: Array.from({ length: 256 }, (_, i) => BigInt(i + 1) << 200n),
    mixHash: 2n ** 255n + 1n,
  });

  it("round-trips with the fields at their word offsets", () => {
    const w = encodeBlockMetadata(meta());
    expect(w.length).toBe(2094);
    expect(w[24]).toBe(300); // block number after three U256
    expect(w[26]).toBe(1_700_000_000 % 2 ** 32);
    expect(w[28]).toBe(270);
    expect(w[30]).toBe(100_000_000);
    expect(w[32]).toBe(0xc0c0c0c0);
    expect(w[37]).toBe(0); // coinbase top word
    expect(w[38 + 6]).toBe(1 << 8); // hashes[0] = 1 << 200: word 6 holds bits 192..223
    expect(w[2093]).toBe(0x80000000);
    expect(decodeBlockMetadata(w)).toEqual(meta());
  });

  it("BLOCKHASH window: hashes[cur − n − 1] for cur − 256 ≤ n < cur", () => {
    const m = meta();
    expect(blockHashOf(m, 299n)).toBe(1n << 200n);
    expect(blockHashOf(m, 44n)).toBe(256n << 200n);
    expect(blockHashOf(m, 43n)).toBe(0n);
    expect(blockHashOf(m, 300n)).toBe(0n);
  });

  it("rejects answers of another length and 255 hashes", () => {
    expect(() => decodeBlockMetadata(new Uint32Array(2086))).toThrow(/expected 2094 words, got 2086/);
    expect(() => encodeBlockMetadata({ ...meta(), blockHashes: [] })).toThrow(ArgumentError);
  });
});

describe("query ids and framing", () => {
  it("ids 0..9 with their fixed sizes", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(queryName)).toEqual([
      "NextTxSize",
      "NewTxContent",
      "InitializeIOImplementer",
      "BlockLevelMetadata",
      "InitialStorageSlotData",
      "PreimageContentWords",
      "DisconnectOracle",
      "ProofForIndex",
      "PrevIndex",
      "ExactIndex",
    ]);
    expect(queryName(QueryId.Uart)).toBe("Uart");
    expect(queryName(0x42)).toBe("query 0x42");
    expect(QUERY_SHAPES[QueryId.ProofForIndex]).toEqual({ name: "ProofForIndex", paramWords: 2, responseWords: 532 });
  });

  it("writes id, count, params and reads length, words", () => {
    expect(Array.from(encodeQueryWrites(QueryId.ExactIndex, [1, 2, 3, 4, 5, 6, 7, 8]))).toEqual([9, 8, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(encodeQueryWrites(QueryId.NextTxSize))).toEqual([0, 0]);
    expect(Array.from(encodeResponseReads([7, 0]))).toEqual([2, 7, 0]);
    expect(() => encodeQueryWrites(QueryId.ExactIndex, [1])).toThrow(/takes 8 parameter words/);
  });

  it("builds a witness from answers and splits it back", () => {
    const w = witnessFromQueries([
      { id: QueryId.NextTxSize, params: [], response: [0, 0] },
      { id: QueryId.DisconnectOracle, params: [], response: [] },
    ]);
    expect(Array.from(w)).toEqual([2, 0, 0, 0]);
    expect(splitWitness(w).map((a) => [a.lengthIndex, Array.from(a.words)])).toEqual([
      [0, [0, 0]],
      [3, []],
    ]);
    expect(matchWitness(w, [QueryId.NextTxSize, QueryId.DisconnectOracle])).toHaveLength(2);
    expect(() => witnessFromQueries([{ id: QueryId.ExactIndex, params: new Array(8).fill(0), response: [1] }])).toThrow(/answers 2 words, got 1/);
  });

  it("names the word where a witness stops making sense", () => {
    expect(() => splitWitness(Uint32Array.of(2, 0, 0, 5, 1))).toThrow(/word 3.*length 5 runs past the end \(1 words left\)/);
    expect(() => matchWitness(Uint32Array.of(1, 0, 0), [QueryId.NextTxSize, QueryId.DisconnectOracle])).toThrow(/word 0.*NextTxSize answer has 1 words, expected 2/);
    expect(() => matchWitness(Uint32Array.of(0), [QueryId.NextTxSize, QueryId.DisconnectOracle])).toThrow(/1 answers for 2 queries/);
    expect(() => matchWitness(Uint32Array.of(2, 0, 0), [QueryId.NextTxSize])).toThrow(/not DisconnectOracle/);
  });
});

describe("witness file", () => {
  it("parses 8 hex digits per word, either case, trimming whitespace; formats lower case", () => {
    expect(Array.from(parseWitness("  0007a120DEADbeef\n"))).toEqual([500_000, 0xdeadbeef]);
    expect(formatWitness([500_000, 0xdeadbeef, 0])).toBe("0007a120deadbeef00000000");
    expect(parseWitness("")).toEqual(new Uint32Array(0));
  });

  const bad: [string, string, RegExp][] = [
    ["a non-hex character", "0000000g", /at offset 7.*"g" is not a hex digit/],
    ["a separator inside", "00000001 00000002", /at offset 8.*" " is not a hex digit/],
    ["a 0x prefix", "0x000001", /at offset 1.*"x"/],
    ["a length that is not a multiple of 8", "  000000010002", /at offset 10.*12 hex digits is not a multiple of 8.*4 left over/],
  ];
  for (const [name, text, msg] of bad) {
    it(`rejects ${name}, naming the offset`, () => {
      expect(() => parseWitness(text)).toThrow(InputError);
      expect(() => parseWitness(text)).toThrow(msg);
    });
  }

  it("writes and reads files; a missing file is an InputError naming it", () => {
    const dir = mkdtempSync(join(tmpdir(), "zkos-witness-"));
    const path = join(dir, "w.hex");
    writeWitnessFile(path, [1, 0xffffffff]);
    expect(Array.from(readWitnessFile(path))).toEqual([1, 0xffffffff]);
    writeFileSync(path, "zz");
    expect(() => readWitnessFile(path)).toThrow(new RegExp(`${path} at offset 0`));
    expect(() => readWitnessFile(join(dir, "missing.hex"))).toThrow(/cannot read witness file/);
  });
});
