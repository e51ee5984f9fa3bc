/**
 * The transaction and signed hashes as the bootloader computes them, with the native it charges
 * for hashing (transaction/mod.rs `calculate_hash` / `calculate_signed_hash` / `charge_keccak` at
 * 0a82da0): keccak native over the RLP list's length (type byte excluded) for types 0–2, per part
 * for EIP-712, over 32 + body length for L1 transactions. The hashes come from
 * ts/zksync/transaction/hashes.ts; this module adds the charges, in the reference's order.
 * @module
 */
import type { Resources } from "../../system/resources";
import { keccak256NativeCost } from "../../system/io-subsystem";
import type { AccessListEntry } from "../../zksync/transaction/access-list";
import { l1TransactionHash, signedHash, transactionHash } from "../../zksync/transaction/hashes";
import { ZkTxType, type DecodedZkTransaction, type ZkTransaction } from "../../zksync/transaction/types";

/** `estimate_length_encoding_len`. */
function lengthPrefix(len: number): number {
  if (len < 56) return 1;
  let n = 1;
  for (let l = len; l > 0; l = Math.floor(l / 256)) n++;
  return n;
}

/** `estimate_bytes_encoding_len`. */
function bytesLen(b: Uint8Array): number {
  return b.length === 1 && b[0]! < 128 ? 1 : lengthPrefix(b.length) + b.length;
}

const SMALL_LIMIT = 1n << 48n;

/** `estimate_number_encoding_len` of a non-negative integer (leading zero bytes stripped). */
function numberLen(v: bigint): number {
  if (v < 128n) return 1;
  // Bytes of v without a bigint shift per byte (this runs for ~8 fields per transaction): below
  // 2^48 in float arithmetic, allocating nothing; above, from one hex string.
  let bytes = 0;
  if (v < SMALL_LIMIT) {
    for (let n = Number(v); n > 0; n = Math.floor(n / 256)) bytes++;
  } else {
    bytes = (v.toString(16).length + 1) >> 1;
  }
  return lengthPrefix(bytes) + bytes;
}

/** `estimate_number_encoding_len` of the big-endian bytes b[from, to) (clamped like subarray). */
function wordLen(b: Uint8Array, from: number, to: number): number {
  if (to > b.length) to = b.length;
  let i = from < to ? from : to;
  while (i < to && b[i] === 0) i++;
  const n = to - i;
  if (n === 0) return 1;
  return n === 1 && b[i]! < 128 ? 1 : lengthPrefix(n) + n;
}

/** `estimate_access_list_raw_length`: every key is 33 bytes, every address 21. */
function accessListRawLen(list: readonly AccessListEntry[]): number {
  let sum = 0;
  for (const e of list) {
    const keysRaw = 33 * e.storageKeys.length;
    const itemRaw = lengthPrefix(keysRaw) + keysRaw + 21;
    sum += lengthPrefix(itemRaw) + itemRaw;
  }
  return sum;
}

/** Length of the RLP list a type 0/1/2 hash is over (without the type byte). */
function ethereumEncodingLen(tx: ZkTransaction, chainId: bigint, signed: boolean, accessList: readonly AccessListEntry[]): number {
  const sig = tx.signature;
  const t = tx.txType;
  let len = numberLen(tx.nonce) + numberLen(tx.maxFeePerGas) + numberLen(tx.gasLimit)
    + (tx.reserved[1] === 0n ? 21 : 1) + numberLen(tx.value) + bytesLen(tx.data);
  if (t === ZkTxType.Legacy) {
    if (signed && tx.reserved[0] !== 0n) len += numberLen(chainId) + 2;
  } else {
    len += numberLen(chainId);
    if (t === ZkTxType.Eip1559) len += numberLen(tx.maxPriorityFeePerGas);
    const al = accessListRawLen(accessList);
    len += lengthPrefix(al) + al;
  }
  if (!signed) {
    len += wordLen(sig, 0, 32) + wordLen(sig, 32, 64);
    const v = BigInt(sig[64]!);
    len += numberLen(t === ZkTxType.Legacy && tx.reserved[0] !== 0n ? v + 8n + 2n * chainId : v);
  }
  return lengthPrefix(len) + len;
}

function chargeKeccak(resources: Resources, len: number): void {
  resources.charge(0, keccak256NativeCost(len));
}

/** The EIP-712 signed-hash charges: domain (128 bytes), struct head (448), data, factory deps, paymaster input, final (66). */
function chargeEip712Signed(resources: Resources, tx: ZkTransaction): void {
  chargeKeccak(resources, 4 * 32);
  chargeKeccak(resources, 14 * 32);
  chargeKeccak(resources, tx.data.length);
  chargeKeccak(resources, 32 * tx.factoryDeps.length);
  chargeKeccak(resources, tx.paymasterInput.length);
  chargeKeccak(resources, 2 + 2 * 32);
}

/**
 * `calculate_hash`: charges the keccak native, then hashes. L1 types hash keccak(0x20 ‖ body).
 * `ahead`: this hash of an L2 body computed ahead from the same bytes (prepare-job.ts); charged alike.
 * @throws OUT_OF_NATIVE when the charge fails (nothing is hashed)
 */
export function chargedTransactionHash(
  d: DecodedZkTransaction, chainId: bigint, resources: Resources, accessList: readonly AccessListEntry[], ahead?: Uint8Array,
): Uint8Array {
  const tx = d.tx;
  if (tx.txType === ZkTxType.L1ToL2 || tx.txType === ZkTxType.Upgrade) {
    chargeKeccak(resources, 32 + d.body.length);
    return l1TransactionHash(d.body);
  }
  if (tx.txType === ZkTxType.Eip712) {
    chargeEip712Signed(resources, tx);
    chargeKeccak(resources, 2 * 32 + tx.signature.length);
  } else {
    chargeKeccak(resources, ethereumEncodingLen(tx, chainId, false, accessList));
  }
  return ahead ?? transactionHash(tx, chainId, { body: d.body, accessList });
}

/**
 * `calculate_signed_hash` (L2 types only): charges the keccak native, then hashes (or takes `ahead`,
 * computed from the same body by prepare-job.ts).
 * @throws OUT_OF_NATIVE when a charge fails
 */
export function chargedSignedHash(
  d: DecodedZkTransaction, chainId: bigint, resources: Resources, accessList: readonly AccessListEntry[], ahead?: Uint8Array,
): Uint8Array {
  const tx = d.tx;
  if (tx.txType === ZkTxType.Eip712) chargeEip712Signed(resources, tx);
  else chargeKeccak(resources, ethereumEncodingLen(tx, chainId, true, accessList));
  return ahead ?? signedHash(tx, chainId, accessList);
}
