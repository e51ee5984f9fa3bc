// Resources (ts/system/resources.ts) against zk_ee/src/system/resources.rs and
// reference_implementations/mod.rs at 0a82da0 (zksync-os-reference.md §6.1): the charge rules
// (native first, exhausted component zeroed), the 63/64 rule on whole gas, infinite flavours.
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../ts/errors";
import {
  ChargeStatus, ERGS_PER_GAS, MAX_NATIVE_COMPUTATIONAL, OUT_OF_ERGS, OUT_OF_NATIVE, Resources, ResourceExhausted,
  apply6364Rule, nativeWithDelegations,
} from "../../ts/system/resources";

describe("constants", () => {
  it("ERGS_PER_GAS, MAX_NATIVE_COMPUTATIONAL and delegation weights", () => {
    expect(ERGS_PER_GAS).toBe(256);
    expect(MAX_NATIVE_COMPUTATIONAL).toBe(2 ** 36);
    // flat_storage_model/cost_constants.rs: COLD_EXISTING_STORAGE_READ_NATIVE_COST, ECRECOVER (350k raw, 43k bigint).
    expect(nativeWithDelegations(100_000, 0, 1_320)).toBe(121_120);
    expect(nativeWithDelegations(350_000, 43_000, 0)).toBe(522_000);
  });
});

describe("tryCharge / charge (BaseResources::charge)", () => {
  it.each([
    // name, start ergs, start native, charge ergs, charge native, status, ergs after, native after
    ["both enough", 1000, 500, 300, 200, ChargeStatus.Ok, 700, 300],
    ["exactly all", 1000, 500, 1000, 500, ChargeStatus.Ok, 0, 0],
    ["ergs short: ergs zeroed, native still deducted", 1000, 500, 1001, 200, ChargeStatus.OutOfErgs, 0, 300],
    ["native short: native zeroed, ergs still deducted", 1000, 500, 300, 501, ChargeStatus.OutOfNative, 700, 0],
    ["both short: native error wins, both zeroed", 1000, 500, 1001, 501, ChargeStatus.OutOfNative, 0, 0],
    ["zero charge on empty", 0, 0, 0, 0, ChargeStatus.Ok, 0, 0],
  ])("%s", (_name, e0, n0, ce, cn, status, e1, n1) => {
    const r = new Resources(e0, n0);
    expect(r.tryCharge(ce, cn)).toBe(status);
    expect([r.ergs, r.native]).toEqual([e1, n1]);
    const t = new Resources(e0, n0);
    if (status === ChargeStatus.Ok) t.charge(ce, cn);
    else expect(() => t.charge(ce, cn)).toThrow(status === ChargeStatus.OutOfNative ? OUT_OF_NATIVE : OUT_OF_ERGS);
    expect([t.ergs, t.native]).toEqual([e1, n1]);
  });

  it("throws the two shared instances with the reference's variant names", () => {
    expect(OUT_OF_ERGS).toBeInstanceOf(ResourceExhausted);
    expect(OUT_OF_ERGS.kind).toBe("OutOfErgs");
    expect(OUT_OF_NATIVE.kind).toBe("OutOfNativeResources");
  });

  it("infinite components never run out and stay infinite", () => {
    const r = Resources.formalInfinite();
    r.charge(2 ** 52, 2 ** 52);
    expect([r.ergs, r.native]).toEqual([Infinity, Infinity]);
    const n = Resources.withInfiniteNative(10);
    expect(n.hasInfiniteNative).toBe(true);
    expect(n.tryCharge(11, 1e15)).toBe(ChargeStatus.OutOfErgs);
    expect(n.native).toBe(Infinity);
  });

  it("an infinite cost cannot be paid by finite resources", () => {
    expect(new Resources(2 ** 53 - 1, 0).tryCharge(Infinity, 0)).toBe(ChargeStatus.OutOfErgs);
  });
});

describe("63/64 rule on whole gas (evm_interpreter gas.rs apply_63_64_rule)", () => {
  it.each([
    [0, 0],
    [255, 255], // 0 whole gas: nothing withheld
    [64 * 256, 63 * 256],
    [64 * 256 + 255, 63 * 256 + 255], // the fraction of a gas is passed on
    [127 * 256, 126 * 256], // floor(127 / 64) = 1 gas withheld
    [128 * 256, 126 * 256],
    [1_000_000 * 256, (1_000_000 - 15_625) * 256],
  ])("ergs %i → at most %i passed", (ergs, passed) => {
    expect(apply6364Rule(ergs)).toBe(passed);
  });

  it("takePassedResources: min(desired, rule) ergs and all native move to the callee", () => {
    const caller = new Resources(128 * 256, 5_000);
    const callee = caller.takePassedResources(1e12);
    expect([callee.ergs, callee.native]).toEqual([126 * 256, 5_000]);
    expect([caller.ergs, caller.native]).toEqual([2 * 256, 0]);
    const c2 = new Resources(128 * 256, 7).takePassedResources(1000);
    expect([c2.ergs, c2.native]).toEqual([1000, 7]);
  });
});

describe("other operations", () => {
  it("withInfiniteErgs spends native only and restores ergs, also when the work throws", () => {
    const r = new Resources(1000, 100);
    expect(r.withInfiniteErgs((x) => { x.charge(1e9, 40); return x.ergs; })).toBe(Infinity);
    expect([r.ergs, r.native]).toEqual([1000, 60]);
    expect(() => r.withInfiniteErgs((x) => x.charge(1, 61))).toThrow(OUT_OF_NATIVE);
    expect([r.ergs, r.native]).toEqual([1000, 0]);
  });

  it("reclaim, take, giveNativeTo, exhaustErgs, hasEnough, gasLeft", () => {
    const r = new Resources(700, 30);
    r.reclaim(new Resources(300, 70));
    expect([r.ergs, r.native, r.gasLeft]).toEqual([1000, 100, 3]);
    expect(r.hasEnough(1000, 100)).toBe(true);
    expect(r.hasEnough(1001, 0)).toBe(false);
    const other = new Resources(5, 9);
    r.giveNativeTo(other);
    expect([r.native, other.native]).toEqual([0, 100]);
    const t = other.take();
    expect([t.ergs, t.native, other.ergs, other.native]).toEqual([5, 100, 0, 0]);
    r.exhaustErgs();
    expect(r.ergs).toBe(0);
    expect(Resources.fromGas(21_000, 4).ergs).toBe(21_000 * 256);
  });

  it.each([[-1, 0], [0, -1], [1.5, 0], [2 ** 53, 0], [NaN, 0]])("rejects ergs %s, native %s", (e, n) => {
    expect(() => new Resources(e, n)).toThrow(ArgumentError);
  });
});
