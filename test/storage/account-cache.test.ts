// The account cache (ts/storage/account-cache.ts) against account_cache.rs at 0a82da0: exact access
// costs (zksync-os-reference.md §6.5, §6.6), the record round trip through (0x8003, address) and the
// preimage, nonce/balance bounds, deployment and force deployment, EIP-6780 self-destruct with the
// hash(TRIVIAL) quirk, block-end persistence and per-transaction pubdata (§4.6).
import { describe, expect, it } from "vitest";
import { blake2s256 } from "../../ts/crypto/blake2s";
import { keccak256 } from "../../ts/crypto/keccak";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { AccountCache, ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey } from "../../ts/storage/account-cache";
import {
  EE_TYPE_EVM, EE_TYPE_NONE, TRIVIAL_ACCOUNT_PROPERTIES, accountPropertiesHash, encodeAccountProperties, withEvmBytecode,
  type AccountProperties,
} from "../../ts/storage/account-properties";
import { StorageCache } from "../../ts/storage/storage-cache";
import { PreimageCache } from "../../ts/storage/preimage-cache";
import { InMemoryState } from "../../ts/oracle/in-memory-state";
import type { AllocAccount } from "../../ts/state/world-state";
import { NUMERIC_BOUNDS } from "../../ts/system/io";
import { OUT_OF_ERGS, Resources } from "../../ts/system/resources";
import { accountDiffLength } from "../../ts/l1/pubdata";
import { wordFromBytes, wordToBigint, wordToBytes } from "../../ts/state/word";
import { InternalBlockError } from "../../ts/zksync/validation-errors";
import { addr, metadata, word } from "../helpers/io-fixtures";

const G = 256;
const EOA = addr(0xe0a);
const CONTRACT = addr(0xc0de);
const NOBODY = addr(0xdead);
const CODE = hexToBytes("0x600160005500");
const TRIVIAL_HASH = "0x7a2b5e8d3961f5c992b2fa0ad45881ac0873fd0dced3c4b9085b02879c8a02b2";

function fresh(alloc: Record<string, AllocAccount> = {
  [EOA]: { balance: "0x3e8", nonce: "0x3" },
  [CONTRACT]: { balance: "0x10", nonce: "0x1", code: bytesToHex(CODE), storage: { "0x0": "0x2a" } },
}) {
  const state = InMemoryState.fromPreState(alloc);
  const oracle = state.oracle(metadata());
  const storage = new StorageCache(oracle);
  const preimages = new PreimageCache(oracle, { verify: true });
  const accounts = new AccountCache(storage, preimages);
  const beginTx = (): void => {
    storage.beginNewTx();
    preimages.beginNewTx();
    accounts.beginNewTx();
  };
  beginTx();
  return { state, storage, preimages, accounts, beginTx };
}

const big = (): Resources => new Resources(1e12, 1e12);

function cost(op: (r: Resources) => void): [number, number] {
  const r = big();
  op(r);
  return [1e12 - r.ergs, 1e12 - r.native];
}

// Cold hash read (NoEE): 4,000 + 121,120 for an existing slot, 4,000 + 242,240 for a new one; the
// 124-byte record from the oracle: 500 + 800 + 2·340.
const COLD_EXISTING_ACCOUNT_NATIVE = 4_000 + 4_000 + 121_120 + 500 + 1_480;
const COLD_ABSENT_ACCOUNT_NATIVE = 4_000 + 4_000 + 242_240;

