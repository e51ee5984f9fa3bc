// The storage cache (ts/storage/storage-cache.ts) against storage_cache.rs and the
// EthereumLikeStorageAccessCostModel (system/mod.rs) at 0a82da0: exact ergs and native of every
// access kind (zksync-os-reference.md §6.5, §6.6), SSTORE gas without refunds, warmth that frames
// revert, failed charges, storage-cache order (§3.6) and per-transaction pubdata (§4.6).
import { describe, expect, it } from "vitest";
import { StorageCache } from "../../ts/storage/storage-cache";
import { EE_TYPE_EVM, EE_TYPE_NONE } from "../../ts/storage/account-properties";
import { InMemoryState } from "../../ts/oracle/in-memory-state";
import { OUT_OF_ERGS, OUT_OF_NATIVE, Resources } from "../../ts/system/resources";
import { valueDiffLength } from "../../ts/l1/pubdata";
import { wordToBigint, wordToBytes, type Word } from "../../ts/state/word";
import type { Address } from "../../ts/state/address";
import { RecordingOracle, addr, metadata, word } from "../helpers/io-fixtures";

const A = addr(0x1000);
const G = 256;

function fresh(): { cache: StorageCache; oracle: RecordingOracle } {
  const state = InMemoryState.fromPreState({ [A]: { storage: { "0x1": "0x5", "0x2": "0x7" } } });
  const oracle = new RecordingOracle(state.oracle(metadata()));
  const cache = new StorageCache(oracle);
  cache.beginNewTx();
  return { cache, oracle };
}

/** Ergs and native one operation costs. */
function cost(op: (r: Resources) => void): [number, number] {
  const r = new Resources(1e12, 1e12);
  op(r);
  return [1e12 - r.ergs, 1e12 - r.native];
}

const big = (): Resources => new Resources(1e12, 1e12);

describe("read costs (ergs, native)", () => {
  it.each<[string, (c: StorageCache) => void, (c: StorageCache, r: Resources) => Word, bigint, number, number]>([
    ["cold existing (EVM)", () => {}, (c, r) => c.read(EE_TYPE_EVM, r, A, word(1)), 5n, 2_100 * G, 4_000 + 121_120],
    ["cold new (EVM)", () => {}, (c, r) => c.read(EE_TYPE_EVM, r, A, word(9)), 0n, 2_100 * G, 4_000 + 242_240],
    ["warm (EVM)", (c) => c.read(EE_TYPE_EVM, big(), A, word(1)), (c, r) => c.read(EE_TYPE_EVM, r, A, word(1)), 5n, 100 * G, 4_000],
    ["cold existing (system)", () => {}, (c, r) => c.read(EE_TYPE_NONE, r, A, word(2)), 7n, 0, 4_000 + 121_120],
    ["warm (system)", (c) => c.read(EE_TYPE_NONE, big(), A, word(2)), (c, r) => c.read(EE_TYPE_NONE, r, A, word(2)), 7n, 0, 4_000],
  ])("%s", (_name, before, read, value, ergs, native) => {
    const { cache } = fresh();
    before(cache);
    let got: Word | undefined;
    expect(cost((r) => { got = read(cache, r); })).toEqual([ergs, native]);
    expect(wordToBigint(got!)).toBe(value);
  });

  it("EIP-2930 access-list key: 1,900 gas every time (NoEE), cold native once", () => {
    const { cache } = fresh();
    expect(cost((r) => cache.touch(EE_TYPE_NONE, r, A, word(1), true))).toEqual([1_900 * G, 125_120]);
    expect(cost((r) => cache.touch(EE_TYPE_NONE, r, A, word(1), true))).toEqual([1_900 * G, 4_000]);
    expect(cost((r) => cache.read(EE_TYPE_EVM, r, A, word(1)))).toEqual([100 * G, 4_000]);
  });
});

