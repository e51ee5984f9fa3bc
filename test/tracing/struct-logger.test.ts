import { describe, expect, it } from "vitest";
import { StructLogger, type StructLogStep } from "../../ts/tracing/struct-logger";
import { GethError } from "../../ts/tracing/geth-errors";
import { hexToBytes } from "../../ts/primitives/hex";
import { ArgumentError } from "../../ts/errors";

const A = "0x" + "aa".repeat(20);
const B = "0x" + "bb".repeat(20);
const E = new Uint8Array(0);
const step = (s: Partial<StructLogStep> & Pick<StructLogStep, "pc" | "op" | "gas" | "gasCost">): StructLogStep => ({ depth: 1, refund: 0, stack: [], address: A, ...s });
const k = (n: number): string => n.toString(16).padStart(64, "0");

describe("struct logger: geth's own expectations (eth/tracers/api_test.go, v1.15.8)", () => {
  it("NUMBER; STOP with the block number overridden to 0x1337", () => {
    const l = new StructLogger();
    l.step(step({ pc: 0, op: 0x43, gas: 24946984, gasCost: 2 }));
    l.step(step({ pc: 1, op: 0x00, gas: 24946982, gasCost: 0, stack: [0x1337n] }));
    l.exit(E, null);
    l.txEnd(53018);
    expect(JSON.stringify(l.result())).toBe(
      '{"gas":53018,"failed":false,"returnValue":"0x","structLogs":[{"pc":0,"op":"NUMBER","gas":24946984,"gasCost":2,"depth":1,"stack":[]},{"pc":1,"op":"STOP","gas":24946982,"gasCost":0,"depth":1,"stack":["0x1337"]}]}',
    );
  });

  it("BASEFEE; STOP", () => {
    const l = new StructLogger();
    l.step(step({ pc: 0, op: 0x48, gas: 84000n, gasCost: 2n }));
    l.step(step({ pc: 1, op: 0x00, gas: 83998n, gasCost: 0n, stack: [875000000n] }));
    l.exit(E, null);
    l.txEnd(21002n);
    expect(JSON.stringify(l.result())).toBe(
      '{"gas":21002,"failed":false,"returnValue":"0x","structLogs":[{"pc":0,"op":"BASEFEE","gas":84000,"gasCost":2,"depth":1,"stack":[]},{"pc":1,"op":"STOP","gas":83998,"gasCost":0,"depth":1,"stack":["0x342770c0"]}]}',
    );
  });
});

describe("struct logger rules", () => {
  it("storage: on SLOAD/SSTORE, every slot of that contract seen so far, sorted, 64 digits without 0x; refund when non-zero", () => {
    const l = new StructLogger();
    l.step(step({ pc: 4, op: 0x55, gas: 30000, gasCost: 22100, stack: [0x2an, 0x2n] }));
    l.step(step({ pc: 9, op: 0x54, gas: 7900, gasCost: 100, stack: [0x1n], sloadValue: 0x7n, refund: 4800 }));
    l.step(step({ pc: 0, op: 0x54, gas: 500, gasCost: 2100, depth: 2, stack: [0x1n], sloadValue: 0n, address: B }));
    l.step(step({ pc: 10, op: 0x01, gas: 7800, gasCost: 3, stack: [1n, 2n] }));
    const logs = l.result().structLogs;
    expect(logs[0]!.storage).toEqual({ [k(2)]: k(0x2a) });
    expect(JSON.stringify(logs[1])).toBe(
      `{"pc":9,"op":"SLOAD","gas":7900,"gasCost":100,"depth":1,"stack":["0x1"],"storage":{"${k(1)}":"${k(7)}","${k(2)}":"${k(0x2a)}"},"refund":4800}`,
    );
    expect(logs[2]!.storage).toEqual({ [k(1)]: k(0) });
    expect(logs[3]!.storage).toBeUndefined();
  });

  it("memory as whole words and return data, when enabled; error before the stack", () => {
    const l = new StructLogger({ enableMemory: true, enableReturnData: true });
    const memory = new Uint8Array(64);
    memory[31] = 0x80;
    memory[63] = 1;
    l.step(step({ pc: 3, op: 0x01, gas: 2, gasCost: 3, stack: [1n, 2n], memory, returnData: hexToBytes("0xbeef"), error: GethError.outOfGas }));
    l.step(step({ pc: 4, op: 0x00, gas: 0, gasCost: 0, memory: E, returnData: E }));
    expect(JSON.stringify(l.result().structLogs)).toBe(
      `[{"pc":3,"op":"ADD","gas":2,"gasCost":3,"depth":1,"error":"out of gas","stack":["0x1","0x2"],"returnData":"0xbeef","memory":["${k(0x80)}","${k(1)}"]},` +
        `{"pc":4,"op":"STOP","gas":0,"gasCost":0,"depth":1,"stack":[]}]`,
    );
    expect(l.needsMemory && l.needsReturnData).toBe(true);
  });

  it("disableStack and disableStorage; undefined opcodes by geth's name", () => {
    const l = new StructLogger({ disableStack: true, disableStorage: true });
    l.step(step({ pc: 0, op: 0x55, gas: 30000, gasCost: 22100, stack: [1n, 2n] }));
    l.step(step({ pc: 1, op: 0x0c, gas: 7900, gasCost: 0 }));
    expect(JSON.stringify(l.result().structLogs)).toBe(
      '[{"pc":0,"op":"SSTORE","gas":30000,"gasCost":22100,"depth":1},{"pc":1,"op":"opcode 0xc not defined","gas":7900,"gasCost":0,"depth":1}]',
    );
  });

  it("returnValue: kept for success and revert, 0x for other failures", () => {
    const reverted = new StructLogger();
    reverted.exit(hexToBytes("0x08c379a0"), GethError.executionReverted);
    reverted.txEnd(30000);
    expect(reverted.result()).toEqual({ gas: 30000, failed: true, returnValue: "0x08c379a0", structLogs: [] });
    const oog = new StructLogger();
    oog.exit(hexToBytes("0x01"), GethError.outOfGas);
    oog.txEnd(30000);
    expect(oog.result()).toEqual({ gas: 30000, failed: true, returnValue: "0x", structLogs: [] });
  });

  it("limit: stops once the recorded JSON exceeds it", () => {
    const l = new StructLogger({ limit: 10 });
    for (let pc = 0; pc < 5; pc++) l.step(step({ pc, op: 0x5b, gas: 100 - pc, gasCost: 1 }));
    expect(l.result().structLogs.map((s) => s.pc)).toEqual([0]);
  });

  it("SLOAD needs the slot's value", () => {
    expect(() => new StructLogger().step(step({ pc: 0, op: 0x54, gas: 1, gasCost: 1, stack: [1n] }))).toThrow(ArgumentError);
  });
});
