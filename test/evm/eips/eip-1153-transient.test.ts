// EIP-1153: TLOAD/TSTORE cost 100 gas each, hold a value per (address, key) for the rest of the
// transaction only, are reverted with the frame that wrote them, are shared with DELEGATECALL
// code, and TSTORE is a state change forbidden in a static context.
import { describe, expect, it } from "vitest";
import { op, push, returnTop, bytes, call } from "../../helpers/bytecode";
import { CONTRACT, OTHER, runCode, word } from "../../helpers/evm";

const tstore = (k: number, v: number) => push(v) + push(k) + op.TSTORE;
const tload = (k: number) => push(k) + op.TLOAD;

describe("EIP-1153 transient storage", () => {
  it("TSTORE then TLOAD in one frame, 100 gas each", () => {
    const r = runCode({ code: tstore(1, 42) + tload(1) + returnTop() });
    expect(r.returnHex).toBe(word(42));
    expect(r.gasUsed).toBe(6n + 100n + 3n + 100n + 15n);
  });

  it("unset keys read 0 and nothing reaches persistent storage", () => {
    const r = runCode({ code: tstore(1, 42) + tload(2) + returnTop() });
    expect(r.returnHex).toBe(word(0));
    expect(r.state.account(CONTRACT)!.storage.size).toBe(0);
  });

  /** With calldata: return TLOAD(1). Without: TSTORE(1, 7), call itself with one byte, return what that returned. */
  function selfCalling(): string {
    const head = (dest: number) => op.CALLDATASIZE + push(dest) + op.JUMPI;
    const body = tstore(1, 7) + call("CALL", { gas: 0xffff, to: CONTRACT, inLen: 1, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop();
    const dest = (head(0).length + body.length) / 2;
    return head(dest) + body + op.JUMPDEST + tload(1) + returnTop();
  }

  it("values persist across calls within the transaction", () => {
    expect(runCode({ code: selfCalling() }).returnHex).toBe(word(7));
  });

  it("values do not survive the transaction", () => {
    const first = runCode({ code: selfCalling() });
    const second = runCode({ code: selfCalling(), state: first.state, input: "01" });
    expect(second.returnHex).toBe(word(0));
  });

  it("a reverted frame's TSTORE is undone", () => {
    const inner = tstore(1, 9) + op.INVALID;
    // The callee is CONTRACT itself via DELEGATECALL to OTHER, so it writes CONTRACT's transient storage.
    const r = runCode({
      code: tstore(1, 5) + call("DELEGATECALL", { gas: 50000, to: OTHER }) + op.POP + tload(1) + returnTop(),
      accounts: { [OTHER]: { code: bytes(inner) } },
    });
    expect(r.returnHex).toBe(word(5));
  });

  it("DELEGATECALL code sees the caller's transient storage", () => {
    const r = runCode({
      code: tstore(3, 33) + call("DELEGATECALL", { gas: 50000, to: OTHER, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop(),
      accounts: { [OTHER]: { code: bytes(tload(3) + returnTop()) } },
    });
    expect(r.returnHex).toBe(word(33));
  });

  it("each address has its own transient storage", () => {
    const r = runCode({
      code: tstore(3, 33) + call("CALL", { gas: 50000, to: OTHER, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop(),
      accounts: { [OTHER]: { code: bytes(tload(3) + returnTop()) } },
    });
    expect(r.returnHex).toBe(word(0));
  });

  it("TSTORE in a static context fails; TLOAD works", () => {
    expect(runCode({ code: tstore(1, 1), isStatic: true }).error).toBe("StateChangeDuringStaticCall");
    expect(runCode({ code: tload(1) + returnTop(), isStatic: true }).status).toBe("success");
  });
});
