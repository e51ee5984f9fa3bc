// 0x05 modexp: EIP-198 input parsing and examples, EIP-2565 gas (the nagydani sizes of its table),
// results checked against @noble/curves' modular pow; absurd lengths fail without allocating.
import { describe, expect, it } from "vitest";
import { pow } from "@noble/curves/abstract/modular.js";
import { modexpGas, modexpPrecompile, modPow } from "../../../ts/hooks/precompiles/05-modexp";
import { bigintToBytes, bytesToBigint, bytesToHex, hexToBytes } from "../../../ts/primitives/hex";
import { randomBytes } from "../../helpers/bytes";

const NATIVE_PER_GAS = 256n * 200n;

function encode(base: Uint8Array, exp: Uint8Array, mod: Uint8Array): Uint8Array {
  const head = [base.length, exp.length, mod.length].map((n) => bigintToBytes(BigInt(n), 32));
  const out = new Uint8Array(96 + base.length + exp.length + mod.length);
  let off = 0;
  for (const part of [...head, base, exp, mod]) {
    out.set(part, off);
    off += part.length;
  }
  return out;
}

function header(baseLen: bigint, expLen: bigint, modLen: bigint): Uint8Array {
  return hexToBytes("0x" + [baseLen, expLen, modLen].map((n) => n.toString(16).padStart(64, "0")).join(""));
}

const SECP_P = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
const SECP_P_MINUS_1 = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e";
const W = (n: number) => n.toString(16).padStart(64, "0");

describe("0x05 modexp: EIP-198 examples", () => {
  it.each([
    {
      name: "3^(p−1) mod p = 1 (Fermat)",
      input: W(1) + W(32) + W(32) + "03" + SECP_P_MINUS_1 + SECP_P,
      output: "0x" + W(1),
      gas: 1360n,
    },
    {
      name: "base length 0 → base 0 → 0",
      input: W(0) + W(32) + W(32) + SECP_P_MINUS_1 + SECP_P,
      output: "0x" + W(0),
      gas: 1360n,
    },
    {
      name: "modulus cut short reads as zero-padded (2^255)",
      input: W(1) + W(2) + W(32) + "03" + "ffff" + "80",
      output: "0x" + (3n ** 65535n % 2n ** 255n).toString(16).padStart(64, "0"),
      gas: 200n,
    },
    {
      name: "bytes past the declared operands are ignored",
      input: W(1) + W(2) + W(32) + "03" + "ffff" + "80" + "00".repeat(31) + "07",
      output: "0x" + (3n ** 65535n % 2n ** 255n).toString(16).padStart(64, "0"),
      gas: 200n,
    },
  ])("$name", ({ input, output, gas }) => {
    const r = modexpPrecompile.run(hexToBytes("0x" + input), 100_000n);
    expect(r).toMatchObject({ ok: true, gasUsed: gas, native: gas * NATIVE_PER_GAS });
    expect(bytesToHex(r.output)).toBe(output);
  });
});

describe("0x05 modexp: EIP-2565 gas at the nagydani sizes, results vs noble pow", () => {
  const GAS: Record<number, [bigint, bigint, bigint]> = {
    64: [200n, 200n, 341n],
    128: [200n, 200n, 1365n],
    256: [341n, 341n, 5461n],
    512: [1365n, 1365n, 21845n],
    1024: [5461n, 5461n, 87381n],
  };
  const cases = Object.entries(GAS).flatMap(([size, gas]) =>
    (["02", "03", "010001"] as const).map((exp, i) => ({ size: Number(size), exp, gas: gas[i]! })),
  );
  it.each(cases)("size $size, exponent 0x$exp → gas $gas", ({ size, exp, gas }) => {
    const base = randomBytes(size, size);
    const mod = randomBytes(size, size + 1);
    mod[0]! |= 0x80;
    const r = modexpPrecompile.run(encode(base, hexToBytes("0x" + exp), mod), gas);
    expect(r).toMatchObject({ ok: true, gasUsed: gas, native: gas * NATIVE_PER_GAS });
    const expected = pow(bytesToBigint(base), BigInt("0x" + exp), bytesToBigint(mod));
    expect(r.output.length).toBe(size);
    expect(bytesToBigint(r.output)).toBe(expected);
    expect(modexpPrecompile.run(encode(base, hexToBytes("0x" + exp), mod), gas - 1n)).toMatchObject({
      ok: false,
      gasUsed: gas - 1n,
      native: gas - 1n < 200n ? 0n : gas * NATIVE_PER_GAS,
    });
  });
});

