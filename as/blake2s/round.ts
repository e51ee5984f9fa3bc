// The single-round Blake2s delegation behind CSR 0x7C7 (riscv-machine.md §2.2; Airbender
// `blake2_round_function_with_compression_mode.rs`): one round (4 column + 4 diagonal G) on a
// 24-word record h[8] ‖ v[16], in normal mode or in compression mode (one 64-byte block made of
// two 32-byte nodes). All inputs are read before anything is stored, as in the reference.

import { CIV0, IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7, ROUNDS, SIGMA_PTR } from "./constants";

export const BLAKE2S_ROUND_OK: u32 = 0;
/** roundMask is not 1 << r with r in 0..9. */
export const BLAKE2S_ROUND_ERR_MASK: u32 = 1;
/** control has a bit other than the three below. */
export const BLAKE2S_ROUND_ERR_CONTROL: u32 = 2;

/** control bit0: after the round, fold v into h (h[i] ^= v[i] ^ v[i+8]). */
export const BLAKE2S_CONTROL_LAST_ROUND: u32 = 1;
/** control bit1: in compression mode the message is M[0..8) ‖ h instead of h ‖ M[0..8). Ignored in normal mode, as in the reference. */
export const BLAKE2S_CONTROL_RIGHT_NODE: u32 = 2;
/** control bit2: compression mode. */
export const BLAKE2S_CONTROL_COMPRESSION: u32 = 4;

const CONTROL_KNOWN: u32 = BLAKE2S_CONTROL_LAST_ROUND | BLAKE2S_CONTROL_RIGHT_NODE | BLAKE2S_CONTROL_COMPRESSION;

// Message word s (0..15) of a block whose words 0..7 are at loPtr and 8..15 at hiPtr.
@inline
function word(loPtr: usize, hiPtr: usize, s: u32): u32 {
  return load<u32>((s < 8 ? loPtr : hiPtr) + ((<usize>s & 7) << 2));
}

/**
 * One delegated round on the record at statePtr (h = 8 words, then v = 16 words) with the 16
 * message words at msgPtr, round r = ctz(roundMask). Returns BLAKE2S_ROUND_OK, or an error code
 * with memory untouched.
 */
