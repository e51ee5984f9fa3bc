// Where each secp256k1 temporary lives: one map over SECP_SCRATCH_PTR (as/layout.ts), so no two
// files share bytes by accident. Nothing here is live across exported calls.
import { SECP_SCRATCH_LEN, SECP_SCRATCH_PTR } from "../layout";

const FE: usize = 40;
const JAC: usize = 128;
const AFF: usize = 80;
const SC: usize = 32;

/** field.ts: a normalized copy and eight words (feIsZero, feInv). */
export const SECP_FIELD_TMP_PTR: usize = SECP_SCRATCH_PTR;
/** field.ts: six elements of the square-root chain. */
export const SECP_POW_PTR: usize = SECP_FIELD_TMP_PTR + 80;
/** modinv.ts: d, e, f, g as nine i32 limbs each (40-byte slots). */
export const SECP_INV_PTR: usize = SECP_POW_PTR + 6 * FE;
/** point.ts: nine field elements. */
export const SECP_POINT_TMP_PTR: usize = SECP_INV_PTR + 4 * 40;
/** scalar.ts: a 512-bit product, its fold, two scalars. */
export const SECP_SCALAR_WIDE_PTR: usize = SECP_POINT_TMP_PTR + 9 * FE;
/** recover.ts: r, s, z, r^−1, u1, u2, k1, k2 (u1's upper half is read as a 128-bit scalar). */
export const SECP_SCALARS_PTR: usize = SECP_SCALAR_WIDE_PTR + 192;
/** recover.ts: R's x, y and x³ + 7. */
export const SECP_R_PTR: usize = SECP_SCALARS_PTR + 8 * SC + 16;
/** recover.ts: four wNAF digit streams of 144 i16 each. */
export const SECP_WNAF_PTR: usize = SECP_R_PTR + 3 * FE;
export const SECP_WNAF_STRIDE: usize = 288;
/** recover.ts: odd multiples 1R..15R and λ·(1R..15R), affine. */
export const SECP_RTAB_PTR: usize = SECP_WNAF_PTR + 4 * 288;
/** recover.ts: eight Jacobian points and their running Z products (batch to affine). */
export const SECP_BATCH_PTR: usize = SECP_RTAB_PTR + 16 * AFF;
export const SECP_BATCH_PROD_PTR: usize = SECP_BATCH_PTR + 8 * JAC;
/** recover.ts: two Jacobian points (running multiple, step) and the accumulator. */
export const SECP_JAC_PTR: usize = SECP_BATCH_PROD_PTR + 8 * FE;
/** recover.ts: the affine result, the 64-byte public key and its 32-byte Keccak. */
export const SECP_RESULT_PTR: usize = SECP_JAC_PTR + 3 * JAC;
const END: usize = SECP_RESULT_PTR + AFF + 96;

// Traps at start-up (debug build) when the map outgrows the region.
assert(END - SECP_SCRATCH_PTR <= <usize>SECP_SCRATCH_LEN);
