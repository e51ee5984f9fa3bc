/**
 * Why a transaction is invalid, with the reference's error names (zksync-os-reference.md §6.7,
 * basic_bootloader/src/bootloader/errors.rs). An invalid transaction is dropped from the block
 * (no receipt, not in the rolling hash); an InternalBlockError aborts the whole block.
 * @module
 */
import { ZkosError } from "../errors";

/** The account-abstraction call that reverted (`AAMethod`). */
export type AAMethod = "AccountValidate" | "AccountPayForTransaction" | "AccountPrePaymaster" | "PaymasterValidateAndPay";

/** Every `InvalidTransaction` variant of the reference, with its fields. Variants without fields map to `{}`. */
export interface InvalidTransactionFields {
  /** ABI decoding or `validate_structure` failed; `offset` is the body byte offset of the word at fault. */
  InvalidEncoding: { offset: number; rule: string };
  /** The access list (reservedDynamic) does not parse; `offset` is the body byte offset that failed. */
  InvalidStructure: { offset: number; rule: string };
  PriorityFeeGreaterThanMaxFee: { maxPriorityFeePerGas: bigint; maxFeePerGas: bigint };
  BaseFeeGreaterThanMaxFee: { baseFee: bigint; maxFeePerGas: bigint };
  GasPriceLessThanBasefee: Record<string, never>;
  CallerGasLimitMoreThanBlock: { txGasLimit: bigint; blockGasLimit: bigint };
  CallGasCostMoreThanGasLimit: Record<string, never>;
  RejectCallerWithCode: Record<string, never>;
  LackOfFundForMaxFee: { fee: bigint; balance: bigint };
  OverflowPaymentInTransaction: Record<string, never>;
  NonceOverflowInTransaction: Record<string, never>;
  NonceTooHigh: { tx: bigint; state: bigint };
  NonceTooLow: { tx: bigint; state: bigint };
  MalleableSignature: Record<string, never>;
  /** 20-byte addresses. */
  IncorrectFrom: { tx: Uint8Array; recovered: Uint8Array };
  CreateInitCodeSizeLimit: { initcodeLen: number };
  InvalidChainId: Record<string, never>;
  AccessListNotSupported: Record<string, never>;
  GasPerPubdataTooHigh: { userLimit: bigint; blockGasPerPubdata: bigint };
  BlockGasLimitTooHigh: { blockGasLimit: bigint };
  UpgradeTxNotFirst: Record<string, never>;
  /** `output` is null where the reference carries `None`. */
  Revert: { method: AAMethod; output: Uint8Array | null };
  ReceivedInsufficientFees: { received: bigint; required: bigint };
  InvalidMagic: Record<string, never>;
  InvalidReturndataLength: Record<string, never>;
  OutOfGasDuringValidation: Record<string, never>;
  OutOfNativeResourcesDuringValidation: Record<string, never>;
  NonceUsedAlready: Record<string, never>;
  NonceNotIncreased: Record<string, never>;
  PaymasterReturnDataTooShort: Record<string, never>;
  PaymasterInvalidMagic: Record<string, never>;
  PaymasterContextInvalid: Record<string, never>;
  PaymasterContextOffsetTooLong: Record<string, never>;
  UpgradeTxFailed: Record<string, never>;
}

/** The reference's name of an invalid-transaction reason (`NonceTooHigh`, `LackOfFundForMaxFee`, ...). */
export type InvalidTransactionName = keyof InvalidTransactionFields;

/** All names, in the reference enum's declaration order. */
export const INVALID_TRANSACTION_NAMES: readonly InvalidTransactionName[] = [
  "InvalidEncoding",
  "InvalidStructure",
  "PriorityFeeGreaterThanMaxFee",
  "BaseFeeGreaterThanMaxFee",
  "GasPriceLessThanBasefee",
  "CallerGasLimitMoreThanBlock",
  "CallGasCostMoreThanGasLimit",
  "RejectCallerWithCode",
  "LackOfFundForMaxFee",
  "OverflowPaymentInTransaction",
  "NonceOverflowInTransaction",
  "NonceTooHigh",
  "NonceTooLow",
  "MalleableSignature",
  "IncorrectFrom",
  "CreateInitCodeSizeLimit",
  "InvalidChainId",
  "AccessListNotSupported",
  "GasPerPubdataTooHigh",
  "BlockGasLimitTooHigh",
  "UpgradeTxNotFirst",
  "Revert",
  "ReceivedInsufficientFees",
  "InvalidMagic",
  "InvalidReturndataLength",
  "OutOfGasDuringValidation",
  "OutOfNativeResourcesDuringValidation",
  "NonceUsedAlready",
  "NonceNotIncreased",
  "PaymasterReturnDataTooShort",
  "PaymasterInvalidMagic",
  "PaymasterContextInvalid",
  "PaymasterContextOffsetTooLong",
  "UpgradeTxFailed",
];

/** Names the reference defines but never raises at 0a82da0 (kept so results can still name them). */
export const NEVER_RAISED: ReadonlySet<InvalidTransactionName> = new Set<InvalidTransactionName>([
  "GasPriceLessThanBasefee",
  "CallGasCostMoreThanGasLimit",
  "OverflowPaymentInTransaction",
  "InvalidChainId",
  "AccessListNotSupported",
]);

