import { describe, expect, it } from "vitest";
import { buildPreState, createdAddresses, isEmptyPreAccount, preStateAlloc } from "../../ts/replay/prestate";
import type { BlockDump, DumpTransaction } from "../../ts/replay/block-dump";
import type { GethCallFrame } from "../../ts/tracing/call-tracer";
import type { GethPrestateResult } from "../../ts/tracing/prestate-tracer";
import { bytesToHex } from "../../ts/primitives/hex";
import { executions, fixture, ZERO_SLOT } from "../helpers/replay-dump";

const USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7";
const COINBASE = "0xcc8d83aa234ecc8ecceaf2a35b74c69d35bf1bb3";
const slot = (n: number | string): string => "0x" + n.toString(16).padStart(64, "0");

describe("pre-state of block 22244135", () => {
  const pre = buildPreState(fixture());

  it("counts accounts and slots", () => {
    let slots = 0;
    let zeros = 0;
    let withCode = 0;
    for (const a of pre.accounts.values()) {
      slots += a.storage.size;
      for (const v of a.storage.values()) if (v === ZERO_SLOT) zeros++;
      if (a.code.length > 0) withCode++;
    }
    expect(pre.accounts.size).toBe(264);
    expect(slots).toBe(433);
    expect(zeros).toBe(123);
    expect(withCode).toBe(79);
    expect([...pre.accounts.values()].filter(isEmptyPreAccount).length).toBe(12);
    expect(pre.createdInBlock.size).toBe(0);
    expect(preStateAlloc(pre).size).toBe(252);
  });

  // Values read by hand from prestatetrace.json.
  it("takes the coinbase from tx 0, not from the 124 later traces", () => {
    const cb = pre.accounts.get(COINBASE)!;
    expect(cb.balance).toBe(0x33f92dd504f24b10n);
    expect(cb.nonce).toBe(1n);
    expect(cb.code.length).toBe(0);
    expect(pre.accountSource.get(COINBASE)).toBe(0);
  });

  it("takes tx 0's sender with its nonce", () => {
    const a = pre.accounts.get("0x7646aed35a2acdc882d63fb9be752501ea366332")!;
    expect(a.balance).toBe(0x37a20eb8d3c8348n);
    expect(a.nonce).toBe(536n);
  });

  it("takes USDT from tx 5 with its code and the slots it read, zeros included", () => {
    const a = pre.accounts.get(USDT)!;
    expect(pre.accountSource.get(USDT)).toBe(5);
    expect(a.balance).toBe(1n);
    expect(a.nonce).toBe(1n);
    expect(a.code.length).toBe(11075);
    expect(bytesToHex(a.code.subarray(0, 4))).toBe("0x60606040");
    expect(a.storage.get(slot(0))).toBe("0x000000000000000000000000c6cde7c39eb2f0f0095f41570af89efc2c1ea828");
    expect(a.storage.get(slot(3))).toBe(ZERO_SLOT);
  });

  it("keeps the first value of a slot that a later trace shows changed", () => {
    const k = "0x3f1d13ab40fba6d949ba96234591be1e26e05a7271cb82a36c67b852d174e42f";
    // tx 6 shows ...6e5ed72f41c8, tx 7 (after tx 6 wrote it) ...6e5ed3335c08.
    expect(pre.accounts.get(USDT)!.storage.get(k)).toBe(slot("6e5ed72f41c8"));
    expect(pre.slotSource.get(`${USDT}:${k}`)).toBe(6);
  });

  it("keeps accounts that were empty (balance 0x0 only) but leaves them out of the alloc", () => {
    const a = pre.accounts.get("0x206e12296ff873a114235a33171bca0af917d3e2")!;
    expect(a).toEqual({ balance: 0n, nonce: 0n, code: new Uint8Array(0), storage: new Map() });
    expect(pre.accountSource.get("0x206e12296ff873a114235a33171bca0af917d3e2")).toBe(12);
    expect(preStateAlloc(pre).has("0x206e12296ff873a114235a33171bca0af917d3e2")).toBe(false);
  });

  it("converts to alloc values without zero slots", () => {
    const usdt = preStateAlloc(pre).get(USDT)!;
    expect(usdt.storage.get(0n)).toBe(0xc6cde7c39eb2f0f0095f41570af89efc2c1ea828n);
    expect(usdt.storage.has(3n)).toBe(false);
    expect(usdt.nonce).toBe(1n);
  });

  it("agrees with every later trace once earlier transactions' expected changes are applied", () => {
    // executions() throws when a trace lists a slot with no known value; the tracer tests then
    // compare every value it derives with the traces.
    const ex = executions(fixture(), pre);
    expect(ex.length).toBe(125);
    ex.forEach((e, i) => {
      for (const a of e.touched) {
        const shown = fixture().transactions[i]!.prestate[a.address]!;
        expect(a.pre.balance, `tx ${i} ${a.address}`).toBe(BigInt(shown.balance!));
        expect(a.pre.nonce, `tx ${i} ${a.address}`).toBe(BigInt(shown.nonce ?? 0));
        for (const [k, v] of Object.entries(shown.storage ?? {})) expect(a.storage.get(k)!.pre, `tx ${i} ${a.address} ${k}`).toBe(v);
      }
    });
  });
});

