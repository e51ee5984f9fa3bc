// Deployments under the ZKsync OS rules (zksync-os-reference.md §1.3, §1.4, §8; runner.rs and
// ee_trait_impl.rs at 0a82da0): top-level deployments with the transaction's nonce, CREATE and
// CREATE2 (also from a constructor), the collision rule (nonce or code only), EIP-3541 and the
// code size limit with the return-data quirk, code deposit, value and nonce rules; gas against the
// `ethereum` profile where both agree.
import { describe, it, expect } from "vitest";
import { op, push, returnTop, ret, revert, mstore, sstore, deployer, bytes } from "../helpers/bytecode";
import { zkSystem, zkCall, zkDeploy, slot, account, codeOf, withInitcode, SENDER, CONTRACT } from "../helpers/zk";
import { WorldState } from "../../ts/state/world-state";
import { wordFromBigint, wordToBigint } from "../../ts/state/word";
import { Runner } from "../../ts/bootloader/runner";
import { beginEthereumTransaction } from "../../ts/bootloader/warm-up";
import { precompilesFor } from "../../ts/hooks/precompiles/registry";
import { createAddress, create2Address } from "../../ts/ee/evm/create-address";
import { keccak256 } from "../../ts/crypto/keccak";
import { blake2s256 } from "../../ts/crypto/blake2s";
import { DEPLOYED_EVM_VERSIONING } from "../../ts/storage/account-properties";
import { apply6364Rule, ERGS_PER_GAS } from "../../ts/system/resources";
import { BLOCK, runCode } from "../helpers/evm";

const ETH = 10n ** 18n;
const RUNTIME = push(0x42) + returnTop();

/** The `ethereum` profile's top-level creation of `initcode` at createAddress(SENDER, 0). */
function ethDeploy(initcode: string, gas: bigint): { status: string; gasUsed: bigint } {
  const state = WorldState.fromAlloc({ [SENDER]: { balance: ETH } });
  const precompiles = precompilesFor("ethereum");
  const target = createAddress(SENDER, 0n);
  beginEthereumTransaction(state, { origin: SENDER, target, coinbase: BLOCK.coinbase, precompiles });
  const runner = new Runner({ state, precompiles, block: BLOCK, tx: { origin: SENDER, gasPrice: 1n, blobHashes: [] } });
  const r = runner.run({ caller: SENDER, to: null, value: 0n, data: bytes(initcode), gas, createAddress: target });
  return { status: r.status, gasUsed: gas - r.gasLeft };
}

describe("top-level deployment: gas agrees with the ethereum profile", () => {
  it.each([
    { name: "a constructor returning runtime code", initcode: deployer(RUNTIME), status: "success" },
    { name: "a constructor writing storage", initcode: sstore(1, 7) + deployer(RUNTIME).slice(0), status: "success" },
    { name: "a reverting constructor", initcode: sstore(1, 7) + revert(0, 0), status: "revert" },
    { name: "code starting with 0xEF (EIP-3541)", initcode: mstore(0, "0xef" + "00".repeat(31)) + ret(0, 1), status: "error" },
    { name: "24,577 bytes of code (EIP-170)", initcode: ret(0, 24577), status: "error" },
    { name: "24,576 bytes of code", initcode: ret(0, 24576), status: "success" },
    { name: "too little gas for the 200 per byte deposit", initcode: ret(0, 3000), status: "error", gas: 500_000 },
  ])("$name", ({ initcode, status, gas }) => {
    const g = gas ?? 10_000_000;
    const eth = ethDeploy(initcode, BigInt(g));
    const sys = zkSystem({ [SENDER]: { balance: ETH } });
    const zk = zkDeploy(sys, initcode, { gas: g, nonce: 0n });
    expect(eth.status).toBe(status);
    expect(zk.status).toBe(status);
    expect(BigInt(zk.gasUsed)).toBe(eth.gasUsed);
  });
});

