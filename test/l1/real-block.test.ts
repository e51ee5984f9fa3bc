// The real ZKsync OS block of ../shared/fixtures/zksync-os-witness (one EIP-1559 transfer, recorded from
// the reference at 0a82da0): its tree proofs verify against its state root, our verify_and_apply_batch
// asks exactly its tree queries in its order, and its public input (the RISC-V run's x10..x17) is
// rebuilt byte for byte from the witness data: account records, new root, pubdata with the key quirk,
// block header with the parent-hash quirk, chain state commitments with the block-hashes quirk.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { keccak256 } from "../../ts/crypto/keccak";
import { rlpEncodeBytes, rlpEncodeList, uintToRlpBytes } from "../../ts/primitives/rlp";
import {
  TRIVIAL_ACCOUNT_PROPERTIES, accountPropertiesHash, decodeAccountProperties, type AccountProperties,
} from "../../ts/storage/account-properties";
import { ACCOUNT_PROPERTIES_STORAGE_ADDRESS, accountPropertiesFlatKey, accountPropertiesSlot, addressFromLow, compareTreeKeys } from "../../ts/storage/flat-key";
import { foldPath, type LeafProof } from "../../ts/storage/merkle";
import { TreeProofError, verifyAndApplyBatch, type TouchedSlot, type TreeOracle } from "../../ts/storage/tree-batch";
import {
  LEAF_PROOF_WORDS, bytes32FromWords, decodeIoImplementerInitWords, decodeLeafProofWords, encodeLeafProofWords, u64FromWords,
} from "../../ts/storage/tree-words";
import { blockHeaderHash, nextTransactionsRollingHash, zksyncBlockHeader } from "../../ts/l1/block-header";
import { blockPubdata, type StateDiffEntry } from "../../ts/l1/pubdata";
import { blockPublicInput, publicInputWords } from "../../ts/l1/public-input";
import { hex, bytes } from "../helpers/bytes";

const FIXTURE = new URL("../../../shared/fixtures/zksync-os-witness/queries.json", import.meta.url);

interface Query { readonly id: number; readonly params: number[]; readonly response: number[] }
const doc = JSON.parse(readFileSync(FIXTURE, "utf8")) as { publicInputWords: number[]; queries: { id: number; params: string[]; response: string[] }[] };
const queries: Query[] = doc.queries.map((q) => ({ id: q.id, params: q.params.map((w) => parseInt(w, 16)), response: q.response.map((w) => parseInt(w, 16)) }));

const ZERO32 = new Uint8Array(32);

const init = decodeIoImplementerInitWords(queries.find((q) => q.id === 2)!.response, 0, "InitializeIOImplementer");
const treeQueries = queries.filter((q) => q.id >= 7 && q.id <= 9);

/**
 * An oracle that replays the witness's tree answers in order. Strict: each question must be the one
 * recorded; otherwise it hands out the next answer whatever was asked, as a proving run reads words.
 */
function replay(edit: (q: Query) => number[] = (q) => q.response, strict = true): TreeOracle & { left(): number } {
  let i = 0;
  const next = (id: number, params: number[]): number[] => {
    const q = treeQueries[i++];
    if (q === undefined) throw new Error(`query ${id} asked after the recorded ones`);
    if (strict) expect({ id: q.id, params: q.params }).toEqual({ id, params });
    return edit(q);
  };
  const keyWords = (k: Uint8Array): number[] => Array.from({ length: 8 }, (_, j) => new DataView(k.buffer, k.byteOffset).getUint32(4 * j, true));
  return {
    exactIndex: (k) => u64FromWords(next(9, keyWords(k)), 0, "ExactIndex"),
    prevIndex: (k) => u64FromWords(next(8, keyWords(k)), 0, "PrevIndex"),
    proofForIndex: (index) => decodeLeafProofWords(next(7, [index, 0]), 0, "ProofForIndex"),
    left: () => treeQueries.length - i,
  };
}

// The block: 0xf39f… sends 100 wei to 0x5fbd… (new) with max fee 90,500,001 and tip 1 at base fee 1000;
// coinbase 0x0 (new) collects 21,000 gas × 1,001 (the fee found to reproduce the public input); the
// bootloader account 0x8001 is read and ends unchanged.
const FEE = 21_000n * 1_001n;
const sender = bytes("f39fd6e51aad88f6f4ce6ab8827279cfffb92266");
const recipient = bytes("5fbdb2315678afecb367f032d93f642f64180aa3");
const coinbase = new Uint8Array(20);
const bootloader = addressFromLow(0x8001);

