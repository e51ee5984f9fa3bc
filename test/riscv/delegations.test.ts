// The two delegation CSRs (riscv-machine.md §2.2, §2.3): 0x7C7 Blake2s rounds, checked by hashing
// whole blocks in both modes against @noble/hashes; 0x7CA u256 ops against BigInt; and the operand
// rules (alignment, ROM, distinct pointers, rs1 = 0, mask/control) trapping with a reason.
import { blake2s } from "@noble/hashes/blake2.js";
import { describe, expect, it } from "vitest";
import { RiscvMachine } from "../../ts/riscv/machine";
import * as a from "../helpers/rv32";

const STATE = 0x0040_0000;
const MSG = 0x0040_0100;
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

function wordsLE(bytes: Uint8Array): number[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 4 }, (_, i) => dv.getUint32(4 * i, true));
}
function bytesLE(words: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) dv.setUint32(4 * i, words[i]! >>> 0, true);
  return out;
}
function pseudoRandom(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

/** Ten 0x7C7 calls (rounds 0..9), control `base` and base|1 on the last round, then halt. */
function blakeProgram(base: number, msgAddr = MSG): number[] {
  const code: number[] = [...a.li(10, STATE), ...a.li(11, msgAddr)];
  for (let r = 0; r < 10; r++) {
    code.push(...a.li(12, 1 << r), ...a.li(13, r === 9 ? base | 1 : base), a.csrrw(0, 0x7c7, 0));
  }
  code.push(a.halt());
  return code;
}

describe("0x7C7 Blake2s round delegation", () => {
  it.each([
    [0, MSG],
    [1, MSG],
    [2, 0x0041_0000 - 20],
  ])("normal mode: ten rounds hash a single 64-byte block exactly as Blake2s-256 (seed %i, message at %i)", (seed, MSG) => {
    const msg = pseudoRandom(64, seed + 1);
    const m = new RiscvMachine();
    m.load(bytesLE(blakeProgram(0, MSG)));
    const h = IV.slice();
    h[0] = (h[0]! ^ 0x01010020) >>> 0;
    const v = new Array<number>(16).fill(0);
    v[12] = (IV[4]! ^ 64) >>> 0;
    v[14] = (IV[6]! ^ 0xffffffff) >>> 0;
    m.writeMemory(STATE, bytesLE([...h, ...v]));
    m.writeMemory(MSG, msg);
    const r = m.run(1000);
    expect(r.status).toBe("halted");
    expect(m.readMemory(STATE, 32)).toEqual(blake2s(msg));
    expect(m.readMemory(MSG, 64)).toEqual(msg);
    expect(m.stats().blake2sCalls).toBe(10);
    expect(m.stats().effectiveCycles).toBe(r.cycles + 160);
  });

  it.each([[4, "left"], [6, "right"]] as const)("compression mode (control %i): hash of the two 32-byte nodes, state as the %s node", (base, side) => {
    const node = pseudoRandom(32, 7);
    const other = pseudoRandom(32, 9);
    const m = new RiscvMachine();
    m.load(bytesLE(blakeProgram(base)));
    m.writeMemory(STATE, new Uint8Array([...node, ...new Uint8Array(64)]));
    m.writeMemory(MSG, new Uint8Array([...other, ...new Uint8Array(32)]));
    expect(m.run(1000).status).toBe("halted");
    const input = side === "left" ? new Uint8Array([...node, ...other]) : new Uint8Array([...other, ...node]);
    expect(m.readMemory(STATE, 32)).toEqual(blake2s(input));
  });

  const setup = (x10: number, x11: number, x12: number, x13: number, rs1 = 0): [number[], Record<number, number>] => [
    [a.csrrw(0, 0x7c7, rs1), a.halt()],
    { 10: x10, 11: x11, 12: x12, 13: x13, 5: 1 },
  ];
  it.each([
    ["state not 128-aligned", ...setup(STATE + 64, MSG, 1, 0), "operand pointer misaligned", STATE + 64],
    ["message not 4-aligned", ...setup(STATE, MSG + 2, 1, 0), "operand pointer misaligned", MSG + 2],
    ["state in ROM", ...setup(0x1000, MSG, 1, 0), "operand pointer in ROM", 0x1000],
    ["message in ROM", ...setup(STATE, 0x1000, 1, 0), "operand pointer in ROM", 0x1000],
    ["same pointers", ...setup(STATE, STATE, 1, 0), "operand pointers are equal", STATE],
    ["state past 1 GiB", ...setup(0x4000_0000, MSG, 1, 0), "operand outside memory", 0x4000_0000],
    ["mask not a power of two", ...setup(STATE, MSG, 3, 0), "round mask is not 1 << r with r < 10", undefined],
    ["mask 1 << 10", ...setup(STATE, MSG, 1 << 10, 0), "round mask is not 1 << r with r < 10", undefined],
    ["rs1 value not 0", ...setup(STATE, MSG, 1, 0, 5), "rs1 value is not 0", undefined],
  ] as const)("traps: %s", (_name, code, regs, detail, address) => {
    const m = new RiscvMachine();
    m.load(bytesLE(code));
    for (const [k, v] of Object.entries(regs)) m.setRegister(Number(k), v);
    const r = m.run(10);
    expect(r.status).toBe("trapped");
    expect(r.trap?.cause).toBe("delegation fault");
    expect(r.trap?.detail).toBe(detail);
    expect(r.trap?.address).toBe(address);
    expect(r.trap?.pc).toBe(0);
    expect(m.stats().blake2sCalls).toBe(0);
  });
});

const A = 0x0050_0000;
const B = 0x0050_0040;
const M256 = (1n << 256n) - 1n;
const toWords = (v: bigint) => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(32 * i)) & 0xffffffffn));
const fromBytes = (b: Uint8Array) => wordsLE(b).reduceRight((acc, w) => (acc << 32n) | BigInt(w), 0n);

