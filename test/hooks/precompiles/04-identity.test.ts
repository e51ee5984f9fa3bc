// 0x04 identity: output equals input (as a copy), 15 + 3/word gas, native 20 + 10/byte.
import { describe, expect, it } from "vitest";
import { identityPrecompile } from "../../../ts/hooks/precompiles/04-identity";

describe("0x04 identity", () => {
  it.each([
    [0, 15n],
    [1, 18n],
    [32, 18n],
    [33, 21n],
    [64, 21n],
    [1000, 111n],
  ])("length %i: gas %i", (len, gas) => {
    const data = Uint8Array.from({ length: len }, (_, i) => i & 0xff);
    const r = identityPrecompile.run(data, gas);
    expect(r).toMatchObject({ ok: true, gasUsed: gas, native: 20n + 10n * BigInt(len) });
    expect(r.output).toEqual(data);
  });

  it("returns a copy, not a view of the input", () => {
    const data = Uint8Array.of(1, 2, 3);
    const r = identityPrecompile.run(data, 100n);
    data[0] = 9;
    expect(Array.from(r.output)).toEqual([1, 2, 3]);
  });

  it("fails with all gas one short", () => {
    expect(identityPrecompile.run(new Uint8Array(33), 20n)).toMatchObject({ ok: false, gasUsed: 20n, output: new Uint8Array(0), native: 350n });
  });
});