describe("access costs (ergs, native)", () => {
  it.each<[string, (a: AccountCache) => void, (a: AccountCache, r: Resources) => void, number, number]>([
    ["cold existing (EVM)", () => {}, (a, r) => a.readAccountProperties(EE_TYPE_EVM, r, EOA), 2_600 * G, COLD_EXISTING_ACCOUNT_NATIVE],
    ["cold absent (EVM)", () => {}, (a, r) => a.readAccountProperties(EE_TYPE_EVM, r, NOBODY), 2_600 * G, COLD_ABSENT_ACCOUNT_NATIVE],
    ["cold precompile 0x01 (EVM): no cold extra", () => {}, (a, r) => a.readAccountProperties(EE_TYPE_EVM, r, addr(1)), 100 * G, COLD_ABSENT_ACCOUNT_NATIVE],
    ["cold 0x0b is not a precompile", () => {}, (a, r) => a.readAccountProperties(EE_TYPE_EVM, r, addr(0x0b)), 2_600 * G, COLD_ABSENT_ACCOUNT_NATIVE],
    ["warm (EVM)", (a) => a.readAccountProperties(EE_TYPE_EVM, big(), EOA), (a, r) => a.readAccountProperties(EE_TYPE_EVM, r, EOA), 100 * G, 4_000],
    ["cold existing (system)", () => {}, (a, r) => a.readAccountProperties(EE_TYPE_NONE, r, EOA), 0, COLD_EXISTING_ACCOUNT_NATIVE],
    ["EIP-2930 address entry (system)", () => {}, (a, r) => a.touchAccount(EE_TYPE_NONE, r, EOA, true), 2_400 * G, COLD_EXISTING_ACCOUNT_NATIVE],
    ["SELFBALANCE: 5 gas", (a) => a.readAccountProperties(EE_TYPE_EVM, big(), EOA), (a, r) => a.readBalanceAssumingWarm(EE_TYPE_EVM, r, EOA), 5 * G, 0],
    ["nonce increment (warm)", (a) => a.readAccountProperties(EE_TYPE_EVM, big(), EOA), (a, r) => a.incrementNonce(EE_TYPE_EVM, r, EOA, 1n), 100 * G, 5_000],
    ["transfer (both warm)", (a) => { a.touchAccount(EE_TYPE_EVM, big(), EOA, false); a.touchAccount(EE_TYPE_EVM, big(), CONTRACT, false); },
      (a, r) => a.transfer(EE_TYPE_EVM, r, EOA, CONTRACT, 1n), 200 * G, 10_000],
    // Every properties read of an account with code fetches the code (zk_ee Maybe::try_construct): the
    // first costs 500 + Blake2s native of 6 bytes (800 + 340), a cached one 500.
    ["cold existing contract (EVM): fetches its code", () => {}, (a, r) => a.readAccountProperties(EE_TYPE_EVM, r, CONTRACT), 2_600 * G, COLD_EXISTING_ACCOUNT_NATIVE + 500 + 1_140],
    ["EXTCODECOPY bytes of a warm contract", (a) => a.readAccountProperties(EE_TYPE_EVM, big(), CONTRACT), (a, r) => a.readBytecode(EE_TYPE_EVM, r, CONTRACT), 100 * G, 4_000 + 500],
  ])("%s", (_name, before, op, ergs, native) => {
    const { accounts } = fresh();
    before(accounts);
    expect(cost((r) => op(accounts, r))).toEqual([ergs, native]);
  });

  it("a reverted frame makes the account cold again", () => {
    const { accounts } = fresh();
    const s = accounts.startFrame();
    accounts.readAccountProperties(EE_TYPE_EVM, big(), EOA);
    accounts.finishFrame(s);
    expect(cost((r) => accounts.readAccountProperties(EE_TYPE_EVM, r, EOA))).toEqual([2_600 * G, 4_000]);
  });

  it("SELFBALANCE of an account never cached is an internal error", () => {
    expect(() => fresh().accounts.readBalanceAssumingWarm(EE_TYPE_EVM, big(), EOA)).toThrow(InternalBlockError);
  });
});

