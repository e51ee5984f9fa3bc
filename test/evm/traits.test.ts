// Cross-checks all 256 rows of the AS traits tables (as/evm/traits.ts) against an independent
// Cancun table (names, stack in/out, immediates, static gas from the Yellow Paper / execution
// specs, native cost from zksync-os native_resource_constants.rs at 0a82da0), as evmone's
// instructions_test.cpp does.
import { describe, expect, it } from "vitest";
import { wasm } from "../../ts/wasm";
import { OPCODE_NAMES, opcodeByName, opcodeName } from "../../ts/ee/evm/opcode-names";

const GAS = 0, NATIVE = 1, IN = 2, OUT = 3, IMM = 4, DEFINED = 5;
const STEP = 20;

/** name → [static gas, stack in, stack out, native (without the step cost)] */
const EXPECTED: Record<string, [number, number, number, number]> = {
  STOP: [0, 0, 0, 0], ADD: [3, 2, 1, 140], MUL: [5, 2, 1, 400], SUB: [3, 2, 1, 140], DIV: [5, 2, 1, 1500],
  SDIV: [5, 2, 1, 1000], MOD: [5, 2, 1, 1300], SMOD: [5, 2, 1, 800], ADDMOD: [8, 3, 1, 1700], MULMOD: [8, 3, 1, 2300],
  EXP: [10, 2, 1, 700], SIGNEXTEND: [5, 2, 1, 400],
  LT: [3, 2, 1, 190], GT: [3, 2, 1, 190], SLT: [3, 2, 1, 430], SGT: [3, 2, 1, 430], EQ: [3, 2, 1, 500],
  ISZERO: [3, 1, 1, 300], AND: [3, 2, 1, 100], OR: [3, 2, 1, 90], XOR: [3, 2, 1, 90], NOT: [3, 1, 1, 60],
  BYTE: [3, 2, 1, 160], SHL: [3, 2, 1, 240], SHR: [3, 2, 1, 240], SAR: [3, 2, 1, 400],
  KECCAK256: [30, 2, 1, 90],
  ADDRESS: [2, 0, 1, 60], BALANCE: [0, 1, 1, 60], ORIGIN: [2, 0, 1, 60], CALLER: [2, 0, 1, 60], CALLVALUE: [2, 0, 1, 60],
  CALLDATALOAD: [3, 1, 1, 280], CALLDATASIZE: [2, 0, 1, 40], CALLDATACOPY: [3, 3, 0, 180], CODESIZE: [2, 0, 1, 40],
  CODECOPY: [3, 3, 0, 180], GASPRICE: [2, 0, 1, 60], EXTCODESIZE: [0, 1, 1, 60], EXTCODECOPY: [0, 4, 0, 180],
  RETURNDATASIZE: [2, 0, 1, 60], RETURNDATACOPY: [3, 3, 0, 180], EXTCODEHASH: [0, 1, 1, 60],
  BLOCKHASH: [20, 1, 1, 60], COINBASE: [2, 0, 1, 60], TIMESTAMP: [2, 0, 1, 60], NUMBER: [2, 0, 1, 60],
  PREVRANDAO: [2, 0, 1, 40], GASLIMIT: [2, 0, 1, 60], CHAINID: [2, 0, 1, 60], SELFBALANCE: [5, 0, 1, 60],
  BASEFEE: [2, 0, 1, 60], BLOBHASH: [3, 1, 1, 40], BLOBBASEFEE: [2, 0, 1, 40],
  POP: [2, 1, 0, 40], MLOAD: [3, 1, 1, 250], MSTORE: [3, 2, 0, 250], MSTORE8: [3, 2, 0, 250], SLOAD: [0, 1, 1, 100],
  SSTORE: [0, 2, 0, 100], JUMP: [8, 1, 0, 70], JUMPI: [10, 2, 0, 300], PC: [2, 0, 1, 40], MSIZE: [2, 0, 1, 40],
  GAS: [2, 0, 1, 60], JUMPDEST: [1, 0, 0, 40], TLOAD: [100, 1, 1, 100], TSTORE: [100, 2, 0, 100], MCOPY: [3, 3, 0, 80],
  PUSH0: [2, 0, 1, 50],
  LOG0: [375, 2, 0, 50], LOG1: [750, 3, 0, 50], LOG2: [1125, 4, 0, 50], LOG3: [1500, 5, 0, 50], LOG4: [1875, 6, 0, 50],
  CREATE: [32000, 3, 1, 25000], CALL: [0, 7, 1, 1500], CALLCODE: [0, 7, 1, 1500], RETURN: [0, 2, 0, 40],
  DELEGATECALL: [0, 6, 1, 1500], CREATE2: [32000, 4, 1, 25000], STATICCALL: [0, 6, 1, 1500], REVERT: [0, 2, 0, 50],
  INVALID: [0, 0, 0, 0], SELFDESTRUCT: [5000, 1, 0, 100],
};
const PUSH_NATIVE = [60, 120, 140, 140, 150, 160, 170, 180, 190, 200, 210, 210, 220, 230, 240, 210,
  240, 240, 240, 240, 250, 260, 260, 260, 260, 270, 280, 280, 290, 290, 300, 300];
for (let n = 1; n <= 32; n++) EXPECTED[`PUSH${n}`] = [3, 0, 1, PUSH_NATIVE[n - 1]!];
for (let n = 1; n <= 16; n++) {
  EXPECTED[`DUP${n}`] = [3, n, n + 1, 60];
  EXPECTED[`SWAP${n}`] = [3, n + 1, n + 1, 90];
}

const rows = Array.from({ length: 256 }, (_, i) => i);

describe("EVM traits tables (Cancun)", () => {
  it("defines exactly the 149 Cancun instructions", () => {
    expect(Object.keys(EXPECTED).length).toBe(149);
    expect(OPCODE_NAMES.filter((n) => n !== undefined).length).toBe(149);
  });

  it.each(rows)("row 0x%s matches the reference table", (code) => {
    const t = (field: number) => wasm().exports.evmTrait(code, field);
    const name = OPCODE_NAMES[code];
    if (name === undefined) {
      expect(t(DEFINED)).toBe(0);
      expect(EXPECTED[opcodeName(code)]).toBeUndefined();
      return;
    }
    const [gas, stackIn, stackOut, native] = EXPECTED[name]!;
    expect({ name, defined: t(DEFINED), gas: t(GAS), in: t(IN), out: t(OUT), native: t(NATIVE) }).toEqual({
      name, defined: 1, gas, in: stackIn, out: stackOut, native: native + STEP,
    });
    expect(t(IMM)).toBe(name.startsWith("PUSH") && name !== "PUSH0" ? Number(name.slice(4)) : 0);
    expect(opcodeByName(name)).toBe(code);
  });

  it("gates Cancun opcodes by fork and restores Cancun", () => {
    const e = wasm().exports;
    e.evmInitTraits(1); // Shanghai
    expect([0x5c, 0x5d, 0x5e, 0x49, 0x4a].map((c) => e.evmTrait(c, DEFINED))).toEqual([0, 0, 0, 0, 0]);
    expect(e.evmTrait(0x5f, DEFINED)).toBe(1);
    e.evmInitTraits(2); // Cancun
    expect([0x5c, 0x5d, 0x5e, 0x49, 0x4a].map((c) => e.evmTrait(c, DEFINED))).toEqual([1, 1, 1, 1, 1]);
  });

  it("knows the legacy aliases", () => {
    expect(opcodeByName("DIFFICULTY")).toBe(0x44);
    expect(opcodeByName("sha3")).toBe(0x20);
    expect(opcodeName(0x0c)).toBe("0x0c");
  });
});
