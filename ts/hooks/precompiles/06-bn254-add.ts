/**
 * 0x06 bn254 point addition (EIP-196) at 150 gas (EIP-1108). Input is read as 128 bytes,
 * zero-padded; an invalid point fails the call. Native 52,600 (ZKsync OS `bn254_ecadd.rs`).
 * @module
 */
import { decodeG1, encodeG1 } from "./_bn254";
import { fail, readPadded, succeed, type Precompile, type PrecompileResult } from "./types";

const GAS = 150n;
/** zksync-os-reference.md §6.6: native_with_delegations!(46_000, 1650, 0). */
const NATIVE = 52_600n;

/** The bn254 add precompile at 0x06. */
export const bn254AddPrecompile: Precompile = {
  address: 0x06,
  name: "bn254_add",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    if (gasLimit < GAS) return fail(gasLimit, NATIVE);
    const buf = readPadded(input, 0, 128);
    const a = decodeG1(buf, 0);
    const b = decodeG1(buf, 64);
    if (a === null || b === null) return fail(gasLimit, NATIVE);
    return succeed(GAS, encodeG1(a.add(b)), NATIVE);
  },
};
