/**
 * Point codecs shared by the bn254 (alt_bn128) precompiles 0x06–0x08, in the EIP-196/197 layout:
 * 32-byte big-endian coordinates, (0, 0) for the point at infinity, and G2 coordinates as
 * (imaginary, real) pairs. A decoder returns null for anything the EIPs call invalid.
 * @module
 */
import { bn254 } from "@noble/curves/bn254.js";
import { readUint, writeUint } from "./types";

type G1Point = typeof bn254.G1.Point.BASE;
type G2Point = typeof bn254.G2.Point.BASE;

const P = bn254.G1.Point.Fp.ORDER;
/** The scalar-field order r: k·P = (k mod r)·P for every point of G1. */
export const R = bn254.G1.Point.Fn.ORDER;
/** noble's G1 and G2 point classes (affine coordinates over Fp and Fp2). */
export const G1 = bn254.G1.Point;
export const G2 = bn254.G2.Point;

/**
 * The G1 point at `buf[off, off + 64)`: coordinates must be below the field modulus and the
 * point on y² = x³ + 3 (G1 has cofactor 1, so that is also the subgroup check).
 */
export function decodeG1(buf: Uint8Array, off: number): G1Point | null {
  const x = readUint(buf, off, 32);
  const y = readUint(buf, off + 32, 32);
  if (x >= P || y >= P) return null;
  if (x === 0n && y === 0n) return G1.ZERO;
  try {
    const pt = G1.fromAffine({ x, y });
    pt.assertValidity();
    return pt;
  } catch {
    return null;
  }
}

/** The G2 point at `buf[off, off + 128)`; on the twist and in the order-r subgroup (EIP-197). */
export function decodeG2(buf: Uint8Array, off: number): G2Point | null {
  const xIm = readUint(buf, off, 32);
  const xRe = readUint(buf, off + 32, 32);
  const yIm = readUint(buf, off + 64, 32);
  const yRe = readUint(buf, off + 96, 32);
  if (xIm >= P || xRe >= P || yIm >= P || yRe >= P) return null;
  if (xIm === 0n && xRe === 0n && yIm === 0n && yRe === 0n) return G2.ZERO;
  try {
    const pt = G2.fromAffine({ x: { c0: xRe, c1: xIm }, y: { c0: yRe, c1: yIm } });
    pt.assertValidity();
    return pt;
  } catch {
    return null;
  }
}

/** 64 bytes x ‖ y of a G1 point; all zeros for the point at infinity. */
export function encodeG1(pt: G1Point): Uint8Array {
  const out = new Uint8Array(64);
  if (pt.is0()) return out;
  const { x, y } = pt.toAffine();
  writeUint(out, 0, 32, x);
  writeUint(out, 32, 32, y);
  return out;
}
