// Mainnet block 22244135 through our ZKsync OS bootloader (the reference eth_runner's setup): every
// transaction passes under the zksync-os rules, and the only differences are the ones those rules
// accept (gas that SSTORE refunds explain, the sender's balance that follows from it).
import { beforeAll, describe, expect, it } from "vitest";
import { replayBlock, type ReplayReport } from "../../ts/replay/replay";
import { ZksyncReplayExecutor } from "../../ts/replay/zksync-executor";
import { consistentWithRefund } from "../../ts/replay/compare";
import { fixture } from "../helpers/replay-dump";

describe("replay of mainnet block 22244135 (zksync-os profile)", () => {
  let ex: ZksyncReplayExecutor;
  let report: ReplayReport;
  beforeAll(() => {
    ex = new ZksyncReplayExecutor(fixture());
    report = replayBlock(fixture(), ex, "zksync-os");
  });

  it("all 125 transactions pass; none is skipped (no call reaches 0x09/0x0a)", () => {
    const failures = report.transactions.filter((t) => !t.pass).map((t) => `${t.hash}: ${t.mismatches.slice(0, 4).join("; ")}`);
    expect(failures).toEqual([]);
    expect([report.passed, report.failed, report.skipped.length]).toEqual([125, 0, 0]);
  });

  it("gas differs only by refund-shaped amounts, and ZKsync OS never charges less", () => {
    let differing = 0;
    for (const t of fixture().transactions) {
      const got = ex.blocks.get(t.hash)!.transactions[0]!.gasUsed;
      const want = t.receipt.gasUsed;
      if (got === want) continue;
      differing++;
      // ZKsync OS grants no refunds: its gas is the larger one.
      expect(got > want).toBe(true);
      expect(consistentWithRefund(got, got - want)).toBe(true);
    }
    expect(differing).toBe(12);
    const tolerated = report.transactions.flatMap((t) => t.tolerated.map((m) => m.split(":")[0]!.replace(/0x[0-9a-f]{40}/, "ADDR")));
    expect(new Set(tolerated)).toEqual(new Set(["gasUsed", "balance of ADDR"]));
  });

  it("the state diff is real: a transfer's storage writes and logs come from our run", () => {
    const t = fixture().transactions[5]!;
    const block = ex.blocks.get(t.hash)!;
    expect(block.transactions[0]!.status).toBe("success");
    expect(block.transactions[0]!.logs.length).toBe(t.receipt.logs.length);
    expect(block.io.storageWrites.length).toBeGreaterThan(0);
  });
});

describe("call traces of block 22244135 run by the ZKsync OS bootloader", () => {
  it("equal geth's callTracer output, except the top frame's gasUsed where ZKsync OS keeps the refund", () => {
    const ex = new ZksyncReplayExecutor(fixture(), { traces: true });
    replayBlock(fixture(), ex, "zksync-os");
    const differing: string[] = [];
    let topGasOnly = 0;
    for (const t of fixture().transactions) {
      const ours = ex.tracers.get(t.hash)!.callTrace();
      if (JSON.stringify(ours) === JSON.stringify(t.calls)) continue;
      if (JSON.stringify({ ...ours, gasUsed: t.calls.gasUsed }) === JSON.stringify(t.calls)) topGasOnly++;
      else differing.push(t.hash);
    }
    expect(differing).toEqual([]);
    expect(topGasOnly).toBe(12);
  });
});
