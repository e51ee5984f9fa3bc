// Pubdata (ts/l1/pubdata.ts, zksync-os-reference.md §4.3–§4.5): the reference's compression vectors
// (pubdata_compression.rs, account_cache_entry.rs tests), a differential against a bigint model of the
// strategy choice, and the state-diff section with its key-emission quirk.
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../ts/errors";
import { TRIVIAL_ACCOUNT_PROPERTIES, withEvmBytecode } from "../../ts/storage/account-properties";
import { ACCOUNT_PROPERTIES_STORAGE_ADDRESS, accountPropertiesSlot, flatKey } from "../../ts/storage/flat-key";
import { l1TxResultLog, userMessageLog } from "../../ts/l1/l2-to-l1-logs";
import {
  accountDiffLength, blockPubdata, compressAccountDiff, compressU256Diff, compressValueDiff, logsPubdata,
  stateDiffsWithUnchangedKeysQuirk, u256DiffLength, valueDiffLength, wordDiffLength, type StateDiffEntry,
} from "../../ts/l1/pubdata";
import { wordFromBytes } from "../../ts/state/word";
import { randomBytes, hex, bytes } from "../helpers/bytes";

const word = (v: bigint): Uint8Array => bytes(v.toString(16).padStart(64, "0"));

// The strategy choice restated over bigints: Nothing 33, else the first strictly shortest of Add, Sub, Transform.
function model(initial: bigint, final: bigint): string {
  const len = (x: bigint): number => (x === 0n ? 0 : Math.ceil(x.toString(2).length / 8));
  let best = "00" + final.toString(16).padStart(64, "0");
  let bestLen = 33;
  const tryIt = (type: number, x: bigint, ok: boolean): void => {
    const l = len(x);
    if (!ok || l === 32 || l + 1 >= bestLen) return;
    bestLen = l + 1;
    best = ((l << 3) | type).toString(16).padStart(2, "0") + (l === 0 ? "" : x.toString(16).padStart(2 * l, "0"));
  };
  tryIt(1, final - initial, final >= initial);
  tryIt(2, initial - final, initial >= final);
  tryIt(3, final, true);
  return best;
}

describe("value diff compression", () => {
  it("0xff00…00 → 0xff00…03 is Add 3: 09 03 (basic_compression_test)", () => {
    const initial = bytes("ff" + "00".repeat(31));
    const final = bytes("ff" + "00".repeat(30) + "03");
    expect(hex(compressValueDiff(initial, final))).toBe("0903");
    expect(valueDiffLength(initial, final)).toBe(2);
  });

  it.each([
    { name: "unchanged: Add of 0, one byte", i: 5n, f: 5n, out: "01" },
    { name: "tie between Add and Transform goes to Add", i: 0n, f: 0x64n, out: "0964" },
    { name: "Sub", i: 0x1000n, f: 0xfffn, out: "0a01" },
    { name: "Transform beats Sub", i: (1n << 200n), f: 3n, out: "0b03" },
    { name: "Nothing when every payload needs 32 bytes", i: 0n, f: (1n << 255n) | 1n, out: "00" + "80" + "00".repeat(30) + "01" },
    { name: "Sub when the final value is large", i: (1n << 255n) + 10n, f: (1n << 255n) + 3n, out: "0a07" },
  ])("$name", ({ i, f, out }) => {
    expect(hex(compressValueDiff(word(i), word(f)))).toBe(out);
    expect(hex(compressU256Diff(i, f))).toBe(out);
    expect(valueDiffLength(word(i), word(f))).toBe(out.length / 2);
    expect(u256DiffLength(i, f)).toBe(out.length / 2);
    expect(wordDiffLength(wordFromBytes(word(i)), wordFromBytes(word(f)))).toBe(out.length / 2);
  });

  it("matches the bigint model on random and near-boundary pairs", () => {
    for (let n = 0; n < 400; n++) {
      const a = randomBytes(32, 10 + n);
      const b = randomBytes(32, 5000 + n);
      if (n % 4 === 1) a.fill(0, 0, (n * 7) % 32);
      if (n % 4 === 2) b.fill(0, 0, (n * 11) % 32);
      if (n % 4 === 3) b.set(a.subarray(0, (n * 5) % 32));
      const ia = BigInt("0x" + hex(a));
      const ib = BigInt("0x" + hex(b));
      expect(hex(compressValueDiff(a, b))).toBe(model(ia, ib));
      // The length-only paths (per-transaction pubdata metering) agree with the encoding.
      expect(u256DiffLength(ia, ib)).toBe(model(ia, ib).length / 2);
      expect(wordDiffLength(wordFromBytes(a), wordFromBytes(b))).toBe(model(ia, ib).length / 2);
      expect(hex(compressU256Diff(ia, ib))).toBe(model(ia, ib));
    }
  });

  it.each([-1n, 1n << 256n])("u256DiffLength(%s, 0) and compressU256Diff → ArgumentError", (v) => {
    expect(() => u256DiffLength(v, 0n)).toThrow(ArgumentError);
    expect(() => u256DiffLength(0n, v)).toThrow(ArgumentError);
    expect(() => compressU256Diff(v, 0n)).toThrow(ArgumentError);
    expect(() => compressU256Diff(0n, v)).toThrow(ArgumentError);
  });
});

