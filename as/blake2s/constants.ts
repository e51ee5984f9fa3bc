// Blake2s constants (RFC 7693 §2.6, §2.7): the IV, the parameter-block IV for an unkeyed 32-byte
// digest, and SIGMA as a byte table for the single-round delegation (riscv-machine.md §2.2).

export const IV0: u32 = 0x6a09e667;
export const IV1: u32 = 0xbb67ae85;
export const IV2: u32 = 0x3c6ef372;
export const IV3: u32 = 0xa54ff53a;
export const IV4: u32 = 0x510e527f;
export const IV5: u32 = 0x9b05688c;
export const IV6: u32 = 0x1f83d9ab;
export const IV7: u32 = 0x5be0cd19;

/** IV0 ^ 0x01010000 ^ 32: depth 1, fanout 1, no key, 32-byte digest (RFC 7693 §2.5). */
export const CIV0: u32 = 0x6b08e647;

/** The chaining value before the first block: CIV0, IV1..IV7 as 8 little-endian words. */
export const CIV_PTR: usize = memory.data<u32>([CIV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7]);

/** The IV as 8 words, for the delegation's v[8..16) reset. */
export const IV_PTR: usize = memory.data<u32>([IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7]);

/** SIGMA[r][i] for r in 0..10, row-major, 16 bytes a row (RFC 7693 §2.7). */
export const SIGMA_PTR: usize = memory.data<u8>([
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
  11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
  7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
  9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
  2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
  12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
  13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
  6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
  10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
]);

/** Number of rounds of Blake2s; valid round indexes for the delegation are 0..ROUNDS-1. */
export const ROUNDS: u32 = 10;
