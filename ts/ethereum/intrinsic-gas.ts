/**
 * Intrinsic gas of a transaction under Cancun: the charge before any EVM code runs
 * (yellow paper g0; EIP-2028 calldata, EIP-2930 access lists, EIP-3860 initcode words).
 * @module
 */

/** Every transaction (G_transaction). */
export const TX_BASE_GAS = 21000n;
/** Contract creation surcharge (G_txcreate, Homestead). */
export const TX_CREATE_GAS = 32000n;
/** Per zero calldata byte (G_txdatazero). */
export const TX_DATA_ZERO_GAS = 4n;
/** Per non-zero calldata byte (G_txdatanonzero, EIP-2028). */
export const TX_DATA_NONZERO_GAS = 16n;
/** Per access-list address (EIP-2930). */
export const ACCESS_LIST_ADDRESS_GAS = 2400n;
/** Per access-list storage key (EIP-2930). */
export const ACCESS_LIST_STORAGE_KEY_GAS = 1900n;
/** Per 32-byte word of initcode (EIP-3860). */
export const INITCODE_WORD_GAS = 2n;
/** Largest initcode a creation transaction may carry (EIP-3860: 2 × 24576). */
export const MAX_INITCODE_SIZE = 49152;

/** The parts of a transaction intrinsic gas depends on. */
export interface IntrinsicGasInput {
  data: Uint8Array;
  /** True for a contract creation (`to` empty). */
  isCreate: boolean;
  accessList: readonly { readonly storageKeys: readonly unknown[] }[];
}

/**
 * Cancun intrinsic gas: 21000, +32000 and 2 per initcode word for a creation, 4/16 per zero/non-zero
 * calldata byte, 2400 per access-list address and 1900 per storage key. Initcode size is not checked
 * here (see MAX_INITCODE_SIZE).
 */
export function intrinsicGas(tx: IntrinsicGasInput): bigint {
  const data = tx.data;
  let zeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++;
  let gas = TX_BASE_GAS + BigInt(zeros) * TX_DATA_ZERO_GAS + BigInt(data.length - zeros) * TX_DATA_NONZERO_GAS;
  if (tx.isCreate) gas += TX_CREATE_GAS + BigInt(Math.ceil(data.length / 32)) * INITCODE_WORD_GAS;
  let keys = 0;
  for (const entry of tx.accessList) keys += entry.storageKeys.length;
  gas += BigInt(tx.accessList.length) * ACCESS_LIST_ADDRESS_GAS + BigInt(keys) * ACCESS_LIST_STORAGE_KEY_GAS;
  return gas;
}
