import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  addressFromSecretKey,
  decodeTransaction,
  encodeTransaction,
  parseTransaction,
  parseTransactionViews,
  signTransaction,
  signingHash,
  transactionFromRpc,
  type TransactionFields,
} from "../../ts/ethereum/transaction";
import { rlpDecode, rlpEncode, type RlpItem } from "../../ts/primitives/rlp";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { InputError } from "../../ts/errors";

const BLOCK_DIR = "../shared/fixtures/mainnet-blocks/22244135";
const KEY = hexToBytes("0x" + "46".repeat(32));
const SENDER = "0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f";

const base: TransactionFields = {
  type: 0,
  chainId: 1n,
  nonce: 9n,
  gasPrice: 20n * 10n ** 9n,
  maxFeePerGas: 20n * 10n ** 9n,
  maxPriorityFeePerGas: 20n * 10n ** 9n,
  maxFeePerBlobGas: 0n,
  blobVersionedHashes: [],
  gasLimit: 21000n,
  to: hexToBytes("0x" + "35".repeat(20)),
  value: 10n ** 18n,
  data: new Uint8Array(0),
  accessList: [],
};
const accessList = [
  { address: hexToBytes("0x" + "aa".repeat(20)), storageKeys: [new Uint8Array(32), new Uint8Array(32).fill(1)] },
  { address: hexToBytes("0x" + "bb".repeat(20)), storageKeys: [] },
];
const dynamic = { gasPrice: null, maxFeePerGas: 3n * 10n ** 10n, maxPriorityFeePerGas: 2n * 10n ** 9n };

