// 0x10–0x15 comparisons, exact results and gas: every case is two (or one) pushes, a 3-gas opcode
// and returnTop (15 gas).
import { describe, expect, it } from "vitest";
import { op, push, returnTop } from "../../helpers/bytecode";
import { runCode, word } from "../../helpers/evm";

const MAX = (1n << 256n) - 1n;
const MIN_SIGNED = 1n << 255n;
const neg = (v: bigint) => (1n << 256n) - v;

interface Case { name: string; code: string; expected: bigint; gas: bigint }

function binary(name: string, a: bigint, b: bigint, expected: bigint): Case {
  return { name: `${name}(${a.toString(16)}, ${b.toString(16)})`, code: push(b) + push(a) + op[name] + returnTop(), expected, gas: 6n + 3n + 15n };
}
function unary(name: string, a: bigint, expected: bigint): Case {
  return { name: `${name}(${a.toString(16)})`, code: push(a) + op[name] + returnTop(), expected, gas: 3n + 3n + 15n };
}

const cases: Case[] = [
  binary("LT", 1n, 2n, 1n), binary("LT", 2n, 1n, 0n), binary("LT", 2n, 2n, 0n), binary("LT", MIN_SIGNED, 1n, 0n),
  binary("GT", 2n, 1n, 1n), binary("GT", 1n, 2n, 0n), binary("GT", MAX, 0n, 1n),
  binary("SLT", neg(1n), 0n, 1n), binary("SLT", 0n, neg(1n), 0n), binary("SLT", MIN_SIGNED, MAX, 1n),
  binary("SGT", 0n, neg(1n), 1n), binary("SGT", neg(1n), 0n, 0n), binary("SGT", MAX, MIN_SIGNED, 1n),
  binary("EQ", 5n, 5n, 1n), binary("EQ", 5n, 6n, 0n), binary("EQ", MAX, MAX, 1n),
  unary("ISZERO", 0n, 1n), unary("ISZERO", 1n, 0n), unary("ISZERO", MIN_SIGNED, 0n),
];

describe("comparison opcodes", () => {
  it.each(cases)("$name", ({ code, expected, gas }) => {
    const r = runCode({ code });
    expect(r.status).toBe("success");
    expect(r.returnHex).toBe(word(expected));
    expect(r.gasUsed).toBe(gas);
  });
});
