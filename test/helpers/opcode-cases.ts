// Table-driven cases of test/evm/opcodes: pushes, one opcode, then returnTop (15 gas: PUSH1, MSTORE,
// one word of memory, PUSH1, PUSH1, RETURN), checked for the exact result word and gas used.
import { describe, expect, it } from "vitest";
import { op, push, returnTop } from "./bytecode";
import { runCode, word } from "./evm";

export const MAX = (1n << 256n) - 1n;
export const MIN_SIGNED = 1n << 255n;
/** Two's complement of v in 256 bits. */
export const neg = (v: bigint): bigint => (1n << 256n) - v;
const RETURN_TOP_GAS = 15n;

export interface OpCase {
  name: string;
  code: string;
  expected: bigint;
  gas: bigint;
}

/** a OP b with a on top of the stack (pushed last); `opGas` is the opcode's own gas. */
export function binary(name: string, a: bigint, b: bigint, expected: bigint, opGas = 3n): OpCase {
  return { name: `${name}(${a.toString(16)}, ${b.toString(16)})`, code: push(b) + push(a) + op[name] + returnTop(), expected, gas: 6n + opGas + RETURN_TOP_GAS };
}

/** OP a, a 3-gas opcode. */
export function unary(name: string, a: bigint, expected: bigint): OpCase {
  return { name: `${name}(${a.toString(16)})`, code: push(a) + op[name] + returnTop(), expected, gas: 3n + 3n + RETURN_TOP_GAS };
}

/** OP(a, b, n) with a on top, an 8-gas opcode (ADDMOD, MULMOD). */
export function ternary(name: string, a: bigint, b: bigint, n: bigint, expected: bigint): OpCase {
  return { name: `${name}(${a.toString(16)}, ${b.toString(16)}, ${n.toString(16)})`, code: push(n) + push(b) + push(a) + op[name] + returnTop(), expected, gas: 9n + 8n + RETURN_TOP_GAS };
}

/** One test per case: success, the result word, the gas. */
export function describeOpCases(title: string, cases: readonly OpCase[]): void {
  describe(title, () => {
    it.each(cases)("$name", ({ code, expected, gas }) => {
      const r = runCode({ code });
      expect(r.status).toBe("success");
      expect(r.returnHex).toBe(word(expected));
      expect(r.gasUsed).toBe(gas);
    });
  });
}
