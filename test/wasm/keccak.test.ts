// Keccak kernel and API (as/keccak/, ts/crypto/keccak.ts): known answers from test/vectors/keccak/,
// the permutation and the sponge differentially against @noble/hashes, the AS entry points on
// unaligned pointers, incremental and interleaved hashers, `…Into` offsets, and argument checks.
import { keccak_256 as nobleKeccak256, keccakP as nobleKeccakP } from "@noble/hashes/sha3.js";
import { describe, expect, it } from "vitest";
import { ArgumentError, ZkosError } from "../../ts/errors";
import { KECCAK256_DIGEST_LEN, Keccak256, keccak256, keccak256Into } from "../../ts/crypto/keccak";
import { wasm } from "../../ts/wasm";
import kat from "../vectors/keccak/kat.json";
import { randomBytes, randomInts, hex } from "../helpers/bytes";

// Sorted cut points in [0, len] splitting a message into count + 1 pieces (some may be empty).
function splitPoints(len: number, count: number, seed: number): number[] {
  return [0, ...randomInts(count, len + 1, seed).sort((a, b) => a - b), len];
}

interface KatMessage {
  readonly ascii?: string;
  readonly repeat?: { readonly byte: number; readonly count: number };
}

function katMessage(v: KatMessage): Uint8Array {
  if (v.repeat !== undefined) return new Uint8Array(v.repeat.count).fill(v.repeat.byte);
  return new TextEncoder().encode(v.ascii);
}

describe("keccak256: known answers (test/vectors/keccak/kat.json)", () => {
  it.each(kat.keccak256)("$name", (v) => {
    const data = katMessage(v);
    expect(hex(keccak256(data))).toBe(v.digest);
    expect(hex(new Keccak256().update(data).digest())).toBe(v.digest);
  });
});

describe("keccakF1600: the permutation", () => {
  it("maps the all-zero state to the Keccak team's intermediate values", () => {
    const w = wasm();
    const p = w.mailboxPtr;
    w.u8.fill(0, p, p + 200);
    w.exports.keccakF1600(p);
    const lanes = Array.from({ length: 25 }, (_, i) => w.dv.getBigUint64(p + 8 * i, true).toString(16).toUpperCase().padStart(16, "0"));
    expect(lanes).toEqual(kat.keccakF1600[0]!.lanes);
  });

  it.each([1, 2, 3, 4, 5])("matches @noble/hashes keccakP on random state %i (unaligned)", (seed) => {
    const w = wasm();
    const p = w.mailboxPtr + seed;
    const state = randomBytes(200, seed * 77);
    w.u8.set(state, p);
    w.exports.keccakF1600(p);
    // noble's state is 50 little-endian u32 words: the same bytes as 25 little-endian u64 lanes.
    const ref = new Uint32Array(state.buffer.slice(0));
    nobleKeccakP(ref);
    expect(hex(w.u8.subarray(p, p + 200))).toBe(hex(new Uint8Array(ref.buffer)));
  });
});

describe("keccak256: differential against @noble/hashes", () => {
  const mailboxLen = wasm().mailboxLen;
  const lengths = [
    0, 1, 31, 32, 33, 63, 64, 65, 135, 136, 137, 271, 272, 273, 408, 409,
    ...randomInts(10, 5000, 11).map((n) => n + 410),
    mailboxLen - 1, mailboxLen, mailboxLen + 1, mailboxLen + 136, 3 * mailboxLen + 17,
    1 << 20,
  ];
  it.each(lengths.map((len, i) => ({ len, seed: 2000 + i })))("length $len", ({ len, seed }) => {
    const data = randomBytes(len, seed);
    const expected = hex(nobleKeccak256(data));
    expect(hex(keccak256(data))).toBe(expected);
    const out = new Uint8Array(KECCAK256_DIGEST_LEN);
    keccak256Into(data, out);
    expect(hex(out)).toBe(expected);
  });

  it("hashes a subarray view, not its whole buffer", () => {
    const backing = randomBytes(1000, 5);
    const view = backing.subarray(137, 137 + 300);
    expect(hex(keccak256(view))).toBe(hex(nobleKeccak256(view.slice())));
  });

  it("accepts a Node Buffer", () => {
    const data = Buffer.from(randomBytes(77, 6));
    expect(hex(keccak256(data))).toBe(hex(nobleKeccak256(new Uint8Array(data))));
  });
});

