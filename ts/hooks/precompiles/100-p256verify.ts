/**
 * 0x100 P256 (secp256r1) signature verification as ZKsync OS implements it behind feature
 * `p256_precompile` (zksync-os-reference.md §8.6, `p256_verify.rs`), which is not RIP-7212:
 * input exactly 160 bytes (digest ‖ r ‖ s ‖ x ‖ y) else failure; 5000 gas, no native charge;
 * output one byte 0x01 / 0x00; r or s outside [1, n) or a key off the curve → empty output.
 * @module
 */
import { p256 } from "@noble/curves/nist.js";
import { fail, readUint, succeed, type Precompile, type PrecompileResult } from "./types";

const INPUT_BYTES = 160;
const GAS = 5000n;
const N = p256.Point.Fn.ORDER;
const P = p256.Point.Fp.ORDER;

/** [1] valid, [0] invalid, [] malformed signature or key (the Rust code returns Ok with no output). */
function verify(input: Uint8Array): Uint8Array {
  const r = readUint(input, 32, 32);
  const s = readUint(input, 64, 32);
  const x = readUint(input, 96, 32);
  const y = readUint(input, 128, 32);
  if (r === 0n || r >= N || s === 0n || s >= N || x >= P || y >= P) return new Uint8Array(0);
  let key: Uint8Array;
  try {
    const pt = p256.Point.fromAffine({ x, y });
    pt.assertValidity();
    key = pt.toBytes(false);
  } catch {
    return new Uint8Array(0);
  }
  // RustCrypto verify_prehash accepts high s and reduces the digest mod n, as noble does here.
  const ok = p256.verify(input.subarray(32, 96), input.subarray(0, 32), key, { prehash: false, lowS: false });
  return Uint8Array.of(ok ? 1 : 0);
}

/** The P256 verification precompile at 0x100 (ZKsync OS profile only). */
export const p256VerifyPrecompile: Precompile = {
  address: 0x100,
  name: "p256_verify",
  alwaysWarm: false,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    if (input.length !== INPUT_BYTES || gasLimit < GAS) return fail(gasLimit, 0n);
    return succeed(GAS, verify(input), 0n);
  },
};
