import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { addr, recoverAddressTyped, signTyped } from "micro-eth-signer";
import { keccak256 } from "../../ts/crypto/keccak";
import { addressFromSecretKey, decodeTransaction, recoverSender, signTransaction, signingHash, type TransactionFields } from "../../ts/ethereum/transaction";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { rlpDecode, rlpEncode, type RlpItem } from "../../ts/primitives/rlp";
import { encodeZkTransaction } from "../../ts/zksync/transaction/abi-encoding";
import { decodeEip712Transaction, encodeEip712Transaction, zkTransactionFromEthereum } from "../../ts/zksync/transaction/from-ethereum";
import {
  EIP712_DOMAIN_NAME,
  EIP712_DOMAIN_NAME_HASH,
  EIP712_DOMAIN_TYPE,
  EIP712_DOMAIN_TYPE_HASH,
  EIP712_DOMAIN_VERSION,
  EIP712_DOMAIN_VERSION_HASH,
  EIP712_TRANSACTION_TYPE,
  EIP712_TRANSACTION_TYPE_HASH,
  eip712DomainSeparator,
  l1TransactionHash,
  signedHash,
  transactionHash,
} from "../../ts/zksync/transaction/hashes";
import type { ZkTransaction } from "../../ts/zksync/transaction/types";
import { A, B32, sampleTxs } from "./_txs";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const KEY = hexToBytes("0x" + "46".repeat(32));
const CHAIN = 270n;

describe("EIP-712 constants", () => {
  it("are keccak256 of the type strings, with the prefixes/suffixes of §5.3 [verified]", () => {
    const table: [string, Uint8Array, string, string][] = [
      [EIP712_DOMAIN_TYPE, EIP712_DOMAIN_TYPE_HASH, "c2f87871", "5b6e"],
      [EIP712_DOMAIN_NAME, EIP712_DOMAIN_NAME_HASH, "19b453ce", "7d6f"],
      [EIP712_DOMAIN_VERSION, EIP712_DOMAIN_VERSION_HASH, "ad7c5bef", "14a5"],
      [EIP712_TRANSACTION_TYPE, EIP712_TRANSACTION_TYPE_HASH, "848e1bfa", "aac8"],
    ];
    for (const [s, hash, prefix, suffix] of table) {
      expect(keccak256(text(s))).toEqual(hash);
      const hex = bytesToHex(hash).slice(2);
      expect(hex.startsWith(prefix) && hex.endsWith(suffix)).toBe(true);
    }
  });
});

// zkSync's EIP-712 typed data for a 0x71 transaction, fed to micro-eth-signer's own EIP-712 code.
const TYPES = {
  Transaction: [
    { name: "txType", type: "uint256" },
    { name: "from", type: "uint256" },
    { name: "to", type: "uint256" },
    { name: "gasLimit", type: "uint256" },
    { name: "gasPerPubdataByteLimit", type: "uint256" },
    { name: "maxFeePerGas", type: "uint256" },
    { name: "maxPriorityFeePerGas", type: "uint256" },
    { name: "paymaster", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "value", type: "uint256" },
    { name: "data", type: "bytes" },
    { name: "factoryDeps", type: "bytes32[]" },
    { name: "paymasterInput", type: "bytes" },
  ],
} as const;
// micro-eth-signer's TypedData typing is narrower than what it accepts at run time (hex strings for bytes).
type Typed = Parameters<typeof signTyped>[0];
function typedData(tx: ZkTransaction, chainId: bigint): Typed {
  const n = (a: Uint8Array): bigint => BigInt(bytesToHex(a));
  return {
    types: TYPES,
    primaryType: "Transaction" as const,
    domain: { name: "zkSync", version: "2", chainId },
    message: {
      txType: BigInt(tx.txType),
      from: n(tx.from),
      to: n(tx.to),
      gasLimit: tx.gasLimit,
      gasPerPubdataByteLimit: tx.gasPerPubdataByteLimit,
      maxFeePerGas: tx.maxFeePerGas,
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
      paymaster: n(tx.paymaster),
      nonce: tx.nonce,
      value: tx.value,
      data: bytesToHex(tx.data),
      factoryDeps: tx.factoryDeps.map(bytesToHex),
      paymasterInput: bytesToHex(tx.paymasterInput),
    },
  } as unknown as Typed;
}

