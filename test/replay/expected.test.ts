import { describe, expect, it } from "vitest";
import { applyExpectedChanges, expectedOutcome, expectedOutcomes } from "../../ts/replay/expected";
import type { DumpTransaction } from "../../ts/replay/block-dump";
import type { PreStateAccount } from "../../ts/replay/prestate";
import type { GethDiffResult } from "../../ts/tracing/prestate-tracer";
import { bytesToHex } from "../../ts/primitives/hex";
import { fixture, ZERO_SLOT } from "../helpers/replay-dump";

const slot = (n: number | string): string => "0x" + n.toString(16).padStart(64, "0");
const A = "0x" + "aa".repeat(20);
const B = "0x" + "bb".repeat(20);
const C = "0x" + "cc".repeat(20);

function withDiff(diff: GethDiffResult): DumpTransaction {
  return {
    index: 0, hash: "0x" + "00".repeat(32), diff,
    receipt: { success: true, gasUsed: 21000n, cumulativeGasUsed: 21000n, logs: [], contractAddress: null },
  } as unknown as DumpTransaction;
}

describe("expected outcomes of block 22244135", () => {
  const all = expectedOutcomes(fixture());

  it("has one per transaction with the receipts' status and gas", () => {
    expect(all.length).toBe(125);
    expect(all.filter((o) => !o.success).map((o) => o.index).length).toBe(22);
    expect(all.reduce((s, o) => s + o.gasUsed, 0n)).toBe(0x8b8c02n);
    expect(all.map((o) => o.hash)).toEqual(fixture().transactions.map((t) => t.hash));
  });

  it("tx 0: status, gas, two logs and three changed accounts (values from the dumps)", () => {
    const o = all[0]!;
    expect(o.success).toBe(true);
    expect(o.gasUsed).toBe(0xd978n);
    expect(o.logs.length).toBe(2);
    expect(o.logs[0]!.address).toBe("0xf411903cbc70a74d22900a5de66a2dda66507255");
    expect(o.logs[0]!.topics.length).toBe(4);
    expect(o.logs[0]!.data.length).toBe(2 + 2 * 192);
    expect([...o.changes.keys()]).toEqual([
      "0x7646aed35a2acdc882d63fb9be752501ea366332",
      "0xcc8d83aa234ecc8ecceaf2a35b74c69d35bf1bb3",
      "0xf411903cbc70a74d22900a5de66a2dda66507255",
    ]);
    const sender = o.changes.get("0x7646aed35a2acdc882d63fb9be752501ea366332")!;
    expect([sender.balance, sender.nonce, sender.code, sender.storage.size, sender.selfDestructed]).toEqual([0x3780f881e951aa8n, 537n, undefined, 0, false]);
    expect(sender.pre!.nonce).toBe(536n);
    const miner = o.changes.get("0xcc8d83aa234ecc8ecceaf2a35b74c69d35bf1bb3")!;
    expect([miner.balance, miner.nonce]).toEqual([0x33fb282a7ec92b10n, undefined]);
    const token = o.changes.get("0xf411903cbc70a74d22900a5de66a2dda66507255")!;
    expect(token.balance).toBeUndefined();
    // 0x5c67… is in the diff's pre only (…75c94e2406d2a458780000): the transfer emptied it.
    expect([...token.storage]).toEqual([
      ["0x5c67956d87e2a782bec2d49ddd6f7b7e697f5d4c2fa00fa40cc100270576be26", ZERO_SLOT],
      ["0xa34a98917529537b7b2da04a43d6b661c72e097683f94045a2be74b7e8278480", "0x000000000000000000000000000000000000000000903f9512596b0385040000"],
    ]);
  });

  it("counts the changes over the block", () => {
    let accounts = 0;
    let slots = 0;
    let cleared = 0;
    for (const o of all) {
      accounts += o.changes.size;
      for (const c of o.changes.values()) {
        slots += c.storage.size;
        for (const v of c.storage.values()) if (v === ZERO_SLOT) cleared++;
      }
    }
    // Counted independently from difftrace.json: accounts in post, union of pre/post slot keys,
    // keys in pre only. No account is in pre only (selfdestruct) or post only (creation).
    expect(accounts).toBe(Object.values(fixture().transactions).reduce((n, t) => n + Object.keys(t.diff.post).length, 0));
    expect([accounts, slots, cleared]).toEqual([400, 149, 9]);
    expect(all.some((o) => [...o.changes.values()].some((c) => c.selfDestructed || c.pre === null))).toBe(false);
  });
});

