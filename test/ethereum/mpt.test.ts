import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createMPT, genesisMPTStateRoot } from "@ethereumjs/mpt";
import { RLP } from "@ethereumjs/rlp";
import {
  EMPTY_CODE_HASH,
  EMPTY_TRIE_ROOT,
  codeHash,
  encodeAccount,
  secureTrieRoot,
  stateRoot,
  storageRoot,
  trieAccount,
  trieRoot,
} from "../../ts/ethereum/mpt";
import { bigintToBytes, bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { rlpEncode, rlpEncodeList, uintToRlpBytes } from "../../ts/primitives/rlp";
import { encodeLogs } from "../../ts/ethereum/logs-hash";
import { encodeTransaction, transactionFromRpc } from "../../ts/ethereum/transaction";
import { listStateTestFiles, loadStateTestFile } from "../../ts/ethereum/state-test";
import { ArgumentError } from "../../ts/errors";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const kv = (pairs: [string, string][]): [Uint8Array, Uint8Array][] =>
  pairs.map(([k, v]) => [k.startsWith("0x") ? hexToBytes(k) : utf8(k), v.startsWith("0x") ? hexToBytes(v) : utf8(v)]);

/** Deterministic PRNG so failures reproduce. */
function prng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % n;
  };
}
const randBytes = (rnd: (n: number) => number, len: number): Uint8Array =>
  Uint8Array.from({ length: len }, () => rnd(256));

// ethereum/tests TrieTests/trieanyorder.json and trietest.json roots.
const KNOWN: [string, [string, string][], string][] = [
  ["empty", [], "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"],
  ["singleItem", [["A", "a".repeat(50)]], "0xd23786fb4a010da3ce639d66d5e904a11dbc02746d1ce25029e53290cabf28ab"],
  ["dogs", [["doe", "reindeer"], ["dog", "puppy"], ["dogglesworth", "cat"]], "0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3"],
  ["puppy", [["do", "verb"], ["horse", "stallion"], ["doge", "coin"], ["dog", "puppy"]], "0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"],
  ["foo", [["foo", "bar"], ["food", "bass"]], "0x17beaa1648bafa633cda809c90c04af50fc8aed3cb40d16efbddee6fdf63c4c3"],
  ["smallValues", [["be", "e"], ["dog", "puppy"], ["bed", "d"]], "0x3f67c7a47520f79faa29255d2d3c084a7a6df0453116ed7232ff10277a8be68b"],
  ["testy", [["test", "test"], ["te", "testy"]], "0x8452568af70d8d140f58d941338542f645fcca50094b20f3c3d8c3df49337928"],
  ["hex", [["0x0045", "0x0123456789"], ["0x4500", "0x9876543210"]], "0x285505fcabe84badc8aa310e2aae17eddc7d120aabec8a476902c8184b3a3503"],
  // trietest.json "emptyValues": the deleted keys (empty values) are left out of the set.
  ["emptyValues", [["do", "verb"], ["ether", ""], ["horse", "stallion"], ["shaman", ""], ["doge", "coin"], ["dog", "puppy"]], "0x5991bb8c6514148a29db676a14ac506cd2cd5775ace63c30a4fe457715e9ac84"],
];

async function referenceRoot(entries: [Uint8Array, Uint8Array][], secure: boolean): Promise<string> {
  const t = await createMPT({ useKeyHashing: secure });
  for (const [k, v] of entries) await t.put(k, v);
  return bytesToHex(t.root());
}

