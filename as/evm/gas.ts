// EVM gas constants (Cancun; Yellow Paper appendix G, revm gas_constants) and the dynamic-gas
// helpers: memory expansion, copy words, EXP bytes, KECCAK256 words. Ergs are gas × ERGS_PER_GAS
// (zksync-os-reference.md §6.1); native costs of the same operations are ZKsync OS proving costs
// (§6.6, evm_interpreter/src/native_resource_constants.rs at 0a82da0).

export const ERGS_PER_GAS: i64 = 256;

export const G_ZERO: i32 = 0;
export const G_JUMPDEST: i32 = 1;
export const G_BASE: i32 = 2;
export const G_VERYLOW: i32 = 3;
export const G_LOW: i32 = 5;
export const G_MID: i32 = 8;
export const G_HIGH: i32 = 10;
export const G_EXP: i32 = 10;
export const G_EXP_BYTE: i64 = 50;
export const G_KECCAK256: i32 = 30;
export const G_KECCAK256_WORD: i64 = 6;
export const G_COPY_WORD: i64 = 3;
export const G_MEMORY_WORD: i64 = 3;
export const G_BLOCKHASH: i32 = 20;
export const G_SELFBALANCE: i32 = 5;
export const G_WARM_ACCESS: i32 = 100;
export const G_LOG: i32 = 375;
export const G_LOG_TOPIC: i32 = 375;
export const G_LOG_DATA_BYTE: i64 = 8;
export const G_CREATE: i32 = 32000;
export const G_INITCODE_WORD: i64 = 2;
export const G_SELFDESTRUCT: i32 = 5000;
/** EIP-2200: SSTORE fails when no more than the call stipend is left. */
export const G_SSTORE_SENTRY: i64 = 2300;

/** EIP-3860: initcode longer than this is an exceptional halt of CREATE/CREATE2. */
export const MAX_INITCODE_SIZE: u64 = 49152;

/**
 * Largest EVM memory a frame may have. Ethereum has no hard limit, but 1 GiB costs 2^41 gas, far
 * above every block gas limit in use; beyond it we report out-of-gas (geth's own bound is 128 GiB).
 */
export const MAX_MEMORY_BYTES: u64 = 1 << 30;
/** Offsets and lengths above this are treated as unaffordable before any arithmetic can overflow. */
export const OFFSET_LIMIT: u64 = 0xffffffff;

// Native (proving) costs that depend on operands; static per-opcode native costs are in traits.ts.
export const N_STEP: i32 = 20;
export const N_EXP_BYTE: i64 = 5000;
export const N_MEMORY_GROWTH_BASE: i64 = 35;
export const N_MEMORY_GROWTH_BYTE: i64 = 1;
export const N_COPY_BASE: i32 = 80;
export const N_COPY_BYTE: i64 = 1;
/** basic_system keccak256: 2,500 + 17,500 per started 136-byte chunk, at least one. */
export const N_KECCAK_BASE: i64 = 2500;
export const N_KECCAK_BLOCK: i64 = 17500;

/** Gas of a memory of `words` 32-byte words: 3·w + w²/512 (Yellow Paper C_mem). */
// @ts-ignore: decorator
@inline
export function memoryCost(words: i64): i64 {
  return G_MEMORY_WORD * words + ((words * words) >> 9);
}

/** Number of 32-byte words covering `len` bytes; len ≤ OFFSET_LIMIT so nothing overflows. */
// @ts-ignore: decorator
@inline
export function wordCount(len: u64): i64 {
  return <i64>((len + 31) >> 5);
}

/** Ergs of copying `len` bytes (CALLDATACOPY, CODECOPY, RETURNDATACOPY, EXTCODECOPY, MCOPY). */
// @ts-ignore: decorator
@inline
export function copyErgs(len: u64): i64 {
  return G_COPY_WORD * wordCount(len) * ERGS_PER_GAS;
}

/** Ergs of KECCAK256's per-word charge over `len` bytes. */
// @ts-ignore: decorator
@inline
export function keccakWordErgs(len: u64): i64 {
  return G_KECCAK256_WORD * wordCount(len) * ERGS_PER_GAS;
}

/** Native of hashing `len` bytes with the system keccak (ZKsync OS basic_system cost_constants). */
// @ts-ignore: decorator
@inline
export function keccakNative(len: u64): i64 {
  const blocks = len == 0 ? <i64>1 : <i64>((len + 135) / 136);
  return N_KECCAK_BASE + N_KECCAK_BLOCK * blocks;
}