describe("AS entry points on raw memory", () => {
  it("exposes a hasher slot (KECCAK_STATE_PTR) that is 8-aligned and holds lanes + position", () => {
    const w = wasm();
    const ptr = w.exports.KECCAK_STATE_PTR.value as number;
    const len = w.exports.KECCAK_STATE_LEN.value as number;
    expect(ptr % 8).toBe(0);
    expect(len).toBeGreaterThanOrEqual(204);
    expect(ptr + len).toBeLessThanOrEqual(w.u8.byteLength);
    expect(ptr + len <= w.mailboxPtr || ptr >= w.mailboxPtr + w.mailboxLen).toBe(true);
  });

  it.each([0, 1, 3, 7])("keccakHash reads unaligned input (+%i) and may overwrite it with the digest", (shift) => {
    const w = wasm();
    for (const len of [0, 5, 136, 137, 500]) {
      const data = randomBytes(len, len + shift);
      const p = w.mailboxPtr + shift;
      w.u8.set(data, p);
      w.exports.keccakHash(p, len, p);
      expect(hex(w.u8.subarray(p, p + 32)), `length ${len}`).toBe(hex(nobleKeccak256(data)));
    }
  });

  it("keccakInit/Update/Final on a struct at an arbitrary address, fed unaligned pieces", () => {
    const w = wasm();
    const e = w.exports;
    const statePtr = w.mailboxPtr + 4096;
    const dataPtr = w.mailboxPtr + 8192 + 5;
    const data = randomBytes(3000, 99);
    w.u8.set(data, dataPtr);
    const cuts = splitPoints(data.length, 20, 123);
    e.keccakInit(statePtr);
    for (let i = 1; i < cuts.length; i++) e.keccakUpdate(statePtr, dataPtr + cuts[i - 1]!, cuts[i]! - cuts[i - 1]!);
    e.keccakFinal(statePtr, w.outPtr);
    expect(hex(w.u8.subarray(w.outPtr, w.outPtr + 32))).toBe(hex(nobleKeccak256(data)));
  });
});

describe("Keccak256: incremental", () => {
  const mailboxLen = wasm().mailboxLen;
  it.each([
    { len: 0, pieces: 3 },
    { len: 1, pieces: 2 },
    { len: 136, pieces: 5 },
    { len: 137, pieces: 7 },
    { len: 1000, pieces: 40 },
    { len: 5000, pieces: 9 },
    { len: 2 * mailboxLen + 300, pieces: 4 },
  ].map((c, i) => ({ ...c, seed: 3000 + i })))("$len bytes in $pieces random pieces", ({ len, pieces, seed }) => {
    const data = randomBytes(len, seed);
    const cuts = splitPoints(len, pieces - 1, seed + 1);
    const h = new Keccak256();
    for (let i = 1; i < cuts.length; i++) expect(h.update(data.subarray(cuts[i - 1], cuts[i]))).toBe(h);
    expect(hex(h.digest())).toBe(hex(keccak256(data)));
  });

  it("byte-at-a-time equals one-shot across three blocks", () => {
    const data = randomBytes(3 * 136 + 1, 42);
    const h = new Keccak256();
    for (let i = 0; i < data.length; i++) h.update(data.subarray(i, i + 1));
    expect(hex(h.digest())).toBe(hex(nobleKeccak256(data)));
  });

  it("keeps interleaved hashers independent, also across one-shot calls that use the slot", () => {
    const a = randomBytes(4000, 1);
    const b = randomBytes(3000, 2);
    const c = randomBytes(100, 3);
    const big = randomBytes(mailboxLen + 1000, 4);
    const ha = new Keccak256();
    const hb = new Keccak256();
    const hc = new Keccak256();
    const cutsA = splitPoints(a.length, 15, 10);
    const cutsB = splitPoints(b.length, 15, 11);
    for (let i = 1; i < cutsA.length; i++) {
      ha.update(a.subarray(cutsA[i - 1], cutsA[i]));
      hb.update(b.subarray(cutsB[i - 1], cutsB[i]));
      if (i % 4 === 0) expect(hex(keccak256(big))).toBe(hex(nobleKeccak256(big)));
      if (i % 5 === 0) expect(hex(keccak256(c))).toBe(hex(nobleKeccak256(c)));
      if (i === 8) hc.update(c);
    }
    expect(hex(hb.digest())).toBe(hex(nobleKeccak256(b)));
    expect(hex(hc.digest())).toBe(hex(nobleKeccak256(c)));
    expect(hex(ha.digest())).toBe(hex(nobleKeccak256(a)));
  });

  it("digestInto writes at an offset and leaves the rest of out alone", () => {
    const data = randomBytes(300, 8);
    const out = new Uint8Array(50).fill(0xaa);
    new Keccak256().update(data).digestInto(out, 9);
    expect(hex(out.subarray(9, 41))).toBe(hex(nobleKeccak256(data)));
    expect([...out.subarray(0, 9), ...out.subarray(41)].every((x) => x === 0xaa)).toBe(true);
  });

  it("is spent after digest", () => {
    const h = new Keccak256().update(new Uint8Array(3));
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(ZkosError);
    expect(() => h.digest()).toThrow(ZkosError);
    expect(() => h.digestInto(new Uint8Array(32))).toThrow(ZkosError);
  });
});

