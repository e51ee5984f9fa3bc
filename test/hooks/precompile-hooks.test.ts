// Precompiles as system hooks (zksync-os-reference.md §1.5, §6.6, §8.6, §9; precompiles.rs at
// 0a82da0): native first (short aborts the transaction), then gas; a failure burns what was
// forwarded; the hook table per build flags; mocks at 0x09/0x0a; P256 at 0x100 only when enabled;
// value sent to a precompile stays there; every precompile fails on 0 gas and empty input.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { describe, it, expect } from "vitest";
import { op, push, call, returnTop, mstore } from "../helpers/bytecode";
import { zkSystem, zkCall, account, SENDER, CONTRACT } from "../helpers/zk";
import { runPrecompile } from "../../ts/hooks/precompile-hooks";
import { hooksFor, CONTRACT_DEPLOYER_HOOK, L1_MESSENGER_HOOK, L2_BASE_TOKEN_HOOK } from "../../ts/hooks/hooks";
import { identityPrecompile } from "../../ts/hooks/precompiles/04-identity";
import { Resources, ERGS_PER_GAS, OUT_OF_NATIVE } from "../../ts/system/resources";
import { addressOfNumber } from "../../ts/state/address";
import { bytesToBigint } from "../../ts/primitives/hex";

const ETH = 10n ** 18n;

describe("runPrecompile", () => {
  const input = Uint8Array.from({ length: 33 }, (_, i) => i);

  it("charges the precompile's native, then its gas, from ergs that need not be whole gas", () => {
    const r = new Resources(1000 * ERGS_PER_GAS + 7, 1_000_000);
    expect(runPrecompile(identityPrecompile, input, r)).toEqual({ reverted: false, returnData: input });
    expect(r.ergs).toBe((1000 - 15 - 3 * 2) * ERGS_PER_GAS + 7);
    expect(r.native).toBe(1_000_000 - (20 + 10 * 33));
  });

  it("a failure burns every erg, keeps the native not spent, and returns nothing", () => {
    const r = new Resources(20 * ERGS_PER_GAS + 255, 1_000_000);
    expect(runPrecompile(identityPrecompile, input, r)).toMatchObject({ reverted: true, returnData: new Uint8Array(0) });
    expect([r.ergs, r.native]).toEqual([0, 1_000_000 - (20 + 10 * 33)]);
  });

  it("too little native throws OUT_OF_NATIVE (the transaction aborts)", () => {
    const r = new Resources(1_000_000, 100);
    expect(() => runPrecompile(identityPrecompile, input, r)).toThrow(OUT_OF_NATIVE);
    expect(r.native).toBe(0);
  });
});

describe("the hook table", () => {
  const keys = (t: ReadonlyMap<number, unknown>) => [...t.keys()].sort((a, b) => a - b);
  it.each([
    { name: "evm-compatibility (default image)", flags: { mockUnsupportedPrecompiles: true, disableSystemContracts: false, p256: false }, expected: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, CONTRACT_DEPLOYER_HOOK, L1_MESSENGER_HOOK, L2_BASE_TOKEN_HOOK] },
    { name: "no mocks", flags: { mockUnsupportedPrecompiles: false, disableSystemContracts: false, p256: false }, expected: [1, 2, 3, 4, 5, 6, 7, 8, CONTRACT_DEPLOYER_HOOK, L1_MESSENGER_HOOK, L2_BASE_TOKEN_HOOK] },
    { name: "evm_replay (no system contracts)", flags: { mockUnsupportedPrecompiles: true, disableSystemContracts: true, p256: false }, expected: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    { name: "p256", flags: { mockUnsupportedPrecompiles: false, disableSystemContracts: true, p256: true }, expected: [1, 2, 3, 4, 5, 6, 7, 8, 0x100] },
  ])("$name", ({ flags, expected }) => {
    expect(keys(hooksFor(flags))).toEqual(expected);
  });
});