describe("records", () => {
  it.each(["0x0000000000000000000000000000000000008003", "0xffffffffffffffffffffffffffffffffffffffff", "0x0123456789abcdef00112233445566778899aabb"])(
    "the hash slot key of %s is 12 zero bytes ‖ address", (a) => {
      expect(bytesToHex(wordToBytes(accountPropertiesKey(a)))).toBe("0x" + "00".repeat(12) + a.slice(2));
    },
  );


  it("round trip: the pre-state record comes back through (0x8003, address) and its preimage", () => {
    const { accounts, storage } = fresh();
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), EOA)).toEqual({ ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 3n, balance: 1000n });
    const c = accounts.readAccountProperties(EE_TYPE_NONE, big(), CONTRACT);
    expect(c).toEqual(withEvmBytecode(CODE, { ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 1n, balance: 16n }));
    expect(accounts.readBytecode(EE_TYPE_NONE, big(), CONTRACT)).toEqual(CODE);
    expect(accounts.readBytecode(EE_TYPE_NONE, big(), EOA)).toEqual(new Uint8Array(0));
    const slot = storage.peek(ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(CONTRACT))!;
    expect(bytesToHex(wordToBytes(slot.value))).toBe(bytesToHex(accountPropertiesHash(c)));
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY)).toEqual(TRIVIAL_ACCOUNT_PROPERTIES);
  });

  it("nonce: returns the old value; past 2^64 − 1 throws NumericBounds and writes nothing", () => {
    const { accounts } = fresh({ [EOA]: { nonce: "0xfffffffffffffffe" } });
    expect(accounts.incrementNonce(EE_TYPE_NONE, big(), EOA, 1n)).toBe(0xffff_ffff_ffff_fffen);
    expect(() => accounts.incrementNonce(EE_TYPE_NONE, big(), EOA, 1n)).toThrow(NUMERIC_BOUNDS);
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), EOA).nonce).toBe(0xffff_ffff_ffff_ffffn);
  });

  it("balances: underflow and overflow throw NumericBounds and write nothing", () => {
    const { accounts } = fresh({ [EOA]: { balance: "0x3e8" }, [CONTRACT]: { balance: `0x${"f".repeat(64)}` } });
    expect(() => accounts.transfer(EE_TYPE_NONE, big(), EOA, NOBODY, 1001n)).toThrow(NUMERIC_BOUNDS);
    expect(accounts.peek(NOBODY)).toBeUndefined(); // the sender failed first
    expect(() => accounts.transfer(EE_TYPE_NONE, big(), EOA, CONTRACT, 1n)).toThrow(NUMERIC_BOUNDS);
    // The sender's debit happened before the credit failed (the reference does the same; the frame reverts it).
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), EOA).balance).toBe(999n);
    expect(accounts.updateBalance(EE_TYPE_NONE, big(), NOBODY, 5n, false)).toBe(0n);
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY).balance).toBe(5n);
  });

  it("deployCode: 200 gas/byte, record = withEvmBytecode, code recorded as a preimage", () => {
    const { accounts, preimages } = fresh();
    // Deposit 200·6 gas; unmetered-ergs account access of an absent account; record 500; write 1,000.
    let stored: Uint8Array | undefined;
    expect(cost((r) => { stored = accounts.deployCode(EE_TYPE_EVM, r, NOBODY, CODE); })).toEqual([1_200 * G, COLD_ABSENT_ACCOUNT_NATIVE + 500 + 1_000]);
    expect(stored).toEqual(CODE);
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY)).toEqual(withEvmBytecode(CODE));
    expect(preimages.newPreimages().map((p) => bytesToHex(p.hash))).toEqual([bytesToHex(blake2s256(CODE))]);
    expect(() => accounts.deployCode(EE_TYPE_NONE, big(), addr(0xabc), CODE)).toThrow(/Unsupported EE/);
  });

  it("deployCode out of ergs for the deposit: nothing happens", () => {
    const { accounts } = fresh();
    expect(() => accounts.deployCode(EE_TYPE_EVM, new Resources(1_199 * G, 1e9), NOBODY, CODE)).toThrow(OUT_OF_ERGS);
    expect(accounts.peek(NOBODY)).toBeUndefined();
  });

  it("setBytecodeDetails (system_hooks vector): code 0x0123456789 gives the record of evm_bytecode_into_account_properties", () => {
    const { accounts } = fresh();
    const code = hexToBytes("0x0123456789");
    const blake = blake2s256(code);
    const keccak = keccak256(code);
    expect(bytesToHex(blake).slice(0, 10)).toBe("0x1c4be3de");
    expect(bytesToHex(blake).slice(-6)).toBe("23d6f7");
    expect(bytesToHex(keccak).slice(0, 10)).toBe("0x79fad56e");
    expect(bytesToHex(keccak).slice(-6)).toBe("e6b944");
    expect(cost((r) => accounts.setBytecodeDetails(r, NOBODY, EE_TYPE_EVM, blake, 5, 0, keccak, 5))).toEqual([0, COLD_ABSENT_ACCOUNT_NATIVE + 1_000]);
    // The hook records no preimage, so the record is read from the cache without fetching the code.
    expect(accounts.peek(NOBODY)!.properties).toEqual(withEvmBytecode(code));
    expect(accounts.peek(NOBODY)!.notPublishBytecode).toBe(true);
  });
});

