// The real ZKsync OS witness (../shared/fixtures/zksync-os-witness): every query of queries.json
// decoded with the oracle codecs, the transaction through the ABI decoder, and the framing
// reproducing witness.hex word for word.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { blake2s256, blake2sNode } from "../../ts/crypto/blake2s";
import { keccak256 } from "../../ts/crypto/keccak";
import { encodeTransaction, recoverSender, type TransactionFields } from "../../ts/ethereum/transaction";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { rlpEncode, uintToRlpBytes } from "../../ts/primitives/rlp";
import { decodeBlockMetadata, encodeBlockMetadata } from "../../ts/oracle/block-metadata";
import { QueryId, QUERY_SHAPES } from "../../ts/oracle/query-ids";
import { encodeQueryWrites, matchWitness, splitWitness, witnessFromQueries } from "../../ts/oracle/query-framing";
import {
  decodeBytes32Param,
  decodeIOImplementerInit,
  decodeIndex,
  decodeInitialStorageSlotData,
  decodeLeafProof,
  decodePreimage,
  decodeStorageAddress,
  decodeTxContent,
  decodeTxSize,
  encodeIOImplementerInit,
  encodeIndex,
  encodeInitialStorageSlotData,
  encodeLeafProof,
  encodeStorageAddress,
  encodeTxContent,
  encodeTxSize,
} from "../../ts/oracle/query-payloads";
import { formatWitness } from "../../ts/oracle/witness-file";
import { readWitnessFile } from "../../ts/oracle/witness-file-io";
import { decodeZkTransaction, encodeZkTransaction } from "../../ts/zksync/transaction/abi-encoding";
import { decodeRawZkTransaction } from "../../ts/zksync/transaction/from-ethereum";
import { signedHash, transactionHash } from "../../ts/zksync/transaction/hashes";

const DIR = "../shared/fixtures/zksync-os-witness";
interface RawQuery {
  id: number;
  name: string;
  params: string[];
  response: string[];
  responseLength: number;
  firstReadIndex: number;
}
const fixture = JSON.parse(readFileSync(`${DIR}/queries.json`, "utf8")) as { queries: RawQuery[]; publicInputWords: number[] };
const words = (hex: string[]): Uint32Array => Uint32Array.from(hex, (h) => parseInt(h, 16));
const queries = fixture.queries.map((q) => ({ ...q, paramWords: words(q.params), responseWords: words(q.response) }));
const witness = readWitnessFile(`${DIR}/witness.hex`);
const FROM = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
const TO = "0x5fbdb2315678afecb367f032d93f642f64180aa3";
const STATE_ROOT = "0x0906c8dfd93a88929af9a53ce9d5a840310b9db6bb9b84ddc7473009f0366e21";

describe("witness.hex and the query framing", () => {
  it("has 6,252 words", () => {
    expect(witness.length).toBe(6252);
  });

  it("is reproduced word for word by framing the 24 answers of queries.json", () => {
    expect(queries).toHaveLength(24);
    const rebuilt = witnessFromQueries(queries.map((q) => ({ id: q.id, params: q.paramWords, response: q.responseWords })));
    expect(rebuilt).toEqual(witness);
    expect(formatWitness(rebuilt)).toBe(readFileSync(`${DIR}/witness.hex`, "utf8").trim().toLowerCase());
  });

  it("splits back into the answers at each query's firstReadIndex", () => {
    const answers = matchWitness(
      witness,
      queries.map((q) => q.id),
    );
    expect(answers.map((a) => a.lengthIndex)).toEqual(queries.map((q) => q.firstReadIndex));
    answers.forEach((a, i) => expect(a.words).toEqual(queries[i]!.responseWords));
    expect(splitWitness(witness).at(-1)!.words.length).toBe(0);
  });

  it("writes each query as id, count, params with the fixed parameter sizes", () => {
    for (const q of queries) {
      const w = encodeQueryWrites(q.id, q.paramWords);
      expect(w[0]).toBe(q.id);
      expect(w[1]).toBe(QUERY_SHAPES[q.id]!.paramWords);
      expect(w.subarray(2)).toEqual(q.paramWords);
      expect(q.responseLength).toBe(q.responseWords.length);
    }
  });
});

