// Instructions answered by the host (ts/ee/evm/host.ts): account queries with EIP-2929 warm/cold
// gas, SELFBALANCE, BLOCKHASH (the 256 previous blocks), BLOBHASH, LOG0–LOG4 and their static
// rules. Storage costs are in ../eips/eip-2929-access.test.ts and eip-3529-sstore.test.ts.
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { op, push, returnTop, ret, mstore, bytes, call } from "../../helpers/bytecode";
import { CONTRACT, OTHER, SENDER, runCode, word } from "../../helpers/evm";
import { wordToHex } from "../../../ts/state/word";
import { hex } from "../../helpers/bytes";

const OTHER_CODE = "6001600201";
const COLD = 2600n;
const WARM = 100n;

describe("account queries", () => {
  const accounts = { [OTHER]: { balance: 777n, code: bytes(OTHER_CODE) } };

  it.each([
    ["BALANCE", 777n],
    ["EXTCODESIZE", 5n],
  ] as const)("%s of a cold then warm account", (name, expected) => {
    const cold = runCode({ code: push(OTHER) + op[name] + returnTop(), accounts });
    expect(cold.returnHex).toBe(word(expected));
    expect(cold.gasUsed).toBe(3n + COLD + 15n);
    const twice = runCode({ code: push(OTHER) + op[name] + op.POP + push(OTHER) + op[name] + returnTop(), accounts });
    expect(twice.gasUsed).toBe(3n + COLD + 2n + 3n + WARM + 15n);
  });

  it("the sender and the running contract are warm", () => {
    expect(runCode({ code: push(SENDER) + op.BALANCE + returnTop() }).gasUsed).toBe(3n + WARM + 15n);
    expect(runCode({ code: op.ADDRESS + op.BALANCE + returnTop() }).gasUsed).toBe(2n + WARM + 15n);
  });

  it("precompiles are warm (EIP-2929)", () => {
    expect(runCode({ code: push(1) + op.BALANCE + returnTop() }).gasUsed).toBe(3n + WARM + 15n);
    expect(runCode({ code: push(0x0a) + op.BALANCE + returnTop() }).gasUsed).toBe(3n + WARM + 15n);
    expect(runCode({ code: push(0x0b) + op.BALANCE + returnTop() }).gasUsed).toBe(3n + COLD + 15n);
  });

  it("only the low 160 bits of the operand name the account", () => {
    const r = runCode({ code: push((1n << 200n) | BigInt(OTHER)) + op.BALANCE + returnTop(), accounts });
    expect(r.returnHex).toBe(word(777n));
  });

  it("EXTCODEHASH: keccak of code; empty-code hash for a funded account; 0 for none (EIP-1052)", () => {
    const withCode = runCode({ code: push(OTHER) + op.EXTCODEHASH + returnTop(), accounts });
    expect(withCode.returnHex).toBe(hex(keccak_256(bytes(OTHER_CODE))));
    expect(withCode.gasUsed).toBe(3n + COLD + 15n);
    const funded = runCode({ code: push(OTHER) + op.EXTCODEHASH + returnTop(), accounts: { [OTHER]: { balance: 1n } } });
    expect(funded.returnHex).toBe("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(runCode({ code: push(OTHER) + op.EXTCODEHASH + returnTop() }).returnHex).toBe(word(0));
  });

  it("EXTCODECOPY copies code with zero fill: access + 3/word + memory", () => {
    // EXTCODECOPY(address, dst 0, offset 3, len 8)
    const r = runCode({ code: push(8) + push(3) + push(0) + push(OTHER) + op.EXTCODECOPY + ret(0, 8), accounts });
    expect(r.returnHex).toBe("0201000000000000");
    expect(r.gasUsed).toBe(12n + COLD + 3n + 3n + 6n);
  });

  it("SELFBALANCE is 5 gas", () => {
    const r = runCode({ code: op.SELFBALANCE + returnTop(), value: 5n, accounts: { [CONTRACT]: { balance: 10n, code: bytes(op.SELFBALANCE + returnTop()) } } });
    expect(r.returnHex).toBe(word(15n));
    expect(r.gasUsed).toBe(5n + 15n);
  });
});

describe("block and blob hashes", () => {
  // BLOCK.number is 1000; the helper's chain answers block n with the word n.
  it.each([
    [999n, 999n], [744n, 744n], [743n, 0n], [1000n, 0n], [1001n, 0n], [1n << 255n, 0n],
  ])("BLOCKHASH(%s)", (n, expected) => {
    const r = runCode({ code: push(n) + op.BLOCKHASH + returnTop() });
    expect(r.returnHex).toBe(word(expected));
    expect(r.gasUsed).toBe(3n + 20n + 15n);
  });

  it("BLOBHASH returns the versioned hash or zero (EIP-4844)", () => {
    const h = bytes("01" + "ab".repeat(31));
    const tx = { blobHashes: [h, bytes("01" + "cd".repeat(31))] };
    expect(runCode({ code: push(0) + op.BLOBHASH + returnTop(), tx }).returnHex).toBe(hex(h));
    expect(runCode({ code: push(1) + op.BLOBHASH + returnTop(), tx }).returnHex).toBe("01" + "cd".repeat(31));
    expect(runCode({ code: push(2) + op.BLOBHASH + returnTop(), tx }).returnHex).toBe(word(0));
    expect(runCode({ code: push(1n << 64n) + op.BLOBHASH + returnTop(), tx }).gasUsed).toBe(3n + 3n + 15n);
  });
});

describe("LOG0–LOG4", () => {
  it.each([0, 1, 2, 3, 4])("LOG%i records address, topics and data: 375 + 375/topic + 8/byte", (n) => {
    let code = mstore(0, 0x1122334455n);
    for (let i = n; i >= 1; i--) code += push(i);
    code += push(5) + push(27) + op[`LOG${n}`];
    const r = runCode({ code });
    expect(r.status).toBe("success");
    expect(r.gasUsed).toBe(12n + 3n * BigInt(n) + 6n + 375n + 375n * BigInt(n) + 8n * 5n);
    expect(r.state.logs.length).toBe(1);
    const log = r.state.logs[0]!;
    expect(log.address).toBe(CONTRACT);
    expect(hex(log.data)).toBe("1122334455");
    expect(log.topics.map(hex)).toEqual(Array.from({ length: n }, (_, i) => word(i + 1)));
  });

  it("logs of a reverted call are dropped", () => {
    const inner = push(0) + push(0) + op.LOG0 + op.INVALID;
    const r = runCode({
      code: call("CALL", { gas: 10000, to: OTHER }) + push(0) + push(0) + op.LOG0,
      accounts: { [OTHER]: { code: bytes(inner) } },
    });
    expect(r.state.logs.length).toBe(1);
    expect(r.state.logs[0]!.address).toBe(CONTRACT);
  });

  it("LOG in a static call is a state-change violation (EIP-214)", () => {
    const r = runCode({ code: push(0) + push(0) + op.LOG0, isStatic: true, gas: 10_000n });
    expect(r.error).toBe("StateChangeDuringStaticCall");
    expect(r.gasUsed).toBe(10_000n);
  });
});

describe("storage basics", () => {
  it("SLOAD of an unset slot is 0; SSTORE then SLOAD reads it back", () => {
    const r = runCode({ code: push(0x99) + push(5) + op.SSTORE + push(5) + op.SLOAD + returnTop() });
    expect(r.returnHex).toBe(word(0x99));
    expect(wordToHex(r.state.storage(CONTRACT, r.state.account(CONTRACT)!.storage.keys().next().value!))).toBe("0x" + word(0x99));
  });
});
