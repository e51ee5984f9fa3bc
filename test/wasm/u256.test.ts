// Differential tests of the AS u256 kernels (as/lib/u256*.ts) against a bigint reference of the
// EVM semantics (Yellow Paper appendix H, EIP-145) and of the 0x7CA delegation (riscv-machine.md §2.3).
import { describe, expect, it } from "vitest";
import {
  U256Alias, U256DelegationBit as Bit, U256DelegationError, U256Op, U256_OP_UNKNOWN, u256, u256Delegation, u256Raw,
} from "../../ts/primitives/u256";

const BITS = 256n;
const MAX = (1n << BITS) - 1n;
const SIGN = 1n << 255n;
const u = (x: bigint): bigint => BigInt.asUintN(256, x);
const s = (x: bigint): bigint => BigInt.asIntN(256, x);

function modPow(base: bigint, e: bigint): bigint {
  let r = 1n;
  let b = base;
  while (e > 0n) {
    if (e & 1n) r = (r * b) & MAX;
    b = (b * b) & MAX;
    e >>= 1n;
  }
  return r;
}

/** EVM reference semantics, operands in EVM order (a = top of stack). */
const REF: Record<string, { op: U256Op; arity: 1 | 2 | 3; f: (a: bigint, b: bigint, c: bigint) => bigint }> = {
  ADD: { op: U256Op.Add, arity: 2, f: (a, b) => u(a + b) },
  SUB: { op: U256Op.Sub, arity: 2, f: (a, b) => u(a - b) },
  MUL: { op: U256Op.Mul, arity: 2, f: (a, b) => u(a * b) },
  DIV: { op: U256Op.Div, arity: 2, f: (a, b) => (b === 0n ? 0n : a / b) },
  SDIV: { op: U256Op.Sdiv, arity: 2, f: (a, b) => (b === 0n ? 0n : u(s(a) / s(b))) },
  MOD: { op: U256Op.Mod, arity: 2, f: (a, b) => (b === 0n ? 0n : a % b) },
  SMOD: { op: U256Op.Smod, arity: 2, f: (a, b) => (b === 0n ? 0n : u(s(a) % s(b))) },
  ADDMOD: { op: U256Op.AddMod, arity: 3, f: (a, b, m) => (m === 0n ? 0n : (a + b) % m) },
  MULMOD: { op: U256Op.MulMod, arity: 3, f: (a, b, m) => (m === 0n ? 0n : (a * b) % m) },
  EXP: { op: U256Op.Exp, arity: 2, f: modPow },
  SIGNEXTEND: {
    op: U256Op.SignExtend, arity: 2,
    f: (b, x) => (b >= 31n ? x : u(BigInt.asIntN(Number(8n * (b + 1n)), x))),
  },
  LT: { op: U256Op.Lt, arity: 2, f: (a, b) => (a < b ? 1n : 0n) },
  GT: { op: U256Op.Gt, arity: 2, f: (a, b) => (a > b ? 1n : 0n) },
  SLT: { op: U256Op.Slt, arity: 2, f: (a, b) => (s(a) < s(b) ? 1n : 0n) },
  SGT: { op: U256Op.Sgt, arity: 2, f: (a, b) => (s(a) > s(b) ? 1n : 0n) },
  EQ: { op: U256Op.Eq, arity: 2, f: (a, b) => (a === b ? 1n : 0n) },
  ISZERO: { op: U256Op.IsZero, arity: 1, f: (a) => (a === 0n ? 1n : 0n) },
  AND: { op: U256Op.And, arity: 2, f: (a, b) => a & b },
  OR: { op: U256Op.Or, arity: 2, f: (a, b) => a | b },
  XOR: { op: U256Op.Xor, arity: 2, f: (a, b) => a ^ b },
  NOT: { op: U256Op.Not, arity: 1, f: (a) => MAX ^ a },
  BYTE: { op: U256Op.Byte, arity: 2, f: (i, x) => (i >= 32n ? 0n : (x >> (8n * (31n - i))) & 0xffn) },
  SHL: { op: U256Op.Shl, arity: 2, f: (sh, v) => (sh >= BITS ? 0n : u(v << sh)) },
  SHR: { op: U256Op.Shr, arity: 2, f: (sh, v) => (sh >= BITS ? 0n : v >> sh) },
  SAR: { op: U256Op.Sar, arity: 2, f: (sh, v) => (sh >= BITS ? (v & SIGN ? MAX : 0n) : u(s(v) >> sh)) },
  NEG: { op: U256Op.Neg, arity: 1, f: (a) => u(-a) },
};