describe("SSTORE: gas per §6.5 (no refunds) and native per §6.6", () => {
  // Slot 1 holds 5 (existing), slot 9 is new. `before` runs in the same transaction.
  it.each<[string, (c: StorageCache) => void, Word, Word, number, number]>([
    ["cold existing 5 → 6", () => {}, word(1), word(6), 2_100 + 2_800 + 100, 125_120 + 50_560],
    ["cold existing 5 → 5 (no-op)", () => {}, word(1), word(5), 2_100 + 100, 125_120 + 50_560],
    ["cold existing 5 → 0 (no refund)", () => {}, word(1), word(0), 2_100 + 2_800 + 100, 125_120 + 50_560],
    ["cold new 0 → 1", () => {}, word(9), word(1), 2_100 + 19_900 + 100, 246_240 + 120_800],
    ["cold new 0 → 0", () => {}, word(9), word(0), 2_100 + 100, 246_240 + 120_800],
    ["warm existing 5 → 0", (c) => c.read(EE_TYPE_EVM, big(), A, word(1)), word(1), word(0), 100 + 2_800, 4_000 + 50_560],
    ["warm new 0 → 3", (c) => c.read(EE_TYPE_EVM, big(), A, word(9)), word(9), word(3), 100 + 19_900, 4_000 + 120_800],
    ["dirty 6 → 7 (current ≠ tx start)", (c) => c.write(EE_TYPE_EVM, big(), A, word(1), word(6)), word(1), word(7), 100, 4_000 + 50_560],
    ["dirty 6 → 5 (back to tx start, no refund)", (c) => c.write(EE_TYPE_EVM, big(), A, word(1), word(6)), word(1), word(5), 100, 4_000 + 50_560],
    // The native "new" charge follows the record's appearance: after one write it is Updated.
    ["second write of a new slot 1 → 2", (c) => c.write(EE_TYPE_EVM, big(), A, word(9), word(1)), word(9), word(2), 100, 4_000 + 50_560],
  ])("%s", (_name, before, key, value, gas, native) => {
    const { cache } = fresh();
    before(cache);
    expect(cost((r) => cache.write(EE_TYPE_EVM, r, A, key, value))).toEqual([gas * G, native]);
    expect(cache.peek(A, key)!.value).toBe(value);
  });

  it("the transaction-start value is taken again in the next transaction", () => {
    const { cache } = fresh();
    cache.write(EE_TYPE_EVM, big(), A, word(9), word(1));
    cache.beginNewTx();
    // Cold again (a cached slot is charged the existing-slot native), current = tx start = 1 ≠ 0: reset price.
    expect(cost((r) => cache.write(EE_TYPE_EVM, r, A, word(9), word(2)))).toEqual([(2_100 + 2_800 + 100) * G, 125_120 + 50_560]);
  });

  it("system writes charge native only", () => {
    const { cache } = fresh();
    expect(cost((r) => cache.write(EE_TYPE_NONE, r, A, word(9), word(1)))).toEqual([0, 246_240 + 120_800]);
  });
});

describe("warmth and frames", () => {
  it("a reverted frame makes the slot cold again (EIP-2929; the warm-up is a history record)", () => {
    const { cache, oracle } = fresh();
    const s = cache.startFrame();
    cache.read(EE_TYPE_EVM, big(), A, word(9));
    cache.finishFrame(s);
    // QUIRK: cached but cold is charged as an existing slot (121,120), though the slot is new.
    expect(cost((r) => cache.read(EE_TYPE_EVM, r, A, word(9)))).toEqual([2_100 * G, 4_000 + 121_120]);
    expect(oracle.log.filter((q) => q.startsWith("InitialStorageSlotData"))).toHaveLength(1);
  });

  it("a committed frame keeps the slot warm", () => {
    const { cache } = fresh();
    const s = cache.startFrame();
    cache.read(EE_TYPE_EVM, big(), A, word(1));
    cache.finishFrame(null);
    void s;
    expect(cost((r) => cache.read(EE_TYPE_EVM, r, A, word(1)))).toEqual([100 * G, 4_000]);
  });

  it("the next transaction starts cold", () => {
    const { cache } = fresh();
    cache.read(EE_TYPE_EVM, big(), A, word(1));
    cache.beginNewTx();
    expect(cost((r) => cache.read(EE_TYPE_EVM, r, A, word(1)))).toEqual([2_100 * G, 4_000 + 121_120]);
  });

  it("nested frames revert writes to their own points", () => {
    const { cache } = fresh();
    const s1 = cache.startFrame();
    cache.write(EE_TYPE_EVM, big(), A, word(1), word(10));
    const s2 = cache.startFrame();
    cache.write(EE_TYPE_EVM, big(), A, word(1), word(20));
    cache.write(EE_TYPE_EVM, big(), A, word(2), word(21));
    const s3 = cache.startFrame();
    cache.write(EE_TYPE_EVM, big(), A, word(1), word(30));
    cache.finishFrame(s3);
    expect([cache.peek(A, word(1))!.value, cache.peek(A, word(2))!.value]).toEqual([word(20), word(21)]);
    cache.finishFrame(s2);
    expect([cache.peek(A, word(1))!.value, cache.peek(A, word(2))!.value]).toEqual([word(10), word(7)]);
    cache.finishFrame(s1);
    expect(cache.peek(A, word(1))!.value).toBe(word(5));
    // Written slots reverted to cold too: next access pays the cold extra.
    expect(cost((r) => cache.read(EE_TYPE_EVM, r, A, word(2)))).toEqual([2_100 * G, 4_000 + 121_120]);
  });
});

