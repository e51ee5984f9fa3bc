/**
 * EIP-4844 blob gas constants (Cancun values) and the blob base fee derived from the excess blob gas.
 * @module
 */

/** Blob gas one blob consumes (2^17). */
export const GAS_PER_BLOB = 131072n;
/** Cancun: at most 6 blobs per block. */
export const MAX_BLOB_GAS_PER_BLOCK = 786432n;
/** Cancun: 3 blobs per block target. */
export const TARGET_BLOB_GAS_PER_BLOCK = 393216n;
/** Floor of the blob base fee, in wei. */
export const MIN_BLOB_BASE_FEE = 1n;
/** Cancun denominator of the blob base fee exponential. */
export const BLOB_BASE_FEE_UPDATE_FRACTION = 3338477n;
/** First byte of every valid blob versioned hash (KZG commitment version). */
export const VERSIONED_HASH_VERSION_KZG = 0x01;

/** factor · e^(numerator/denominator), by the integer Taylor series EIP-4844 specifies. */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n;
  let output = 0n;
  let accum = factor * denominator;
  while (accum > 0n) {
    output += accum;
    accum = (accum * numerator) / (denominator * i);
    i++;
  }
  return output / denominator;
}

/** The blob base fee (wei per blob gas) of a block with this excess blob gas. */
export function blobBaseFee(excessBlobGas: bigint): bigint {
  return fakeExponential(MIN_BLOB_BASE_FEE, excessBlobGas, BLOB_BASE_FEE_UPDATE_FRACTION);
}

/** The excess blob gas of a block from its parent's excess and use (EIP-4844 calc_excess_blob_gas). */
export function nextExcessBlobGas(parentExcessBlobGas: bigint, parentBlobGasUsed: bigint): bigint {
  const total = parentExcessBlobGas + parentBlobGasUsed;
  return total < TARGET_BLOB_GAS_PER_BLOCK ? 0n : total - TARGET_BLOB_GAS_PER_BLOCK;
}