/** A dump of hand-made transactions: only the members buildPreState reads. */
function synthetic(txs: { prestate: GethPrestateResult; calls?: GethCallFrame }[]): BlockDump {
  const root: GethCallFrame = { from: "0x" + "00".repeat(20), gas: "0x0", gasUsed: "0x0", input: "0x", type: "CALL" };
  const transactions = txs.map((t, index) => ({ index, prestate: t.prestate, calls: t.calls ?? root }) as unknown as DumpTransaction);
  return { dir: ".", block: {} as BlockDump["block"], transactions, withdrawals: [] };
}

describe("pre-state rules", () => {
  const A = "0x" + "aa".repeat(20);
  const B = "0x" + "bb".repeat(20);
  const C = "0x" + "cc".repeat(20);

  it("an absent storage key in a later trace says nothing; a listed one is first-seen per slot", () => {
    const pre = buildPreState(synthetic([
      { prestate: { [A]: { balance: "0x5", nonce: 2, storage: { [slot(1)]: slot(7) } } } },
      { prestate: { [A]: { balance: "0x9", nonce: 3, storage: { [slot(2)]: slot(8) } } } },
      { prestate: { [A]: { balance: "0x9", nonce: 3 } } },
    ]));
    const a = pre.accounts.get(A)!;
    expect(a.balance).toBe(5n);
    expect(a.nonce).toBe(2n);
    expect([...a.storage]).toEqual([[slot(1), slot(7)], [slot(2), slot(8)]]);
    expect(pre.slotSource.get(`${A}:${slot(2)}`)).toBe(1);
  });

  it("an omitted nonce and code mean zero and empty", () => {
    const a = buildPreState(synthetic([{ prestate: { [A]: { balance: "0x0" } } }])).accounts.get(A)!;
    expect(a.nonce).toBe(0n);
    expect(a.code.length).toBe(0);
  });

  it("an account created in the block is absent before it, whatever later traces show", () => {
    const create: GethCallFrame = {
      from: A, gas: "0x0", gasUsed: "0x0", input: "0x", type: "CALL",
      calls: [
        { from: A, gas: "0x0", gasUsed: "0x0", to: B, input: "0x", type: "CREATE2", value: "0x0" },
        { from: A, gas: "0x0", gasUsed: "0x0", input: "0x", type: "CREATE", error: "out of gas", value: "0x0" },
      ],
    };
    const pre = buildPreState(synthetic([
      { prestate: { [A]: { balance: "0x1" } }, calls: create },
      { prestate: { [B]: { balance: "0x0", code: "0x6000", nonce: 1, storage: { [slot(0)]: slot(1) } } } },
    ]));
    expect(pre.accounts.has(B)).toBe(false);
    expect([...pre.createdInBlock]).toEqual([[B, 0]]);
  });

  it("a created address that a trace already showed keeps its values", () => {
    const create: GethCallFrame = { from: C, gas: "0x0", gasUsed: "0x0", to: B, input: "0x", type: "CREATE" };
    const pre = buildPreState(synthetic([{ prestate: { [B]: { balance: "0x10" }, [C]: { balance: "0x1" } }, calls: create }]));
    expect(pre.accounts.get(B)!.balance).toBe(16n);
    expect(pre.createdInBlock.size).toBe(0);
  });

  it("collects created addresses of successful CREATE/CREATE2 frames only", () => {
    const tree: GethCallFrame = {
      from: A, gas: "0x0", gasUsed: "0x0", to: B, input: "0x", type: "CREATE",
      calls: [{ from: B, gas: "0x0", gasUsed: "0x0", to: C, input: "0x", type: "CREATE2", error: "execution reverted" }],
    };
    expect(createdAddresses(tree)).toEqual([B]);
  });
});