function preimage(hash: string): Uint8Array {
  const q = queries.find((x) => x.id === 5 && hex(bytes32FromWords(x.params, 0)) === hash)!;
  const out = new Uint8Array(q.response.length * 4);
  q.response.forEach((w, i) => new DataView(out.buffer).setUint32(4 * i, w, true));
  return out;
}

const senderBefore = decodeAccountProperties(preimage("016fb23c9f5d894ddc64c75776dd3db6df1ab273bbaf1ab3925464797b2a214d").subarray(0, 124));
const bootloaderHash = bytes("be8bd830b3048d57d92c6ac70be51a5f150e2333f691a00ab72addc5dc56d9a4");

interface Account { readonly address: Uint8Array; readonly isNew: boolean; readonly before: AccountProperties | null; readonly after: AccountProperties | null }
// Storage-cache order of the four 0x8003 slots: 0^32 < 0^12‖0x8001 < 0^12‖0x5fbd… < 0^12‖0xf39f….
const accounts: Account[] = [
  { address: coinbase, isNew: true, before: TRIVIAL_ACCOUNT_PROPERTIES, after: { ...TRIVIAL_ACCOUNT_PROPERTIES, balance: FEE } },
  { address: bootloader, isNew: false, before: null, after: null },
  { address: recipient, isNew: true, before: TRIVIAL_ACCOUNT_PROPERTIES, after: { ...TRIVIAL_ACCOUNT_PROPERTIES, balance: 100n } },
  { address: sender, isNew: false, before: senderBefore, after: { ...senderBefore, nonce: 1n, balance: senderBefore.balance - FEE - 100n } },
];
const slotValue = (a: Account, which: "before" | "after"): Uint8Array => {
  const p = a[which];
  if (p === null) return bootloaderHash;
  return a.isNew && which === "before" ? ZERO32 : accountPropertiesHash(p);
};
const touched: TouchedSlot[] = accounts.map((a) => ({
  flatKey: accountPropertiesFlatKey(a.address), initial: slotValue(a, "before"), final: slotValue(a, "after"), isNew: a.isNew,
}));

function blockHash(): Uint8Array {
  const tx = new Uint8Array(queries[2]!.response.length * 4);
  queries[2]!.response.forEach((w, i) => new DataView(tx.buffer).setUint32(4 * i, w, true));
  const word = (i: number): Uint8Array => tx.subarray(32 * i, 32 * i + 32);
  const num = (b: Uint8Array): Uint8Array => rlpEncodeBytes(uintToRlpBytes(BigInt("0x" + hex(b))));
  const sig = tx.subarray(21 * 32, 21 * 32 + 65);
  // 0x02 ‖ RLP[chainId, nonce, tip, maxFee, gasLimit, to, value, data, accessList, r, s, v as stored (27)]
  const body = rlpEncodeList([
    num(Uint8Array.of(1, 4)), num(word(8)), num(word(6)), num(word(5)), num(word(3)), rlpEncodeBytes(word(2).subarray(12)), num(word(9)),
    rlpEncodeBytes(new Uint8Array(0)), rlpEncodeList([]), num(sig.subarray(0, 32)), num(sig.subarray(32, 64)), num(sig.subarray(64)),
  ]);
  const txHash = keccak256(Uint8Array.from([2, ...body]));
  return blockHeaderHash(zksyncBlockHeader({
    blockHashes: Array.from({ length: 256 }, () => new Uint8Array(32)),
    coinbase,
    transactionsRollingHash: nextTransactionsRollingHash(ZERO32, txHash),
    number: 1n, gasLimit: 100_000_000n, timestamp: 1001n, baseFeePerGas: 1000n,
  }));
}

function publicInput(opts: { keyQuirk: boolean }): number[] {
  const r = verifyAndApplyBatch({ root: init.stateRoot, nextFreeSlot: init.nextFreeSlot }, touched, replay());
  const hash = blockHash();
  const stateDiffs: StateDiffEntry[] = accounts.map((a, i) => ({
    address: ACCOUNT_PROPERTIES_STORAGE_ADDRESS, slot: accountPropertiesSlot(a.address), initial: touched[i]!.initial, final: touched[i]!.final,
    touched: opts.keyQuirk || a.after !== null,
    account: a.before !== null && a.after !== null ? { initial: a.before, final: a.after } : undefined,
  }));
  const pubdata = blockPubdata({ blockHash: hash, stateDiffs, logs: [] });
  const out = blockPublicInput({
    chainId: 260, timestamp: 1001, blockNumber: 1, blockHashes: Array.from({ length: 256 }, () => new Uint8Array(32)), blockHash: hash,
    rootBefore: init.stateRoot, nextFreeSlotBefore: init.nextFreeSlot, rootAfter: r.root, nextFreeSlotAfter: r.nextFreeSlot,
    pubdata, logHashes: [], priorityTxHashes: [], l1TxLogHashes: [], upgradeTxHash: null,
  });
  return publicInputWords(out.publicInput);
}