/** xorshift128+ over 32-bit halves (seeded, so every failure reproduces). */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  let y = 0x9e3779b9;
  return () => {
    let t = x ^ (x << 11);
    x = y;
    y = (y ^ (y >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    t = y;
    return t >>> 0;
  };
}

const DIGIT_PATTERNS = [0, 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, 0xffff_fffe];

/**
 * Random operands from several shapes: uniform 256-bit, random bit length, small, sparse
 * 32-bit digits drawn from edge patterns (these hit Knuth D's q̂ corrections), and near edges.
 */
function randomOperand(next: () => number): bigint {
  const kind = next() % 6;
  const uniform = (): bigint => {
    let v = 0n;
    for (let i = 0; i < 8; i++) v = (v << 32n) | BigInt(next());
    return v;
  };
  switch (kind) {
    case 0: return uniform();
    case 1: return uniform() >> BigInt(next() % 256);
    case 2: return BigInt(next() % 300);
    case 3: {
      let v = 0n;
      for (let i = 0; i < 8; i++) {
        const p = next() % 8;
        v = (v << 32n) | BigInt(p < DIGIT_PATTERNS.length ? DIGIT_PATTERNS[p]! : next());
      }
      return v >> BigInt(32 * (next() % 8));
    }
    case 4: return u((1n << BigInt(next() % 257)) + BigInt((next() % 5) - 2));
    default: return u(-BigInt(next() % 1000));
  }
}

const EDGES: bigint[] = [
  0n, 1n, 2n, 3n, 31n, 32n, 255n, 256n, 257n,
  1n << 31n, 1n << 32n, (1n << 63n), (1n << 64n) - 1n, 1n << 64n, (1n << 64n) + 1n,
  1n << 128n, (1n << 128n) - 1n, (1n << 192n) + 7n, SIGN, SIGN - 1n, SIGN + 1n, MAX, MAX - 1n,
  0x1234_5678_9abc_def0_0fed_cba9_8765_4321n,
];

const RANDOM_PER_OP = 3000;

describe("u256 kernels vs bigint reference", () => {
  for (const [name, { op, arity, f }] of Object.entries(REF)) {
    it(`${name}: all edge combinations`, () => {
      const thirds = arity === 3 ? EDGES : [0n];
      for (const a of EDGES) {
        for (const b of arity >= 2 ? EDGES : [0n]) {
          for (const c of thirds) {
            const got = u256(op, a, b, c);
            if (got !== f(a, b, c)) expect.fail(`${name}(${a}, ${b}, ${c}) = ${got}, want ${f(a, b, c)}`);
          }
        }
      }
    });

    it(`${name}: ${RANDOM_PER_OP} random operand sets (seeded)`, () => {
      const next = prng(0x5eed + op);
      for (let i = 0; i < RANDOM_PER_OP; i++) {
        const a = randomOperand(next);
        const b = randomOperand(next);
        const c = randomOperand(next);
        const got = u256(op, a, b, c);
        if (got !== f(a, b, c)) expect.fail(`${name}(${a}, ${b}, ${c}) = ${got}, want ${f(a, b, c)}`);
      }
    });

    it(`${name}: result written over an operand (r == a, r == b) is the same`, () => {
      const next = prng(0xa11a5 + op);
      for (let i = 0; i < 300; i++) {
        const a = randomOperand(next);
        const b = randomOperand(next);
        const c = randomOperand(next);
        const want = f(a, b, c);
        expect(u256Raw(op, a, b, c, U256Alias.A).value).toBe(want);
        if (arity >= 2) expect(u256Raw(op, a, b, c, U256Alias.B).value).toBe(want);
        if (arity === 3) expect(u256Raw(op, a, b, c, U256Alias.C).value).toBe(want);
      }
    });
  }
});

const NEG = (x: bigint): bigint => u(-x);

describe("u256 named edge cases (EVM semantics)", () => {
  const cases: { name: string; op: U256Op; a: bigint; b: bigint; c?: bigint; want: bigint }[] = [
    { name: "DIV by zero", op: U256Op.Div, a: MAX, b: 0n, want: 0n },
    { name: "MOD by zero", op: U256Op.Mod, a: MAX, b: 0n, want: 0n },
    { name: "SDIV by zero", op: U256Op.Sdiv, a: SIGN, b: 0n, want: 0n },
    { name: "SMOD by zero", op: U256Op.Smod, a: NEG(7n), b: 0n, want: 0n },
    { name: "SDIV −2^255 / −1 overflows to −2^255", op: U256Op.Sdiv, a: SIGN, b: MAX, want: SIGN },
    { name: "SMOD −2^255 mod −1 = 0", op: U256Op.Smod, a: SIGN, b: MAX, want: 0n },
    { name: "SDIV −7 / 2 truncates toward zero", op: U256Op.Sdiv, a: NEG(7n), b: 2n, want: NEG(3n) },
    { name: "SDIV 7 / −2", op: U256Op.Sdiv, a: 7n, b: NEG(2n), want: NEG(3n) },
    { name: "SMOD −7 mod 2 takes the dividend's sign", op: U256Op.Smod, a: NEG(7n), b: 2n, want: NEG(1n) },
    { name: "SMOD 7 mod −2", op: U256Op.Smod, a: 7n, b: NEG(2n), want: 1n },
    { name: "DIV 2^256−1 / 2^128", op: U256Op.Div, a: MAX, b: 1n << 128n, want: (1n << 128n) - 1n },
    { name: "SIGNEXTEND b = 31 is identity", op: U256Op.SignExtend, a: 31n, b: SIGN - 1n, want: SIGN - 1n },
    { name: "SIGNEXTEND b = 2^64 is identity", op: U256Op.SignExtend, a: 1n << 64n, b: 0x80n, want: 0x80n },
    { name: "SIGNEXTEND b = 0 of 0x80", op: U256Op.SignExtend, a: 0n, b: 0x1234_80n, want: MAX - 0x7fn },
    { name: "SIGNEXTEND b = 30, sign set", op: U256Op.SignExtend, a: 30n, b: 0x80n << 240n, want: u(-(1n << 247n)) },
    { name: "SHL by 256", op: U256Op.Shl, a: 256n, b: 1n, want: 0n },
    { name: "SHL by 2^64 (high limb set)", op: U256Op.Shl, a: 1n << 64n, b: 1n, want: 0n },
    { name: "SHL by 255", op: U256Op.Shl, a: 255n, b: 3n, want: SIGN },
    { name: "SHR by 256", op: U256Op.Shr, a: 256n, b: MAX, want: 0n },
    { name: "SHR by 2^255", op: U256Op.Shr, a: SIGN, b: MAX, want: 0n },
    { name: "SAR negative by 256", op: U256Op.Sar, a: 256n, b: SIGN, want: MAX },
    { name: "SAR negative by 2^200", op: U256Op.Sar, a: 1n << 200n, b: SIGN + 5n, want: MAX },
    { name: "SAR positive by 256", op: U256Op.Sar, a: MAX, b: SIGN - 1n, want: 0n },
    { name: "SAR −2^255 by 255", op: U256Op.Sar, a: 255n, b: SIGN, want: MAX },
    { name: "BYTE 0 is the most significant", op: U256Op.Byte, a: 0n, b: 0xabn << 248n, want: 0xabn },
    { name: "BYTE 31 is the least significant", op: U256Op.Byte, a: 31n, b: 0x1234n, want: 0x34n },
    { name: "BYTE 32", op: U256Op.Byte, a: 32n, b: MAX, want: 0n },
    { name: "BYTE 2^64", op: U256Op.Byte, a: 1n << 64n, b: MAX, want: 0n },
    { name: "EXP 0^0 = 1", op: U256Op.Exp, a: 0n, b: 0n, want: 1n },
    { name: "EXP 0^(2^256−1)", op: U256Op.Exp, a: 0n, b: MAX, want: 0n },
    { name: "EXP 1^(2^256−1)", op: U256Op.Exp, a: 1n, b: MAX, want: 1n },
    { name: "EXP 2^255", op: U256Op.Exp, a: 2n, b: 255n, want: SIGN },
    { name: "EXP 2^256 wraps to 0", op: U256Op.Exp, a: 2n, b: 256n, want: 0n },
    { name: "EXP 4^127", op: U256Op.Exp, a: 4n, b: 127n, want: 1n << 254n },
    { name: "EXP 2^64 ^ 3", op: U256Op.Exp, a: 1n << 64n, b: 3n, want: 1n << 192n },
    { name: "EXP (−1)^(2^256−1) = −1", op: U256Op.Exp, a: MAX, b: MAX, want: MAX },
    { name: "EXP (−1)^(2^256−2) = 1", op: U256Op.Exp, a: MAX, b: MAX - 1n, want: 1n },
    { name: "EXP 3^(2^256−1)", op: U256Op.Exp, a: 3n, b: MAX, want: modPow(3n, MAX) },
    { name: "EXP big^big", op: U256Op.Exp, a: SIGN - 12345n, b: MAX - (1n << 100n), want: modPow(SIGN - 12345n, MAX - (1n << 100n)) },
    { name: "ADDMOD m = 0", op: U256Op.AddMod, a: MAX, b: MAX, c: 0n, want: 0n },
    { name: "ADDMOD m = 1", op: U256Op.AddMod, a: MAX, b: MAX, c: 1n, want: 0n },
    { name: "ADDMOD 257-bit sum", op: U256Op.AddMod, a: MAX, b: MAX, c: MAX - 1n, want: 2n },
    { name: "ADDMOD sum 2^256 mod 2^256−1", op: U256Op.AddMod, a: MAX, b: 1n, c: MAX, want: 1n },
    { name: "ADDMOD u64 overflow", op: U256Op.AddMod, a: (1n << 64n) - 1n, b: (1n << 64n) - 2n, c: (1n << 64n) - 1n, want: (1n << 64n) - 2n },
    { name: "MULMOD m = 0", op: U256Op.MulMod, a: MAX, b: MAX, c: 0n, want: 0n },
    { name: "MULMOD m = 1", op: U256Op.MulMod, a: MAX, b: MAX, c: 1n, want: 0n },
    { name: "MULMOD 512-bit product", op: U256Op.MulMod, a: MAX, b: MAX, c: MAX - 2n, want: (MAX * MAX) % (MAX - 2n) },
    { name: "MULMOD by 2^255", op: U256Op.MulMod, a: MAX, b: MAX, c: SIGN, want: 1n },
    { name: "MULMOD small m", op: U256Op.MulMod, a: MAX, b: MAX - 5n, c: 12345n, want: (MAX * (MAX - 5n)) % 12345n },
  ];
  it.each(cases)("$name", ({ op, a, b, c, want }) => {
    expect(u256(op, a, b, c ?? 0n)).toBe(want);
  });

  // Found by simulating Knuth D's q̂ estimate: each needs the add-back step (D6), which random
  // operands reach with probability about 2/2^32 per quotient digit.
  const addBack: [bigint, bigint][] = [
    [0xffffffff0000000000000000ffffffff7fffffff00000000ffffffffn, 0xffffffff000000007fffffffffffffffn],
    [0xffffffffffffffff00000000ffffffff000000007fffffffffffffff7fffffffn, 0x7fffffffffffffffffffffff25c3f00000000000n],
    [0x800000000000000000000003n, 0x200000000000000000000001n],
  ];
  it.each(addBack)("DIV and MOD needing Knuth's add-back: %s / %s", (a, b) => {
    expect(u256(U256Op.Div, a, b)).toBe(a / b);
    expect(u256(U256Op.Mod, a, b)).toBe(a % b);
  });
  const addBackMulMod: [bigint, bigint, bigint][] = [
    [
      0x7fffffff000000000000000000000000000000004fa364005a6d8a00n,
      0x7fffffff7fffffff0000000000000000288db400000000000000000000000000n,
      0x7fffffff7fffffff43abb68000000000c2e98000038f5600n,
    ],
    [
      0xffffffffffffffff000000008367d280f5814080n,
      0xffffffff00000000000000000000000000000000800000007fffffffn,
      0x7fffffff7ffffffffb757600ffffffffn,
    ],
  ];
  it.each(addBackMulMod)("MULMOD needing Knuth's add-back: %s · %s mod %s", (a, b, m) => {
    expect(u256(U256Op.MulMod, a, b, m)).toBe((a * b) % m);
  });

  it("rejects an unknown op number", () => {
    expect(u256Raw(U256Op.ModulusCacheClear + 1, 1n).code).toBe(U256_OP_UNKNOWN);
  });
});

/** Runs `f` with the kernel's modulus cache emptied first, so its first modular op misses. */
function coldCache<T>(f: () => T): T {
  u256(U256Op.ModulusCacheClear, 0n);
  return f();
}

describe("u256 modular reduction paths (prepared-divisor cache, Knuth, Barrett)", () => {
  const BN254_P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n;
  const SECP_P = MAX - 0x1000003d0n;
  const SECP_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  // Barrett needs 2^232 < m (radix-2^29 digits) and not a power of two; the others take Knuth D on every use.
  const MODULI: [string, bigint][] = [
    ["BN254 p", BN254_P], ["secp256k1 p", SECP_P], ["secp256k1 n", SECP_N], ["2^256 − 1", MAX],
    ["2^255 + 1", SIGN + 1n], ["2^255", SIGN], ["2^232 + 1 (smallest Barrett)", (1n << 232n) + 1n],
    ["2^232 (power of two)", 1n << 232n], ["2^232 − 1", (1n << 232n) - 1n], ["2^224 + 1", (1n << 224n) + 1n],
    ["2^224 − 1 (7 digits)", (1n << 224n) - 1n],
    ["2^192 + 2^64 + 1", (1n << 192n) + (1n << 64n) + 1n], ["2^128 − 159 (4 digits)", (1n << 128n) - 159n],
    ["2^96 + 7 (4 digits)", (1n << 96n) + 7n], ["2^64 + 1 (3 digits)", (1n << 64n) + 1n], ["10^18 (2 digits)", 10n ** 18n],
    ["2^64 − 1", (1n << 64n) - 1n], ["2^32 + 1", (1n << 32n) + 1n], ["2^32 − 1", 0xffff_ffffn], ["3", 3n],
    ["1", 1n],
  ];
  it.each(MODULI)("MULMOD, ADDMOD, MOD, DIV by one recurring modulus %s: miss, first hits, Barrett hits", (_, m) => {
    const next = prng(Number(m % 0xffff_fffbn));
    coldCache(() => {
      for (let i = 0; i < 400; i++) {
        let a = randomOperand(next);
        let b = randomOperand(next);
        // Half reduced below m (field arithmetic), half arbitrary (the 512-bit product may exceed m²).
        if (i % 2 === 0) {
          a %= m;
          b %= m;
        }
        const wantMul = (a * b) % m;
        const gotMul = u256(U256Op.MulMod, a, b, m);
        if (gotMul !== wantMul) expect.fail(`MULMOD(${a}, ${b}, ${m}) call ${i} = ${gotMul}, want ${wantMul}`);
        if (i % 4 === 1) {
          expect(u256(U256Op.AddMod, a, b, m), `ADDMOD(${a}, ${b}, ${m})`).toBe((a + b) % m);
          expect(u256(U256Op.Mod, a, m), `MOD(${a}, ${m})`).toBe(a % m);
          expect(u256(U256Op.Div, a, m), `DIV(${a}, ${m})`).toBe(a / m);
        }
      }
    });
  });

  it("MULMOD with the result written over m on the Barrett path", () => {
    const next = prng(0xba22e77);
    coldCache(() => {
      for (let i = 0; i < 50; i++) {
        const a = randomOperand(next) % BN254_P;
        const b = randomOperand(next) % BN254_P;
        expect(u256Raw(U256Op.MulMod, a, b, BN254_P, U256Alias.C).value).toBe((a * b) % BN254_P);
      }
    });
  });

  it("many moduli interleaved (cache evictions and refills) stay exact", () => {
    const next = prng(0xe71c7);
    const moduli = Array.from({ length: 23 }, () => randomOperand(next) | 1n);
    for (let i = 0; i < 2000; i++) {
      const m = moduli[(i * 7 + (i >> 3)) % moduli.length]!;
      const a = randomOperand(next);
      const b = randomOperand(next);
      const got = u256(U256Op.MulMod, a, b, m);
      if (got !== (a * b) % m) expect.fail(`MULMOD(${a}, ${b}, ${m}) = ${got}, want ${(a * b) % m}`);
    }
  });

  it("DIV, MOD, ADDMOD by divisors in a hot MULMOD modulus's cache slot (prepared in scratch) stay exact", () => {
    // The slot function of as/lib/u256-modulus.ts: Fibonacci hash of the limbs' xor, top 4 bits.
    const slot = (m: bigint): bigint => {
      let x = 0n;
      for (let i = 0n; i < 4n; i++) x ^= (m >> (64n * i)) & 0xffff_ffff_ffff_ffffn;
      return ((x * 0x9e37_79b9_7f4a_7c15n) & 0xffff_ffff_ffff_ffffn) >> 60n;
    };
    const next = prng(0x5c2a7c4);
    const colliding: bigint[] = [];
    while (colliding.length < 40) {
      const d = randomOperand(next);
      if (d > 1n << 32n && d !== BN254_P && slot(d) === slot(BN254_P)) colliding.push(d);
    }
    coldCache(() => {
      for (let k = 0; k < 3; k++) u256(U256Op.MulMod, 2n, 3n, BN254_P);
      for (const [i, d] of colliding.entries()) {
        const x = randomOperand(next);
        const y = randomOperand(next);
        expect(u256(U256Op.Div, x, d), `DIV(${x}, ${d})`).toBe(x / d);
        expect(u256(U256Op.Mod, y, d), `MOD(${y}, ${d})`).toBe(y % d);
        expect(u256(U256Op.AddMod, x, y, d), `ADDMOD(${x}, ${y}, ${d})`).toBe((x + y) % d);
        const a = x % BN254_P;
        const b = (y + BigInt(i)) % BN254_P;
        expect(u256(U256Op.MulMod, a, b, BN254_P), `MULMOD(${a}, ${b}, p)`).toBe((a * b) % BN254_P);
      }
    });
  });

  it("Barrett near multiples of m and at the largest products", () => {
    coldCache(() => {
      for (const m of [BN254_P, SECP_P, SECP_N, MAX, (1n << 232n) + 1n, (1n << 232n) + (1n << 200n)]) {
        for (let k = 0; k < 3; k++) u256(U256Op.MulMod, 1n, 1n, m);
        for (const [a, b] of [[m - 1n, m - 1n], [MAX, MAX], [MAX, m - 1n], [u(m + 1n), MAX], [MAX - m, MAX]]) {
          expect(u256(U256Op.MulMod, a!, b!, m), `MULMOD(${a}, ${b}, ${m})`).toBe((a! * b!) % m);
        }
      }
    });
  });

  // Found by instrumenting the 3-by-2 Knuth steps (u256-knuth.ts, u256-knuth-small.ts) over edge-pattern
  // digits: each takes one of their rare branches. Run on a cold cache so MULMOD divides instead of using Barrett.
  const rareSteps: { name: string; op: U256Op; a: bigint; b: bigint; m: bigint }[] = [
    { name: "DIV, top digits equal the divisor's (q = B − 1)", op: U256Op.Div, a: 0xffffffff7fffffff7fffffff80000000fffffffe3fffffff4d91a5f736e01194n, b: 0xffffffff7fffffff8000000000000001n, m: 0n },
    { name: "DIV, q = B − 1 again", op: U256Op.Div, a: 0xfffffffe000000003ffffffffffffffefffffffffffffffen, b: 0xfffffffe00000000c00000007fffffff7fffffffn, m: 0n },
    { name: "MULMOD, q = B − 1", op: U256Op.MulMod, a: 0xc0000000ffffffffn, b: 0x100000000000000003fffffff863071d0fffffffe720abfe58fad37d8n, m: 0xc0000000fffffffffffffffffffffffec00000003fffffffn },
    { name: "DIV, add-back", op: U256Op.Div, a: 0xfffffffffffffffefffffffee89699efffffffff8143f3a63ffffffffffffffen, b: 0x800000003fffffffe8847526n, m: 0n },
    { name: "MULMOD, add-back", op: U256Op.MulMod, a: 0x80000000fffffffe00000000n, b: 0xb4b89dda0000000000000001n, m: 0x80000000fffffffe000000017fffffffn },
    { name: "MOD, 3-by-2 final correction", op: U256Op.Mod, a: 0x7fffffffffffffff3fffffffc000000000000000c00000008000000080000000n, b: 0x80000000fffffffe7fffffffn, m: 0n },
    { name: "MULMOD, 3-by-2 final correction", op: U256Op.MulMod, a: 0x3fffffff800000003fffffff7fffffff3cbb6951b448e3385f4ac2ea7fffffffn, b: 0x79541650db1ac061c0000000bbfac9f73fffffff7fffffffn, m: 0x985269a900000001n },
    { name: "MULMOD, 3-by-2 final correction again", op: U256Op.MulMod, a: 0xc0000000ffffffff296e97d6c00000000000000080000000n, b: 0x7fffffff3fffffffn, m: 0x413c0ae178d8d9980000000034e889b9n },
    // The same branches in the small-divisor kernels (u256-knuth-small.ts): 3- and 4-digit, 2-digit.
    { name: "MULMOD, 4-digit divisor, q = B − 1", op: U256Op.MulMod, a: 0xfffffffffffffffe3fffffffffffffffc0000000n, b: 0xffffffff000000007fffffff0000000000000001n, m: 0xfffffffffffffffec0000000n },
    { name: "MOD, 4-digit divisor, q = B − 1", op: U256Op.Mod, a: 0xfffffffe000000010000000080000000000000007fffffffn, b: 0xfffffffe00000001fffffffen, m: 0n },
    { name: "MULMOD, 4-digit divisor, add-back", op: U256Op.MulMod, a: 0x7fffffff8000000080000000ffffffffa10553cc617b7dcf000000017fffffffn, b: 0x800000007fffffffffffffff00000000fffffffffffffffffffffffe3fffffffn, m: 0x80000000000000007fffffffn },
    { name: "MULMOD, 4-digit divisor, add-back again", op: U256Op.MulMod, a: 0x3fffffff80000000ffffffff1906794d2e36a18ffffffffe0000000080000000n, b: 0x3fffffffffffffff00000001fffffffen, m: 0x80000000ffffffffffffffff80000000n },
    { name: "DIV, 4-digit divisor, 3-by-2 final correction", op: U256Op.Div, a: 0xfffffffe3fffffff7fffffff3fffffff000000008000000087453800n, b: 0x821e4d1c0000000ffffffffn, m: 0n },
    { name: "MULMOD, 4-digit divisor, 3-by-2 final correction", op: U256Op.MulMod, a: 0xffffffff800000007fffffffffffffff5e548ea3000000007fffffffcb927e4en, b: 0x282fe321c0000000fffffffe7fffffff2d86490ac0000000955c7624n, m: 0x80000000c759d12453b7bb14n },
    { name: "MOD, 2-digit divisor, 3-by-2 final correction", op: U256Op.Mod, a: 0xfffffffffffffffec000000000000000fffffffe21966e4c8000000080000000n, b: 0x11a22bed9n, m: 0n },
    { name: "MULMOD, 2-digit divisor, 3-by-2 final correction", op: U256Op.MulMod, a: 0x7fffffffc000000000000000n, b: 0x7ffffffffffffffffecb5442c00000000000000048f89dbb3fffffffc0000000n, m: 0x80000000c2f2c5a2n },
  ];
  it.each(rareSteps)("$name", ({ op, a, b, m }) => {
    const want = op === U256Op.Div ? a / b : op === U256Op.Mod ? a % b : (a * b) % m;
    expect(coldCache(() => u256(op, a, b, m))).toBe(want);
    // The same operands again, now with the divisor already prepared in the cache.
    expect(u256(op, a, b, m)).toBe(want);
  });
});

/** The integer whose little-endian bytes are `bytes` (how a slot holding those bytes reads back). */
function fromLE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]!);
  return v;
}

