/**
 * Storage keys and values as `Word`s: a 256-bit word held as a string of 16 UTF-16 code units,
 * its little-endian 16-bit digits, least significant first. That is the byte image of an EVM
 * stack slot (four little-endian u64 limbs), so SLOAD/SSTORE turn a slot into a Map key with one
 * String.fromCharCode and back with 16 charCodeAt, without bigint (no bigint in the hot path,
 * architecture.md §11). Conversions to bigint, bytes and hex are for the cold edges.
 * @module
 */
import { ArgumentError } from "../errors";

/** A 256-bit word as 16 little-endian 16-bit digits (see the module comment). */
export type Word = string;

/** The zero word. */
export const ZERO_WORD: Word = "\0".repeat(16);

const MAX_U256 = (1n << 256n) - 1n;

/** The word of a bigint in [0, 2^256). @throws ArgumentError when out of range. */
export function wordFromBigint(v: bigint): Word {
  if (v < 0n || v > MAX_U256) throw new ArgumentError(`not a 256-bit unsigned value: ${v}`);
  if (v === 0n) return ZERO_WORD;
  let s = "";
  let x = v;
  for (let i = 0; i < 16; i++) {
    s += String.fromCharCode(Number(x & 0xffffn));
    x >>= 16n;
  }
  return s;
}

/** The value of a word. */
export function wordToBigint(w: Word): bigint {
  let hex = "0x";
  for (let i = 15; i >= 0; i--) hex += w.charCodeAt(i).toString(16).padStart(4, "0");
  return BigInt(hex);
}

/** The word of up to 32 big-endian bytes (shorter input is left-padded with zeros). */
export function wordFromBytes(be: Uint8Array): Word {
  if (be.length > 32) throw new ArgumentError(`a word has at most 32 bytes, got ${be.length}`);
  const padded = new Uint8Array(32);
  padded.set(be, 32 - be.length);
  let s = "";
  for (let i = 31; i > 0; i -= 2) s += String.fromCharCode(padded[i]! | (padded[i - 1]! << 8));
  return s;
}

/** The word as 32 big-endian bytes. */
export function wordToBytes(w: Word): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 16; i++) {
    const d = w.charCodeAt(i);
    out[31 - 2 * i] = d & 0xff;
    out[30 - 2 * i] = d >>> 8;
  }
  return out;
}

/** True for the zero word. */
export function isZeroWord(w: Word): boolean {
  return w === ZERO_WORD;
}

/** `0x`-prefixed 64-digit lower-case hex of a word. */
export function wordToHex(w: Word): string {
  let hex = "0x";
  for (let i = 15; i >= 0; i--) hex += w.charCodeAt(i).toString(16).padStart(4, "0");
  return hex;
}