describe("0x05 modexp: edge cases", () => {
  const MAX = (1n << 256n) - 1n;
  it.each([
    { name: "empty input", input: new Uint8Array(0), output: "0x", gas: 200n, native: 200n * NATIVE_PER_GAS },
    { name: "base and modulus empty, exponent length 2^256−1", input: header(0n, MAX, 0n), output: "0x", gas: 200n, native: 200n * NATIVE_PER_GAS },
    { name: "modulus length 0 → empty output", input: encode(Uint8Array.of(5), Uint8Array.of(3), new Uint8Array(0)), output: "0x", gas: 200n, native: 200n * NATIVE_PER_GAS },
    { name: "modulus 0 → zeros of the modulus length", input: encode(Uint8Array.of(5), Uint8Array.of(3), new Uint8Array(3)), output: "0x000000", gas: 200n, native: 200n * NATIVE_PER_GAS },
    { name: "modulus 1 → 0", input: encode(Uint8Array.of(5), Uint8Array.of(3), Uint8Array.of(0, 1)), output: "0x0000", gas: 200n, native: 200n * NATIVE_PER_GAS },
    { name: "exponent 0 → 1", input: encode(Uint8Array.of(5), new Uint8Array(0), Uint8Array.of(0, 0, 7)), output: "0x000001", gas: 200n, native: 200n * NATIVE_PER_GAS },
    { name: "0^0 → 1", input: encode(new Uint8Array(0), new Uint8Array(0), Uint8Array.of(9)), output: "0x01", gas: 200n, native: 200n * NATIVE_PER_GAS },
    {
      // ceil(32/8)² · 8·(64 − 32) / 3 with a zero head: 16 · 256 / 3 (geth/revm, not the EIP's −1).
      name: "64-byte exponent with a zero head",
      input: encode(randomBytes(32, 1), new Uint8Array(64), hexToBytes("0x" + SECP_P)),
      output: "0x" + W(1),
      gas: 1365n,
      native: 1365n * NATIVE_PER_GAS,
    },
    {
      // Head = first 32 of 40 exponent bytes = 0x01 ‖ 31 zero bytes: 8·8 + 248 iterations.
      name: "40-byte exponent 0x01 ‖ 0…",
      input: encode(Uint8Array.of(2), Uint8Array.of(1, ...new Uint8Array(39)), hexToBytes("0x" + SECP_P)),
      output: "0x" + pow(2n, 1n << 312n, BigInt("0x" + SECP_P)).toString(16).padStart(64, "0"),
      gas: 1664n,
      native: 1664n * NATIVE_PER_GAS,
    },
  ])("$name", ({ input, output, gas, native }) => {
    const r = modexpPrecompile.run(input, 100_000n);
    expect(r).toMatchObject({ ok: true, gasUsed: gas, native });
    expect(bytesToHex(r.output)).toBe(output);
  });

  it.each([
    { name: "all three lengths 2^256−1", input: header(MAX, MAX, MAX) },
    { name: "base length 2^256−1", input: header(MAX, 2n, 2n) },
    { name: "exponent length 2^256−1", input: header(2n, MAX, 2n) },
    { name: "modulus length 2^256−1", input: header(2n, 2n, MAX) },
    { name: "exponent length 2^64 (does not fit u64 in ZKsync OS)", input: header(1n, 1n << 64n, 1n) },
    { name: "modulus length 2^40 (u64 overflow of words²)", input: header(0n, 0n, 1n << 40n) },
  ])("$name → fails, all gas used, no native charged", ({ input }) => {
    expect(modexpPrecompile.run(input, 50_000n)).toEqual({ ok: false, gasUsed: 50_000n, output: new Uint8Array(0), native: 0n });
  });

  it("below the 200-gas minimum nothing native is charged; above it the full cost is, even when gas falls short", () => {
    const input = encode(randomBytes(64, 3), Uint8Array.of(1, 0, 1), randomBytes(64, 4));
    expect(modexpPrecompile.run(input, 199n)).toMatchObject({ ok: false, native: 0n });
    expect(modexpPrecompile.run(input, 340n)).toMatchObject({ ok: false, gasUsed: 340n, native: 341n * NATIVE_PER_GAS });
  });

  it("gas formula", () => {
    expect(modexpGas(0n, 0n, 0n, 0n)).toBe(200n);
    expect(modexpGas(32n, 32n, 32n, (1n << 255n) + 1n)).toBe((16n * 255n) / 3n);
    expect(modexpGas(1024n, 3n, 1024n, 0x10001n)).toBe(87381n);
  });
});

describe("modPow vs noble pow", () => {
  it("agrees on mixed sizes, odd and even moduli", () => {
    for (let i = 1; i < 40; i++) {
      const b = bytesToBigint(randomBytes(i * 3, i));
      const e = bytesToBigint(randomBytes(i, i + 100));
      const m = bytesToBigint(randomBytes(i * 2, i + 200)) | 2n;
      expect(modPow(b, e, m)).toBe(pow(b, e, m));
    }
  });
});
