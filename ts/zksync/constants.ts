/**
 * Protocol constants of the reference ZKsync OS (zksync-os-reference.md appendix A, commit 0a82da0:
 * basic_bootloader/src/bootloader/constants.rs, zk_ee/src/system/constants.rs, evm_interpreter).
 * One place for every number the transaction, resource and oracle modules share.
 * @module
 */

/** Ergs per unit of EVM gas (evm_interpreter/src/lib.rs). */
export const ERGS_PER_GAS = 256n;
/** Native a transaction may spend on computation; the rest of its native limit is withheld (zk_ee constants.rs). */
export const MAX_NATIVE_COMPUTATIONAL = 1n << 36n;
/** Largest block gas limit whose ergs fit a u64: u64::MAX / 256. */
export const MAX_BLOCK_GAS_LIMIT = 0xffff_ffff_ffff_ffffn / ERGS_PER_GAS;

/** L2 transaction intrinsic gas, signature verification excluded (its 3,000 are charged by ecrecover). */
export const L2_TX_INTRINSIC_GAS = 18_000n;
/** L2 intrinsic native (bootloader work outside EEs). */
export const L2_TX_INTRINSIC_NATIVE = 4_000n;
/** L2 intrinsic pubdata bytes. */
export const L2_TX_INTRINSIC_PUBDATA = 0n;
/** L1→L2 and upgrade transactions: intrinsic gas. */
export const L1_TX_INTRINSIC_L2_GAS = 11_000n;
/** L1/upgrade intrinsic native (includes storing the L1 tx log). */
export const L1_TX_INTRINSIC_NATIVE = 10_000n;
/** L1/upgrade intrinsic pubdata: the 88-byte L1-tx log. */
export const L1_TX_INTRINSIC_PUBDATA = 88n;
/** Surcharge of a deployment transaction, charged at execution start (not intrinsic). */
export const DEPLOYMENT_TX_EXTRA_INTRINSIC_GAS = 32_000n;
/** EIP-3860 initcode word cost, charged as intrinsic for deployment transactions. */
export const INITCODE_WORD_GAS = 2n;

/** Calldata gas per zero byte (no EIP-7623 floor). */
export const CALLDATA_ZERO_BYTE_GAS = 4n;
/** Calldata gas per non-zero byte. */
export const CALLDATA_NON_ZERO_BYTE_GAS = 16n;
/** Native per calldata byte (COPY_BYTE_NATIVE_COST). */
export const CALLDATA_BYTE_NATIVE = 1n;

/** Gas per pubdata byte assumed for every non-0x71 transaction. */
export const DEFAULT_GAS_PER_PUBDATA = 1n;
/** native_per_gas in simulation mode (basefee 0). */
export const SIMULATION_NATIVE_PER_GAS = 100n;
/** native_per_gas under the `resources_for_tester` feature. */
export const TESTER_NATIVE_PER_GAS = 25_000n;
/** Native price L1→L2 transactions are charged at: native_per_gas = ceil(maxFeePerGas / 10). */
export const L1_TX_NATIVE_PRICE = 10n;
/** native_per_gas of upgrade transactions. */
export const UPGRADE_TX_NATIVE_PER_GAS = 10_000n;

/** Access-list warm-up gas per address entry (EIP-2930), repeats charged again. */
export const ACCESS_LIST_ADDRESS_GAS = 2_400n;
/** Access-list gas per storage key. */
export const ACCESS_LIST_STORAGE_KEY_GAS = 1_900n;
/** Gas of the EOA signature check (the ecrecover system function). */
export const ECRECOVER_GAS = 3_000n;
/** Native of the EOA ecrecover. */
export const ECRECOVER_NATIVE = 522_000n;

/** Largest ABI transaction body the bootloader buffers (1 << 23 bytes). */
export const MAX_TX_LEN_BYTES = 1 << 23;
/** Scratch bytes the bootloader keeps before the transaction body: (6 + 33)·32 + 4. */
export const TX_OFFSET = (6 + 33) * 32 + 4;
/** EIP-170 code size limit in bytes. */
export const MAX_CODE_SIZE = 24_576;
/** EIP-3860 initcode limit in bytes. */
export const MAX_INITCODE_SIZE = 49_152;
/** Longest paymaster context accepted (1024 + 32). */
export const MAX_PAYMASTER_CONTEXT_LEN_BYTES = 1024 + 32;
/** Addresses below this bound are the system's (kernel space). */
export const SPECIAL_ADDRESS_SPACE_BOUND = 0x10000;
/** `to` of a 0x71 WASM deployment (treated as a deployment by the EOA model). */
export const SPECIAL_ADDRESS_TO_WASM_DEPLOY = 0x9000;
/** Size of one serialized L2→L1 log, and of the L1-tx log's pubdata. */
export const L2_TO_L1_LOG_SERIALIZE_SIZE = 88;

/** Length of the BlockLevelMetadata oracle answer in u32 words (2094 since zksync-os 6e861e0). */
export const BLOCK_METADATA_WORDS = 2094;
/** Previous block hashes carried by the block metadata (index 0 = block n − 1). */
export const BLOCK_HASHES_COUNT = 256;
/** State tree depth. */
export const TREE_HEIGHT = 64;

/** u64::MAX, for saturating arithmetic. */
export const U64_MAX = 0xffff_ffff_ffff_ffffn;
