// The IO subsystem (ts/system/io-subsystem.ts) against io_subsystem.rs and flat_storage_model/mod.rs
// at 0a82da0: a failed frame restores every store, transaction boundaries, IO costs of transient
// storage, events and L1 messages (zksync-os-reference.md §6.6), per-transaction pubdata (§4.6), and
// the block-end lists: tree verify-and-apply, pubdata and the in-memory state agree (§3.6, §4.3).
import { describe, expect, it } from "vitest";
import { keccak256 } from "../../ts/crypto/keccak";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import {
  EE_TYPE_EVM, EE_TYPE_NONE, EMPTY_CODE_KECCAK, TRIVIAL_ACCOUNT_PROPERTIES, withEvmBytecode,
} from "../../ts/storage/account-properties";
import { accountPropertiesKey, ACCOUNT_PROPERTIES_ADDRESS } from "../../ts/storage/account-cache";
import { verifyAndApplyBatch } from "../../ts/storage/tree-batch";
import { blockPubdata } from "../../ts/l1/pubdata";
import { IOSubsystem, keccak256NativeCost } from "../../ts/system/io-subsystem";
import { OUT_OF_ERGS, Resources } from "../../ts/system/resources";
import { wordToBigint } from "../../ts/state/word";
import { addr, metadata, setup, word } from "../helpers/io-fixtures";

const G = 256;
const ALICE = addr(0xa11ce);
const TOKEN = addr(0x70c);
const NEW = addr(0xbeef);
const CODE = hexToBytes("0x6001600055");
const big = (): Resources => new Resources(1e12, 1e12);
const sys = Resources.formalInfinite;

function cost(op: (r: Resources) => void): [number, number] {
  const r = big();
  op(r);
  return [1e12 - r.ergs, 1e12 - r.native];
}

const ALLOC = {
  [ALICE]: { balance: "0x3e8", nonce: "0x1" },
  [TOKEN]: { code: bytesToHex(CODE), nonce: "0x1", storage: { "0x1": "0x64" } },
};

describe("frames", () => {
  it("a reverted frame restores storage, warmth, transient storage, events, logs, nonces, balances and code", () => {
    const { io } = setup(ALLOC);
    io.storageRead(EE_TYPE_EVM, big(), TOKEN, word(2)); // warm before the frame
    const snap = io.startIoFrame();
    io.storageWrite(EE_TYPE_EVM, big(), TOKEN, word(1), word(1));
    io.storageWrite(EE_TYPE_EVM, big(), TOKEN, word(2), word(2));
    io.transientWrite(EE_TYPE_EVM, big(), TOKEN, word(1), word(3));
    io.emitEvent(EE_TYPE_EVM, big(), TOKEN, [new Uint8Array(32)], Uint8Array.of(1));
    io.emitL1Message(EE_TYPE_EVM, big(), TOKEN, Uint8Array.of(1, 2));
    io.incrementNonce(EE_TYPE_EVM, big(), ALICE, 1n);
    io.transferNominalTokenValue(EE_TYPE_EVM, big(), ALICE, NEW, 10n);
    io.deployCode(EE_TYPE_EVM, big(), NEW, CODE);
    io.finishIoFrame(snap, true);

    expect(cost((r) => expect(io.storageRead(EE_TYPE_EVM, r, TOKEN, word(1))).toBe(word(100)))).toEqual([2_100 * G, 4_000 + 121_120]);
    expect(cost((r) => expect(io.storageRead(EE_TYPE_EVM, r, TOKEN, word(2))).toBe(word(0)))).toEqual([100 * G, 4_000]);
    expect(io.transientRead(EE_TYPE_EVM, big(), TOKEN, word(1))).toBe(word(0));
    expect(io.readAccountProperties(EE_TYPE_NONE, big(), ALICE)).toEqual({ ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 1n, balance: 1000n });
    expect(io.readAccountProperties(EE_TYPE_NONE, big(), NEW)).toEqual(TRIVIAL_ACCOUNT_PROPERTIES);
    io.finishTx();
    const block = io.finishBlock();
    expect([block.events.length, block.logs.length, block.storageWrites.length, block.accounts.size]).toEqual([0, 0, 0, 0]);
    // QUIRK: the code recorded inside the reverted frame is still reported as a new preimage.
    expect(block.preimages.map((p) => bytesToHex(p.preimage))).toEqual([bytesToHex(CODE)]);
  });

  it("an inner revert inside a kept frame undoes only the inner changes", () => {
    const { io } = setup(ALLOC);
    const outer = io.startIoFrame();
    io.storageWrite(EE_TYPE_EVM, big(), TOKEN, word(1), word(1));
    io.emitEvent(EE_TYPE_EVM, big(), TOKEN, [], new Uint8Array(0));
    const inner = io.startIoFrame();
    io.storageWrite(EE_TYPE_EVM, big(), TOKEN, word(1), word(2));
    io.emitEvent(EE_TYPE_EVM, big(), TOKEN, [], new Uint8Array(0));
    io.finishIoFrame(inner, true);
    io.finishIoFrame(outer, false);
    expect(io.storageRead(EE_TYPE_EVM, big(), TOKEN, word(1))).toBe(word(1));
    expect(io.finishBlock().events).toHaveLength(1);
  });
});

