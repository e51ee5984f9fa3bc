// zkExecuteCall under the ZKsync OS rules (zksync-os-reference.md §1.5, §6.1, §6.5, §6.6, §8): gas
// against the `ethereum` profile on the same programs, IO native per access, reverts and rollback
// at several depths, out of gas, out of native aborting the top level, the depth limit, the block
// values ZKsync OS changes, EIP-6780 in the same transaction and the kernel-space rule.
import { describe, it, expect } from "vitest";
import { op, push, pushN, sstore, returnTop, call, ret, revert, mstore, deployer, bytes } from "../helpers/bytecode";
import { runCode, word } from "../helpers/evm";
import { zkSystem, zkCall, zkDeploy, slot, account, codeOf, withInitcode, SENDER, CONTRACT, OTHER, MIX_HASH } from "../helpers/zk";
import { addressOfNumber } from "../../ts/state/address";
import { createAddress } from "../../ts/ee/evm/create-address";
import { WARM_STORAGE_READ_NATIVE_COST, COLD_EXISTING_STORAGE_READ_NATIVE_COST } from "../../ts/storage/storage-cache";
import { BYTECODE_PREPROCESSING_BYTE_NATIVE_COST } from "../../ts/bootloader/zk-runner";
import { accountPropertiesEqual, TRIVIAL_ACCOUNT_PROPERTIES } from "../../ts/storage/account-properties";

const ETH = 10n ** 18n;
const A = addressOfNumber(0xaaaa0);
const B = addressOfNumber(0xbbbb0);
const C = addressOfNumber(0xcccc0);
/** Native of one interpreter step (STEP_NATIVE_COST). */
const STEP = 20;

