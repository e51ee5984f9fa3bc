// Big-endian bytes ↔ bigint for the transaction codecs (ts/zksync/transaction/be-ints.ts): exact
// values at the Number/hex path boundaries, sub-ranges, and a random round trip against the plain
// per-byte loop of ts/primitives/hex.ts.
import { describe, expect, it } from "vitest";
import { bigintFromBe, bigintIntoBe } from "../../ts/zksync/transaction/be-ints";
import { bigintToBytes, bytesToBigint } from "../../ts/primitives/hex";

describe("be-ints", () => {
  it.each([
    { v: 0n, hex: "00".repeat(32) },
    { v: 1n, hex: "00".repeat(31) + "01" },
    { v: 0xffff_ffffn, hex: "00".repeat(28) + "ffffffff" },
    { v: 0x1_0000_0000n, hex: "00".repeat(27) + "0100000000" },
    { v: 0xffff_ffff_ffffn, hex: "00".repeat(26) + "ffffffffffff" },
    { v: 0x1_0000_0000_0000n, hex: "00".repeat(25) + "01000000000000" },
    { v: (1n << 256n) - 1n, hex: "ff".repeat(32) },
    { v: 0xabcn, hex: "00".repeat(30) + "0abc" },
  ])("$v ↔ $hex", ({ v, hex }) => {
    const out = new Uint8Array(32);
    bigintIntoBe(v, out, 0, 32);
    expect(Buffer.from(out).toString("hex")).toBe(hex);
    expect(bigintFromBe(out, 0, 32)).toBe(v);
  });

  it("reads and writes sub-ranges of a larger buffer without touching the rest", () => {
    const buf = new Uint8Array(40).fill(0xee);
    buf.fill(0, 4, 36);
    bigintIntoBe(0x0102030405060708090an, buf, 4, 32);
    expect(Buffer.from(buf).toString("hex")).toBe("eeeeeeee" + "00".repeat(22) + "0102030405060708090a" + "eeeeeeee");
    expect(bigintFromBe(buf, 4, 36)).toBe(0x0102030405060708090an);
    expect(bigintFromBe(buf, 30, 33)).toBe(0x050607n);
    expect(bigintFromBe(buf, 8, 8)).toBe(0n);
  });

  it("round-trips random values of every byte length like the per-byte loop", () => {
    let x = 0x9e3779b9;
    for (let n = 0; n < 600; n++) {
      const len = n % 33;
      const bytes = new Uint8Array(32);
      for (let i = 32 - len; i < 32; i++) {
        x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
        bytes[i] = x & 0xff;
      }
      const v = bytesToBigint(bytes);
      expect(bigintFromBe(bytes, 0, 32)).toBe(v);
      const out = new Uint8Array(32);
      bigintIntoBe(v, out, 0, 32);
      expect(out).toEqual(bigintToBytes(v, 32));
    }
  });
});
