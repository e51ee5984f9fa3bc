/**
 * Transactions as users submit them, mapped to the bootloader's ZkTransaction (zksync-os-reference.md
 * §5.2; reference encoders in tests/rig/src/utils.rs): raw Ethereum types 0/1/2, raw 0x71 (the
 * zkSync EIP-712 RLP form `eth_sendRawTransaction` takes), and the fixture's JSON objects for L1→L2
 * (0xff) and upgrade (0xfe) transactions (interfaces.md §3).
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { ArgumentError, InputError } from "../../errors";
import { bigintIntoBe } from "./be-ints";
import { keccak256 } from "../../crypto/keccak";
import { decodeTransaction, type SignedTransaction, type TransactionFields, type TxSignature } from "../../ethereum/transaction";
import { hexToBytes, parseQuantity } from "../../primitives/hex";
import { rlpBytesToUint, rlpDecode, rlpEncode, uintToRlpBytes, type RlpItem } from "../../primitives/rlp";
import { encodeAccessList } from "./access-list";
import { transactionHash } from "./hashes";
import { ZkTxType, zeroAddress, type ZkTransaction } from "./types";

/** A user transaction decoded and mapped, with the hashes the block result reports. */
export interface MappedTransaction {
  tx: ZkTransaction;
  /**
   * The hash a block result reports: keccak of the raw bytes for types 0–2 (the canonical Ethereum
   * hash), the reference hash for 0x71 (keccak(signedHash ‖ keccak(signature))).
   */
  hash: Uint8Array;
  /** The chain id the transaction was signed for (null: legacy without EIP-155). */
  chainId: bigint | null;
}

/**
 * gasPerPubdataByteLimit written for Ethereum-typed transactions: era's DEFAULT_L2_TX_GAS_PER_PUBDATA_BYTE,
 * as in the reference witness (../shared/fixtures/zksync-os-witness). The bootloader ignores the field for
 * these types (it assumes 1), so it only shapes the body bytes; the reference test rig writes 0.
 */
export const ETHEREUM_TX_GAS_PER_PUBDATA_LIMIT = 50_000n;

const U256_MASK = (1n << 256n) - 1n;

// Shared by every mapped transaction: a zero-length array has no bytes to change.
const EMPTY = new Uint8Array(0);

function signature65(r: bigint, s: bigint, yParity: number): Uint8Array {
  const out = new Uint8Array(65);
  bigintIntoBe(r & U256_MASK, out, 0, 32);
  bigintIntoBe(s & U256_MASK, out, 32, 32);
  // §5.2: the ABI signature's v is y parity + 27 for every type.
  out[64] = 27 + yParity;
  return out;
}

/** The y parity of an Ethereum signature of a `type` transaction (legacy v = 27/28 or chainId·2 + 35/36). */
function yParityOf(type: number, v: bigint): number {
  if (type !== 0) return Number(v);
  return v === 27n || v === 28n ? Number(v - 27n) : Number((v - 35n) & 1n);
}

/**
 * Maps a decoded Ethereum transaction of type 0, 1 or 2 (§5.2): legacy/2930 put the gas price in
 * both fee fields; from = recovered sender; a creation has to = 0 and reserved[1] = 1; legacy has
 * reserved[0] = 1 iff EIP-155; signature = r ‖ s ‖ (y parity + 27); a non-empty access list goes
 * to reservedDynamic, an empty one leaves it empty, and gasPerPubdataByteLimit is 50,000 (both as in
 * the reference witness).
 * @throws InputError for type 3 (blob transactions have no ZKsync form)
 */
export function zkTransactionFromEthereum(signed: SignedTransaction, where = "tx", gasPerPubdataByteLimit = ETHEREUM_TX_GAS_PER_PUBDATA_LIMIT): ZkTransaction {
  if (signed.type === 3) throw new InputError(where, "blob (type 3) transactions are not supported by ZKsync OS");
  const tx = zkTransactionFromFields(signed, signed.sender.slice(), signed.signature, where, gasPerPubdataByteLimit);
  tx.to = tx.to.slice();
  tx.data = tx.data.slice();
  return tx;
}

/**
 * {@link zkTransactionFromEthereum} of parsed fields, their recovered `sender` and `signature`,
 * without building a SignedTransaction (measured: the object spread that built one cost the
 * worker's preparation ~1/6 of its time). The result takes `sender`, `fields.to` and `fields.data`
 * as they are, without copies: for callers that own them (fresh from parseTransaction).
 * @throws InputError for type 3 (blob transactions have no ZKsync form)
 */
