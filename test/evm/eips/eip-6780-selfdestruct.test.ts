// EIP-6780 SELFDESTRUCT: it always moves the balance to the beneficiary (5,000 gas, + 2,600 for a
// cold beneficiary, + 25,000 when it funds a dead account), ends the frame, but deletes the
// account (code, storage, nonce) only when the same transaction created it; a contract created
// earlier keeps everything but its balance. No refund (EIP-3529).
import { describe, expect, it } from "vitest";
import { op, push, pushN, returnTop, bytes, deployer, sstore } from "../../helpers/bytecode";
import { CONTRACT, OTHER, runCode, word } from "../../helpers/evm";
import { createAddress } from "../../../ts/ee/evm/create-address";

const destroy = (beneficiary: string) => push(beneficiary) + op.SELFDESTRUCT;

describe("EIP-6780 SELFDESTRUCT of a pre-existing contract", () => {
  const funded = (code: string) => ({ [CONTRACT]: { balance: 1000n, code: bytes(code) } });

  it("moves the balance and keeps code, storage and nonce", () => {
    const code = sstore(1, 1) + destroy(OTHER);
    const r = runCode({ code, accounts: { ...funded(code), [OTHER]: { balance: 1n } } });
    expect(r.status).toBe("success");
    expect(r.gasUsed).toBe(6n + 22100n + 3n + 5000n + 2600n);
    r.state.finalizeTransaction();
    expect(r.state.balance(OTHER)).toBe(1001n);
    expect(r.state.balance(CONTRACT)).toBe(0n);
    expect(r.state.code(CONTRACT).length).toBe(code.length / 2);
    expect(r.state.account(CONTRACT)!.storage.size).toBe(1);
    expect(r.state.refund).toBe(0);
  });

  it("funding a dead account costs 25,000 more", () => {
    const code = destroy(OTHER);
    expect(runCode({ code, accounts: funded(code) }).gasUsed).toBe(3n + 5000n + 2600n + 25000n);
  });

  it("with no balance, a dead beneficiary costs nothing extra", () => {
    const code = destroy(OTHER);
    expect(runCode({ code }).gasUsed).toBe(3n + 5000n + 2600n);
  });

  it("to itself: nothing changes", () => {
    const code = op.ADDRESS + op.SELFDESTRUCT;
    const r = runCode({ code, accounts: funded(code) });
    expect(r.gasUsed).toBe(2n + 5000n);
    r.state.finalizeTransaction();
    expect(r.state.balance(CONTRACT)).toBe(1000n);
  });

  it("ends the frame like STOP", () => {
    const code = destroy(OTHER) + push(1) + returnTop();
    expect(runCode({ code }).returnHex).toBe("");
  });

  it("is a state change: forbidden in a static context", () => {
    expect(runCode({ code: destroy(OTHER), isStatic: true, gas: 50_000n }).error).toBe("StateChangeDuringStaticCall");
  });
});

describe("EIP-6780 SELFDESTRUCT in the creating transaction", () => {
  /** CONTRACT creates a child whose constructor sets storage and self-destructs to `beneficiary`. */
  function createAndDestroy(beneficiary: string, value: number): string {
    const init = sstore(1, 1) + destroy(beneficiary);
    const len = init.length / 2;
    // CODECOPY the initcode (appended) to memory, CREATE with `value`
    const body = (off: number) => pushN(1, len) + pushN(2, off) + push(0) + op.CODECOPY + pushN(1, len) + push(0) + push(value) + op.CREATE + returnTop();
    return body(body(0).length / 2) + init;
  }

  it("deletes the account, its code and storage at the end of the transaction", () => {
    const code = createAndDestroy(OTHER, 50);
    const r = runCode({ code, value: 50n });
    const child = createAddress(CONTRACT, 0n);
    expect(r.returnHex).toBe(word(BigInt(child)));
    expect(r.state.exists(child)).toBe(true);
    r.state.finalizeTransaction();
    expect(r.state.exists(child)).toBe(false);
    expect(r.state.balance(OTHER)).toBe(50n);
  });

  it("to itself: the balance is burnt", () => {
    const code = createAndDestroy(createAddress(CONTRACT, 0n), 50);
    const r = runCode({ code, value: 50n });
    r.state.finalizeTransaction();
    expect(r.state.exists(createAddress(CONTRACT, 0n))).toBe(false);
    expect(r.state.balance(CONTRACT)).toBe(0n);
  });

  it("a created contract destroyed by a later call in the same transaction is deleted too", () => {
    const runtime = destroy(OTHER);
    const init = deployer(runtime);
    const len = init.length / 2;
    const body = (off: number) =>
      pushN(1, len) + pushN(2, off) + push(0) + op.CODECOPY + pushN(1, len) + push(0) + push(0) + op.CREATE +
      push(0) + push(0) + push(0) + push(0) + push(0) + op.DUP6 + op.GAS + op.CALL + op.STOP;
    const code = body(body(0).length / 2) + init;
    const r = runCode({ code });
    const child = createAddress(CONTRACT, 0n);
    expect(r.state.code(child).length).toBe(runtime.length / 2);
    r.state.finalizeTransaction();
    expect(r.state.exists(child)).toBe(false);
  });

  it("a SELFDESTRUCT undone by a reverting caller moves and deletes nothing", () => {
    const third = "0x000000000000000000000000000000000000d00d";
    const code = push(0) + push(0) + push(0) + push(0) + push(0) + push(OTHER) + op.GAS + op.CALL + op.INVALID;
    const r = runCode({ code, gas: 200_000n, accounts: { [OTHER]: { balance: 1000n, code: bytes(destroy(third)) } } });
    expect(r.status).toBe("error");
    r.state.finalizeTransaction();
    expect(r.state.balance(OTHER)).toBe(1000n);
    expect(r.state.balance(third)).toBe(0n);
    expect(r.state.code(OTHER).length).toBe(22);
  });
});
