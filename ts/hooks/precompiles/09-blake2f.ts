/**
 * 0x09 blake2f: the BLAKE2b compression function F with a caller-chosen round count (EIP-152,
 * RFC 7693 §3.2). Input is exactly 213 bytes: rounds (u32 BE) ‖ h (8 × u64 LE) ‖ m (16 × u64 LE)
 * ‖ t (2 × u64 LE) ‖ f (0 or 1). Gas = rounds. Ethereum profile only (ZKsync OS mocks it, §8).
 * @module
 */
import { wasm } from "../../wasm";
import { fail, succeed, type Precompile, type PrecompileResult } from "./types";

const INPUT_BYTES = 213;
const OUTPUT_BYTES = 64;

/** Rounds per WASM call: a multiple of 10 (see as/blake2b/compress.ts), small enough for V8 to tier up early. */
const ROUNDS_PER_CALL = 10_000;
/** Offset of the working words behind the input in the mailbox. */
const V_OFFSET = 256;

/**
 * F (RFC 7693 §3.2) on the 213-byte EIP-152 input, returning the new h (64 bytes, LE words). Runs in
 * WASM on i64 words (as/blake2b/compress.ts): 21 ns per round on this machine, where the former
 * u32-pair TypeScript version took 700 ns, which matters for 2^32 − 1 rounds (the state test
 * CALLBlake2f_MaxRounds runs them all, about 90 s).
 */
export function blake2bCompress(input: Uint8Array): Uint8Array {
  const w = wasm();
  if (w.viewsStale) w.refreshViews();
  const inPtr = w.mailboxPtr;
  const vPtr = inPtr + V_OFFSET;
  w.u8.set(input.subarray(0, INPUT_BYTES), inPtr);
  const e = w.exports;
  e.blake2fInit(inPtr, vPtr);
  let left = new DataView(input.buffer, input.byteOffset, 4).getUint32(0, false);
  while (left > 0) {
    const n = left < ROUNDS_PER_CALL ? left : ROUNDS_PER_CALL;
    e.blake2fRounds(inPtr, vPtr, n);
    left -= n;
  }
  e.blake2fFinal(inPtr, vPtr, w.outPtr);
  return w.u8.slice(w.outPtr, w.outPtr + OUTPUT_BYTES);
}

/** The blake2f precompile at 0x09 (EIP-152). */
export const blake2fPrecompile: Precompile = {
  address: 0x09,
  name: "blake2f",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    if (input.length !== INPUT_BYTES) return fail(gasLimit, 0n);
    const rounds = BigInt(new DataView(input.buffer, input.byteOffset, 4).getUint32(0, false));
    if (rounds > gasLimit || input[212]! > 1) return fail(gasLimit, 0n);
    return succeed(rounds, blake2bCompress(input), 0n);
  },
};
