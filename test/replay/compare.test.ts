import { describe, expect, it } from "vitest";
import { compareOutcome, consistentWithRefund, type ActualOutcome } from "../../ts/replay/compare";
import { expectedOutcome, type ExpectedOutcome } from "../../ts/replay/expected";
import type { DumpTransaction } from "../../ts/replay/block-dump";
import type { TouchedAccount } from "../../ts/tracing/prestate-tracer";
import { executions, fixture, ZERO_SLOT } from "../helpers/replay-dump";

const slot = (n: number | string): string => "0x" + n.toString(16).padStart(64, "0");
const SENDER = "0x7646aed35a2acdc882d63fb9be752501ea366332";
const TOKEN = "0xf411903cbc70a74d22900a5de66a2dda66507255";
const COINBASE = "0xcc8d83aa234ecc8ecceaf2a35b74c69d35bf1bb3";
const S1 = "0xa34a98917529537b7b2da04a43d6b661c72e097683f94045a2be74b7e8278480";

const runs = executions(fixture());

/** The run the dumps describe for tx `i` (every check must pass on it). */
function faithful(i: number): { expected: ExpectedOutcome; actual: ActualOutcome & { accounts: TouchedAccount[] } } {
  const t = fixture().transactions[i]!;
  const e = runs[i]!;
  const touched = e.touched.map((a) => ({ ...a, pre: { ...a.pre }, post: { ...a.post }, storage: new Map([...a.storage].map(([k, v]) => [k, { ...v }])) }));
  return { expected: e.expected, actual: { success: t.receipt.success, gasUsed: t.receipt.gasUsed, logs: t.receipt.logs.map((l) => ({ ...l })), accounts: touched } };
}
const eth = { profile: "ethereum" as const, coinbase: COINBASE };
const zk = { profile: "zksync-os" as const, coinbase: COINBASE };
const acc = (a: ActualOutcome & { accounts: TouchedAccount[] }, address: string): TouchedAccount => a.accounts.find((x) => x.address === address)!;

describe("compare: the dumps' own outcome passes", () => {
  it("all 125 transactions, both profiles, nothing tolerated", () => {
    fixture().transactions.forEach((_, i) => {
      const { expected, actual } = faithful(i);
      expect(compareOutcome(expected, actual, eth), `tx ${i}`).toEqual({ mismatches: [], tolerated: [] });
      expect(compareOutcome(expected, actual, zk), `tx ${i}`).toEqual({ mismatches: [], tolerated: [] });
    });
  });
});