/** Same program, same pre-state, both profiles. */
const differential: { name: string; code: string; accounts?: Record<string, { balance?: bigint; code?: string; storage?: Record<string, string> }> }[] = [
  { name: "SSTORE new slot, SLOAD warm", code: sstore(1, 42) + push(1) + op.SLOAD + returnTop() },
  { name: "SLOAD cold existing, SSTORE reset, SSTORE back", code: push(5) + op.SLOAD + op.POP + sstore(5, 9) + sstore(5, 3) + push(5) + op.SLOAD + returnTop(),
    accounts: { [CONTRACT]: { storage: { "0x5": "0x3" } } } },
  { name: "SSTORE to zero (no refund in the gas left)", code: sstore(5, 0) + push(0) + returnTop(), accounts: { [CONTRACT]: { storage: { "0x5": "0x3" } } } },
  { name: "BALANCE cold then warm", code: push(OTHER) + op.BALANCE + op.POP + push(OTHER) + op.BALANCE + returnTop(), accounts: { [OTHER]: { balance: 77n } } },
  { name: "EXTCODESIZE / EXTCODEHASH / EXTCODECOPY", code: push(B) + op.EXTCODESIZE + op.POP + push(B) + op.EXTCODEHASH + op.POP + push(4) + push(1) + push(0) + push(B) + op.EXTCODECOPY + push(0) + op.MLOAD + returnTop(),
    accounts: { [B]: { code: "0x6001600255" } } },
  { name: "EXTCODEHASH of a code-less funded account and of an empty one", code: push(OTHER) + op.EXTCODEHASH + push(C) + op.EXTCODEHASH + op.ADD + returnTop(), accounts: { [OTHER]: { balance: 1n } } },
  { name: "SELFBALANCE, TSTORE, TLOAD", code: push(7) + push(1) + op.TSTORE + push(1) + op.TLOAD + op.SELFBALANCE + op.ADD + returnTop(), accounts: { [CONTRACT]: { balance: 5n } } },
  { name: "LOG0 and LOG2 with data", code: mstore(0, 0xabcd) + push(32) + push(0) + op.LOG0 + push(2) + push(1) + push(20) + push(12) + op.LOG2 + push(0) + returnTop() },
  { name: "CALL with value to a new account (9,000 + 25,000, stipend)", code: call("CALL", { gas: 0, to: C, value: 3 }) + returnTop(), accounts: { [CONTRACT]: { balance: 10n } } },
  { name: "CALL into code that writes and returns", code: call("CALL", { gas: 100000, to: B, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop(),
    accounts: { [B]: { code: "0x" + sstore(0, 1) + push(0x55) + returnTop() } } },
  { name: "STATICCALL into code that writes fails", code: call("STATICCALL", { gas: 100000, to: B }) + returnTop(), accounts: { [B]: { code: "0x" + sstore(0, 1) } } },
  { name: "DELEGATECALL writes the caller's storage", code: call("DELEGATECALL", { gas: 100000, to: B }) + op.POP + push(0) + op.SLOAD + returnTop(), accounts: { [B]: { code: "0x" + sstore(0, 9) } } },
  { name: "nested revert returns its data and rolls back", code: call("CALL", { gas: 100000, to: B, outLen: 32 }) + push(0) + op.MLOAD + op.ADD + push(B) + op.BALANCE + op.ADD + returnTop(),
    accounts: { [B]: { code: "0x" + sstore(0, 1) + mstore(0, 0x99) + revert(0, 32) } } },
  { name: "identity precompile", code: mstore(0, 0xabcdef) + call("STATICCALL", { gas: 1000, to: "0x04", inOffset: 29, inLen: 3, outOffset: 32, outLen: 3 }) + op.POP + ret(32, 3) },
  { name: "a failing precompile burns what it was given", code: call("STATICCALL", { gas: 1000, to: "0x01" }) + returnTop() },
  { name: "sha256 precompile", code: mstore(0, 1) + call("STATICCALL", { gas: 1000, to: "0x02", inLen: 32, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop() },
  { name: "SELFDESTRUCT of a pre-existing contract moves the balance", code: push(C) + op.SELFDESTRUCT, accounts: { [CONTRACT]: { balance: 4n } } },
  { name: "out of gas in a callee", code: call("CALL", { gas: 5000, to: B }) + op.GAS + op.ADD + returnTop(), accounts: { [B]: { code: "0x5b600056" } } },
];

describe("gas agrees with the ethereum profile", () => {
  it.each(differential)("$name", ({ code, accounts }) => {
    const others = { ...accounts, [CONTRACT]: { ...accounts?.[CONTRACT], code: "0x" + code } };
    const eth = runCode({ code, accounts: others });
    const alloc = { [SENDER]: { balance: ETH }, ...others };
    const zk = zkCall(zkSystem(alloc));
    expect(zk.status).toBe(eth.status);
    expect(zk.returnHex).toBe(eth.returnHex);
    expect(BigInt(zk.gasUsed)).toBe(eth.gasUsed);
  });
});

describe("IO native per access (6 native per code byte at frame start)", () => {
  const nativeOf = (code: string, storage?: Record<string, string>): number =>
    zkCall(zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, storage } })).nativeUsed;

  it("a warm SLOAD costs its opcode, one step and 4,000 native", () => {
    const once = sstore(1, 1) + push(1) + op.SLOAD + op.POP;
    const twice = once + push(1) + op.SLOAD + op.POP;
    const bytes = 4;
    expect(nativeOf(twice) - nativeOf(once)).toBe((STEP + 60) + (STEP + 100 + WARM_STORAGE_READ_NATIVE_COST) + (STEP + 40) + BYTECODE_PREPROCESSING_BYTE_NATIVE_COST * bytes);
  });

  it("a cold SLOAD of an existing slot adds 121,120", () => {
    const storage = { "0x1": "0x5", "0x2": "0x6" };
    const warm = push(1) + op.SLOAD + op.POP + push(1) + op.SLOAD + op.POP;
    const cold = push(1) + op.SLOAD + op.POP + push(2) + op.SLOAD + op.POP;
    expect(nativeOf(cold, storage) - nativeOf(warm, storage)).toBe(COLD_EXISTING_STORAGE_READ_NATIVE_COST);
  });

  it("a TLOAD costs its opcode, one step and 4,000 native, charged once", () => {
    const base = push(1) + op.TLOAD + op.POP;
    const more = base + push(1) + op.TLOAD + op.POP;
    expect(nativeOf(more) - nativeOf(base)).toBe((STEP + 60) + (STEP + 100 + 4000) + (STEP + 40) + 6 * 4);
  });
});

describe("reverts at depth roll state back", () => {
  // A writes slot 1, calls B; B writes, calls C; C writes and reverts or not (calldata word 0).
  const writerThenCall = (next: string | null, tail: string): string =>
    sstore(1, 1) + (next === null ? "" : call("CALL", { gas: 200000, to: next }) + push(2) + op.SSTORE) + tail;
  const alloc = (cReverts: boolean, bReverts: boolean, aReverts: boolean) => ({
    [SENDER]: { balance: ETH },
    [CONTRACT]: { code: "0x" + call("CALL", { gas: 400000, to: A }) + push(2) + op.SSTORE + sstore(3, 3) + (aReverts ? revert(0, 0) : op.STOP) },
    [A]: { code: "0x" + writerThenCall(B, op.STOP) },
    [B]: { code: "0x" + writerThenCall(C, bReverts ? revert(0, 0) : op.STOP) },
    [C]: { code: "0x" + writerThenCall(null, cReverts ? revert(0, 0) : op.STOP) },
  });

  it.each([
    { name: "nothing reverts", c: false, b: false, top: false, expect: { a: 1n, b: 1n, c: 1n, aSaw: 1n, bSaw: 1n, top: 3n } },
    { name: "the deepest frame reverts", c: true, b: false, top: false, expect: { a: 1n, b: 1n, c: 0n, aSaw: 1n, bSaw: 0n, top: 3n } },
    { name: "a middle frame reverts, taking its callee with it", c: false, b: true, top: false, expect: { a: 1n, b: 0n, c: 0n, aSaw: 0n, bSaw: 0n, top: 3n } },
    { name: "the top frame reverts: nothing stays", c: false, b: false, top: true, expect: { a: 0n, b: 0n, c: 0n, aSaw: 0n, bSaw: 0n, top: 0n } },
  ])("$name", ({ c, b, top, expect: e }) => {
    const sys = zkSystem(alloc(c, b, top));
    const r = zkCall(sys, { gas: 2_000_000 });
    expect(r.status).toBe(top ? "revert" : "success");
    expect([slot(sys, A, 1), slot(sys, B, 1), slot(sys, C, 1)]).toEqual([e.a, e.b, e.c]);
    expect([slot(sys, A, 2), slot(sys, B, 2)]).toEqual([e.aSaw, e.bSaw]);
    expect(slot(sys, CONTRACT, 3)).toBe(e.top);
  });
});

describe("resources", () => {
  it("out of gas consumes every erg and leaves no state", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + sstore(1, 1) + "5b600556" } });
    const r = zkCall(sys, { gas: 50_000 });
    expect(r.status).toBe("error");
    expect(r.error).toBe("OutOfGas");
    expect(r.ergsLeft).toBe(0);
    expect(slot(sys, CONTRACT, 1)).toBe(0n);
  });

  it("out of native in a callee aborts the whole call, even though the caller would go on", () => {
    // The caller ignores the callee's failure and writes slot 2; native runs out in the callee's loop.
    const sys = zkSystem({
      [SENDER]: { balance: ETH },
      [CONTRACT]: { code: "0x" + sstore(1, 1) + call("CALL", { gas: 10_000_000, to: B }) + op.POP + sstore(2, 2) },
      [B]: { code: "0x5b600056" },
    });
    const r = zkCall(sys, { gas: 20_000_000, native: 3_000_000 });
    expect(r).toMatchObject({ status: "error", error: "OutOfNativeResources", outOfNative: true, ergsLeft: 0 });
    expect(r.nativeUsed).toBe(3_000_000);
    expect([slot(sys, CONTRACT, 1), slot(sys, CONTRACT, 2)]).toEqual([0n, 0n]);
  });

  it("value moves with the call and back on revert", () => {
    const sys = zkSystem({ [SENDER]: { balance: 1000n }, [CONTRACT]: { code: "0x" + revert(0, 0) }, [OTHER]: {} });
    expect(zkCall(sys, { value: 10n }).status).toBe("revert");
    expect([account(sys, SENDER).balance, account(sys, CONTRACT).balance]).toEqual([1000n, 0n]);
    expect(zkCall(sys, { to: OTHER, value: 10n }).status).toBe("success");
    expect([account(sys, SENDER).balance, account(sys, OTHER).balance]).toEqual([990n, 10n]);
  });

  it("a call with more value than the balance fails without running the callee", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + call("CALL", { gas: 0, to: B, value: 5 }) + returnTop() }, [B]: { code: "0x" + sstore(0, 1) } });
    const r = zkCall(sys);
    expect(r.returnHex).toBe(word(0));
    expect(slot(sys, B, 0)).toBe(0n);
  });
});

