import { describe, expect, it } from "vitest";
import { createContract } from "micro-eth-signer/abi.js";
import { bytesToHex } from "../../ts/primitives/hex";
import { decodeZkTransaction, encodeZkTransaction } from "../../ts/zksync/transaction/abi-encoding";
import { decodeAccessList, encodeAccessList, parseAccessList, type AccessListEntry } from "../../ts/zksync/transaction/access-list";
import { InvalidTransaction } from "../../ts/zksync/validation-errors";
import { A, B32, sampleTxs } from "./_txs";

const coder = createContract([
  {
    type: "function",
    name: "f",
    inputs: [
      {
        name: "l",
        type: "tuple[][]",
        components: [
          { name: "a", type: "address" },
          { name: "k", type: "bytes32[]" },
        ],
      },
    ],
    outputs: [],
  },
] as const) as unknown as { f: { encodeInput(v: unknown): Uint8Array } };

const LISTS: [string, AccessListEntry[]][] = [
  ["empty", []],
  ["one address, no keys", [{ address: A(0x11), storageKeys: [] }]],
  ["one address, two keys", [{ address: A(0x11), storageKeys: [B32(0x22), B32(0x33)] }]],
  [
    "three entries, mixed",
    [
      { address: A(0x11), storageKeys: [B32(0x22)] },
      { address: A(0x10), storageKeys: [] },
      { address: A(0x11), storageKeys: [B32(0x44), B32(0x55), B32(0x44)] },
    ],
  ],
];

describe("access list encoding", () => {
  for (const [name, list] of LISTS) {
    it(`${name}: equals Solidity abi.encode([list]) and decodes back`, () => {
      const enc = encodeAccessList(list);
      const expected = coder.f.encodeInput([list.map((e) => ({ a: bytesToHex(e.address), k: e.storageKeys }))]).subarray(4);
      expect(enc).toEqual(expected);
      expect(decodeAccessList(enc)).toEqual(list);
    });
  }

  it("empty reservedDynamic means no access list", () => {
    expect(decodeAccessList(new Uint8Array(0))).toEqual([]);
  });

  it("parses in place in a decoded body at the reservedDynamic offset", () => {
    const tx = sampleTxs().eip2930;
    const { body, layout } = decodeZkTransaction(encodeZkTransaction(tx));
    expect(parseAccessList(body, layout.reservedDynamic)).toEqual({
      entries: [
        { address: A(0x01), storageKeys: [B32(0x02), B32(0x03)] },
        { address: A(0x04), storageKeys: [] },
      ],
      error: null,
    });
  });
});

describe("access list parsing failures are InvalidStructure, after the entries read so far", () => {
  const two = (): Uint8Array =>
    encodeAccessList([
      { address: A(0x11), storageKeys: [B32(1)] },
      { address: A(0x12), storageKeys: [B32(2), B32(3)] },
    ]);
  // Standalone layout (body = length word + content): 0x20 | outer len | offset | n | 2 offsets | items.
  const wrap = (rd: Uint8Array): Uint8Array => {
    const out = new Uint8Array(32 + rd.length);
    new DataView(out.buffer).setUint32(28, rd.length);
    out.set(rd, 32);
    return out;
  };
  const word = (b: Uint8Array, at: number, v: number): Uint8Array => {
    b.fill(0, at, at + 32);
    new DataView(b.buffer).setUint32(at + 28, v);
    return b;
  };

  it("an outer array of 2 lists", () => {
    const r = parseAccessList(word(wrap(two()), 32 + 32, 2), 0);
    expect(r.entries).toEqual([]);
    expect(r.error).toBeInstanceOf(InvalidTransaction);
    expect(r.error!.reason).toBe("InvalidStructure");
    expect(r.error!.fields.offset).toBe(64);
    expect(r.error!.fields.rule).toMatch(/exactly 1 element, got 2/);
  });

  it("truncated inside the second entry's keys: the first entry and one key of the second were read", () => {
    const b = wrap(two());
    const r = parseAccessList(b.subarray(0, b.length - 32), 0);
    expect(r.entries).toEqual([
      { address: A(0x11), storageKeys: [B32(1)] },
      { address: A(0x12), storageKeys: [B32(2)] },
    ]);
    expect(r.error!.fields.offset).toBe(b.length - 32);
    expect(r.error!.fields.rule).toMatch(/entry 1 key 1/);
  });

  it("an entry offset pointing past the end stops before that entry", () => {
    const b = word(wrap(two()), 32 + 128 + 32, 0x10000);
    const r = parseAccessList(b, 0);
    expect(r.entries).toHaveLength(1);
    expect(r.error!.fields.rule).toMatch(/entry 1/);
  });

  it("a list length beyond the data fails at the first missing entry", () => {
    const b = word(wrap(encodeAccessList([])), 32 + 96, 3);
    const r = parseAccessList(b, 0);
    expect(r.entries).toEqual([]);
    expect(r.error!.fields.rule).toMatch(/entry 0 offset/);
  });

  it("decodeAccessList throws the same error", () => {
    const rd = two();
    expect(() => decodeAccessList(rd.subarray(0, 64))).toThrow(InvalidTransaction);
  });
});

describe("reference quirks kept", () => {
  it("the address word's high 12 bytes are ignored", () => {
    const rd = encodeAccessList([{ address: A(0x11), storageKeys: [] }]);
    rd[128 + 32] = 0xff; // first byte of the entry's address word
    expect(decodeAccessList(rd)).toEqual([{ address: A(0x11), storageKeys: [] }]);
  });

  it("a bytes length whose low 64 bits are zero reads as an empty list", () => {
    const b = new Uint8Array(64);
    b[0] = 1;
    expect(parseAccessList(b, 0)).toEqual({ entries: [], error: null });
  });
});
