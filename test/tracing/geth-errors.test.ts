import { describe, expect, it } from "vitest";
import { decodeRevertReason, goUtf8String, invalidOpcodeError, stackOverflowError, stackUnderflowError } from "../../ts/tracing/geth-errors";
import { gethOpName } from "../../ts/tracing/geth-opcode-names";
import { hexToBytes } from "../../ts/primitives/hex";

const w = (v: number | bigint): string => v.toString(16).padStart(64, "0");
const errorData = (offset: number, len: number, body: string): Uint8Array => hexToBytes("0x08c379a0" + w(offset) + w(len) + body);
const panic = (code: bigint): Uint8Array => hexToBytes("0x4e487b71" + w(code));

describe("revertReason (accounts/abi UnpackRevert)", () => {
  const cases: [string, Uint8Array, string | undefined][] = [
    ["Error(string)", errorData(32, 4, "626f6f6d".padEnd(64, "0")), "boom"],
    ["Error(\"\")", errorData(32, 0, ""), ""],
    ["Error with a far offset", hexToBytes("0x08c379a0" + w(64) + w(0) + w(3) + "616263".padEnd(64, "0")), "abc"],
    ["length past the end", errorData(32, 40, "626f6f6d".padEnd(64, "0")), undefined],
    ["offset past the end", hexToBytes("0x08c379a0" + w(64) + w(0)), undefined],
    ["huge offset", hexToBytes("0x08c379a0" + "ff".repeat(32)), undefined],
    ["selector only", hexToBytes("0x08c379a0"), undefined],
    ["shorter than a selector", hexToBytes("0x08c379"), undefined],
    ["unpadded string bytes are fine", errorData(32, 2, "6869"), "hi"],
    ["Panic(0x11)", panic(0x11n), "arithmetic underflow or overflow"],
    ["Panic(0x01)", panic(1n), "assert(false)"],
    ["Panic(0x32)", panic(0x32n), "out-of-bounds access of an array or bytesN"],
    ["unknown panic", panic(0x99n), "unknown panic code: 0x99"],
    ["unknown huge panic", panic(1n << 255n), "unknown panic code: 0x8" + "0".repeat(63)],
    ["short panic", hexToBytes("0x4e487b7111"), undefined],
    ["other selector", hexToBytes("0xdeadbeef" + w(32) + w(1) + w(0)), undefined],
  ];
  it.each(cases)("%s", (_name, data, want) => {
    expect(decodeRevertReason(data)).toBe(want);
  });
});

describe("Go's UTF-8 reading of a string", () => {
  const cases: [string, string, string][] = [
    ["ASCII", "0x616263", "abc"],
    ["2, 3 and 4 bytes", "0xc3a9e282acf09f9880", "é€😀"],
    ["truncated 3-byte sequence: one U+FFFD per byte", "0x61e28262", "a\ufffd\ufffdb"],
    ["surrogate half", "0xeda080", "\ufffd\ufffd\ufffd"],
    ["overlong NUL", "0xc080", "\ufffd\ufffd"],
    ["above U+10FFFF", "0xf4908080", "\ufffd\ufffd\ufffd\ufffd"],
    ["lone continuation", "0x80", "\ufffd"],
    ["sequence cut by the end", "0xf09f98", "\ufffd\ufffd\ufffd"],
  ];
  it.each(cases)("%s", (_name, hex, want) => {
    expect(goUtf8String(hexToBytes(hex))).toBe(want);
  });
});

describe("geth opcode names and error texts", () => {
  const names: [number, string][] = [
    [0x00, "STOP"], [0x0b, "SIGNEXTEND"], [0x0c, "opcode 0xc not defined"], [0x1d, "SAR"], [0x20, "KECCAK256"],
    [0x3f, "EXTCODEHASH"], [0x44, "DIFFICULTY"], [0x4a, "BLOBBASEFEE"], [0x4b, "opcode 0x4b not defined"], [0x5e, "MCOPY"],
    [0x5f, "PUSH0"], [0x60, "PUSH1"], [0x7f, "PUSH32"], [0x80, "DUP1"], [0x8f, "DUP16"], [0x90, "SWAP1"], [0x9f, "SWAP16"],
    [0xa4, "LOG4"], [0xa5, "opcode 0xa5 not defined"], [0xd0, "DATALOAD"], [0xe0, "RJUMP"], [0xe8, "EXCHANGE"],
    [0xe9, "opcode 0xe9 not defined"], [0xec, "EOFCREATE"], [0xee, "RETURNCONTRACT"], [0xf5, "CREATE2"], [0xf6, "opcode 0xf6 not defined"],
    [0xf7, "RETURNDATALOAD"], [0xfa, "STATICCALL"], [0xfb, "EXTSTATICCALL"], [0xfc, "opcode 0xfc not defined"], [0xfd, "REVERT"],
    [0xfe, "INVALID"], [0xff, "SELFDESTRUCT"],
  ];
  it.each(names)("0x%s", (op, want) => {
    expect(gethOpName(op)).toBe(want);
  });
  it("formats the dynamic errors", () => {
    expect(invalidOpcodeError(0xfe)).toBe("invalid opcode: INVALID");
    expect(invalidOpcodeError(0x0c)).toBe("invalid opcode: opcode 0xc not defined");
    expect(stackUnderflowError(1, 2)).toBe("stack underflow (1 <=> 2)");
    expect(stackOverflowError(1024, 1023)).toBe("stack limit reached 1024 (1023)");
  });
  it("names 168 opcodes: Cancun's 149 and 19 EOF ones (as geth's table does)", () => {
    let n = 0;
    for (let op = 0; op < 256; op++) if (!gethOpName(op).startsWith("opcode ")) n++;
    expect(n).toBe(149 + 19);
  });
});
