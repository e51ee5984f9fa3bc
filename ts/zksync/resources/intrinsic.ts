/**
 * A transaction's starting resources and final gas, as pure functions of its fields
 * (zksync-os-reference.md §6.2–6.4; basic_bootloader gas_helpers.rs `get_resources_for_tx`,
 * `cost_for_calldata`, process_transaction.rs `compute_gas_refund`). Amounts are bigints with the
 * reference's u64 saturation and checked arithmetic; a checked overflow is an InternalBlockError.
 * @module
 */
import {
  CALLDATA_BYTE_NATIVE,
  CALLDATA_NON_ZERO_BYTE_GAS,
  CALLDATA_ZERO_BYTE_GAS,
  ERGS_PER_GAS,
  INITCODE_WORD_GAS,
  L1_TX_INTRINSIC_L2_GAS,
  L1_TX_INTRINSIC_NATIVE,
  L1_TX_INTRINSIC_PUBDATA,
  L1_TX_NATIVE_PRICE,
  L2_TX_INTRINSIC_GAS,
  L2_TX_INTRINSIC_NATIVE,
  L2_TX_INTRINSIC_PUBDATA,
  MAX_INITCODE_SIZE,
  MAX_NATIVE_COMPUTATIONAL,
  SIMULATION_NATIVE_PER_GAS,
  SPECIAL_ADDRESS_TO_WASM_DEPLOY,
  TESTER_NATIVE_PER_GAS,
  U64_MAX,
  UPGRADE_TX_NATIVE_PER_GAS,
} from "../constants";
import { InternalBlockError, InvalidTransaction } from "../validation-errors";
import { isL1Type, type ZkTransaction } from "../transaction/types";

const U256_MAX = (1n << 256n) - 1n;

/** The intrinsic charges of one transaction kind (gas, native, pubdata bytes). */
export interface IntrinsicCosts {
  readonly gas: bigint;
  readonly native: bigint;
  readonly pubdata: bigint;
}

/** Types 0, 1, 2 and 0x71. Signature verification (3,000 gas) is charged separately by ecrecover. */
export const L2_INTRINSIC: IntrinsicCosts = { gas: L2_TX_INTRINSIC_GAS, native: L2_TX_INTRINSIC_NATIVE, pubdata: L2_TX_INTRINSIC_PUBDATA };
/** Types 0xFF and 0xFE; the 88 pubdata bytes are the L1-tx log. */
export const L1_INTRINSIC: IntrinsicCosts = { gas: L1_TX_INTRINSIC_L2_GAS, native: L1_TX_INTRINSIC_NATIVE, pubdata: L1_TX_INTRINSIC_PUBDATA };

/** The intrinsic table row for a transaction type. */
export function intrinsicCostsFor(txType: number): IntrinsicCosts {
  return isL1Type(txType) ? L1_INTRINSIC : L2_INTRINSIC;
}

/** Calldata cost: 4 gas per zero byte, 16 per other byte; 1 native per byte. */
export function calldataCost(data: Uint8Array): { gas: bigint; native: bigint } {
  let zeros = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0) zeros++;
  const len = BigInt(data.length);
  return {
    gas: BigInt(zeros) * CALLDATA_ZERO_BYTE_GAS + (len - BigInt(zeros)) * CALLDATA_NON_ZERO_BYTE_GAS,
    native: len * CALLDATA_BYTE_NATIVE,
  };
}

