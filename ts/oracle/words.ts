/**
 * The u32-word encodings of oracle values on the 32-bit guest (riscv-machine.md §3.1;
 * zk_ee/src/kv_markers/kv_impls.rs, zk_ee/src/utils/bytes32.rs): u64 = [low, high]; u32/u8/bool
 * as a u64; U256 = 8 words least significant first; B160 = 6 words (three u64 limbs, LE);
 * Bytes32 = word i is bytes [4i, 4i+4) little-endian; byte strings packed LE, 2·ceil(n/8) words.
 * @module
 */
import { ArgumentError, InputError } from "../errors";

/** Words of each fixed-size kind. */
export const WORDS = { u64: 2, u32: 2, u8: 2, bool: 2, u256: 8, b160: 6, bytes32: 8 } as const;

/** Words a byte string of `lenBytes` occupies: the host packs 8 bytes per u64. */
export function bytesWordLen(lenBytes: number): number {
  return 2 * Math.ceil(lenBytes / 8);
}

/** Appends oracle words; `words()` returns them as a Uint32Array. */
export class WordWriter {
  private buf: number[] = [];

  /** A u64 (bigint or safe integer) as [low, high]. */
  u64(v: bigint | number): this {
    const b = BigInt(v);
    if (b < 0n || b >> 64n !== 0n) throw new ArgumentError(`u64 out of range: ${v}`);
    this.buf.push(Number(b & 0xffff_ffffn), Number(b >> 32n));
    return this;
  }

  /** A u32 (or u8) as a u64: [value, 0]. */
  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff_ffff) throw new ArgumentError(`u32 out of range: ${v}`);
    this.buf.push(v, 0);
    return this;
  }

  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new ArgumentError(`u8 out of range: ${v}`);
    return this.u32(v);
  }

  bool(v: boolean): this {
    return this.u32(v ? 1 : 0);
  }

  /** A U256, least significant word first. */
  u256(v: bigint): this {
    if (v < 0n || v >> 256n !== 0n) throw new ArgumentError(`U256 out of range: ${v}`);
    for (let i = 0; i < 8; i++) this.buf.push(Number((v >> BigInt(32 * i)) & 0xffff_ffffn));
    return this;
  }

  /** A 20-byte address: its value's five u32 limbs, least significant first, then a zero word. */
  b160(address: Uint8Array): this {
    if (address.length !== 20) throw new ArgumentError(`B160 needs 20 bytes, got ${address.length}`);
    for (let i = 0; i < 5; i++) {
      const o = 16 - 4 * i;
      this.buf.push(((address[o]! << 24) | (address[o + 1]! << 16) | (address[o + 2]! << 8) | address[o + 3]!) >>> 0);
    }
    this.buf.push(0);
    return this;
  }

  /** 32 raw bytes (a hash, key or storage value): word i = little-endian u32 of bytes [4i, 4i+4). */
  bytes32(b: Uint8Array): this {
    if (b.length !== 32) throw new ArgumentError(`Bytes32 needs 32 bytes, got ${b.length}`);
    for (let i = 0; i < 32; i += 4) this.buf.push((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0);
    return this;
  }

  /** A byte string, little-endian packed and zero-padded to a multiple of 8 bytes. */
  bytes(b: Uint8Array): this {
    const n = bytesWordLen(b.length);
    for (let w = 0; w < n; w++) {
      let v = 0;
      for (let k = 3; k >= 0; k--) v = (v << 8) | (b[4 * w + k] ?? 0);
      this.buf.push(v >>> 0);
    }
    return this;
  }

  /** Raw words, each a u32. */
  raw(words: ArrayLike<number>): this {
    for (let i = 0; i < words.length; i++) this.buf.push(words[i]! >>> 0);
    return this;
  }

  get length(): number {
    return this.buf.length;
  }

  words(): Uint32Array {
    return Uint32Array.from(this.buf);
  }
}

/**
 * Reads oracle words in order. Every decode checks its domain as the reference's deserializers do
 * (u8/u32 ≤ max, bool ∈ {0, 1}) plus a zero top word for B160, and throws InputError naming the
 * word index (`where` word N).
 */
export class WordReader {
  private pos: number;
  constructor(
    private readonly src: ArrayLike<number>,
    offset = 0,
    private readonly end = src.length,
    private readonly where = "oracle",
  ) {
    this.pos = offset;
  }

  private take(n: number, what: string): number {
    if (this.pos + n > this.end) throw new InputError(`${this.where} word ${this.pos}`, `${what} needs ${n} words, ${this.end - this.pos} left`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  private w(i: number): number {
    return this.src[i]! >>> 0;
  }

  u64(): bigint {
    const at = this.take(2, "u64");
    return (BigInt(this.w(at + 1)) << 32n) | BigInt(this.w(at));
  }

  /** A u32 sent as a u64 (high word must be 0). */
  u32(): number {
    const at = this.take(2, "u32");
    if (this.w(at + 1) !== 0) throw new InputError(`${this.where} word ${at}`, `u32 value has a non-zero high word`);
    return this.w(at);
  }

  u8(): number {
    const at = this.pos;
    const v = this.u32();
    if (v > 0xff) throw new InputError(`${this.where} word ${at}`, `u8 value ${v} exceeds 255`);
    return v;
  }

  bool(): boolean {
    const at = this.pos;
    const v = this.u32();
    if (v > 1) throw new InputError(`${this.where} word ${at}`, `bool value ${v} is neither 0 nor 1`);
    return v === 1;
  }

  u256(): bigint {
    const at = this.take(8, "U256");
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 32n) | BigInt(this.w(at + i));
    return v;
  }

  b160(): Uint8Array {
    const at = this.take(6, "B160");
    if (this.w(at + 5) !== 0) throw new InputError(`${this.where} word ${at + 5}`, "B160 top word must be 0");
    const out = new Uint8Array(20);
    for (let i = 0; i < 5; i++) {
      const v = this.w(at + i);
      const o = 16 - 4 * i;
      out[o] = v >>> 24;
      out[o + 1] = (v >>> 16) & 0xff;
      out[o + 2] = (v >>> 8) & 0xff;
      out[o + 3] = v & 0xff;
    }
    return out;
  }

  bytes32(): Uint8Array {
    const at = this.take(8, "Bytes32");
    const out = new Uint8Array(32);
    for (let i = 0; i < 8; i++) {
      const v = this.w(at + i);
      out[4 * i] = v & 0xff;
      out[4 * i + 1] = (v >>> 8) & 0xff;
      out[4 * i + 2] = (v >>> 16) & 0xff;
      out[4 * i + 3] = v >>> 24;
    }
    return out;
  }

  /** A byte string of `lenBytes` bytes occupying 2·ceil(len/8) words; padding bytes are not checked. */
  bytes(lenBytes: number): Uint8Array {
    const at = this.take(bytesWordLen(lenBytes), "byte string");
    const out = new Uint8Array(lenBytes);
    for (let i = 0; i < lenBytes; i++) out[i] = (this.w(at + (i >> 2)) >>> (8 * (i & 3))) & 0xff;
    return out;
  }

  /** Index of the next word. */
  get position(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** @throws InputError if words are left (the reference asserts every answer is consumed). */
  expectEnd(what: string): void {
    if (this.pos !== this.end) throw new InputError(`${this.where} word ${this.pos}`, `${this.end - this.pos} words left after ${what}`);
  }
}