describe("top-level deployment", () => {
  it("deploys at the address of the transaction's nonce and records the code (§1.4)", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH, nonce: 8n } });
    const r = zkDeploy(sys, deployer(RUNTIME), { nonce: 7n, value: 5n });
    const at = createAddress(SENDER, 7n);
    expect(r).toMatchObject({ status: "success", deployedAddress: at, returnHex: "" });
    const code = bytes(RUNTIME);
    const p = account(sys, at);
    expect(p).toMatchObject({ nonce: 1n, balance: 5n, versioningData: DEPLOYED_EVM_VERSIONING, bytecodeLen: code.length, observableBytecodeLen: code.length, artifactsLen: 0 });
    expect(p.bytecodeHash).toEqual(blake2s256(code));
    expect(p.observableBytecodeHash).toEqual(keccak256(code));
    expect(codeOf(sys, at)).toEqual(code);
    expect(account(sys, SENDER).nonce).toBe(8n);
    expect(zkCall(sys, { to: at }).returnHex).toBe("42".padStart(64, "0"));
  });

  it("without a nonce, increments the deployer's as CREATE does", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH, nonce: 3n } });
    expect(zkDeploy(sys, deployer(RUNTIME)).deployedAddress).toBe(createAddress(SENDER, 3n));
    expect(account(sys, SENDER).nonce).toBe(4n);
  });

  it("a collision keeps 1/64 of the ergs and burns the constructor's share", () => {
    const at = createAddress(SENDER, 0n);
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [at]: { nonce: 1n } });
    const r = zkDeploy(sys, deployer(RUNTIME), { nonce: 0n, gas: 1_000_000 });
    expect(r).toMatchObject({ status: "error", error: "CreateCollision", deployedAddress: null });
    const ergs = 1_000_000 * ERGS_PER_GAS;
    expect(r.ergsLeft).toBe(ergs - apply6364Rule(ergs));
  });

  it("an account with storage only is not a collision (no EIP-7610)", () => {
    const at = createAddress(SENDER, 0n);
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [at]: { storage: { "0x1": "0x9" }, balance: 3n } });
    const r = zkDeploy(sys, deployer(RUNTIME), { nonce: 0n });
    expect(r.status).toBe("success");
    expect([account(sys, at).balance, slot(sys, at, 1)]).toEqual([3n, 9n]);
  });

  it("more value than the balance fails without charging anything", () => {
    const sys = zkSystem({ [SENDER]: { balance: 10n } });
    const r = zkDeploy(sys, deployer(RUNTIME), { nonce: 0n, value: 11n, gas: 100_000 });
    expect(r).toMatchObject({ status: "error", error: "InsufficientBalance", gasUsed: 0 });
  });

  it("initcode over 49,152 bytes reverts with the resources untouched", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH } });
    const r = zkDeploy(sys, "00".repeat(49153), { nonce: 0n });
    expect(r).toMatchObject({ status: "revert", error: "CreateInitCodeSizeLimit", gasUsed: 0, nativeUsed: 0 });
  });

  it("a failed EIP-3541 deployment returns the code as its return data (QUIRK)", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH } });
    const r = zkDeploy(sys, mstore(0, "0xef0102" + "00".repeat(29)) + ret(0, 3), { nonce: 0n });
    expect(r).toMatchObject({ status: "error", error: "InvalidCodePrefix", returnHex: "ef0102", ergsLeft: 0 });
    expect(account(sys, createAddress(SENDER, 0n)).nonce).toBe(0n);
  });
});

