/**
 * 0x04 identity: returns its input, at 15 + 3 gas per word (Yellow Paper appendix E).
 * Native per ZKsync OS `system_hooks/src/precompiles.rs`: 20 + 10 per byte.
 * @module
 */
import { fail, succeed, wordsOf, type Precompile, type PrecompileResult } from "./types";

/** The identity precompile at 0x04. The output is a copy, so it never aliases caller memory. */
export const identityPrecompile: Precompile = {
  address: 0x04,
  name: "identity",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    const gas = 15n + 3n * wordsOf(input.length);
    const native = 20n + 10n * BigInt(input.length);
    if (gasLimit < gas) return fail(gasLimit, native);
    return succeed(gas, input.slice(), native);
  },
};
