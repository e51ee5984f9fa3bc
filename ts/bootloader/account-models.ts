/**
 * The two account models of ZKsync OS (basic_bootloader account_models/{eoa,contract,abstract_account}.rs
 * at 0a82da0): EOAs are validated by the bootloader (EIP-3607 code check, balance, EIP-2 low s,
 * ecrecover, nonce bump) and pay the fee from their balance; contract accounts (only for 0x71
 * transactions from an account with code) are asked through `validateTransaction`,
 * `payForTransaction`, `prepareForPaymaster` and `executeTransaction` calls from 0x8001.
 * @module
 */
import { recoverAddress } from "../crypto/secp256k1";
import { bigintToBytes, hexToBytes } from "../primitives/hex";
import { addressFromBytes, addressOfNumber, addressToBytes, type Address } from "../state/address";
import { NUMERIC_BOUNDS } from "../system/io";
import { ERGS_PER_GAS, OUT_OF_NATIVE } from "../system/resources";
import { ECRECOVER_GAS, ECRECOVER_NATIVE } from "../zksync/constants";
import { requiredBalance } from "../zksync/resources/fees";
import { ZkTxType, type ZkTransaction } from "../zksync/transaction/types";
import { InternalBlockError, InvalidTransaction, type AAMethod } from "../zksync/validation-errors";
import { runSingleInteraction } from "./interaction";
import { validating, type AccountModelKind, type BlockEnv, type TxState } from "./tx/context";
import type { ZkExecResult } from "./zk-exec";

/** `BOOTLOADER_FORMAL_ADDRESS`: the caller of account methods; fees are paid to it. */
export const BOOTLOADER_ADDRESS: Address = addressOfNumber(0x8001);

/** Selectors of the account and paymaster interfaces (constants.rs). */
export const SELECTORS = {
  validateTransaction: 0x202bcce7,
  executeTransaction: 0xdf9c1589,
  prepareForPaymaster: 0xa28c1aee,
  payForTransaction: 0xe2f318e3,
  validateAndPayForPaymasterTransaction: 0x038a24bc,
  paymasterApprovalBased: 0x949431dc,
  paymasterGeneral: 0x8c5a3445,
  erc20Allowance: 0xdd62ed3e,
  erc20Approve: 0x095ea7b3,
} as const;

/** Where the transaction struct starts in an account method's calldata (`TX_CALLDATA_OFFSET`). */
const TX_CALLDATA_OFFSET = 0x60;
/** secp256k1 n / 2: EIP-2's bound on s. */
// n/2 (SECP256K1N_HALF) as 32 big-endian bytes: the EIP-2 bound on s, compared byte-wise.
const SECP256K1N_HALF_BYTES = hexToBytes("0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0");

// s = signature[32..64) > n/2.
function aboveHalfN(signature: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) {
    const d = signature[32 + i]! - SECP256K1N_HALF_BYTES[i]!;
    if (d !== 0) return d > 0;
  }
  return false;
}

/** `AA::account_model_for_account`: a 0x71 transaction from an account with code uses the contract model. */
export function accountModelFor(tx: ZkTransaction, callerIsCode: boolean, aaEnabled: boolean): AccountModelKind {
  return tx.txType === ZkTxType.Eip712 && aaEnabled && callerIsCode ? "contract" : "eoa";
}

/**
 * `check_nonce_is_not_used`: an EOA needs the exact nonce; a contract account any nonce not below its own.
 * @throws InvalidTransaction NonceTooHigh / NonceTooLow / NonceUsedAlready
 */
export function checkNonceIsNotUsed(model: AccountModelKind, accountNonce: bigint, txNonce: bigint): void {
  if (model === "contract") {
    if (txNonce < accountNonce) throw new InvalidTransaction("NonceUsedAlready", {});
    return;
  }
  if (txNonce > accountNonce) throw new InvalidTransaction("NonceTooHigh", { tx: txNonce, state: accountNonce });
  if (txNonce < accountNonce) throw new InvalidTransaction("NonceTooLow", { tx: txNonce, state: accountNonce });
}

/**
 * `check_nonce_is_used_after_validation`: a contract account must have raised its nonce past the
 * transaction's (read as its own EE type would: gas and native charged); an EOA's was bumped by the bootloader.
 * @throws InvalidTransaction NonceNotIncreased (or the exhaustion errors)
 */
export function checkNonceIsUsedAfterValidation(env: BlockEnv, st: TxState, txNonce: bigint): void {
  if (st.model === "eoa") return;
  const nonce = validating(() => env.io.readNonce(st.callerEe as 0 | 1, st.resources, st.from));
  if (!(nonce > txNonce)) throw new InvalidTransaction("NonceNotIncreased", {});
}

