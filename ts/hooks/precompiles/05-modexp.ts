/**
 * 0x05 modexp: base^exp mod m over big-endian integers of declared lengths (EIP-198 layout,
 * EIP-2565 gas). Lengths are read as 256-bit words and may be absurd: gas is computed from them
 * first, and nothing is allocated at a declared length except the output (modulus length),
 * which the gas check has already bounded.
 * Native per ZKsync OS `basic_system/src/system_functions/modexp.rs` at the pinned commit.
 * @module
 */
import { fail, readPadded, readUint, succeed, writeUint, type Precompile, type PrecompileResult } from "./types";

const HEADER_BYTES = 96n;
const MIN_GAS = 200n;
const ERGS_PER_GAS = 256n;
/**
 * zksync-os-reference.md §6.6, QUIRK kept as is: ZKsync OS multiplies *ergs* (not gas) by
 * MODEXP_WORST_CASE_NATIVE_PER_GAS, which is 200 under `evm-compatibility` (the default build).
 */
const NATIVE_PER_ERG = 200n;
const U64_MAX = (1n << 64n) - 1n;

/** Bit length of a non-negative integer (0 for 0). */
function bitLength(x: bigint): bigint {
  return x === 0n ? 0n : BigInt(x.toString(2).length);
}

/**
 * The operand at `[offset, offset + len)` of `input` as `value · 256^zeroBytes`: `value` holds the
 * bytes present in the input, `zeroBytes` counts the implied zero bytes past its end.
 */
function readOperand(input: Uint8Array, offset: bigint, len: bigint): { value: bigint; zeroBytes: bigint } {
  const end = offset + len;
  const inputLen = BigInt(input.length);
  const presentEnd = end < inputLen ? end : inputLen;
  if (offset >= presentEnd) return { value: 0n, zeroBytes: len };
  const from = Number(offset);
  return { value: readUint(input, from, Number(presentEnd) - from), zeroBytes: end - presentEnd };
}

/**
 * The EIP-2565 iteration count: from the bit length of the exponent's first 32 bytes, plus 8 per
 * exponent byte past 32. With a zero head and a long exponent this follows geth and revm
 * (8·(len − 32)), not the EIP's pseudo-code (which would subtract one more).
 */
function iterationCount(expLen: bigint, expHead: bigint): bigint {
  let ic: bigint;
  if (expLen <= 32n) ic = expHead === 0n ? 0n : bitLength(expHead) - 1n;
  else ic = 8n * (expLen - 32n) + (expHead === 0n ? 0n : bitLength(expHead) - 1n);
  return ic > 1n ? ic : 1n;
}

/** EIP-2565 gas: max(200, ⌊ceil(max(baseLen, modLen) / 8)² · iterations / 3⌋). */
export function modexpGas(baseLen: bigint, expLen: bigint, modLen: bigint, expHead: bigint): bigint {
  const maxLen = baseLen > modLen ? baseLen : modLen;
  const words = (maxLen + 7n) / 8n;
  const gas = (words * words * iterationCount(expLen, expHead)) / 3n;
  return gas > MIN_GAS ? gas : MIN_GAS;
}

/**
 * Native ZKsync OS charges, following the order of its checks: nothing when the 200-gas minimum
 * is not available, when a length does not fit u64 (InvalidInput), or when the u64 gas
 * arithmetic overflows (OutOfErgs); otherwise ergs × 200, charged even if the gas then falls short.
 */
function zksyncNative(baseLen: bigint, expLen: bigint, modLen: bigint, expHead: bigint, gasLimit: bigint): bigint {
  if (gasLimit < MIN_GAS) return 0n;
  if (baseLen > U64_MAX || modLen > U64_MAX) return 0n;
  if (baseLen === 0n && modLen === 0n) return MIN_GAS * ERGS_PER_GAS * NATIVE_PER_ERG;
  if (expLen > U64_MAX) return 0n;
  const maxLen = baseLen > modLen ? baseLen : modLen;
  const words = (maxLen + 7n) / 8n;
  if (words * words > U64_MAX) return 0n;
  const headBits = bitLength(expHead);
  if (expLen > 32n && 8n * (expLen - 32n) + (headBits > 0n ? headBits - 1n : 0n) > U64_MAX) return 0n;
  const product = words * words * iterationCount(expLen, expHead);
  if (product > U64_MAX) return 0n;
  const gas = product / 3n > MIN_GAS ? product / 3n : MIN_GAS;
  if (gas * ERGS_PER_GAS > U64_MAX) return 0n;
  return gas * ERGS_PER_GAS * NATIVE_PER_ERG;
}

/** base^exp mod m (m > 1) with a fixed 4-bit window: one table of 16 powers, one multiply per hex digit. */
export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  base %= m;
  if (exp === 0n) return 1n;
  const table: bigint[] = [1n, base];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * base) % m);
  const hex = exp.toString(16);
  let r = table[parseInt(hex[0]!, 16)]!;
  for (let i = 1; i < hex.length; i++) {
    r = (r * r) % m;
    r = (r * r) % m;
    r = (r * r) % m;
    r = (r * r) % m;
    const d = parseInt(hex[i]!, 16);
    if (d !== 0) r = (r * table[d]!) % m;
  }
  return r;
}

/**
 * The result for declared lengths that already passed the gas check (so they are bounded by the
 * gas available). The modulus follows base and exponent, so if either runs past the input end
 * the modulus is all implied zeros and the result is zero: only the modulus's own tail can be
 * implied, as a factor 256^z.
 */
function compute(input: Uint8Array, baseLen: bigint, expLen: bigint, modLen: bigint): Uint8Array {
  const out = new Uint8Array(Number(modLen));
  const mod = readOperand(input, HEADER_BYTES + baseLen + expLen, modLen);
  if (mod.value === 0n) return out;
  const m = mod.value << (8n * mod.zeroBytes);
  if (m === 1n) return out;
  const base = readOperand(input, HEADER_BYTES, baseLen).value;
  const exp = readOperand(input, HEADER_BYTES + baseLen, expLen).value;
  writeUint(out, 0, out.length, modPow(base, exp, m));
  return out;
}

/** The modexp precompile at 0x05. */
export const modexpPrecompile: Precompile = {
  address: 0x05,
  name: "modexp",
  alwaysWarm: true,
  run(input: Uint8Array, gasLimit: bigint): PrecompileResult {
    const head = readPadded(input, 0, 96);
    const baseLen = readUint(head, 0, 32);
    const expLen = readUint(head, 32, 32);
    const modLen = readUint(head, 64, 32);
    const headLen = expLen < 32n ? expLen : 32n;
    const h = readOperand(input, HEADER_BYTES + baseLen, headLen);
    const expHead = h.value << (8n * h.zeroBytes);
    const gas = modexpGas(baseLen, expLen, modLen, expHead);
    const native = zksyncNative(baseLen, expLen, modLen, expHead, gasLimit);
    if (gas > gasLimit) return fail(gasLimit, native);
    return succeed(gas, compute(input, baseLen, expLen, modLen), native);
  },
};