function fromBE(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const x of bytes) v = (v << 8n) | BigInt(x);
  return v;
}

describe("u256 loads, stores and sizes", () => {
  const next = prng(0xb1e);
  const randomBytes = (): Uint8Array => Uint8Array.from({ length: 32 }, () => next() & 0xff);

  it("LoadBE / StoreBE swap byte order both ways", () => {
    for (let i = 0; i < 500; i++) {
      const bytes = randomBytes();
      expect(u256(U256Op.LoadBE, fromLE(bytes))).toBe(fromBE(bytes));
      const v = randomOperand(next);
      const stored = u256(U256Op.StoreBE, v);
      const out = Uint8Array.from({ length: 32 }, (_, k) => Number((stored >> BigInt(8 * k)) & 0xffn));
      expect(fromBE(out)).toBe(v);
    }
  });

  it("LoadBEPartial reads len bytes as a number (PUSHn), len 0..32", () => {
    for (let len = 0; len <= 32; len++) {
      const bytes = randomBytes();
      expect(u256(U256Op.LoadBEPartial, fromLE(bytes), 0n, BigInt(len)), `len ${len}`).toBe(fromBE(bytes.subarray(0, len)));
    }
  });

  it("LoadBERightPadded reads len bytes then zeros, len 0..32", () => {
    for (let len = 0; len <= 32; len++) {
      const bytes = randomBytes();
      const want = fromBE(bytes.subarray(0, len)) << BigInt(8 * (32 - len));
      expect(u256(U256Op.LoadBERightPadded, fromLE(bytes), 0n, BigInt(len)), `len ${len}`).toBe(want);
    }
  });

  it("SetU64, Copy, Zero, FitsU64", () => {
    expect(u256(U256Op.SetU64, MAX)).toBe((1n << 64n) - 1n);
    expect(u256(U256Op.Copy, SIGN + 99n)).toBe(SIGN + 99n);
    expect(u256(U256Op.Zero, MAX)).toBe(0n);
    expect(u256(U256Op.FitsU64, (1n << 64n) - 1n)).toBe(1n);
    expect(u256(U256Op.FitsU64, 1n << 64n)).toBe(0n);
    expect(u256(U256Op.FitsU64, SIGN)).toBe(0n);
  });

  it("ByteLength and BitLength match the minimal encodings", () => {
    for (const v of [...EDGES, ...Array.from({ length: 500 }, () => randomOperand(next))]) {
      const bits = v.toString(2).length * (v === 0n ? 0 : 1);
      expect(u256(U256Op.BitLength, v), String(v)).toBe(BigInt(bits));
      expect(u256(U256Op.ByteLength, v), String(v)).toBe(BigInt((bits + 7) >> 3));
    }
  });
});