describe("precompiles through the runner", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])("0x%i with no gas and no input: the top-level call reverts (§9)", (n) => {
    const sys = zkSystem({ [SENDER]: { balance: ETH } });
    expect(zkCall(sys, { to: addressOfNumber(n), gas: 0 }).status).toBe("revert");
  });

  it("a failing precompile burns all the gas a top-level call gave it", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH } });
    expect(zkCall(sys, { to: addressOfNumber(6), input: "01", gas: 50_000 })).toMatchObject({ status: "revert", gasUsed: 50_000, returnHex: "" });
  });

  /** STATICCALL(gas, to, 0, inLen) from CONTRACT; returns success * 2^128 + gas used by the call. */
  const probe = (to: string, inLen: number, gas = 1000) =>
    op.GAS + call("STATICCALL", { gas, to, inLen }) + push(1) + push(128) + op.SHL + op.MUL + op.SWAP1 + op.GAS + op.SWAP1 + op.SUB + op.ADD + returnTop();
  const decode = (hex: string) => ({ success: BigInt("0x" + hex) >> 128n === 1n, gas: Number(BigInt("0x" + hex) & ((1n << 128n) - 1n)) });

  it.each([
    { name: "0x09 mock accepts exactly 213 bytes, charging nothing", to: "0x09", inLen: 213, success: true, burned: false },
    { name: "0x09 mock fails on 212 bytes and burns the gas", to: "0x09", inLen: 212, success: false, burned: true },
    { name: "0x0a mock accepts exactly 193 bytes", to: "0x0a", inLen: 193, success: true, burned: false },
    { name: "0x0a mock fails on 192 bytes", to: "0x0a", inLen: 192, success: false, burned: true },
  ])("$name", ({ to, inLen, success, burned }) => {
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + probe(to, inLen) } });
    const r = decode(zkCall(sys).returnHex);
    // Between the two GAS: 6 pushes (18), warm access (100), memory for the input, the result's
    // PUSH PUSH SHL MUL SWAP1 (17) and GAS itself (2).
    const words = Math.ceil(inLen / 32);
    const overhead = 18 + 100 + 3 * words + Math.floor((words * words) / 512) + 17 + 2;
    expect(r).toEqual({ success, gas: overhead + (burned ? 1000 : 0) });
  });

  it.each([
    { name: "with code_in_kernel_space it is an ordinary empty account", codeInKernelSpace: true },
    { name: "without it, a kernel-space address without a hook", codeInKernelSpace: false },
  ])("without mocks, 0x09 succeeds and burns nothing: $name", ({ codeInKernelSpace }) => {
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [addressOfNumber(0xc0de0)]: { code: "0x" + probe("0x09", 1) } },
      { mockUnsupportedPrecompiles: false, codeInKernelSpace });
    expect(decode(zkCall(sys, { to: addressOfNumber(0xc0de0) }).returnHex)).toEqual({ success: true, gas: 18 + 100 + 3 + 17 + 2 });
  });

  describe("P256 at 0x100 (off in every reference build)", () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const msg = Buffer.from("zkos");
    const sig = sign("sha256", msg, { key: privateKey, dsaEncoding: "ieee-p1363" });
    const input = Buffer.concat([createHash("sha256").update(msg).digest(), sig, Buffer.from(jwk.x!, "base64url"), Buffer.from(jwk.y!, "base64url")]);
    const hex = input.toString("hex");
    // Copy the 160-byte input into memory, STATICCALL 0x100, return RETURNDATASIZE and the output byte.
    const code = op.CALLDATASIZE + push(0) + push(0) + op.CALLDATACOPY + call("STATICCALL", { gas: 10000, to: "0x0100", inLen: 160, outOffset: 0, outLen: 1 }) + op.POP +
      push(0) + op.MLOAD + push(248) + op.SHR + op.RETURNDATASIZE + push(8) + op.SHL + op.OR + returnTop();

    it.each([
      { name: "enabled: a valid signature returns 0x01 (one byte)", p256: true, expected: (1n << 8n) | 1n },
      { name: "disabled: 0x100 is an ordinary empty account", p256: false, expected: BigInt("0x" + hex.slice(0, 2)) },
    ])("$name", ({ p256, expected }) => {
      const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code } }, { p256 });
      expect(bytesToBigint(Buffer.from(zkCall(sys, { input: hex }).returnHex, "hex"))).toBe(expected);
    });
  });

  it("value sent to a precompile stays there; a failed call sends it back", () => {
    // identity succeeds; bn254 add fails on (1, 0), which is not on the curve.
    const code = mstore(0, 1) + call("CALL", { gas: 1000, to: "0x04", value: 3, inLen: 32 }) + op.POP + call("CALL", { gas: 1000, to: "0x06", value: 4, inLen: 64 }) + returnTop();
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, balance: 10n } });
    expect(zkCall(sys).returnHex).toBe("0".repeat(64));
    expect([account(sys, addressOfNumber(4)).balance, account(sys, addressOfNumber(6)).balance, account(sys, CONTRACT).balance]).toEqual([3n, 0n, 7n]);
  });
});
