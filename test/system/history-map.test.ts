// HistoryMap (ts/system/history-map.ts) against zk_ee common_structs/history_map at 0a82da0: the
// reference's own unit scenarios (miri_*), rollbacks at several depths, commit, the altered list.
import { describe, expect, it } from "vitest";
import { HistoryMap } from "../../ts/system/history-map";
import { InternalBlockError } from "../../ts/zksync/validation-errors";

function values(m: HistoryMap<string, number>): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const e of m.values()) out[e.key] = [e.initial, e.current];
  return out;
}

describe("HistoryMap", () => {
  it("spawns the initial value once and keeps it as record 0", () => {
    const m = new HistoryMap<string, number>();
    let spawned = 0;
    const e = m.getOrInsert("a", () => { spawned++; return 1; });
    expect(m.getOrInsert("a", () => { spawned++; return 9; })).toBe(e);
    expect([spawned, e.initial, e.current, e.hasUpdates]).toEqual([1, 1, 1, false]);
  });

  it("inserts nothing when spawn throws", () => {
    const m = new HistoryMap<string, number>();
    expect(() => m.getOrInsert("a", () => { throw new Error("no"); })).toThrow("no");
    expect(m.size).toBe(0);
  });

  it("miri_rollback: rolls back to the snapshot and a later update reuses it", () => {
    const m = new HistoryMap<string, number>();
    m.snapshot();
    const e = m.getOrInsert("1", () => 1);
    m.update(e, 2);
    const ss = m.snapshot();
    m.update(e, 3);
    m.snapshot();
    m.rollback(ss);
    expect([e.initial, e.current]).toEqual([1, 2]);
    m.update(e, 6);
    expect([e.initial, e.current]).toEqual([1, 6]);
  });

  it("updates under one snapshot overwrite the same record", () => {
    const m = new HistoryMap<string, number>();
    const e = m.getOrInsert("k", () => 0);
    const s = m.snapshot();
    m.update(e, 1);
    m.update(e, 2);
    m.update(e, 3);
    expect(m.alteredSinceCommit().length).toBe(1);
    m.rollback(s);
    expect([e.current, e.hasUpdates]).toEqual([0, false]);
  });

  it("rolls back nested frames at several depths, each to its own point", () => {
    const m = new HistoryMap<string, number>();
    const a = m.getOrInsert("a", () => 0);
    const b = m.getOrInsert("b", () => 100);
    const s1 = m.snapshot();
    m.update(a, 1);
    const s2 = m.snapshot();
    m.update(b, 101);
    const s3 = m.snapshot();
    m.update(a, 3);
    m.update(b, 103);
    const s4 = m.snapshot();
    m.update(a, 4);
    m.rollback(s4);
    expect(values(m)).toEqual({ a: [0, 3], b: [100, 103] });
    m.rollback(s3);
    expect(values(m)).toEqual({ a: [0, 1], b: [100, 101] });
    m.update(a, 7);
    m.rollback(s2);
    expect(values(m)).toEqual({ a: [0, 1], b: [100, 100] });
    m.rollback(s1);
    expect(values(m)).toEqual({ a: [0, 0], b: [100, 100] });
    expect([a.hasUpdates, b.hasUpdates, m.alteredSinceCommit().length]).toEqual([false, false, 0]);
  });

  it("a key inserted inside a reverted frame stays, with its initial value", () => {
    const m = new HistoryMap<string, number>();
    const s = m.snapshot();
    const e = m.getOrInsert("x", () => 5);
    m.update(e, 6);
    m.rollback(s);
    expect(m.get("x")).toBe(e);
    expect([e.current, e.hasUpdates]).toEqual([5, false]);
  });

  it("commit freezes: histories keep initial + current, older snapshots can no longer be used", () => {
    const m = new HistoryMap<string, number>();
    const e = m.getOrInsert("k", () => 1);
    const s = m.snapshot();
    m.update(e, 2);
    m.snapshot();
    m.update(e, 3);
    m.commit();
    expect([e.initial, e.current, e.hasUpdates]).toEqual([1, 3, true]);
    expect(m.alteredSinceCommit()).toEqual([]);
    expect(() => m.rollback(s)).toThrow(InternalBlockError);
    const t = m.snapshot();
    m.update(e, 4);
    m.rollback(t);
    expect([e.initial, e.current]).toEqual([1, 3]);
  });

  it("rejects a snapshot id that was never returned", () => {
    const m = new HistoryMap<string, number>();
    expect(() => m.rollback(5)).toThrow(/non-existent/);
  });

  it("alteredSinceCommit lists each new record, oldest first, and shrinks on rollback", () => {
    const m = new HistoryMap<string, number>();
    const a = m.getOrInsert("a", () => 0);
    const b = m.getOrInsert("b", () => 0);
    m.snapshot();
    m.update(a, 1);
    const s = m.snapshot();
    m.update(b, 1);
    m.snapshot();
    m.update(a, 2);
    expect(m.alteredSinceCommit().map((e) => e.key)).toEqual(["a", "b", "a"]);
    m.rollback(s);
    expect(m.alteredSinceCommit().map((e) => e.key)).toEqual(["a"]);
  });

  it("overwriteCurrent changes the head without a record", () => {
    const m = new HistoryMap<string, number>();
    const e = m.getOrInsert("k", () => 1);
    m.snapshot();
    m.update(e, 2);
    m.overwriteCurrent(e, 9);
    expect([e.current, m.alteredSinceCommit().length]).toEqual([9, 1]);
    m.commit();
    expect([e.initial, e.current]).toEqual([1, 9]);
  });
});