describe("compare: each difference is named (tx 0)", () => {
  const cases: [string, (a: ActualOutcome & { accounts: TouchedAccount[] }) => void, string[]][] = [
    ["status", (a) => (a.success = false), ["status: expected success, got failure"]],
    ["gas", (a) => (a.gasUsed += 28n), ["gasUsed: expected 55672, got 55700 (+28)"]],
    ["log count", (a) => (a.logs as unknown[]).pop(), ["logs: expected 2, got 1"]],
    ["log address", (a) => ((a.logs[1] as { address: string }).address = "0x" + "11".repeat(20)), [`logs[1].address: expected ${TOKEN}, got 0x${"11".repeat(20)}`]],
    [
      "log topics",
      (a) => ((a.logs[0] as unknown as { topics: string[] }).topics = [slot(1)]),
      [
        "logs[0].topics: expected [0x06b541ddaa720db2b10a4d0cdac39b8d360425fc073085fac19bc82614677987, 0x0000000000000000000000007646aed35a2acdc882d63fb9be752501ea366332, 0x0000000000000000000000007646aed35a2acdc882d63fb9be752501ea366332, 0x0000000000000000000000009d0604c4cb988d2671ec086190493b688b39abd8], got [" + slot(1) + "]",
      ],
    ],
    ["log data as bytes", (a) => ((a.logs[1] as { data: unknown }).data = new Uint8Array([1, 2])), [`logs[1].data: expected ${fixture().transactions[0]!.receipt.logs[1]!.data}, got 0x0102`]],
    ["balance", (a) => (acc(a, SENDER).post.balance += 1n), [`balance of ${SENDER}: expected 0x3780f881e951aa8, got 0x3780f881e951aa9`]],
    ["nonce", (a) => (acc(a, SENDER).post.nonce = 536n), [`nonce of ${SENDER}: expected 537, got 536`]],
    ["balance that should not change", (a) => (acc(a, TOKEN).post.balance = 5n), [`balance of ${TOKEN}: expected unchanged 0x0, got 0x5`]],
    ["code", (a) => (acc(a, SENDER).post.code = new Uint8Array([0xef, 1])), [`code of ${SENDER}: expected unchanged 0x (0 bytes), got 0xef01 (2 bytes)`]],
    [
      "storage value",
      (a) => ((acc(a, TOKEN).storage as Map<string, { pre: string; post: string }>).get(S1)!.post = slot(9)),
      [`storage of ${TOKEN} at ${S1}: expected 0x000000000000000000000000000000000000000000903f9512596b0385040000, got ${slot(9)}`],
    ],
    [
      "storage write missing",
      (a) => {
        const s = acc(a, TOKEN).storage as Map<string, { pre: string; post: string }>;
        s.get(S1)!.post = s.get(S1)!.pre;
      },
      [`storage of ${TOKEN} at ${S1}: expected 0x000000000000000000000000000000000000000000903f9512596b0385040000, got unchanged 0x0000000000000000000000000000000000000000001a7646ee52985f2c8c0000`],
    ],
    [
      "extra storage write",
      (a) => (acc(a, TOKEN).storage as Map<string, { pre: string; post: string }>).set(slot(77), { pre: ZERO_SLOT, post: slot(1) }),
      [`storage of ${TOKEN} at ${slot(77)}: expected unchanged ${ZERO_SLOT}, got ${slot(1)}`],
    ],
    [
      "account that should not change",
      (a) => {
        const x = "0x" + "42".repeat(20);
        a.accounts.push({
          address: x, pre: { balance: 1n, nonce: 0n, code: new Uint8Array(0) }, post: { balance: 2n, nonce: 1n, code: new Uint8Array(0) },
          storage: new Map([[slot(0), { pre: ZERO_SLOT, post: slot(3) }]]), created: false, selfDestructed: false,
        });
      },
      [
        `balance of 0x${"42".repeat(20)}: expected unchanged 0x1, got 0x2`,
        `nonce of 0x${"42".repeat(20)}: expected unchanged 0, got 1`,
        `storage of 0x${"42".repeat(20)} at ${slot(0)}: expected unchanged ${ZERO_SLOT}, got ${slot(3)}`,
      ],
    ],
    [
      "untouched account",
      (a) => a.accounts.splice(a.accounts.findIndex((x) => x.address === SENDER), 1),
      [`balance of ${SENDER}: expected 0x3780f881e951aa8, got 0x37a20eb8d3c8348`, `nonce of ${SENDER}: expected 537, got 536`],
    ],
  ];
  it.each(cases)("%s", (_name, mutate, want) => {
    const { expected, actual } = faithful(0);
    mutate(actual);
    expect(compareOutcome(expected, actual, eth)).toEqual({ mismatches: want, tolerated: [] });
  });
});

