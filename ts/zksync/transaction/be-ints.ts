/**
 * Big-endian byte strings ↔ bigints for the hot codecs (transaction bodies, signatures, account
 * records, pubdata diffs): one BigInt("0x…") or one toString(16) instead of a bigint shift per byte
 * (measured: the 1,000-transfer block bench spent ~2% of its thread in the per-byte loops of the ABI
 * decoder and signature65 alone).
 * @module
 */

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** The unsigned integer in bytes [from, to) of `b`, big-endian. */
export function bigintFromBe(b: Uint8Array, from: number, to: number): bigint {
  while (from < to && b[from] === 0) from++;
  const n = to - from;
  if (n === 0) return 0n;
  if (n <= 6) {
    let v = 0;
    for (let i = from; i < to; i++) v = v * 256 + b[i]!;
    return BigInt(v);
  }
  let s = "0x";
  for (let i = from; i < to; i++) s += HEX[b[i]!];
  return BigInt(s);
}

/**
 * Writes `v` (non-negative, at most `len` bytes: the caller checks) big-endian into `out[at, at + len)`;
 * bytes above v's own are left as they are (callers pass zeroed buffers).
 */
export function bigintIntoBe(v: bigint, out: Uint8Array, at: number, len: number): void {
  if (v === 0n) return;
  if (v <= 0xffff_ffffn) {
    let x = Number(v);
    for (let i = at + len - 1; x > 0; i--) {
      out[i] = x & 0xff;
      x >>>= 8;
    }
    return;
  }
  const hex = v.toString(16);
  let i = at + len - 1;
  let j = hex.length;
  for (; j >= 2; j -= 2) out[i--] = (nibble(hex.charCodeAt(j - 2)) << 4) | nibble(hex.charCodeAt(j - 1));
  if (j === 1) out[i] = nibble(hex.charCodeAt(0));
}

// A digit of toString(16) (lower-case).
function nibble(c: number): number {
  return c <= 57 ? c - 48 : c - 87;
}
