// Every fixed region of linear memory, declared once. TS reads the exported globals at
// instantiate time (ts/wasm.ts), so no offset is ever written twice (architecture.md §4.1).

/** General I/O mailbox: bytes in (hash input chunks, calldata) and out. */
export const MAILBOX_LEN: i32 = 65536;
export const MAILBOX_PTR: usize = memory.data(65536, 64);

/** Output area for digests and other small results (64 bytes). */
export const OUT_LEN: i32 = 64;
export const OUT_PTR: usize = memory.data(64, 64);

/** u256 operand scratch: four 32-byte slots (A, B, C, R), 4×u64 little-endian limbs each. */
export const U256_SCRATCH_PTR: usize = memory.data(128, 32);

/** Keccak-256 hasher struct size (as/keccak/sponge.ts: 200 bytes of lanes + u32 block position). */
export const KECCAK_STATE_LEN: i32 = 208;
/** The hasher slot that TS's incremental Keccak256 swaps its state through (ts/crypto/keccak.ts). */
export const KECCAK_STATE_PTR: usize = memory.data(208, 16);
/** Keccak lanes of the one-shot keccak256Mem (as/keccak/sponge.ts); never live across calls. */
export const KECCAK_SCRATCH_PTR: usize = memory.data(208, 16);

/** Blake2s one-shot scratch (as/blake2s/hasher.ts): chaining value at +0, zero-padded last block at +64. */
export const BLAKE2S_SCRATCH_LEN: i32 = 128;
export const BLAKE2S_SCRATCH_PTR: usize = memory.data(128, 64);
/** Blake2s hasher record size (as/blake2s/hasher.ts: h, t, buffered length, 64-byte block buffer). */
export const BLAKE2S_STATE_LEN: i32 = 128;
/** The hasher record that TS's incremental Blake2s256 works in; idle hashers spill to JS (ts/crypto/blake2s.ts). */
export const BLAKE2S_STATE_PTR: usize = memory.data(128, 64);