describe("transactions", () => {
  it("signs the EIP-155 example exactly (hash, v/r/s, raw bytes)", () => {
    expect(bytesToHex(signingHash(base))).toBe("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    const signed = signTransaction(base, KEY);
    expect(bytesToHex(signed.raw)).toBe(
      "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83",
    );
    expect(bytesToHex(signed.sender)).toBe(SENDER);
    expect(bytesToHex(addressFromSecretKey(KEY))).toBe(SENDER);
  });

  it.each<[string, Partial<TransactionFields>]>([
    ["legacy without EIP-155", { chainId: null }],
    ["legacy EIP-155 creation", { to: null, data: new Uint8Array([0x60, 0x00]) }],
    ["type 1 with an access list", { type: 1, chainId: 5n, accessList }],
    ["type 2 creation", { type: 2, ...dynamic, to: null, data: new Uint8Array(100).fill(0xfe) }],
    ["type 2 with an access list and a big value", { type: 2, ...dynamic, accessList, value: 2n ** 256n - 1n }],
    [
      "type 3 with two blobs",
      { type: 3, ...dynamic, maxFeePerBlobGas: 7n, blobVersionedHashes: [new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)], accessList },
    ],
  ])("round-trips %s through sign → decode with the same sender and hash", (_name, over) => {
    const tx = { ...base, ...over };
    const signed = signTransaction(tx, KEY);
    if (tx.type > 0) expect(signed.raw[0]).toBe(tx.type);
    const decoded = decodeTransaction(signed.raw);
    expect(decoded).toEqual(signed);
    expect(bytesToHex(decoded.sender)).toBe(SENDER);
  });

  it("decodes every transaction of mainnet block 22244135, recovering `from` and hashing to `hash`", () => {
    const block = JSON.parse(readFileSync(`${BLOCK_DIR}/block.json`, "utf8")).result;
    const txs = block.transactions as Record<string, string>[];
    expect(txs.length).toBe(125);
    const types = new Set<number>();
    txs.forEach((rpc, i) => {
      const { fields, signature } = transactionFromRpc(rpc, `transactions[${i}]`);
      const decoded = decodeTransaction(encodeTransaction(fields, signature), `transactions[${i}]`);
      expect(bytesToHex(decoded.sender), `tx ${i}`).toBe(rpc.from);
      expect(bytesToHex(decoded.hash), `tx ${i}`).toBe(rpc.hash);
      expect(decoded.nonce).toBe(BigInt(rpc.nonce!));
      // The view-returning parse gives equal fields, its byte fields aliasing the raw bytes.
      const raw = encodeTransaction(fields, signature);
      const views = parseTransactionViews(raw);
      expect(views).toEqual(parseTransaction(raw));
      if (views.fields.data.length > 0) expect(views.fields.data.buffer).toBe(raw.buffer);
      types.add(decoded.type);
    });
    expect([...types].sort()).toEqual([0, 1, 2]);
  });

  /** The raw EIP-155 example with field `i` of its RLP list replaced. */
  const legacyRaw = signTransaction(base, KEY).raw;
  const withField = (i: number, v: RlpItem): Uint8Array => {
    const items = rlpDecode(legacyRaw) as RlpItem[];
    items[i] = v;
    return rlpEncode(items);
  };
  const type2 = signTransaction({ ...base, type: 2, ...dynamic }, KEY).raw;
  const type3Create = (() => {
    const t3 = signTransaction({ ...base, type: 3, ...dynamic, blobVersionedHashes: [new Uint8Array(32)] }, KEY).raw;
    const items = rlpDecode(t3.subarray(1)) as RlpItem[];
    items[5] = new Uint8Array(0);
    return Uint8Array.of(3, ...rlpEncode(items));
  })();

  it.each<[string, Uint8Array, RegExp]>([
    ["empty input", new Uint8Array(0), /^tx: empty transaction/],
    ["unknown type 0x04", Uint8Array.of(4, 0xc0), /unsupported transaction type 0x04/],
    ["reserved type 0x7f", Uint8Array.of(0x7f), /unsupported transaction type 0x7f/],
    ["a byte string instead of a list", hexToBytes("0x83010203"), /^tx: unsupported transaction type 0x83/],
    ["trailing bytes", Uint8Array.of(...legacyRaw, 0), /^tx at offset 110: 1 trailing bytes/],
    ["truncated typed payload", type2.subarray(0, type2.length - 1), /^tx payload at offset 0/],
    ["too few fields", rlpEncode((rlpDecode(legacyRaw) as RlpItem[]).slice(0, 8)), /has 9 fields, got 8/],
    ["nonce with a leading zero", withField(0, Uint8Array.of(0, 9)), /^tx\.nonce: integer has a leading zero/],
    ["nonce over 64 bits", withField(0, new Uint8Array(9).fill(1)), /^tx\.nonce: integer wider than 8 bytes/],
    ["value over 256 bits (RLP_INVALID_VALUE)", withField(4, new Uint8Array(33).fill(1)), /^tx\.value: integer wider than 32 bytes/],
    ["19-byte recipient", withField(3, new Uint8Array(19).fill(1)), /^tx\.to: expected a 20-byte address or empty/],
    ["list as data", withField(5, []), /^tx\.data: expected a byte string/],
    ["legacy v = 29", withField(6, Uint8Array.of(29)), /^tx\.v: legacy v must be/],
    ["s = 0", withField(8, new Uint8Array(0)), /^tx\.signature: r or s out of range/],
    ["s above n/2", withField(8, hexToBytes("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364140")), /^tx\.signature: s above n\/2/],
    ["type 3 contract creation", type3Create, /^tx\.to: expected a 20-byte address, got 0 bytes/],
  ])("rejects %s with an InputError naming where", (_name, raw, message) => {
    expect(() => decodeTransaction(raw)).toThrow(InputError);
    expect(() => decodeTransaction(raw)).toThrow(message);
    if (!/signature/.test(message.source)) expect(() => parseTransactionViews(raw)).toThrow(message);
  });

  it("rejects a typed y parity above 1", () => {
    const items = rlpDecode(type2.subarray(1)) as RlpItem[];
    items[9] = Uint8Array.of(2);
    expect(() => decodeTransaction(Uint8Array.of(2, ...rlpEncode(items)))).toThrow(/^tx\.yParity: must be 0 or 1/);
  });

  it("reports malformed JSON-RPC objects with the field path", () => {
    expect(() => transactionFromRpc({ type: "0x2", nonce: "0x1" }, "txs[3]")).toThrow(/^txs\[3\]\.v: /);
    expect(() => transactionFromRpc("x", "txs[3]")).toThrow(InputError);
  });
});
