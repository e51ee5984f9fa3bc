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

// RISC-V machine (as/riscv/, riscv-machine.md). Large areas (page frames, the 4 MiB decode cache of
// the ROM, the trace buffer) come from the heap on first use (as/riscv/memory.ts, as/riscv/abi.ts).
/** Registers x0..x31, then the sink word (index 32) that writes to x0 are decoded to. */
export const RV_REGS_PTR: usize = memory.data(256, 64);
/** Guest page → host address table for reads: entry = frame − (page << 16), unmapped → zero frame. */
export const RV_PAGE_READ_PTR: usize = memory.data(65536, 64);
/** Guest page → frame table for writes (0 = not yet allocated). 16384 pages of 64 KiB = 1 GiB. */
export const RV_PAGE_WRITE_PTR: usize = memory.data(65536, 64);
/** A Blake2s delegation message (64 B) that crosses a guest page boundary, gathered for the kernel. */
export const RV_DELEGATION_SCRATCH_PTR: usize = memory.data(64, 64);
/** Non-determinism words waiting to be read by CSR 0x7C0 (filled by TS), in u32 words. */
export const RV_READ_BUF_LEN: i32 = 16384;
export const RV_READ_BUF_PTR: usize = memory.data(65536, 64);
/** CSR 0x7C0 writes waiting for TS: (value, reads consumed before it) pairs of u32. */
export const RV_WRITE_BUF_LEN: i32 = 4096;
export const RV_WRITE_BUF_PTR: usize = memory.data(32768, 64);
/** Instruction histogram: one u64 counter per decoded op (as/riscv/ops.ts). */
export const RV_HIST_LEN: i32 = 64;
export const RV_HIST_PTR: usize = memory.data(512, 64);
/** Decoded entry of an instruction fetched outside the ROM (decoded again on every execution). */
export const RV_FETCH_SCRATCH_PTR: usize = memory.data(16, 16);

// EVM (as/evm/frame.ts gives the field offsets of these records).
/** The request of an EVM_NEEDS_CALL / EVM_NEEDS_CREATE yield (CALL_* fields). */
export const EVM_CALL_PTR: usize = memory.data(128, 32);
/** Block and transaction context read by ORIGIN, COINBASE, ... (ENV_* fields, u256 LE limbs each). */
export const EVM_ENV_PTR: usize = memory.data(320, 32);
/** Arguments and result of one synchronous host query (HOST_* fields). */
export const EVM_HOST_PTR: usize = memory.data(32, 16);

// State tree (as/merkle/verify.ts). Batch entries and paths live in a heap arena (merkleReserve).
/** Blake2s of the empty subtree at heights 0..64 (65 × 32 bytes), filled on first use. */
export const MERKLE_EMPTY_PTR: usize = memory.data(2080, 64);
/** Leaf-hash scratch: chaining value at +0, zero-padded second block at +64, an all-zero leaf at +128. */
export const MERKLE_SCRATCH_PTR: usize = memory.data(256, 64);

// secp256k1 public-key recovery (as/secp256k1/; its scratch.ts maps the scratch region).
/** Temporaries of one recovery: field, scalar and point scratch, R's tables, wNAF digits. */
export const SECP_SCRATCH_LEN: i32 = 8192;
export const SECP_SCRATCH_PTR: usize = memory.data(8192, 64);
/** Odd multiples 1..511 of G, then of 2^128·G, affine (2 × 256 × 80 bytes), filled on first use. */
export const SECP_G_TABLE_LEN: i32 = 40960;
export const SECP_G_TABLE_PTR: usize = memory.data(40960, 64);