export function blake2sRoundDelegation(statePtr: usize, msgPtr: usize, roundMask: u32, control: u32): u32 {
  if (roundMask == 0 || (roundMask & (roundMask - 1)) != 0 || roundMask >= (1 << ROUNDS)) {
    return BLAKE2S_ROUND_ERR_MASK;
  }
  if ((control & ~CONTROL_KNOWN) != 0) return BLAKE2S_ROUND_ERR_CONTROL;
  const r = ctz(roundMask);
  const compression = (control & BLAKE2S_CONTROL_COMPRESSION) != 0;
  const vPtr = statePtr + 32;

  let v0: u32, v1: u32, v2: u32, v3: u32, v4: u32, v5: u32, v6: u32, v7: u32;
  let v8: u32, v9: u32, v10: u32, v11: u32, v12: u32, v13: u32, v14: u32, v15: u32;
  if (r == 0 && compression) {
    v0 = CIV0; v1 = IV1; v2 = IV2; v3 = IV3; v4 = IV4; v5 = IV5; v6 = IV6; v7 = IV7;
    v8 = IV0; v9 = IV1; v10 = IV2; v11 = IV3; v12 = IV4 ^ 64; v13 = IV5; v14 = ~IV6; v15 = IV7;
  } else if (r == 0) {
    // v[12] and v[14] stay as the guest prepared them: t ^ IV4 and f ^ IV6.
    v0 = load<u32>(statePtr, 0); v1 = load<u32>(statePtr, 4); v2 = load<u32>(statePtr, 8);
    v3 = load<u32>(statePtr, 12); v4 = load<u32>(statePtr, 16); v5 = load<u32>(statePtr, 20);
    v6 = load<u32>(statePtr, 24); v7 = load<u32>(statePtr, 28);
    v8 = IV0; v9 = IV1; v10 = IV2; v11 = IV3;
    v12 = load<u32>(vPtr, 48); v13 = IV5; v14 = load<u32>(vPtr, 56); v15 = IV7;
  } else {
    v0 = load<u32>(vPtr, 0); v1 = load<u32>(vPtr, 4); v2 = load<u32>(vPtr, 8); v3 = load<u32>(vPtr, 12);
    v4 = load<u32>(vPtr, 16); v5 = load<u32>(vPtr, 20); v6 = load<u32>(vPtr, 24); v7 = load<u32>(vPtr, 28);
    v8 = load<u32>(vPtr, 32); v9 = load<u32>(vPtr, 36); v10 = load<u32>(vPtr, 40); v11 = load<u32>(vPtr, 44);
    v12 = load<u32>(vPtr, 48); v13 = load<u32>(vPtr, 52); v14 = load<u32>(vPtr, 56); v15 = load<u32>(vPtr, 60);
  }

  // Compression mode: the block is h ‖ M[0..8) for a left node, M[0..8) ‖ h for a right node.
  let loPtr = msgPtr;
  let hiPtr = msgPtr + 32;
  if (compression) {
    const right = (control & BLAKE2S_CONTROL_RIGHT_NODE) != 0;
    loPtr = right ? msgPtr : statePtr;
    hiPtr = right ? statePtr : msgPtr;
  }
  // SAFETY: r < ROUNDS, so the row lies inside the 160-byte SIGMA table.
  const row = SIGMA_PTR + (<usize>r << 4);
  let x: u32, y: u32;
  x = word(loPtr, hiPtr, load<u8>(row, 0)); y = word(loPtr, hiPtr, load<u8>(row, 1));
  v0 += v4 + x; v12 = rotr<u32>(v12 ^ v0, 16); v8 += v12; v4 = rotr<u32>(v4 ^ v8, 12);
  v0 += v4 + y; v12 = rotr<u32>(v12 ^ v0, 8); v8 += v12; v4 = rotr<u32>(v4 ^ v8, 7);
  x = word(loPtr, hiPtr, load<u8>(row, 2)); y = word(loPtr, hiPtr, load<u8>(row, 3));
  v1 += v5 + x; v13 = rotr<u32>(v13 ^ v1, 16); v9 += v13; v5 = rotr<u32>(v5 ^ v9, 12);
  v1 += v5 + y; v13 = rotr<u32>(v13 ^ v1, 8); v9 += v13; v5 = rotr<u32>(v5 ^ v9, 7);
  x = word(loPtr, hiPtr, load<u8>(row, 4)); y = word(loPtr, hiPtr, load<u8>(row, 5));
  v2 += v6 + x; v14 = rotr<u32>(v14 ^ v2, 16); v10 += v14; v6 = rotr<u32>(v6 ^ v10, 12);
  v2 += v6 + y; v14 = rotr<u32>(v14 ^ v2, 8); v10 += v14; v6 = rotr<u32>(v6 ^ v10, 7);
  x = word(loPtr, hiPtr, load<u8>(row, 6)); y = word(loPtr, hiPtr, load<u8>(row, 7));
  v3 += v7 + x; v15 = rotr<u32>(v15 ^ v3, 16); v11 += v15; v7 = rotr<u32>(v7 ^ v11, 12);
  v3 += v7 + y; v15 = rotr<u32>(v15 ^ v3, 8); v11 += v15; v7 = rotr<u32>(v7 ^ v11, 7);
  x = word(loPtr, hiPtr, load<u8>(row, 8)); y = word(loPtr, hiPtr, load<u8>(row, 9));
  v0 += v5 + x; v15 = rotr<u32>(v15 ^ v0, 16); v10 += v15; v5 = rotr<u32>(v5 ^ v10, 12);
  v0 += v5 + y; v15 = rotr<u32>(v15 ^ v0, 8); v10 += v15; v5 = rotr<u32>(v5 ^ v10, 7);
  x = word(loPtr, hiPtr, load<u8>(row, 10)); y = word(loPtr, hiPtr, load<u8>(row, 11));
  v1 += v6 + x; v12 = rotr<u32>(v12 ^ v1, 16); v11 += v12; v6 = rotr<u32>(v6 ^ v11, 12);
  v1 += v6 + y; v12 = rotr<u32>(v12 ^ v1, 8); v11 += v12; v6 = rotr<u32>(v6 ^ v11, 7);
  x = word(loPtr, hiPtr, load<u8>(row, 12)); y = word(loPtr, hiPtr, load<u8>(row, 13));
  v2 += v7 + x; v13 = rotr<u32>(v13 ^ v2, 16); v8 += v13; v7 = rotr<u32>(v7 ^ v8, 12);
  v2 += v7 + y; v13 = rotr<u32>(v13 ^ v2, 8); v8 += v13; v7 = rotr<u32>(v7 ^ v8, 7);
  x = word(loPtr, hiPtr, load<u8>(row, 14)); y = word(loPtr, hiPtr, load<u8>(row, 15));
  v3 += v4 + x; v14 = rotr<u32>(v14 ^ v3, 16); v9 += v14; v4 = rotr<u32>(v4 ^ v9, 12);
  v3 += v4 + y; v14 = rotr<u32>(v14 ^ v3, 8); v9 += v14; v4 = rotr<u32>(v4 ^ v9, 7);

  if ((control & BLAKE2S_CONTROL_LAST_ROUND) != 0) {
    // Compression mode folds into CIV (a fresh one-block hash), normal mode into the current h.
    let h0: u32 = CIV0, h1: u32 = IV1, h2: u32 = IV2, h3: u32 = IV3;
    let h4: u32 = IV4, h5: u32 = IV5, h6: u32 = IV6, h7: u32 = IV7;
    if (!compression) {
      h0 = load<u32>(statePtr, 0); h1 = load<u32>(statePtr, 4); h2 = load<u32>(statePtr, 8);
      h3 = load<u32>(statePtr, 12); h4 = load<u32>(statePtr, 16); h5 = load<u32>(statePtr, 20);
      h6 = load<u32>(statePtr, 24); h7 = load<u32>(statePtr, 28);
    }
    store<u32>(statePtr, h0 ^ v0 ^ v8, 0);
    store<u32>(statePtr, h1 ^ v1 ^ v9, 4);
    store<u32>(statePtr, h2 ^ v2 ^ v10, 8);
    store<u32>(statePtr, h3 ^ v3 ^ v11, 12);
    store<u32>(statePtr, h4 ^ v4 ^ v12, 16);
    store<u32>(statePtr, h5 ^ v5 ^ v13, 20);
    store<u32>(statePtr, h6 ^ v6 ^ v14, 24);
    store<u32>(statePtr, h7 ^ v7 ^ v15, 28);
  }
  store<u32>(vPtr, v0, 0); store<u32>(vPtr, v1, 4); store<u32>(vPtr, v2, 8); store<u32>(vPtr, v3, 12);
  store<u32>(vPtr, v4, 16); store<u32>(vPtr, v5, 20); store<u32>(vPtr, v6, 24); store<u32>(vPtr, v7, 28);
  store<u32>(vPtr, v8, 32); store<u32>(vPtr, v9, 36); store<u32>(vPtr, v10, 40); store<u32>(vPtr, v11, 44);
  store<u32>(vPtr, v12, 48); store<u32>(vPtr, v13, 52); store<u32>(vPtr, v14, 56); store<u32>(vPtr, v15, 60);
  return BLAKE2S_ROUND_OK;
}
