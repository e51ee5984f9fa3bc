/**
 * Recursive Length Prefix codec (Ethereum yellow paper, appendix B). The decoder is strict: it accepts
 * only the canonical encoding and names the byte offset of the first violation in an InputError.
 * @module
 */
import { InputError } from "../errors";

/** An RLP item: a byte string or a list of items. */
export type RlpItem = Uint8Array | RlpItem[];

const EMPTY = new Uint8Array(0);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Bytes needed for the big-endian form of a non-negative safe integer (0 for 0). */
function byteLen(n: number): number {
  let k = 0;
  while (n > 0) {
    k++;
    n = Math.floor(n / 256);
  }
  return k;
}

/** Header size of a string or list whose payload is `len` bytes (a single byte < 0x80 has none). */
function headerLen(len: number): number {
  return len < 56 ? 1 : 1 + byteLen(len);
}

/** Writes a header at `off` for a payload of `len` bytes with base 0x80 (string) or 0xc0 (list). */
function writeHeader(out: Uint8Array, off: number, len: number, base: number): number {
  if (len < 56) {
    out[off] = base + len;
    return off + 1;
  }
  const k = byteLen(len);
  out[off] = base + 55 + k;
  for (let i = k; i >= 1; i--) {
    out[off + i] = len & 0xff;
    len = Math.floor(len / 256);
  }
  return off + 1 + k;
}

/** Encoded size of `item`; pushes each list's payload size to `sizes` in pre-order for the write pass. */
function measure(item: RlpItem, sizes: number[]): number {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0]! < 0x80) return 1;
    return headerLen(item.length) + item.length;
  }
  const slot = sizes.length;
  sizes.push(0);
  let payload = 0;
  for (const child of item) payload += measure(child, sizes);
  sizes[slot] = payload;
  return headerLen(payload) + payload;
}

function write(item: RlpItem, out: Uint8Array, off: number, sizes: number[], cursor: { i: number }): number {
  if (item instanceof Uint8Array) {
    if (item.length === 1 && item[0]! < 0x80) {
      out[off] = item[0]!;
      return off + 1;
    }
    off = writeHeader(out, off, item.length, 0x80);
    out.set(item, off);
    return off + item.length;
  }
  off = writeHeader(out, off, sizes[cursor.i++]!, 0xc0);
  for (const child of item) off = write(child, out, off, sizes, cursor);
  return off;
}

/** The canonical RLP encoding of `item`. Sizes are measured once, then written into one buffer. */
export function rlpEncode(item: RlpItem): Uint8Array {
  const sizes: number[] = [];
  const out = new Uint8Array(measure(item, sizes));
  write(item, out, 0, sizes, { i: 0 });
  return out;
}

// The buffer rlpEncodeTransient writes into, grown to the largest encoding asked for.
let transient = new Uint8Array(1024);

/**
 * `prefix` (a byte; none when negative) then the canonical RLP encoding of `item`, in a buffer the
 * next call overwrites: for encodings that are hashed or copied at once (signing and transaction
 * hashes), which then cost no allocation (each fresh array over 64 bytes is an off-heap buffer).
 */
export function rlpEncodeTransient(item: RlpItem, prefix = -1): Uint8Array {
  const sizes: number[] = [];
  const at = prefix >= 0 ? 1 : 0;
  const len = at + measure(item, sizes);
  if (len > transient.length) transient = new Uint8Array(Math.max(len, 2 * transient.length));
  if (at === 1) transient[0] = prefix;
  write(item, transient, at, sizes, { i: 0 });
  return transient.subarray(0, len);
}

/** RLP encoding of one byte string. */
export function rlpEncodeBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 1 && bytes[0]! < 0x80) return bytes.slice();
  const out = new Uint8Array(headerLen(bytes.length) + bytes.length);
  out.set(bytes, writeHeader(out, 0, bytes.length, 0x80));
  return out;
}

/** RLP list whose items are given already encoded: the encoding of each is copied, never redone. */
export function rlpEncodeList(encodedItems: readonly Uint8Array[]): Uint8Array {
  let payload = 0;
  for (const e of encodedItems) payload += e.length;
  const out = new Uint8Array(headerLen(payload) + payload);
  let off = writeHeader(out, 0, payload, 0xc0);
  for (const e of encodedItems) {
    out.set(e, off);
    off += e.length;
  }
  return out;
}

