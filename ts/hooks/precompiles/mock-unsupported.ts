/**
 * ZKsync OS stand-ins for the precompiles it does not implement (zksync-os-reference.md §1.5,
 * feature `mock-unsupported-precompiles`, on in the default `evm-compatibility` build): 0x09
 * succeeds with empty output iff the input is 213 bytes, 0x0a iff it is 193 bytes (sic, not
 * 192), both charging nothing; any other length fails and burns the forwarded gas.
 * @module
 */
import { fail, succeed, type Precompile, type PrecompileResult } from "./types";

function lengthMock(address: number, name: string, acceptedLen: number): Precompile {
  return {
    address,
    name,
    alwaysWarm: true,
    run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
      if (input.length !== acceptedLen) return fail(gasLimit, 0n);
      return succeed(0n, new Uint8Array(0), 0n);
    },
  };
}

/** ZKsync OS mock of blake2f at 0x09. */
export const blake2fMock: Precompile = lengthMock(0x09, "blake2f_mock", 213);
/** ZKsync OS mock of KZG point evaluation at 0x0a. */
export const kzgPointEvaluationMock: Precompile = lengthMock(0x0a, "kzg_point_evaluation_mock", 193);
