// 0x07 bn254 scalar multiplication (EIP-196, 6000 gas per EIP-1108): the scalar is any 256-bit
// word (reduced mod the group order n), O and invalid points as EIP-196 says.
import { describe, expect, it } from "vitest";
import { bn254MulPrecompile } from "../../../ts/hooks/precompiles/07-bn254-mul";
import { bytesToHex, hexToBytes } from "../../../ts/primitives/hex";
import { concat, G1, g1, N, P, word } from "./_bn254.helpers";

const B = G1.BASE;
const ZERO64 = "0x" + "00".repeat(64);
const MAX = (1n << 256n) - 1n;

describe("0x07 bn254 mul", () => {
  it.each([
    { name: "G1 · 0 = O", input: concat(g1(B), word(0n)), output: ZERO64 },
    { name: "G1 · 1 = G1", input: concat(g1(B), word(1n)), output: bytesToHex(g1(B)) },
    { name: "G1 · 2 = G1 + G1", input: concat(g1(B), word(2n)), output: bytesToHex(g1(B.add(B))) },
    { name: "G1 · n = O", input: concat(g1(B), word(N)), output: ZERO64 },
    { name: "G1 · (n + 1) = G1", input: concat(g1(B), word(N + 1n)), output: bytesToHex(g1(B)) },
    { name: "G1 · (n − 1) = −G1", input: concat(g1(B), word(N - 1n)), output: bytesToHex(g1(B.negate())) },
    { name: "G1 · (2^256 − 1)", input: concat(g1(B), word(MAX)), output: bytesToHex(g1(B.multiply(MAX % N))) },
    { name: "O · 5 = O", input: concat(new Uint8Array(64), word(5n)), output: ZERO64 },
    { name: "missing scalar reads as 0", input: g1(B), output: ZERO64 },
    { name: "empty input", input: new Uint8Array(0), output: ZERO64 },
    {
      // chfast1 from go-ethereum's bn256ScalarMul vectors.
      name: "known vector",
      input: hexToBytes(
        "0x2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb721611ce0a6af85915e2f1d70300909ce2e49dfad4a4619c8390cae66cefdb20400000000000000000000000000000000000000000000000011138ce750fa15c2",
      ),
      output: "0x070a8d6a982153cae4be29d434e8faef8a47b274a053f5a4ee2a6c9c13c31e5c031b8ce914eba3a9ffb989f9cdd5b0f01943074bf4f0f315690ec3cec6981afc",
    },
  ])("$name", ({ input, output }) => {
    const r = bn254MulPrecompile.run(input, 10_000n);
    expect(r).toMatchObject({ ok: true, gasUsed: 6000n, native: 1_073_000n });
    expect(bytesToHex(r.output)).toBe(output);
  });

  it.each([
    { name: "(1, 3) is not on the curve", input: concat(word(1n), word(3n), word(2n)) },
    { name: "x = 1 + p is out of range", input: concat(word(1n + P), word(2n), word(2n)) },
    { name: "(1, 3) fails even with scalar 0", input: concat(word(1n), word(3n), word(0n)) },
  ])("$name → fails with all gas", ({ input }) => {
    expect(bn254MulPrecompile.run(input, 10_000n)).toEqual({ ok: false, gasUsed: 10_000n, output: new Uint8Array(0), native: 1_073_000n });
  });

  it("fails below 6000 gas", () => {
    expect(bn254MulPrecompile.run(concat(g1(B), word(2n)), 5999n)).toMatchObject({ ok: false, gasUsed: 5999n });
  });
});