describe("each answer decoded with the oracle codecs", () => {
  it("BlockLevelMetadata: the README's block context, and re-encodes to the same 2094 words", () => {
    const q = queries[0]!;
    expect(q.id).toBe(QueryId.BlockLevelMetadata);
    const m = decodeBlockMetadata(q.responseWords);
    expect(m.eip1559BaseFee).toBe(1000n);
    expect(m.gasPerPubdata).toBe(1n);
    expect(m.nativePrice).toBe(10n);
    expect(m.blockNumber).toBe(1n);
    expect(m.timestamp).toBe(1001n);
    expect(m.chainId).toBe(260n);
    expect(m.gasLimit).toBe(100_000_000n);
    expect(bytesToHex(m.coinbase)).toBe("0x" + "00".repeat(20));
    expect(m.blockHashes).toHaveLength(256);
    expect(m.blockHashes.every((h) => h === 0n)).toBe(true);
    expect(m.mixHash).toBe(1n);
    expect(encodeBlockMetadata(m)).toEqual(q.responseWords);
  });

  const txBody = (): Uint8Array => {
    const size = decodeTxSize(queries[1]!.responseWords);
    return decodeTxContent(queries[2]!.responseWords, size);
  };

  it("NextTxSize says 864 bytes; the second NextTxSize says 0 (end of block)", () => {
    expect(decodeTxSize(queries[1]!.responseWords)).toBe(864);
    expect(encodeTxSize(864)).toEqual(queries[1]!.responseWords);
    expect(queries[10]!.id).toBe(QueryId.NextTxSize);
    expect(decodeTxSize(queries[10]!.responseWords)).toBe(0);
  });

  it("NewTxContent: the ABI decoder yields the README's type-2 transaction", () => {
    const body = txBody();
    expect(encodeTxContent(body)).toEqual(queries[2]!.responseWords);
    const { tx, layout } = decodeZkTransaction(body);
    expect(tx.txType).toBe(2);
    expect(bytesToHex(tx.from)).toBe(FROM);
    expect(bytesToHex(tx.to)).toBe(TO);
    expect(tx.value).toBe(100n);
    expect(tx.gasLimit).toBe(10_000_000n);
    expect(tx.maxFeePerGas).toBe(90_500_001n);
    expect(tx.maxPriorityFeePerGas).toBe(1n);
    expect(tx.nonce).toBe(0n);
    expect(tx.gasPerPubdataByteLimit).toBe(50_000n);
    expect(tx.reserved).toEqual([0n, 0n, 0n, 0n]);
    expect(tx.data.length).toBe(0);
    expect(tx.signature.length).toBe(65);
    expect([27, 28]).toContain(tx.signature[64]);
    expect(tx.factoryDeps).toEqual([]);
    expect(tx.paymasterInput.length).toBe(0);
    expect(tx.reservedDynamic.length).toBe(0);
    expect(layout).toEqual({ data: 0x260, signature: 0x280, factoryDeps: 0x300, paymasterInput: 0x320, reservedDynamic: 0x340 });
    expect(encodeZkTransaction(tx)).toEqual(body);
  });

  it("the transaction's signed hash recovers to `from` (ecrecover, and @noble/curves independently)", () => {
    const { tx } = decodeZkTransaction(txBody());
    const h = signedHash(tx, 260n);
    const r = BigInt(bytesToHex(tx.signature.subarray(0, 32)));
    const s = BigInt(bytesToHex(tx.signature.subarray(32, 64)));
    const yParity = tx.signature[64]! - 27;
    expect(bytesToHex(recoverSender(h, r, s, yParity))).toBe(FROM);
    const pub = new secp256k1.Signature(r, s, yParity).recoverPublicKey(h).toBytes(false);
    expect(bytesToHex(keccak256(pub.subarray(1)).slice(12))).toBe(FROM);
    // The signed payload is the EIP-1559 list: 0x02 ‖ RLP[chainId, nonce, tip, maxFee, gas, to, value, data, []].
    const u = uintToRlpBytes;
    const payload = rlpEncode([u(260n), u(0n), u(1n), u(90_500_001n), u(10_000_000n), hexToBytes(TO), u(100n), new Uint8Array(0), []]);
    expect(h).toEqual(keccak256(Uint8Array.of(2, ...payload)));
  });

  it("the same transaction as a raw EIP-1559 tx maps through from-ethereum to the identical body", () => {
    const body = txBody();
    const { tx } = decodeZkTransaction(body);
    const fields: TransactionFields = {
      type: 2,
      chainId: 260n,
      nonce: 0n,
      gasPrice: null,
      maxFeePerGas: 90_500_001n,
      maxPriorityFeePerGas: 1n,
      maxFeePerBlobGas: 0n,
      blobVersionedHashes: [],
      gasLimit: 10_000_000n,
      to: hexToBytes(TO),
      value: 100n,
      data: new Uint8Array(0),
      accessList: [],
    };
    const sig = { v: BigInt(tx.signature[64]! - 27), r: BigInt(bytesToHex(tx.signature.subarray(0, 32))), s: BigInt(bytesToHex(tx.signature.subarray(32, 64))) };
    const raw = encodeTransaction(fields, sig);
    const mapped = decodeRawZkTransaction(raw);
    expect(bytesToHex(mapped.tx.from)).toBe(FROM);
    expect(mapped.hash).toEqual(keccak256(raw));
    expect(mapped.chainId).toBe(260n);
    expect(encodeZkTransaction(mapped.tx)).toEqual(body);
  });

  it("its reference tx hash appends r, s, v=27/28 and so differs from the canonical Ethereum hash", () => {
    const { tx } = decodeZkTransaction(txBody());
    const u = uintToRlpBytes;
    const head = [u(260n), u(0n), u(1n), u(90_500_001n), u(10_000_000n), hexToBytes(TO), u(100n), new Uint8Array(0), []];
    const r = tx.signature.subarray(0, 32);
    const s = tx.signature.subarray(32, 64);
    const v = tx.signature[64]!;
    const reference = keccak256(Uint8Array.of(2, ...rlpEncode([...head, u(BigInt(bytesToHex(r))), u(BigInt(bytesToHex(s))), u(v)])));
    const canonical = keccak256(Uint8Array.of(2, ...rlpEncode([...head, u(v - 27), u(BigInt(bytesToHex(r))), u(BigInt(bytesToHex(s)))])));
    expect(transactionHash(tx, 260n)).toEqual(reference);
    expect(transactionHash(tx, 260n)).not.toEqual(canonical);
  });

  it("InitialStorageSlotData: coinbase then sender account properties (slot (0x8003, address)), then two more", () => {
    const slots = queries.filter((q) => q.id === QueryId.InitialStorageSlotData);
    expect(slots).toHaveLength(4);
    const addr = slots.map((q) => decodeStorageAddress(q.paramWords));
    expect(bytesToHex(addr[0]!.address)).toBe("0x" + "00".repeat(18) + "8003");
    expect(bytesToHex(addr[0]!.key)).toBe("0x" + "00".repeat(32));
    expect(bytesToHex(addr[1]!.key)).toBe("0x" + "00".repeat(12) + FROM.slice(2));
    const answers = slots.map((q) => decodeInitialStorageSlotData(q.responseWords));
    expect(answers[0]).toEqual({ isNewStorageSlot: true, initialValue: new Uint8Array(32) });
    expect(answers[1]!.isNewStorageSlot).toBe(false);
    slots.forEach((q, i) => {
      expect(encodeStorageAddress(addr[i]!)).toEqual(q.paramWords);
      expect(encodeInitialStorageSlotData(answers[i]!)).toEqual(q.responseWords);
    });
  });

  it("PreimageContentWords: each preimage Blake2s-hashes to the requested hash", () => {
    const pre = queries.filter((q) => q.id === QueryId.PreimageContentWords);
    expect(pre.map((q) => q.responseWords.length)).toEqual([32, 32, 56]);
    // Account properties are 124 bytes (§1.1); the bytecode's length is the one that hashes right.
    const found = pre.map((q) => {
      const want = decodeBytes32Param(q.paramWords);
      const maxLen = 4 * q.responseWords.length;
      for (let len = maxLen; len > maxLen - 8; len--) {
        if (bytesToHex(blake2s256(decodePreimage(q.responseWords, len))) === bytesToHex(want)) return len;
      }
      return -1;
    });
    expect(found.slice(0, 2)).toEqual([124, 124]);
    expect(found[2]).toBeGreaterThan(216);
  });

  it("InitializeIOImplementer: the README's state root and next free slot 174", () => {
    const q = queries[11]!;
    expect(q.id).toBe(QueryId.InitializeIOImplementer);
    const init = decodeIOImplementerInit(q.responseWords);
    expect(bytesToHex(init.stateRoot)).toBe(STATE_ROOT);
    expect(init.nextFreeSlot).toBe(174n);
    expect(encodeIOImplementerInit(init)).toEqual(q.responseWords);
  });

  it("ExactIndex/PrevIndex/ProofForIndex: every leaf proof folds to the state root", () => {
    const leafHash = (key: Uint8Array, value: Uint8Array, next: bigint): Uint8Array => {
      const b = new Uint8Array(72);
      b.set(key, 0);
      b.set(value, 32);
      for (let i = 0; i < 8; i++) b[64 + i] = Number((next >> BigInt(8 * i)) & 0xffn);
      return blake2s256(b);
    };
    const proofs = queries.filter((q) => q.id === QueryId.ProofForIndex);
    expect(proofs).toHaveLength(7);
    for (const q of proofs) {
      const index = decodeIndex(q.paramWords);
      const p = decodeLeafProof(q.responseWords);
      expect(p.index).toBe(index);
      let node = leafHash(p.leaf.key, p.leaf.value, p.leaf.next);
      for (let d = 0; d < 64; d++) node = (index >> BigInt(d)) & 1n ? blake2sNode(p.path[d]!, node) : blake2sNode(node, p.path[d]!);
      expect(bytesToHex(node)).toBe(STATE_ROOT);
      expect(encodeLeafProof(p)).toEqual(q.responseWords);
      expect(encodeIndex(index)).toEqual(q.paramWords);
    }
    const exact = queries.filter((q) => q.id === QueryId.ExactIndex);
    for (const q of exact) {
      const key = decodeBytes32Param(q.paramWords);
      const at = queries.indexOf(q);
      const proof = decodeLeafProof(queries[at + 1]!.responseWords);
      expect(proof.index).toBe(decodeIndex(q.responseWords));
      expect(proof.leaf.key).toEqual(key);
    }
    expect(queries.filter((q) => q.id === QueryId.PrevIndex)).toHaveLength(2);
  });

  it("DisconnectOracle closes the run with an empty answer", () => {
    const last = queries.at(-1)!;
    expect(last.id).toBe(QueryId.DisconnectOracle);
    expect(last.responseWords.length).toBe(0);
    expect(last.firstReadIndex).toBe(witness.length - 1);
  });
});