describe("failed charges", () => {
  it("out of ergs at the cold extra: the oracle was asked, nothing is cached", () => {
    const { cache, oracle } = fresh();
    const r = new Resources(100 * G, 1e9);
    expect(() => cache.read(EE_TYPE_EVM, r, A, word(1))).toThrow(OUT_OF_ERGS);
    expect([r.ergs, r.native]).toEqual([0, 1e9 - 4_000 - 121_120]);
    expect(cache.peek(A, word(1))).toBeUndefined();
    cache.read(EE_TYPE_EVM, big(), A, word(1));
    expect(oracle.log).toEqual([`InitialStorageSlotData ${A}`, `InitialStorageSlotData ${A}`]);
  });

  it("out of native at the warm charge: no oracle query", () => {
    const { cache, oracle } = fresh();
    const r = new Resources(1e9, 3_999);
    expect(() => cache.read(EE_TYPE_EVM, r, A, word(1))).toThrow(OUT_OF_NATIVE);
    expect([r.ergs, r.native]).toEqual([1e9 - 100 * G, 0]);
    expect(oracle.log).toEqual([]);
  });

  it("out of ergs at the write extra: the value is unchanged, the slot stays warm", () => {
    const { cache } = fresh();
    const r = new Resources((2_100 + 100) * G, 1e9);
    expect(() => cache.write(EE_TYPE_EVM, r, A, word(9), word(1))).toThrow(OUT_OF_ERGS);
    expect(cache.peek(A, word(9))!.value).toBe(word(0));
    expect(cost((x) => cache.read(EE_TYPE_EVM, x, A, word(9)))).toEqual([100 * G, 4_000]);
  });
});

describe("storage-cache order (§3.6)", () => {
  // Under byte order B < 0x8003 < C; under ruint limb order (low 8 bytes first) C < B < 0x8003.
  const B: Address = "0x0000000000000000000000000000000000000003";
  const C: Address = "0x0100000000000000000000000000000000000002";
  const ACC: Address = "0x0000000000000000000000000000000000008003";

  it("orders addresses by limbs, least-significant first, then keys by bytes", () => {
    const state = InMemoryState.fromPreState({});
    const cache = new StorageCache(state.oracle(metadata()));
    cache.beginNewTx();
    for (const [a, k] of [[ACC, word(1)], [B, word(2)], [C, word(0x100)], [C, word(2)], [B, word(1n << 255n)]] as const) {
      cache.read(EE_TYPE_EVM, big(), a, k);
    }
    const order = cache.entriesInCacheOrder().map((e) => [e.address, wordToBigint(e.key)]);
    expect(order).toEqual([[C, 2n], [C, 0x100n], [B, 2n], [B, 1n << 255n], [ACC, 1n]]);
  });

  it("reports initial, current, newness and whether a record survives", () => {
    const { cache } = fresh();
    cache.read(EE_TYPE_EVM, big(), A, word(1));
    cache.write(EE_TYPE_EVM, big(), A, word(9), word(4));
    const s = cache.startFrame();
    cache.read(EE_TYPE_EVM, big(), A, word(2));
    cache.finishFrame(s);
    const rows = cache.entriesInCacheOrder().map((e) => [wordToBigint(e.key), wordToBigint(e.initial), wordToBigint(e.current), e.isNewStorageSlot, e.hasUpdates]);
    expect(rows).toEqual([[1n, 5n, 5n, false, true], [2n, 7n, 7n, false, false], [9n, 0n, 4n, true, true]]);
  });
});

describe("pubdata per transaction (§4.6)", () => {
  const ACC: Address = "0x0000000000000000000000000000000000008003";
  const diff = (i: Word, f: Word): number => valueDiffLength(wordToBytes(i), wordToBytes(f));

  it("32 + value diff against the block-start value, for each changed slot, 0x8003 excluded", () => {
    const { cache } = fresh();
    cache.write(EE_TYPE_EVM, big(), A, word(9), word(5)); // 0 → 5: Add 5 = 2 bytes
    cache.write(EE_TYPE_EVM, big(), A, word(9), word(6)); // counted once, final 6
    cache.write(EE_TYPE_EVM, big(), A, word(2), word(7)); // unchanged: 0
    cache.write(EE_TYPE_NONE, big(), ACC, word(1), word(1n << 200n));
    expect(cache.pubdataUsedByTx(ACC, diff)).toBe(32 + 2);
    cache.beginNewTx();
    expect(cache.pubdataUsedByTx(ACC, diff)).toBe(0);
    cache.write(EE_TYPE_EVM, big(), A, word(9), word(0x1234)); // block baseline 0 → 0x1234: 3 bytes, charged again
    cache.write(EE_TYPE_EVM, big(), A, word(1), word(5)); // back to its initial value: 0
    expect(cache.pubdataUsedByTx(ACC, diff)).toBe(32 + 3);
  });

  it("a reverted frame's writes cost no pubdata", () => {
    const { cache } = fresh();
    const s = cache.startFrame();
    cache.write(EE_TYPE_EVM, big(), A, word(9), word(5));
    cache.finishFrame(s);
    expect(cache.pubdataUsedByTx(ACC, diff)).toBe(0);
  });
});
