import { describe, expect, it } from "vitest";
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak256 } from "../../ts/crypto/keccak";
import { InputError } from "../../ts/errors";
import { addressFromSecretKey, decodeTransaction, parseTransaction, signTransaction, signingHash, type TransactionFields } from "../../ts/ethereum/transaction";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { rlpEncode, uintToRlpBytes, type RlpItem } from "../../ts/primitives/rlp";
import { decodeZkTransaction, encodeZkTransaction } from "../../ts/zksync/transaction/abi-encoding";
import { decodeAccessList } from "../../ts/zksync/transaction/access-list";
import {
  ETHEREUM_TX_GAS_PER_PUBDATA_LIMIT,
  decodeEip712Transaction,
  decodeRawZkTransaction,
  encodeEip712Transaction,
  eraBytecodeHash,
  zkTransactionFromFields,
  zkTransactionFromL1Json,
} from "../../ts/zksync/transaction/from-ethereum";
import { signedHash, transactionHash } from "../../ts/zksync/transaction/hashes";
import { A, B32 } from "./_txs";

const KEY = hexToBytes("0x" + "4c".repeat(32));
const SENDER = addressFromSecretKey(KEY);
const base: TransactionFields = {
  type: 0,
  chainId: 270n,
  nonce: 3n,
  gasPrice: 5n,
  maxFeePerGas: 5n,
  maxPriorityFeePerGas: 5n,
  maxFeePerBlobGas: 0n,
  blobVersionedHashes: [],
  gasLimit: 50_000n,
  to: A(0x77),
  value: 9n,
  data: hexToBytes("0xdeadbeef"),
  accessList: [],
};

describe("raw Ethereum transactions → ZkTransaction (§5.2)", () => {
  const cases: [string, TransactionFields, Partial<Record<"reserved0" | "reserved1", bigint>>][] = [
    ["legacy EIP-155", base, { reserved0: 1n, reserved1: 0n }],
    ["legacy pre-EIP-155", { ...base, chainId: null }, { reserved0: 0n, reserved1: 0n }],
    ["legacy creation", { ...base, to: null }, { reserved0: 1n, reserved1: 1n }],
    ["2930 with an access list", { ...base, type: 1, accessList: [{ address: A(1), storageKeys: [B32(7)] }] }, { reserved0: 0n, reserved1: 0n }],
    ["1559", { ...base, type: 2, gasPrice: null, maxFeePerGas: 8n, maxPriorityFeePerGas: 2n }, { reserved0: 0n, reserved1: 0n }],
    ["1559 creation", { ...base, type: 2, gasPrice: null, maxFeePerGas: 8n, maxPriorityFeePerGas: 2n, to: null }, { reserved0: 0n, reserved1: 1n }],
  ];
  for (const [name, f, want] of cases) {
    it(name, () => {
      const signed = signTransaction(f, KEY);
      const m = decodeRawZkTransaction(signed.raw);
      const tx = m.tx;
      expect(m.hash).toEqual(keccak256(signed.raw));
      expect(m.chainId).toBe(f.chainId);
      expect(tx.txType).toBe(f.type);
      expect(tx.from).toEqual(SENDER);
      expect(tx.to).toEqual(f.to ?? new Uint8Array(20));
      expect(tx.maxFeePerGas).toBe(f.maxFeePerGas);
      expect(tx.maxPriorityFeePerGas).toBe(f.maxPriorityFeePerGas);
      expect(tx.gasPerPubdataByteLimit).toBe(ETHEREUM_TX_GAS_PER_PUBDATA_LIMIT);
      expect(tx.reserved).toEqual([want.reserved0, want.reserved1, 0n, 0n]);
      expect(tx.signature.subarray(0, 32)).toEqual(hexToBytes("0x" + signed.signature.r.toString(16).padStart(64, "0")));
      expect([27, 28]).toContain(tx.signature[64]);
      expect(decodeAccessList(tx.reservedDynamic)).toEqual(f.accessList);
      if (f.accessList.length === 0) expect(tx.reservedDynamic.length).toBe(0);
      // The mapped body passes the bootloader's decoder and its signed hash is what was signed.
      expect(decodeZkTransaction(encodeZkTransaction(tx)).tx).toEqual(tx);
      expect(signedHash(tx, f.chainId ?? 270n)).toEqual(signingHash(f));
      // The fields-based mapper (no SignedTransaction, no copies) gives the same transaction and body.
      const parsed = parseTransaction(signed.raw);
      const direct = zkTransactionFromFields(parsed.fields, SENDER.slice(), parsed.signature);
      expect(direct).toEqual(tx);
      expect(encodeZkTransaction(direct)).toEqual(encodeZkTransaction(tx));
      expect(decodeTransaction(signed.raw).sender).toEqual(SENDER);
    });
  }

  it("rejects blob transactions", () => {
    const raw = Uint8Array.of(3, ...rlpEncode([]));
    expect(() => decodeRawZkTransaction(raw)).toThrow(InputError);
  });
});

