/**
 * The ZKsync transaction as the bootloader sees it: the 16 fields of the oracle/ABI body
 * (zksync-os-reference.md §5.1, basic_bootloader/src/bootloader/transaction/mod.rs `ZkSyncTransaction`).
 * @module
 */

/** Transaction type bytes the reference accepts (`validate_structure`). */
export const ZkTxType = {
  Legacy: 0x00,
  Eip2930: 0x01,
  Eip1559: 0x02,
  Eip712: 0x71,
  Upgrade: 0xfe,
  L1ToL2: 0xff,
} as const;

/** One of the accepted type bytes. */
export type ZkTxTypeByte = (typeof ZkTxType)[keyof typeof ZkTxType];

/** Head size: 15 static words (reserved[4] inline) + 5 tail offsets = 19 words. */
export const HEAD_BYTES = 19 * 32;
/** Byte offset of each head word. */
export const HEAD_WORD = {
  txType: 0,
  from: 32,
  to: 64,
  gasLimit: 96,
  gasPerPubdataByteLimit: 128,
  maxFeePerGas: 160,
  maxPriorityFeePerGas: 192,
  paymaster: 224,
  nonce: 256,
  value: 288,
  reserved0: 320,
  reserved1: 352,
  reserved2: 384,
  reserved3: 416,
  dataOffset: 448,
  signatureOffset: 480,
  factoryDepsOffset: 512,
  paymasterInputOffset: 544,
  reservedDynamicOffset: 576,
} as const;

/**
 * The typed body. Integer fields are bigints of the ABI word's declared width (the decoder rejects
 * non-zero high bytes); byte fields are copies; addresses are 20 bytes.
 *
 * `reserved` meanings: L2 types — [0] = EIP-155 flag (legacy only), [1] = "to is null" (deployment);
 * 0xFF/0xFE — [0] = total deposited on L1 (toMint), [1] = refund recipient (address as an integer).
 * [2] and [3] must be 0.
 */
export interface ZkTransaction {
  /** u8; structure validation accepts only {@link ZkTxType} values. */
  txType: number;
  from: Uint8Array;
  /** The zero address for a deployment (reserved[1] = 1). */
  to: Uint8Array;
  /** u64. */
  gasLimit: bigint;
  /** u32. */
  gasPerPubdataByteLimit: bigint;
  /** u128. */
  maxFeePerGas: bigint;
  /** u128. */
  maxPriorityFeePerGas: bigint;
  /** Zero unless a 0x71 transaction names a paymaster. */
  paymaster: Uint8Array;
  /** U256 (the bootloader requires it to fit u64 at validation). */
  nonce: bigint;
  value: bigint;
  reserved: [bigint, bigint, bigint, bigint];
  data: Uint8Array;
  /** 65 bytes r ‖ s ‖ v (v = 27/28) for L2 types; empty for 0xFF/0xFE. */
  signature: Uint8Array;
  /** bytes32[] elements (bytecode hashes), 32 bytes each. */
  factoryDeps: Uint8Array[];
  paymasterInput: Uint8Array;
  /** `bytes` holding abi.encode(((address,bytes32[])[])[]) with one outer element; empty = no access list. */
  reservedDynamic: Uint8Array;
}

/**
 * Where each dynamic field's length word sits, as byte offsets from the start of the body
 * (the values of head words 14–18). A decoded body is tight, so these are also the expected offsets.
 */
export interface ZkTransactionLayout {
  data: number;
  signature: number;
  factoryDeps: number;
  paymasterInput: number;
  reservedDynamic: number;
}

/** The result of decoding an oracle body: the fields, the body itself and where its tails start. */
export interface DecodedZkTransaction {
  tx: ZkTransaction;
  /** The body exactly as received (a copy), for the L1 hash and for access-list parsing. */
  body: Uint8Array;
  layout: ZkTransactionLayout;
}

/** 20 zero bytes. */
export function zeroAddress(): Uint8Array {
  return new Uint8Array(20);
}

/** True when every byte is zero. */
export function isZeroBytes(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

/** True for 0xFF (L1→L2) and 0xFE (upgrade), whose `reserved` words mean deposit and refund recipient. */
export function isL1Type(txType: number): boolean {
  return txType === ZkTxType.L1ToL2 || txType === ZkTxType.Upgrade;
}
