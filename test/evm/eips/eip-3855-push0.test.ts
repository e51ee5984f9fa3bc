// EIP-3855: PUSH0 (0x5f) pushes zero for 2 gas; the stack limit applies to it like any push.
import { describe, expect, it } from "vitest";
import { op, repeat, returnTop } from "../../helpers/bytecode";
import { runCode, word } from "../../helpers/evm";

describe("EIP-3855 PUSH0", () => {
  it("pushes 0 for 2 gas", () => {
    const r = runCode({ code: "60ff" + op.PUSH0 + returnTop() });
    expect(r.returnHex).toBe(word(0));
    expect(r.gasUsed).toBe(3n + 2n + 15n);
  });

  it("1024 PUSH0 fit; the 1025th overflows the stack", () => {
    expect(runCode({ code: repeat(op.PUSH0, 1024) }).gasUsed).toBe(2048n);
    expect(runCode({ code: repeat(op.PUSH0, 1025) }).error).toBe("StackOverflow");
  });

  it("PUSH0 has no immediate: the next byte executes", () => {
    const r = runCode({ code: op.PUSH0 + op.ISZERO + returnTop() });
    expect(r.returnHex).toBe(word(1));
  });
});
