// The `ethereum` profile's transaction processing (ts/ethereum/process-transaction.ts) on hand-built
// states: every rejection with the Ethereum tests' exception name and an untouched state, exact fee
// accounting (EIP-1559 burn and tip, EIP-4844 blob fee), the EIP-3529 refund cap, the EIP-161
// coinbase deletion, creation addresses, and the warm set (EIP-2930, EIP-3651).
import { describe, expect, it } from "vitest";
import { processTransaction, type ExecutedTransaction, type TransactionException } from "../../ts/ethereum/process-transaction";
import type { Transaction } from "../../ts/ethereum/transaction";
import type { BlockContext } from "../../ts/ee/evm/context";
import { createAddress } from "../../ts/ee/evm/create-address";
import { WorldState, slotWord, type AllocAccount } from "../../ts/state/world-state";
import { addressToBytes, type Address } from "../../ts/state/address";
import { wordToBigint } from "../../ts/state/word";
import { bytes, op, push } from "../helpers/bytecode";

const SENDER: Address = "0x000000000000000000000000000000000000a11c";
const CONTRACT: Address = "0x000000000000000000000000000000000000c0de";
const EMPTY: Address = "0x000000000000000000000000000000000000beef";
const COINBASE: Address = "0x000000000000000000000000000000000000cb00";
const FUNDS = 10n ** 18n;
const BASE_FEE = 7n;

const BLOCK: BlockContext = {
  coinbase: COINBASE, number: 1n, timestamp: 1000n, gasLimit: 30_000_000n, prevRandao: new Uint8Array(32), chainId: 1n,
  baseFee: BASE_FEE, blobBaseFee: 1n, blockHash: () => undefined,
};

function tx(over: Partial<Transaction> = {}): Transaction {
  return {
    type: 0, chainId: 1n, nonce: 0n, gasPrice: 10n, maxFeePerGas: 10n, maxPriorityFeePerGas: 10n, maxFeePerBlobGas: 0n,
    blobVersionedHashes: [], gasLimit: 100_000n, to: addressToBytes(EMPTY), value: 0n, data: new Uint8Array(0), accessList: [],
    sender: addressToBytes(SENDER),
    ...over,
  };
}

function dynamic(maxFee: bigint, priority: bigint, over: Partial<Transaction> = {}): Transaction {
  return tx({ type: 2, gasPrice: null, maxFeePerGas: maxFee, maxPriorityFeePerGas: priority, ...over });
}

const VERSIONED = bytes("01" + "ab".repeat(31));

function state(extra: Record<Address, AllocAccount> = {}): WorldState {
  return WorldState.fromAlloc({ [SENDER]: { balance: FUNDS }, ...extra });
}

function executed(s: WorldState, t: Transaction, block = BLOCK): ExecutedTransaction {
  const r = processTransaction(s, block, t);
  if (r.kind !== "executed") throw new Error(`rejected: ${r.exception} ${r.message}`);
  return r;
}

