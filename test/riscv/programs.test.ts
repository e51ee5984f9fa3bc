// Compiled RV32IM programs (test/riscv/programs/*.c, built by build.sh and committed), run both as
// flat binaries at 0 and as ELF32, checked against JS references: an integer loop, Keccak-256 vs
// @noble/hashes, a Merkle path check through the Blake2s delegation, a delegation-heavy hash
// chain with u256 ops, and oracle I/O with debug text.
import { blake2s } from "@noble/hashes/blake2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RiscvMachine, type RiscvMachineOptions } from "../../ts/riscv/machine";
import { WitnessSource } from "../../ts/riscv/nondeterminism";
import type { OracleQuery } from "../../ts/riscv/oracle-queries";

const dir = new URL("./programs/", import.meta.url);
const FORMATS = ["bin", "elf"] as const;

function runFile(name: string, format: string, words: number[], options: RiscvMachineOptions = {}) {
  const m = new RiscvMachine({ source: new WitnessSource(Uint32Array.from(words)), ...options });
  m.load(new Uint8Array(readFileSync(new URL(`${name}.${format}`, dir))), name);
  const r = m.run(50_000_000);
  expect(r.trap, JSON.stringify(r.trap)).toBeUndefined();
  expect(r.status).toBe("halted");
  expect(m.stats().witnessWordsLeft).toBe(0);
  expect(m.stats().readsPastEnd).toBe(0);
  return { m, r, out: Array.from(m.registers().subarray(10, 18)), regs: m.registers() };
}

const le = (bytes: Uint8Array) => {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length >> 2 }, (_, i) => dv.getUint32(4 * i, true));
};
const leBytes = (words: number[]) => {
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(4 * i, w >>> 0, true));
  return out;
};
const pack = (bytes: Uint8Array) => le(new Uint8Array([...bytes, 0, 0, 0].slice(0, (bytes.length + 3) & ~3)));
const seeded = (n: number, seed: number) => {
  let s = seed >>> 0;
  return Uint8Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24));
};

describe.each(FORMATS)("programs (%s)", (format) => {
  it("loop: 1000 rounds of xorshift + multiply-accumulate", () => {
    const n = 1000;
    let x = 1, y = 0;
    for (let i = 0; i < n; i++) {
      x = (x ^ (x << 13)) >>> 0;
      x = (x ^ (x >>> 17)) >>> 0;
      x = (x ^ (x << 5)) >>> 0;
      y = (y + Math.imul(x, 2654435761) + i) >>> 0;
    }
    const { out, regs } = runFile("loop", format, [n]);
    expect(out.slice(0, 3)).toEqual([x, y, n]);
    expect(Array.from(regs.subarray(18, 26))).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it.each([0, 1, 3, 135, 136, 137, 300])("keccak: Keccak-256 of %i bytes equals @noble/hashes", (len) => {
    const msg = seeded(len, len + 17);
    const { out } = runFile("keccak", format, [len, ...pack(msg)]);
    expect(leBytes(out)).toEqual(keccak_256(msg));
  });

  it("merkle: a depth-12 path folds to the root computed with @noble/hashes blake2s", () => {
    const depth = 12;
    const index = 0b1011_0100_1101;
    const leaf = seeded(32, 5);
    const siblings = Array.from({ length: depth }, (_, k) => seeded(32, 100 + k));
    let node = blake2s(leaf);
    siblings.forEach((s, k) => {
      node = (index >> k) & 1 ? blake2s(new Uint8Array([...s, ...node])) : blake2s(new Uint8Array([...node, ...s]));
    });
    const { out, m } = runFile("merkle", format, [depth, index, ...le(leaf), ...siblings.flatMap((s) => le(s))]);
    expect(leBytes(out)).toEqual(node);
    expect(m.stats().blake2sCalls).toBe(10 * (depth + 1));
  });

  it("delegations: a 25-step Blake2s/u256 chain equals the BigInt + @noble/hashes reference", () => {
    const n = 25;
    let h = leBytes([1, 2, 3, 4, 5, 6, 7, 8]);
    const toBig = (w: number[]) => w.reduceRight((a, x) => (a << 32n) | BigInt(x >>> 0), 0n);
    const toWords = (v: bigint) => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(32 * i)) & 0xffffffffn));
    let acc = toBig(Array.from({ length: 8 }, (_, i) => Math.imul(0x11111111, i + 1) >>> 0));
    const M = (1n << 256n) - 1n;
    for (let step = 0; step < n; step++) {
      h = blake2s(new Uint8Array([...h, ...leBytes(toWords(acc))]));
      acc = (((acc * toBig(le(h))) & M) + BigInt(step)) & M;
    }
    const want = le(h).map((w, i) => (w ^ toWords(acc)[i]!) >>> 0);
    const { out, m } = runFile("delegations", format, [n]);
    expect(out).toEqual(want);
    expect(m.stats()).toMatchObject({ blake2sCalls: 10 * n, u256Calls: 2 * n });
  });

  it("oracle: debug text, one framed query with its response, then disconnect", () => {
    const lines: string[] = [];
    const queries: OracleQuery[] = [];
    const { out } = runFile("oracle", format, [3, 5, 6, 7], { onDebugText: (t) => lines.push(t), onQuery: (q) => queries.push(q) });
    expect(out.slice(0, 4)).toEqual([3, 18, 42, 5 ^ 6 ^ 7]);
    expect(lines).toEqual(["hello from the guest"]);
    expect(queries).toEqual([
      { id: 0x77, name: "query 0x77", params: [40, 2], firstReadIndex: 0 },
      { id: 6, name: "DisconnectOracle", params: [], firstReadIndex: 4 },
    ]);
  });
});
