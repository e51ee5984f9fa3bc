// secp256k1 points (y² = x³ + 7, a = 0): Jacobian (X, Y, Z) ↦ (X/Z², Y/Z³) with an infinity flag,
// and affine (x, y). Doubling "dbl-2009-l" with D = 4XB (3M+4S), mixed addition (8M+3S), general
// addition "add-1998-cmo-2" (12M+4S), after hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-0.html
// (own code). Variable time: recovery handles public data only.

// Magnitudes (field.ts): Jacobian points have X, Y ≤ 10 and Z ≤ 2 (so no product input exceeds
// 16 and no weak reduction is needed); affine inputs are normalized.
import {
  FE_LEN, feCopy, feInv, feIsZero, feMul, feMulInt, feNeg, feNormalize, feScaleSub, feSetInt, feSqr, feSub, feSubLin, feSubMul,
} from "./field";
import { SECP_POINT_TMP_PTR } from "./scratch";

/** Bytes of a Jacobian point: X, Y, Z, then a u32 infinity flag (and padding). */
export const JAC_LEN: usize = 128;
/** Bytes of an affine point: x, y. */
export const AFF_LEN: usize = 80;
const Y: usize = 40;
const Z: usize = 80;
const INF: usize = 120;

const T0 = SECP_POINT_TMP_PTR;
const T1 = T0 + FE_LEN;
const T2 = T1 + FE_LEN;
const T3 = T2 + FE_LEN;
const T4 = T3 + FE_LEN;
const T5 = T4 + FE_LEN;
const T6 = T5 + FE_LEN;
const T7 = T6 + FE_LEN;
const T8 = T7 + FE_LEN;

export function gejIsInfinity(p: usize): bool {
  return load<u32>(p, INF) != 0;
}

export function gejSetInfinity(p: usize): void {
  store<u32>(p, 1, INF);
}

/** r = the affine point a (Z = 1), y negated when neg. */
export function gejSetAffine(r: usize, a: usize, neg: bool): void {
  feCopy(r, a);
  if (neg) feNeg(r + Y, a + Y, 1);
  else feCopy(r + Y, a + Y);
  feSetInt(r + Z, 1);
  store<u32>(r, 0, INF);
}

/** r = 2a (r may alias a). */
export function gejDouble(r: usize, a: usize): void {
  if (gejIsInfinity(a)) {
    gejSetInfinity(r);
    return;
  }
  const A = T0, B = T1, C = T2, D = T3, E = T4, F = T5;
  feMul(r + Z, a + Y, a + Z);
  feMulInt(r + Z, r + Z, 2); // Z3 = 2YZ (2)
  feSqr(A, a);
  feSqr(B, a + Y);
  feSqr(C, B);
  feMul(D, a, B); // D = XY² (the usual D is 4 times this)
  feMulInt(E, A, 3); // E = 3X² (3)
  feSqr(F, E);
  feSubMul(r, F, D, 8, 8); // X3 = E² − 8XY² (10)
  feScaleSub(T6, D, 4, r, 10); // 4XY² − X3 (15)
  feMul(T6, E, T6);
  feSubMul(r + Y, T6, C, 8, 8); // Y3 = E(4XY² − X3) − 8Y⁴ (10)
  store<u32>(r, 0, INF);
}

/** r = a + b for affine b, with b's y negated when neg (r may alias a). */
export function gejAddAffine(r: usize, a: usize, b: usize, neg: bool): void {
  if (gejIsInfinity(a)) {
    gejSetAffine(r, b, neg);
    return;
  }
  const Z1Z1 = T0, U2 = T1, S2 = T2, H = T3, R = T4, HH = T5, HHH = T6, V = T7;
  feSqr(Z1Z1, a + Z);
  feMul(U2, b, Z1Z1);
  feMul(S2, a + Z, Z1Z1);
  if (neg) {
    feNeg(T8, b + Y, 1);
    feMul(S2, S2, T8);
  } else {
    feMul(S2, S2, b + Y);
  }
  feSub(H, U2, a, 10); // H = U2 − X1 (12)
  feSub(R, S2, a + Y, 10); // R = S2 − Y1 (12)
  if (feIsZero(H)) {
    if (feIsZero(R)) gejDouble(r, a);
    else gejSetInfinity(r);
    return;
  }
  feSqr(HH, H);
  feMul(HHH, H, HH);
  feMul(V, a, HH);
  feMul(r + Z, a + Z, H); // Z3 = Z1·H (1)
  feMul(T8, a + Y, HHH); // Y1·HHH, before r's Y overwrites a's
  feSqr(U2, R);
  feSubLin(r, U2, V, 2, HHH, 3); // X3 = R² − 2V − HHH (5)
  feSub(V, V, r, 5); // V − X3 (7)
  feMul(V, R, V);
  feSub(r + Y, V, T8, 1); // Y3 = R(V − X3) − Y1·HHH (3)
  store<u32>(r, 0, INF);
}