describe("raw 0x71 transactions", () => {
  const code1 = new Uint8Array(32).fill(0xab);
  const code3 = new Uint8Array(96).fill(0xcd);
  const u = uintToRlpBytes;
  const fieldsFor = (over: Partial<Record<number, RlpItem>> = {}, count = 16): RlpItem[] => {
    const f: RlpItem[] = [
      u(4n), // nonce
      u(1n), // maxPriorityFeePerGas
      u(250_000_000n), // maxFeePerGas
      u(2_000_000n), // gasLimit
      A(0x99), // to
      u(0n), // value
      hexToBytes("0x1234"), // data
      u(1n), // v (y parity)
      hexToBytes("0x" + "11".repeat(32)), // r
      hexToBytes("0x" + "22".repeat(32)), // s
      u(270n), // chainId
      A(0x55), // from
      u(50_000n), // gasPerPubdata
      [code1, code3], // factoryDeps (bytecodes)
      new Uint8Array(0), // customSignature
      [A(0x66), hexToBytes("0x8c5a3445")], // paymasterParams
    ];
    for (const [k, v] of Object.entries(over)) f[Number(k)] = v!;
    return f.slice(0, count);
  };
  const raw = (f: RlpItem[]): Uint8Array => Uint8Array.of(0x71, ...rlpEncode(f));

  it("maps zksync-ethers' 16-field layout: paymaster, era factory-dep hashes, r ‖ s ‖ 27+v", () => {
    const m = decodeEip712Transaction(raw(fieldsFor()));
    const tx = m.tx;
    expect(tx.txType).toBe(0x71);
    expect(tx.from).toEqual(A(0x55));
    expect(tx.to).toEqual(A(0x99));
    expect(tx.nonce).toBe(4n);
    expect(tx.maxPriorityFeePerGas).toBe(1n);
    expect(tx.maxFeePerGas).toBe(250_000_000n);
    expect(tx.gasLimit).toBe(2_000_000n);
    expect(tx.gasPerPubdataByteLimit).toBe(50_000n);
    expect(tx.paymaster).toEqual(A(0x66));
    expect(tx.paymasterInput).toEqual(hexToBytes("0x8c5a3445"));
    expect(tx.signature).toEqual(Uint8Array.of(...new Uint8Array(32).fill(0x11), ...new Uint8Array(32).fill(0x22), 28));
    expect(tx.factoryDeps).toEqual([eraBytecodeHash(code1), eraBytecodeHash(code3)]);
    expect(m.chainId).toBe(270n);
    expect(m.hash).toEqual(transactionHash(tx, 270n));
    expect(decodeZkTransaction(encodeZkTransaction(tx)).tx).toEqual(tx);
    // encode → decode is the identity (with the bytecodes supplied back).
    expect(decodeEip712Transaction(encodeEip712Transaction(tx, 270n, [code1, code3])).tx).toEqual(tx);
  });

  it("era bytecode hash = sha256 with [1, 0, words BE] in front", () => {
    const h = sha256(code3);
    expect(eraBytecodeHash(code3)).toEqual(Uint8Array.of(1, 0, 0, 3, ...h.subarray(4)));
    expect(() => eraBytecodeHash(new Uint8Array(64))).toThrow(/even number of words/);
    expect(() => eraBytecodeHash(new Uint8Array(33))).toThrow(/multiple of 32/);
  });

  it("accepts the server's 14-field form and v = 27/28", () => {
    const m = decodeEip712Transaction(raw(fieldsFor({ 7: u(27n), 13: [] }, 14)));
    expect(m.tx.signature[64]).toBe(27);
    expect(m.tx.paymaster).toEqual(new Uint8Array(20));
    expect(m.tx.factoryDeps).toEqual([]);
  });

  it("a non-empty custom signature replaces r ‖ s ‖ v", () => {
    const custom = new Uint8Array(65).fill(3);
    expect(decodeEip712Transaction(raw(fieldsFor({ 7: u(270n), 8: new Uint8Array(0), 9: new Uint8Array(0), 14: custom }))).tx.signature).toEqual(custom);
  });

  const bad: [string, Uint8Array, RegExp][] = [
    ["13 fields", raw(fieldsFor({}, 13)), /14 to 16 fields/],
    ["v = 2", raw(fieldsFor({ 7: u(2n) })), /y parity/],
    ["empty to", raw(fieldsFor({ 4: new Uint8Array(0) })), /need a to address/],
    ["19-byte from", raw(fieldsFor({ 11: new Uint8Array(19) })), /20-byte address/],
    ["gasPerPubdata above u32", raw(fieldsFor({ 12: u(1n << 32n) })), /wider than 4 bytes/],
    ["gasLimit above u64", raw(fieldsFor({ 3: u(1n << 64n) })), /wider than 8 bytes/],
    ["paymaster params of 1 item", raw(fieldsFor({ 15: [A(1)] })), /expected \[\] or \[paymaster, input\]/],
    ["factory dep of 64 bytes", raw(fieldsFor({ 13: [new Uint8Array(64)] })), /even number of words/],
    ["not a list", Uint8Array.of(0x71, ...rlpEncode(new Uint8Array(3))), /must be an RLP list/],
  ];
  for (const [name, bytes, msg] of bad) {
    it(`rejects ${name}`, () => {
      expect(() => decodeRawZkTransaction(bytes)).toThrow(InputError);
      expect(() => decodeRawZkTransaction(bytes)).toThrow(msg);
    });
  }
});