describe("call depth (MAX_CALLSTACK_DEPTH 1025)", () => {
  it("stops at 1024 frames below the top one", () => {
    const code = push(0) + op.CALLDATALOAD + push(1) + op.ADD + op.DUP1 + push(0) + op.SSTORE +
      push(0) + op.MSTORE + call("CALL", { gas: 0xffffffffff, to: CONTRACT, inLen: 32 });
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code } });
    const r = zkCall(sys, { gas: 1_000_000_000_000, native: 2 ** 52 });
    expect(r.status).toBe("success");
    expect(slot(sys, CONTRACT, 0)).toBe(1025n);
  });

  it("a call to an account without code succeeds even past the depth limit (checked after the EOA shortcut)", () => {
    // Level 1025 calls OTHER with value 1 and records the call's result in slot 1.
    const head = push(0) + op.CALLDATALOAD + push(1) + op.ADD + op.DUP1 + push(0) + op.SSTORE + op.DUP1 + push(0) + op.MSTORE + push(1025) + op.EQ;
    const recurse = call("CALL", { gas: 0xffffffffff, to: CONTRACT, inLen: 32 }) + op.STOP;
    const dest = (head.length + recurse.length) / 2 + 4;
    const code = head + pushN(2, dest) + op.JUMPI + recurse + op.JUMPDEST + call("CALL", { gas: 0, to: OTHER, value: 1 }) + push(1) + op.SSTORE;
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code, balance: 10n } });
    zkCall(sys, { gas: 1_000_000_000_000, native: 2 ** 52 });
    expect([slot(sys, CONTRACT, 0), slot(sys, CONTRACT, 1), account(sys, OTHER).balance]).toEqual([1025n, 1n, 1n]);
  });
});