describe("the real witness's tree data", () => {
  it("the state commitment before the block", () => {
    expect(hex(init.stateRoot)).toBe("0906c8dfd93a88929af9a53ce9d5a840310b9db6bb9b84ddc7473009f0366e21");
    expect(init.nextFreeSlot).toBe(174);
    expect(init.blockFunctionalityIsCompleted).toBe(false);
  });

  it("every ProofForIndex answer folds to the state root and is for the index asked", () => {
    const proofs = treeQueries.filter((q) => q.id === 7);
    expect(proofs.map((q) => q.params[0])).toEqual([166, 44, 29, 33, 23, 111, 173]);
    for (const q of proofs) {
      expect(q.response.length).toBe(LEAF_PROOF_WORDS);
      const p = decodeLeafProofWords(q.response, 0, "proof");
      expect(p.index).toBe(q.params[0]);
      expect(hex(foldPath(p))).toBe(hex(init.stateRoot));
      expect(Array.from(encodeLeafProofWords(p))).toEqual(q.response);
    }
  });

  it("ExactIndex answers hold the key; PrevIndex answers bracket the absent key with their next leaf", () => {
    const proofAt = (i: number): LeafProof => decodeLeafProofWords(treeQueries.find((q) => q.id === 7 && q.params[0] === i)!.response, 0, "proof");
    for (let i = 0; i < treeQueries.length; i++) {
      const q = treeQueries[i]!;
      if (q.id !== 8 && q.id !== 9) continue;
      const key = bytes32FromWords(q.params, 0);
      const leaf = proofAt(u64FromWords(q.response, 0, "index")).leaf;
      if (q.id === 9) expect(hex(leaf.key)).toBe(hex(key));
      else {
        expect(compareTreeKeys(leaf.key, key)).toBeLessThan(0);
        expect(compareTreeKeys(proofAt(leaf.next).leaf.key, key)).toBeGreaterThan(0);
      }
    }
  });
});

describe("the block rebuilt from the witness", () => {
  it("verify_and_apply_batch asks exactly the recorded tree queries, in order, and uses them all", () => {
    const oracle = replay();
    const r = verifyAndApplyBatch({ root: init.stateRoot, nextFreeSlot: init.nextFreeSlot }, touched, oracle);
    expect(oracle.left()).toBe(0);
    expect(r.nextFreeSlot).toBe(176);
    expect(r.proofsLoaded).toBe(7);
  });

  it("the public input equals the reference run's x10..x17", () => {
    expect(publicInput({ keyQuirk: true })).toEqual(doc.publicInputWords);
  });

  it("without the pubdata key quirk (no key for the unchanged 0x8001 slot) the public input differs", () => {
    expect(publicInput({ keyQuirk: false })).not.toEqual(doc.publicInputWords);
  });
});

describe("tampered witness words are rejected", () => {
  const tampered = (edit: (q: Query, words: number[]) => void, which: (q: Query) => boolean): TreeOracle => replay((q) => {
    const words = q.response.slice();
    if (which(q)) edit(q, words);
    return words;
  }, false);
  const verify = (oracle: TreeOracle): unknown => verifyAndApplyBatch({ root: init.stateRoot, nextFreeSlot: init.nextFreeSlot }, touched, oracle);
  const proof = (i: number) => (q: Query): boolean => q.id === 7 && q.params[0] === i;

  it("a sibling word of the first proof", () => {
    expect(() => verify(tampered((_, w) => { w[20] ^= 1; }, proof(166)))).toThrow(/storage reads are inconsistent/);
  });

  it("the value of the read leaf", () => {
    expect(() => verify(tampered((_, w) => { w[10] ^= 1; }, proof(166)))).toThrow(TreeProofError);
  });

  it("the next pointer of a previous-neighbour leaf", () => {
    expect(() => verify(tampered((_, w) => { w[18] = 30; }, proof(44)))).toThrow(/ProofForIndex\(30\) answered a proof for index 29/);
  });

  it("the key of the right-most leaf", () => {
    expect(() => verify(tampered((_, w) => { w[2] ^= 0x100; }, proof(173)))).toThrow(/storage reads are inconsistent/);
  });

  it("a PrevIndex answer", () => {
    expect(() => verify(tampered((_, w) => { w[0] = 45; }, (q) => q.id === 8))).toThrow(/ProofForIndex\(45\) answered a proof for index 44/);
  });

  it("a truncated proof", () => {
    expect(() => verify(tampered((_, w) => { w.length = 100; }, proof(111)))).toThrow(/needs 532 words/);
  });
});
