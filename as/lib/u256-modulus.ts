// Prepared divisors, cached by value: a small direct-mapped cache keyed by the 256-bit modulus, so
// the EVM's modular ops with one recurring modulus (a curve's field prime, 18k MULMODs per
// weierstrudel call) pay the normalisation and reciprocal once and Barrett's μ once.

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
/** Four entries: two or three interleaved moduli (a field prime and a group order) all stay. */
const ENTRY_BITS: u64 = 2;
const CACHE_PTR: usize = memory.data(4 * <i32>ENTRY_LEN, 16);

/** Barrett states: just filled; asked for μ once (a one-off modulus skips computing it); μ ready;
 * not eligible. */
const BARRETT_NEW: u32 = 0;
const BARRETT_ASKED: u32 = 1;
const BARRETT_READY: u32 = 2;
const BARRETT_NO: u32 = 3;

/** Entries that were (re)filled: misses, for the bench and tests. */
export let modulusMisses: u64 = 0;

/**
 * The cache entry of modulus m ≠ 0 (4 LE u64 limbs), filled on a miss. Its prepared divisor is at
 * modulusDivisor(entry) and its key is a copy of m (stable even if the caller then overwrites m).
 * Inlined: a hit is a hash and four compares.
 */
@inline
export function modulusEntry(mPtr: usize): usize {
  const l0 = load<u64>(mPtr), l1 = load<u64>(mPtr, 8), l2 = load<u64>(mPtr, 16), l3 = load<u64>(mPtr, 24);
  // Fibonacci hashing of the limbs' xor: odd moduli differ in their upper bits, not bit 0.
  const slot = <usize>(((l0 ^ l1 ^ l2 ^ l3) * 0x9E37_79B9_7F4A_7C15) >> (64 - ENTRY_BITS));
  const e = CACHE_PTR + slot * ENTRY_LEN;
  if (load<u64>(e) == l0 && load<u64>(e, 8) == l1 && load<u64>(e, 16) == l2 && load<u64>(e, 24) == l3) return e;
  modulusFill(e, l0, l1, l2, l3);
  return e;
}

/** Fills entry e with the modulus (l3:l2:l1:l0) ≠ 0. */
function modulusFill(e: usize, l0: u64, l1: u64, l2: u64, l3: u64): void {
  modulusMisses++;
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
  memory.fill(CACHE_PTR, 0, 4 * ENTRY_LEN);
}