describe("block values ZKsync OS changes (§8)", () => {
  it.each([
    { name: "DIFFICULTY/PREVRANDAO is the block's mix hash", code: op.PREVRANDAO, expected: Buffer.from(MIX_HASH).toString("hex") },
    { name: "BLOBHASH is 0 for any index", code: push(0) + op.BLOBHASH, expected: word(0) },
    { name: "BLOBBASEFEE is 1", code: op.BLOBBASEFEE, expected: word(1) },
    { name: "BLOCKHASH(n − 1) is the first metadata hash", code: push(999) + op.BLOCKHASH, expected: "11".repeat(32) },
    { name: "BLOCKHASH(n − 2) is the second", code: push(998) + op.BLOCKHASH, expected: "22".repeat(32) },
    { name: "BLOCKHASH(n) is 0", code: push(1000) + op.BLOCKHASH, expected: word(0) },
    { name: "CHAINID", code: op.CHAINID, expected: word(270) },
    { name: "GASPRICE", code: op.GASPRICE, expected: word(10) },
    { name: "ORIGIN", code: op.ORIGIN, expected: SENDER.slice(2).padStart(64, "0") },
  ])("$name", ({ code, expected }) => {
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + code + returnTop() } });
    expect(zkCall(sys).returnHex).toBe(expected);
  });
});