export function zkTransactionFromFields(
  fields: TransactionFields, sender: Uint8Array, signature: TxSignature, where = "tx", gasPerPubdataByteLimit = ETHEREUM_TX_GAS_PER_PUBDATA_LIMIT,
): ZkTransaction {
  if (fields.type === 3) throw new InputError(where, "blob (type 3) transactions are not supported by ZKsync OS");
  return {
    txType: fields.type,
    from: sender,
    to: fields.to === null ? zeroAddress() : fields.to,
    gasLimit: fields.gasLimit,
    gasPerPubdataByteLimit,
    maxFeePerGas: fields.maxFeePerGas,
    maxPriorityFeePerGas: fields.maxPriorityFeePerGas,
    paymaster: zeroAddress(),
    nonce: fields.nonce,
    value: fields.value,
    reserved: [fields.type === 0 && fields.chainId !== null ? 1n : 0n, fields.to === null ? 1n : 0n, 0n, 0n],
    data: fields.data,
    signature: signature65(signature.r, signature.s, yParityOf(fields.type, signature.v)),
    factoryDeps: [],
    paymasterInput: EMPTY,
    reservedDynamic: fields.accessList.length === 0 ? EMPTY : encodeAccessList(fields.accessList),
  };
}

/**
 * Era's versioned bytecode hash of a factory dependency (`hash_bytecode`): sha256 with bytes 0..4
 * replaced by [1, 0, words (u16 BE)]. The bytecode must be whole 32-byte words, an odd count, < 2^16.
 */
export function eraBytecodeHash(bytecode: Uint8Array, where = "factoryDep"): Uint8Array {
  if (bytecode.length % 32 !== 0) throw new InputError(where, `bytecode length ${bytecode.length} is not a multiple of 32`);
  const words = bytecode.length / 32;
  if (words >= 1 << 16) throw new InputError(where, `bytecode of ${words} words exceeds 2^16 - 1`);
  if (words % 2 === 0) throw new InputError(where, `bytecode has an even number of words (${words})`);
  const h = sha256(bytecode);
  h[0] = 1;
  h[1] = 0;
  h[2] = words >> 8;
  h[3] = words & 0xff;
  return h;
}

/** An RLP scalar from a big-endian word. */
function stripLeadingZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

function bytesAt(f: RlpItem[], i: number, where: string): Uint8Array {
  const item = f[i];
  if (!(item instanceof Uint8Array)) throw new InputError(where, "expected a byte string, got a list");
  return item;
}

function listAt(f: RlpItem[], i: number, where: string): RlpItem[] {
  const item = f[i];
  if (!Array.isArray(item)) throw new InputError(where, "expected a list, got a byte string");
  return item;
}

function address20(b: Uint8Array, where: string): Uint8Array {
  if (b.length !== 20) throw new InputError(where, `expected a 20-byte address, got ${b.length} bytes`);
  return b.slice();
}

/**
 * Decodes a raw 0x71 transaction: `0x71 ‖ RLP[nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit,
 * to, value, data, v, r, s, chainId, from, gasPerPubdata, factoryDeps, customSignature?,
 * paymasterParams?]` (zksync-era `TransactionRequest`; zksync-os-server omits the last two). v is
 * the y parity (27/28 also accepted). A non-empty customSignature becomes the ABI signature (account
 * abstraction), else r ‖ s ‖ (y parity + 27). `from` must be given (20 bytes).
 * Factory deps (full bytecodes) become their era bytecode hashes.
 * @throws InputError naming the field at fault
 */