/** r = a + b for Jacobian a and b (r may alias a, not b). Used to build tables. */
export function gejAdd(r: usize, a: usize, b: usize): void {
  if (gejIsInfinity(a)) {
    memory.copy(r, b, JAC_LEN);
    return;
  }
  if (gejIsInfinity(b)) {
    if (r != a) memory.copy(r, a, JAC_LEN);
    return;
  }
  const Z1Z1 = T0, Z2Z2 = T1, U1 = T2, U2 = T3, S1 = T4, S2 = T5, H = T6, R = T7;
  feSqr(Z1Z1, a + Z);
  feSqr(Z2Z2, b + Z);
  feMul(U1, a, Z2Z2);
  feMul(U2, b, Z1Z1);
  feMul(S1, a + Y, b + Z);
  feMul(S1, S1, Z2Z2);
  feMul(S2, b + Y, a + Z);
  feMul(S2, S2, Z1Z1);
  feSub(H, U2, U1, 1);
  feSub(R, S2, S1, 1);
  if (feIsZero(H)) {
    if (feIsZero(R)) gejDouble(r, a);
    else gejSetInfinity(r);
    return;
  }
  const HH = Z1Z1, HHH = Z2Z2, V = U2;
  feSqr(HH, H);
  feMul(HHH, H, HH);
  feMul(V, U1, HH);
  feMul(r + Z, a + Z, b + Z);
  feMul(r + Z, r + Z, H);
  feMul(S1, S1, HHH); // S1·HHH
  feSqr(U1, R);
  feSubLin(r, U1, V, 2, HHH, 3); // X3 = R² − 2V − HHH (5)
  feSub(V, V, r, 5);
  feMul(V, R, V);
  feSub(r + Y, V, S1, 1); // (3)
  store<u32>(r, 0, INF);
}

/**
 * Converts count Jacobian points (none at infinity) at jacPtr to normalized affine points at affPtr
 * with one inversion (Montgomery's trick); prodPtr holds count field elements of scratch.
 */
export function gejBatchToAffine(affPtr: usize, jacPtr: usize, count: i32, prodPtr: usize): void {
  feCopy(prodPtr, jacPtr + Z);
  for (let i = 1; i < count; i++) {
    const at = <usize>i;
    feMul(prodPtr + at * FE_LEN, prodPtr + (at - 1) * FE_LEN, jacPtr + at * JAC_LEN + Z);
  }
  const inv = T0, zi = T1, zi2 = T2;
  feInv(inv, prodPtr + <usize>(count - 1) * FE_LEN);
  for (let i = count - 1; i >= 0; i--) {
    const at = <usize>i;
    const p = jacPtr + at * JAC_LEN;
    if (i > 0) {
      feMul(zi, inv, prodPtr + (at - 1) * FE_LEN);
      feMul(inv, inv, p + Z);
    } else {
      feCopy(zi, inv);
    }
    const out = affPtr + at * AFF_LEN;
    feSqr(zi2, zi);
    feMul(out, p, zi2);
    feNormalize(out, out);
    feMul(zi2, zi2, zi);
    feMul(out + Y, p + Y, zi2);
    feNormalize(out + Y, out + Y);
  }
}

/** The affine form of a Jacobian point not at infinity, normalized, into affPtr. */
export function gejToAffine(affPtr: usize, p: usize): void {
  const zi = T8;
  feInv(zi, p + Z);
  const zi2 = T7;
  feSqr(zi2, zi);
  feMul(affPtr, p, zi2);
  feNormalize(affPtr, affPtr);
  feMul(zi2, zi2, zi);
  feMul(affPtr + Y, p + Y, zi2);
  feNormalize(affPtr + Y, affPtr + Y);
}
