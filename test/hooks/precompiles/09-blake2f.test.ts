// 0x09 blake2f: the EIP-152 test vectors 0–7 (vector 8 runs 2^32 − 1 rounds and is only priced
// here), gas = rounds, plus a differential check against BLAKE2b-512 of @noble/hashes.
import { describe, expect, it } from "vitest";
import { blake2b } from "@noble/hashes/blake2.js";
import { blake2fPrecompile } from "../../../ts/hooks/precompiles/09-blake2f";
import { bytesToHex, hexToBytes } from "../../../ts/primitives/hex";

// EIP-152 inputs share everything after the rounds word except the final flag byte.
const BODY =
  "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b" +
  "6162630000000000000000000000000000000000000000000000000000000000" +
  "0000000000000000000000000000000000000000000000000000000000000000" +
  "0000000000000000000000000000000000000000000000000000000000000000" +
  "0000000000000000000000000000000000000000000000000000000000000000" +
  "0300000000000000" +
  "0000000000000000";
const vector = (rounds: string, f: string) => hexToBytes("0x" + rounds + BODY + f);

describe("0x09 blake2f: EIP-152 vectors", () => {
  it.each([
    { n: 0, input: new Uint8Array(0) },
    { n: 1, input: hexToBytes("0x00000c" + BODY + "01") },
    { n: 2, input: hexToBytes("0x000000000c" + BODY + "01") },
    { n: 3, input: vector("0000000c", "02") },
  ])("vector $n fails with all gas", ({ input }) => {
    expect(blake2fPrecompile.run(input, 1000n)).toEqual({ ok: false, gasUsed: 1000n, output: new Uint8Array(0), native: 0n });
  });

  it.each([
    {
      n: 4,
      input: vector("00000000", "01"),
      gas: 0n,
      output: "0x08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b",
    },
    {
      n: 5,
      input: vector("0000000c", "01"),
      gas: 12n,
      output: "0xba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
    },
    {
      n: 6,
      input: vector("0000000c", "00"),
      gas: 12n,
      output: "0x75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735",
    },
    {
      n: 7,
      input: vector("00000001", "01"),
      gas: 1n,
      output: "0xb63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421",
    },
  ])("vector $n", ({ input, gas, output }) => {
    const r = blake2fPrecompile.run(input, 1000n);
    expect(r).toMatchObject({ ok: true, gasUsed: gas, native: 0n });
    expect(bytesToHex(r.output)).toBe(output);
  });

  it("vector 8 (2^32 − 1 rounds) costs 4294967295 gas: one short fails before any work", () => {
    expect(blake2fPrecompile.run(vector("ffffffff", "01"), 4_294_967_294n)).toMatchObject({ ok: false, gasUsed: 4_294_967_294n });
  });

  it("12 rounds one gas short fails", () => {
    expect(blake2fPrecompile.run(vector("0000000c", "01"), 11n)).toMatchObject({ ok: false, gasUsed: 11n });
  });
});

describe("0x09 blake2f vs BLAKE2b", () => {
  it("one final 12-round compression of a single block equals BLAKE2b-512 of that block", () => {
    for (const len of [0, 1, 3, 64, 127, 128]) {
      const msg = Uint8Array.from({ length: len }, (_, i) => (i * 31 + 7) & 0xff);
      // h0 = IV with the parameter block (digest 64, fanout 1, depth 1) xored into word 0.
      const h = hexToBytes("0x48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b");
      const input = new Uint8Array(213);
      input.set([0, 0, 0, 12], 0);
      input.set(h, 4);
      input.set(msg, 68);
      new DataView(input.buffer).setUint32(196, len, true);
      input[212] = 1;
      const r = blake2fPrecompile.run(input, 12n);
      expect(bytesToHex(r.output)).toBe(bytesToHex(blake2b(msg, { dkLen: 64 })));
    }
  });
});

// An independent bigint BLAKE2b F (RFC 7693 §3.2) for round counts that cross the WASM chunking
// (10,000 rounds per call, each chunk starting at SIGMA row 0).
const SIGMA_REF = [
  "0123456789abcdef", "ea489fd61c02b753", "b8c052fdae367194", "7931dcbe265a40f8", "905724afe1bc683d",
  "2c6a0b834d75fe19", "c51fed4a0763928b", "db7ec13950f4862a", "6fe9b308c2d714a5", "a2847615fb9e3cd0",
].map((row) => [...row].map((c) => parseInt(c, 16)));
const IV_REF = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];
const M64 = (1n << 64n) - 1n;
const rotr = (x: bigint, n: bigint) => ((x >> n) | (x << (64n - n))) & M64;

function blake2fReference(input: Uint8Array): Uint8Array {
  const dv = new DataView(input.buffer, input.byteOffset);
  const h = Array.from({ length: 8 }, (_, i) => dv.getBigUint64(4 + 8 * i, true));
  const m = Array.from({ length: 16 }, (_, i) => dv.getBigUint64(68 + 8 * i, true));
  const v = [...h, ...IV_REF];
  v[12]! ^= dv.getBigUint64(196, true);
  v[13]! ^= dv.getBigUint64(204, true);
  if (input[212] === 1) v[14] = v[14]! ^ M64;
  const g = (a: number, b: number, c: number, d: number, x: bigint, y: bigint) => {
    v[a] = (v[a]! + v[b]! + x) & M64; v[d] = rotr(v[d]! ^ v[a]!, 32n);
    v[c] = (v[c]! + v[d]!) & M64; v[b] = rotr(v[b]! ^ v[c]!, 24n);
    v[a] = (v[a]! + v[b]! + y) & M64; v[d] = rotr(v[d]! ^ v[a]!, 16n);
    v[c] = (v[c]! + v[d]!) & M64; v[b] = rotr(v[b]! ^ v[c]!, 63n);
  };
  const rounds = dv.getUint32(0, false);
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA_REF[r % 10]!;
    g(0, 4, 8, 12, m[s[0]!]!, m[s[1]!]!); g(1, 5, 9, 13, m[s[2]!]!, m[s[3]!]!);
    g(2, 6, 10, 14, m[s[4]!]!, m[s[5]!]!); g(3, 7, 11, 15, m[s[6]!]!, m[s[7]!]!);
    g(0, 5, 10, 15, m[s[8]!]!, m[s[9]!]!); g(1, 6, 11, 12, m[s[10]!]!, m[s[11]!]!);
    g(2, 7, 8, 13, m[s[12]!]!, m[s[13]!]!); g(3, 4, 9, 14, m[s[14]!]!, m[s[15]!]!);
  }
  const out = new Uint8Array(64);
  const odv = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) odv.setBigUint64(8 * i, h[i]! ^ v[i]! ^ v[i + 8]!, true);
  return out;
}

describe("0x09 blake2f vs a bigint reference, across the WASM chunk boundary", () => {
  it.each([0, 1, 9, 10, 11, 12, 9_999, 10_000, 10_001, 20_013])("%i rounds", (rounds) => {
    const input = Uint8Array.from({ length: 213 }, (_, i) => (i * 73 + 11) & 0xff);
    new DataView(input.buffer).setUint32(0, rounds, false);
    input[212] = rounds & 1;
    const r = blake2fPrecompile.run(input, BigInt(rounds));
    expect(r.gasUsed).toBe(BigInt(rounds));
    expect(bytesToHex(r.output)).toBe(bytesToHex(blake2fReference(input)));
  });
});