describe("IO costs", () => {
  it("TLOAD / TSTORE: 100 gas + 4,000 native; the system may not use them", () => {
    const { io } = setup();
    expect(cost((r) => io.transientWrite(EE_TYPE_EVM, r, TOKEN, word(1), word(1)))).toEqual([100 * G, 4_000]);
    expect(cost((r) => io.transientRead(EE_TYPE_EVM, r, TOKEN, word(1)))).toEqual([100 * G, 4_000]);
    expect(() => io.transientRead(EE_TYPE_NONE, big(), TOKEN, word(1))).toThrow(/Unsupported EE/);
  });

  it.each([[0, 0], [2, 0], [4, 32], [1, 1000]])("LOG%i with %i data bytes: 375 + 375/topic + 8/byte gas, 6,000 + 200/topic + 2/byte native", (topics, len) => {
    const { io } = setup();
    const t = Array.from({ length: topics }, () => new Uint8Array(32));
    expect(cost((r) => io.emitEvent(EE_TYPE_EVM, r, TOKEN, t, new Uint8Array(len))))
      .toEqual([(375 + 375 * topics + 8 * len) * G, 6_000 + 200 * topics + 2 * len]);
  });

  it("an event charged out of ergs is not emitted", () => {
    const { io } = setup();
    expect(() => io.emitEvent(EE_TYPE_EVM, new Resources(374 * G, 1e9), TOKEN, [], new Uint8Array(0))).toThrow(OUT_OF_ERGS);
    expect(io.finishBlock().events).toHaveLength(0);
  });

  it.each([0, 10, 136, 137, 300])("L1 message of %i bytes: hashing + storage native, then the keccak256 system function", (len) => {
    expect([keccak256NativeCost(0), keccak256NativeCost(136), keccak256NativeCost(137)]).toEqual([20_000, 20_000, 37_500]);
    const { io } = setup();
    const data = new Uint8Array(len).fill(3);
    let hash: Uint8Array | undefined;
    const [ergs, native] = cost((r) => { hash = io.emitL1Message(EE_TYPE_EVM, r, ALICE, data); });
    const k = keccak256NativeCost(len);
    expect([ergs, native]).toEqual([(30 + 6 * Math.ceil(len / 32)) * G, 20_000 + 3 * 20_000 + k + 6_000 + 2 * len + k]);
    expect(bytesToHex(hash!)).toBe(bytesToHex(keccak256(data)));
    const [log] = io.finishBlock().logs;
    expect(bytesToHex(log!.log.key)).toBe("0x" + "00".repeat(12) + ALICE.slice(2));
    expect(bytesToHex(log!.log.sender)).toBe(addr(0x8008));
    expect(log!.message).toEqual(data);
  });

  it("EXTCODEHASH / EXTCODESIZE / BALANCE / SELFBALANCE", () => {
    const { io } = setup({ ...ALLOC, [NEW]: { nonce: "0x0", balance: "0x0" } });
    expect(io.getObservableBytecodeHash(EE_TYPE_EVM, big(), TOKEN)).toEqual(keccak256(CODE));
    expect(io.getObservableBytecodeHash(EE_TYPE_EVM, big(), ALICE)).toEqual(EMPTY_CODE_KECCAK);
    expect(io.getObservableBytecodeHash(EE_TYPE_EVM, big(), NEW)).toEqual(new Uint8Array(32));
    expect(io.getObservableBytecodeHash(EE_TYPE_NONE, big(), ALICE)).toEqual(new Uint8Array(32));
    expect(io.getObservableBytecodeSize(EE_TYPE_EVM, big(), TOKEN)).toBe(CODE.length);
    expect(io.getObservableBytecode(EE_TYPE_EVM, big(), TOKEN)).toEqual(CODE);
    // The runner's callee read: one access (warm now: 100 gas, 4,000) + the cached code (500).
    expect(cost((r) => expect(io.readAccountWithBytecode(EE_TYPE_EVM, r, TOKEN).bytecode).toEqual(CODE))).toEqual([100 * G, 4_500]);
    expect(cost((r) => expect(io.getNominalTokenBalance(EE_TYPE_EVM, r, ALICE)).toBe(1000n))).toEqual([100 * G, 4_000]);
    expect(cost((r) => expect(io.getSelfBalance(EE_TYPE_EVM, r, ALICE)).toBe(1000n))).toEqual([5 * G, 0]);
  });
});