describe("persistChanges (block end)", () => {
  it("writes the hash of each changed record to (0x8003, address) and registers the record; touched-only accounts are not written", () => {
    const { accounts, storage, preimages } = fresh();
    accounts.readAccountProperties(EE_TYPE_EVM, big(), CONTRACT);
    accounts.incrementNonce(EE_TYPE_EVM, big(), EOA, 1n);
    const changed = accounts.persistChanges(Resources.formalInfinite());
    const final: AccountProperties = { ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 4n, balance: 1000n };
    expect([...changed.keys()]).toEqual([EOA]);
    expect(changed.get(EOA)!.final).toEqual(final);
    const slot = storage.peek(ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(EOA))!;
    expect(slot.value).toBe(wordFromBytes(accountPropertiesHash(final)));
    expect(preimages.newPreimages().map((p) => bytesToHex(p.preimage))).toEqual([bytesToHex(encodeAccountProperties(final))]);
  });

  it("a change reverted by its frame is not persisted", () => {
    const { accounts } = fresh();
    const s = accounts.startFrame();
    accounts.incrementNonce(EE_TYPE_EVM, big(), EOA, 1n);
    accounts.finishFrame(s);
    expect(accounts.persistChanges(Resources.formalInfinite()).size).toBe(0);
  });
});

