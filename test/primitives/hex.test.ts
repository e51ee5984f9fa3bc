import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes, parseQuantity, quantityToHex, bigintToBytes, bytesToBigint } from "../../ts/primitives/hex";
import { InputError } from "../../ts/errors";
import { addressFromBytes, addressToBytes } from "../../ts/state/address";

describe("hex codecs", () => {
  it.each([
    ["0x", []],
    ["0x00", [0]],
    ["0xabCD", [0xab, 0xcd]],
    ["0x123", [0x01, 0x23]],
  ])("decodes %s", (hex, bytes) => {
    expect([...hexToBytes(hex)]).toEqual(bytes);
  });
  it("round-trips random bytes, lower case", () => {
    const b = new Uint8Array(257).map((_, i) => (i * 151 + 7) & 0xff);
    const h = bytesToHex(b);
    expect(h).toBe(h.toLowerCase());
    expect(hexToBytes(h)).toEqual(b);
  });
  it.each(["", "12", "0xzz", "0x 1", null, 5])("rejects %j with InputError naming the field", (bad) => {
    expect(() => hexToBytes(bad as string, "tx.data")).toThrow(InputError);
    expect(() => hexToBytes(bad as string, "tx.data")).toThrow(/tx\.data/);
  });
  it("parses quantities", () => {
    expect(parseQuantity("0x10")).toBe(16n);
    expect(parseQuantity("0x")).toBe(0n);
    expect(parseQuantity("255")).toBe(255n);
    expect(parseQuantity(7)).toBe(7n);
    expect(() => parseQuantity(-1)).toThrow(InputError);
    expect(() => parseQuantity("0x-1")).toThrow(InputError);
    expect(() => parseQuantity(1.5)).toThrow(InputError);
    expect(quantityToHex(0n)).toBe("0x0");
    expect(quantityToHex(255n)).toBe("0xff");
  });
  it("converts fixed-width integers", () => {
    expect([...bigintToBytes(0x0102n, 4)]).toEqual([0, 0, 1, 2]);
    expect(bytesToBigint(new Uint8Array([1, 0]))).toBe(256n);
    expect(() => bigintToBytes(256n, 1)).toThrow(RangeError);
  });
});

describe("fixed-width conversions and address bytes (differential against per-byte bigint math and parseInt)", () => {
  let seed = 4242;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const refToBytes = (v: bigint, len: number): Uint8Array => {
    if (v < 0n || v >> BigInt(8 * len) !== 0n) throw new RangeError(`value does not fit in ${len} bytes`);
    const out = new Uint8Array(len);
    for (let i = len - 1; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
    return out;
  };
  const refToBigint = (b: Uint8Array): bigint => b.reduce((v, x) => (v << 8n) | BigInt(x), 0n);
  const outcome = (f: () => Uint8Array): string => {
    try {
      return bytesToHex(f());
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  };

  it("bigintToBytes and bytesToBigint agree on edges and random values, every width", () => {
    const vs = [0n, 1n, 0xffn, 0x100n, 0xffff_ffffn, 0x1_0000_0000n, 2n ** 48n, 2n ** 53n + 1n, 2n ** 64n - 1n, 2n ** 255n, 2n ** 256n - 1n, 2n ** 256n, -1n];
    for (let i = 0; i < 300; i++) {
      let v = 0n;
      for (let j = rnd(34); j > 0; j--) v = (v << 8n) | BigInt(rnd(256));
      vs.push(v);
    }
    for (const v of vs) {
      for (const len of [0, 1, 2, 3, 4, 5, 8, 20, 31, 32, 33]) {
        expect(outcome(() => bigintToBytes(v, len)), `${v} in ${len}`).toBe(outcome(() => refToBytes(v, len)));
      }
    }
    for (const len of [0, 1, 5, 6, 7, 8, 20, 32, 40]) {
      for (let i = 0; i < 40; i++) {
        const b = new Uint8Array(len).map(() => (rnd(3) === 0 ? 0 : rnd(256)));
        expect(bytesToBigint(b)).toBe(refToBigint(b));
      }
      expect(bytesToBigint(new Uint8Array(len).fill(0xff))).toBe(2n ** BigInt(8 * len) - 1n);
      expect(bytesToBigint(new Uint8Array(len))).toBe(0n);
    }
  });

  it("addressToBytes reads every pair as parseInt did, normalized or not", () => {
    const ref = (a: string): Uint8Array => Uint8Array.from({ length: 20 }, (_, i) => parseInt(a.substr(2 + 2 * i, 2), 16));
    for (let i = 0; i < 200; i++) {
      const b = new Uint8Array(20).map(() => rnd(256));
      const a = addressFromBytes(b);
      expect(addressToBytes(a)).toEqual(b);
      expect(addressToBytes(a.toUpperCase().replace("0X", "0x"))).toEqual(b);
    }
    for (const odd of ["0x", "0x12", "0x" + "g1".repeat(20), "0x" + "1g".repeat(20), "0x" + " 1-1+f".repeat(7), "0x" + "é".repeat(40), "0x" + "ab".repeat(21)]) {
      expect(addressToBytes(odd), odd).toEqual(ref(odd));
    }
  });
});
