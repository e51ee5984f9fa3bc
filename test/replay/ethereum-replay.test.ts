// The real mainnet block 22244135 replayed under the `ethereum` profile: every transaction's
// status, gas, logs and state diff must equal the receipts and geth's diff trace exactly, and the
// tracers fed by our runner must reproduce the dumped callTracer, prestateTracer and diffMode output.
import { beforeAll, describe, expect, it } from "vitest";
import { replayBlock, type ReplayReport } from "../../ts/replay/replay";
import { EthereumReplayExecutor } from "../../ts/replay/ethereum-executor";
import { fixture } from "../helpers/replay-dump";

describe("replay of mainnet block 22244135 (ethereum profile)", () => {
  let ex: EthereumReplayExecutor;
  let report: ReplayReport;
  beforeAll(() => {
    ex = new EthereumReplayExecutor(fixture(), { traces: true });
    report = replayBlock(fixture(), ex, "ethereum");
  });

  it("all 125 transactions match receipts and diff traces", () => {
    const failures = report.transactions.filter((t) => !t.pass).map((t) => `${t.hash}: ${t.mismatches.slice(0, 4).join("; ")}`);
    expect(failures).toEqual([]);
    expect([report.passed, report.failed, report.transactions.length]).toEqual([125, 0, 125]);
    expect(ex.cumulativeGasUsed).toBe(fixture().block.gasUsed);
  });

  const differing = (pick: (hash: string) => [unknown, unknown]): string[] =>
    fixture().transactions.filter((t) => {
      const [got, want] = pick(t.hash);
      return JSON.stringify(got) !== JSON.stringify(want);
    }).map((t) => t.hash);

  it("callTracer output equals calltrace.json for every transaction", () => {
    expect(differing((h) => [ex.tracers.get(h)!.callTrace(), fixture().transactions.find((t) => t.hash === h)!.calls])).toEqual([]);
  });

  it("prestateTracer output equals prestatetrace.json for every transaction", () => {
    expect(differing((h) => [ex.tracers.get(h)!.prestateTrace(), fixture().transactions.find((t) => t.hash === h)!.prestate])).toEqual([]);
  });

  it("prestateTracer diffMode output equals difftrace.json for every transaction", () => {
    expect(differing((h) => [ex.tracers.get(h)!.prestateDiffTrace(), fixture().transactions.find((t) => t.hash === h)!.diff])).toEqual([]);
  });

  it("a wrong pre-state value is caught and named", () => {
    const dump = fixture();
    const bad = new EthereumReplayExecutor(dump);
    const t0 = dump.transactions[0]!;
    bad.state.setBalance(t0.from, 0n);
    const r = replayBlock({ ...dump, transactions: [t0] }, bad, "ethereum");
    expect(r.failed).toBe(1);
    expect(r.transactions[0]!.mismatches[0]).toMatch(/^status: expected a valid transaction, the run rejected it: INSUFFICIENT_ACCOUNT_FUNDS/);
  });
});
