// SSTORE net gas metering (EIP-2200) with the EIP-2929 access costs and the EIP-3529 refunds: the
// test-case table of EIP-3529 (slot 0 warm, as the table assumes), then the cold surcharge, the
// stipend sentry, and the refund cap is the transaction's business (not tested here).
import { describe, expect, it } from "vitest";
import { bytes } from "../../helpers/bytecode";
import { CONTRACT, runCode } from "../../helpers/evm";
import { slotWord } from "../../../ts/state/world-state";
import { op, push } from "../../helpers/bytecode";

// [code, used gas, refund, original value] from EIP-3529 "Test Cases".
const TABLE: [string, bigint, number, number][] = [
  ["0x60006000556000600055", 212n, 0, 0],
  ["0x60006000556001600055", 20112n, 0, 0],
  ["0x60016000556000600055", 20112n, 19900, 0],
  ["0x60016000556002600055", 20112n, 0, 0],
  ["0x60016000556001600055", 20112n, 0, 0],
  ["0x60006000556000600055", 3012n, 4800, 1],
  ["0x60006000556001600055", 3012n, 2800, 1],
  ["0x60006000556002600055", 3012n, 0, 1],
  ["0x60026000556000600055", 3012n, 4800, 1],
  ["0x60026000556003600055", 3012n, 0, 1],
  ["0x60026000556001600055", 3012n, 2800, 1],
  ["0x60026000556002600055", 3012n, 0, 1],
  ["0x60016000556000600055", 3012n, 4800, 1],
  ["0x60016000556002600055", 3012n, 0, 1],
  ["0x60016000556001600055", 212n, 0, 1],
  ["0x600160005560006000556001600055", 40118n, 19900, 0],
  ["0x600060005560016000556000600055", 5918n, 7600, 1],
];

describe("EIP-3529 SSTORE table (warm slot)", () => {
  it.each(TABLE)("%s with original %#", (code, gas, refund, original) => {
    const r = runCode({
      code: code.slice(2),
      accounts: { [CONTRACT]: { code: bytes(code.slice(2)), storage: new Map([[0n, BigInt(original)]]) } },
      accessList: [{ address: CONTRACT, storageKeys: [slotWord(0n)] }],
    });
    expect(r.status).toBe("success");
    expect(r.gasUsed).toBe(gas);
    expect(r.state.refund).toBe(refund);
  });
});

describe("SSTORE access and sentry", () => {
  it("a cold slot costs 2,100 more (EIP-2929)", () => {
    const r = runCode({ code: "6001600055" });
    expect(r.gasUsed).toBe(6n + 2100n + 20000n);
  });

  it("fails when no more than 2,300 gas is left (EIP-2200)", () => {
    // PUSH1, PUSH1 = 6 gas, then SSTORE with exactly 2,300 left
    const r = runCode({ code: "6001600055", gas: 2306n });
    expect(r.error).toBe("OutOfGas");
    const ok = runCode({ code: "6000600055", gas: 2307n + 2100n, accessList: [] });
    expect(ok.status).toBe("success");
  });

  it("the refund counter of a reverted frame is dropped", () => {
    const code = push(0) + push(0) + op.SSTORE + op.INVALID;
    const r = runCode({
      code,
      gas: 100_000n,
      accounts: { [CONTRACT]: { code: bytes(code), storage: new Map([[0n, 1n]]) } },
    });
    expect(r.state.refund).toBe(0);
  });
});