describe("account diff compression (account_cache_entry.rs tests)", () => {
  it("nonce 12 → 22: 0c 09 0a", () => {
    const a = { ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 12n };
    const b = { ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 22n };
    expect(hex(compressAccountDiff(a, b))).toBe("0c090a");
    expect(accountDiffLength(a, b)).toBe(3);
  });

  it("deployment of 0102030405 with balance 0xFF00000000FF → 0xFF0000000000 (versioning = empty_deployed())", () => {
    const initial = { ...TRIVIAL_ACCOUNT_PROPERTIES, balance: 0xff00000000ffn };
    const code = bytes("0102030405");
    const final = { ...withEvmBytecode(code), versioningData: 0x0100000000000000n, balance: 0xff0000000000n };
    const out = compressAccountDiff(initial, final, { bytecode: code });
    expect(hex(out)).toBe("04" + "0100000000000000" + "01" + "0aff" + "00000005" + "0102030405" + "00000000" + "00000005");
    expect(accountDiffLength(initial, final)).toBe(out.length);
  });

  it("a force-deployed account publishes the bytecode hash: metadata 0x24", () => {
    const final = withEvmBytecode(bytes("0123456789"));
    const out = compressAccountDiff(TRIVIAL_ACCOUNT_PROPERTIES, final, { notPublishBytecode: true });
    expect(hex(out)).toBe("24" + "0101010000000000" + "01" + "01" + hex(final.bytecodeHash) + "00000000" + "00000005");
    expect(accountDiffLength(TRIVIAL_ACCOUNT_PROPERTIES, final, true)).toBe(out.length);
  });

  it.each([
    { name: "balance only", b: { balance: 100n }, out: "140964" },
    { name: "nonce and balance", b: { nonce: 1n, balance: 100n }, out: "1c09010964" },
  ])("$name", ({ b, out }) => {
    const final = { ...TRIVIAL_ACCOUNT_PROPERTIES, ...b };
    expect(hex(compressAccountDiff(TRIVIAL_ACCOUNT_PROPERTIES, final))).toBe(out);
    expect(accountDiffLength(TRIVIAL_ACCOUNT_PROPERTIES, final)).toBe(out.length / 2);
  });

  it("identical records: length 0, compression refused; a full diff needs the code", () => {
    expect(accountDiffLength(TRIVIAL_ACCOUNT_PROPERTIES, TRIVIAL_ACCOUNT_PROPERTIES)).toBe(0);
    expect(() => compressAccountDiff(TRIVIAL_ACCOUNT_PROPERTIES, TRIVIAL_ACCOUNT_PROPERTIES)).toThrow(ArgumentError);
    expect(() => compressAccountDiff(TRIVIAL_ACCOUNT_PROPERTIES, withEvmBytecode(bytes("00")))).toThrow(/publishes the bytecode/);
  });
});

describe("state diffs and logs sections", () => {
  const addr = bytes("00".repeat(19) + "11");
  const slot = (n: number): Uint8Array => word(BigInt(n));
  const entry = (n: number, initial: bigint, final: bigint, touched = true): StateDiffEntry => ({ address: addr, slot: slot(n), initial: word(initial), final: word(final), touched });

  it("QUIRK: a touched but unchanged slot still gets its key; the count only counts changes", () => {
    const out = stateDiffsWithUnchangedKeysQuirk([entry(1, 5n, 5n), entry(2, 0n, 7n), entry(3, 9n, 9n, false)]);
    expect(hex(out)).toBe("00000001" + hex(flatKey(addr, slot(1))) + hex(flatKey(addr, slot(2))) + "0907");
  });

  it("account-hash slots carry account diffs", () => {
    const who = bytes("aa".repeat(20));
    const final = { ...TRIVIAL_ACCOUNT_PROPERTIES, balance: 100n };
    const out = stateDiffsWithUnchangedKeysQuirk([{
      address: ACCOUNT_PROPERTIES_STORAGE_ADDRESS, slot: accountPropertiesSlot(who), initial: word(0n), final: word(1n), touched: true,
      account: { initial: TRIVIAL_ACCOUNT_PROPERTIES, final },
    }]);
    expect(hex(out)).toBe("00000001" + hex(flatKey(ACCOUNT_PROPERTIES_STORAGE_ADDRESS, accountPropertiesSlot(who))) + "140964");
  });

  it("rejects entries out of storage-cache order and account slots without records", () => {
    expect(() => stateDiffsWithUnchangedKeysQuirk([entry(2, 0n, 1n), entry(1, 0n, 1n)])).toThrow(/storage-cache order/);
    expect(() => stateDiffsWithUnchangedKeysQuirk([{ ...entry(1, 0n, 1n), address: ACCOUNT_PROPERTIES_STORAGE_ADDRESS }])).toThrow(/account records/);
  });

  it("logs: count, 88-byte logs, then the user messages with their lengths", () => {
    const m = userMessageLog(3, addr, bytes("cafe"));
    const l = l1TxResultLog(4, word(9n), true);
    const out = logsPubdata([m, l]);
    expect(out.length).toBe(4 + 88 * 2 + 4 + 4 + 2);
    expect(hex(out.subarray(0, 4))).toBe("00000002");
    expect(hex(out.subarray(180))).toBe("00000001" + "00000002" + "cafe");
  });

  it("the block pubdata starts with the block hash and ends with empty log sections", () => {
    const out = blockPubdata({ blockHash: word(1n), stateDiffs: [], logs: [] });
    expect(hex(out)).toBe(hex(word(1n)) + "00000000" + "00000000" + "00000000");
  });
});