describe("SELFDESTRUCT (EIP-6780)", () => {
  it("not created in this transaction: only the balance moves (100 gas skipped, cold beneficiary 2,600 + new account 25,000)", () => {
    const { accounts } = fresh();
    accounts.readAccountProperties(EE_TYPE_EVM, big(), CONTRACT);
    const [ergs, native] = cost((r) => accounts.markForDeconstruction(EE_TYPE_EVM, r, CONTRACT, NOBODY, false));
    // self: 4,000 + 1,000; transfer: from 4,000 + 1,000, to cold absent + 1,000.
    expect([ergs, native]).toEqual([(2_600 + 25_000) * G, 4_000 + 1_000 + 4_000 + 1_000 + COLD_ABSENT_ACCOUNT_NATIVE + 1_000]);
    accounts.finishTx();
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), CONTRACT).bytecodeLen).toBe(CODE.length);
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY).balance).toBe(16n);
  });

  it("created in this transaction: reset to trivial and storage cleared at transaction end; no write for an account that did not exist", () => {
    const { accounts, storage } = fresh();
    accounts.deployCode(EE_TYPE_EVM, big(), NOBODY, CODE);
    storage.write(EE_TYPE_EVM, big(), NOBODY, word(1), word(7));
    accounts.updateBalance(EE_TYPE_NONE, big(), NOBODY, 50n, false);
    accounts.markForDeconstruction(EE_TYPE_EVM, big(), NOBODY, NOBODY, false);
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY).balance).toBe(0n); // self-beneficiary: burned
    accounts.finishTx();
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY)).toEqual(TRIVIAL_ACCOUNT_PROPERTIES);
    expect(storage.peek(NOBODY, word(1))!.value).toBe(word(0));
    expect(accounts.persistChanges(Resources.formalInfinite()).size).toBe(0);
    expect(storage.peek(ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(NOBODY))!.value).toBe(word(0));
  });

  it("QUIRK: over a pre-existing record, the slot ends with hash(TRIVIAL) = 0x7a2b…02b2, not 0", () => {
    const { accounts, storage } = fresh({ [NOBODY]: { balance: "0x64" } });
    accounts.deployCode(EE_TYPE_EVM, big(), NOBODY, CODE);
    accounts.markForDeconstruction(EE_TYPE_EVM, big(), NOBODY, EOA, false);
    accounts.finishTx();
    const changed = accounts.persistChanges(Resources.formalInfinite());
    expect(changed.get(NOBODY)!.final).toEqual(TRIVIAL_ACCOUNT_PROPERTIES);
    const slot = storage.peek(ACCOUNT_PROPERTIES_ADDRESS, accountPropertiesKey(NOBODY))!.value;
    expect(bytesToHex(wordToBytes(slot))).toBe(TRIVIAL_HASH);
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), EOA).balance).toBe(100n);
  });

  it("in the constructor (inConstructor): marked although not deployed yet", () => {
    const { accounts } = fresh();
    accounts.updateBalance(EE_TYPE_NONE, big(), NOBODY, 9n, false);
    accounts.markForDeconstruction(EE_TYPE_EVM, big(), NOBODY, EOA, true);
    accounts.finishTx();
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY)).toEqual(TRIVIAL_ACCOUNT_PROPERTIES);
  });

  it("a reverted frame takes the mark back", () => {
    const { accounts } = fresh();
    accounts.deployCode(EE_TYPE_EVM, big(), NOBODY, CODE);
    const s = accounts.startFrame();
    accounts.markForDeconstruction(EE_TYPE_EVM, big(), NOBODY, EOA, false);
    accounts.finishFrame(s);
    accounts.finishTx();
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY).bytecodeLen).toBe(CODE.length);
  });

  it("QUIRK: the mark lasts the block, so a later transaction that touches the account wipes it again", () => {
    const { accounts, storage, beginTx } = fresh();
    accounts.deployCode(EE_TYPE_EVM, big(), NOBODY, CODE);
    accounts.markForDeconstruction(EE_TYPE_EVM, big(), NOBODY, EOA, false);
    accounts.finishTx();
    beginTx();
    accounts.updateBalance(EE_TYPE_NONE, big(), NOBODY, 5n, false);
    storage.write(EE_TYPE_NONE, big(), NOBODY, word(3), word(3));
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY).balance).toBe(5n);
    accounts.finishTx();
    expect(accounts.readAccountProperties(EE_TYPE_NONE, big(), NOBODY).balance).toBe(0n);
    expect(wordToBigint(storage.peek(NOBODY, word(3))!.value)).toBe(0n);
  });
});

describe("pubdata per transaction (§4.6)", () => {
  it("sums account-diff lengths against block-start records of accounts altered in this transaction", () => {
    const { accounts, beginTx } = fresh();
    accounts.readAccountProperties(EE_TYPE_EVM, big(), CONTRACT); // warmed only: 0
    accounts.incrementNonce(EE_TYPE_EVM, big(), EOA, 1n); // nonce 3 → 4: metadata + Add 1 (2 bytes)
    expect(accounts.pubdataUsedByTx(accountDiffLength)).toBe(3);
    accounts.transfer(EE_TYPE_EVM, big(), EOA, CONTRACT, 100n); // EOA balance 1000 → 900 (Sub 100), CONTRACT 16 → 116 (Add 100)
    expect(accounts.pubdataUsedByTx(accountDiffLength)).toBe(1 + 2 + 2 + 1 + 2);
    beginTx();
    accounts.incrementNonce(EE_TYPE_EVM, big(), EOA, 1n); // against the block start: nonce 3 → 5, balance 1000 → 900
    expect(accounts.pubdataUsedByTx(accountDiffLength)).toBe(1 + 2 + 2);
    // A deployment over an absent account: the full format with the code.
    accounts.deployCode(EE_TYPE_EVM, big(), NOBODY, CODE);
    expect(accounts.pubdataUsedByTx(accountDiffLength)).toBe(1 + 2 + 2 + (1 + 8 + 1 + 1 + 4 + CODE.length + 4 + 4));
  });
});
