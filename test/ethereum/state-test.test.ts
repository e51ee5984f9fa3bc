import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  listStateTestFiles,
  loadStateTestFile,
  parseStateTests,
  type StateTestVector,
} from "../../ts/ethereum/state-test";
import { blobBaseFee, fakeExponential, nextExcessBlobGas, BLOB_BASE_FEE_UPDATE_FRACTION } from "../../ts/ethereum/blob-gas";
import { intrinsicGas } from "../../ts/ethereum/intrinsic-gas";
import { decodeTransaction } from "../../ts/ethereum/transaction";
import { txBytesMismatch } from "../helpers/state-test-txbytes";
import { bytesToHex } from "../../ts/primitives/hex";
import { InputError } from "../../ts/errors";

const ROOT = "../shared/fixtures/ethereum-tests/GeneralStateTests";
const ADD = `${ROOT}/VMTests/vmArithmeticTest/add.json`;

/** Every Cancun vector of the shared fixtures, loaded once (about 2 s). */
const all: StateTestVector[] = [];
const files = listStateTestFiles([ROOT]);
for (const f of files) all.push(...loadStateTestFile(f));

describe("GeneralStateTests loader", () => {
  it("enumerates every Cancun vector of the shared fixtures", () => {
    expect(files.length).toBe(1966);
    expect(all.length).toBe(18331);
    const byType = [0, 0, 0, 0];
    for (const v of all) byType[v.transaction.type]!++;
    expect(byType).toEqual([15718, 177, 2047, 389]);
    expect(all.filter((v) => v.expectException !== null).length).toBe(1166);
  });

  it("expands vmArithmeticTest/add.json field by field", () => {
    const vs = loadStateTestFile(ADD);
    expect(vs.length).toBe(5);
    const v = vs[0]!;
    expect(v.name).toBe("add");
    expect(v.indexes).toEqual({ data: 0, gas: 0, value: 0 });
    expect(bytesToHex(v.env.coinbase)).toBe("0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");
    expect(v.env).toMatchObject({ gasLimit: 100000000n, number: 1n, timestamp: 1000n, baseFee: 10n, excessBlobGas: 0n, blobBaseFee: 1n, difficulty: 0x20000n, chainId: 1n });
    expect(bytesToHex(v.env.prevRandao)).toBe("0x" + "0".repeat(58) + "020000");
    const t = v.transaction;
    expect(t).toMatchObject({ type: 0, chainId: null, nonce: 0n, gasPrice: 10n, maxFeePerGas: 10n, gasLimit: 80000000n, value: 1n, accessList: [] });
    expect(bytesToHex(t.to!)).toBe("0xcccccccccccccccccccccccccccccccccccccccc");
    expect(bytesToHex(t.sender)).toBe("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    expect(bytesToHex(vs[3]!.transaction.data)).toBe("0x693c6139" + "0".repeat(63) + "3");
    expect(bytesToHex(v.expectedStateRoot)).toBe("0x62108b638acc2df76b8882f5187ca314668c9fb3f81e9cf26b108e5c609ca1b8");
    expect(bytesToHex(v.expectedLogsHash)).toBe("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    const acc = v.pre.get("0x0000000000000000000000000000000000001000")!;
    expect(acc.balance).toBe(0x0ba1a9ce0ba1a9cen);
    expect(acc.code.length).toBe(71);
    expect(v.pre.size).toBe(7);
    expect(vs.every((x) => x.pre === v.pre && x.env === v.env)).toBe(true);
  });

  it("keeps values past 256 bits that the test expects to be rejected", () => {
    const v = all.find((x) => x.name === "ValueOverflowParis")!;
    expect(v.transaction.value).toBe(2n ** 256n + 1n);
    expect(v.expectException).toBe("TransactionException.RLP_INVALID_VALUE");
    expect(() => decodeTransaction(v.txBytes!)).toThrow(/^tx\.value: integer wider than 32 bytes/);
  });

  it("agrees with the intrinsic-gas expectations of every vector", () => {
    const wrong: string[] = [];
    for (const v of all) {
      const t = v.transaction;
      const g = intrinsicGas({ data: t.data, isCreate: t.to === null, accessList: t.accessList });
      const ok =
        v.expectException === null ? t.gasLimit >= g : v.expectException === "TransactionException.INTRINSIC_GAS_TOO_LOW" ? t.gasLimit < g : true;
      if (!ok) wrong.push(`${v.file} ${v.name}[${v.index}]: gas limit ${t.gasLimit}, intrinsic ${g}`);
    }
    expect(wrong).toEqual([]);
  });

  it("builds the transaction each accepted vector's txbytes encodes (every 150th vector; all in the slow run)", () => {
    const sample = all.filter((v, i) => v.expectException === null && i % 150 === 0);
    expect(sample.length).toBeGreaterThan(100);
    for (const type of [1, 2, 3]) sample.push(...all.filter((x) => x.expectException === null && x.transaction.type === type).slice(0, 10));
    expect(sample.map(txBytesMismatch).filter((m) => m !== null)).toEqual([]);
  });

  const good = (): Record<string, unknown> => JSON.parse(JSON.stringify({ t: rawAdd().add }));
  const rawAdd = (): Record<string, Record<string, unknown>> => JSON.parse(readFileSync(ADD, "utf8"));
  const mutate = (f: (t: Record<string, any>) => void): Record<string, unknown> => {
    const j = good();
    f(j.t as Record<string, any>);
    return j;
  };

  it.each<[string, (t: Record<string, any>) => void, string]>([
    ["a bad balance", (t) => (t.pre["0x0000000000000000000000000000000000001000"].balance = "0xzz"), "$.t.pre.0x0000000000000000000000000000000000001000.balance"],
    ["a short address key", (t) => (t.pre["0x12"] = t.pre["0x0000000000000000000000000000000000001000"]), "$.t.pre.0x12"],
    ["a storage value above 256 bits", (t) => (t.pre["0x0000000000000000000000000000000000001000"].storage = { "0x01": "0x1" + "0".repeat(64) }), "$.t.pre.0x0000000000000000000000000000000000001000.storage.0x01"],
    ["a missing coinbase", (t) => delete t.env.currentCoinbase, "$.t.env.currentCoinbase"],
    ["a missing gasPrice", (t) => delete t.transaction.gasPrice, "$.t.transaction.gasPrice"],
    ["data that is not an array", (t) => (t.transaction.data = "0x00"), "$.t.transaction.data"],
    ["a bad data element", (t) => (t.transaction.data[2] = "0x0g"), "$.t.transaction.data[2]"],
    ["a short recipient", (t) => (t.transaction.to = "0x1234"), "$.t.transaction.to"],
    ["an index out of range", (t) => (t.post.Cancun[1].indexes.data = 5), "$.t.post.Cancun[1].indexes.data"],
    ["a short post hash", (t) => (t.post.Cancun[4].hash = "0x00"), "$.t.post.Cancun[4].hash"],
    ["post.Cancun not an array", (t) => (t.post.Cancun = {}), "$.t.post.Cancun"],
    ["a non-string expectException", (t) => (t.post.Cancun[0].expectException = 3), "$.t.post.Cancun[0].expectException"],
  ])("rejects %s with an InputError naming the file and JSON path", (_name, f, path) => {
    const bad = mutate(f);
    expect(() => parseStateTests(bad, "x/bad.json")).toThrow(InputError);
    expect(() => parseStateTests(bad, "x/bad.json")).toThrow(`x/bad.json at ${path}: `);
  });

  it("rejects unreadable and non-JSON files, and missing paths, naming them", () => {
    expect(() => loadStateTestFile(`${ROOT}/no-such.json`)).toThrow(/no-such\.json: cannot read/);
    expect(() => loadStateTestFile(`${ROOT}/stShift/.stub`)).toThrow(/\.stub: not valid JSON/);
    expect(() => listStateTestFiles([`${ROOT}/nope`])).toThrow(InputError);
    expect(() => parseStateTests([], "a.json")).toThrow("a.json at $: expected an object, got an array");
    expect(() => parseStateTests({ "odd name": 1 }, "a.json")).toThrow('a.json at $["odd name"]: expected an object');
  });

  it("derives env values the file leaves out", () => {
    const j = mutate((t) => {
      delete t.env.currentBaseFee;
      delete t.env.currentRandom;
      delete t.env.currentExcessBlobGas;
      Object.assign(t.env, { parentBaseFee: "0x64", parentGasUsed: "0x0", parentGasLimit: "0x10", parentExcessBlobGas: "0x60000", parentBlobGasUsed: "0x40000" });
    });
    const env = parseStateTests(j, "d.json")[0]!.env;
    expect(env.baseFee).toBe(100n - 100n / 8n);
    expect(env.excessBlobGas).toBe(0x60000n + 0x40000n - 393216n);
    expect(env.blobBaseFee).toBe(blobBaseFee(env.excessBlobGas));
    expect(bytesToHex(env.prevRandao)).toBe("0x" + "0".repeat(58) + "020000");
    const k = mutate((t) => delete t.env.currentBaseFee);
    expect(parseStateTests(k, "d.json")[0]!.env.baseFee).toBe(10n);
    const up = mutate((t) => {
      delete t.env.currentBaseFee;
      Object.assign(t.env, { parentBaseFee: "0x3b9aca00", parentGasUsed: "0x1000", parentGasLimit: "0x1000" });
    });
    expect(parseStateTests(up, "d.json")[0]!.env.baseFee).toBe(1000000000n + 125000000n);
  });

  it("gives no vectors for a fork the file does not have", () => {
    expect(loadStateTestFile(ADD, "Prague")).toEqual([]);
  });
});

describe("blob base fee (EIP-4844)", () => {
  it.each([
    [0n, 1n],
    [2314057n, 1n],
    [2314058n, 2n],
    [BLOB_BASE_FEE_UPDATE_FRACTION * 10n, 22026n],
  ])("excess %i → %i wei", (excess, fee) => {
    expect(blobBaseFee(excess)).toBe(fee);
  });
  it("tracks e^(x/d) within integer rounding", () => {
    for (let x = 0n; x < 60_000_000n; x += 1_234_567n) {
      const exact = 1e6 * Math.exp(Number(x) / 3338477);
      expect(Math.abs(Number(fakeExponential(1_000_000n, x, BLOB_BASE_FEE_UPDATE_FRACTION)) - exact) / exact).toBeLessThan(1e-5);
    }
  });
  it("computes the next excess blob gas", () => {
    expect(nextExcessBlobGas(0n, 131072n)).toBe(0n);
    expect(nextExcessBlobGas(100n, 786432n)).toBe(100n + 393216n);
  });
});
