// Test-side bn254 encoders in the EIP-196/197 layout, written apart from ts/hooks/precompiles/_bn254.ts
// so the precompile's decoder is checked against an independent encoder.
import { bn254 } from "@noble/curves/bn254.js";
import { bigintToBytes } from "../../../ts/primitives/hex";

export const G1 = bn254.G1.Point;
export const G2 = bn254.G2.Point;
export const P = G1.Fp.ORDER;
export const N = G1.Fn.ORDER;

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export const word = (v: bigint) => bigintToBytes(v, 32);

export function g1(pt: typeof G1.BASE): Uint8Array {
  if (pt.is0()) return new Uint8Array(64);
  const { x, y } = pt.toAffine();
  return concat(word(x), word(y));
}

export function g2(pt: typeof G2.BASE): Uint8Array {
  if (pt.is0()) return new Uint8Array(128);
  const { x, y } = pt.toAffine();
  return concat(word(x.c1), word(x.c0), word(y.c1), word(y.c0));
}
