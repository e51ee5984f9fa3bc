/**
 * The precompile contract between the call runner and the precompile implementations, plus the
 * small result and input helpers they share. Gas is Cancun EVM gas; native is the ZKsync OS
 * native resource (zksync-os-reference.md §6.6), which the `ethereum` profile ignores.
 * @module
 */

/** Which chain rules pick the active precompile set (see `precompilesFor` in registry.ts). */
export type Profile = "ethereum" | "zksync-os";

/** What one precompile call produced. */
export interface PrecompileResult {
  /**
   * false = failure (bad input or out of gas): the caller consumes all gas it forwarded and
   * returns empty data. ecrecover and P256 never fail on bad signatures; they succeed with
   * empty output, as the EVM specifies.
   */
  ok: boolean;
  /** EVM gas charged: the exact cost on success, the whole `gasLimit` on failure. */
  gasUsed: bigint;
  /** Return data; always a fresh array the caller may keep (empty on failure). */
  output: Uint8Array;
  /**
   * ZKsync OS native cost charged by this call. ZKsync OS charges native before gas, so it is
   * reported even when `ok` is false for lack of gas; the runner must check it against the
   * native left first (exceeding it is a transaction-level out-of-native, not a call failure).
   */
  native: bigint;
}

/** One precompiled contract. `run` is synchronous and never throws on any input. */
export interface Precompile {
  /** The address as a number (0x01 … 0x0a, 0x100). */
  address: number;
  /** Short name for traces (`ecrecover`, `modexp`, …). */
  name: string;
  /**
   * true if the address is warm from the start of every transaction (EIP-2929 puts all
   * precompiles in the accessed set; ZKsync OS does so for 0x01–0x0a but not 0x100, §6.5).
   */
  alwaysWarm: boolean;
  /** Runs the precompile on `input` with `gasLimit` gas forwarded to it. */
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult;
}

/** A successful call: `gasUsed` gas, `native` native, `output` as return data. */
export function succeed(gasUsed: bigint, output: Uint8Array, native: bigint): PrecompileResult {
  return { ok: true, gasUsed, output, native };
}

/** A failed call: all forwarded gas is consumed, no return data; `native` as charged before failing. */
export function fail(gasLimit: bigint, native: bigint): PrecompileResult {
  return { ok: false, gasUsed: gasLimit, output: new Uint8Array(0), native };
}

/** Number of 32-byte words covering `lenBytes` bytes (the EVM's ceil(len / 32)). */
export function wordsOf(lenBytes: number): bigint {
  return BigInt(Math.ceil(lenBytes / 32));
}

/**
 * `lenBytes` bytes of `input` from `offsetBytes`, reading zeros past its end (EIP-198 and the
 * fixed-layout precompiles treat missing input as zero). Always a fresh array.
 */
export function readPadded(input: Uint8Array, offsetBytes: number, lenBytes: number): Uint8Array {
  const out = new Uint8Array(lenBytes);
  if (offsetBytes < input.length) out.set(input.subarray(offsetBytes, Math.min(input.length, offsetBytes + lenBytes)));
  return out;
}

const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * The big-endian unsigned integer in `bytes[from, from + len)`. Goes through one hex string, so
 * it stays linear for the kilobyte-sized modexp operands (a shift per byte would be quadratic).
 */
export function readUint(bytes: Uint8Array, from: number, len: number): bigint {
  if (len === 0) return 0n;
  let hex = "0x";
  for (let i = from; i < from + len; i++) hex += BYTE_HEX[bytes[i]!];
  return BigInt(hex);
}

/** `value` as `lenBytes` big-endian bytes, written into `out` at `offsetBytes` (value must fit). */
export function writeUint(out: Uint8Array, offsetBytes: number, lenBytes: number, value: bigint): void {
  const hex = value.toString(16).padStart(2 * lenBytes, "0");
  for (let i = 0; i < lenBytes; i++) out[offsetBytes + i] = parseInt(hex.substr(2 * i, 2), 16);
}
