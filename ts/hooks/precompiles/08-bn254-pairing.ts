/**
 * 0x08 bn254 pairing check (EIP-197) at 45,000 + 34,000 gas per pair (EIP-1108): 1 as a word
 * when the product of e(Pᵢ, Qᵢ) is one. Input length must be a multiple of 192; any invalid
 * point fails the call. Native 15M + 15M per pair (ZKsync OS `bn254_pairing_check.rs`).
 * @module
 */
import { bn254 } from "@noble/curves/bn254.js";
import { decodeG1, decodeG2 } from "./_bn254";
import { fail, succeed, type Precompile, type PrecompileResult } from "./types";

const PAIR_BYTES = 192;
/** zksync-os-reference.md §6.6: native_with_delegations!(13_000_000, 500_000, 0), base and per pair. */
const NATIVE_PER_UNIT = 15_000_000n;
const Fp12 = bn254.fields.Fp12;

type Pair = Parameters<typeof bn254.pairingBatch>[0][number];

/**
 * The bn254 pairing precompile at 0x08. Measured with @noble/curves 2.4 (node 20, 2 cores shared
 * with other jobs, load average 5–10): 65–73 ms for 2 pairs, 103 ms for 10; rustbn-wasm, the
 * ethereumjs default, took 56 ms for 2 pairs in the same conditions, so noble stays.
 */
export const bn254PairingPrecompile: Precompile = {
  address: 0x08,
  name: "bn254_pairing",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    // ZKsync OS prices floor(len / 192) pairs before it checks the length.
    const k = Math.floor(input.length / PAIR_BYTES);
    const gas = 45_000n + 34_000n * BigInt(k);
    const native = NATIVE_PER_UNIT * BigInt(k + 1);
    if (gasLimit < gas || input.length % PAIR_BYTES !== 0) return fail(gasLimit, native);
    const pairs: Pair[] = [];
    for (let off = 0; off < input.length; off += PAIR_BYTES) {
      const g1 = decodeG1(input, off);
      const g2 = decodeG2(input, off + 64);
      if (g1 === null || g2 === null) return fail(gasLimit, native);
      // e(O, Q) = e(P, O) = 1, and noble rejects infinity inside a batch.
      if (!g1.is0() && !g2.is0()) pairs.push({ g1, g2 });
    }
    const out = new Uint8Array(32);
    if (pairs.length === 0 || Fp12.eql(bn254.pairingBatch(pairs), Fp12.ONE)) out[31] = 1;
    return succeed(gas, out, native);
  },
};