describe("L1→L2 and upgrade JSON objects (interfaces.md §3)", () => {
  it("maps every field: reserved[0] = toMint, reserved[1] = refund recipient", () => {
    const tx = zkTransactionFromL1Json({
      type: "0xff",
      from: "0x" + "aa".repeat(20),
      to: "0x" + "bb".repeat(20),
      gasLimit: "0x1e8480",
      maxFeePerGas: "0x3b9aca00",
      nonce: "0x7",
      gasPerPubdataByteLimit: "0x320",
      value: "0x64",
      toMint: "0xde0b6b3a7640000",
      refundRecipient: "0x" + "cc".repeat(20),
      data: "0x01",
      factoryDeps: ["0x" + "05".repeat(32)],
    });
    expect(tx).toEqual({
      txType: 0xff,
      from: A(0xaa),
      to: A(0xbb),
      gasLimit: 2_000_000n,
      gasPerPubdataByteLimit: 800n,
      maxFeePerGas: 1_000_000_000n,
      maxPriorityFeePerGas: 0n,
      paymaster: A(0),
      nonce: 7n,
      value: 100n,
      reserved: [10n ** 18n, BigInt("0x" + "cc".repeat(20)), 0n, 0n],
      data: Uint8Array.of(1),
      signature: new Uint8Array(0),
      factoryDeps: [B32(5)],
      paymasterInput: new Uint8Array(0),
      reservedDynamic: new Uint8Array(0),
    });
    expect(decodeZkTransaction(encodeZkTransaction(tx)).tx).toEqual(tx);
  });

  it("defaults: toMint = value + gasLimit·maxFee, refund recipient = from, nonce/pubdata/priority 0, no data", () => {
    const tx = zkTransactionFromL1Json({ type: 254, from: "0x" + "aa".repeat(20), to: "0x" + "bb".repeat(20), gasLimit: 100, maxFeePerGas: 3, value: "7" });
    expect(tx.txType).toBe(0xfe);
    expect(tx.reserved).toEqual([7n + 300n, BigInt(bytesToHex(A(0xaa))), 0n, 0n]);
    expect([tx.nonce, tx.gasPerPubdataByteLimit, tx.maxPriorityFeePerGas, tx.data.length]).toEqual([0n, 0n, 0n, 0]);
  });

  const bad: [string, unknown, RegExp][] = [
    ["an array", [], /expected an object/],
    ["type 0x02", { type: "0x2", from: "0x" + "aa".repeat(20), to: "0x" + "bb".repeat(20), gasLimit: 1, maxFeePerGas: 1 }, /tx\.type.*0xff or 0xfe/],
    ["a short from", { type: "0xff", from: "0xaa", to: "0x" + "bb".repeat(20), gasLimit: 1, maxFeePerGas: 1 }, /tx\.from.*20 bytes/],
    ["gasLimit 2^64", { type: "0xff", from: "0x" + "aa".repeat(20), to: "0x" + "bb".repeat(20), gasLimit: "0x10000000000000000", maxFeePerGas: 1 }, /tx\.gasLimit.*64 bits/],
    ["a 31-byte factory dep", { type: "0xff", from: "0x" + "aa".repeat(20), to: "0x" + "bb".repeat(20), gasLimit: 1, maxFeePerGas: 1, factoryDeps: ["0x" + "00".repeat(31)] }, /factoryDeps\[0\]/],
  ];
  for (const [name, obj, msg] of bad) {
    it(`rejects ${name} with an InputError naming the field`, () => {
      expect(() => zkTransactionFromL1Json(obj)).toThrow(InputError);
      expect(() => zkTransactionFromL1Json(obj)).toThrow(msg);
    });
  }
});