/** `u256_to_u64_saturated`. */
export function saturateU64(v: bigint): bigint {
  return v > U64_MAX ? U64_MAX : v;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** How an L2 transaction's native_per_gas is chosen: from the block's prices, or the fixed test values. */
export type NativePricing = "block" | "simulation" | "tester";

/**
 * native_per_gas of an L2 transaction: ceil(gasPrice / nativePrice), or 100 in simulation, or
 * 25,000 under `resources_for_tester` (which wins over simulation, as in the reference).
 * @throws InternalBlockError if the block's native price is 0 (checked in every mode)
 */
export function l2NativePerGas(gasPrice: bigint, nativePrice: bigint, pricing: NativePricing = "block"): bigint {
  if (nativePrice === 0n) throw new InternalBlockError("Native price cannot be 0", "block metadata has native_price = 0");
  if (pricing === "tester") return TESTER_NATIVE_PER_GAS;
  if (pricing === "simulation") return SIMULATION_NATIVE_PER_GAS;
  return ceilDiv(gasPrice, nativePrice);
}

/** native_per_gas of an L1→L2 transaction (ceil(maxFeePerGas / 10)) or of an upgrade (10,000). */
export function l1NativePerGas(maxFeePerGas: bigint, isPriorityOp: boolean): bigint {
  return isPriorityOp ? ceilDiv(maxFeePerGas, L1_TX_NATIVE_PRICE) : UPGRADE_TX_NATIVE_PER_GAS;
}

/**
 * native_per_pubdata = gasPerPubdata · nativePerGas (L2: the block's gas_per_pubdata; L1: the tx field).
 * @throws InternalBlockError("gpp*npg") when the U256 product overflows
 */
export function nativePerPubdata(gasPerPubdata: bigint, nativePerGas: bigint): bigint {
  const p = gasPerPubdata * nativePerGas;
  if (p > U256_MAX) throw new InternalBlockError("gpp*npg", `${gasPerPubdata} · ${nativePerGas} overflows U256`);
  return p;
}

/** Inputs of {@link deriveTxResources}. */
export interface TxResourceInputs {
  gasLimit: bigint;
  nativePerGas: bigint;
  nativePerPubdata: bigint;
  calldata: Uint8Array;
  intrinsic: IntrinsicCosts;
  /** Feature `unlimited_native` (server profile): the native limit starts at u64::MAX. */
  unlimitedNative?: boolean;
  /** Feature `resources_for_tester` turns withholding off. */
  tester?: boolean;
}

/** A transaction's starting resources. `withheldNative` is returned to it after execution. */
export interface TxResources {
  ergs: bigint;
  native: bigint;
  withheldNative: bigint;
}

/**
 * `get_resources_for_tx`: native limit = gasLimit · native_per_gas (saturating; u64::MAX when
 * unlimited) − intrinsic pubdata · native_per_pubdata; anything above 2^36 is withheld; then the
 * calldata and intrinsic native are taken. Ergs = (gasLimit − calldata gas − intrinsic gas) · 256.
 * The native checks come before the gas check, as in the reference.
 * @throws InvalidTransaction OutOfNativeResourcesDuringValidation / OutOfGasDuringValidation
 * @throws InternalBlockError on the reference's checked-overflow paths
 */
export function deriveTxResources(p: TxResourceInputs): TxResources {
  let native = p.unlimitedNative ? U64_MAX : saturateU64(p.gasLimit * saturateU64(p.nativePerGas));
  const pubdataOverhead = saturateU64(p.nativePerPubdata) * p.intrinsic.pubdata;
  if (pubdataOverhead > U64_MAX) throw new InternalBlockError("npp*ip", "intrinsic pubdata native overflows u64");
  if (pubdataOverhead > native) throw new InvalidTransaction("OutOfNativeResourcesDuringValidation", {});
  native -= pubdataOverhead;
  let withheldNative = 0n;
  if (!p.tester && native > MAX_NATIVE_COMPUTATIONAL) {
    withheldNative = native - MAX_NATIVE_COMPUTATIONAL;
    native = MAX_NATIVE_COMPUTATIONAL;
  }
  const calldata = calldataCost(p.calldata);
  if (calldata.native > native || p.intrinsic.native > native - calldata.native) {
    throw new InvalidTransaction("OutOfNativeResourcesDuringValidation", {});
  }
  native -= calldata.native + p.intrinsic.native;
  const upfrontGas = calldata.gas + p.intrinsic.gas;
  if (upfrontGas > p.gasLimit) throw new InvalidTransaction("OutOfGasDuringValidation", {});
  const ergs = (p.gasLimit - upfrontGas) * ERGS_PER_GAS;
  if (ergs > U64_MAX) throw new InternalBlockError("glft*EPF", "ergs of the gas limit overflow u64");
  return { ergs, native, withheldNative };
}

/** The EOA model's deployment test: the "to is null" flag, or `to` = 0x9000 (WASM deploy). */
export function isDeploymentTransaction(tx: ZkTransaction): boolean {
  if (tx.reserved[1] !== 0n) return true;
  for (let i = 0; i < 18; i++) if (tx.to[i] !== 0) return false;
  return ((tx.to[18]! << 8) | tx.to[19]!) === SPECIAL_ADDRESS_TO_WASM_DEPLOY;
}

/**
 * Intrinsic gas of a deployment's initcode (EIP-3860): 2 per 32-byte word, charged as ergs at
 * validation. The 32,000 surcharge comes later, at execution.
 * @throws InvalidTransaction("CreateInitCodeSizeLimit") above 49,152 bytes
 */
export function deploymentIntrinsicGas(initcodeLen: number): bigint {
  if (initcodeLen > MAX_INITCODE_SIZE) throw new InvalidTransaction("CreateInitCodeSizeLimit", { initcodeLen });
  return INITCODE_WORD_GAS * BigInt(Math.ceil(initcodeLen / 32));
}

/**
 * Native charged for `pubdataBytes` of pubdata (`get_resources_to_charge_for_pubdata`).
 * @throws InternalBlockError("cps*epp") when the u64 product overflows
 */
export function pubdataNative(pubdataBytes: bigint, nativePerPubdata: bigint): bigint {
  const n = pubdataBytes * saturateU64(nativePerPubdata);
  if (n > U64_MAX) throw new InternalBlockError("cps*epp", "pubdata native overflows u64");
  return n;
}

/** Inputs of {@link computeGasUsed}: what is left after execution, the withheld native reclaimed and pubdata paid. */
export interface GasUsedInputs {
  gasLimit: bigint;
  ergsLeft: bigint;
  nativeLeft: bigint;
  nativePerGas: bigint;
  /** `unlimited_native` builds skip the native → gas adjustment. */
  unlimitedNative?: boolean;
}

/**
 * `compute_gas_refund` (§6.4): gasUsed = gasLimit − floor(ergsLeft / 256); unless unlimited,
 * nativeUsed = gasLimit · native_per_gas − nativeLeft and gasUsed rises to floor(nativeUsed /
 * native_per_gas) when that is larger. gasRefund = gasLimit − gasUsed (payer gets gasRefund · gasPrice).
 * @throws InternalBlockError if nativeLeft exceeds the full native limit (cannot happen for
 * resources from {@link deriveTxResources})
 */
export function computeGasUsed(p: GasUsedInputs): { gasUsed: bigint; gasRefund: bigint } {
  let gasUsed = p.gasLimit - p.ergsLeft / ERGS_PER_GAS;
  if (!p.unlimitedNative) {
    const npg = saturateU64(p.nativePerGas);
    const fullNative = saturateU64(p.gasLimit * npg);
    if (p.nativeLeft > fullNative) throw new InternalBlockError("native_used", "native left exceeds the transaction's native limit");
    const nativeUsed = fullNative - p.nativeLeft;
    const delta = npg === 0n ? 0n : nativeUsed / npg - gasUsed;
    if (delta > 0n) gasUsed += delta;
  }
  return { gasUsed, gasRefund: p.gasLimit - gasUsed };
}
