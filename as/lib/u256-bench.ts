// Timing loops for the `u256` bench suite (bench/u256.bench.ts): each runs one kernel `iterations`
// times inside WASM on the scratch slots A, B, C, R, so a figure is the kernel's cost without the
// JS→WASM call. Chained ops feed the result back as an operand, as an EVM program's arithmetic does.
// Op numbers are mirrored by `const enum U256BenchOp` in bench/u256.bench.ts.

import { U256_SCRATCH_PTR } from "../layout";
import { u256Add, u256AddMod, u256Copy, u256Delegation, u256Div, u256Exp, u256Mod, u256Mul, u256MulMod } from "./u256";
import { U256_DELEGATION_ADD, U256_DELEGATION_MUL_HIGH, U256_DELEGATION_MUL_LOW } from "./u256-delegation";

/** R = R + B. */
export const U256_BENCH_ADD = 0;
/** R = R · B. */
export const U256_BENCH_MUL = 1;
/** R = A / B, A's low word varied per iteration. */
export const U256_BENCH_DIV = 2;
/** R = A mod B, A's low word varied per iteration. */
export const U256_BENCH_MOD = 3;
/** R = (R + B) mod C. */
export const U256_BENCH_ADDMOD = 4;
/** R = R · B mod C: one recurring modulus. */
export const U256_BENCH_MULMOD = 5;
/** R = R · B mod C with C's low word set to a new odd value per iteration: every call a new modulus. */
export const U256_BENCH_MULMOD_VARYING = 6;
/** R = A^B, A's low word varied per iteration (kept odd). */
export const U256_BENCH_EXP = 7;
/** The delegation's MUL_LOW on a copy of A (as ZKsync OS calls it), B as the other operand. */
export const U256_BENCH_DELEGATION_MUL_LOW = 8;
/** MUL_LOW then MUL_HIGH on copies of A with B: one 512-bit product, as ZKsync OS takes it. */
export const U256_BENCH_DELEGATION_WIDE = 9;
/** The delegation's ADD: R += B. */
export const U256_BENCH_DELEGATION_ADD = 10;

/** Runs op `iterations` times on the scratch slots; returns 0, or −1 for an unknown op. */
export function u256Bench(op: i32, iterations: i32): i32 {
  const a = U256_SCRATCH_PTR, b = a + 32, c = a + 64, r = a + 96;
  switch (op) {
    case U256_BENCH_ADD: for (let i = 0; i < iterations; i++) u256Add(r, r, b); return 0;
    case U256_BENCH_MUL: for (let i = 0; i < iterations; i++) u256Mul(r, r, b); return 0;
    case U256_BENCH_DIV:
      for (let i = 0; i < iterations; i++) {
        store<u32>(a, <u32>i);
        u256Div(r, a, b);
      }
      return 0;
    case U256_BENCH_MOD:
      for (let i = 0; i < iterations; i++) {
        store<u32>(a, <u32>i);
        u256Mod(r, a, b);
      }
      return 0;
    case U256_BENCH_ADDMOD: for (let i = 0; i < iterations; i++) u256AddMod(r, r, b, c); return 0;
    case U256_BENCH_MULMOD: for (let i = 0; i < iterations; i++) u256MulMod(r, r, b, c); return 0;
    case U256_BENCH_MULMOD_VARYING:
      for (let i = 0; i < iterations; i++) {
        store<u32>(c, (<u32>i << 1) | 1);
        u256MulMod(r, r, b, c);
      }
      return 0;
    case U256_BENCH_EXP:
      for (let i = 0; i < iterations; i++) {
        store<u32>(a, (<u32>i << 1) | 1);
        u256Exp(r, a, b);
      }
      return 0;
    case U256_BENCH_DELEGATION_MUL_LOW:
      for (let i = 0; i < iterations; i++) {
        store<u32>(a, <u32>i);
        u256Copy(r, a);
        u256Delegation(r, b, U256_DELEGATION_MUL_LOW);
      }
      return 0;
    case U256_BENCH_DELEGATION_WIDE:
      // C, which the delegation ops do not read, takes the second copy of A.
      for (let i = 0; i < iterations; i++) {
        store<u32>(a, <u32>i);
        u256Copy(r, a);
        u256Copy(c, a);
        u256Delegation(r, b, U256_DELEGATION_MUL_LOW);
        u256Delegation(c, b, U256_DELEGATION_MUL_HIGH);
      }
      return 0;
    case U256_BENCH_DELEGATION_ADD: for (let i = 0; i < iterations; i++) u256Delegation(r, b, U256_DELEGATION_ADD); return 0;
    default: return -1;
  }
}
