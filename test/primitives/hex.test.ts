import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes, parseQuantity, quantityToHex, bigintToBytes, bytesToBigint } from "../../ts/primitives/hex";
import { InputError } from "../../ts/errors";

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
