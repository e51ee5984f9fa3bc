// The block fixture parser (interfaces.md §3): defaults, the three transaction forms, and an
// InputError naming the JSON path for every malformed field.
import { describe, expect, it } from "vitest";
import { parseBlockFixture, parseBlockSpec, DEFAULT_BLOCK_GAS_LIMIT } from "../../ts/bootloader/fixture";
import { InputError } from "../../ts/errors";

const ADDR = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const base = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  profile: "zksync-os", chainId: 270, state: { [ADDR]: { balance: "0x10" } }, blocks: [{ number: 1, timestamp: 1001, transactions: [] }], ...over,
});

describe("parseBlockFixture", () => {
  it("reads profile, chain id, state and blocks, with the documented block defaults", () => {
    const f = parseBlockFixture(base({ state: { [ADDR.toUpperCase().replace("0X", "0x")]: { balance: "0x10", nonce: 3, code: "0x00", storage: { "0x1": "0x2" } } } }));
    expect(f.profile).toBe("zksync-os");
    expect(f.chainId).toBe(270n);
    const a = f.state.get(ADDR)!;
    expect([a.balance, a.nonce]).toEqual(["0x10", "0x3"]);
    expect(a.code).toEqual(Uint8Array.of(0));
    expect(a.storage).toEqual(new Map([[1n, 2n]]));
    const b = f.blocks[0]!;
    expect([b.baseFee, b.gasLimit, b.gasPerPubdata, b.nativePrice]).toEqual([0n, DEFAULT_BLOCK_GAS_LIMIT, 1n, 1n]);
    expect(b.coinbase).toBe("0x" + "0".repeat(40));
    expect(b.prevRandao).toEqual(new Uint8Array(32));
    expect(b.blockHashes).toBeNull();
  });

  it.each([
    [0n, 1n], [100n, 1n], [101n, 2n], [1000n, 10n], [1001n, 11n],
  ])("native price defaults to max(1, ⌈baseFee / 100⌉): base fee %s → %s", (baseFee, price) => {
    expect(parseBlockSpec({ number: 1, timestamp: 0, baseFee: `0x${baseFee.toString(16)}` }).nativePrice).toBe(price);
  });

  it("keeps raw transactions as bytes, maps L1 objects, passes ABI bodies through", () => {
    const b = parseBlockSpec({
      number: 1, timestamp: 0,
      transactions: ["0x02c0", { type: "0xff", from: ADDR, to: ADDR, gasLimit: "0x5208", maxFeePerGas: "0x1", value: "0x7" }, { abiBody: "0xabcd" }],
    });
    expect(b.transactions.map((t) => t.kind)).toEqual(["raw", "l1", "abi"]);
    const l1 = b.transactions[1]!;
    if (l1.kind !== "l1") throw new Error("not l1");
    expect(l1.tx.txType).toBe(0xff);
    expect(l1.tx.reserved[0]).toBe(7n + 0x5208n);
  });

  it.each([
    ["profile", base({ profile: "optimism" }), "fixture.profile"],
    ["chain id", base({ chainId: "two" }), "fixture.chainId"],
    ["blocks missing", base({ blocks: undefined }), "fixture.blocks"],
    ["state address", base({ state: { "0x12": {} } }), 'fixture.state["0x12"]'],
    ["state balance", base({ state: { [ADDR]: { balance: "-1" } } }), `fixture.state["${ADDR}"].balance`],
    ["state nonce above u64", base({ state: { [ADDR]: { nonce: "0x10000000000000000" } } }), `fixture.state["${ADDR}"].nonce`],
    ["state code", base({ state: { [ADDR]: { code: "xyz" } } }), `fixture.state["${ADDR}"].code`],
    ["storage value", base({ state: { [ADDR]: { storage: { "0x1": "zz" } } } }), `fixture.state["${ADDR}"].storage["0x1"]`],
    ["block number", base({ blocks: [{ timestamp: 1 }] }), "fixture.blocks[0].number"],
    ["block timestamp", base({ blocks: [{ number: 1 }] }), "fixture.blocks[0].timestamp"],
    ["coinbase", base({ blocks: [{ number: 1, timestamp: 1, coinbase: "0x1" }] }), "fixture.blocks[0].coinbase"],
    ["prevRandao", base({ blocks: [{ number: 1, timestamp: 1, prevRandao: "0x" + "00".repeat(33) }] }), "fixture.blocks[0].prevRandao"],
    ["block hash", base({ blocks: [{ number: 1, timestamp: 1, blockHashes: ["0x12"] }] }), "fixture.blocks[0].blockHashes[0]"],
    ["raw tx hex", base({ blocks: [{ number: 1, timestamp: 1, transactions: ["0xzz"] }] }), "fixture.blocks[0].transactions[0]"],
    ["L1 field", base({ blocks: [{ number: 1, timestamp: 1, transactions: [{ type: "0xff", from: ADDR, to: ADDR, gasLimit: "x", maxFeePerGas: 1 }] }] }), "fixture.blocks[0].transactions[0].gasLimit"],
    ["block order", base({ blocks: [{ number: 2, timestamp: 1 }, { number: 2, timestamp: 2 }] }), "fixture.blocks[1].number"],
  ])("%s → InputError at the JSON path", (_, json, where) => {
    let err: unknown = null;
    try {
      parseBlockFixture(json);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).where).toBe(where);
  });

  it("the path prefix is the caller's (the CLI passes the file name)", () => {
    expect(() => parseBlockFixture(base({ chainId: null }), "f.json")).toThrow(/^f\.json\.chainId: /);
  });
});
