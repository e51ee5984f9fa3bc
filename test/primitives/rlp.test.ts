import { describe, expect, it } from "vitest";
import { RLP } from "@ethereumjs/rlp";
import {
  rlpDecode,
  rlpEncode,
  rlpEncodeBytes,
  rlpEncodeList,
  rlpEncodeTransient,
  rlpBytesToUint,
  uintToRlpBytes,
  type RlpItem,
} from "../../ts/primitives/rlp";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { InputError } from "../../ts/errors";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
type Spec = string | bigint | Spec[];
/** Test-table items: strings are UTF-8, bigints are RLP scalars, arrays are lists. */
function item(s: Spec): RlpItem {
  if (typeof s === "string") return utf8(s);
  if (typeof s === "bigint") return uintToRlpBytes(s);
  return s.map(item);
}
const LOREM55 = "Lorem ipsum dolor sit amet, consectetur adipisicing eli";
const LOREM56 = LOREM55 + "t";
const hexOf = (s: string): string => bytesToHex(utf8(s)).slice(2);

// ethereum/tests RLPTests/rlptest.json cases (values restated from the published vectors).
const VALID: [string, Spec, string][] = [
  ["emptystring", "", "0x80"],
  ["bytestring00", "\u0000", "0x00"],
  ["bytestring01", "\u0001", "0x01"],
  ["bytestring7F", "\u007f", "0x7f"],
  ["shortstring", "dog", "0x83646f67"],
  ["shortstring2 (55 bytes)", LOREM55, "0xb7" + hexOf(LOREM55)],
  ["longstring (56 bytes)", LOREM56, "0xb838" + hexOf(LOREM56)],
  ["zero", 0n, "0x80"],
  ["smallint", 1n, "0x01"],
  ["smallint2", 16n, "0x10"],
  ["smallint3", 79n, "0x4f"],
  ["smallint4", 127n, "0x7f"],
  ["mediumint1", 128n, "0x8180"],
  ["mediumint2", 1000n, "0x8203e8"],
  ["mediumint3", 100000n, "0x830186a0"],
  ["mediumint4", 83729609699884896815286331701780722n, "0x8f102030405060708090a0b0c0d0e0f2"],
  ["mediumint5", 105315505618206987246253880190783558935785933862974822347068935681n, "0x9c0100020003000400050006000700080009000a000b000c000d000e01"],
  ["bigint 2^256", 2n ** 256n, "0xa1010000000000000000000000000000000000000000000000000000000000000000"],
  ["emptylist", [], "0xc0"],
  ["stringlist", ["dog", "god", "cat"], "0xcc83646f6783676f6483636174"],
  ["multilist", ["zw", [4n], 1n], "0xc6827a77c10401"],
  ["listsoflists", [[[], []], []], "0xc4c2c0c0c0"],
  ["listsoflists2", [[], [[]], [[], [[]]]], "0xc7c0c1c0c3c0c1c0"],
  [
    "shortListMax1 (55-byte payload)",
    ["asdf", "qwer", "zxcv", "asdf", "qwer", "zxcv", "asdf", "qwer", "zxcv", "asdf", "qwer"],
    "0xf784617364668471776572847a78637684617364668471776572847a78637684617364668471776572847a78637684617364668471776572",
  ],
  [
    "longList1 (56-byte payload)",
    [["asdf", "qwer", "zxcv"], ["asdf", "qwer", "zxcv"], ["asdf", "qwer", "zxcv"], ["asdf", "qwer", "zxcv"]],
    "0xf840cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376cf84617364668471776572847a786376",
  ],
  [
    "dictTest1",
    [["key1", "val1"], ["key2", "val2"], ["key3", "val3"], ["key4", "val4"]],
    "0xecca846b6579318476616c31ca846b6579328476616c32ca846b6579338476616c33ca846b6579348476616c34",
  ],
];

// ethereum/tests RLPTests/invalidRLPTest.json cases, plus offsets our decoder must name.
const INVALID: [string, string, number][] = [
  ["emptyEncoding", "0x", 0],
  ["bytesShouldBeSingleByte00", "0x8100", 0],
  ["bytesShouldBeSingleByte01", "0x8101", 0],
  ["bytesShouldBeSingleByte7F", "0x817f", 0],
  ["int32Overflow", "0xbf0f000000000000021111", 0],
  ["int32Overflow2", "0xff0f000000000000021111", 0],
  ["wrongSizeList", "0xf80180", 0],
  ["wrongSizeList2", "0xf80100", 0],
  ["incorrectLengthInArray (leading zero)", "0xb9002100dc2b275d0f74e8a53e6f4ec61b27f24278820be3f82ea2110e582081b0565df0", 0],
  ["nonOptimalLongLengthArray1", "0xb81000112233445566778899aabbccddeeff", 0],
  ["nonOptimalLongLengthList1", "0xf810" + "83646f67".repeat(4), 0],
  ["lessThanShortLengthArray1", "0x81", 0],
  ["lessThanShortLengthArray2", "0xa0" + "00" + "ff".repeat(30), 0],
  ["lessThanShortLengthList1", "0xc50102", 0],
  ["lessThanLongLengthArray1", "0xba010000aabbccdd", 0],
  ["lessThanLongLengthList1", "0xf90180" + "00".repeat(10), 0],
  ["trailing bytes", "0x8364", 0],
  ["trailing byte after item", "0x83646f6700", 4],
  ["non-canonical string inside a list", "0xc3c18100", 2],
  ["list item overruns its list", "0xc2836464", 1],
];

