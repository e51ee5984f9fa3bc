// MLOAD, MSTORE, MSTORE8, MSIZE and memory expansion (Yellow Paper C_mem = 3·w + w²/512),
// with exact gas. MCOPY is in ../eips/eip-5656-mcopy.test.ts.
import { describe, expect, it } from "vitest";
import { op, push, mstore, ret } from "../../helpers/bytecode";
import { runCode, word } from "../../helpers/evm";

const memCost = (words: bigint) => 3n * words + (words * words) / 512n;

describe("memory", () => {
  it("MSTORE then MLOAD round-trips a word and expands by one word", () => {
    const v = 0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20n;
    const r = runCode({ code: mstore(0, v) + push(0) + op.MLOAD + push(32) + op.MSTORE + ret(32, 32) });
    expect(r.returnHex).toBe(word(v));
    // PUSH32 3, PUSH1 3, MSTORE 3 + mem(1); PUSH1 3, MLOAD 3; PUSH1 3, MSTORE 3 + mem(2)-mem(1); ret pushes 6
    expect(r.gasUsed).toBe(3n + 3n + 3n + memCost(1n) + 3n + 3n + 3n + 3n + (memCost(2n) - memCost(1n)) + 6n);
  });

  it("MSTORE8 writes the low byte only", () => {
    const r = runCode({ code: push(0x1234) + push(31) + op.MSTORE8 + ret(0, 32) });
    expect(r.returnHex).toBe(word(0x34));
    expect(r.gasUsed).toBe(3n + 3n + 3n + memCost(1n) + 6n);
  });

  it("MLOAD at an unaligned offset expands to the covering words", () => {
    const r = runCode({ code: push(33) + op.MLOAD + op.POP + op.MSIZE + push(0) + op.MSTORE + ret(0, 32) });
    expect(r.returnHex).toBe(word(96));
    expect(r.gasUsed).toBe(3n + 3n + memCost(3n) + 2n + 2n + 3n + 3n + 6n);
  });

  it("MSIZE is 0 before any access", () => {
    const r = runCode({ code: op.MSIZE + push(0) + op.MSTORE + ret(0, 32) });
    expect(r.returnHex).toBe(word(0));
  });

  it("the quadratic term: expanding to 1024 words at once", () => {
    const r = runCode({ code: push(0) + push(1023 * 32) + op.MSTORE });
    expect(r.gasUsed).toBe(3n + 3n + 3n + memCost(1024n));
    expect(memCost(1024n)).toBe(3072n + 2048n);
  });

  it("an offset beyond 2^32 is out of gas", () => {
    const r = runCode({ code: push(0) + push(1n << 40n) + op.MSTORE, gas: 100_000n });
    expect(r.error).toBe("OutOfGas");
    expect(r.gasUsed).toBe(100_000n);
  });

  it("an offset of 2^256 - 1 is out of gas", () => {
    const r = runCode({ code: push(0) + push((1n << 256n) - 1n) + op.MLOAD, gas: 100_000n });
    expect(r.error).toBe("OutOfGas");
  });

  it("running out of gas in the expansion consumes everything", () => {
    // MSTORE at 0 needs 3 + 3 + 3 + 3 = 12 gas.
    expect(runCode({ code: mstore(0, 1), gas: 12n }).status).toBe("success");
    const r = runCode({ code: mstore(0, 1), gas: 11n });
    expect(r.error).toBe("OutOfGas");
    expect(r.gasUsed).toBe(11n);
  });
});
