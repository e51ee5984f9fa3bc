// Byte helpers the tests share: deterministic xorshift32 bytes and integers (a failure reproduces
// from its seed), and plain hex (no 0x) and ASCII conversions.

/** `len` bytes of xorshift32 from `seed` (0 counts as 1: xorshift has no zero state). */
export function randomBytes(len: number, seed: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < len; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** `count` integers below `bound`, from randomBytes(count × 4, seed) read as little-endian u32. */
export function randomInts(count: number, bound: number, seed: number): number[] {
  const b = randomBytes(count * 4, seed);
  const dv = new DataView(b.buffer);
  return Array.from({ length: count }, (_, i) => dv.getUint32(i * 4, true) % bound);
}

/** Lower-case hex without 0x. */
export const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

/** Bytes of hex without 0x. */
export const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, "hex"));

/** UTF-8 (ASCII) bytes of a string. */
export const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