function u32Be(v: number): Uint8Array {
  return Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

/** A 32-byte big-endian ABI word. */
function word(v: bigint): Uint8Array {
  return bigintToBytes(v, 32);
}

function addressWord(a: Address): Uint8Array {
  const out = new Uint8Array(32);
  out.set(addressToBytes(a), 12);
  return out;
}

function selectorOf(b: Uint8Array): number {
  return b.length < 4 ? -1 : ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/**
 * `call_account_method`: `selector(bytes32 txHash, bytes32 signedHash, Transaction tx)` on `target`
 * from 0x8001, with all of the transaction's resources and no value, in its own frame.
 * @throws OUT_OF_NATIVE when native ran out
 */
export function callAccountMethod(env: BlockEnv, st: TxState, target: Address, selector: number): ZkExecResult {
  const body = st.decoded.body;
  const calldata = new Uint8Array(4 + 3 * 32 + body.length);
  calldata.set(u32Be(selector), 0);
  calldata.set(st.txHash, 4);
  calldata.set(st.signedHash, 36);
  calldata.set(word(BigInt(TX_CALLDATA_OFFSET)), 68);
  calldata.set(body, 100);
  return runSingleInteraction(env.sys, BOOTLOADER_ADDRESS, target, calldata, 0n, st.resources);
}

/** A validation-time call: running out of native makes the transaction invalid (`oon_as_validation`). */
function validationCall(f: () => ZkExecResult): ZkExecResult {
  try {
    return f();
  } catch (e) {
    if (e === OUT_OF_NATIVE) throw new InvalidTransaction("OutOfNativeResourcesDuringValidation", {});
    throw e;
  }
}

function reverted(method: AAMethod): InvalidTransaction {
  return new InvalidTransaction("Revert", { method, output: null });
}

/**
 * The ecrecover system function on (signed hash, v, r, s): 3,000 gas and 522,000 native, then the
 * signer, or null when v is not 27/28 or nothing recovers. A recovery done ahead (prepare.ts) is reused.
 */
function ecrecover(env: BlockEnv, st: TxState): Uint8Array | null {
  st.resources.charge(Number(ECRECOVER_GAS) * ERGS_PER_GAS, Number(ECRECOVER_NATIVE));
  const sig = st.tx.signature;
  const v = sig[64]!;
  if (v !== 27 && v !== 28) return null;
  const known = env.recovered?.get(st.signedHash, sig);
  if (known !== undefined) return known;
  return recoverAddress(st.signedHash, sig.subarray(0, 32), sig.subarray(32, 64), (v - 27) as 0 | 1);
}

/**
 * `validate`: EOA — EIP-3607, value + max fee · gas limit against the balance, EIP-2 low s, the
 * signature recovering to `from`, then the nonce bump; contract — `validateTransaction` must return
 * 32 bytes starting with its own selector.
 * @throws InvalidTransaction with the reference's reason
 */
export function validateAccount(env: BlockEnv, st: TxState): void {
  if (st.model === "contract") {
    const r = validationCall(() => callAccountMethod(env, st, st.from, SELECTORS.validateTransaction));
    if (r.status !== "success") throw reverted("AccountValidate");
    if (r.returnData.length !== 32) throw new InvalidTransaction("InvalidReturndataLength", {});
    if (selectorOf(r.returnData) !== SELECTORS.validateTransaction) throw new InvalidTransaction("InvalidMagic", {});
    return;
  }
  if (st.callerIsCode) throw new InvalidTransaction("RejectCallerWithCode", {});
  const required = requiredBalance(st.tx);
  const balance = validating(() => env.io.getNominalTokenBalance(st.callerEe as 0 | 1, st.resources, st.from));
  if (required > balance) throw new InvalidTransaction("LackOfFundForMaxFee", { fee: required, balance });
  const sig = st.tx.signature;
  if (aboveHalfN(sig)) throw new InvalidTransaction("MalleableSignature", {});
  const recovered = validating(() => ecrecover(env, st));
  if (recovered === null) throw new InvalidTransaction("IncorrectFrom", { tx: addressToBytes(st.from), recovered: new Uint8Array(20) });
  if (addressFromBytes(recovered) !== st.from) throw new InvalidTransaction("IncorrectFrom", { tx: addressToBytes(st.from), recovered: recovered.slice() });
  let old: bigint;
  try {
    old = env.io.incrementNonce(st.callerEe as 0 | 1, st.resources, st.from, 1n);
  } catch (e) {
    if (e === NUMERIC_BOUNDS) throw new InvalidTransaction("NonceOverflowInTransaction", {});
    return validating(() => {
      throw e;
    });
  }
  if (old !== st.callerNonce) throw new InternalBlockError("eoa", `nonce changed during validation (${st.callerNonce} → ${old})`);
}

/**
 * `pay_for_transaction` without a paymaster: an EOA moves max fee · gas limit to 0x8001 (short of
 * funds: LackOfFundForMaxFee with the balance read again); a contract account is asked through
 * `payForTransaction`.
 * @throws InvalidTransaction with the reference's reason
 */
export function payForTransaction(env: BlockEnv, st: TxState): void {
  if (st.model === "contract") {
    const r = validationCall(() => callAccountMethod(env, st, st.from, SELECTORS.payForTransaction));
    if (r.status !== "success") throw reverted("AccountPayForTransaction");
    return;
  }
  const amount = st.tx.maxFeePerGas * st.tx.gasLimit;
  if (amount >> 128n !== 0n) throw new InternalBlockError("mfpg*gl", "maxFeePerGas · gasLimit overflows u128");
  try {
    env.io.transferNominalTokenValue(st.callerEe as 0 | 1, st.resources, st.from, BOOTLOADER_ADDRESS, amount);
  } catch (e) {
    if (e !== NUMERIC_BOUNDS) return validating(() => {
      throw e;
    });
    const balance = validating(() => env.io.getNominalTokenBalance(st.callerEe as 0 | 1, st.resources, st.from));
    throw new InvalidTransaction("LackOfFundForMaxFee", { fee: amount, balance });
  }
}

/** An ERC-20 call made for the paymaster flow (caller = the account): its 32-byte answer. */
function erc20Call(env: BlockEnv, st: TxState, token: Address, selector: number, a: Uint8Array, b: Uint8Array): bigint {
  const calldata = new Uint8Array(68);
  calldata.set(u32Be(selector), 0);
  calldata.set(a, 4);
  calldata.set(b, 36);
  const r = validationCall(() => runSingleInteraction(env.sys, st.from, token, calldata, 0n, st.resources));
  if (r.status !== "success") throw reverted("AccountPrePaymaster");
  if (r.returnData.length !== 32) throw new InvalidTransaction("InvalidReturndataLength", {});
  let v = 0n;
  for (const x of r.returnData) v = (v << 8n) | BigInt(x);
  return v;
}

/**
 * `pre_paymaster`: a contract account is asked through `prepareForPaymaster`; for an EOA the
 * bootloader reads the paymaster input itself: `general(bytes)` needs nothing, `approvalBased(token,
 * minAllowance, …)` makes sure the paymaster may take minAllowance of the token (approve 0, then
 * approve minAllowance, when the allowance is short); anything else reverts.
 * @throws InvalidTransaction Revert{AccountPrePaymaster}, InvalidReturndataLength, exhaustion
 */
export function prePaymaster(env: BlockEnv, st: TxState, paymaster: Address): void {
  if (st.model === "contract") {
    const r = validationCall(() => callAccountMethod(env, st, st.from, SELECTORS.prepareForPaymaster));
    if (r.status !== "success") throw reverted("AccountPrePaymaster");
    return;
  }
  const input = st.tx.paymasterInput;
  const flow = selectorOf(input);
  if (flow === SELECTORS.paymasterGeneral) return;
  if (flow !== SELECTORS.paymasterApprovalBased || input.length < 68) throw reverted("AccountPrePaymaster");
  let tokenWord = 0n;
  for (let i = 4; i < 36; i++) tokenWord = (tokenWord << 8n) | BigInt(input[i]!);
  // u256_to_b160_checked: a token word above 160 bits is an internal error in the reference.
  if (tokenWord >> 160n !== 0n) throw new InternalBlockError("u256_to_b160_checked", "paymaster token does not fit 160 bits");
  const token = "0x" + tokenWord.toString(16).padStart(40, "0");
  let minAllowance = 0n;
  for (let i = 36; i < 68; i++) minAllowance = (minAllowance << 8n) | BigInt(input[i]!);
  const allowance = erc20Call(env, st, token, SELECTORS.erc20Allowance, addressWord(st.from), addressWord(paymaster));
  if (allowance >= minAllowance) return;
  if (erc20Call(env, st, token, SELECTORS.erc20Approve, addressWord(paymaster), word(0n)) !== 1n) throw reverted("AccountPrePaymaster");
  if (erc20Call(env, st, token, SELECTORS.erc20Approve, addressWord(paymaster), word(minAllowance)) !== 1n) throw reverted("AccountPrePaymaster");
}

/**
 * The main call of a valid transaction from a contract account: `executeTransaction` from 0x8001
 * (the account moves the value itself).
 * @throws OUT_OF_NATIVE when native ran out
 */
export function executeFromContractAccount(env: BlockEnv, st: TxState): ZkExecResult {
  return callAccountMethod(env, st, st.from, SELECTORS.executeTransaction);
}
