// 0x01 ecrecover: signatures made with @noble/curves, the address derived independently from the
// public key; malformed v / r / s give empty output at full gas (Yellow Paper appendix E).
import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { ecrecoverPrecompile } from "../../../ts/hooks/precompiles/01-ecrecover";
import { bytesToHex, hexToBytes, bigintToBytes } from "../../../ts/primitives/hex";

const N = secp256k1.Point.Fn.ORDER;
const SECRET = hexToBytes("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
const HASH = keccak_256(new TextEncoder().encode("zkos precompile test"));
const SIG = secp256k1.Signature.fromBytes(secp256k1.sign(HASH, SECRET, { prehash: false, format: "recovered" }), "recovered");
const ADDRESS_WORD = (() => {
  const out = new Uint8Array(32);
  out.set(keccak_256(secp256k1.getPublicKey(SECRET, false).subarray(1)).subarray(12), 12);
  return bytesToHex(out);
})();

function input(hash: Uint8Array, v: bigint, r: bigint, s: bigint): Uint8Array {
  const out = new Uint8Array(128);
  out.set(hash, 0);
  out.set(bigintToBytes(v, 32), 32);
  out.set(bigintToBytes(r, 32), 64);
  out.set(bigintToBytes(s, 32), 96);
  return out;
}

const V = 27n + BigInt(SIG.recovery!);

describe("0x01 ecrecover", () => {
  const cases: { name: string; data: Uint8Array; output: string }[] = [
    { name: "valid signature → signer", data: input(HASH, V, SIG.r, SIG.s), output: ADDRESS_WORD },
    { name: "high s with the other v → same signer (no low-s rule here)", data: input(HASH, 55n - V, SIG.r, N - SIG.s), output: ADDRESS_WORD },
    { name: "v = 29 → empty", data: input(HASH, 29n, SIG.r, SIG.s), output: "0x" },
    { name: "v = 0 → empty", data: input(HASH, 0n, SIG.r, SIG.s), output: "0x" },
    { name: "v = 27 + 2^8 (high bytes of the word) → empty", data: input(HASH, V + 256n, SIG.r, SIG.s), output: "0x" },
    { name: "s = n → empty", data: input(HASH, V, SIG.r, N), output: "0x" },
    { name: "s = 0 → empty", data: input(HASH, V, SIG.r, 0n), output: "0x" },
    { name: "r = n → empty", data: input(HASH, V, N, SIG.s), output: "0x" },
    { name: "r = 0 → empty", data: input(HASH, V, 0n, SIG.s), output: "0x" },
    { name: "empty input → empty", data: new Uint8Array(0), output: "0x" },
    {
      // go-ethereum's ecrecover vector; 32 extra trailing bytes are ignored.
      name: "known vector, with trailing bytes",
      data: hexToBytes(
        "0x38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e000000000000000000000000000000000000000000000000000000000000001b38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02" +
          "ff".repeat(32),
      ),
      output: "0x000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d",
    },
  ];
  it.each(cases)("$name", ({ data, output }) => {
    const r = ecrecoverPrecompile.run(data, 100_000n);
    expect(r.ok).toBe(true);
    expect(bytesToHex(r.output)).toBe(output);
    expect(r.gasUsed).toBe(3000n);
    expect(r.native).toBe(522_000n);
  });

  it("short input is zero-padded: cutting s's trailing zero bytes changes nothing", () => {
    const s = SIG.s & ~0xffffn;
    const full = input(HASH, V, SIG.r, s);
    const expected = bytesToHex(ecrecoverPrecompile.run(full, 3000n).output);
    expect(expected).toMatch(/^0x0{24}[0-9a-f]{40}$/);
    expect(bytesToHex(ecrecoverPrecompile.run(full.subarray(0, 126), 3000n).output)).toBe(expected);
  });

  it("fails with all gas below 3000, succeeds at exactly 3000", () => {
    const data = input(HASH, V, SIG.r, SIG.s);
    expect(ecrecoverPrecompile.run(data, 2999n)).toMatchObject({ ok: false, gasUsed: 2999n, output: new Uint8Array(0), native: 522_000n });
    expect(ecrecoverPrecompile.run(data, 3000n)).toMatchObject({ ok: true, gasUsed: 3000n });
  });
});
