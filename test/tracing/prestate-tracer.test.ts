import { describe, expect, it } from "vitest";
import { prestateDiffTrace, prestateTrace, type TouchedAccount } from "../../ts/tracing/prestate-tracer";
import { executions, fixture, ZERO_SLOT } from "../helpers/replay-dump";

const slot = (n: number | string): string => "0x" + n.toString(16).padStart(64, "0");
const A = "0x" + "aa".repeat(20);
const B = "0x" + "bb".repeat(20);
const C = "0x" + "0c".repeat(20);
const none = { balance: 0n, nonce: 0n, code: new Uint8Array(0) };

function touched(address: string, over: Partial<TouchedAccount> = {}): TouchedAccount {
  return { address, pre: none, post: none, storage: new Map(), created: false, selfDestructed: false, ...over };
}

describe("prestateTracer reproduces block 22244135's dumps", () => {
  const runs = executions(fixture());
  it("default mode: prestatetrace.json, all 125 transactions, key order included", () => {
    runs.forEach((r, i) => expect(JSON.stringify(prestateTrace(r.touched)), `tx ${i}`).toBe(JSON.stringify(fixture().transactions[i]!.prestate)));
  });
  it("diffMode: difftrace.json, all 125 transactions, key order included", () => {
    runs.forEach((r, i) => expect(JSON.stringify(prestateDiffTrace(r.touched)), `tx ${i}`).toBe(JSON.stringify(fixture().transactions[i]!.diff)));
  });
});

describe("prestateTracer rules (geth v1.15.8)", () => {
  const code = new Uint8Array([0x60, 0x00]);
  const contract = touched(A, {
    pre: { balance: 5n, nonce: 1n, code },
    post: { balance: 5n, nonce: 1n, code },
    storage: new Map([
      [slot(2), { pre: slot(7), post: slot(7) }],
      [slot(1), { pre: ZERO_SLOT, post: slot(3) }],
      [slot(3), { pre: slot(4), post: ZERO_SLOT }],
      [slot(4), { pre: ZERO_SLOT, post: ZERO_SLOT }],
    ]),
  });
  const sender = touched(B, { pre: { balance: 100n, nonce: 0n, code: new Uint8Array(0) }, post: { balance: 58n, nonce: 1n, code: new Uint8Array(0) } });
  const idle = touched(C, { pre: { balance: 0n, nonce: 0n, code: new Uint8Array(0) }, post: { balance: 0n, nonce: 0n, code: new Uint8Array(0) } });

  it("default mode: balance always, zero nonce and empty code omitted, every read slot (zeros too), sorted", () => {
    expect(JSON.stringify(prestateTrace([sender, contract, idle]))).toBe(JSON.stringify({
      [C]: { balance: "0x0" },
      [A]: { balance: "0x5", code: "0x6000", nonce: 1, storage: { [slot(1)]: ZERO_SLOT, [slot(2)]: slot(7), [slot(3)]: slot(4), [slot(4)]: ZERO_SLOT } },
      [B]: { balance: "0x64" },
    }));
  });

  it("diffMode: changed fields only; pre keeps non-zero changed slots, post non-zero new ones; unchanged accounts left out", () => {
    expect(JSON.stringify(prestateDiffTrace([sender, contract, idle]))).toBe(JSON.stringify({
      post: { [A]: { storage: { [slot(1)]: slot(3) } }, [B]: { balance: "0x3a", nonce: 1 } },
      pre: { [A]: { balance: "0x5", code: "0x6000", nonce: 1, storage: { [slot(3)]: slot(4) } }, [B]: { balance: "0x64" } },
    }));
  });

  it("an account created from nothing: left out of the prestate; in diffMode post only", () => {
    const created = touched(C, {
      created: true,
      post: { balance: 9n, nonce: 1n, code },
      storage: new Map([[slot(0), { pre: ZERO_SLOT, post: slot(1) }]]),
    });
    expect(prestateTrace([created])).toEqual({});
    expect(JSON.stringify(prestateDiffTrace([created]))).toBe(JSON.stringify({
      post: { [C]: { balance: "0x9", code: "0x6000", nonce: 1, storage: { [slot(0)]: slot(1) } } },
      pre: {},
    }));
  });

  it("a created address that had a balance stays in both", () => {
    const funded = touched(C, { created: true, pre: { balance: 2n, nonce: 0n, code: new Uint8Array(0) }, post: { balance: 2n, nonce: 1n, code } });
    expect(prestateTrace([funded])).toEqual({ [C]: { balance: "0x2" } });
    expect(JSON.stringify(prestateDiffTrace([funded]))).toBe(JSON.stringify({ post: { [C]: { code: "0x6000", nonce: 1 } }, pre: { [C]: { balance: "0x2" } } }));
  });

  it("SELFDESTRUCT: pre only, with everything read (zero slots too), no post", () => {
    const gone = touched(A, {
      selfDestructed: true,
      pre: { balance: 5n, nonce: 1n, code },
      post: { balance: 0n, nonce: 1n, code },
      storage: new Map([[slot(1), { pre: ZERO_SLOT, post: ZERO_SLOT }]]),
    });
    expect(JSON.stringify(prestateDiffTrace([gone, sender]))).toBe(JSON.stringify({
      post: { [B]: { balance: "0x3a", nonce: 1 } },
      pre: { [A]: { balance: "0x5", code: "0x6000", nonce: 1, storage: { [slot(1)]: ZERO_SLOT } }, [B]: { balance: "0x64" } },
    }));
  });

  it("disableCode and disableStorage", () => {
    const cfg = { disableCode: true, disableStorage: true };
    expect(prestateTrace([contract], cfg)).toEqual({ [A]: { balance: "0x5", nonce: 1 } });
    const codeChange = touched(A, { pre: { balance: 1n, nonce: 1n, code }, post: { balance: 1n, nonce: 1n, code: new Uint8Array([1]) } });
    expect(prestateDiffTrace([codeChange, contract], cfg)).toEqual({ post: {}, pre: {} });
  });
});