describe("Merkle Patricia trie roots", () => {
  it.each(KNOWN)("%s", (_name, pairs, root) => {
    expect(bytesToHex(trieRoot(kv(pairs)))).toBe(root);
  });

  it("is independent of insertion order", () => {
    const pairs = kv([["do", "verb"], ["horse", "stallion"], ["doge", "coin"], ["dog", "puppy"]]);
    expect(trieRoot(pairs.reverse())).toEqual(trieRoot(pairs));
  });

  it("rejects repeated keys", () => {
    expect(() => trieRoot(kv([["a", "1"], ["a", "2"]]))).toThrow(ArgumentError);
  });

  it("has the documented constants", () => {
    expect(bytesToHex(EMPTY_TRIE_ROOT)).toBe("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    expect(secureTrieRoot([])).toEqual(EMPTY_TRIE_ROOT);
    expect(storageRoot([[1n, 0n]])).toEqual(EMPTY_TRIE_ROOT);
    expect(codeHash(new Uint8Array(0))).toEqual(EMPTY_CODE_HASH);
    expect(bytesToHex(codeHash(new Uint8Array([0x00])))).toBe("0xbc36789e7a1e281436464229828f817d6612f7b477d66591ff96a9e064bcc98a");
  });

  it("matches @ethereumjs/mpt on random key sets of 0–300 entries, plain and secure (differential)", async () => {
    const rnd = prng(7);
    for (let round = 0; round < 40; round++) {
      const n = round < 4 ? round : rnd(301);
      // Short keys from a small alphabet force shared prefixes, keys that prefix others and embedded nodes.
      const keyLen = [1, 2, 3, 32][rnd(4)]!;
      const seen = new Map<string, [Uint8Array, Uint8Array]>();
      for (let i = 0; i < n; i++) {
        const k = Uint8Array.from({ length: keyLen === 32 ? 32 : 1 + rnd(keyLen + 1) }, () => (keyLen === 32 ? rnd(256) : rnd(4) * 17));
        seen.set(bytesToHex(k), [k, randBytes(rnd, 1 + rnd([4, 40, 100][rnd(3)]!))]);
      }
      const entries = [...seen.values()];
      const secure = (round & 1) === 1;
      const mine = secure ? secureTrieRoot(entries) : trieRoot(entries);
      expect(bytesToHex(mine), `round ${round}, ${entries.length} entries`).toBe(await referenceRoot(entries, secure));
    }
  });

  it("computes storage and state roots like @ethereumjs/mpt's genesis state root (differential)", async () => {
    const rnd = prng(99);
    for (let round = 0; round < 6; round++) {
      const accounts: { address: Uint8Array; nonce: bigint; balance: bigint; code: Uint8Array; storage: [bigint, bigint][] }[] = [];
      for (let i = 0; i < 1 + rnd(60); i++) {
        const storage: [bigint, bigint][] = [];
        for (let j = 0; j < rnd(6); j++) storage.push([BigInt(rnd(1000)) * 2n ** BigInt(rnd(250)), BigInt(1 + rnd(1 << 30)) << BigInt(rnd(200))]);
        accounts.push({
          address: randBytes(rnd, 20),
          nonce: BigInt(rnd(5)),
          balance: BigInt(rnd(1 << 30)) * 10n ** BigInt(rnd(20)),
          code: randBytes(rnd, rnd(3) === 0 ? 0 : rnd(100)),
          storage: [...new Map(storage)],
        });
      }
      const genesis: Record<string, [string, string, [string, string][], string]> = {};
      for (const a of accounts) {
        genesis[bytesToHex(a.address)] = [
          "0x" + a.balance.toString(16),
          bytesToHex(a.code),
          a.storage.map(([k, v]) => [bytesToHex(bigintToBytes(k, 32)), "0x" + v.toString(16)]),
          "0x" + a.nonce.toString(16),
        ];
      }
      const expected = bytesToHex(await genesisMPTStateRoot(genesis as never));
      expect(bytesToHex(stateRoot(accounts.map((a) => [a.address, trieAccount(a)])))).toBe(expected);
    }
  });

  it("encodes accounts as RLP([nonce, balance, storageRoot, codeHash])", () => {
    const a = { nonce: 1n, balance: 10n ** 18n, storageRoot: EMPTY_TRIE_ROOT, codeHash: EMPTY_CODE_HASH };
    const reference = RLP.encode([1n, 10n ** 18n, EMPTY_TRIE_ROOT, EMPTY_CODE_HASH]);
    expect(encodeAccount(a)).toEqual(reference);
  });

  it("accepts slots and values as 32-byte words or bigints alike", () => {
    const slots: [bigint, bigint][] = [[0n, 1n], [5n, 2n ** 255n]];
    expect(storageRoot(slots.map(([k, v]) => [bigintToBytes(k, 32), bigintToBytes(v, 32)]))).toEqual(storageRoot(slots));
    expect(() => storageRoot([[new Uint8Array(31), 1n]])).toThrow(ArgumentError);
    expect(() => stateRoot([[new Uint8Array(19), trieAccount({ nonce: 0n, balance: 0n, code: new Uint8Array(0), storage: [] })]])).toThrow(ArgumentError);
  });

  it("reproduces mainnet block 22244135's transactionsRoot and receiptsRoot (index-keyed tries)", () => {
    const dir = "../shared/fixtures/mainnet-blocks/22244135";
    const block = JSON.parse(readFileSync(`${dir}/block.json`, "utf8")).result;
    const receipts = JSON.parse(readFileSync(`${dir}/receipts.json`, "utf8")).result as Record<string, any>[];
    const key = (i: number): Uint8Array => rlpEncode(uintToRlpBytes(i));
    const txs = (block.transactions as unknown[]).map((t, i): [Uint8Array, Uint8Array] => {
      const { fields, signature } = transactionFromRpc(t);
      return [key(i), encodeTransaction(fields, signature)];
    });
    expect(bytesToHex(trieRoot(txs))).toBe(block.transactionsRoot);
    const rcs = receipts.map((r, i): [Uint8Array, Uint8Array] => {
      const logs = (r.logs as Record<string, any>[]).map((l) => ({ address: hexToBytes(l.address), topics: l.topics.map((x: string) => hexToBytes(x)), data: hexToBytes(l.data) }));
      const list = rlpEncodeList([
        rlpEncode(uintToRlpBytes(BigInt(r.status))),
        rlpEncode(uintToRlpBytes(BigInt(r.cumulativeGasUsed))),
        rlpEncode(hexToBytes(r.logsBloom)),
        encodeLogs(logs),
      ]);
      const type = Number(r.type);
      return [key(i), type === 0 ? list : Uint8Array.of(type, ...list)];
    });
    expect(bytesToHex(trieRoot(rcs))).toBe(block.receiptsRoot);
  });

  it("gives @ethereumjs/mpt's state root for the pre-states of sampled fixture state tests (differential)", async () => {
    const files = listStateTestFiles(["../shared/fixtures/ethereum-tests/GeneralStateTests"]).filter((_, i) => i % 40 === 0);
    for (const f of files) {
      const v = loadStateTestFile(f)[0];
      if (v === undefined) continue;
      const genesis: Record<string, [string, string, [string, string][], string]> = {};
      for (const [addr, a] of v.pre) {
        const slots = [...a.storage].filter(([, x]) => x !== 0n);
        genesis[addr] = ["0x" + a.balance.toString(16), bytesToHex(a.code), slots.map(([k, x]) => [bytesToHex(bigintToBytes(k, 32)), "0x" + x.toString(16)]), "0x" + a.nonce.toString(16)];
      }
      const mine = stateRoot([...v.pre.values()].map((a) => [a.address, trieAccount(a)]));
      expect(bytesToHex(mine), f).toBe(bytesToHex(await genesisMPTStateRoot(genesis as never)));
    }
  });
});