/** The minimal big-endian bytes of a non-negative integer, as RLP scalars are stored (0 → empty). */
export function uintToRlpBytes(v: bigint | number): Uint8Array {
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`not a non-negative safe integer: ${v}`);
    if (v === 0) return EMPTY;
    const out = new Uint8Array(byteLen(v));
    for (let i = out.length - 1; i >= 0; i--) {
      out[i] = v & 0xff;
      v = Math.floor(v / 256);
    }
    return out;
  }
  if (v < 0n) throw new RangeError(`negative integer: ${v}`);
  if (v <= MAX_SAFE) return uintToRlpBytes(Number(v));
  const hex = v.toString(16);
  const out = new Uint8Array((hex.length + 1) >> 1);
  // toString(16) digits are lower-case: '0'..'9' = 48..57, 'a'..'f' = 97..102.
  let j = hex.length;
  for (let i = out.length - 1; i >= 0; i--, j -= 2) {
    const lo = hex.charCodeAt(j - 1);
    const hi = j >= 2 ? hex.charCodeAt(j - 2) : 48;
    out[i] = ((hi <= 57 ? hi - 48 : hi - 87) << 4) | (lo <= 57 ? lo - 48 : lo - 87);
  }
  return out;
}


/**
 * The integer in an RLP scalar, rejecting leading zero bytes (non-canonical) and values wider than
 * `maxBytes` bytes. `where` names the field for the error.
 */
export function rlpBytesToUint(item: RlpItem, where: string, maxBytes = 32): bigint {
  if (!(item instanceof Uint8Array)) throw new InputError(where, "expected an integer, got a list");
  if (item.length > maxBytes) throw new InputError(where, `integer wider than ${maxBytes} bytes`);
  if (item.length > 0 && item[0] === 0) throw new InputError(where, "integer has a leading zero byte");
  const n = item.length;
  // Up to 6 bytes fit a double exactly; wider ones go through one hex parse, not a shift per byte.
  if (n <= 6) {
    let x = 0;
    for (let i = 0; i < n; i++) x = x * 256 + item[i]!;
    return BigInt(x);
  }
  let hex = "0x";
  for (let i = 0; i < n; i++) hex += BYTE_HEX[item[i]!];
  return BigInt(hex);
}

interface Header {
  /** Offset of the first payload byte. */
  start: number;
  /** Payload length in bytes. */
  len: number;
  isList: boolean;
}

function fail(where: string, offset: number, message: string): never {
  throw new InputError(`${where} at offset ${offset}`, message);
}

/** Reads and validates the header at `off`; the payload must end by `end`. */
function readHeader(data: Uint8Array, off: number, end: number, where: string): Header {
  if (off >= end) fail(where, off, "unexpected end of input");
  const b = data[off]!;
  if (b < 0x80) return { start: off, len: 1, isList: false };
  const isList = b >= 0xc0;
  const short = b - (isList ? 0xc0 : 0x80);
  let len: number;
  let start: number;
  if (short <= 55) {
    len = short;
    start = off + 1;
    if (!isList && len === 1) {
      if (start >= end) fail(where, off, "unexpected end of input");
      if (data[start]! < 0x80) fail(where, off, "single byte below 0x80 must be encoded as itself");
    }
  } else {
    const lenOfLen = short - 55;
    if (off + 1 + lenOfLen > end) fail(where, off, "length of length runs past the end of input");
    if (data[off + 1] === 0) fail(where, off, "length has a leading zero byte");
    len = 0;
    for (let i = 1; i <= lenOfLen; i++) {
      len = len * 256 + data[off + i]!;
      if (len > end) fail(where, off, `declared length runs past the end of input`);
    }
    if (len < 56) fail(where, off, `long-form length ${len} below 56 must use the short form`);
    start = off + 1 + lenOfLen;
  }
  if (start + len > end) fail(where, off, `declared length ${len} runs past the end of input`);
  return { start, len, isList };
}

// Where the item decodeAt last returned ends (one slot instead of an [item, end] pair per item).
let decodedEnd = 0;

function decodeAt(data: Uint8Array, off: number, end: number, where: string, depth: number): RlpItem {
  const h = readHeader(data, off, end, where);
  const stop = h.start + h.len;
  decodedEnd = stop;
  if (!h.isList) return data.subarray(h.start, stop);
  if (depth >= 1024) fail(where, off, "lists nested deeper than 1024");
  const items: RlpItem[] = [];
  let p = h.start;
  while (p < stop) {
    items.push(decodeAt(data, p, stop, where, depth + 1));
    p = decodedEnd;
  }
  decodedEnd = stop;
  return items;
}

/**
 * Decodes exactly one canonical RLP item spanning all of `data`. Byte strings in the result are views
 * into `data` (no copies). Throws InputError(`<where> at offset N`) on any non-canonical or truncated
 * encoding and on trailing bytes.
 */
export function rlpDecode(data: Uint8Array, where = "rlp"): RlpItem {
  const item = decodeAt(data, 0, data.length, where, 0);
  const next = decodedEnd;
  if (next !== data.length) fail(where, next, `${data.length - next} trailing bytes after the item`);
  return item;
}
