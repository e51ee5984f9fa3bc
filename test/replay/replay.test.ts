import { describe, expect, it } from "vitest";
import { callsUnsupportedPrecompile, replayBlock, replayReportJson, type ReplayExecutor } from "../../ts/replay/replay";
import type { GethCallFrame } from "../../ts/tracing/call-tracer";
import { executions, fixture } from "../helpers/replay-dump";

const runs = executions(fixture());

/** An executor that reports what the dumps say happened, optionally changed for one transaction. */
function dumpExecutor(tweak?: (index: number, gasUsed: bigint) => bigint): ReplayExecutor & { seen: number[] } {
  const seen: number[] = [];
  return {
    seen,
    run(t, block) {
      expect(block.number).toBe(22244135n);
      seen.push(t.index);
      const gasUsed = tweak ? tweak(t.index, t.receipt.gasUsed) : t.receipt.gasUsed;
      return { success: t.receipt.success, gasUsed, logs: t.receipt.logs, accounts: runs[t.index]!.touched };
    },
  };
}

describe("replayBlock", () => {
  it("runs all 125 transactions in order; the dumps' own outcome passes", () => {
    const ex = dumpExecutor();
    const report = replayBlock(fixture(), ex, "ethereum");
    expect(ex.seen).toEqual([...Array(125).keys()]);
    expect([report.block, report.passed, report.failed, report.skipped.length]).toEqual([22244135, 125, 0, 0]);
    const json = replayReportJson(report);
    expect(Object.keys(json)).toEqual(["block", "passed", "failed", "transactions"]);
    expect(json.transactions[0]).toEqual({ hash: "0xaa7e65e597da35e0836ac7fc871c5e2c7f5d9a24596c622e98b43a09faf1dd0e", pass: true, mismatches: [] });
  });

  it("fails a transaction whose gas differs; zksync-os tolerates a refund-sized difference", () => {
    const plus = (d: bigint) => (i: number, g: bigint): bigint => (i === 3 ? g + d : g);
    let r = replayBlock(fixture(), dumpExecutor(plus(4800n)), "ethereum");
    expect([r.passed, r.failed]).toEqual([124, 1]);
    expect(r.transactions[3]!.mismatches).toEqual([`gasUsed: expected ${fixture().transactions[3]!.receipt.gasUsed}, got ${fixture().transactions[3]!.receipt.gasUsed + 4800n} (+4800)`]);
    r = replayBlock(fixture(), dumpExecutor(plus(4800n)), "zksync-os");
    expect([r.passed, r.failed, r.transactions[3]!.tolerated.length]).toEqual([125, 0, 1]);
    r = replayBlock(fixture(), dumpExecutor(plus(4801n)), "zksync-os");
    expect([r.passed, r.failed]).toEqual([124, 1]);
  });

  it("finds calls to 0x09/0x0a anywhere in a call tree (none in this block)", () => {
    const leaf = (to: string): GethCallFrame => ({ from: "0x" + "11".repeat(20), gas: "0x0", gasUsed: "0x0", to, input: "0x", type: "STATICCALL" });
    const tree = (to: string): GethCallFrame => ({ ...leaf("0x" + "22".repeat(20)), type: "CALL", calls: [leaf("0x" + "33".repeat(20)), { ...leaf("0x" + "44".repeat(20)), calls: [leaf(to)] }] });
    expect(callsUnsupportedPrecompile(tree("0x0000000000000000000000000000000000000009"))).toBe(true);
    expect(callsUnsupportedPrecompile(tree("0x000000000000000000000000000000000000000a"))).toBe(true);
    expect(callsUnsupportedPrecompile(tree("0x0000000000000000000000000000000000000001"))).toBe(false);
    expect(fixture().transactions.filter((t) => callsUnsupportedPrecompile(t.calls)).length).toBe(0);
  });
});
