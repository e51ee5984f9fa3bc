import { describe, expect, it } from "vitest";
import { CallTracer, type GethCallFrame } from "../../ts/tracing/call-tracer";
import { GethError } from "../../ts/tracing/geth-errors";
import { hexToBytes } from "../../ts/primitives/hex";
import { ArgumentError } from "../../ts/errors";
import { fixture, replayCallEvents } from "../helpers/replay-dump";

const A = "0x" + "aa".repeat(20);
const B = "0x" + "bb".repeat(20);
const C = "0x" + "cc".repeat(20);
const E = new Uint8Array(0);
const h = hexToBytes;
/** abi.encode of Error("boom"). */
const BOOM = h("0x08c379a0" + "20".padStart(64, "0") + "4".padStart(64, "0") + "626f6f6d".padEnd(64, "0"));

describe("callTracer reproduces block 22244135's calltrace.json", () => {
  it("all 125 transactions from the tree's own enter/exit events, key order included", () => {
    for (const t of fixture().transactions) {
      const tracer = new CallTracer();
      tracer.txStart(t.tx.gasLimit);
      replayCallEvents(tracer, t.calls);
      tracer.txEnd(t.receipt.gasUsed);
      expect(JSON.stringify(tracer.result()), `tx ${t.index}`).toBe(JSON.stringify(t.calls));
    }
  });

  it("decodes the block's one revert reason from the output alone", () => {
    const frames: GethCallFrame[] = [];
    const walk = (f: GethCallFrame): void => {
      if (f.revertReason !== undefined) frames.push(f);
      f.calls?.forEach(walk);
    };
    fixture().transactions.forEach((t) => walk(t.calls));
    expect(frames.map((f) => f.revertReason)).toEqual(["ERC20: transfer amount exceeds allowance"]);
    const tracer = new CallTracer();
    tracer.txStart(1);
    tracer.enter("CALL", A, B, 0n, 1, E);
    tracer.exit(1, h(frames[0]!.output!), GethError.executionReverted);
    tracer.txEnd(1);
    expect(tracer.result().revertReason).toBe("ERC20: transfer amount exceeds allowance");
  });
});

describe("callTracer rules (geth v1.15.8)", () => {
  it("top frame: gas is the tx gas limit, gasUsed the receipt's; STATICCALL has no value; a revert keeps output and reason", () => {
    const t = new CallTracer();
    t.txStart(100000);
    t.enter("CALL", A, B, 5n, 79000, h("0x1234"));
    t.enter("STATICCALL", B, C, null, 3000, E);
    t.exit(2600, h("0x01"), null);
    t.enter("DELEGATECALL", B, C, 5n, 2000, E);
    t.exit(2000, E, GethError.outOfGas);
    t.exit(70000, BOOM, GethError.executionReverted);
    t.txEnd(91000);
    expect(JSON.stringify(t.result())).toBe(JSON.stringify({
      from: A, gas: "0x186a0", gasUsed: "0x16378", to: B, input: "0x1234",
      output: "0x" + Buffer.from(BOOM).toString("hex"), error: "execution reverted", revertReason: "boom",
      calls: [
        { from: B, gas: "0xbb8", gasUsed: "0xa28", to: C, input: "0x", output: "0x01", type: "STATICCALL" },
        { from: B, gas: "0x7d0", gasUsed: "0x7d0", to: C, input: "0x", error: "out of gas", value: "0x5", type: "DELEGATECALL" },
      ],
      value: "0x5", type: "CALL",
    }));
  });

  it("a failed CREATE loses `to`; errors other than revert drop the output; an empty revert has no output", () => {
    const t = new CallTracer();
    t.txStart(50000);
    t.enter("CREATE", A, B, 0n, 0, h("0x6000"));
    t.enter("CREATE2", B, C, 0n, 100, h("0xfe"));
    t.exit(100, h("0xdead"), "invalid opcode: INVALID");
    t.enter("CALL", B, C, 0n, 100, E);
    t.exit(40, E, GethError.executionReverted);
    t.exit(30000, E, GethError.codeStoreOutOfGas);
    t.txEnd(50000);
    expect(JSON.stringify(t.result())).toBe(JSON.stringify({
      from: A, gas: "0xc350", gasUsed: "0xc350", input: "0x6000", error: "contract creation code storage out of gas",
      calls: [
        { from: B, gas: "0x64", gasUsed: "0x64", input: "0xfe", error: "invalid opcode: INVALID", value: "0x0", type: "CREATE2" },
        { from: B, gas: "0x64", gasUsed: "0x28", to: C, input: "0x", error: "execution reverted", value: "0x0", type: "CALL" },
      ],
      value: "0x0", type: "CREATE",
    }));
  });

  it("SELFDESTRUCT is a zero-gas frame with the balance as value", () => {
    const t = new CallTracer();
    t.txStart(30000);
    t.enter("CALL", A, B, 0n, 0, E);
    t.selfDestruct(B, C, 123n);
    t.exit(0, E, null);
    t.txEnd(26000);
    expect(t.result().calls).toEqual([{ from: B, gas: "0x0", gasUsed: "0x0", to: C, input: "0x", value: "0x7b", type: "SELFDESTRUCT" }]);
  });

  it("withLog: position counts earlier subcalls; logs of failed frames and their children are dropped", () => {
    const t = new CallTracer({ withLog: true });
    const topic = new Uint8Array(32).fill(1);
    t.txStart(90000);
    t.enter("CALL", A, B, 0n, 0, E);
    t.log(B, [topic], h("0x01"));
    t.enter("CALL", B, C, 0n, 10, E);
    t.log(C, [], E);
    t.exit(5, E, null);
    t.enter("CALL", B, C, 0n, 10, E);
    t.log(C, [], h("0x02"));
    t.enter("CALL", C, A, 0n, 5, E);
    t.log(A, [], E);
    t.exit(1, E, null);
    t.exit(10, E, GethError.executionReverted);
    t.log(B, [], h("0x03"));
    t.exit(100, E, null);
    t.txEnd(50000);
    const r = t.result();
    expect(r.logs).toEqual([
      { address: B, topics: ["0x" + "01".repeat(32)], data: "0x01", position: "0x0" },
      { address: B, topics: [], data: "0x03", position: "0x2" },
    ]);
    expect(r.calls![0]!.logs).toEqual([{ address: C, topics: [], data: "0x", position: "0x0" }]);
    expect(r.calls![1]!.logs).toBeUndefined();
    expect(r.calls![1]!.calls![0]!.logs).toBeUndefined();
  });

  it("onlyTopCall records the top frame alone", () => {
    const t = new CallTracer({ onlyTopCall: true, withLog: true });
    t.txStart(21000);
    t.enter("CALL", A, B, 1n, 0, E);
    t.enter("CALL", B, C, 0n, 10, E);
    t.log(C, [], E);
    t.exit(5, E, null);
    t.log(B, [], E);
    t.exit(0, h("0x02"), null);
    t.txEnd(21000);
    expect(JSON.stringify(t.result())).toBe(JSON.stringify({
      from: A, gas: "0x5208", gasUsed: "0x5208", to: B, input: "0x", output: "0x02",
      logs: [{ address: B, topics: [], data: "0x", position: "0x0" }], value: "0x1", type: "CALL",
    }));
  });

  it("rejects events out of order", () => {
    const t = new CallTracer();
    expect(() => t.exit(0, E, null)).toThrow(ArgumentError);
    expect(() => t.txEnd(0)).toThrow(ArgumentError);
    t.enter("CALL", A, B, 0n, 0, E);
    expect(() => t.result()).toThrow(ArgumentError);
  });
});
