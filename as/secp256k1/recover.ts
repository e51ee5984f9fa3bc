// ECDSA public-key recovery on secp256k1 (SEC 1 v2 §4.1.6; Ethereum's form: the recovery id is
// R's y parity, no r + n case): Q = r^−1·(s·R − z·G) = u1·G + u2·R in one Strauss chain of 128
// doublings, u2 split by GLV into k1 + k2·λ (λR = (β·x, y)), u1 into 128-bit halves over G and
// 2^128·G; wNAF width 5 for R (8-point tables per call), 10 for G (256-point tables, built once).
import { keccak256Mem } from "../keccak/sponge";
import { SECP_G_TABLE_LEN, SECP_G_TABLE_PTR } from "../layout";
import { FE_LEN, feFromBytes, feFromWords, feIsOdd, feMul, feNeg, feNormalize, feSqr, feSqrt, feToBytes } from "./field";
import { AFF_LEN, JAC_LEN, gejAdd, gejAddAffine, gejBatchToAffine, gejDouble, gejIsInfinity, gejSetAffine, gejSetInfinity, gejToAffine } from "./point";
import { SC_LEN, scFromBytes, scInv, scIsZero, scLtN, scMul, scNeg, scReduce, scSplitLambda, scWnaf } from "./scalar";
import {
  SECP_BATCH_PROD_PTR, SECP_BATCH_PTR, SECP_JAC_PTR, SECP_R_PTR, SECP_RESULT_PTR, SECP_RTAB_PTR, SECP_SCALARS_PTR,
  SECP_WNAF_PTR, SECP_WNAF_STRIDE,
} from "./scratch";

/** Recovery status codes (mirrored in ts/crypto/secp256k1.ts). */
export const SECP_OK: i32 = 0;
/** r is 0 or ≥ n. */
export const SECP_ERR_R: i32 = 1;
/** s is 0 or ≥ n. */
export const SECP_ERR_S: i32 = 2;
/** The recovery id is not 0 or 1. */
export const SECP_ERR_V: i32 = 3;
/** No curve point has x = r (x³ + 7 is not a square mod p). */
export const SECP_ERR_X: i32 = 4;
/** The recovered point is at infinity. */
export const SECP_ERR_INFINITY: i32 = 5;

const R_WINDOW: i32 = 5;
const G_WINDOW: i32 = 10;
const R_TABLE: i32 = 1 << (R_WINDOW - 2);
const G_TABLE: i32 = 1 << (G_WINDOW - 2);
const G_TAB = SECP_G_TABLE_PTR;
const G128_TAB = SECP_G_TABLE_PTR + <usize>G_TABLE * AFF_LEN;

const SR = SECP_SCALARS_PTR;
const SS = SR + SC_LEN;
const SZ = SS + SC_LEN;
const RINV = SZ + SC_LEN;
const U1 = RINV + SC_LEN;
const U2 = U1 + SC_LEN;
const K1 = U2 + SC_LEN;
const K2 = K1 + SC_LEN;
const RX = SECP_R_PTR;
const RY = RX + FE_LEN;
const RHS = RY + FE_LEN;
const RTAB = SECP_RTAB_PTR;
const LRTAB = SECP_RTAB_PTR + <usize>R_TABLE * AFF_LEN;
const STEP = SECP_JAC_PTR;
const RUN = STEP + JAC_LEN;
const ACC = RUN + JAC_LEN;
const QA = SECP_RESULT_PTR;
const PUB = QA + AFF_LEN;
const DIGEST = PUB + 64;

const GX: usize = memory.data<u8>([
  0x79, 0xBE, 0x66, 0x7E, 0xF9, 0xDC, 0xBB, 0xAC, 0x55, 0xA0, 0x62, 0x95, 0xCE, 0x87, 0x0B, 0x07,
  0x02, 0x9B, 0xFC, 0xDB, 0x2D, 0xCE, 0x28, 0xD9, 0x59, 0xF2, 0x81, 0x5B, 0x16, 0xF8, 0x17, 0x98,
]);
const GY: usize = memory.data<u8>([
  0x48, 0x3A, 0xDA, 0x77, 0x26, 0xA3, 0xC4, 0x65, 0x5D, 0xA4, 0xFB, 0xFC, 0x0E, 0x11, 0x08, 0xA8,
  0xFD, 0x17, 0xB4, 0x48, 0xA6, 0x85, 0x54, 0x19, 0x9C, 0x47, 0xD0, 0x8F, 0xFB, 0x10, 0xD4, 0xB8,
]);
// β, a cube root of unity mod p: λ·(x, y) = (β·x, y).
const BETA: usize = memory.data<u32>([
  0x19501ee, 0x25b0a1c, 0x995c13, 0x1d44bd6, 0x19cf049, 0x30d0d3a, 0x24479ea, 0x1c41b9, 0x22b657c, 0x1eba5a,
]);

let gTablesReady = false;

/** count (a multiple of 8) odd multiples 1B, 3B, 5B, … of the affine point at basePtr, affine. */
function oddMultiples(outPtr: usize, basePtr: usize, count: i32): void {
  gejSetAffine(STEP, basePtr, false);
  gejDouble(STEP, STEP);
  gejSetAffine(RUN, basePtr, false);
  for (let c = 0; c < count; c += 8) {
    for (let j = 0; j < 8; j++) {
      memory.copy(SECP_BATCH_PTR + <usize>j * JAC_LEN, RUN, JAC_LEN);
      if (c + j + 1 < count) gejAdd(RUN, RUN, STEP);
    }
    gejBatchToAffine(outPtr + <usize>c * AFF_LEN, SECP_BATCH_PTR, 8, SECP_BATCH_PROD_PTR);
  }
}

