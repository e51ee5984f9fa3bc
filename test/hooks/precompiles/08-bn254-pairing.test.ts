// 0x08 bn254 pairing check (EIP-197, 45000 + 34000·k gas per EIP-1108): bilinearity identities
// encoded as input, O in either slot, and every EIP-197 rejection (length, range, curve, subgroup).
import { describe, expect, it } from "vitest";
import { bn254 } from "@noble/curves/bn254.js";
import { bn254PairingPrecompile } from "../../../ts/hooks/precompiles/08-bn254-pairing";
import { bytesToHex } from "../../../ts/primitives/hex";
import { concat, G1, g1, G2, g2, P, word } from "./_bn254.helpers";

const A = G1.BASE;
const Q = G2.BASE;
const TRUE = "0x" + "00".repeat(31) + "01";
const FALSE = "0x" + "00".repeat(32);
const pair = (p: typeof A, q: typeof Q) => concat(g1(p), g2(q));

/** A point on the twist outside the order-n subgroup: x = 1 works (checked in the test). */
function offSubgroupG2(): Uint8Array {
  const Fp2 = bn254.fields.Fp2;
  const x = Fp2.create({ c0: 1n, c1: 0n });
  const y = Fp2.sqrt(Fp2.add(Fp2.mul(Fp2.sqr(x), x), G2.CURVE().b));
  const pt = G2.fromAffine({ x, y });
  expect(pt.isTorsionFree()).toBe(false);
  return concat(word(x.c1), word(x.c0), word(y.c1), word(y.c0));
}

describe("0x08 bn254 pairing", () => {
  it.each([
    { name: "empty input → 1", input: new Uint8Array(0), output: TRUE, pairs: 0n },
    { name: "e(P, Q)·e(−P, Q) = 1", input: concat(pair(A, Q), pair(A.negate(), Q)), output: TRUE, pairs: 2n },
    { name: "e(2P, Q)·e(−P, 2Q) = 1", input: concat(pair(A.double(), Q), pair(A.negate(), Q.double())), output: TRUE, pairs: 2n },
    { name: "e(P, Q)·e(P, Q) ≠ 1", input: concat(pair(A, Q), pair(A, Q)), output: FALSE, pairs: 2n },
    { name: "e(P, Q) alone ≠ 1", input: pair(A, Q), output: FALSE, pairs: 1n },
    { name: "e(O, Q) = 1", input: concat(new Uint8Array(64), g2(Q)), output: TRUE, pairs: 1n },
    { name: "e(P, O) = 1", input: concat(g1(A), new Uint8Array(128)), output: TRUE, pairs: 1n },
    { name: "e(O, O)·e(P, Q)·e(−P, Q) = 1", input: concat(new Uint8Array(192), pair(A, Q), pair(A.negate(), Q)), output: TRUE, pairs: 3n },
  ])("$name", ({ input, output, pairs }) => {
    const r = bn254PairingPrecompile.run(input, 1_000_000n);
    expect(r).toMatchObject({ ok: true, gasUsed: 45_000n + 34_000n * pairs, native: 15_000_000n * (pairs + 1n) });
    expect(bytesToHex(r.output)).toBe(output);
  });

  const g2Swapped = (() => {
    const { x, y } = Q.toAffine();
    return concat(word(x.c0), word(x.c1), word(y.c0), word(y.c1));
  })();
  it.each([
    { name: "191 bytes", input: pair(A, Q).subarray(0, 191), pairs: 0n },
    { name: "193 bytes", input: concat(pair(A, Q), Uint8Array.of(0)), pairs: 1n },
    { name: "G1 (1, 3) not on the curve", input: concat(word(1n), word(3n), g2(Q)), pairs: 1n },
    { name: "G1 x ≥ p", input: concat(word(1n + P), word(2n), g2(Q)), pairs: 1n },
    { name: "G2 coordinate ≥ p", input: concat(g1(A), word(P), g2(Q).subarray(32)), pairs: 1n },
    { name: "G2 with (real, imaginary) order instead of (imaginary, real)", input: concat(g1(A), g2Swapped), pairs: 1n },
    { name: "G2 on the twist but outside the subgroup", input: concat(g1(A), offSubgroupG2()), pairs: 1n },
    { name: "an invalid second pair", input: concat(pair(A, Q), word(1n), word(3n), g2(Q)), pairs: 2n },
  ])("$name → fails with all gas", ({ input, pairs }) => {
    expect(bn254PairingPrecompile.run(input, 1_000_000n)).toEqual({
      ok: false,
      gasUsed: 1_000_000n,
      output: new Uint8Array(0),
      native: 15_000_000n * (pairs + 1n),
    });
  });

  it("fails one gas short of 45000 + 2·34000", () => {
    const input = concat(pair(A, Q), pair(A.negate(), Q));
    expect(bn254PairingPrecompile.run(input, 112_999n)).toMatchObject({ ok: false, gasUsed: 112_999n });
    expect(bn254PairingPrecompile.run(input, 113_000n)).toMatchObject({ ok: true, gasUsed: 113_000n });
  });
});