export function decodeEip712Transaction(raw: Uint8Array, where = "tx"): MappedTransaction {
  if (raw[0] !== ZkTxType.Eip712) throw new InputError(where, "not a 0x71 transaction");
  const top = rlpDecode(raw.subarray(1), `${where} payload`);
  if (!Array.isArray(top)) throw new InputError(where, "0x71 payload must be an RLP list");
  if (top.length < 14 || top.length > 16) throw new InputError(where, `0x71 transaction has 14 to 16 fields, got ${top.length}`);
  const f = top;
  const uint = (i: number, name: string, maxBytes = 32): bigint => rlpBytesToUint(f[i]!, `${where}.${name}`, maxBytes);
  const chainId = uint(10, "chainId", 8);
  const customSignature = f.length > 14 ? bytesAt(f, 14, `${where}.customSignature`) : new Uint8Array(0);
  let paymaster = zeroAddress();
  let paymasterInput = new Uint8Array(0);
  if (f.length > 15) {
    const pm = listAt(f, 15, `${where}.paymasterParams`);
    if (pm.length !== 0) {
      if (pm.length !== 2) throw new InputError(`${where}.paymasterParams`, `expected [] or [paymaster, input], got ${pm.length} items`);
      paymaster = address20(bytesAt(pm, 0, `${where}.paymasterParams.paymaster`), `${where}.paymasterParams.paymaster`);
      paymasterInput = bytesAt(pm, 1, `${where}.paymasterParams.input`).slice();
    }
  }
  const to = bytesAt(f, 4, `${where}.to`);
  if (to.length === 0) throw new InputError(`${where}.to`, "0x71 transactions need a to address (deployments go through the deployer)");
  const tx: ZkTransaction = {
    txType: ZkTxType.Eip712,
    from: zeroAddress(),
    to: address20(to, `${where}.to`),
    gasLimit: uint(3, "gasLimit", 8),
    gasPerPubdataByteLimit: uint(12, "gasPerPubdata", 4),
    maxFeePerGas: uint(2, "maxFeePerGas", 16),
    maxPriorityFeePerGas: uint(1, "maxPriorityFeePerGas", 16),
    paymaster,
    nonce: uint(0, "nonce"),
    value: uint(5, "value"),
    reserved: [0n, 0n, 0n, 0n],
    data: bytesAt(f, 6, `${where}.data`).slice(),
    signature: new Uint8Array(0),
    factoryDeps: listAt(f, 13, `${where}.factoryDeps`).map((d, i) =>
      eraBytecodeHash(bytesAt([d], 0, `${where}.factoryDeps[${i}]`), `${where}.factoryDeps[${i}]`),
    ),
    paymasterInput,
    reservedDynamic: new Uint8Array(0),
  };
  const fromField = bytesAt(f, 11, `${where}.from`);
  if (customSignature.length !== 0) {
    tx.signature = customSignature.slice();
  } else {
    const v = uint(7, "v", 1);
    if (v > 1n && v !== 27n && v !== 28n) throw new InputError(`${where}.v`, `expected a y parity (0/1 or 27/28), got ${v}`);
    tx.signature = signature65(uint(8, "r"), uint(9, "s"), Number(v >= 27n ? v - 27n : v));
  }
  // The EIP-712 struct hashes `from`, so it cannot be recovered from a signature over itself.
  tx.from = address20(fromField, `${where}.from`);
  return { tx, hash: transactionHash(tx, chainId), chainId };
}

/**
 * The raw 0x71 form of `tx` (the inverse of {@link decodeEip712Transaction}), in zksync-ethers'
 * 16-field layout: v/r/s from a 65-byte ECDSA signature (v as y parity; zeros otherwise), the
 * signature again as customSignature, paymaster params when a paymaster is set.
 * `factoryDepBytecodes` are the bytecodes whose era hashes are `tx.factoryDeps`.
 * @throws ArgumentError if tx is not 0x71 or a bytecode does not hash to its factory dep
 */
export function encodeEip712Transaction(tx: ZkTransaction, chainId: bigint, factoryDepBytecodes: readonly Uint8Array[] = []): Uint8Array {
  if (tx.txType !== ZkTxType.Eip712) throw new ArgumentError(`expected a 0x71 transaction, got type 0x${tx.txType.toString(16)}`);
  if (factoryDepBytecodes.length !== tx.factoryDeps.length) throw new ArgumentError("factoryDepBytecodes must match tx.factoryDeps one to one");
  factoryDepBytecodes.forEach((code, i) => {
    const h = eraBytecodeHash(code, `factoryDepBytecodes[${i}]`);
    if (h.some((b, j) => b !== tx.factoryDeps[i]![j])) throw new ArgumentError(`factoryDepBytecodes[${i}] does not hash to tx.factoryDeps[${i}]`);
  });
  const sig = tx.signature;
  const ecdsa = sig.length === 65 && (sig[64] === 27 || sig[64] === 28);
  const u = uintToRlpBytes;
  const items: RlpItem[] = [
    u(tx.nonce),
    u(tx.maxPriorityFeePerGas),
    u(tx.maxFeePerGas),
    u(tx.gasLimit),
    tx.to,
    u(tx.value),
    tx.data,
    u(ecdsa ? sig[64]! - 27 : 0),
    ecdsa ? stripLeadingZeros(sig.subarray(0, 32)) : new Uint8Array(0),
    ecdsa ? stripLeadingZeros(sig.subarray(32, 64)) : new Uint8Array(0),
    u(chainId),
    tx.from,
    u(tx.gasPerPubdataByteLimit),
    factoryDepBytecodes.slice(),
    sig,
    tx.paymaster.some((b) => b !== 0) ? [tx.paymaster, tx.paymasterInput] : [],
  ];
  const body = rlpEncode(items);
  const out = new Uint8Array(body.length + 1);
  out[0] = ZkTxType.Eip712;
  out.set(body, 1);
  return out;
}

