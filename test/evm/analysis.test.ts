// Code records (as/evm/analysis.ts, ts/ee/evm/code-cache.ts): 33 bytes of STOP padding after the
// code, analysis done once per distinct code array, initcode analysed from memory.
import { describe, expect, it } from "vitest";
import { wasm } from "../../ts/wasm";
import { codeRecord } from "../../ts/ee/evm/code-cache";
import { evmLayout } from "../../ts/ee/evm/layout";
import { bytes, op, push, returnTop } from "../helpers/bytecode";
import { runCode, word } from "../helpers/evm";

describe("code records", () => {
  it("pad the code with 33 zero bytes", () => {
    const w = wasm();
    const code = bytes("7f" + "ff".repeat(10));
    const rec = codeRecord(code);
    if (w.viewsStale) w.refreshViews();
    const start = rec + evmLayout(w).codeBytes;
    expect(Array.from(w.u8.subarray(start, start + code.length))).toEqual(Array.from(code));
    expect(Array.from(w.u8.subarray(start + code.length, start + code.length + 33))).toEqual(new Array(33).fill(0));
  });

  it("are built once per code array", () => {
    const e = wasm().exports;
    const code = bytes(push(1) + op.JUMPDEST + op.STOP);
    const rec = codeRecord(code);
    const used = e.evmCodeCacheBytes();
    expect(codeRecord(code)).toBe(rec);
    expect(e.evmCodeCacheBytes()).toBe(used);
    expect(codeRecord(bytes(push(1) + op.JUMPDEST + op.STOP))).not.toBe(rec);
  });

  it("running the same account code twice does not analyse it again", () => {
    const e = wasm().exports;
    const first = runCode({ code: push(7) + returnTop() });
    const used = e.evmCodeCacheBytes();
    const second = runCode({ code: "", state: first.state });
    expect(second.returnHex).toBe(word(7));
    expect(e.evmCodeCacheBytes()).toBe(used);
  });

  it("JUMPDEST bytes inside PUSH data at every immediate width are no destinations", () => {
    for (let n = 1; n <= 32; n++) {
      // PUSHn with all-0x5b data, then try to jump into its last data byte.
      const code = (0x5f + n).toString(16) + "5b".repeat(n) + push(n) + op.JUMP;
      const r = runCode({ code, gas: 1000n });
      expect({ n, error: r.error }).toEqual({ n, error: "BadJumpDestination" });
    }
  });
});