function eip712Tx(): ZkTransaction {
  return { ...sampleTxs().eip712, from: addressFromSecretKey(KEY), signature: new Uint8Array(0) };
}

describe("0x71 (EIP-712) hashes", () => {
  it("a transaction signed with @noble/curves over signedHash recovers to its signer", () => {
    const tx = eip712Tx();
    const h = signedHash(tx, CHAIN);
    const sig = secp256k1.Signature.fromBytes(secp256k1.sign(h, KEY, { prehash: false, format: "recovered" }), "recovered");
    expect(bytesToHex(recoverSender(h, sig.r, sig.s, sig.recovery!))).toBe(bytesToHex(tx.from));
  });

  it("signedHash is the EIP-712 digest micro-eth-signer computes for the same typed data", () => {
    const tx = eip712Tx();
    const signature = signTyped(typedData(tx, CHAIN), bytesToHex(KEY));
    const sigBytes = hexToBytes(signature);
    expect(sigBytes.length).toBe(65);
    const r = BigInt(bytesToHex(sigBytes.subarray(0, 32)));
    const s = BigInt(bytesToHex(sigBytes.subarray(32, 64)));
    const v = sigBytes[64]!;
    expect(bytesToHex(recoverSender(signedHash(tx, CHAIN), r, s, v >= 27 ? v - 27 : v))).toBe(bytesToHex(tx.from));
    expect(recoverAddressTyped(signature, typedData(tx, CHAIN)).toLowerCase()).toBe(addr.fromPrivateKey(bytesToHex(KEY)).toLowerCase());
  });

  it("depends on the chain id through the domain separator", () => {
    const tx = eip712Tx();
    expect(signedHash(tx, CHAIN)).not.toEqual(signedHash(tx, CHAIN + 1n));
    const sep = eip712DomainSeparator(CHAIN);
    const word = new Uint8Array(32);
    word[31] = Number(CHAIN & 0xffn);
    word[30] = Number(CHAIN >> 8n);
    expect(sep).toEqual(keccak256(Uint8Array.of(...EIP712_DOMAIN_TYPE_HASH, ...EIP712_DOMAIN_NAME_HASH, ...EIP712_DOMAIN_VERSION_HASH, ...word)));
  });

  it("tx hash = keccak(signedHash ‖ keccak(signature)); raw 0x71 encode → decode gives the same tx and hash", () => {
    const unsigned = eip712Tx();
    const h = signedHash(unsigned, CHAIN);
    const sig = secp256k1.Signature.fromBytes(secp256k1.sign(h, KEY, { prehash: false, format: "recovered" }), "recovered");
    const signature = Uint8Array.of(...sig.toBytes("compact"), 27 + sig.recovery!);
    const tx = { ...unsigned, factoryDeps: [], signature };
    const expected = keccak256(Uint8Array.of(...signedHash(tx, CHAIN), ...keccak256(signature)));
    expect(transactionHash(tx, CHAIN)).toEqual(expected);
    const raw = encodeEip712Transaction(tx, CHAIN);
    const back = decodeEip712Transaction(raw);
    expect(back.tx).toEqual(tx);
    expect(back.hash).toEqual(expected);
    expect(back.chainId).toBe(CHAIN);
    expect(encodeZkTransaction(back.tx)).toEqual(encodeZkTransaction(tx));
  });
});

