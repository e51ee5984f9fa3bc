/**
 * Signed hashes and transaction hashes as the reference bootloader computes them (zksync-os-reference.md
 * §5.3; transaction/mod.rs `calculate_signed_hash`, `calculate_hash`). All Keccak-256. The tx hash
 * feeds the block's tx rolling hash, so its quirks (see {@link referenceSignatureTail}) are kept.
 * @module
 */
import { ArgumentError } from "../../errors";
import { keccak256 } from "../../crypto/keccak";
import { bigintToBytes } from "../../primitives/hex";
import { rlpEncodeTransient, uintToRlpBytes, type RlpItem } from "../../primitives/rlp";
import { decodeAccessList, type AccessListEntry } from "./access-list";
import { encodeZkTransaction } from "./abi-encoding";
import { ZkTxType, isL1Type, type ZkTransaction } from "./types";

const EMPTY = new Uint8Array(0);

/** The EIP-712 domain type string (the reference hard-codes keccak256 of each of these strings). */
export const EIP712_DOMAIN_TYPE = "EIP712Domain(string name,string version,uint256 chainId)";
/** The EIP-712 domain name. */
export const EIP712_DOMAIN_NAME = "zkSync";
/** The EIP-712 domain version. */
export const EIP712_DOMAIN_VERSION = "2";
/** The zkSync Transaction struct type string. */
export const EIP712_TRANSACTION_TYPE =
  "Transaction(uint256 txType,uint256 from,uint256 to,uint256 gasLimit,uint256 gasPerPubdataByteLimit,uint256 maxFeePerGas," +
  "uint256 maxPriorityFeePerGas,uint256 paymaster,uint256 nonce,uint256 value,bytes data,bytes32[] factoryDeps,bytes paymasterInput)";

const hexBytes = (h: string): Uint8Array => Uint8Array.from(h.match(/../g)!, (x) => parseInt(x, 16));

/** keccak256(EIP712_DOMAIN_TYPE), as hard-coded in the reference (`DOMAIN_TYPE_HASH`). */
export const EIP712_DOMAIN_TYPE_HASH = hexBytes("c2f8787176b8ac6bf7215b4adcc1e069bf4ab82d9ab1df05a57a91d425935b6e");
/** keccak256("zkSync") (`DOMAIN_NAME_HASH`). */
export const EIP712_DOMAIN_NAME_HASH = hexBytes("19b453ce45aaaaf3a300f5a9ec95869b4f28ab10430b572ee218c3a6a5e07d6f");
/** keccak256("2") (`DOMAIN_VERSION_HASH`). */
export const EIP712_DOMAIN_VERSION_HASH = hexBytes("ad7c5bef027816a800da1736444fb58a807ef4c9603b7848673f7e3a68eb14a5");
/** keccak256(EIP712_TRANSACTION_TYPE) (`TYPE_HASH`). */
export const EIP712_TRANSACTION_TYPE_HASH = hexBytes("848e1bfa1ac4e3576b728bda6721b215c70a7799a5b4866282a71bab954baac8");

/** A 32-byte big-endian ABI word. */
function word(v: bigint): Uint8Array {
  return bigintToBytes(v, 32);
}

