/**
 * 0x01 ecrecover: the address that signed a 32-byte hash (Yellow Paper appendix E; ZKsync OS
 * `basic_system/src/system_functions/ecrecover.rs`). Bad signatures are not failures: the call
 * succeeds with empty output and the 3000 gas are still charged.
 * @module
 */
import { recoverAddress } from "../../crypto/secp256k1";
import { fail, readPadded, succeed, type Precompile, type PrecompileResult } from "./types";

const GAS = 3000n;
/** zksync-os-reference.md §6.6: native_with_delegations!(350_000, 43_000, 0). */
const NATIVE = 522_000n;

/**
 * The signer of `hash` as a 32-byte word (12 zero bytes, then the address), or empty output when
 * v is not 27/28 as a full word, r or s is outside [1, n), or no point recovers.
 * Recovery is the WASM core's (ts/crypto/secp256k1.ts), which returns null for r or s outside
 * [1, n) and for signatures that recover no point. Measured (`zkos bench ecrecover`, busy 2-core
 * machine): ~63 µs per call, against ~1.3 ms for @noble/curves 2.4 and ~0.25 ms for tiny-secp256k1 2.2.
 */
function ecrecover(input: Uint8Array): Uint8Array {
  const buf = readPadded(input, 0, 128);
  for (let i = 32; i < 63; i++) if (buf[i] !== 0) return new Uint8Array(0);
  const v = buf[63]!;
  if (v !== 27 && v !== 28) return new Uint8Array(0);
  const address = recoverAddress(buf.subarray(0, 32), buf.subarray(64, 96), buf.subarray(96, 128), v === 28 ? 1 : 0);
  if (address === null) return new Uint8Array(0);
  const out = new Uint8Array(32);
  out.set(address, 12);
  return out;
}

/** The ecrecover precompile at 0x01. */
export const ecrecoverPrecompile: Precompile = {
  address: 0x01,
  name: "ecrecover",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    if (gasLimit < GAS) return fail(gasLimit, NATIVE);
    return succeed(GAS, ecrecover(input), NATIVE);
  },
};