describe("kernel space (< 0x10000)", () => {
  const KERNEL = addressOfNumber(0x9999);
  const code = call("CALL", { gas: 100000, to: KERNEL, outLen: 32 }) + op.POP + push(0) + op.MLOAD + returnTop();

  it.each([
    { name: "with code_in_kernel_space, code at an address without a hook runs", codeInKernelSpace: true, expected: word(0x42) },
    { name: "without it, the address is an empty account: success, no code runs", codeInKernelSpace: false, expected: word(0) },
  ])("$name", ({ codeInKernelSpace, expected }) => {
    // The caller itself must live above 0x10000 to run without the feature.
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [A]: { code: "0x" + code }, [KERNEL]: { code: "0x" + push(0x42) + returnTop() } }, { codeInKernelSpace });
    const r = zkCall(sys, { to: A });
    expect(r.status).toBe("success");
    expect(r.returnHex).toBe(expected);
  });

  it("a top-level call to kernel space without the feature does not run code either", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [KERNEL]: { code: "0x" + push(0x42) + returnTop() } }, { codeInKernelSpace: false });
    expect(zkCall(sys, { to: KERNEL })).toMatchObject({ status: "success", returnHex: "" });
  });
});

describe("self-destruct in the same transaction (EIP-6780)", () => {
  it("a contract created and destroyed in one transaction is gone at its end", () => {
    // CONTRACT creates a child whose code self-destructs to OTHER, then calls it.
    const initcode = deployer(push(OTHER) + op.SELFDESTRUCT);
    const factory = withInitcode(initcode, (len) => push(len) + push(0) + push(5) + op.CREATE +
      op.DUP1 + push(0) + op.SSTORE + push(0) + push(0) + push(0) + push(0) + push(0) + op.DUP6 + op.GAS + op.CALL);
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + factory, balance: 5n, nonce: 1n } });
    expect(zkCall(sys, { gas: 2_000_000 }).status).toBe("success");
    const childAddress = createAddress(CONTRACT, 1n);
    expect(slot(sys, CONTRACT, 0)).toBe(BigInt(childAddress));
    expect(account(sys, childAddress).nonce).toBe(1n);
    expect(account(sys, OTHER).balance).toBe(5n);
    sys.io.finishTx();
    expect(accountPropertiesEqual(account(sys, childAddress), TRIVIAL_ACCOUNT_PROPERTIES)).toBe(true);
  });

  it("a pre-existing contract keeps its code and only loses its balance", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [CONTRACT]: { code: "0x" + push(OTHER) + op.SELFDESTRUCT, balance: 4n } });
    expect(zkCall(sys).status).toBe("success");
    sys.io.finishTx();
    expect([account(sys, CONTRACT).bytecodeLen, account(sys, CONTRACT).balance, account(sys, OTHER).balance]).toEqual([22, 0n, 4n]);
  });

  it("a constructor that self-destructs: the contract is gone at the end of the transaction", () => {
    const sys = zkSystem({ [SENDER]: { balance: ETH } });
    const r = zkDeploy(sys, push(OTHER) + op.SELFDESTRUCT, { nonce: 0n, value: 5n });
    expect(r.status).toBe("success");
    sys.io.finishTx();
    expect(accountPropertiesEqual(account(sys, r.deployedAddress!), TRIVIAL_ACCOUNT_PROPERTIES)).toBe(true);
    expect(account(sys, OTHER).balance).toBe(5n);
  });

  it("QUIRK: SELFDESTRUCT in a frame a constructor delegates to is not in a constructor, and the code is not deployed yet: the contract survives", () => {
    const runtime = push(0x42) + returnTop();
    const initcode = call("DELEGATECALL", { gas: 100000, to: B }) + op.POP + mstore(0, "0x" + runtime.padEnd(64, "0")) + ret(0, runtime.length / 2);
    const sys = zkSystem({ [SENDER]: { balance: ETH }, [B]: { code: "0x" + push(OTHER) + op.SELFDESTRUCT } });
    const r = zkDeploy(sys, initcode, { nonce: 0n, value: 5n });
    sys.io.finishTx();
    expect([codeOf(sys, r.deployedAddress!), account(sys, OTHER).balance]).toEqual([bytes(runtime), 5n]);
  });
});