function addressWord(a: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  out.set(a, 12);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A big-endian byte string with its leading zero bytes stripped, as `apply_number_encoding_to_hash` does. */
function stripped(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

/**
 * The signature items appended to an Ethereum-typed payload for the *transaction* hash.
 *
 * QUIRK (reference 0a82da0, §5.3 and appendix C item 2), two of them:
 * - the order is r, s, v, not Ethereum's v, r, s;
 * - for types 1 and 2, v is the signature's byte 64 as stored in the ABI body (27/28 from every
 *   known encoder), not the y parity 0/1 Ethereum hashes. Legacy adds 8 + 2·chainId under EIP-155
 *   (⇒ 35/36 + 2·chainId).
 * The result therefore differs from the canonical Ethereum hash for every type; it is what the tx
 * rolling hash and thus the block hash are built from.
 */
export function referenceSignatureTail(signature: Uint8Array, vForHash: bigint): RlpItem[] {
  if (signature.length !== 65) throw new ArgumentError(`signature: expected 65 bytes, got ${signature.length}`);
  return [stripped(signature.subarray(0, 32)), stripped(signature.subarray(32, 64)), uintToRlpBytes(vForHash)];
}

/** RLP items of an access list: [[address, [key, ...]], ...] with 32-byte keys. */
export function accessListRlpItem(list: readonly AccessListEntry[]): RlpItem {
  return list.map((e) => [e.address, e.storageKeys]);
}

/** `to` as hashed: 20 bytes, or empty when reserved[1] marks a deployment. */
function toItem(tx: ZkTransaction): Uint8Array {
  return tx.reserved[1] === 0n ? tx.to : EMPTY;
}

/** The unsigned RLP payload items of types 0, 1 and 2, in each type's field order. */
function ethereumPayload(tx: ZkTransaction, chainId: bigint, accessList: readonly AccessListEntry[]): RlpItem[] {
  const u = uintToRlpBytes;
  switch (tx.txType) {
    case ZkTxType.Legacy:
      return [u(tx.nonce), u(tx.maxFeePerGas), u(tx.gasLimit), toItem(tx), u(tx.value), tx.data];
    case ZkTxType.Eip2930:
      return [u(chainId), u(tx.nonce), u(tx.maxFeePerGas), u(tx.gasLimit), toItem(tx), u(tx.value), tx.data, accessListRlpItem(accessList)];
    case ZkTxType.Eip1559:
      return [
        u(chainId),
        u(tx.nonce),
        u(tx.maxPriorityFeePerGas),
        u(tx.maxFeePerGas),
        u(tx.gasLimit),
        toItem(tx),
        u(tx.value),
        tx.data,
        accessListRlpItem(accessList),
      ];
    default:
      throw new ArgumentError(`type 0x${tx.txType.toString(16)} has no RLP payload`);
  }
}

function checkChainId(chainId: bigint): void {
  if (typeof chainId !== "bigint" || chainId < 0n || chainId >> 64n !== 0n) throw new ArgumentError(`chainId: expected a u64 bigint, got ${String(chainId)}`);
}

/** keccak(DOMAIN_TYPE_HASH ‖ NAME_HASH ‖ VERSION_HASH ‖ U256(chainId)): the EIP-712 domain separator. */
export function eip712DomainSeparator(chainId: bigint): Uint8Array {
  checkChainId(chainId);
  return keccak256(concat([EIP712_DOMAIN_TYPE_HASH, EIP712_DOMAIN_NAME_HASH, EIP712_DOMAIN_VERSION_HASH, word(chainId)]));
}

/**
 * hashStruct of a 0x71 transaction: TYPE_HASH, the ten head words txType..value as 32-byte words,
 * then keccak of data, of the concatenated factory-dep hashes, and of paymasterInput.
 */
export function eip712StructHash(tx: ZkTransaction): Uint8Array {
  return keccak256(
    concat([
      EIP712_TRANSACTION_TYPE_HASH,
      word(BigInt(tx.txType)),
      addressWord(tx.from),
      addressWord(tx.to),
      word(tx.gasLimit),
      word(tx.gasPerPubdataByteLimit),
      word(tx.maxFeePerGas),
      word(tx.maxPriorityFeePerGas),
      addressWord(tx.paymaster),
      word(tx.nonce),
      word(tx.value),
      keccak256(tx.data),
      keccak256(concat(tx.factoryDeps)),
      keccak256(tx.paymasterInput),
    ]),
  );
}

/**
 * The hash the sender signs (`calculate_signed_hash`): RLP-based for types 0–2 (legacy appends
 * [chainId, 0, 0] iff reserved[0] ≠ 0), EIP-712 for 0x71. `accessList` defaults to the one parsed
 * from `reservedDynamic`.
 * @throws ArgumentError for 0xFF/0xFE (they are not signed) or an unknown type
 * @throws InvalidTransaction("InvalidStructure") if reservedDynamic does not parse
 */
export function signedHash(tx: ZkTransaction, chainId: bigint, accessList?: readonly AccessListEntry[]): Uint8Array {
  checkChainId(chainId);
  if (tx.txType === ZkTxType.Eip712) {
    return keccak256(concat([Uint8Array.of(0x19, 0x01), eip712DomainSeparator(chainId), eip712StructHash(tx)]));
  }
  if (isL1Type(tx.txType)) throw new ArgumentError(`type 0x${tx.txType.toString(16)} transactions have no signed hash`);
  const items = ethereumPayload(tx, chainId, accessList ?? decodeAccessList(tx.reservedDynamic));
  if (tx.txType === ZkTxType.Legacy) {
    if (tx.reserved[0] !== 0n) items.push(uintToRlpBytes(chainId), EMPTY, EMPTY);
    return keccak256(rlpEncodeTransient(items));
  }
  return keccak256(rlpEncodeTransient(items, tx.txType));
}

/**
 * keccak(U256(0x20) ‖ body): the hash of an L1→L2 or upgrade transaction, i.e. keccak of the
 * Solidity `abi.encode(tx)` whose first word is the tuple offset.
 */
export function l1TransactionHash(body: Uint8Array): Uint8Array {
  return keccak256(concat([word(0x20n), body]));
}

/**
 * The reference's transaction hash (`calculate_hash`), the one the tx rolling hash takes:
 * types 0–2 append r, s, v per {@link referenceSignatureTail}; 0x71 = keccak(signedHash ‖
 * keccak(signature)); 0xFF/0xFE = {@link l1TransactionHash} of the body (re-encoded from `tx`
 * when `body` is not given).
 * @throws ArgumentError for an unknown type or a signature that is not 65 bytes (types 0–2)
 */
export function transactionHash(tx: ZkTransaction, chainId: bigint, opts: { body?: Uint8Array; accessList?: readonly AccessListEntry[] } = {}): Uint8Array {
  checkChainId(chainId);
  if (isL1Type(tx.txType)) return l1TransactionHash(opts.body ?? encodeZkTransaction(tx));
  if (tx.txType === ZkTxType.Eip712) return keccak256(concat([signedHash(tx, chainId), keccak256(tx.signature)]));
  const items = ethereumPayload(tx, chainId, opts.accessList ?? decodeAccessList(tx.reservedDynamic));
  if (tx.signature.length !== 65) throw new ArgumentError(`signature: expected 65 bytes, got ${tx.signature.length}`);
  const v = BigInt(tx.signature[64]!);
  if (tx.txType === ZkTxType.Legacy) {
    items.push(...referenceSignatureTail(tx.signature, tx.reserved[0] !== 0n ? v + 8n + 2n * chainId : v));
    return keccak256(rlpEncodeTransient(items));
  }
  items.push(...referenceSignatureTail(tx.signature, v));
  return keccak256(rlpEncodeTransient(items, tx.txType));
}
