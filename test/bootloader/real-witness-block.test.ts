// The real ZKsync OS block of ../shared/fixtures/zksync-os-witness (one EIP-1559 transfer of 100 wei,
// chain 260, recorded from the reference): the bootloader runs it on an oracle that answers from the
// recorded queries (metadata, the transaction, initial slots and preimages by what is asked, tree
// queries strictly in the recorded order), over the real state of 174 leaves. Everything the block
// computes — the transaction's outcome and gas, the account records, the pubdata, the tree update,
// the header and the public input — must reproduce the reference's x10..x17.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runZkBlock } from "../../ts/bootloader/run-block";
import { ZKSYNC_OS_PROFILE } from "../../ts/bootloader/profiles";
import { decodeBlockMetadata } from "../../ts/oracle/block-metadata";
import type { Oracle } from "../../ts/oracle/oracle";
import {
  decodeIOImplementerInit, decodeInitialStorageSlotData, decodeTxContent, decodeTxSize, encodeBytes32Param, encodeStorageAddress,
} from "../../ts/oracle/query-payloads";
import { decodeLeafProofWords, u64FromWords } from "../../ts/storage/tree-words";
import { publicInputWords } from "../../ts/l1/public-input";
import { bytesToHex } from "../../ts/primitives/hex";
import { addressToBytes } from "../../ts/state/address";
import { wordToBytes } from "../../ts/state/word";
import { decodeAccountProperties } from "../../ts/storage/account-properties";

const FIXTURE = new URL("../../../shared/fixtures/zksync-os-witness/queries.json", import.meta.url);
const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { publicInputWords: number[]; queries: { id: number; params: string[]; response: string[] }[] };
const queries = doc.queries.map((q) => ({ id: q.id, params: q.params.map((w) => parseInt(w, 16)), response: q.response.map((w) => parseInt(w, 16)) }));
const key = (words: ArrayLike<number>): string => Array.from(words, (w) => w.toString(16)).join(",");

function wordsToBytes(words: readonly number[]): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  words.forEach((w, i) => new DataView(out.buffer).setUint32(4 * i, w, true));
  return out;
}

/** Answers from the recording; throws on a question the reference never asked. */
function replayOracle(): Oracle & { treeLeft(): number; asked: Set<string> } {
  const sizes = queries.filter((q) => q.id === 0).map((q) => decodeTxSize(q.response));
  const contents = queries.filter((q) => q.id === 1);
  const tree = queries.filter((q) => q.id >= 7 && q.id <= 9);
  let nextSize = 0;
  let nextContent = 0;
  let nextTree = 0;
  const asked = new Set<string>();
  const recorded = (id: number, params: ArrayLike<number>): number[] => {
    const q = queries.find((x) => x.id === id && key(x.params) === key(params));
    if (q === undefined) throw new Error(`query ${id} (${key(params)}) was never asked by the reference`);
    asked.add(`${id}:${key(params)}`);
    return q.response;
  };
  const treeAnswer = (id: number, params: ArrayLike<number>): number[] => {
    const q = tree[nextTree++];
    if (q === undefined || q.id !== id || key(q.params) !== key(params)) throw new Error(`tree query ${nextTree - 1}: asked ${id} (${key(params)}), recorded ${q?.id} (${q === undefined ? "" : key(q.params)})`);
    return q.response;
  };
  const keyWords = (k: Uint8Array): number[] => Array.from({ length: 8 }, (_, j) => new DataView(k.buffer, k.byteOffset).getUint32(4 * j, true));
  return {
    asked,
    treeLeft: () => tree.length - nextTree,
    nextTxSize: () => sizes[nextSize++]!,
    newTxContent: () => decodeTxContent(contents[nextContent]!.response, sizes[nextContent++]!),
    initializeIOImplementer: () => decodeIOImplementerInit(queries.find((q) => q.id === 2)!.response),
    blockLevelMetadata: () => decodeBlockMetadata(queries.find((q) => q.id === 3)!.response),
    initialStorageSlotData: (address, k) => decodeInitialStorageSlotData(recorded(4, encodeStorageAddress({ address: addressToBytes(address), key: wordToBytes(k) }))),
    preimageContent: (hash) => wordsToBytes(recorded(5, encodeBytes32Param(hash))),
    disconnect: () => {},
    proofForIndex: (index) => decodeLeafProofWords(treeAnswer(7, [index, 0]), 0, "ProofForIndex"),
    prevIndex: (k) => u64FromWords(treeAnswer(8, keyWords(k)), 0, "PrevIndex"),
    exactIndex: (k) => u64FromWords(treeAnswer(9, keyWords(k)), 0, "ExactIndex"),
  };
}

describe("the real witness block through the bootloader", () => {
  const oracle = replayOracle();
  const r = runZkBlock(oracle, ZKSYNC_OS_PROFILE);

  it("reproduces the reference's public input (x10..x17)", () => {
    expect(publicInputWords(r.publicInput)).toEqual(doc.publicInputWords);
    expect(bytesToHex(r.publicInput)).toBe("0x5c1586e2db46073dde5608d7a275cf0dc5a03b44fa18e436664a126a2d0b5952");
  });

  it("asks every tree query the reference asked, in its order", () => {
    expect(oracle.treeLeft()).toBe(0);
    expect(r.nextFreeSlotBefore).toBe(174);
    expect(r.nextFreeSlotAfter).toBe(176);
  });

  it("the transaction: success, 21,000 gas, fee 21,000 × 1,001 to the coinbase", () => {
    expect(r.transactions).toHaveLength(1);
    const t = r.transactions[0]!;
    expect(t.status).toBe("success");
    expect(t.gasUsed).toBe(21_000n);
    const coinbase = r.io.accounts.get("0x0000000000000000000000000000000000000000")!;
    expect(coinbase.final.balance).toBe(21_000n * 1_001n);
    const recipient = r.io.accounts.get("0x5fbdb2315678afecb367f032d93f642f64180aa3")!;
    expect(recipient.final.balance).toBe(100n);
    const sender = r.io.accounts.get("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266")!;
    expect(sender.final.nonce).toBe(1n);
    expect(sender.initial.balance - sender.final.balance).toBe(21_000n * 1_001n + 100n);
    // 0x8001 is read (and its slot key published, §4.3 quirk) but ends unchanged.
    expect(r.io.accounts.has("0x0000000000000000000000000000000000008001")).toBe(false);
  });

  it("publishes the three changed account records as preimages", () => {
    const records = r.io.preimages.filter((p) => p.preimage.length === 124).map((p) => decodeAccountProperties(p.preimage));
    expect(records.map((p) => p.balance).sort((a, b) => (a < b ? -1 : 1))).toEqual([100n, 21_021_000n, 9_999_999_999_999_978_978_900n]);
  });
});
