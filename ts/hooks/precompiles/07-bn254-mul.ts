/**
 * 0x07 bn254 scalar multiplication (EIP-196) at 6000 gas (EIP-1108). Input is read as 96 bytes,
 * zero-padded; the scalar is any 256-bit value. Native 1,073,000 (ZKsync OS `bn254_ecmul.rs`).
 * @module
 */
import { decodeG1, encodeG1, G1, R } from "./_bn254";
import { fail, readPadded, readUint, succeed, type Precompile, type PrecompileResult } from "./types";

const GAS = 6000n;
/** zksync-os-reference.md §6.6: native_with_delegations!(825_000, 62_000, 0). */
const NATIVE = 1_073_000n;

/** The bn254 mul precompile at 0x07. */
export const bn254MulPrecompile: Precompile = {
  address: 0x07,
  name: "bn254_mul",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    if (gasLimit < GAS) return fail(gasLimit, NATIVE);
    const buf = readPadded(input, 0, 96);
    const pt = decodeG1(buf, 0);
    if (pt === null) return fail(gasLimit, NATIVE);
    const k = readUint(buf, 64, 32) % R;
    // The scalar is public, so the variable-time multiplication is fine.
    const product = k === 0n || pt.is0() ? G1.ZERO : pt.multiplyUnsafe(k);
    return succeed(GAS, encodeG1(product), NATIVE);
  },
};
