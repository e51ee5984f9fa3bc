// The in-memory state and its forward oracle (ts/oracle/in-memory-state.ts): the genesis rule of
// interfaces.md §3 (one leaf per non-trivial account hash and per non-zero slot, inserted in flat-key
// order after the guards), record round trips, and the oracle's answers (forward_system oracle.rs).
import { describe, expect, it } from "vitest";
import { blake2s256 } from "../../ts/crypto/blake2s";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { InputError } from "../../ts/errors";
import { InMemoryState } from "../../ts/oracle/in-memory-state";
import { StateTree } from "../../ts/storage/tree";
import { accountPropertiesFlatKey, flatKey } from "../../ts/storage/flat-key";
import {
  TRIVIAL_ACCOUNT_PROPERTIES, accountPropertiesHash, encodeAccountProperties, withEvmBytecode,
} from "../../ts/storage/account-properties";
import { addressToBytes } from "../../ts/state/address";
import { wordToBytes } from "../../ts/state/word";
import { addr, metadata, word } from "../helpers/io-fixtures";

const A = addr(0xaa);
const B = addr(0xbb);
const CODE = hexToBytes("0x60016001");

describe("InMemoryState.fromPreState", () => {
  it("builds the tree from non-trivial account hashes and non-zero slots only", () => {
    const state = InMemoryState.fromPreState({
      [A]: { balance: "0x10", nonce: "0x2", storage: { "0x1": "0x5", "0x2": "0x0" } },
      [B]: { code: bytesToHex(CODE) },
      [addr(0xcc)]: { balance: "0x0" }, // trivial: no leaf
    });
    const a = { ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 2n, balance: 16n };
    const expected = StateTree.fromEntries([
      { key: accountPropertiesFlatKey(addressToBytes(A)), value: accountPropertiesHash(a) },
      { key: accountPropertiesFlatKey(addressToBytes(B)), value: accountPropertiesHash(withEvmBytecode(CODE)) },
      { key: flatKey(addressToBytes(A), wordToBytes(word(1))), value: wordToBytes(word(5)) },
    ]);
    expect(bytesToHex(state.tree.root)).toBe(bytesToHex(expected.root));
    expect(state.tree.nextFreeSlot).toBe(5);
    expect(state.account(A)).toEqual(a);
    expect(state.account(B)).toEqual(withEvmBytecode(CODE));
    expect(state.code(B)).toEqual(CODE);
    expect(state.account(addr(0xcc))).toEqual(TRIVIAL_ACCOUNT_PROPERTIES);
    expect([state.hasSlot(A, word(1)), state.hasSlot(A, word(2))]).toEqual([true, false]);
    expect(state.preimage(blake2s256(encodeAccountProperties(a)))).toEqual(encodeAccountProperties(a));
  });

  it("the empty state is the genesis tree (root 0x90a83ead…4b6b, next free slot 2)", () => {
    const s = InMemoryState.empty();
    expect(bytesToHex(s.tree.root)).toBe("0x90a83ead2ba2194fbbb0f7cd2a017e36cfb4891513546d943a7282c2844d4b6b");
    expect(s.tree.nextFreeSlot).toBe(2);
  });

  it.each<[string, Record<string, object>]>([
    ["a bad address", { "0x12": {} }],
    ["a nonce above u64", { [A]: { nonce: "0x10000000000000000" } }],
    ["a negative balance", { [A]: { balance: -1 } }],
    ["bad code hex", { [A]: { code: "0xzz" } }],
  ])("rejects %s with an InputError", (_name, alloc) => {
    expect(() => InMemoryState.fromPreState(alloc)).toThrow(InputError);
  });
});

describe("InMemoryOracle", () => {
  it("serves transactions in order, then 0; the size query repeats until the content is read", () => {
    const oracle = InMemoryState.empty().oracle(metadata(), [Uint8Array.of(1, 2, 3), Uint8Array.of(4)]);
    expect([oracle.nextTxSize(), oracle.nextTxSize()]).toEqual([3, 3]);
    expect(oracle.newTxContent()).toEqual(Uint8Array.of(1, 2, 3));
    expect(oracle.nextTxSize()).toBe(1);
    expect(oracle.newTxContent()).toEqual(Uint8Array.of(4));
    expect(oracle.nextTxSize()).toBe(0);
    expect(() => oracle.newTxContent()).toThrow(InputError);
  });

  it("answers initial slots, preimages, the commitment and tree queries from the state", () => {
    const state = InMemoryState.fromPreState({ [A]: { storage: { "0x1": "0x5" } } });
    const oracle = state.oracle(metadata());
    expect(oracle.initialStorageSlotData(A, word(1))).toEqual({ isNewStorageSlot: false, initialValue: wordToBytes(word(5)) });
    expect(oracle.initialStorageSlotData(A, word(2))).toEqual({ isNewStorageSlot: true, initialValue: new Uint8Array(32) });
    const init = oracle.initializeIOImplementer();
    expect([bytesToHex(init.stateRoot), init.nextFreeSlot]).toEqual([bytesToHex(state.tree.root), 3n]);
    const k = flatKey(addressToBytes(A), wordToBytes(word(1)));
    expect(oracle.exactIndex(k)).toBe(2);
    expect(oracle.proofForIndex(2).leaf.value).toEqual(wordToBytes(word(5)));
    expect(() => oracle.preimageContent(new Uint8Array(32))).toThrow(InputError);
    expect(oracle.blockLevelMetadata().chainId).toBe(270n);
  });

  it("apply() writes values, appends new keys in the given order and stores preimages", () => {
    const state = InMemoryState.fromPreState({ [A]: { storage: { "0x1": "0x5" } } });
    const clone = state.clone();
    const k1 = flatKey(addressToBytes(A), wordToBytes(word(1)));
    const k9 = flatKey(addressToBytes(B), wordToBytes(word(9)));
    state.apply({
      storageWrites: [
        { address: A, key: word(1), flatKey: k1, value: word(0) },
        { address: B, key: word(9), flatKey: k9, value: word(7) },
      ],
      preimages: [{ hash: blake2s256(CODE), preimage: CODE }],
    });
    expect([state.storage(A, word(1)), state.hasSlot(A, word(1)), state.storage(B, word(9))]).toEqual([word(0), true, word(7)]);
    expect(state.tree.exactIndex(k9)).toBe(3);
    expect(state.preimage(blake2s256(CODE))).toEqual(CODE);
    expect(clone.storage(A, word(1))).toBe(word(5)); // the clone is independent
    expect(bytesToHex(clone.tree.root)).not.toBe(bytesToHex(state.tree.root));
  });
});
