// The TS mirror of the interpreter's statuses (ts/ee/evm/status.ts) matches the AS exports.
import { describe, expect, it } from "vitest";
import { wasm } from "../../ts/wasm";
import { AS_STATUS_EXPORTS, evmStatusName, EvmStatus } from "../../ts/ee/evm/status";

describe("EVM status parity", () => {
  it.each(AS_STATUS_EXPORTS.map(([n, v]) => [n, v] as const))("%s = %i", (name, value) => {
    expect(wasm().exports[name as `EVM_${string}`]!.value).toBe(value);
  });

  it("names halts by their error", () => {
    expect(evmStatusName(EvmStatus.OutOfGas)).toBe("OutOfGas");
    expect(evmStatusName(EvmStatus.BadJump)).toBe("BadJumpDestination");
    expect(evmStatusName(99)).toBe("Unknown(99)");
  });
});
