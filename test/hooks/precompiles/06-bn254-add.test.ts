// 0x06 bn254 add (EIP-196, 150 gas per EIP-1108): sums checked against noble's group law,
// invalid or out-of-range coordinates fail the call.
import { describe, expect, it } from "vitest";
import { bn254AddPrecompile } from "../../../ts/hooks/precompiles/06-bn254-add";
import { bytesToHex, hexToBytes } from "../../../ts/primitives/hex";
import { concat, G1, g1, P, word } from "./_bn254.helpers";

const B = G1.BASE;
const ZERO64 = "0x" + "00".repeat(64);

describe("0x06 bn254 add", () => {
  it.each([
    { name: "G1 + G1 = 2·G1", input: concat(g1(B), g1(B)), output: bytesToHex(g1(B.double())) },
    { name: "G1 + 3·G1 = 4·G1", input: concat(g1(B), g1(B.multiply(3n))), output: bytesToHex(g1(B.multiply(4n))) },
    { name: "G1 + O = G1", input: concat(g1(B), new Uint8Array(64)), output: bytesToHex(g1(B)) },
    { name: "O + G1 = G1 (second point only)", input: concat(new Uint8Array(64), g1(B)), output: bytesToHex(g1(B)) },
    { name: "G1 + (−G1) = O", input: concat(g1(B), g1(B.negate())), output: ZERO64 },
    { name: "empty input reads as O + O", input: new Uint8Array(0), output: ZERO64 },
    { name: "G1 alone (64 bytes, second point padded to O)", input: g1(B), output: bytesToHex(g1(B)) },
    { name: "bytes past 128 are ignored", input: concat(g1(B), g1(B), Uint8Array.of(1, 2, 3)), output: bytesToHex(g1(B.double())) },
    {
      // chfast1 from go-ethereum's bn256Add vectors.
      name: "known vector",
      input: hexToBytes(
        "0x18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f3726607c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7",
      ),
      output: "0x2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915",
    },
  ])("$name", ({ input, output }) => {
    const r = bn254AddPrecompile.run(input, 10_000n);
    expect(r).toMatchObject({ ok: true, gasUsed: 150n, native: 52_600n });
    expect(bytesToHex(r.output)).toBe(output);
  });

  it.each([
    { name: "(1, 3) is not on the curve", input: concat(word(1n), word(3n), g1(B)) },
    { name: "second point (1, 3) is not on the curve", input: concat(g1(B), word(1n), word(3n)) },
    { name: "x = 1 + p (≡ G1.x) is out of range", input: concat(word(1n + P), word(2n), g1(B)) },
    { name: "y = 2 + p (≡ G1.y) is out of range", input: concat(word(1n), word(2n + P), g1(B)) },
    { name: "(0, p) is not the point at infinity", input: concat(word(0n), word(P), g1(B)) },
  ])("$name → fails with all gas", ({ input }) => {
    expect(bn254AddPrecompile.run(input, 10_000n)).toEqual({ ok: false, gasUsed: 10_000n, output: new Uint8Array(0), native: 52_600n });
  });

  it("fails below 150 gas", () => {
    expect(bn254AddPrecompile.run(concat(g1(B), g1(B)), 149n)).toMatchObject({ ok: false, gasUsed: 149n });
  });
});