describe("processTransaction: rejections", () => {
  const cases: [string, Transaction, TransactionException, Record<Address, AllocAccount>?][] = [
    ["value past 256 bits", tx({ value: 1n << 256n }), "RLP_INVALID_VALUE"],
    ["gas limit past 64 bits", tx({ gasLimit: 1n << 64n }), "RLP_INVALID_VALUE"],
    ["a blob transaction creating a contract", dynamic(10n, 1n, { type: 3, to: null, blobVersionedHashes: [VERSIONED], maxFeePerBlobGas: 1n }), "TYPE_3_TX_CONTRACT_CREATION"],
    ["gas limit below 21000", tx({ gasLimit: 20_999n }), "INTRINSIC_GAS_TOO_LOW"],
    ["gas limit below the calldata cost", tx({ gasLimit: 21_000n + 16n + 3n, data: bytes("0100") }), "INTRINSIC_GAS_TOO_LOW"],
    ["gas limit below a creation's intrinsic gas", tx({ to: null, gasLimit: 53_001n, data: bytes("00") }), "INTRINSIC_GAS_TOO_LOW"],
    ["nonce 2^64 - 1", tx({ nonce: (1n << 64n) - 1n }), "NONCE_IS_MAX", { [SENDER]: { balance: FUNDS, nonce: (1n << 64n) - 1n } }],
    ["initcode of 49153 bytes", tx({ to: null, gasLimit: 10_000_000n, data: new Uint8Array(49_153) }), "INITCODE_SIZE_EXCEEDED"],
    ["gas limit above the block's", tx({ gasLimit: 30_000_001n }), "GAS_ALLOWANCE_EXCEEDED"],
    ["priority fee above max fee", dynamic(10n, 11n), "PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS"],
    ["max fee below the base fee", dynamic(6n, 1n), "INSUFFICIENT_MAX_FEE_PER_GAS"],
    ["gas price below the base fee", tx({ gasPrice: 6n, maxFeePerGas: 6n, maxPriorityFeePerGas: 6n }), "INSUFFICIENT_MAX_FEE_PER_GAS"],
    ["no blobs", dynamic(10n, 1n, { type: 3, maxFeePerBlobGas: 1n }), "TYPE_3_TX_ZERO_BLOBS"],
    ["a version-0 blob hash", dynamic(10n, 1n, { type: 3, maxFeePerBlobGas: 1n, blobVersionedHashes: [bytes("00" + "ab".repeat(31))] }), "TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH"],
    ["max fee per blob gas below the blob base fee", dynamic(10n, 1n, { type: 3, maxFeePerBlobGas: 1n, blobVersionedHashes: [VERSIONED] }), "INSUFFICIENT_MAX_FEE_PER_BLOB_GAS"],
    ["7 blobs", dynamic(10n, 1n, { type: 3, maxFeePerBlobGas: 2n, blobVersionedHashes: Array(7).fill(VERSIONED) }), "TYPE_3_TX_BLOB_COUNT_EXCEEDED"],
    ["a nonce below the account's", tx({ nonce: 0n }), "NONCE_MISMATCH_TOO_LOW", { [SENDER]: { balance: FUNDS, nonce: 1n } }],
    ["a nonce above the account's", tx({ nonce: 1n }), "NONCE_MISMATCH_TOO_HIGH"],
    ["gas × price past 256 bits", tx({ gasLimit: 100_000n, gasPrice: 1n << 250n, maxFeePerGas: 1n << 250n, maxPriorityFeePerGas: 1n << 250n }), "GASLIMIT_PRICE_PRODUCT_OVERFLOW"],
    ["a balance short of gas × price + value by 1 wei", tx({ value: FUNDS - 100_000n * 10n + 1n }), "INSUFFICIENT_ACCOUNT_FUNDS"],
    ["a balance short of the max fee (not the effective price)", dynamic(FUNDS / 100_000n + 1n, 0n), "INSUFFICIENT_ACCOUNT_FUNDS"],
    ["a balance short of the blob fee cap", dynamic(10n, 1n, { type: 3, maxFeePerBlobGas: FUNDS / 131_072n, blobVersionedHashes: [VERSIONED] }), "INSUFFICIENT_ACCOUNT_FUNDS"],
    ["a sender with code (EIP-3607)", tx(), "SENDER_NOT_EOA", { [SENDER]: { balance: FUNDS, code: bytes(op.STOP!) } }],
  ];

  it.each(cases)("%s → %s, state untouched", (_name, t, exception, accounts) => {
    const s = state(accounts);
    const before = [...s.entries()].map(([a, acc]) => [a, acc.nonce, acc.balance]);
    const r = processTransaction(s, { ...BLOCK, blobBaseFee: 2n }, t);
    expect(r.kind === "rejected" ? r.exception : r.kind).toBe(exception);
    expect([...s.entries()].map(([a, acc]) => [a, acc.nonce, acc.balance])).toEqual(before);
  });

  it("accepts the limits themselves: 49152 bytes of initcode, gas limit = block gas limit, exact funds", () => {
    expect(executed(state(), tx({ to: null, gasLimit: 10_000_000n, data: new Uint8Array(49_152) })).status).toBe("success");
    expect(executed(state(), tx({ gasLimit: 30_000_000n, gasPrice: 7n, maxFeePerGas: 7n, maxPriorityFeePerGas: 7n })).gasUsed).toBe(21_000n);
    const s = state({ [SENDER]: { balance: 100_000n * 10n + 5n } });
    expect(executed(s, tx({ value: 5n })).gasUsed).toBe(21_000n);
    expect(s.balance(EMPTY)).toBe(5n);
    expect(s.balance(SENDER)).toBe((100_000n - 21_000n) * 10n);
  });
});