describe("diffMode reading", () => {
  it("a slot in pre but not in post became zero; post slots take their new value", () => {
    const o = expectedOutcome(withDiff({
      pre: { [A]: { balance: "0x1", nonce: 1, storage: { [slot(1)]: slot(5), [slot(2)]: slot(6) } } },
      post: { [A]: { storage: { [slot(2)]: slot(9), [slot(3)]: slot(4) } } },
    }));
    const c = o.changes.get(A)!;
    expect([...c.storage].sort()).toEqual([[slot(1), ZERO_SLOT], [slot(2), slot(9)], [slot(3), slot(4)]]);
    expect([c.balance, c.nonce, c.code]).toEqual([undefined, undefined, undefined]);
  });

  it("an empty post object still means a change (all of its changed slots were cleared)", () => {
    const c = expectedOutcome(withDiff({ pre: { [A]: { balance: "0x0", storage: { [slot(7)]: slot(1) } } }, post: { [A]: {} } })).changes.get(A)!;
    expect([...c.storage]).toEqual([[slot(7), ZERO_SLOT]]);
  });

  it("pre only: the account executed SELFDESTRUCT", () => {
    const c = expectedOutcome(withDiff({ pre: { [B]: { balance: "0x7", code: "0x6000", nonce: 1 } }, post: {} })).changes.get(B)!;
    expect(c.selfDestructed).toBe(true);
    expect(c.pre!.balance).toBe(7n);
    expect(bytesToHex(c.pre!.code)).toBe("0x6000");
  });

  it("post only: the account did not exist before", () => {
    const c = expectedOutcome(withDiff({ pre: {}, post: { [C]: { balance: "0x3", code: "0x00", nonce: 1, storage: { [slot(0)]: slot(1) } } } })).changes.get(C)!;
    expect(c.pre).toBeNull();
    expect([c.balance, c.nonce, bytesToHex(c.code!), c.selfDestructed]).toEqual([3n, 1n, "0x00", false]);
  });

  it("applies changes: fields, slots, creation, EIP-6780 selfdestruct of a created and an old account", () => {
    const state = new Map<string, PreStateAccount>([
      [A, { balance: 10n, nonce: 1n, code: new Uint8Array(0), storage: new Map([[slot(1), slot(5)]]) }],
      [B, { balance: 7n, nonce: 1n, code: new Uint8Array([0x60, 0]), storage: new Map() }],
    ]);
    const o = expectedOutcome(withDiff({
      pre: { [A]: { balance: "0xa", nonce: 1, storage: { [slot(1)]: slot(5) } }, [B]: { balance: "0x7", code: "0x6000", nonce: 1 } },
      post: { [A]: { balance: "0x11", nonce: 2 }, [C]: { balance: "0x1" } },
    }));
    applyExpectedChanges(state, o);
    expect(state.get(A)!.balance).toBe(17n);
    expect(state.get(A)!.nonce).toBe(2n);
    expect(state.get(A)!.storage.get(slot(1))).toBe(ZERO_SLOT);
    expect(state.get(B)!.balance).toBe(0n);
    expect(state.get(B)!.code.length).toBe(2);
    expect(state.get(C)!.balance).toBe(1n);
    const again = new Map([[B, { balance: 7n, nonce: 1n, code: new Uint8Array(0), storage: new Map() }]]);
    applyExpectedChanges(again, o, new Set([B]));
    expect(again.has(B)).toBe(false);
  });
});