describe("keccak256Into: offsets", () => {
  it.each([0, 1, 7, 32, 68])("offset %i in a 100-byte out", (offset) => {
    const data = randomBytes(200, offset + 50);
    const out = new Uint8Array(100).fill(0x55);
    keccak256Into(data, out, offset);
    expect(hex(out.subarray(offset, offset + 32))).toBe(hex(nobleKeccak256(data)));
    expect([...out.subarray(0, offset), ...out.subarray(offset + 32)].every((x) => x === 0x55)).toBe(true);
  });

  it("may write the digest over its own input", () => {
    const data = randomBytes(64, 9);
    const expected = hex(nobleKeccak256(data));
    keccak256Into(data, data, 16);
    expect(hex(data.subarray(16, 48))).toBe(expected);
  });
});

describe("argument checks", () => {
  const bad: unknown[] = [undefined, null, "abc", 5, [1, 2, 3], new Uint16Array(4), new ArrayBuffer(8), {}];
  it.each(bad.map((value) => ({ value, name: Object.prototype.toString.call(value) })))("rejects data = $name", ({ value }) => {
    expect(() => keccak256(value as Uint8Array)).toThrow(ArgumentError);
    expect(() => keccak256Into(value as Uint8Array, new Uint8Array(32))).toThrow(ArgumentError);
    expect(() => new Keccak256().update(value as Uint8Array)).toThrow(ArgumentError);
  });

  it.each([
    { out: new Uint8Array(31), offset: 0 },
    { out: new Uint8Array(40), offset: 9 },
    { out: new Uint8Array(40), offset: -1 },
    { out: new Uint8Array(40), offset: 1.5 },
    { out: new Uint8Array(40), offset: Number.NaN },
    { out: new Uint8Array(40), offset: "0" },
    { out: new Uint32Array(8), offset: 0 },
    { out: null, offset: 0 },
  ])("rejects out of length $out.length at offset $offset", ({ out, offset }) => {
    expect(() => keccak256Into(new Uint8Array(1), out as Uint8Array, offset as number)).toThrow(ArgumentError);
    expect(() => new Keccak256().digestInto(out as Uint8Array, offset as number)).toThrow(ArgumentError);
  });

  it("a rejected digestInto leaves the hasher usable", () => {
    const h = new Keccak256().update(new Uint8Array([1, 2, 3]));
    expect(() => h.digestInto(new Uint8Array(8))).toThrow(ArgumentError);
    expect(hex(h.digest())).toBe(hex(nobleKeccak256(new Uint8Array([1, 2, 3]))));
  });
});
