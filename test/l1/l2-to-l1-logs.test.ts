// L2→L1 logs (ts/l1/l2-to-l1-logs.ts, zksync-os-reference.md §4.2): the logs tree's precomputed empty
// hashes of logs_storage.rs, the 88-byte layout, both log kinds, roots against a naive tree built with
// @noble/hashes, and the withdrawal messages.
import { keccak_256 } from "@noble/hashes/sha3.js";
import { describe, expect, it } from "vitest";
import {
  BOOTLOADER_FORMAL_ADDRESS, L1_MESSENGER_ADDRESS, encodeL2ToL1Log, l1TxResultLog, l2ToL1LogHash, logsTreeEmptyHashes,
  logsTreeRoot, userMessageLog, withdrawMessage, withdrawWithMessageMessage,
} from "../../ts/l1/l2-to-l1-logs";
import { hex, bytes } from "../helpers/bytes";

// EMPTY_HASHES of LogsStorage::tree_root, level 0 (keccak of 88 zero bytes) to level 14 (empty root).
const EMPTY = [
  "72abee45b59e344af8a6e520241c4744aff26ed411f4c4b00f8af09adada43ba", "c3d03eebfd83049991ea3d3e358b6712e7aa2e2e63dc2d4b438987cec28ac8d0",
  "e3697c7f33c31a9b0f0aeb8542287d0d21e8c4cf82163d0c44c7a98aa11aa111", "199cc5812543ddceeddd0fc82807646a4899444240db2c0d2f20c3cceb5f51fa",
  "e4733f281f18ba3ea8775dd62d2fcd84011c8c938f16ea5790fd29a03bf8db89", "1798a1fd9c8fbb818c98cff190daa7cc10b6e5ac9716b4a2649f7c2ebcef2272",
  "66d7c5983afe44cf15ea8cf565b34c6c31ff0cb4dd744524f7842b942d08770d", "b04e5ee349086985f74b73971ce9dfe76bbed95c84906c5dffd96504e1e5396c",
  "ac506ecb5465659b3a927143f6d724f91d8d9c4bdb2463aee111d9aa869874db", "124b05ec272cecd7538fdafe53b6628d31188ffb6f345139aac3c3c1fd2e470f",
  "c3be9cbd19304d84cca3d045e06b8db3acd68c304fc9cd4cbffe6d18036cb13f", "fef7bd9f889811e59e4076a0174087135f080177302763019adaf531257e3a87",
  "a707d1c62d8be699d34cb74804fdd7b4c568b6c1a821066f126c680d4b83e00b", "f6e093070e0389d2e529d60fadb855fdded54976ec50ac709e3a36ceaa64c291",
  "375a5bf909cb02143e3695ca658e0641e739aa590f0004dba93572c44cdb9d2d",
];

// 2^14 leaves, missing ones = keccak(0^88), every level pairwise.
function naiveRoot(leaves: Uint8Array[]): string {
  let level: Uint8Array[] = Array.from({ length: 1 << 14 }, (_, i) => leaves[i] ?? keccak_256(new Uint8Array(88)));
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(keccak_256(Uint8Array.from([...level[i]!, ...level[i + 1]!])));
    level = next;
  }
  return hex(level[0]!);
}

describe("logs tree", () => {
  it("the empty-subtree hashes of levels 0..14", () => {
    expect(logsTreeEmptyHashes().map(hex)).toEqual(EMPTY);
    expect(hex(logsTreeRoot([]))).toBe(EMPTY[14]);
  });

  it.each([1, 2, 3, 7])("root of %i logs equals the full 2^14-leaf tree", (n) => {
    const leaves = Array.from({ length: n }, (_, i) => l2ToL1LogHash(userMessageLog(i, new Uint8Array(20).fill(i + 1), Uint8Array.of(i)).log));
    expect(hex(logsTreeRoot(leaves))).toBe(naiveRoot(leaves));
  });
});

describe("logs", () => {
  it("user message: sender 0x8008, key = padded caller, value = keccak(message); 88-byte layout", () => {
    const caller = bytes("aa".repeat(20));
    const { log, message } = userMessageLog(0x0102, caller, bytes("deadbeef"));
    const enc = encodeL2ToL1Log(log);
    expect(hex(enc)).toBe("00" + "01" + "0102" + hex(L1_MESSENGER_ADDRESS) + "00".repeat(12) + "aa".repeat(20) + hex(keccak_256(bytes("deadbeef"))));
    expect(hex(l2ToL1LogHash(log))).toBe(hex(keccak_256(enc)));
    expect(hex(message!)).toBe("deadbeef");
  });

  it("L1 transaction result: sender 0x8001, key = tx hash, value = 1 or 0", () => {
    const h = bytes("11".repeat(32));
    expect(hex(encodeL2ToL1Log(l1TxResultLog(5, h, true).log))).toBe("00010005" + hex(BOOTLOADER_FORMAL_ADDRESS) + "11".repeat(32) + "00".repeat(31) + "01");
    expect(hex(encodeL2ToL1Log(l1TxResultLog(5, h, false).log)).slice(-2)).toBe("00");
    expect(l1TxResultLog(5, h, false).message).toBeNull();
  });

  it("the transaction number is truncated to 16 bits", () => {
    expect(hex(encodeL2ToL1Log(l1TxResultLog(0x10003, new Uint8Array(32), true).log).subarray(2, 4))).toBe("0003");
  });
});

describe("withdrawal messages (l2_base_token.rs)", () => {
  it("withdraw(0xaa…aa) of 10 wei: 6c0960f9 ‖ receiver ‖ U256(10) (transactions test)", () => {
    expect(hex(withdrawMessage(bytes("aa".repeat(20)), 10n))).toBe("6c0960f9" + "aa".repeat(20) + "00".repeat(31) + "0a");
  });

  it("withdrawWithMessage: … ‖ caller ‖ additional data", () => {
    const m = withdrawWithMessageMessage(bytes("aa".repeat(20)), 1n, bytes("bb".repeat(20)), bytes("0102"));
    expect(hex(m)).toBe("6c0960f9" + "aa".repeat(20) + "00".repeat(31) + "01" + "bb".repeat(20) + "0102");
  });
});