describe("CREATE and CREATE2", () => {
  const factory = (body: (len: number) => string, initcode: string): string => withInitcode(initcode, body);
  const create = (value = 0) => (len: number) => push(len) + push(0) + push(value) + op.CREATE;
  const create2 = (salt: number) => (len: number) => push(salt) + push(len) + push(0) + push(0) + op.CREATE2;

  it("CREATE deploys at the factory's nonce and increments it", () => {
    const code = factory((len) => create()(len) + push(0) + op.SSTORE, deployer(RUNTIME));
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, nonce: 1n } });
    expect(zkCall(sys).status).toBe("success");
    const at = createAddress(CONTRACT, 1n);
    expect(slot(sys, CONTRACT, 0)).toBe(BigInt(at));
    expect([account(sys, CONTRACT).nonce, account(sys, at).nonce]).toEqual([2n, 1n]);
    expect(codeOf(sys, at)).toEqual(bytes(RUNTIME));
  });

  it("CREATE2 deploys at keccak(0xff ‖ factory ‖ salt ‖ keccak(initcode)), bumps the nonce, and collides the second time", () => {
    const initcode = deployer(RUNTIME);
    const code = factory((len) => create2(9)(len) + push(0) + op.SSTORE + create2(9)(len) + push(1) + op.SSTORE, initcode);
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, nonce: 1n } });
    expect(zkCall(sys).status).toBe("success");
    const salt = new Uint8Array(32);
    salt[31] = 9;
    const at = create2Address(CONTRACT, salt, keccak256(bytes(initcode)));
    expect([slot(sys, CONTRACT, 0), slot(sys, CONTRACT, 1)]).toEqual([BigInt(at), 0n]);
    expect(account(sys, CONTRACT).nonce).toBe(3n);
  });

  it("a constructor that creates: the grandchild derives from the child's nonce 1", () => {
    const inner = deployer(RUNTIME);
    const childInit = withInitcode(inner, (len) => create()(len) + push(0) + op.SSTORE + ret(0, 0));
    const code = factory((len) => create()(len) + push(0) + op.SSTORE, childInit);
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, nonce: 1n } });
    expect(zkCall(sys, { gas: 3_000_000 }).status).toBe("success");
    const child = createAddress(CONTRACT, 1n);
    const grandchild = createAddress(child, 1n);
    expect([slot(sys, CONTRACT, 0), slot(sys, child, 0)]).toEqual([BigInt(child), BigInt(grandchild)]);
    expect([account(sys, child).nonce, codeOf(sys, grandchild)]).toEqual([2n, bytes(RUNTIME)]);
  });

  it("after a CREATE fails on 0xEF code, RETURNDATASIZE is the code's length (QUIRK)", () => {
    const initcode = mstore(0, "0xef0102" + "00".repeat(29)) + ret(0, 3);
    const code = factory((len) => create()(len) + push(0) + op.SSTORE + op.RETURNDATASIZE + push(1) + op.SSTORE, initcode);
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, nonce: 1n } });
    // The failed CREATE burns 63/64: 3M gas leave enough for the two SSTOREs after it.
    expect(zkCall(sys, { gas: 3_000_000 }).status).toBe("success");
    expect([slot(sys, CONTRACT, 0), slot(sys, CONTRACT, 1), account(sys, CONTRACT).nonce]).toEqual([0n, 3n, 2n]);
  });

  it("a reverting constructor leaves its revert data, and the factory's nonce stays incremented", () => {
    const initcode = sstore(0, 1) + mstore(0, 0xdead) + revert(30, 2);
    const code = factory((len) => create()(len) + push(0) + op.SSTORE + op.RETURNDATASIZE + push(1) + op.SSTORE, initcode);
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, nonce: 1n } });
    zkCall(sys);
    expect([slot(sys, CONTRACT, 0), slot(sys, CONTRACT, 1), account(sys, CONTRACT).nonce]).toEqual([0n, 2n, 2n]);
    expect(slot(sys, createAddress(CONTRACT, 1n), 0)).toBe(0n);
  });

  it("CREATE with value moves it to the new contract; without the balance it fails and only bumps the nonce", () => {
    const code = factory((len) => create(7)(len) + push(0) + op.SSTORE, deployer(RUNTIME));
    const rich = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, nonce: 1n, balance: 7n } });
    zkCall(rich);
    expect(account(rich, createAddress(CONTRACT, 1n)).balance).toBe(7n);
    const poor = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, nonce: 1n, balance: 6n } });
    zkCall(poor);
    expect([slot(poor, CONTRACT, 0), account(poor, CONTRACT).nonce, account(poor, CONTRACT).balance]).toEqual([0n, 1n, 6n]);
  });

  it.each([
    { name: "CREATE", body: (len: number) => create()(len) + push(0) + op.SSTORE },
    { name: "CREATE2 twice with one salt (the second collides and keeps 1/64)", body: (len: number) => create2(1)(len) + op.POP + create2(1)(len) + push(0) + op.SSTORE },
    { name: "CREATE with value", body: (len: number) => create(3)(len) + op.BALANCE + push(0) + op.SSTORE },
  ])("gas agrees with the ethereum profile: $name", ({ body }) => {
    const code = factory(body, deployer(sstore(0, 1) + RUNTIME));
    const eth = runCode({ code, accounts: { [CONTRACT]: { code: "0x" + code, nonce: 1n, balance: 5n } } });
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, nonce: 1n, balance: 5n } });
    const zk = zkCall(sys);
    expect(zk.status).toBe("success");
    expect(BigInt(zk.gasUsed)).toBe(eth.gasUsed);
    expect(slot(sys, CONTRACT, 0)).toBe(wordToBigint(eth.state.storage(CONTRACT, wordFromBigint(0n))));
  });
});