/**
 * Decodes any raw signed transaction a fixture may list (types 0, 1, 2 and 0x71) and maps it.
 * @throws InputError naming the field or RLP offset at fault, under `where`
 */
export function decodeRawZkTransaction(raw: Uint8Array, where = "tx"): MappedTransaction {
  if (raw.length > 0 && raw[0] === ZkTxType.Eip712) return decodeEip712Transaction(raw, where);
  const signed = decodeTransaction(raw, where);
  return { tx: zkTransactionFromEthereum(signed, where), hash: keccak256(raw), chainId: signed.chainId };
}

/** The JSON object of an L1→L2 (0xff) or upgrade (0xfe) transaction in a block fixture (interfaces.md §3). */
export interface L1TransactionJson {
  type: string | number;
  from: string;
  to: string;
  gasLimit: string | number;
  maxFeePerGas: string | number;
  maxPriorityFeePerGas?: string | number;
  /** For 0xff the priority-queue serial id. */
  nonce?: string | number;
  gasPerPubdataByteLimit?: string | number;
  value?: string | number;
  /** Total deposited on L1; defaults to value + gasLimit · maxFeePerGas. */
  toMint?: string | number;
  /** Defaults to `from`. */
  refundRecipient?: string;
  data?: string;
  /** 32-byte bytecode hashes. */
  factoryDeps?: string[];
}

function bytesField(v: unknown, where: string, len?: number): Uint8Array {
  const b = hexToBytes(v as string, where);
  if (len !== undefined && b.length !== len) throw new InputError(where, `expected ${len} bytes, got ${b.length}`);
  return b;
}

function bounded(v: unknown, bits: number, where: string, dflt?: bigint): bigint {
  if (v === undefined && dflt !== undefined) return dflt;
  const q = parseQuantity(v, where);
  if (q >> BigInt(bits) !== 0n) throw new InputError(where, `does not fit in ${bits} bits`);
  return q;
}

/**
 * Maps an L1→L2 or upgrade transaction object: reserved[0] = toMint (the deposit), reserved[1] =
 * refund recipient, no signature, paymaster 0.
 * @throws InputError naming the JSON path at fault
 */
export function zkTransactionFromL1Json(obj: unknown, where = "tx"): ZkTransaction {
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) throw new InputError(where, "expected an object");
  const o = obj as Record<string, unknown>;
  const type = Number(parseQuantity(o.type, `${where}.type`));
  if (type !== ZkTxType.L1ToL2 && type !== ZkTxType.Upgrade) throw new InputError(`${where}.type`, `expected 0xff or 0xfe, got 0x${type.toString(16)}`);
  const from = bytesField(o.from, `${where}.from`, 20);
  const gasLimit = bounded(o.gasLimit, 64, `${where}.gasLimit`);
  const maxFeePerGas = bounded(o.maxFeePerGas, 128, `${where}.maxFeePerGas`);
  const value = bounded(o.value, 256, `${where}.value`, 0n);
  const refundRecipient = o.refundRecipient === undefined ? from : bytesField(o.refundRecipient, `${where}.refundRecipient`, 20);
  let recipientWord = 0n;
  for (const b of refundRecipient) recipientWord = (recipientWord << 8n) | BigInt(b);
  const factoryDeps = o.factoryDeps === undefined ? [] : o.factoryDeps;
  if (!Array.isArray(factoryDeps)) throw new InputError(`${where}.factoryDeps`, "expected an array of 32-byte hashes");
  return {
    txType: type,
    from,
    to: bytesField(o.to, `${where}.to`, 20),
    gasLimit,
    gasPerPubdataByteLimit: bounded(o.gasPerPubdataByteLimit, 32, `${where}.gasPerPubdataByteLimit`, 0n),
    maxFeePerGas,
    maxPriorityFeePerGas: bounded(o.maxPriorityFeePerGas, 128, `${where}.maxPriorityFeePerGas`, 0n),
    paymaster: zeroAddress(),
    nonce: bounded(o.nonce, 256, `${where}.nonce`, 0n),
    value,
    reserved: [bounded(o.toMint, 256, `${where}.toMint`, value + gasLimit * maxFeePerGas), recipientWord, 0n, 0n],
    data: o.data === undefined ? new Uint8Array(0) : bytesField(o.data, `${where}.data`),
    signature: new Uint8Array(0),
    factoryDeps: factoryDeps.map((h, i) => bytesField(h, `${where}.factoryDeps[${i}]`, 32)),
    paymasterInput: new Uint8Array(0),
    reservedDynamic: new Uint8Array(0),
  };
}
