// Prepared divisors, cached by value: a small direct-mapped cache keyed by the 256-bit modulus, so
// the EVM's modular ops with one recurring modulus (a curve's field prime, 18k MULMODs per
// weierstrudel call) pay the normalisation and reciprocal once and Barrett's μ once. DIV, MOD and
// ADDMOD never evict an entry whose Barrett state is ready, so a stream of one-off divisors leaves a
// hot MULMOD modulus in place.

import { divisorPrepare } from "./u256-knuth";
import { barrettEligible, barrettPrepare } from "./u256-barrett";

/** Entry layout: the modulus (the key; all zero = empty, as m = 0 never gets here), the prepared
 * divisor, where Barrett stands, the Barrett state (μ and m in radix 2^29). */
const ENTRY_DIVISOR: usize = 32;
/** ENTRY_DIVISOR + DIVISOR_LEN, spelled out: a constant imported across the u256 module cycle may be
 * read before its initialiser runs. */
const ENTRY_BARRETT: usize = 72;
const ENTRY_MU: usize = ENTRY_BARRETT + 8;
/** 32 + 40 + 8 + 76 (BARRETT_LEN) = 156 bytes used. */
const ENTRY_LEN: usize = 160;
/** Sixteen entries (2.5 KiB): a few interleaved moduli (field primes, group orders) stay, and a one-off
 * MULMOD modulus evicts a hot one with probability 1/16. */
const ENTRY_BITS: u64 = 4;
const ENTRIES: usize = 1 << <usize>ENTRY_BITS;
const CACHE_PTR: usize = memory.data(16 * <i32>ENTRY_LEN, 16);
/** Key and prepared divisor of a divisor that is not cached (modulusPrepared's misses). */
const SCRATCH_ENTRY_PTR: usize = memory.data(<i32>ENTRY_BARRETT, 16);

/** Barrett states: just filled; asked for μ once (a one-off modulus skips computing it); μ ready;
 * not eligible. */
const BARRETT_NEW: u32 = 0;
const BARRETT_ASKED: u32 = 1;
const BARRETT_READY: u32 = 2;
const BARRETT_NO: u32 = 3;

/** The cache slot of the modulus (l3:l2:l1:l0): Fibonacci hashing of the limbs' xor (odd moduli
 * differ in their upper bits, not bit 0). */
@inline
function slotOf(l0: u64, l1: u64, l2: u64, l3: u64): usize {
  return CACHE_PTR + <usize>(((l0 ^ l1 ^ l2 ^ l3) * 0x9E37_79B9_7F4A_7C15) >> (64 - ENTRY_BITS)) * ENTRY_LEN;
}

/**
 * The prepared divisor entry of m ≠ 0 (4 LE u64 limbs), for modulusDivisor only: the cache entry when
 * m is cached; on a miss m fills its slot unless that holds a modulus with Barrett ready (a hot
 * MULMOD modulus), and is otherwise prepared into a scratch entry that the next call overwrites.
 */
@inline
export function modulusPrepared(mPtr: usize): usize {
  const l0 = load<u64>(mPtr), l1 = load<u64>(mPtr, 8), l2 = load<u64>(mPtr, 16), l3 = load<u64>(mPtr, 24);
  const e = slotOf(l0, l1, l2, l3);
  if (load<u64>(e) == l0 && load<u64>(e, 8) == l1 && load<u64>(e, 16) == l2 && load<u64>(e, 24) == l3) return e;
  if (load<u32>(e + ENTRY_BARRETT) == BARRETT_READY) return prepareScratch(l0, l1, l2, l3);
  modulusFill(e, l0, l1, l2, l3);
  return e;
}

function prepareScratch(l0: u64, l1: u64, l2: u64, l3: u64): usize {
  const e = SCRATCH_ENTRY_PTR;
  store<u64>(e, l0);
  store<u64>(e, l1, 8);
  store<u64>(e, l2, 16);
  store<u64>(e, l3, 24);
  divisorPrepare(e + ENTRY_DIVISOR, e);
  return e;
}

/**
 * The cache entry of modulus m ≠ 0 (4 LE u64 limbs), filled on a miss. Its prepared divisor is at
 * modulusDivisor(entry) and its key is a copy of m (stable even if the caller then overwrites m).
 * Inlined: a hit is a hash and four compares.
 */
@inline
export function modulusEntry(mPtr: usize): usize {
  const l0 = load<u64>(mPtr), l1 = load<u64>(mPtr, 8), l2 = load<u64>(mPtr, 16), l3 = load<u64>(mPtr, 24);
  const e = slotOf(l0, l1, l2, l3);
  if (load<u64>(e) == l0 && load<u64>(e, 8) == l1 && load<u64>(e, 16) == l2 && load<u64>(e, 24) == l3) return e;
  modulusFill(e, l0, l1, l2, l3);
  return e;
}

/** Fills entry e with the modulus (l3:l2:l1:l0) ≠ 0. */
function modulusFill(e: usize, l0: u64, l1: u64, l2: u64, l3: u64): void {
  store<u64>(e, l0);
  store<u64>(e, l1, 8);
  store<u64>(e, l2, 16);
  store<u64>(e, l3, 24);
  divisorPrepare(e + ENTRY_DIVISOR, e);
  store<u32>(e + ENTRY_BARRETT, barrettEligible(l0, l1, l2, l3) ? BARRETT_NEW : BARRETT_NO);
}

/** The prepared divisor (u256-knuth.ts) of a cache entry. */
@inline
export function modulusDivisor(entryPtr: usize): usize {
  return entryPtr + ENTRY_DIVISOR;
}

/**
 * The Barrett state of a cache entry for barrettMulMod (its modulus is the entry's first 32 bytes), or
 * 0 when Barrett does not apply or this is the first time it is asked for since the entry was filled
 * (μ costs about one long division: a one-off modulus skips it).
 */
@inline
export function modulusBarrett(entryPtr: usize): usize {
  return load<u32>(entryPtr + ENTRY_BARRETT) == BARRETT_READY ? entryPtr + ENTRY_MU : modulusBarrettSlow(entryPtr);
}

function modulusBarrettSlow(entryPtr: usize): usize {
  const state = load<u32>(entryPtr + ENTRY_BARRETT);
  if (state == BARRETT_NO) return 0;
  if (state == BARRETT_NEW) {
    store<u32>(entryPtr + ENTRY_BARRETT, BARRETT_ASKED);
    return 0;
  }
  barrettPrepare(entryPtr + ENTRY_MU, entryPtr, entryPtr + ENTRY_DIVISOR);
  store<u32>(entryPtr + ENTRY_BARRETT, BARRETT_READY);
  return entryPtr + ENTRY_MU;
}

/** Empties the cache (tests: the miss path of every op). */
export function modulusCacheClear(): void {
  memory.fill(CACHE_PTR, 0, ENTRIES * ENTRY_LEN);
}
