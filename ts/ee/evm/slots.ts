/**
 * Reading and writing 256-bit slots in WASM memory (stack slots and record fields: four
 * little-endian u64 limbs) as the values TS works with: addresses, Words, bigints, bytes.
 * Callers pass the current views; none of these grow memory.
 * @module
 */
import type { Address } from "../../state/address";
import type { Word } from "../../state/word";

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** The address in the low 160 bits of the slot at `ptr`. */
export function readAddress(u8: Uint8Array, ptr: number): Address {
  let s = "0x";
  for (let i = 19; i >= 0; i--) s += HEX[u8[ptr + i]!];
  return s;
}

/** Nibble value of a hex digit's char code (lower or upper case); addresses are validated on entry. */
const NIBBLE = new Uint8Array(128);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) NIBBLE[97 + i] = NIBBLE[65 + i] = 10 + i;

/** Writes `a` as a u256 slot. */
export function writeAddress(u8: Uint8Array, ptr: number, a: Address): void {
  for (let i = 0; i < 20; i++) {
    u8[ptr + 19 - i] = (NIBBLE[a.charCodeAt(2 + 2 * i)]! << 4) | NIBBLE[a.charCodeAt(3 + 2 * i)]!;
  }
  u8.fill(0, ptr + 20, ptr + 32);
}

/**
 * Words below SMALL_WORDS.length, made once: Solidity keeps state variables in small slots, and a
 * shared string also keeps its hash, so SLOAD/SSTORE of them build and hash nothing.
 */
const SMALL_WORDS: readonly Word[] = Array.from({ length: 1024 }, (_, n) => String.fromCharCode(n) + "\0".repeat(15));

/** The slot as a Word (its 16 little-endian 16-bit digits). */
export function readWord(u32: Uint32Array, ptr: number): Word {
  const i = ptr >>> 2;
  const a = u32[i]!, b = u32[i + 1]!, c = u32[i + 2]!, d = u32[i + 3]!;
  const e = u32[i + 4]!, f = u32[i + 5]!, g = u32[i + 6]!, h = u32[i + 7]!;
  if (a < SMALL_WORDS.length && (b | c | d | e | f | g | h) === 0) return SMALL_WORDS[a]!;
  return String.fromCharCode(
    a & 0xffff, a >>> 16, b & 0xffff, b >>> 16, c & 0xffff, c >>> 16, d & 0xffff, d >>> 16,
    e & 0xffff, e >>> 16, f & 0xffff, f >>> 16, g & 0xffff, g >>> 16, h & 0xffff, h >>> 16,
  );
}

/** Writes a Word into the slot. */
export function writeWord(u32: Uint32Array, ptr: number, w: Word): void {
  const i = ptr >>> 2;
  for (let k = 0; k < 8; k++) u32[i + k] = (w.charCodeAt(2 * k) | (w.charCodeAt(2 * k + 1) << 16)) >>> 0;
}

/** The slot as a bigint. */
export function readU256(dv: DataView, ptr: number): bigint {
  return (
    dv.getBigUint64(ptr, true) |
    (dv.getBigUint64(ptr + 8, true) << 64n) |
    (dv.getBigUint64(ptr + 16, true) << 128n) |
    (dv.getBigUint64(ptr + 24, true) << 192n)
  );
}

// Made once: the mask was two bigint operations per write (writeU256 was ~2% of the block thread).
const U64_MASK = (1n << 64n) - 1n;
const U64_LIMIT = 1n << 64n;

/** Writes v mod 2^256 into the slot. */
export function writeU256(dv: DataView, ptr: number, v: bigint): void {
  if (v === 0n) {
    for (let i = 0; i < 32; i += 4) dv.setUint32(ptr + i, 0, true);
    return;
  }
  if (v > 0n && v < U64_LIMIT) {
    dv.setBigUint64(ptr, v, true);
    for (let i = 8; i < 32; i += 4) dv.setUint32(ptr + i, 0, true);
    return;
  }
  dv.setBigUint64(ptr, v & U64_MASK, true);
  dv.setBigUint64(ptr + 8, (v >> 64n) & U64_MASK, true);
  dv.setBigUint64(ptr + 16, (v >> 128n) & U64_MASK, true);
  dv.setBigUint64(ptr + 24, (v >> 192n) & U64_MASK, true);
}

/** Writes a small non-negative integer (< 2^53) into the slot. */
export function writeSmall(u32: Uint32Array, ptr: number, v: number): void {
  const i = ptr >>> 2;
  u32[i] = v >>> 0;
  u32[i + 1] = Math.floor(v / 4294967296) >>> 0;
  for (let k = 2; k < 8; k++) u32[i + k] = 0;
}

/** The slot as 32 big-endian bytes (topics, hashes). */
export function readBytes32(u8: Uint8Array, ptr: number): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = u8[ptr + 31 - i]!;
  return out;
}

/** Writes 32 big-endian bytes (a hash) into the slot. */
export function writeBytes32(u8: Uint8Array, ptr: number, be: Uint8Array): void {
  for (let i = 0; i < 32; i++) u8[ptr + 31 - i] = be[i]!;
}
