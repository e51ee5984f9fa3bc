/**
 * 0x02 sha256 (FIPS 180-4) at 60 + 12 gas per input word (Yellow Paper appendix E).
 * Native per ZKsync OS `sha256.rs`: 1600 + 4200 per compression block.
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { fail, succeed, wordsOf, type Precompile, type PrecompileResult } from "./types";

/**
 * Compression blocks a Merkle–Damgård hash with 64-byte blocks runs on `lenBytes` bytes: the
 * padding (0x80 and an 8-byte length) spills into a second block when the tail exceeds 55 bytes.
 * Shared with ripemd160, which pads the same way.
 */
export function mdBlocks(lenBytes: number): bigint {
  return BigInt(Math.floor(lenBytes / 64) + (lenBytes % 64 <= 55 ? 1 : 2));
}

/** The sha256 precompile at 0x02. */
export const sha256Precompile: Precompile = {
  address: 0x02,
  name: "sha256",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    const gas = 60n + 12n * wordsOf(input.length);
    const native = 1600n + 4200n * mdBlocks(input.length);
    if (gasLimit < gas) return fail(gasLimit, native);
    return succeed(gas, sha256(input), native);
  },
};