/** Reference of riscv-machine.md §2.3: [new a, x12 flag] for a valid control word. */
function delegationRef(a: bigint, b: bigint, control: number): [bigint, number] {
  const c = (control & Bit.Carry) !== 0 ? 1n : 0n;
  switch (control & ~Bit.Carry) {
    case Bit.Add: return [u(a + b + c), a + b + c > MAX ? 1 : 0];
    case Bit.Sub: return [u(a - b - c), a - b - c < 0n ? 1 : 0];
    case Bit.SubAndNegate: return [u(b - a - c), b - a - c < 0n ? 1 : 0];
    case Bit.MulLow: return [u(a * b), (a * b) >> 256n !== 0n ? 1 : 0];
    case Bit.MulHigh: return [(a * b) >> 256n, 0];
    case Bit.Eq: return [a, a === b ? 1 : 0];
    case Bit.MemCopy: return [u(b + c), b + c > MAX ? 1 : 0];
    default: throw new Error(`not a valid control word: ${control}`);
  }
}

describe("u256 delegation (CSR 0x7CA)", () => {
  const OPS = [Bit.Add, Bit.Sub, Bit.SubAndNegate, Bit.MulLow, Bit.MulHigh, Bit.Eq, Bit.MemCopy];
  const CONTROLS = OPS.flatMap((op) => [op, op | Bit.Carry]);

  it.each(CONTROLS)("control 0x%s on edge and random operands matches the reference", (control) => {
    const next = prng(0xde1e + control);
    const operands = [...EDGES, ...Array.from({ length: 1500 }, () => randomOperand(next))];
    for (let i = 0; i < operands.length; i++) {
      const a = operands[i]!;
      const b = i < EDGES.length ? EDGES[(i * 7) % EDGES.length]! : randomOperand(next);
      const [want, wantFlag] = delegationRef(a, b, control);
      const got = u256Delegation(a, b, control);
      if (got.a !== want || got.flag !== wantFlag) {
        expect.fail(`control ${control}: a=${a} b=${b} → ${got.a} flag ${got.flag}, want ${want} flag ${wantFlag}`);
      }
    }
  });

  it("MUL_LOW then MUL_HIGH on the same operands (the high half from the low half's carry), and mixed orders", () => {
    const next = prng(0x9a12);
    for (let i = 0; i < 1500; i++) {
      const a = randomOperand(next);
      const b = randomOperand(next);
      const other = randomOperand(next);
      const [low, lowFlag] = delegationRef(a, b, Bit.MulLow);
      const [high] = delegationRef(a, b, Bit.MulHigh);
      expect(u256Delegation(a, b, Bit.MulLow)).toEqual({ a: low, flag: lowFlag });
      switch (i % 4) {
        case 0: expect(u256Delegation(a, b, Bit.MulHigh).a).toBe(high); break;
        // Swapped operands, a different b, and a repeated MUL_HIGH must not reuse the pair wrongly.
        case 1: expect(u256Delegation(b, a, Bit.MulHigh).a).toBe(high); break;
        case 2: expect(u256Delegation(a, other, Bit.MulHigh).a).toBe(delegationRef(a, other, Bit.MulHigh)[0]); break;
        default:
          expect(u256Delegation(a, b, Bit.MulHigh | Bit.Carry).a).toBe(high);
          expect(u256Delegation(a, b, Bit.MulHigh).a).toBe(high);
      }
    }
  });

  it("MUL_LOW's flag when the bit lengths sum to exactly 257", () => {
    const next = prng(0x257);
    for (let i = 0; i < 500; i++) {
      const la = 1 + (next() % 256);
      const lb = 257 - la;
      if (lb < 1 || lb > 256) continue;
      const a = (1n << BigInt(la - 1)) | (randomOperand(next) & ((1n << BigInt(la - 1)) - 1n));
      const b = (1n << BigInt(lb - 1)) | (randomOperand(next) & ((1n << BigInt(lb - 1)) - 1n));
      const [want, flag] = delegationRef(a, b, Bit.MulLow);
      expect(u256Delegation(a, b, Bit.MulLow), `${a} · ${b}`).toEqual({ a: want, flag });
    }
  });

  const flagCases: { name: string; a: bigint; b: bigint; control: number; want: bigint; flag: number }[] = [
    { name: "ADD carry out", a: MAX, b: 1n, control: Bit.Add, want: 0n, flag: 1 },
    { name: "ADD carry-in makes the carry", a: MAX, b: 0n, control: Bit.Add | Bit.Carry, want: 0n, flag: 1 },
    { name: "ADD MAX + MAX + 1", a: MAX, b: MAX, control: Bit.Add | Bit.Carry, want: MAX, flag: 1 },
    { name: "ADD no carry", a: MAX - 1n, b: 1n, control: Bit.Add, want: MAX, flag: 0 },
    { name: "SUB borrow out", a: 0n, b: 1n, control: Bit.Sub, want: MAX, flag: 1 },
    { name: "SUB borrow-in makes the borrow", a: 5n, b: 5n, control: Bit.Sub | Bit.Carry, want: MAX, flag: 1 },
    { name: "SUB_AND_NEGATE b − a", a: 7n, b: 10n, control: Bit.SubAndNegate, want: 3n, flag: 0 },
    { name: "SUB_AND_NEGATE borrow", a: 10n, b: 7n, control: Bit.SubAndNegate | Bit.Carry, want: u(-4n), flag: 1 },
    { name: "MUL_LOW without overflow", a: 1n << 127n, b: 2n, control: Bit.MulLow, want: 1n << 128n, flag: 0 },
    { name: "MUL_LOW overflow flag", a: 1n << 128n, b: 1n << 128n, control: Bit.MulLow, want: 0n, flag: 1 },
    { name: "MUL_LOW ignores the carry bit", a: 3n, b: 5n, control: Bit.MulLow | Bit.Carry, want: 15n, flag: 0 },
    { name: "MUL_HIGH", a: MAX, b: MAX, control: Bit.MulHigh, want: MAX - 1n, flag: 0 },
    { name: "EQ equal", a: SIGN, b: SIGN, control: Bit.Eq, want: SIGN, flag: 1 },
    { name: "EQ differs in the top digit", a: SIGN, b: 0n, control: Bit.Eq | Bit.Carry, want: SIGN, flag: 0 },
    { name: "MEMCOPY", a: 1n, b: MAX, control: Bit.MemCopy, want: MAX, flag: 0 },
    { name: "MEMCOPY with carry wraps", a: 1n, b: MAX, control: Bit.MemCopy | Bit.Carry, want: 0n, flag: 1 },
    { name: "MEMCOPY with carry increments", a: 1n, b: 41n, control: Bit.MemCopy | Bit.Carry, want: 42n, flag: 0 },
  ];
  it.each(flagCases)("$name", ({ a, b, control, want, flag }) => {
    expect(u256Delegation(a, b, control)).toEqual({ a: want, flag });
  });

  const invalid: { control: number; error: U256DelegationError }[] = [
    { control: 0, error: U256DelegationError.BadOpBits },
    { control: Bit.Carry, error: U256DelegationError.BadOpBits },
    { control: Bit.Add | Bit.Sub, error: U256DelegationError.BadOpBits },
    { control: Bit.MulLow | Bit.MemCopy | Bit.Carry, error: U256DelegationError.BadOpBits },
    { control: 0xff, error: U256DelegationError.BadOpBits },
    { control: 256, error: U256DelegationError.ControlTooLarge },
    { control: 256 | Bit.Add, error: U256DelegationError.ControlTooLarge },
    { control: 0xffff_ffff, error: U256DelegationError.ControlTooLarge },
  ];
  it.each(invalid)("rejects control 0x$control and leaves a unchanged", ({ control, error }) => {
    expect(u256Delegation(SIGN + 3n, 5n, control)).toEqual({ a: SIGN + 3n, flag: error });
  });
});