describe("processTransaction: fees and refunds", () => {
  it.each<[string, Transaction, bigint, bigint]>([
    // [case, tx, effective price, tip per gas]
    ["legacy: price 10 over base fee 7", tx({ value: 5n }), 10n, 3n],
    ["EIP-1559: priority 2 under the headroom", dynamic(20n, 2n, { value: 5n }), 9n, 2n],
    ["EIP-1559: priority 5 capped by max fee 8", dynamic(8n, 5n, { value: 5n }), 8n, 1n],
  ])("%s: sender pays gasUsed × price, coinbase gets gasUsed × tip, the base fee is burnt", (_n, t, price, tip) => {
    const s = state();
    const r = executed(s, t);
    expect(r).toMatchObject({ status: "success", gasUsed: 21_000n, effectiveGasPrice: price, refund: 0n });
    expect(s.balance(SENDER)).toBe(FUNDS - 21_000n * price - 5n);
    expect(s.nonce(SENDER)).toBe(1n);
    expect(s.balance(EMPTY)).toBe(5n);
    expect(s.balance(COINBASE)).toBe(21_000n * tip);
  });

  it("burns the blob fee at the blob base fee, not at the cap (EIP-4844)", () => {
    const s = state();
    const r = executed(s, dynamic(10n, 1n, { type: 3, maxFeePerBlobGas: 100n, blobVersionedHashes: [VERSIONED, VERSIONED] }), { ...BLOCK, blobBaseFee: 3n });
    expect(r.blobGasUsed).toBe(2n * 131_072n);
    expect(s.balance(SENDER)).toBe(FUNDS - 21_000n * 8n - 2n * 131_072n * 3n);
    expect(s.balance(COINBASE)).toBe(21_000n);
  });

  // Clearing a slot that held 1: 5000 gas (2100 cold + 2900), refund 4800 (EIP-2929, EIP-3529).
  const clear = (slot: number) => push(0) + push(slot) + op.SSTORE;
  it.each<[string, string, bigint, bigint]>([
    ["one cleared slot: refund 4800 under the cap", clear(0) + op.STOP, 21_000n + 5_006n, 4_800n],
    ["two cleared slots: refund 9600 capped at (21000 + 10012) / 5", clear(0) + clear(1) + op.STOP, 21_000n + 10_012n, 6_202n],
    ["a reverted frame: its refund is dropped", clear(0) + push(0) + push(0) + op.REVERT, 21_000n + 5_012n, 0n],
  ])("%s", (_n, code, spent, refund) => {
    const s = state({ [CONTRACT]: { code: bytes(code), storage: { "0x0": "0x1", "0x1": "0x1" } } });
    const r = executed(s, tx({ to: addressToBytes(CONTRACT) }));
    expect(r.refund).toBe(refund);
    expect(r.gasUsed).toBe(spent - refund);
    expect(s.balance(SENDER)).toBe(FUNDS - (spent - refund) * 10n);
  });

  it("charges the whole gas limit when the message fails", () => {
    const s = state({ [CONTRACT]: { code: bytes(op.INVALID!) } });
    const r = executed(s, tx({ to: addressToBytes(CONTRACT), value: 9n }));
    expect(r).toMatchObject({ status: "error", error: "InvalidOpcode", gasUsed: 100_000n });
    expect(s.balance(CONTRACT)).toBe(0n);
    expect(s.balance(SENDER)).toBe(FUNDS - 100_000n * 10n);
    expect(s.nonce(SENDER)).toBe(1n);
  });
});

