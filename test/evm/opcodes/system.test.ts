// CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2, RETURNDATA*, the 63/64 rule
// (EIP-150), the stipend, depth 1024, code deposit rules (EIP-170, EIP-3541, EIP-3860) and
// precompile dispatch, run through the runner (ts/bootloader/runner.ts).
import { describe, expect, it } from "vitest";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { op, push, pushN, returnTop, ret, revert, mstore, bytes, call, deployer, sstore } from "../../helpers/bytecode";
import { CONTRACT, OTHER, SENDER, runCode, word } from "../../helpers/evm";
import { createAddress, create2Address } from "../../../ts/ee/evm/create-address";
import { slotWord } from "../../../ts/state/world-state";
import { wordToBigint } from "../../../ts/state/word";
import { wasm } from "../../../ts/wasm";
import { hex } from "../../helpers/bytes";

const slot = (r: ReturnType<typeof runCode>, a: string, k: number) => wordToBigint(r.state.storage(a, slotWord(BigInt(k))));

describe("CALL", () => {
  const callee = { [OTHER]: { code: bytes(push(42) + returnTop()) } };

  it("returns data into memory and charges access + expansion + the callee's gas", () => {
    const code = call("CALL", { gas: 0xffff, to: OTHER, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop();
    const r = runCode({ code, accounts: callee });
    expect(r.returnHex).toBe(word(42));
    // 7 pushes, CALL: 3 memory + 2600 cold + 18 used by the callee; POP, PUSH1, MLOAD, returnTop without expansion
    expect(r.gasUsed).toBe(21n + 3n + 2600n + 18n + 2n + 3n + 3n + 12n);
  });

  it("pushes 1 on success and 0 on failure; RETURNDATASIZE follows the last call", () => {
    const failing = { [OTHER]: { code: bytes(mstore(0, 7) + revert(0, 32)) } };
    const code = call("CALL", { gas: 0xffff, to: OTHER }) + push(0) + op.MSTORE + op.RETURNDATASIZE + push(32) + op.MSTORE + ret(0, 64);
    const r = runCode({ code, accounts: failing });
    expect(r.returnHex).toBe(word(0) + word(32));
    const ok = runCode({ code, accounts: callee });
    expect(ok.returnHex).toBe(word(1) + word(32));
  });

  it("copies only min(outLen, returned) bytes", () => {
    const code = mstore(0, (1n << 256n) - 1n) + call("CALL", { gas: 0xffff, to: OTHER, outOffset: 0, outLen: 4 }) + op.POP + ret(0, 32);
    const r = runCode({ code, accounts: { [OTHER]: { code: bytes(mstore(0, 0xaabbn) + ret(30, 2)) } } });
    expect(r.returnHex).toBe("aabb" + "ff".repeat(30));
  });

  it("a call to an account without code succeeds with no data", () => {
    const r = runCode({ code: call("CALL", { gas: 0xffff, to: OTHER }) + returnTop() });
    expect(r.returnHex).toBe(word(1));
  });

  it("passes at most all but one 64th of the gas left (EIP-150)", () => {
    // The callee returns GAS; the caller asks for far more than it has.
    const code = call("CALL", { gas: 0xffffffff, to: OTHER, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop();
    const r = runCode({ code, gas: 100_000n, accounts: { [OTHER]: { code: bytes(op.GAS + returnTop()) } } });
    const before = 100_000n - 21n - 3n - 2600n;
    const passed = before - before / 64n;
    expect(BigInt("0x" + r.returnHex)).toBe(passed - 2n);
  });

  it("value: 9,000 extra, 2,300 stipend, 25,000 for a new account; the callee sees CALLVALUE", () => {
    const code = call("CALL", { gas: 0, to: OTHER, value: 5, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop();
    const r = runCode({ code, value: 5n, accounts: { [OTHER]: { code: bytes(op.CALLVALUE + returnTop()) } } });
    expect(r.returnHex).toBe(word(5));
    // the callee runs on the 2,300 stipend alone (CALLVALUE + returnTop = 17) and the caller gets
    // the unused rest of the stipend back
    expect(r.gasUsed).toBe(21n + 3n + 2600n + 9000n - (2300n - 17n) + 2n + 3n + 3n + 12n);
    expect(r.state.balance(OTHER)).toBe(5n);
    const fresh = runCode({ code: call("CALL", { gas: 0, to: OTHER, value: 1 }), value: 1n });
    expect(fresh.gasUsed).toBe(21n + 2600n + 9000n + 25000n - 2300n);
    expect(fresh.state.balance(OTHER)).toBe(1n);
  });

  it("a call with more value than the balance fails and returns the gas", () => {
    const code = call("CALL", { gas: 1000, to: OTHER, value: 5 }) + returnTop();
    const r = runCode({ code, accounts: { [OTHER]: { code: bytes(op.STOP) } } });
    expect(r.returnHex).toBe(word(0));
    // the 1,000 passed and the stipend come back: only the caller's costs remain
    expect(r.gasUsed).toBe(21n + 2600n + 9000n + 15n - 2300n);
  });

  it("state changes of a reverted callee are undone, the caller's stay", () => {
    const code = sstore(1, 1) + call("CALL", { gas: 50000, to: OTHER });
    const r = runCode({ code, accounts: { [OTHER]: { code: bytes(sstore(2, 2) + op.INVALID) } } });
    expect(slot(r, CONTRACT, 1)).toBe(1n);
    expect(slot(r, OTHER, 2)).toBe(0n);
  });
});

describe("DELEGATECALL, CALLCODE, STATICCALL", () => {
  const probe = bytes(sstore(0, 0) + op.CALLER + push(1) + op.SSTORE + op.CALLVALUE + push(2) + op.SSTORE + op.ADDRESS + push(3) + op.SSTORE);

  it("DELEGATECALL keeps caller, value and storage of the calling frame", () => {
    const r = runCode({ code: call("DELEGATECALL", { gas: 100000, to: OTHER }), value: 9n, accounts: { [OTHER]: { code: probe } } });
    expect(slot(r, CONTRACT, 1)).toBe(BigInt(SENDER));
    expect(slot(r, CONTRACT, 2)).toBe(9n);
    expect(slot(r, CONTRACT, 3)).toBe(BigInt(CONTRACT));
    expect(slot(r, OTHER, 1)).toBe(0n);
  });

  it("CALLCODE runs foreign code on the caller's storage with the caller as CALLER", () => {
    const r = runCode({ code: call("CALLCODE", { gas: 100000, to: OTHER, value: 3 }), value: 9n, accounts: { [OTHER]: { code: probe } } });
    expect(slot(r, CONTRACT, 1)).toBe(BigInt(CONTRACT));
    expect(slot(r, CONTRACT, 2)).toBe(3n);
    expect(slot(r, CONTRACT, 3)).toBe(BigInt(CONTRACT));
    expect(r.state.balance(CONTRACT)).toBe(9n);
  });

  it("STATICCALL forbids SSTORE in the callee and everything below it", () => {
    const r = runCode({ code: call("STATICCALL", { gas: 100000, to: OTHER }) + returnTop(), accounts: { [OTHER]: { code: probe } } });
    expect(r.returnHex).toBe(word(0));
    const nested = runCode({
      code: call("STATICCALL", { gas: 100000, to: OTHER }) + returnTop(),
      accounts: {
        [OTHER]: { code: bytes(call("CALL", { gas: 50000, to: "0x" + "00".repeat(19) + "77" }) + returnTop()) },
        ["0x" + "00".repeat(19) + "77"]: { code: probe },
      },
    });
    expect(nested.returnHex).toBe(word(1));
    expect(slot(nested, "0x" + "00".repeat(19) + "77", 1)).toBe(0n);
  });

  it("CALL with value in a static context is a violation; without value it is fine", () => {
    const withValue = runCode({ code: call("CALL", { gas: 0, to: OTHER, value: 1 }), isStatic: true, gas: 50_000n });
    expect(withValue.error).toBe("StateChangeDuringStaticCall");
    expect(runCode({ code: call("CALL", { gas: 0, to: OTHER }), isStatic: true }).status).toBe("success");
  });
});

describe("RETURNDATACOPY (EIP-211)", () => {
  const callee = { [OTHER]: { code: bytes(mstore(0, 0x1234) + ret(0, 32)) } };
  const callFirst = call("CALL", { gas: 0xffff, to: OTHER }) + op.POP;

  it("copies from the last call's return data", () => {
    const r = runCode({ code: callFirst + push(2) + push(30) + push(0) + op.RETURNDATACOPY + ret(0, 2), accounts: callee });
    expect(r.returnHex).toBe("1234");
  });

  it("reading past the end halts, even with zero length", () => {
    const over = runCode({ code: callFirst + push(1) + push(32) + push(0) + op.RETURNDATACOPY, accounts: callee, gas: 100_000n });
    expect(over.error).toBe("ReturnDataOutOfBounds");
    expect(over.gasUsed).toBe(100_000n);
    const zeroLen = runCode({ code: callFirst + push(0) + push(33) + push(0) + op.RETURNDATACOPY, accounts: callee, gas: 100_000n });
    expect(zeroLen.error).toBe("ReturnDataOutOfBounds");
    expect(runCode({ code: callFirst + push(0) + push(32) + push(0) + op.RETURNDATACOPY, accounts: callee }).status).toBe("success");
  });
});

describe("CREATE and CREATE2", () => {
  const runtime = push(0x77) + returnTop();
  const initcode = deployer(runtime);
  const initLen = initcode.length / 2;
  function createProgram(kind: "CREATE" | "CREATE2", value = 0, salt = 0n): string {
    // CODECOPY the initcode (appended after the program) to memory 0, then create from it
    const tail = (k: string) => {
      const body = (off: number) =>
        pushN(2, initLen) + pushN(2, off) + push(0) + op.CODECOPY +
        (k === "CREATE2" ? pushN(32, salt) : "") + pushN(2, initLen) + push(0) + push(value) + op[k] + returnTop();
      const len = body(0).length / 2;
      return body(len) + initcode;
    };
    return tail(kind);
  }

  it("CREATE deploys at keccak(rlp(sender, nonce)) and bumps the nonce", () => {
    const r = runCode({ code: createProgram("CREATE") });
    const expected = createAddress(CONTRACT, 0n);
    expect(r.returnHex).toBe(word(BigInt(expected)));
    expect(hex(r.state.code(expected))).toBe(runtime);
    expect(r.state.nonce(CONTRACT)).toBe(1n);
    expect(r.state.nonce(expected)).toBe(1n);
  });

  it("CREATE2 deploys at keccak(0xff ‖ sender ‖ salt ‖ keccak(initcode))", () => {
    const salt = 0x5a17n;
    const r = runCode({ code: createProgram("CREATE2", 0, salt) });
    const expected = create2Address(CONTRACT, bytes(word(salt)), keccak_256(bytes(initcode)));
    expect(r.returnHex).toBe(word(BigInt(expected)));
    expect(hex(r.state.code(expected))).toBe(runtime);
  });

  it("a second CREATE2 with the same salt collides and returns 0", () => {
    const once = createProgram("CREATE2", 0, 1n);
    const first = runCode({ code: once });
    const second = runCode({ code: once, state: first.state });
    expect(second.returnHex).toBe(word(0));
  });

  it("a reverting constructor returns 0 and its revert data", () => {
    const reverting = mstore(0, 0xfeed) + revert(30, 2);
    const code = mstore(0, BigInt("0x" + reverting.padEnd(64, "0"))) + push(reverting.length / 2) + push(0) + push(0) + op.CREATE +
      push(0) + op.MSTORE + op.RETURNDATASIZE + push(2) + push(0) + push(32) + op.RETURNDATACOPY + ret(0, 34);
    const r = runCode({ code });
    expect(r.returnHex).toBe(word(0) + "feed");
    expect(r.state.nonce(CONTRACT)).toBe(1n);
  });

  it("the new contract gets the value; CREATE with more value than the balance fails", () => {
    const r = runCode({ code: createProgram("CREATE", 4), value: 4n });
    expect(r.state.balance(createAddress(CONTRACT, 0n))).toBe(4n);
    const poor = runCode({ code: createProgram("CREATE", 5), value: 4n });
    expect(poor.returnHex).toBe(word(0));
    expect(poor.state.nonce(CONTRACT)).toBe(0n);
  });

  it("deploying more than 24,576 bytes fails (EIP-170); exactly 24,576 works", () => {
    const big = (n: number) => push(n) + push(0) + op.RETURN; // returns n zero bytes
    const mk = (n: number) => {
      const init = big(n);
      return mstore(0, BigInt("0x" + init.padEnd(64, "0"))) + push(init.length / 2) + push(0) + push(0) + op.CREATE + returnTop();
    };
    expect(runCode({ code: mk(24576), gas: 10_000_000n }).returnHex).not.toBe(word(0));
    expect(runCode({ code: mk(24577), gas: 10_000_000n }).returnHex).toBe(word(0));
  });

  it("code starting with 0xEF is rejected (EIP-3541)", () => {
    const mk = (first: number) => {
      const init = push(first) + push(0) + op.MSTORE8 + ret(0, 1);
      return mstore(0, BigInt("0x" + init.padEnd(64, "0"))) + push(init.length / 2) + push(0) + push(0) + op.CREATE + returnTop();
    };
    expect(runCode({ code: mk(0xef) }).returnHex).toBe(word(0));
    expect(runCode({ code: mk(0xfe) }).returnHex).not.toBe(word(0));
  });

  it("initcode over 49,152 bytes halts the creator (EIP-3860)", () => {
    const code = push(49153) + push(0) + push(0) + op.CREATE;
    const r = runCode({ code, gas: 1_000_000n });
    expect(r.error).toBe("CreateInitCodeSizeLimit");
    expect(runCode({ code: push(49152) + push(0) + push(0) + op.CREATE, gas: 1_000_000n }).status).toBe("success");
  });
});

describe("call depth", () => {
  it("stops at 1024 frames below the top one", () => {
    // Each level stores its depth counter: slot 0 = calldata word + 1, then calls itself with it.
    const code =
      push(0) + op.CALLDATALOAD + push(1) + op.ADD + op.DUP1 + push(0) + op.SSTORE +
      push(0) + op.MSTORE + call("CALL", { gas: 0xffffffffff, to: CONTRACT, inLen: 32 });
    const r = runCode({ code, gas: 1_000_000_000_000n });
    expect(r.status).toBe("success");
    expect(slot(r, CONTRACT, 0)).toBe(1025n);
  });
});

describe("precompiles", () => {
  it("identity (0x04) echoes its input at 15 + 3/word", () => {
    const code = mstore(0, 0xabcdefn) + call("STATICCALL", { gas: 1000, to: "0x04", inOffset: 29, inLen: 3, outOffset: 32, outLen: 3 }) + op.POP + ret(32, 3);
    const r = runCode({ code });
    expect(r.returnHex).toBe("abcdef");
    expect(r.gasUsed).toBe(12n + 18n + 3n + 100n + 18n + 2n + 6n);
  });

  it("a failing precompile consumes the gas it was given", () => {
    // ecrecover with 1 gas cannot pay its 3,000
    const code = call("STATICCALL", { gas: 1, to: "0x01" }) + returnTop();
    const r = runCode({ code });
    expect(r.returnHex).toBe(word(0));
    expect(r.gasUsed).toBe(18n + 100n + 1n + 15n);
  });
});

describe("frame memory across calls", () => {
  it("a caller's memory survives a callee that grows its own, and grows again afterwards", () => {
    const child = mstore(60000, 0xc0ffeen) + ret(60000, 32);
    const code =
      mstore(0, 0xaan) + mstore(3200, 0xbbn) +
      call("CALL", { gas: 0xfffff, to: OTHER, outOffset: 64, outLen: 32 }) + op.POP +
      mstore(200000, 0xddn) +
      push(200000) + op.MLOAD + push(96) + op.MSTORE + ret(0, 128);
    const r = runCode({ code, gas: 10_000_000n, accounts: { [OTHER]: { code: bytes(child) } } });
    expect(r.returnHex).toBe(word(0xaa) + word(0) + word(0xc0ffee) + word(0xdd));
  });

  it("repeated calls reuse the frame arena instead of growing memory", () => {
    const child = mstore(100000, 1) + op.STOP;
    // loop 50 times: CALL the child, decrement a counter in memory-free stack style
    const body = op.JUMPDEST + call("CALL", { gas: 0xfffff, to: OTHER }) + op.POP + push(1) + op.SWAP1 + op.SUB + op.DUP1 + push(2) + op.JUMPI;
    const code = push(50) + body + op.STOP;
    const run = () => runCode({ code, gas: 50_000_000n, accounts: { [OTHER]: { code: bytes(child) } } });
    expect(run().status).toBe("success");
    const pagesBefore = memoryPages();
    run();
    run();
    expect(memoryPages()).toBe(pagesBefore);
  });
});

function memoryPages(): number {
  return wasm().exports.memory.buffer.byteLength / 65536;
}
