// 0x03 ripemd160: digest left-padded to 32 bytes, 600 + 120/word gas, native as sha256.
import { describe, expect, it } from "vitest";
import { ripemd160Precompile } from "../../../ts/hooks/precompiles/03-ripemd160";
import { bytesToHex } from "../../../ts/primitives/hex";
import { ascii } from "../../helpers/bytes";

const PAD = "0x" + "00".repeat(12);

describe("0x03 ripemd160", () => {
  it.each([
    { data: "", digest: "9c1185a5c5e9fc54612808977ee8f548b2258d31", gas: 600n, native: 5800n },
    { data: "abc", digest: "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc", gas: 720n, native: 5800n },
    {
      data: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      digest: "12a053384a9c0c88e405a06c27dcf49ada62eb2b",
      gas: 840n,
      native: 10000n,
    },
  ])("'$data'", ({ data, digest, gas, native }) => {
    const r = ripemd160Precompile.run(ascii(data), 10_000n);
    expect(r).toMatchObject({ ok: true, gasUsed: gas, native });
    expect(bytesToHex(r.output)).toBe(PAD + digest);
  });

  it("fails with all gas one short", () => {
    expect(ripemd160Precompile.run(ascii("abc"), 719n)).toMatchObject({ ok: false, gasUsed: 719n, output: new Uint8Array(0) });
  });
});