describe("transactions", () => {
  it("events and logs carry the transaction number, which advances in finishTx", () => {
    const { io } = setup();
    io.emitEvent(EE_TYPE_EVM, big(), TOKEN, [], new Uint8Array(0));
    io.emitL1L2TxLog(new Uint8Array(32).fill(1), true);
    io.finishTx();
    io.beginNextTx();
    io.finishTx(); // an invalid transaction counts too
    io.beginNextTx();
    io.emitEvent(EE_TYPE_EVM, big(), TOKEN, [], new Uint8Array(0));
    io.emitL1L2TxLog(new Uint8Array(32).fill(2), false);
    expect(io.txNumber).toBe(2);
    const block = io.finishBlock();
    expect(block.events.map((e) => e.txNumber)).toEqual([0, 2]);
    expect(block.logs.map((l) => [l.log.txNumberInBlock, l.log.value[31]])).toEqual([[0, 1], [2, 0]]);
    expect(bytesToHex(block.logs[0]!.log.sender)).toBe(addr(0x8001));
  });

  it("netPubdataUsed: slots + accounts + logs changed in this transaction, against the block start", () => {
    const { io } = setup(ALLOC);
    io.storageWrite(EE_TYPE_EVM, big(), TOKEN, word(7), word(5)); // 32 + Add 5 (2)
    io.incrementNonce(EE_TYPE_EVM, big(), ALICE, 1n); // metadata + Add 1 (2)
    io.emitL1Message(EE_TYPE_EVM, big(), ALICE, new Uint8Array(10)); // 4 + 10 + 88
    io.emitL1L2TxLog(new Uint8Array(32), true); // 88
    expect(io.netPubdataUsed()).toBe(34 + 3 + 102 + 88);
    io.finishTx();
    // The fee move after finishTx belongs to no transaction's pubdata (the next beginNextTx commits it).
    io.transferNominalTokenValue(EE_TYPE_NONE, sys(), ALICE, addr(0xc01b), 1n);
    io.beginNextTx();
    expect(io.netPubdataUsed()).toBe(0);
    io.storageWrite(EE_TYPE_EVM, big(), TOKEN, word(7), word(6)); // written again: 32 + Add 6 against block start 0
    expect(io.netPubdataUsed()).toBe(34);
  });
});

