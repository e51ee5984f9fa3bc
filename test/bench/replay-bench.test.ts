// Smoke test of the `replay` bench suite's comparison (not its timing): one quick round, in which
// zkos and @ethereumjs/vm must both reproduce every receipt's gas before anything is timed.
import { describe, expect, it } from "vitest";
import { replaySuite, type ReplayBenchReport } from "../../bench/replay.bench";
import type { CliIO } from "../../ts/cli/command";

describe("bench replay", () => {
  it("both sides replay block 22244135 with the receipts' gas; rows for zkos, zkos replay, ethereumjs", async () => {
    const io: CliIO = { out: () => {}, err: () => {} };
    const r = (await replaySuite.run({ quick: true, json: true, io })) as ReplayBenchReport;
    expect(r.check).toEqual({ zkosMatches: true, peerMatches: true });
    expect([r.block, r.transactions, r.gasUsed]).toEqual([22244135, 125, "9145346"]);
    expect(r.rows.map((x) => x.subject)).toEqual(["zkos", "zkos replay", "ethereumjs"]);
    for (const row of r.rows) expect(row.mgasPerSec).toBeGreaterThan(0);
  }, 120_000);
});
