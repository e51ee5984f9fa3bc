// JUMP, JUMPI, JUMPDEST, PC, GAS, STOP, RETURN, REVERT, INVALID and undefined opcodes, and the
// jump-destination analysis (JUMPDEST bytes inside PUSH data are no destinations).
import { describe, expect, it } from "vitest";
import { op, push, pushN, returnTop, ret, revert, mstore } from "../../helpers/bytecode";
import { runCode, word } from "../../helpers/evm";

describe("jumps", () => {
  it("JUMP to a JUMPDEST", () => {
    // 0: PUSH1 4, 2: JUMP, 3: INVALID, 4: JUMPDEST, 5: PUSH1 7 ...
    const r = runCode({ code: push(4) + op.JUMP + op.INVALID + op.JUMPDEST + push(7) + returnTop() });
    expect(r.returnHex).toBe(word(7));
    expect(r.gasUsed).toBe(3n + 8n + 1n + 3n + 15n);
  });

  it("JUMP into PUSH data is a bad jump", () => {
    // 0: PUSH1 3, 2: JUMP, 3: PUSH1 0x5b (the 0x5b at 4 is data)
    const r = runCode({ code: push(4) + op.JUMP + push(0x5b), gas: 1000n });
    expect(r.error).toBe("BadJumpDestination");
    expect(r.gasUsed).toBe(1000n);
  });

  it("JUMP to a non-JUMPDEST, past the end, or beyond 2^64 fails", () => {
    for (const dest of [1n, 1000n, 1n << 64n, (1n << 256n) - 1n]) {
      const r = runCode({ code: push(dest) + op.JUMP + op.JUMPDEST, gas: 1000n });
      expect(r.error).toBe("BadJumpDestination");
    }
  });

  it("JUMPI jumps on non-zero, falls through on zero", () => {
    // 0: PUSH1 c, 2: PUSH1 dest, 4: JUMPI, 5: PUSH1 1, 7: returnTop (8 bytes), 15: JUMPDEST
    const dest = 15;
    const code = (c: number) => push(c) + push(dest) + op.JUMPI + push(1) + returnTop() + op.JUMPDEST + push(2) + returnTop();
    expect(runCode({ code: code(0) }).returnHex).toBe(word(1));
    expect(runCode({ code: code(0) }).gasUsed).toBe(3n + 3n + 10n + 3n + 15n);
    expect(runCode({ code: code(5) }).returnHex).toBe(word(2));
    expect(runCode({ code: code(5) }).gasUsed).toBe(3n + 3n + 10n + 1n + 3n + 15n);
  });

  it("JUMPI with a zero condition ignores a bad destination", () => {
    const r = runCode({ code: push(0) + push(12345) + op.JUMPI + push(9) + returnTop() });
    expect(r.returnHex).toBe(word(9));
  });

  it("a JUMPDEST right after PUSH32 data is reachable", () => {
    const code = push(36) + op.JUMP + pushN(32, 0x5b5b5b5bn) + op.JUMPDEST + push(3) + returnTop();
    expect(code.slice(72, 74)).toBe(op.JUMPDEST);
    expect(runCode({ code }).returnHex).toBe(word(3));
  });
});

describe("PC, GAS, STOP, RETURN, REVERT", () => {
  it("PC is the offset of the PC instruction", () => {
    const r = runCode({ code: op.JUMPDEST + op.PC + returnTop() });
    expect(r.returnHex).toBe(word(1));
  });

  it("GAS is the gas left after its own charge", () => {
    const r = runCode({ code: op.GAS + returnTop(), gas: 1000n });
    expect(r.returnHex).toBe(word(998));
  });

  it("STOP succeeds with no data; code running off the end stops", () => {
    expect(runCode({ code: push(1) + op.STOP }).returnHex).toBe("");
    expect(runCode({ code: push(1) }).status).toBe("success");
    expect(runCode({ code: "" }).gasUsed).toBe(0n);
  });

  it("RETURN with zero length at a huge offset costs nothing extra", () => {
    const r = runCode({ code: push(0) + push((1n << 255n)) + op.RETURN });
    expect(r.status).toBe("success");
    expect(r.gasUsed).toBe(6n);
  });

  it("REVERT returns data and keeps the unused gas", () => {
    const r = runCode({ code: mstore(0, 0xdead) + revert(30, 2), gas: 1000n });
    expect(r.status).toBe("revert");
    expect(r.returnHex).toBe("dead");
    expect(r.gasUsed).toBe(12n + 6n);
  });

  it("RETURN of a region past memory expands it", () => {
    const r = runCode({ code: ret(0, 64) });
    expect(r.returnHex).toBe("00".repeat(64));
    expect(r.gasUsed).toBe(6n + 6n);
  });
});

describe("invalid instructions", () => {
  it("INVALID (0xFE) consumes all gas", () => {
    const r = runCode({ code: op.INVALID, gas: 5000n });
    expect(r.error).toBe("InvalidOpcode");
    expect(r.gasUsed).toBe(5000n);
  });

  it.each(["0c", "0d", "0e", "0f", "1e", "1f", "21", "2f", "4b", "4f", "a5", "b0", "ef", "f6", "f9", "fb", "fc"])(
    "0x%s is undefined",
    (byte) => {
      const r = runCode({ code: byte, gas: 5000n });
      expect(r.error).toBe("UndefinedOpcode");
      expect(r.gasUsed).toBe(5000n);
    },
  );
});
