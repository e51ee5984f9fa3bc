// POP, PUSH1..PUSH32 (and truncated pushes at the end of code), DUP1..16, SWAP1..16, stack
// underflow and the 1024-slot limit, with exact gas.
import { describe, expect, it } from "vitest";
import { op, push, pushN, repeat, returnTop } from "../../helpers/bytecode";
import { runCode, word } from "../../helpers/evm";

describe("PUSHn", () => {
  it.each(Array.from({ length: 32 }, (_, i) => i + 1))("PUSH%i pushes its immediate big-endian", (n) => {
    let v = 0n;
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(0x81 + i);
    const r = runCode({ code: pushN(n, v) + returnTop() });
    expect(r.returnHex).toBe(word(v));
    expect(r.gasUsed).toBe(3n + 15n);
  });

  it("a PUSH truncated by the end of code reads zeros and then stops", () => {
    // PUSH4 0x11 0x22, end of code: the value is 0x11220000.
    const r = runCode({ code: "631122" });
    expect(r.status).toBe("success");
    expect(r.gasUsed).toBe(3n);
  });

  it("a truncated PUSH32 at the end of code is zero-extended", () => {
    // Store the immediate via a prologue that jumps over nothing: PUSH32 with 1 byte present.
    const r = runCode({ code: "7fff" });
    expect(r.status).toBe("success");
  });
});

describe("DUP and SWAP", () => {
  it.each(Array.from({ length: 16 }, (_, i) => i + 1))("DUP%i copies the %i-th item", (n) => {
    let code = "";
    for (let i = n; i >= 1; i--) code += push(i);
    code += op[`DUP${n}`] + returnTop();
    const r = runCode({ code });
    expect(r.returnHex).toBe(word(n));
    expect(r.gasUsed).toBe(3n * BigInt(n) + 3n + 15n);
  });

  it.each(Array.from({ length: 16 }, (_, i) => i + 1))("SWAP%i exchanges top and item %i+1", (n) => {
    let code = "";
    for (let i = n + 1; i >= 1; i--) code += push(i);
    code += op[`SWAP${n}`] + returnTop();
    const r = runCode({ code });
    expect(r.returnHex).toBe(word(n + 1));
    expect(r.gasUsed).toBe(3n * BigInt(n + 1) + 3n + 15n);
  });

  it("SWAP keeps the other item", () => {
    const r = runCode({ code: push(1) + push(2) + op.SWAP1 + op.POP + returnTop() });
    expect(r.returnHex).toBe(word(2));
    expect(r.gasUsed).toBe(3n + 3n + 3n + 2n + 15n);
  });
});

describe("stack limits", () => {
  it.each([
    ["POP on an empty stack", op.POP],
    ["ADD with one item", push(1) + op.ADD],
    ["DUP2 with one item", push(1) + op.DUP2],
    ["SWAP1 with one item", push(1) + op.SWAP1],
  ])("%s underflows and consumes all gas", (_, code) => {
    const r = runCode({ code, gas: 50_000n });
    expect(r.status).toBe("error");
    expect(r.error).toBe("StackUnderflow");
    expect(r.gasUsed).toBe(50_000n);
  });

  it("1024 items fit; the 1025th overflows", () => {
    const ok = runCode({ code: repeat(op.PC, 1024) });
    expect(ok.status).toBe("success");
    expect(ok.gasUsed).toBe(2048n);
    const over = runCode({ code: repeat(op.PC, 1025), gas: 100_000n });
    expect(over.error).toBe("StackOverflow");
    expect(over.gasUsed).toBe(100_000n);
  });

  it("DUP1 at 1024 items overflows", () => {
    const r = runCode({ code: repeat(op.PC, 1024) + op.DUP1 });
    expect(r.error).toBe("StackOverflow");
  });
});
