// 0x100 P256 verify in the ZKsync OS format (zksync-os-reference.md §8.6): signatures made by
// node:crypto (OpenSSL), so the check is independent of the @noble/curves verifier inside.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { p256 } from "@noble/curves/nist.js";
import { p256VerifyPrecompile } from "../../../ts/hooks/precompiles/100-p256verify";
import { bigintToBytes, bytesToBigint, bytesToHex } from "../../../ts/primitives/hex";

const N = p256.Point.Fn.ORDER;
const P = p256.Point.Fp.ORDER;
const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
const jwk = publicKey.export({ format: "jwk" });
const X = bytesToBigint(Buffer.from(jwk.x!, "base64url"));
const Y = bytesToBigint(Buffer.from(jwk.y!, "base64url"));
const MSG = Buffer.from("zkos p256 precompile");
const DIGEST = createHash("sha256").update(MSG).digest();
const SIG = sign("sha256", MSG, { key: privateKey, dsaEncoding: "ieee-p1363" });
const R = bytesToBigint(SIG.subarray(0, 32));
const S = bytesToBigint(SIG.subarray(32, 64));

function input(digest: Uint8Array, r: bigint, s: bigint, x: bigint, y: bigint): Uint8Array {
  const out = new Uint8Array(160);
  out.set(digest, 0);
  [r, s, x, y].forEach((v, i) => out.set(bigintToBytes(v, 32), 32 + 32 * i));
  return out;
}

describe("0x100 P256 verify (ZKsync OS)", () => {
  const otherDigest = Uint8Array.from(DIGEST);
  otherDigest[0]! ^= 1;
  it.each([
    { name: "valid signature → 0x01", data: input(DIGEST, R, S, X, Y), output: "0x01" },
    { name: "high s (n − s) is accepted → 0x01", data: input(DIGEST, R, N - S, X, Y), output: "0x01" },
    { name: "another digest → 0x00", data: input(otherDigest, R, S, X, Y), output: "0x00" },
    { name: "another r → 0x00", data: input(DIGEST, R === 1n ? 2n : R - 1n, S, X, Y), output: "0x00" },
    { name: "r = 0 → empty", data: input(DIGEST, 0n, S, X, Y), output: "0x" },
    { name: "s = n → empty", data: input(DIGEST, R, N, X, Y), output: "0x" },
    { name: "key off the curve → empty", data: input(DIGEST, R, S, X, Y + 1n), output: "0x" },
    { name: "key x = p → empty", data: input(DIGEST, R, S, P, Y), output: "0x" },
    { name: "key (0, 0) → empty", data: input(DIGEST, R, S, 0n, 0n), output: "0x" },
  ])("$name", ({ data, output }) => {
    const r = p256VerifyPrecompile.run(data, 10_000n);
    expect(r).toMatchObject({ ok: true, gasUsed: 5000n, native: 0n });
    expect(bytesToHex(r.output)).toBe(output);
  });

  it.each([159, 161, 0])("%i-byte input fails with all gas", (len) => {
    const data = new Uint8Array(len);
    data.set(input(DIGEST, R, S, X, Y).subarray(0, Math.min(len, 160)));
    expect(p256VerifyPrecompile.run(data, 10_000n)).toEqual({ ok: false, gasUsed: 10_000n, output: new Uint8Array(0), native: 0n });
  });

  it("fails one gas short of 5000; is not pre-warmed", () => {
    expect(p256VerifyPrecompile.run(input(DIGEST, R, S, X, Y), 4999n)).toMatchObject({ ok: false, gasUsed: 4999n });
    expect(p256VerifyPrecompile.alwaysWarm).toBe(false);
  });
});
