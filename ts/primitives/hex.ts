/**
 * Hex codecs for the JSON and CLI edges (interfaces.md §1: lower-case, 0x-prefixed), which
 * validate strictly and name the offending field; and fixed-width bigint ↔ byte conversions
 * (used on hot paths too).
 * @module
 */
import { InputError } from "../errors";

const HEX_RE = /^0x[0-9a-fA-F]*$/;
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}
const BYTE_HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Decodes `0x`-prefixed hex (an odd length gets a leading zero nibble). `where` names the field for errors. */
export function hexToBytes(hex: string, where = "hex"): Uint8Array {
  if (typeof hex !== "string" || !HEX_RE.test(hex)) {
    throw new InputError(where, `expected 0x-prefixed hex, got ${JSON.stringify(hex)?.slice(0, 80)}`);
  }
  let s = hex.slice(2);
  if (s.length % 2 === 1) s = "0" + s;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = (NIBBLE[s.charCodeAt(2 * i)]! << 4) | NIBBLE[s.charCodeAt(2 * i + 1)]!;
  }
  return out;
}

/** Encodes bytes as lower-case `0x` hex. */
export function bytesToHex(bytes: Uint8Array): string {
  let s = "0x";
  for (let i = 0; i < bytes.length; i++) s += BYTE_HEX[bytes[i]!];
  return s;
}

/** Parses a JSON quantity: `0x` hex or a decimal string/safe integer. Rejects negatives and junk. */
export function parseQuantity(v: unknown, where = "quantity"): bigint {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v < 0) throw new InputError(where, `expected a non-negative integer, got ${v}`);
    return BigInt(v);
  }
  if (typeof v === "bigint") {
    if (v < 0n) throw new InputError(where, `expected a non-negative integer, got ${v}`);
    return v;
  }
  if (typeof v === "string") {
    if (/^0x[0-9a-fA-F]+$/.test(v)) return BigInt(v);
    if (v === "0x") return 0n;
    if (/^[0-9]+$/.test(v)) return BigInt(v);
  }
  throw new InputError(where, `expected a 0x-hex or decimal quantity, got ${JSON.stringify(v)?.slice(0, 80)}`);
}

/** Lower-case `0x` hex of a non-negative bigint, without leading zeros (`0x0` for zero), as JSON-RPC. */
export function quantityToHex(v: bigint): string {
  return "0x" + v.toString(16);
}

/** Big-endian fixed-width bytes of a non-negative bigint; throws if it does not fit. */
export function bigintToBytes(v: bigint, len: number): Uint8Array {
  if (v < 0n) throw new RangeError(`value does not fit in ${len} bytes`);
  const out = new Uint8Array(len);
  // One number or one toString(16) instead of a bigint shift and mask per byte.
  if (v <= 0xffff_ffffn) {
    let x = Number(v);
    for (let i = len - 1; i >= 0 && x !== 0; i--) {
      out[i] = x & 0xff;
      x >>>= 8;
    }
    if (x !== 0) throw new RangeError(`value does not fit in ${len} bytes`);
    return out;
  }
  const hex = v.toString(16);
  if (hex.length > 2 * len) throw new RangeError(`value does not fit in ${len} bytes`);
  let i = len - 1;
  let j = hex.length;
  for (; j >= 2; j -= 2) out[i--] = (NIBBLE[hex.charCodeAt(j - 2)]! << 4) | NIBBLE[hex.charCodeAt(j - 1)]!;
  if (j === 1) out[i] = NIBBLE[hex.charCodeAt(0)]!;
  return out;
}

/** The big-endian unsigned integer in `bytes`. */
export function bytesToBigint(bytes: Uint8Array): bigint {
  const n = bytes.length;
  // Up to 6 bytes fit a double exactly; wider ones go through one hex parse.
  if (n <= 6) {
    let x = 0;
    for (let i = 0; i < n; i++) x = x * 256 + bytes[i]!;
    return BigInt(x);
  }
  let s = "0x";
  for (let i = 0; i < n; i++) s += BYTE_HEX[bytes[i]!];
  return BigInt(s);
}

/** Fixed-width hex of a value: `0x` + 2·len digits (hashes, slots, addresses). */
export function toFixedHex(v: bigint, len: number): string {
  return bytesToHex(bigintToBytes(v, len));
}
