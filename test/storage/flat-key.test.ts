// Flat keys and the two key orders (ts/storage/flat-key.ts, zksync-os-reference.md §2, §3.6): the
// spec's vector, a differential against @noble/hashes, and the storage-cache order against an
// independent model of ruint's [u64; 3] limbs.
import { blake2s as nobleBlake2s } from "@noble/hashes/blake2.js";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../ts/errors";
import {
  ACCOUNT_PROPERTIES_STORAGE_ADDRESS, accountPropertiesFlatKey, accountPropertiesSlot, addressFromLow,
  compareCacheAddresses, compareStorageCacheKeys, compareTreeKeys, flatKey, flatKeyInto,
} from "../../ts/storage/flat-key";
import { randomBytes, hex, bytes } from "../helpers/bytes";

describe("flat_key", () => {
  it("flat_key(0x8003, 0^12 ‖ 0x01×20) (spec §2 vector)", () => {
    const addr = new Uint8Array(20).fill(1);
    expect(hex(accountPropertiesFlatKey(addr))).toBe("3562c3ec20f588f2eb16d1fac38e8acf775fbebac6db30d411c86a8353f1686f");
    expect(hex(flatKey(ACCOUNT_PROPERTIES_STORAGE_ADDRESS, accountPropertiesSlot(addr)))).toBe("3562c3ec20f588f2eb16d1fac38e8acf775fbebac6db30d411c86a8353f1686f");
  });

  it("the account slots of the real witness block (keys of its tree queries)", () => {
    expect(hex(accountPropertiesFlatKey(bytes("f39fd6e51aad88f6f4ce6ab8827279cfffb92266")))).toBe("6eb41bc59ee2a917e67ce00394da7bbb81ee5782efe3f0532a28e5b78cbf2cb9");
    expect(hex(accountPropertiesFlatKey(addressFromLow(0x8001)))).toBe("d09d318e3f0801c976edf5e4cbb181eb7338a9585e56ecb9382d6bd7dda1ae15");
  });

  it("equals Blake2s(0^12 ‖ address ‖ slot) from @noble/hashes", () => {
    for (let i = 0; i < 50; i++) {
      const address = randomBytes(20, 10 + i);
      const slot = randomBytes(32, 100 + i);
      const pre = new Uint8Array(64);
      pre.set(address, 12);
      pre.set(slot, 32);
      expect(hex(flatKey(address, slot))).toBe(hex(nobleBlake2s(pre)));
      const out = new Uint8Array(40);
      flatKeyInto(address, slot, out, 8);
      expect(hex(out.subarray(8))).toBe(hex(nobleBlake2s(pre)));
    }
  });

  it("rejects wrong lengths", () => {
    expect(() => flatKey(new Uint8Array(19), new Uint8Array(32))).toThrow(ArgumentError);
    expect(() => flatKey(new Uint8Array(20), new Uint8Array(33))).toThrow(ArgumentError);
    expect(() => flatKeyInto(new Uint8Array(20), new Uint8Array(32), new Uint8Array(31))).toThrow(ArgumentError);
  });
});

describe("key orders", () => {
  it("tree order is byte-lexicographic", () => {
    expect(compareTreeKeys(bytes("00".repeat(31) + "ff"), bytes("01" + "00".repeat(31)))).toBeLessThan(0);
    expect(compareTreeKeys(bytes("ab".repeat(32)), bytes("ab".repeat(32)))).toBe(0);
  });

  it.each([
    { name: "low limb decides before high bytes", a: "0100000000000000000000000000000000000000", b: "0000000000000000000000000000000000000001", sign: -1 },
    { name: "within the low limb, big-endian", a: "000000000000000000000000ff00000000000000", b: "0000000000000000000000000000000000000002", sign: 1 },
    { name: "middle limb before top limb", a: "ff00000000000000000000000000000000000000", b: "0000000000000000000000010000000000000000", sign: -1 },
    { name: "top limb last", a: "0000000100000000000000000000000000000000", b: "0000000200000000000000000000000000000000", sign: -1 },
    { name: "equal", a: "f39fd6e51aad88f6f4ce6ab8827279cfffb92266", b: "f39fd6e51aad88f6f4ce6ab8827279cfffb92266", sign: 0 },
  ])("cache address order: $name", ({ a, b, sign }) => {
    expect(Math.sign(compareCacheAddresses(bytes(a), bytes(b)))).toBe(sign);
  });

  it("cache order = (limb0, limb1, limb2) as numbers, then slot bytes, on random keys", () => {
    const limbs = (a: Uint8Array): bigint[] => {
      const n = BigInt("0x" + hex(a));
      return [n & 0xffffffffffffffffn, (n >> 64n) & 0xffffffffffffffffn, n >> 128n];
    };
    const model = (x: { a: Uint8Array; s: Uint8Array }, y: { a: Uint8Array; s: Uint8Array }): number => {
      const lx = limbs(x.a);
      const ly = limbs(y.a);
      for (let i = 0; i < 3; i++) if (lx[i] !== ly[i]) return lx[i]! < ly[i]! ? -1 : 1;
      return Math.sign(compareTreeKeys(x.s, y.s));
    };
    const keys = Array.from({ length: 60 }, (_, i) => {
      const a = randomBytes(20, 500 + (i % 20));
      if (i % 7 === 0) a.fill(0, 12);
      if (i % 5 === 0) a.fill(0, 0, 12);
      return { a, s: randomBytes(32, 900 + i) };
    });
    for (const x of keys) for (const y of keys) expect(Math.sign(compareStorageCacheKeys(x.a, x.s, y.a, y.s))).toBe(model(x, y));
  });

  it("the witness block's 0x8003 slots in cache order: coinbase 0x0, 0x8001, 0x5fbd…, 0xf39f…", () => {
    const addrs = ["f39fd6e51aad88f6f4ce6ab8827279cfffb92266", "0000000000000000000000000000000000008001", "5fbdb2315678afecb367f032d93f642f64180aa3", "00".repeat(20)];
    const sorted = [...addrs].sort((x, y) => compareStorageCacheKeys(ACCOUNT_PROPERTIES_STORAGE_ADDRESS, accountPropertiesSlot(bytes(x)), ACCOUNT_PROPERTIES_STORAGE_ADDRESS, accountPropertiesSlot(bytes(y))));
    expect(sorted).toEqual([addrs[3], addrs[1], addrs[2], addrs[0]]);
  });
});