describe("RLP (ethereum/tests RLPTests)", () => {
  it.each(VALID)("encodes and decodes %s", (_name, spec, hex) => {
    const it_ = item(spec);
    expect(bytesToHex(rlpEncode(it_))).toBe(hex);
    expect(rlpDecode(hexToBytes(hex))).toEqual(it_);
  });

  it.each(INVALID)("rejects %s with an InputError naming offset %i", (_name, hex, offset) => {
    const data = hexToBytes(hex);
    expect(() => rlpDecode(data, "tx")).toThrow(InputError);
    expect(() => rlpDecode(data, "tx")).toThrow(new RegExp(`^tx at offset ${offset}: `));
  });

  it("encodes one string and pre-encoded lists like the generic encoder", () => {
    const dog = utf8("dog");
    expect(rlpEncodeBytes(dog)).toEqual(rlpEncode(dog));
    expect(rlpEncodeBytes(new Uint8Array([5]))).toEqual(new Uint8Array([5]));
    const parts = [utf8(LOREM56), new Uint8Array(0), dog];
    expect(rlpEncodeList(parts.map((p) => rlpEncode(p)))).toEqual(rlpEncode(parts));
  });

  it("converts scalars strictly", () => {
    expect(uintToRlpBytes(0)).toEqual(new Uint8Array(0));
    expect(uintToRlpBytes(0x1234)).toEqual(new Uint8Array([0x12, 0x34]));
    expect(uintToRlpBytes(2n ** 64n)).toEqual(hexToBytes("0x010000000000000000"));
    expect(() => uintToRlpBytes(-1n)).toThrow(RangeError);
    expect(rlpBytesToUint(hexToBytes("0x0400"), "f")).toBe(1024n);
    expect(rlpBytesToUint(new Uint8Array(0), "f")).toBe(0n);
    expect(() => rlpBytesToUint(hexToBytes("0x0004"), "tx.nonce")).toThrow(/tx\.nonce: integer has a leading zero/);
    expect(() => rlpBytesToUint(hexToBytes("0x00"), "f")).toThrow(InputError);
    expect(() => rlpBytesToUint(new Uint8Array(9), "tx.gas", 8)).toThrow(/wider than 8 bytes/);
    expect(() => rlpBytesToUint([], "f")).toThrow(/got a list/);
  });

  it("matches @ethereumjs/rlp on random nested items (differential)", () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const gen = (depth: number): RlpItem => {
      if (depth > 3 || rnd(3) > 0) {
        const lens = [0, 1, 1, 2, 20, 55, 56, 57, 300, 70000];
        const b = new Uint8Array(lens[rnd(lens.length)]!);
        for (let i = 0; i < b.length; i++) b[i] = rnd(256);
        return b;
      }
      return Array.from({ length: rnd(8) }, () => gen(depth + 1));
    };
    for (let i = 0; i < 300; i++) {
      const x = gen(0);
      const enc = rlpEncode(x);
      expect(enc).toEqual(RLP.encode(x as never));
      expect(rlpDecode(enc)).toEqual(x);
    }
  });
});

describe("RLP scalars and the transient encoder (differential against per-byte bigint math)", () => {
  let seed = 777;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  // The per-byte definitions the fast paths replaced.
  const refToUint = (b: Uint8Array): bigint => b.reduce((v, x) => (v << 8n) | BigInt(x), 0n);
  const refToBytes = (v: bigint): Uint8Array => {
    const out: number[] = [];
    for (; v > 0n; v >>= 8n) out.unshift(Number(v & 0xffn));
    return Uint8Array.from(out);
  };
  const values = (): bigint[] => {
    const vs = [0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, 2n ** 48n - 1n, 2n ** 48n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 255n, 2n ** 256n - 1n];
    for (let i = 0; i < 400; i++) {
      const n = 1 + rnd(32);
      let v = BigInt(1 + rnd(255));
      for (let j = 1; j < n; j++) v = (v << 8n) | BigInt(rnd(256));
      vs.push(v);
    }
    return vs;
  };

  it("uintToRlpBytes and rlpBytesToUint agree with the per-byte forms", () => {
    for (const v of values()) {
      const b = uintToRlpBytes(v);
      expect(b).toEqual(refToBytes(v));
      expect(rlpBytesToUint(b, "f")).toBe(v);
      expect(rlpBytesToUint(refToBytes(v), "f")).toBe(refToUint(refToBytes(v)));
      if (v <= BigInt(Number.MAX_SAFE_INTEGER)) expect(uintToRlpBytes(Number(v))).toEqual(b);
    }
  });

  it("rlpEncodeTransient equals the prefix byte then rlpEncode, for every size", () => {
    const gen = (depth: number): RlpItem => {
      if (depth > 2 || rnd(3) > 0) {
        const lens = [0, 1, 1, 2, 55, 56, 300, 1500, 70000];
        const b = new Uint8Array(lens[rnd(lens.length)]!);
        for (let i = 0; i < b.length; i++) b[i] = rnd(256);
        return b;
      }
      return Array.from({ length: rnd(6) }, () => gen(depth + 1));
    };
    for (let i = 0; i < 200; i++) {
      const x = gen(0);
      const plain = rlpEncode(x);
      expect(rlpEncodeTransient(x)).toEqual(plain);
      const prefix = rnd(3) === 0 ? 0 : 1 + rnd(255);
      const typed = rlpEncodeTransient(x, prefix);
      expect(typed[0]).toBe(prefix);
      expect(typed.subarray(1)).toEqual(plain);
    }
  });
});
