// The preimage cache (ts/storage/preimage-cache.ts) against preimage_cache.rs and
// new_preimages_publication_storage.rs at 0a82da0: native per lookup and per oracle fetch,
// truncation, proving-mode re-hashing, publication with frames.
import { describe, expect, it } from "vitest";
import { blake2s256 } from "../../ts/crypto/blake2s";
import { bytesToHex } from "../../ts/primitives/hex";
import { PreimageCache, PreimageType, blake2sNativeCost } from "../../ts/storage/preimage-cache";
import { InMemoryState } from "../../ts/oracle/in-memory-state";
import { OUT_OF_NATIVE, Resources } from "../../ts/system/resources";
import { InternalBlockError } from "../../ts/zksync/validation-errors";
import type { Oracle } from "../../ts/oracle/oracle";
import { metadata } from "../helpers/io-fixtures";

/** An oracle that answers preimages from a table (and counts the queries); other queries are not expected. */
function preimageOracle(table: Map<string, Uint8Array>): Oracle & { queries: number } {
  const base = InMemoryState.empty().oracle(metadata());
  const o = Object.create(base) as Oracle & { queries: number };
  o.queries = 0;
  o.preimageContent = (h: Uint8Array) => {
    o.queries++;
    const p = table.get(bytesToHex(h));
    if (p === undefined) throw new Error("unknown preimage");
    return p;
  };
  return o;
}

const code = Uint8Array.from([0x60, 0x01, 0x60, 0x02, 0x01]);
const codeHash = blake2s256(code);

describe("getPreimage", () => {
  it.each([[0, 800], [1, 1_140], [64, 1_140], [65, 1_480], [124, 1_480], [24_576, 800 + 384 * 340]])(
    "Blake2s native of %i bytes = %i", (len, native) => expect(blake2sNativeCost(len)).toBe(native),
  );

  it("a miss asks the oracle and costs 500 + Blake2s native; a hit costs 500 and returns the same array", () => {
    const oracle = preimageOracle(new Map([[bytesToHex(codeHash), code]]));
    const cache = new PreimageCache(oracle);
    const r = new Resources(0, 10_000);
    const first = cache.getPreimage(r, codeHash, code.length, PreimageType.Bytecode);
    expect(Array.from(first)).toEqual(Array.from(code));
    expect(r.native).toBe(10_000 - 500 - 1_140);
    expect(cache.getPreimage(r, codeHash, code.length, PreimageType.Bytecode)).toBe(first);
    expect(r.native).toBe(10_000 - 500 - 1_140 - 500);
    expect(oracle.queries).toBe(1);
  });

  it("truncates the oracle's answer to the expected length", () => {
    const padded = new Uint8Array(8);
    padded.set(code);
    const cache = new PreimageCache(preimageOracle(new Map([[bytesToHex(codeHash), padded]])), { verify: true });
    expect(cache.getPreimage(Resources.formalInfinite(), codeHash, 5, PreimageType.Bytecode)).toEqual(code);
  });

  it("proving mode rejects a preimage whose hash differs; forward mode takes it", () => {
    const wrong = new Map([[bytesToHex(codeHash), Uint8Array.from([1, 2, 3, 4, 5])]]);
    expect(() => new PreimageCache(preimageOracle(wrong), { verify: true }).getPreimage(Resources.formalInfinite(), codeHash, 5, PreimageType.Bytecode))
      .toThrow(/Bytecode hash mismatch/);
    expect(() => new PreimageCache(preimageOracle(wrong), { verify: true }).getPreimage(Resources.formalInfinite(), codeHash, 5, PreimageType.AccountData))
      .toThrow(/Account hash mismatch/);
    expect(new PreimageCache(preimageOracle(wrong)).getPreimage(Resources.formalInfinite(), codeHash, 5, PreimageType.Bytecode)).toEqual(Uint8Array.from([1, 2, 3, 4, 5]));
  });

  it("a short answer is an internal error", () => {
    const cache = new PreimageCache(preimageOracle(new Map([[bytesToHex(codeHash), code.subarray(0, 3)]])));
    expect(() => cache.getPreimage(Resources.formalInfinite(), codeHash, 5, PreimageType.Bytecode)).toThrow(InternalBlockError);
  });

  it("native runs out before the oracle is asked", () => {
    const oracle = preimageOracle(new Map([[bytesToHex(codeHash), code]]));
    expect(() => new PreimageCache(oracle).getPreimage(new Resources(0, 499), codeHash, 5, PreimageType.Bytecode)).toThrow(OUT_OF_NATIVE);
    expect(oracle.queries).toBe(0);
  });
});

describe("recordPreimage and publication", () => {
  it("costs 500 native, serves later lookups without the oracle, and is listed by hash order", () => {
    const oracle = preimageOracle(new Map());
    const cache = new PreimageCache(oracle);
    const other = Uint8Array.from([9, 9]);
    const otherHash = blake2s256(other);
    const r = new Resources(0, 2_000);
    cache.recordPreimage(r, codeHash, 5, PreimageType.Bytecode, code);
    cache.recordPreimage(r, otherHash, 2, PreimageType.AccountData, other);
    expect(r.native).toBe(1_000);
    expect(cache.getPreimage(r, codeHash, 5, PreimageType.Bytecode)).toEqual(code);
    expect(oracle.queries).toBe(0);
    const listed = cache.newPreimages().map((p) => [bytesToHex(p.hash), p.type]);
    const expected = [[bytesToHex(codeHash), PreimageType.Bytecode], [bytesToHex(otherHash), PreimageType.AccountData]]
      .sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
    expect(listed).toEqual(expected);
  });

  it("a preimage recorded in a reverted frame stays listed (its entry is outside the frame's history)", () => {
    const cache = new PreimageCache(preimageOracle(new Map()));
    cache.beginNewTx();
    const s = cache.startFrame();
    cache.recordPreimage(Resources.formalInfinite(), codeHash, 5, PreimageType.Bytecode, code);
    cache.finishFrame(s);
    expect(cache.newPreimages().map((p) => bytesToHex(p.preimage))).toEqual([bytesToHex(code)]);
  });

  it("rejects a preimage of the wrong length", () => {
    const cache = new PreimageCache(preimageOracle(new Map()));
    expect(() => cache.recordPreimage(Resources.formalInfinite(), codeHash, 4, PreimageType.Bytecode, code)).toThrow(InternalBlockError);
  });
});
