// Context opcodes (0x30s/0x40s without state access), calldata and code copies, KECCAK256, with
// exact results and gas.
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { op, push, returnTop, ret } from "../../helpers/bytecode";
import { BLOCK, COINBASE, CONTRACT, SENDER, runCode, word } from "../../helpers/evm";
import { hex } from "../../helpers/bytes";

describe("context values (2 gas each)", () => {
  it.each([
    ["ADDRESS", BigInt(CONTRACT)],
    ["CALLER", BigInt(SENDER)],
    ["ORIGIN", BigInt(SENDER)],
    ["GASPRICE", 10n],
    ["COINBASE", BigInt(COINBASE)],
    ["TIMESTAMP", BLOCK.timestamp],
    ["NUMBER", BLOCK.number],
    ["PREVRANDAO", 0x42n],
    ["GASLIMIT", BLOCK.gasLimit],
    ["CHAINID", 1n],
    ["BASEFEE", 7n],
    ["BLOBBASEFEE", 1n],
    ["CALLDATASIZE", 0n],
    ["RETURNDATASIZE", 0n],
  ] as const)("%s", (name, expected) => {
    const r = runCode({ code: op[name] + returnTop() });
    expect(r.returnHex).toBe(word(expected));
    expect(r.gasUsed).toBe(2n + 15n);
  });

  it("CALLVALUE", () => {
    const r = runCode({ code: op.CALLVALUE + returnTop(), value: 12345n });
    expect(r.returnHex).toBe(word(12345n));
  });

  it("CODESIZE", () => {
    const code = op.CODESIZE + returnTop();
    expect(runCode({ code }).returnHex).toBe(word(code.length / 2));
  });
});

describe("calldata", () => {
  const input = "0102030405060708091011121314151617181920212223242526272829303132" + "aabb";

  it("CALLDATALOAD reads 32 bytes, zero-padded past the end", () => {
    expect(runCode({ code: push(0) + op.CALLDATALOAD + returnTop(), input }).returnHex).toBe(input.slice(0, 64));
    expect(runCode({ code: push(32) + op.CALLDATALOAD + returnTop(), input }).returnHex).toBe("aabb" + "00".repeat(30));
    expect(runCode({ code: push(34) + op.CALLDATALOAD + returnTop(), input }).returnHex).toBe(word(0));
    expect(runCode({ code: push(1n << 200n) + op.CALLDATALOAD + returnTop(), input }).returnHex).toBe(word(0));
    expect(runCode({ code: push(0) + op.CALLDATALOAD + returnTop(), input }).gasUsed).toBe(3n + 3n + 15n);
  });

  it("CALLDATASIZE", () => {
    expect(runCode({ code: op.CALLDATASIZE + returnTop(), input }).returnHex).toBe(word(34));
  });

  it("CALLDATACOPY copies with zero fill and charges 3 + 3/word + memory", () => {
    // CALLDATACOPY(dst 0, src 30, len 8): bytes 30..33 then 4 zeros
    const r = runCode({ code: push(8) + push(30) + push(0) + op.CALLDATACOPY + ret(0, 8), input });
    expect(r.returnHex).toBe("3132aabb00000000");
    expect(r.gasUsed).toBe(9n + 3n + 3n + 3n + 6n);
  });

  it("CALLDATACOPY from an offset past 2^64 writes zeros", () => {
    const r = runCode({ code: push(4) + push(1n << 100n) + push(0) + op.CALLDATACOPY + ret(0, 4), input });
    expect(r.returnHex).toBe("00000000");
  });
});

describe("code", () => {
  it("CODECOPY copies the running code, zeros past its end", () => {
    const prefix = push(40) + push(0) + push(0) + op.CODECOPY;
    const code = prefix + ret(0, 40);
    const r = runCode({ code });
    expect(r.returnHex).toBe(code + "00".repeat(40 - code.length / 2));
    expect(r.gasUsed).toBe(9n + 3n + 2n * 3n + 2n * 3n + 6n);
  });
});

describe("KECCAK256", () => {
  it("hashes memory: 30 + 6 per word + expansion", () => {
    const r = runCode({ code: push(0xff) + push(0) + op.MSTORE8 + push(1) + push(0) + op.KECCAK256 + returnTop() });
    expect(r.returnHex).toBe(hex(keccak_256(new Uint8Array([0xff]))));
    expect(r.gasUsed).toBe(6n + 3n + 3n + 6n + 30n + 6n + 12n);
  });

  it("the empty input hashes to keccak256('')", () => {
    const r = runCode({ code: push(0) + push(1n << 100n) + op.KECCAK256 + returnTop() });
    expect(r.returnHex).toBe("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(r.gasUsed).toBe(6n + 30n + 15n);
  });

  it("hashes 100 bytes across 4 words", () => {
    const r = runCode({ code: push(100) + push(0) + op.KECCAK256 + returnTop() });
    expect(r.returnHex).toBe(hex(keccak_256(new Uint8Array(100))));
    expect(r.gasUsed).toBe(6n + 30n + 24n + 12n + 15n - 3n);
  });
});