describe("compare: zksync-os profile", () => {
  it("tolerates gas differences refunds explain, not others", () => {
    const { expected, actual } = faithful(0);
    actual.gasUsed += 19900n;
    expect(compareOutcome(expected, actual, zk)).toEqual({ mismatches: [], tolerated: ["gasUsed: expected 55672, got 75572 (+19900)"] });
    actual.gasUsed = expected.gasUsed + 100n;
    expect(compareOutcome(expected, actual, zk)).toEqual({ mismatches: ["gasUsed: expected 55672, got 55772 (+100)"], tolerated: [] });
    expect(compareOutcome(expected, actual, eth).mismatches).toEqual(["gasUsed: expected 55672, got 55772 (+100)"]);
  });

  it("leaves the coinbase out and tolerates other balances; nonce, code, storage stay exact", () => {
    const { expected, actual } = faithful(0);
    acc(actual, COINBASE).post.balance += 1000n;
    acc(actual, SENDER).post.balance -= 7n;
    acc(actual, SENDER).post.nonce += 1n;
    expect(compareOutcome(expected, actual, zk)).toEqual({
      mismatches: [`nonce of ${SENDER}: expected 537, got 538`],
      tolerated: [`balance of ${SENDER}: expected 0x3780f881e951aa8, got 0x3780f881e951aa1`],
    });
    expect(compareOutcome(expected, actual, eth).mismatches).toEqual([
      `balance of ${SENDER}: expected 0x3780f881e951aa8, got 0x3780f881e951aa1`,
      `nonce of ${SENDER}: expected 537, got 538`,
      `balance of ${COINBASE}: expected 0x33fb282a7ec92b10, got 0x33fb282a7ec92ef8`,
    ]);
  });
});

describe("consistentWithRefund (reference eth_runner heuristic)", () => {
  const table: [bigint, bigint, boolean][] = [
    [55672n, 0n, true],
    [55672n, 19900n, true],
    [55672n, 2800n, true],
    [55672n, 4800n, true],
    [55672n, 7600n, true],
    [55672n, 44600n, true], // 2·19900 + 4800
    [55672n, 100n, false],
    [55672n, 2900n, false],
    [55672n, 33300n, false], // 19900 + 13400, and 13400 is no sum of 2800s and 4800s
    [55672n, 19901n, false],
    [50500n, 10100n, true], // no decomposition, but exactly gasUsed / 5
    [50504n, 10100n, true], // floor division
    [50499n, 10100n, false],
  ];
  it.each(table)("gasUsed %s, difference %s → %s", (gasUsed, diff, want) => {
    expect(consistentWithRefund(gasUsed, diff)).toBe(want);
  });
});

describe("compare: SELFDESTRUCT as geth v1.15.8 reports it (pre only)", () => {
  const X = "0x" + "de".repeat(20);
  const code = new Uint8Array([0x33, 0xff]);
  const expected = expectedOutcome({
    index: 0, hash: "0x", receipt: { success: true, gasUsed: 30000n, cumulativeGasUsed: 0n, logs: [], contractAddress: null },
    diff: { pre: { [X]: { balance: "0x64", code: "0x33ff", nonce: 1 } }, post: {} },
  } as unknown as DumpTransaction);
  const run = (post: TouchedAccount["post"], flags: Partial<TouchedAccount>): string[] =>
    compareOutcome(expected, {
      success: true, gasUsed: 30000n, logs: [],
      accounts: [{ address: X, pre: { balance: 100n, nonce: 1n, code }, post, storage: new Map(), created: false, selfDestructed: true, ...flags }],
    }, eth).mismatches;

  it("accepts an old account that sent its balance away (EIP-6780)", () => {
    expect(run({ balance: 0n, nonce: 1n, code }, {})).toEqual([]);
  });
  it("accepts a deleted account created in the transaction", () => {
    expect(run({ balance: 0n, nonce: 0n, code: new Uint8Array(0) }, { created: true })).toEqual([]);
  });
  it("rejects a created account left in place, an old one losing its code, and no SELFDESTRUCT", () => {
    expect(run({ balance: 0n, nonce: 1n, code }, { created: true })).toEqual([`selfdestruct of ${X}: created in the transaction but not deleted`]);
    expect(run({ balance: 0n, nonce: 0n, code: new Uint8Array(0) }, {})).toEqual([`selfdestruct of ${X}: nonce or code changed, EIP-6780 keeps them`]);
    expect(run({ balance: 100n, nonce: 1n, code }, { selfDestructed: false })).toEqual([`selfdestruct of ${X}: expected, the run did not execute it`]);
  });
});
