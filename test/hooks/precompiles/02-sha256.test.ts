// 0x02 sha256: FIPS 180-4 digests, 60 + 12/word gas, ZKsync OS native 1600 + 4200/block.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mdBlocks, sha256Precompile } from "../../../ts/hooks/precompiles/02-sha256";
import { bytesToHex } from "../../../ts/primitives/hex";
import { ascii } from "../../helpers/bytes";

describe("0x02 sha256", () => {
  it.each([
    { data: "", digest: "0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", gas: 60n, native: 5800n },
    { data: "abc", digest: "0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", gas: 72n, native: 5800n },
  ])("'$data'", ({ data, digest, gas, native }) => {
    const r = sha256Precompile.run(ascii(data), 1000n);
    expect(r).toMatchObject({ ok: true, gasUsed: gas, native });
    expect(bytesToHex(r.output)).toBe(digest);
  });

  it.each([
    [0, 60n, 1n],
    [1, 72n, 1n],
    [32, 72n, 1n],
    [33, 84n, 1n],
    [55, 84n, 1n],
    [56, 84n, 2n],
    [64, 84n, 2n],
    [119, 108n, 2n],
    [120, 108n, 3n],
  ])("length %i: gas %i, %i blocks; digest matches node:crypto", (len, gas, blocks) => {
    const data = Uint8Array.from({ length: len }, (_, i) => (i * 7 + 1) & 0xff);
    const r = sha256Precompile.run(data, gas);
    expect(mdBlocks(len)).toBe(blocks);
    expect(r).toMatchObject({ ok: true, gasUsed: gas, native: 1600n + 4200n * blocks });
    expect(Buffer.from(r.output).toString("hex")).toBe(createHash("sha256").update(data).digest("hex"));
  });

  it("fails with all gas one short", () => {
    expect(sha256Precompile.run(ascii("abc"), 71n)).toMatchObject({ ok: false, gasUsed: 71n, output: new Uint8Array(0), native: 5800n });
  });
});