describe("processTransaction: accounts", () => {
  it("deletes an empty coinbase that a zero tip touched, keeps one that got a tip (EIP-161)", () => {
    const zeroTip = state({ [COINBASE]: {} });
    executed(zeroTip, tx({ gasPrice: 7n, maxFeePerGas: 7n, maxPriorityFeePerGas: 7n }));
    expect(zeroTip.exists(COINBASE)).toBe(false);
    const tipped = state({ [COINBASE]: {} });
    executed(tipped, tx());
    expect(tipped.balance(COINBASE)).toBe(63_000n);
  });

  it("deletes an empty recipient a zero-value call touched (EIP-161)", () => {
    const s = state({ [EMPTY]: {} });
    executed(s, tx());
    expect(s.exists(EMPTY)).toBe(false);
  });

  it("deploys at keccak(rlp([sender, nonce])) with nonce 1 and the returned code", () => {
    const s = state({ [SENDER]: { balance: FUNDS, nonce: 5n } });
    // Returns the one byte 0xfe: PUSH1 fe PUSH1 0 MSTORE8 PUSH1 1 PUSH1 0 RETURN.
    const init = push(0xfe) + push(0) + op.MSTORE8 + push(1) + push(0) + op.RETURN;
    const r = executed(s, tx({ to: null, nonce: 5n, value: 3n, data: bytes(init) }));
    const at = createAddress(SENDER, 5n);
    expect(r.createdAddress).toBe(at);
    expect(s.code(at)).toEqual(bytes("fe"));
    expect(s.nonce(at)).toBe(1n);
    expect(s.balance(at)).toBe(3n);
    expect(s.nonce(SENDER)).toBe(6n);
  });

  it("reports the logs of a successful call and none of a reverted one", () => {
    const log = push(0) + push(0) + op.LOG0;
    const ok = state({ [CONTRACT]: { code: bytes(log + op.STOP) } });
    const r = executed(ok, tx({ to: addressToBytes(CONTRACT) }));
    expect(r.logs.map((l) => l.address)).toEqual([CONTRACT]);
    const bad = state({ [CONTRACT]: { code: bytes(log + push(0) + push(0) + op.REVERT) } });
    expect(executed(bad, tx({ to: addressToBytes(CONTRACT) })).logs).toEqual([]);
  });
});

describe("processTransaction: the warm set a transaction starts with", () => {
  it.each<[string, string, Partial<Transaction>, bigint]>([
    // [case, code, tx fields, gas used]: BALANCE costs 100 warm / 2600 cold; SLOAD 100 / 2100.
    ["the coinbase is warm (EIP-3651)", push(BigInt(COINBASE)) + op.BALANCE + op.STOP, {}, 21_000n + 3n + 100n],
    ["another account is cold", push(BigInt(EMPTY)) + op.BALANCE + op.STOP, {}, 21_000n + 3n + 2_600n],
    ["a precompile is warm", push(9) + op.BALANCE + op.STOP, {}, 21_000n + 3n + 100n],
    ["an access-list address is warm (EIP-2930)", push(BigInt(EMPTY)) + op.BALANCE + op.STOP,
      { type: 1, accessList: [{ address: addressToBytes(EMPTY), storageKeys: [] }] }, 21_000n + 2_400n + 3n + 100n],
    ["a slot is cold", push(1) + op.SLOAD + op.STOP, {}, 21_000n + 3n + 2_100n],
    ["an access-list slot is warm (EIP-2930)", push(1) + op.SLOAD + op.STOP,
      { type: 1, accessList: [{ address: addressToBytes(CONTRACT), storageKeys: [bytes("00".repeat(31) + "01")] }] },
      21_000n + 2_400n + 1_900n + 3n + 100n],
  ])("%s", (_n, code, over, gasUsed) => {
    const s = state({ [CONTRACT]: { code: bytes(code) } });
    expect(executed(s, tx({ to: addressToBytes(CONTRACT), ...over })).gasUsed).toBe(gasUsed);
  });

  it("GASPRICE reads the effective gas price and ORIGIN the sender", () => {
    const code = op.GASPRICE + push(0) + op.SSTORE + op.ORIGIN + push(1) + op.SSTORE + op.STOP;
    const s = state({ [CONTRACT]: { code: bytes(code) } });
    executed(s, dynamic(20n, 2n, { to: addressToBytes(CONTRACT) }));
    expect(wordToBigint(s.storage(CONTRACT, slotWord(0n)))).toBe(9n);
    expect(wordToBigint(s.storage(CONTRACT, slotWord(1n)))).toBe(BigInt(SENDER));
  });
});
