// EIP-2929 (with EIP-2930 access lists and EIP-3651 warm coinbase): the first access to an
// account costs 2,600 and to a slot 2,100, later ones 100; the transaction's sender, target,
// coinbase, precompiles and access list start warm; a reverted frame's warmings are undone.
import { describe, expect, it } from "vitest";
import { op, push, returnTop, bytes, call } from "../../helpers/bytecode";
import { COINBASE, CONTRACT, OTHER, runCode } from "../../helpers/evm";
import { slotWord } from "../../../ts/state/world-state";

const THIRD = "0x000000000000000000000000000000000000d00d";

describe("EIP-2929 accounts", () => {
  it.each(["BALANCE", "EXTCODESIZE", "EXTCODEHASH"])("%s: 2,600 cold, 100 warm", (name) => {
    const r = runCode({ code: push(OTHER) + op[name] + push(OTHER) + op[name] });
    expect(r.gasUsed).toBe(3n + 2600n + 3n + 100n);
  });

  it("EXTCODECOPY: 2,600 cold", () => {
    const r = runCode({ code: push(0) + push(0) + push(0) + push(OTHER) + op.EXTCODECOPY });
    expect(r.gasUsed).toBe(12n + 2600n);
  });

  it("CALL-family targets: 2,600 cold, 100 warm", () => {
    for (const kind of ["CALL", "CALLCODE", "DELEGATECALL", "STATICCALL"] as const) {
      const one = call(kind, { gas: 0, to: OTHER });
      const r = runCode({ code: one + op.POP + one + op.POP });
      const pushGas = kind === "CALL" || kind === "CALLCODE" ? 21n : 18n;
      expect({ kind, gas: r.gasUsed }).toEqual({ kind, gas: 2n * pushGas + 2600n + 100n + 4n });
    }
  });

  it("the coinbase is warm (EIP-3651), and so are the sender, the target and precompiles", () => {
    expect(runCode({ code: push(COINBASE) + op.BALANCE }).gasUsed).toBe(3n + 100n);
    expect(runCode({ code: op.ADDRESS + op.BALANCE }).gasUsed).toBe(2n + 100n);
    expect(runCode({ code: push(9) + op.BALANCE }).gasUsed).toBe(3n + 100n);
  });

  it("access-list addresses are warm (EIP-2930)", () => {
    const r = runCode({ code: push(OTHER) + op.BALANCE, accessList: [{ address: OTHER, storageKeys: [] }] });
    expect(r.gasUsed).toBe(3n + 100n);
  });

  it("warmings made by a reverted frame are undone", () => {
    // The callee touches THIRD, then fails; afterwards THIRD is cold again for the caller.
    const callee = push(THIRD) + op.BALANCE + op.INVALID;
    const code = call("CALL", { gas: 10000, to: OTHER }) + op.POP + push(THIRD) + op.BALANCE;
    const r = runCode({ code, accounts: { [OTHER]: { code: bytes(callee) } } });
    expect(r.gasUsed).toBe(21n + 2600n + 10000n + 2n + 3n + 2600n);
  });

  it("warmings made by a successful frame stay", () => {
    const callee = push(THIRD) + op.BALANCE + op.STOP;
    const code = call("CALL", { gas: 10000, to: OTHER }) + op.POP + push(THIRD) + op.BALANCE;
    const r = runCode({ code, accounts: { [OTHER]: { code: bytes(callee) } } });
    expect(r.gasUsed).toBe(21n + 2600n + (3n + 2600n) + 2n + 3n + 100n);
  });
});

describe("EIP-2929 storage slots", () => {
  it("SLOAD: 2,100 cold, 100 warm", () => {
    const r = runCode({ code: push(1) + op.SLOAD + push(1) + op.SLOAD });
    expect(r.gasUsed).toBe(3n + 2100n + 3n + 100n);
  });

  it("slots in the access list are warm", () => {
    const r = runCode({ code: push(1) + op.SLOAD, accessList: [{ address: CONTRACT, storageKeys: [slotWord(1n)] }] });
    expect(r.gasUsed).toBe(3n + 100n);
  });

  it("warm slots are per address", () => {
    const r = runCode({ code: push(1) + op.SLOAD, accessList: [{ address: OTHER, storageKeys: [slotWord(1n)] }] });
    expect(r.gasUsed).toBe(3n + 2100n);
  });

  it("warm slots do not survive the transaction", () => {
    // The second transaction runs the same code on the same state: its SLOAD is cold again.
    const first = runCode({ code: push(1) + op.SLOAD + returnTop() });
    const second = runCode({ code: push(1) + op.SLOAD + returnTop(), state: first.state });
    expect(first.gasUsed).toBe(3n + 2100n + 15n);
    expect(second.gasUsed).toBe(first.gasUsed);
  });
});