function buildGTables(): void {
  assert(<usize>(2 * G_TABLE) * AFF_LEN <= <usize>SECP_G_TABLE_LEN);
  feFromBytes(QA, GX);
  feFromBytes(QA + FE_LEN, GY);
  oddMultiples(G_TAB, QA, G_TABLE);
  gejSetAffine(ACC, QA, false);
  for (let i = 0; i < 128; i++) gejDouble(ACC, ACC);
  gejToAffine(QA, ACC);
  oddMultiples(G128_TAB, QA, G_TABLE);
  gTablesReady = true;
}

@inline function digit(stream: i32, i: i32): i32 {
  return <i32>load<i16>(SECP_WNAF_PTR + <usize>stream * SECP_WNAF_STRIDE + (<usize>i << 1));
}

// acc += d·P from the odd-multiples table at tab (d odd, non-zero), negated when flip.
@inline function addDigit(tab: usize, d: i32, flip: bool): void {
  const neg = d < 0;
  const idx = <usize>(((neg ? -d : d) - 1) >> 1);
  gejAddAffine(ACC, ACC, tab + idx * AFF_LEN, neg != flip);
}

/**
 * Recovers the public key of the 97-byte record at inPtr (32-byte hash z, r, s big-endian, then
 * the recovery id byte 0/1) into 64 bytes x ‖ y at outPtr; returns SECP_OK or an error code.
 * z ≥ n is reduced mod n; s above n/2 is accepted (malleability is the caller's rule).
 */
export function recoverPublicKey(inPtr: usize, outPtr: usize): i32 {
  const v = load<u8>(inPtr, 96);
  if (v > 1) return SECP_ERR_V;
  scFromBytes(SR, inPtr + 32);
  if (scIsZero(SR) || !scLtN(SR)) return SECP_ERR_R;
  scFromBytes(SS, inPtr + 64);
  if (scIsZero(SS) || !scLtN(SS)) return SECP_ERR_S;
  scFromBytes(SZ, inPtr);
  scReduce(SZ, SZ);

  // R = (r, y) with y² = r³ + 7 and y's parity = v (r < n < p, so r is a valid x).
  feFromWords(RX, SR);
  feSqr(RHS, RX);
  feMul(RHS, RHS, RX);
  store<u32>(RHS, load<u32>(RHS) + 7);
  if (!feSqrt(RY, RHS)) return SECP_ERR_X;
  feNormalize(RY, RY);
  if (feIsOdd(RY) != (v == 1)) {
    feNeg(RY, RY, 1);
    feNormalize(RY, RY);
  }

  if (!gTablesReady) buildGTables();
  scInv(RINV, SR);
  scMul(U1, SZ, RINV);
  scNeg(U1, U1);
  scMul(U2, SS, RINV);
  const signs = scSplitLambda(K1, K2, U2);

  oddMultiples(RTAB, RX, R_TABLE);
  for (let i: usize = 0; i < <usize>R_TABLE; i++) {
    const src = RTAB + i * AFF_LEN, dst = LRTAB + i * AFF_LEN;
    feMul(dst, src, BETA);
    feNormalize(dst, dst);
    memory.copy(dst + FE_LEN, src + FE_LEN, FE_LEN);
  }

  let top = scWnaf(SECP_WNAF_PTR, K1, 128, R_WINDOW);
  top = max(top, scWnaf(SECP_WNAF_PTR + SECP_WNAF_STRIDE, K2, 128, R_WINDOW));
  top = max(top, scWnaf(SECP_WNAF_PTR + 2 * SECP_WNAF_STRIDE, U1, 128, G_WINDOW));
  top = max(top, scWnaf(SECP_WNAF_PTR + 3 * SECP_WNAF_STRIDE, U1 + 16, 128, G_WINDOW));
  const flip1 = (signs & 1) != 0, flip2 = (signs & 2) != 0;

  gejSetInfinity(ACC);
  for (let i = top - 1; i >= 0; i--) {
    gejDouble(ACC, ACC);
    let d = digit(0, i);
    if (d != 0) addDigit(RTAB, d, flip1);
    d = digit(1, i);
    if (d != 0) addDigit(LRTAB, d, flip2);
    d = digit(2, i);
    if (d != 0) addDigit(G_TAB, d, false);
    d = digit(3, i);
    if (d != 0) addDigit(G128_TAB, d, false);
  }
  if (gejIsInfinity(ACC)) return SECP_ERR_INFINITY;
  gejToAffine(QA, ACC);
  feToBytes(outPtr, QA);
  feToBytes(outPtr + 32, QA + FE_LEN);
  return SECP_OK;
}

/** As recoverPublicKey, then the Ethereum address keccak256(x ‖ y)[12..32] into 20 bytes at outPtr. */
export function recoverAddress(inPtr: usize, outPtr: usize): i32 {
  const status = recoverPublicKey(inPtr, PUB);
  if (status != SECP_OK) return status;
  keccak256Mem(PUB, 64, DIGEST);
  memory.copy(outPtr, DIGEST + 12, 20);
  return SECP_OK;
}

/**
 * Addresses of count 97-byte records at inPtr into 21-byte records at outPtr: the status byte,
 * then the 20-byte address (zeros on failure). Returns the number of failures.
 */
export function recoverAddresses(inPtr: usize, count: i32, outPtr: usize): i32 {
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const o = outPtr + <usize>i * 21;
    const status = recoverAddress(inPtr + <usize>i * 97, o + 1);
    store<u8>(o, <u8>status);
    if (status != SECP_OK) {
      memory.fill(o + 1, 0, 20);
      failed++;
    }
  }
  return failed;
}