const hexAddr = (b: Uint8Array): string => "0x" + Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** One readable sentence per reason, from its fields. */
const DESCRIBE: { [K in InvalidTransactionName]: (f: InvalidTransactionFields[K]) => string } = {
  InvalidEncoding: (f) => `transaction encoding is invalid at body offset ${f.offset}: ${f.rule}`,
  InvalidStructure: (f) => `access list does not parse at body offset ${f.offset}: ${f.rule}`,
  PriorityFeeGreaterThanMaxFee: (f) => `max priority fee ${f.maxPriorityFeePerGas} exceeds max fee ${f.maxFeePerGas}`,
  BaseFeeGreaterThanMaxFee: (f) => `block base fee ${f.baseFee} exceeds max fee ${f.maxFeePerGas}`,
  GasPriceLessThanBasefee: () => "gas price is below the base fee",
  CallerGasLimitMoreThanBlock: (f) => `gas limit ${f.txGasLimit} exceeds the block gas limit ${f.blockGasLimit}`,
  CallGasCostMoreThanGasLimit: () => "initial call gas exceeds the gas limit",
  RejectCallerWithCode: () => "sender has deployed code (EIP-3607)",
  LackOfFundForMaxFee: (f) => `sender balance ${f.balance} cannot cover value + max fee × gas limit = ${f.fee}`,
  OverflowPaymentInTransaction: () => "payment overflows",
  NonceOverflowInTransaction: () => "transaction nonce does not fit in 64 bits",
  NonceTooHigh: (f) => `nonce ${f.tx} is above the account nonce ${f.state}`,
  NonceTooLow: (f) => `nonce ${f.tx} is below the account nonce ${f.state}`,
  MalleableSignature: () => "signature s is above secp256k1n/2",
  IncorrectFrom: (f) => `signature recovers to ${hexAddr(f.recovered)}, not the sender ${hexAddr(f.tx)}`,
  CreateInitCodeSizeLimit: (f) => `initcode of ${f.initcodeLen} bytes exceeds 49152 (EIP-3860)`,
  InvalidChainId: () => "chain id does not match",
  AccessListNotSupported: () => "access lists are not supported",
  GasPerPubdataTooHigh: (f) => `block gas per pubdata ${f.blockGasPerPubdata} exceeds the transaction's limit ${f.userLimit}`,
  BlockGasLimitTooHigh: (f) => `block gas limit ${f.blockGasLimit} does not fit in ergs (max u64::MAX / 256)`,
  UpgradeTxNotFirst: () => "upgrade transaction is not the first of the block",
  Revert: (f) => `${f.method} reverted${f.output === null ? "" : ` with ${hexAddr(f.output)}`}`,
  ReceivedInsufficientFees: (f) => `bootloader received ${f.received}, needed ${f.required}`,
  InvalidMagic: () => "account validation returned an invalid magic value",
  InvalidReturndataLength: () => "account validation returned data of the wrong length",
  OutOfGasDuringValidation: () => "ran out of gas during validation",
  OutOfNativeResourcesDuringValidation: () => "ran out of native resources during validation",
  NonceUsedAlready: () => "nonce is already used",
  NonceNotIncreased: () => "account validation did not increase the nonce",
  PaymasterReturnDataTooShort: () => "paymaster returned too little data",
  PaymasterInvalidMagic: () => "paymaster returned an invalid magic value",
  PaymasterContextInvalid: () => "paymaster returned an invalid context",
  PaymasterContextOffsetTooLong: () => "paymaster context offset is past its return data",
  UpgradeTxFailed: () => "upgrade transaction reverted",
};

/**
 * A transaction the reference would reject as invalid. `reason` is the reference's variant name,
 * `fields` its data, `message` a readable sentence (prefixed with the reason).
 */
export class InvalidTransaction<K extends InvalidTransactionName = InvalidTransactionName> extends ZkosError {
  override name = "InvalidTransaction";
  readonly reason: K;
  readonly fields: InvalidTransactionFields[K];
  constructor(reason: K, fields: InvalidTransactionFields[K]) {
    super(`${reason}: ${DESCRIBE[reason](fields)}`);
    this.reason = reason;
    this.fields = fields;
  }
}

/** True when `e` is an InvalidTransaction (of `reason`, if given). */
export function isInvalidTransaction<K extends InvalidTransactionName>(e: unknown, reason?: K): e is InvalidTransaction<K> {
  return e instanceof InvalidTransaction && (reason === undefined || e.reason === reason);
}

/**
 * The reference's `InternalError`: a condition the bootloader treats as a bug or an operator fault
 * (an overflow in fee arithmetic, a deposit below value + fee). It aborts the block.
 */
export class InternalBlockError extends ZkosError {
  override name = "InternalBlockError";
  /** The reference's short tag (e.g. "npp*ip", "Deposited amount too low"). */
  readonly tag: string;
  constructor(tag: string, message: string) {
    super(`${tag}: ${message}`);
    this.tag = tag;
  }
}
