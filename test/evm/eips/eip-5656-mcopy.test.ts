// EIP-5656 MCOPY: the EIP's examples (memory before → after, 6 gas for one word without
// expansion), overlap in both directions, expansion cost, zero length.
import { describe, expect, it } from "vitest";
import { op, push, ret } from "../../helpers/bytecode";
import { runCode } from "../../helpers/evm";

const SEQ = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0")).join("");
const mcopy = (dst: number, src: number, len: number) => push(len) + push(src) + push(dst) + op.MCOPY;
/** Writes 64 bytes of memory: two PUSH32, PUSH1, MSTORE (18 gas) and two words of memory (6). */
const setup = (hex64: string) => push("0x" + hex64.slice(0, 64)) + push(0) + op.MSTORE + push("0x" + hex64.slice(64)) + push(32) + op.MSTORE;
const SETUP_GAS = 6n * 3n;

describe("EIP-5656 MCOPY", () => {
  it.each([
    ["mcopy 0 32 32", [0, 32, 32], "00".repeat(32) + SEQ, SEQ + SEQ],
    ["mcopy 0 0 32", [0, 0, 32], SEQ + SEQ, SEQ + SEQ],
    ["mcopy 0 1 8", [0, 1, 8], "0001020304050607080000000000000000000000000000000000000000000000" + "00".repeat(32),
      "0102030405060708080000000000000000000000000000000000000000000000" + "00".repeat(32)],
    ["mcopy 1 0 8", [1, 0, 8], "0001020304050607080000000000000000000000000000000000000000000000" + "00".repeat(32),
      "0000010203040506070000000000000000000000000000000000000000000000" + "00".repeat(32)],
  ] as const)("%s", (_, [dst, src, len], before, after) => {
    const base = runCode({ code: setup(before) + ret(0, 64) });
    const r = runCode({ code: setup(before) + mcopy(dst, src, len) + ret(0, 64) });
    expect(base.returnHex).toBe(before);
    expect(r.returnHex).toBe(after);
    expect(r.gasUsed - base.gasUsed).toBe(9n + 6n);
    expect(base.gasUsed).toBe(SETUP_GAS + 6n + 6n);
  });

  it("expands memory to the larger of source and destination ends", () => {
    const r = runCode({ code: mcopy(0, 64, 32) + op.MSIZE + push(0) + op.MSTORE + ret(0, 32) });
    expect(BigInt("0x" + r.returnHex)).toBe(96n);
    expect(runCode({ code: mcopy(0, 64, 32) }).gasUsed).toBe(9n + 3n + 3n + 9n);
  });

  it("copies 3 gas per word", () => {
    expect(runCode({ code: mcopy(0, 0, 100) }).gasUsed).toBe(9n + 3n + 12n + 12n);
  });

  it("a zero-length copy at huge offsets costs only the static 3", () => {
    const r = runCode({ code: push(0) + push(1n << 255n) + push(1n << 255n) + op.MCOPY });
    expect(r.status).toBe("success");
    expect(r.gasUsed).toBe(9n + 3n);
  });

  it("an unaffordable length is out of gas", () => {
    expect(runCode({ code: mcopy(0, 0, 2 ** 31), gas: 1_000_000n }).error).toBe("OutOfGas");
  });
});
