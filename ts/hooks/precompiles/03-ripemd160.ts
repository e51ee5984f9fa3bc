/**
 * 0x03 ripemd160 at 600 + 120 gas per input word; the 20-byte digest is returned left-padded
 * to 32 bytes (Yellow Paper appendix E). Native per ZKsync OS `ripemd160.rs`: 1600 + 4200 per block.
 * @module
 */
import { ripemd160 } from "@noble/hashes/legacy.js";
import { mdBlocks } from "./02-sha256";
import { fail, succeed, wordsOf, type Precompile, type PrecompileResult } from "./types";

/** The ripemd160 precompile at 0x03. */
export const ripemd160Precompile: Precompile = {
  address: 0x03,
  name: "ripemd160",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    const gas = 600n + 120n * wordsOf(input.length);
    const native = 1600n + 4200n * mdBlocks(input.length);
    if (gasLimit < gas) return fail(gasLimit, native);
    const out = new Uint8Array(32);
    out.set(ripemd160(input), 12);
    return succeed(gas, out, native);
  },
};
