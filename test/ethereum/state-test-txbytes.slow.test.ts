import { describe, expect, it } from "vitest";
import { listStateTestFiles, loadStateTestFile } from "../../ts/ethereum/state-test";
import { txBytesMismatch } from "../helpers/state-test-txbytes";

const ROOT = "../shared/fixtures/ethereum-tests/GeneralStateTests";

describe("GeneralStateTests loader, every vector (slow: one sender recovery each)", () => {
  it("builds, for every accepted vector, the transaction its txbytes encodes, sender included", () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const f of listStateTestFiles([ROOT])) {
      for (const v of loadStateTestFile(f)) {
        if (v.expectException !== null) continue;
        checked++;
        const m = txBytesMismatch(v);
        if (m !== null) mismatches.push(m);
      }
    }
    expect(checked).toBe(18331 - 1166);
    expect(mismatches).toEqual([]);
  });
});