describe("finishBlock", () => {
  // Under byte order LOW < HIGH; in cache order (low limb first) HIGH (…0002) < LOW (…0003).
  const HIGH = "0x0100000000000000000000000000000000000002";
  const LOW = "0x0000000000000000000000000000000000000003";

  it("lists every touched slot in cache order; tree verify-and-apply, pubdata and the state agree", () => {
    const { io, state } = setup({ ...ALLOC, [HIGH]: { balance: "0x1" }, [LOW]: { balance: "0x1", storage: { "0x5": "0x9" } } });
    const before = state.tree.commitment;
    io.storageWrite(EE_TYPE_EVM, big(), LOW, word(5), word(10));
    io.storageWrite(EE_TYPE_EVM, big(), HIGH, word(1), word(11));
    io.storageRead(EE_TYPE_EVM, big(), TOKEN, word(1));
    io.storageRead(EE_TYPE_EVM, big(), TOKEN, word(99)); // a new slot only read
    io.deployCode(EE_TYPE_EVM, big(), NEW, CODE);
    io.transferNominalTokenValue(EE_TYPE_EVM, big(), ALICE, LOW, 5n);
    io.finishTx();
    const block = io.finishBlock();

    const order = block.stateDiffs.map((d) => [bytesToHex(d.address), BigInt(bytesToHex(d.slot))]);
    const acc = (a: string): bigint => BigInt(a);
    // Storage reads do not touch TOKEN's account; the 0x8003 slots follow their keys' bytes
    // (the padded addresses 0x…0003 < 0x…beef < 0x…a11ce).
    expect(order).toEqual([
      [HIGH, 1n], [LOW, 5n], [TOKEN, 1n], [TOKEN, 99n],
      [ACCOUNT_PROPERTIES_ADDRESS, acc(LOW)], [ACCOUNT_PROPERTIES_ADDRESS, acc(NEW)], [ACCOUNT_PROPERTIES_ADDRESS, acc(ALICE)],
    ]);
    expect(block.touchedSlots.map((s) => s.isNew)).toEqual([true, false, false, true, false, true, false]);
    expect(block.storageWrites.map((w) => w.address)).toEqual([HIGH, LOW, ACCOUNT_PROPERTIES_ADDRESS, ACCOUNT_PROPERTIES_ADDRESS, ACCOUNT_PROPERTIES_ADDRESS]);
    expect([...block.accounts.keys()].sort()).toEqual([ALICE, LOW, NEW].sort());
    expect(block.accounts.get(NEW)!.final).toEqual(withEvmBytecode(CODE));
    // The deployed account's entry carries its code for the full diff.
    const newEntry = block.stateDiffs.find((d) => bytesToHex(d.slot) === bytesToHex(hexToBytes("0x" + "00".repeat(12) + NEW.slice(2))))!;
    expect(newEntry.account!.bytecode).toEqual(CODE);

    const pubdata = blockPubdata({ blockHash: new Uint8Array(32), stateDiffs: block.stateDiffs, logs: block.logs });
    expect(pubdata.subarray(32, 36)).toEqual(Uint8Array.of(0, 0, 0, 5)); // state_diffs_count
    const applied = verifyAndApplyBatch({ root: before.root, nextFreeSlot: before.nextFreeSlot }, block.touchedSlots, state.oracle(metadata()));
    state.apply(block);
    expect(bytesToHex(state.tree.root)).toBe(bytesToHex(applied.root));
    expect(state.tree.nextFreeSlot).toBe(applied.nextFreeSlot);
    expect(applied.nextFreeSlot).toBe(before.nextFreeSlot + 2); // HIGH's slot 1 and NEW's account slot

    // The next block reads what this one wrote.
    const next = new IOSubsystem(state.oracle(metadata()));
    next.beginNextTx();
    expect(next.storageRead(EE_TYPE_EVM, big(), HIGH, word(1))).toBe(word(11));
    expect(next.readAccountProperties(EE_TYPE_NONE, big(), NEW)).toEqual(withEvmBytecode(CODE));
    expect(next.getObservableBytecode(EE_TYPE_EVM, big(), NEW)).toEqual(CODE);
    expect(next.readAccountProperties(EE_TYPE_NONE, big(), LOW).balance).toBe(6n);
    expect(state.storage(ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(ALICE))).not.toBe(word(0));
  });

  it("the self-destruct quirk reaches the state: hash(TRIVIAL) for a pre-existing account", () => {
    const { io, state } = setup({ [NEW]: { balance: "0x5" } });
    io.deployCode(EE_TYPE_EVM, big(), NEW, CODE);
    io.markForDeconstruction(EE_TYPE_EVM, big(), NEW, ALICE, false);
    io.finishTx();
    state.apply(io.finishBlock());
    expect(bytesToHex(hexToBytes(wordToHexOf(state.storage(ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(NEW))))))
      .toBe("0x7a2b5e8d3961f5c992b2fa0ad45881ac0873fd0dced3c4b9085b02879c8a02b2");
    expect(state.account(NEW)).toEqual(TRIVIAL_ACCOUNT_PROPERTIES);
    expect(state.account(ALICE).balance).toBe(5n);
  });
});

function wordToHexOf(w: string): string {
  return "0x" + wordToBigint(w).toString(16).padStart(64, "0");
}