function u256Run(x: bigint, y: bigint, control: number, rd = 0): { a: bigint; flag: number; m: RiscvMachine } {
  const m = new RiscvMachine();
  m.load(bytesLE([a.csrrw(rd, 0x7ca, 0), a.halt()]));
  m.writeMemory(A, bytesLE(toWords(x)));
  m.writeMemory(B, bytesLE(toWords(y)));
  m.setRegister(10, A);
  m.setRegister(11, B);
  m.setRegister(12, control);
  const r = m.run(10);
  expect(r.status, JSON.stringify(r.trap)).toBe("halted");
  expect(fromBytes(m.readMemory(B, 32))).toBe(y);
  return { a: fromBytes(m.readMemory(A, 32)), flag: m.registers()[12]!, m };
}

describe("0x7CA u256 ops delegation", () => {
  const values = [0n, 1n, M256, M256 - 1n, 1n << 255n, (1n << 128n) + 12345n,
    0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdefn, 0xffffffffn];
  const ops: [string, number, (x: bigint, y: bigint, c: bigint) => [bigint, number]][] = [
    ["ADD", 1, (x, y, c) => [(x + y + c) & M256, x + y + c > M256 ? 1 : 0]],
    ["SUB", 2, (x, y, c) => [(x - y - c) & M256, x - y - c < 0n ? 1 : 0]],
    ["SUB_AND_NEGATE", 4, (x, y, c) => [(y - x - c) & M256, y - x - c < 0n ? 1 : 0]],
    ["MUL_LOW", 8, (x, y) => [(x * y) & M256, (x * y) >> 256n !== 0n ? 1 : 0]],
    ["MUL_HIGH", 16, (x, y) => [(x * y) >> 256n, 0]],
    ["EQ", 32, (x, y) => [x, x === y ? 1 : 0]],
    ["MEMCOPY", 128, (_x, y, c) => [(y + c) & M256, y + c > M256 ? 1 : 0]],
  ];
  for (const [name, bit, f] of ops) {
    it(`${name} with and without carry-in, against BigInt`, () => {
      for (const x of values) {
        for (const y of values) {
          for (const c of name.startsWith("MUL") || name === "EQ" ? [0n] : [0n, 1n]) {
            const got = u256Run(x, y, bit | (c === 1n ? 64 : 0));
            const [want, flag] = f(x, y, c);
            expect(got.a, `${name} ${x} ${y} ${c}`).toBe(want);
            expect(got.flag, `${name} flag ${x} ${y} ${c}`).toBe(flag);
          }
        }
      }
    });
  }

  it("counts calls and writes 0 to rd after the flag (rd = x12 ends 0)", () => {
    const { flag, m } = u256Run(1n, 1n, 32, 12);
    expect(flag).toBe(0);
    expect(m.stats().u256Calls).toBe(1);
    expect(m.stats().effectiveCycles).toBe(2 + 4);
  });

  it.each([
    ["two op bits", 3, A, B, "bad control word"],
    ["no op bit", 64, A, B, "bad control word"],
    ["control ≥ 256", 256 | 1, A, B, "bad control word"],
    ["a misaligned", 1, A + 4, B, "operand pointer misaligned"],
    ["b in ROM", 1, A, 0x40, "operand pointer in ROM"],
    ["same pointers", 1, A, A, "operand pointers are equal"],
  ] as const)("traps: %s", (_name, control, x10, x11, detail) => {
    const m = new RiscvMachine();
    m.load(bytesLE([a.csrrw(0, 0x7ca, 0), a.halt()]));
    m.setRegister(10, x10);
    m.setRegister(11, x11);
    m.setRegister(12, control);
    const r = m.run(10);
    expect(r.trap?.cause).toBe("delegation fault");
    expect(r.trap?.detail).toBe(detail);
    expect(m.registers()[12]).toBe(control);
  });
});
