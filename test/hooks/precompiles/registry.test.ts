// The precompile sets per profile (Cancun vs the pinned ZKsync OS build, zksync-os-reference.md
// §1.5 / §8) and the 20-byte address lookup the call runner uses.
import { describe, expect, it } from "vitest";
import { precompileAt, precompilesFor } from "../../../ts/hooks/precompiles/registry";
import { ArgumentError } from "../../../ts/errors";

const addr = (n: number) => {
  const a = new Uint8Array(20);
  a[18] = n >> 8;
  a[19] = n & 0xff;
  return a;
};

describe("precompilesFor", () => {
  it("ethereum: 0x01–0x0a, all warm, real blake2f and KZG", () => {
    const set = precompilesFor("ethereum");
    expect([...set.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...set.values()].map((p) => p.name)).toEqual([
      "ecrecover", "sha256", "ripemd160", "identity", "modexp",
      "bn254_add", "bn254_mul", "bn254_pairing", "blake2f", "kzg_point_evaluation",
    ]);
    expect([...set.values()].every((p) => p.alwaysWarm)).toBe(true);
    for (const [address, p] of set) expect(p.address).toBe(address);
    const blake = set.get(9)!.run(new Uint8Array(213), 0n);
    expect(blake).toMatchObject({ ok: true, gasUsed: 0n });
    expect(blake.output.length).toBe(64);
  });

  it("zksync-os default: mocks at 0x09 / 0x0a, no 0x100", () => {
    const set = precompilesFor("zksync-os");
    expect([...set.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(set.get(1)).toBe(precompilesFor("ethereum").get(1));
    const blake = set.get(9)!;
    const kzg = set.get(10)!;
    expect(blake.run(new Uint8Array(213), 0n)).toEqual({ ok: true, gasUsed: 0n, output: new Uint8Array(0), native: 0n });
    expect(blake.run(new Uint8Array(212), 100n)).toEqual({ ok: false, gasUsed: 100n, output: new Uint8Array(0), native: 0n });
    expect(kzg.run(new Uint8Array(193), 0n)).toEqual({ ok: true, gasUsed: 0n, output: new Uint8Array(0), native: 0n });
    expect(kzg.run(new Uint8Array(192), 100n)).toEqual({ ok: false, gasUsed: 100n, output: new Uint8Array(0), native: 0n });
  });

  it("zksync-os switches: p256 adds 0x100 (not warm); mockUnsupported: false drops 0x09 / 0x0a", () => {
    const withP256 = precompilesFor("zksync-os", { p256: true });
    expect([...withP256.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x100]);
    expect(withP256.get(0x100)!.alwaysWarm).toBe(false);
    expect([...precompilesFor("zksync-os", { mockUnsupported: false }).keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("rejects an unknown profile", () => {
    expect(() => precompilesFor("cancun" as never)).toThrow(ArgumentError);
  });
});

describe("precompileAt", () => {
  const eth = precompilesFor("ethereum");
  const zk = precompilesFor("zksync-os", { p256: true });
  it.each([
    { set: eth, address: addr(1), name: "ecrecover" },
    { set: eth, address: addr(10), name: "kzg_point_evaluation" },
    { set: eth, address: addr(0), name: undefined },
    { set: eth, address: addr(11), name: undefined },
    { set: eth, address: addr(0x100), name: undefined },
    { set: zk, address: addr(0x100), name: "p256_verify" },
    { set: eth, address: (() => { const a = addr(1); a[0] = 1; return a; })(), name: undefined },
  ])("$address.19 / $name", ({ set, address, name }) => {
    expect(precompileAt(set, address)?.name).toBe(name);
  });

  it("rejects addresses that are not 20 bytes", () => {
    expect(() => precompileAt(eth, new Uint8Array(32))).toThrow(ArgumentError);
  });
});