describe("Ethereum-typed hashes", () => {
  const sigOf = (t: ZkTransaction) => ({ r: BigInt(bytesToHex(t.signature.subarray(0, 32))), s: BigInt(bytesToHex(t.signature.subarray(32, 64))), v: t.signature[64]! });
  const fields = (over: Partial<TransactionFields>): TransactionFields => ({
    type: 2,
    chainId: CHAIN,
    nonce: 5n,
    gasPrice: null,
    maxFeePerGas: 3_000_000_000n,
    maxPriorityFeePerGas: 1_000_000_000n,
    maxFeePerBlobGas: 0n,
    blobVersionedHashes: [],
    gasLimit: 100_000n,
    to: A(0x35),
    value: 12345n,
    data: hexToBytes("0x00ff00"),
    accessList: [],
    ...over,
  });
  const variants: [string, TransactionFields][] = [
    ["legacy, EIP-155", fields({ type: 0, gasPrice: 7n, maxFeePerGas: 7n, maxPriorityFeePerGas: 7n })],
    ["legacy, pre-EIP-155", fields({ type: 0, chainId: null, gasPrice: 7n, maxFeePerGas: 7n, maxPriorityFeePerGas: 7n })],
    ["legacy creation", fields({ type: 0, gasPrice: 7n, maxFeePerGas: 7n, maxPriorityFeePerGas: 7n, to: null })],
    ["2930 with an access list", fields({ type: 1, gasPrice: 9n, maxFeePerGas: 9n, maxPriorityFeePerGas: 9n, accessList: [{ address: A(1), storageKeys: [B32(0), B32(2)] }] })],
    ["1559", fields({})],
    ["1559 creation with an access list", fields({ to: null, accessList: [{ address: A(3), storageKeys: [] }] })],
  ];

  for (const [name, f] of variants) {
    it(`${name}: signedHash = Ethereum signing hash; tx hash = payload + [r, s, v as the reference appends]`, () => {
      const signed = decodeTransaction(signTransaction(f, KEY).raw);
      const tx = zkTransactionFromEthereum(signed);
      const chain = f.chainId ?? CHAIN;
      expect(signedHash(tx, chain)).toEqual(signingHash(f));
      // Reference tx hash: the canonical list with its signature items replaced by r, s, v'.
      const { r, s, v } = sigOf(tx);
      const rawItems = rlpDecode(f.type === 0 ? signed.raw : signed.raw.subarray(1)) as RlpItem[];
      const payload = rawItems.slice(0, rawItems.length - 3);
      const vHash = f.type === 0 && f.chainId !== null ? BigInt(v) + 8n + 2n * chain : BigInt(v);
      const strip = (x: bigint): Uint8Array => (x === 0n ? new Uint8Array(0) : hexToBytes("0x" + x.toString(16)));
      const list = rlpEncode([...payload, strip(r), strip(s), strip(vHash)]);
      const expected = keccak256(f.type === 0 ? list : Uint8Array.of(f.type, ...list));
      expect(transactionHash(tx, chain)).toEqual(expected);
      expect(transactionHash(tx, chain)).not.toEqual(signed.hash);
      if (f.type === 0 && f.chainId !== null) expect(vHash).toBe(signed.signature.v);
    });
  }
});

describe("L1 → L2 and upgrade hashes", () => {
  it("are keccak(U256(0x20) ‖ body) for 0xff and 0xfe, with or without the body at hand", () => {
    for (const tx of [sampleTxs().l1, sampleTxs().upgrade]) {
      const body = encodeZkTransaction(tx);
      const expected = keccak256(Uint8Array.of(...new Uint8Array(31), 0x20, ...body));
      expect(l1TransactionHash(body)).toEqual(expected);
      expect(transactionHash(tx, CHAIN)).toEqual(expected);
      expect(transactionHash(tx, CHAIN, { body })).toEqual(expected);
      expect(transactionHash(tx, CHAIN + 1n)).toEqual(expected);
    }
  });

  it("the example deposit hashes to the value micro-eth-signer's ABI coder + noble keccak give", () => {
    // 0xff from 0xaa.., to 0xbb.., gas 1e6, maxFee 2 gwei, priority 0, nonce 3, value 1 ETH,
    // toMint = value + gas·maxFee, refund 0xdd.., 37-byte ERC-20 call, one factory dep 0x05...;
    // expected value computed outside this package: keccak_256(abi.encode(tuple)) in node.
    expect(bytesToHex(transactionHash(sampleTxs().l1, CHAIN))).toBe("0x2008680b05d65fa2250f16235553bb5e336bf82fcc297618e62ebb50332bffe0");
    expect(encodeZkTransaction(sampleTxs().l1).length).toBe(19 * 32 + 96 + 32 + 64 + 32 + 32);
  });

  it("have no signed hash", () => {
    expect(() => signedHash(sampleTxs().l1, CHAIN)).toThrow(/no signed hash/);
  });
});
