import { describe, expect, it } from "vitest";
import { MAX_BLOCK_GAS_LIMIT, MAX_NATIVE_COMPUTATIONAL, U64_MAX } from "../../ts/zksync/constants";
import {
  checkBlockGasLimit,
  checkGasPerPubdata,
  checkL1Deposit,
  effectiveGasPrice,
  l1FeeSettlement,
  l1RefundRecipient,
  requiredBalance,
  txNonceU64,
  userGasPerPubdataLimit,
} from "../../ts/zksync/resources/fees";
import {
  L1_INTRINSIC,
  L2_INTRINSIC,
  calldataCost,
  computeGasUsed,
  deploymentIntrinsicGas,
  deriveTxResources,
  intrinsicCostsFor,
  isDeploymentTransaction,
  l1NativePerGas,
  l2NativePerGas,
  nativePerPubdata,
  pubdataNative,
  type TxResourceInputs,
} from "../../ts/zksync/resources/intrinsic";
import { InternalBlockError, InvalidTransaction, type InvalidTransactionName } from "../../ts/zksync/validation-errors";
import { A, sampleTxs } from "./_txs";

function reasonOf(fn: () => unknown): InvalidTransactionName | "internal" | "ok" {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof InvalidTransaction) return e.reason;
    if (e instanceof InternalBlockError) return "internal";
    throw e;
  }
}

describe("intrinsic costs", () => {
  it("L2: 18,000 gas, 4,000 native, 0 pubdata; L1/upgrade: 11,000, 10,000, 88", () => {
    expect(L2_INTRINSIC).toEqual({ gas: 18_000n, native: 4_000n, pubdata: 0n });
    expect(L1_INTRINSIC).toEqual({ gas: 11_000n, native: 10_000n, pubdata: 88n });
    expect([0, 1, 2, 0x71].map(intrinsicCostsFor)).toEqual([L2_INTRINSIC, L2_INTRINSIC, L2_INTRINSIC, L2_INTRINSIC]);
    expect([0xff, 0xfe].map(intrinsicCostsFor)).toEqual([L1_INTRINSIC, L1_INTRINSIC]);
  });

  const calldata: [string, number[], bigint, bigint][] = [
    ["empty", [], 0n, 0n],
    ["one zero byte", [0], 4n, 1n],
    ["one non-zero byte", [1], 16n, 1n],
    ["00 ff 00", [0, 255, 0], 24n, 3n],
    ["transfer(address,uint256) selector + 2 words, 20 non-zero", [0xa9, 0x05, 0x9c, 0xbb, ...new Array(44).fill(0), ...new Array(20).fill(7)], 4n * 16n + 44n * 4n + 20n * 16n, 68n],
  ];
  for (const [name, bytes, gas, native] of calldata) {
    it(`calldata ${name}: ${gas} gas, ${native} native`, () => expect(calldataCost(Uint8Array.from(bytes))).toEqual({ gas, native }));
  }

  const deploy: [number, bigint | InvalidTransactionName][] = [
    [0, 0n],
    [1, 2n],
    [32, 2n],
    [33, 4n],
    [49_152, 3_072n],
    [49_153, "CreateInitCodeSizeLimit"],
  ];
  for (const [len, want] of deploy) {
    it(`deployment initcode of ${len} bytes → ${want}`, () => {
      if (typeof want === "bigint") expect(deploymentIntrinsicGas(len)).toBe(want);
      else expect(reasonOf(() => deploymentIntrinsicGas(len))).toBe(want);
    });
  }

  it("deployment = the null-to flag or to = 0x9000", () => {
    const t = sampleTxs();
    const to9000 = new Uint8Array(20);
    to9000[18] = 0x90;
    expect(isDeploymentTransaction(t.legacyCreate)).toBe(true);
    expect(isDeploymentTransaction({ ...t.eip712, to: to9000 })).toBe(true);
    expect(isDeploymentTransaction({ ...t.eip712, to: Uint8Array.of(...to9000.subarray(0, 19), 1) })).toBe(false);
    expect(isDeploymentTransaction(t.eip1559)).toBe(false);
  });
});

describe("gas price and native prices", () => {
  const prices: [string, [bigint, bigint, bigint, boolean], bigint | InvalidTransactionName][] = [
    ["witness tx, charge_priority_fee: base + min(tip, max − base)", [1000n, 90_500_001n, 1n, true], 1001n],
    ["witness tx, without the feature: base fee", [1000n, 90_500_001n, 1n, false], 1000n],
    ["tip capped by max − base", [100n, 150n, 80n, true], 150n],
    ["priority above max", [100n, 150n, 151n, true], "PriorityFeeGreaterThanMaxFee"],
    ["base above max", [200n, 150n, 1n, true], "BaseFeeGreaterThanMaxFee"],
    ["both: priority reported first", [200n, 150n, 151n, false], "PriorityFeeGreaterThanMaxFee"],
  ];
  for (const [name, [base, max, prio, charge], want] of prices) {
    it(name, () => {
      if (typeof want === "bigint") expect(effectiveGasPrice(base, max, prio, charge)).toBe(want);
      else expect(reasonOf(() => effectiveGasPrice(base, max, prio, charge))).toBe(want);
    });
  }

  it("L2 native_per_gas = ceil(gasPrice / nativePrice), 100 in simulation, 25,000 for the tester", () => {
    expect([l2NativePerGas(1001n, 10n), l2NativePerGas(1000n, 10n), l2NativePerGas(1n, 10n), l2NativePerGas(0n, 10n)]).toEqual([101n, 100n, 1n, 0n]);
    expect(l2NativePerGas(1001n, 10n, "simulation")).toBe(100n);
    expect(l2NativePerGas(1001n, 10n, "tester")).toBe(25_000n);
    expect(reasonOf(() => l2NativePerGas(1001n, 0n, "tester"))).toBe("internal");
  });

  it("L1 native_per_gas = ceil(maxFee / 10); upgrade 10,000; native_per_pubdata = gpp · npg", () => {
    expect([l1NativePerGas(2_000_000_000n, true), l1NativePerGas(15n, true), l1NativePerGas(0n, true), l1NativePerGas(5n, false)]).toEqual([200_000_000n, 2n, 0n, 10_000n]);
    expect(nativePerPubdata(800n, 200_000_000n)).toBe(160_000_000_000n);
    expect(reasonOf(() => nativePerPubdata(1n << 200n, 1n << 100n))).toBe("internal");
  });
});

describe("deriveTxResources: native limit, 2^36 withholding, ergs", () => {
  const l2 = (gasLimit: bigint, npg: bigint, data = new Uint8Array(0)): TxResourceInputs => ({
    gasLimit,
    nativePerGas: npg,
    nativePerPubdata: npg,
    calldata: data,
    intrinsic: L2_INTRINSIC,
  });
  const table: [string, TxResourceInputs, { ergs: bigint; native: bigint; withheldNative: bigint } | InvalidTransactionName | "internal"][] = [
    ["the witness tx (gas 10M, npg 101)", l2(10_000_000n, 101n), { ergs: 9_982_000n * 256n, native: 1_010_000_000n - 4_000n, withheldNative: 0n }],
    ["calldata 0x00ff00 (24 gas, 3 native)", l2(100_000n, 100n, Uint8Array.of(0, 255, 0)), { ergs: (100_000n - 18_024n) * 256n, native: 10_000_000n - 4_003n, withheldNative: 0n }],
    [
      "above 2^36: the excess is withheld",
      l2(100_000_000n, 1000n),
      { ergs: 99_982_000n * 256n, native: MAX_NATIVE_COMPUTATIONAL - 4_000n, withheldNative: 100_000_000_000n - MAX_NATIVE_COMPUTATIONAL },
    ],
    [
      "L1 deposit: 88 pubdata bytes at npp 1.6e11 come off first",
      { gasLimit: 1_000_000n, nativePerGas: 200_000_000n, nativePerPubdata: 160_000_000_000n, calldata: new Uint8Array(0), intrinsic: L1_INTRINSIC },
      { ergs: 989_000n * 256n, native: MAX_NATIVE_COMPUTATIONAL - 10_000n, withheldNative: 200_000_000_000_000n - 88n * 160_000_000_000n - MAX_NATIVE_COMPUTATIONAL },
    ],
    ["unlimited native starts at u64::MAX", { ...l2(21_000n, 0n), unlimitedNative: true }, { ergs: 3_000n * 256n, native: MAX_NATIVE_COMPUTATIONAL - 4_000n, withheldNative: U64_MAX - MAX_NATIVE_COMPUTATIONAL }],
    ["the tester withholds nothing", { ...l2(10_000_000n, 25_000n), tester: true }, { ergs: 9_982_000n * 256n, native: 250_000_000_000n - 4_000n, withheldNative: 0n }],
    ["gasLimit · npg saturates at u64::MAX", l2(1n << 50n, 1n << 20n), { ergs: ((1n << 50n) - 18_000n) * 256n, native: MAX_NATIVE_COMPUTATIONAL - 4_000n, withheldNative: U64_MAX - MAX_NATIVE_COMPUTATIONAL }],
    ["pubdata overhead above the native limit", { gasLimit: 100n, nativePerGas: 1n, nativePerPubdata: 10n, calldata: new Uint8Array(0), intrinsic: L1_INTRINSIC }, "OutOfNativeResourcesDuringValidation"],
    ["gas price 0 leaves no native for the intrinsic 4,000", l2(21_000n, 0n), "OutOfNativeResourcesDuringValidation"],
    ["native covers calldata but not the intrinsic", l2(4_002n, 1n, Uint8Array.of(1, 1, 1)), "OutOfNativeResourcesDuringValidation"],
    ["gas limit below 18,000", l2(17_999n, 1n), "OutOfGasDuringValidation"],
    ["gas limit below 18,000 + calldata", l2(18_015n, 1n, Uint8Array.of(1)), "OutOfGasDuringValidation"],
    ["exactly 18,000 + calldata: zero ergs", l2(18_016n, 1n, Uint8Array.of(1)), { ergs: 0n, native: 18_016n - 4_001n, withheldNative: 0n }],
    ["intrinsic pubdata native overflowing u64", { gasLimit: 1n, nativePerGas: 1n, nativePerPubdata: 1n << 61n, calldata: new Uint8Array(0), intrinsic: L1_INTRINSIC }, "internal"],
    ["ergs of a 2^63 L1 gas limit overflow u64", { gasLimit: 1n << 63n, nativePerGas: 0n, nativePerPubdata: 0n, calldata: new Uint8Array(0), intrinsic: L1_INTRINSIC, unlimitedNative: true }, "internal"],
  ];
  for (const [name, input, want] of table) {
    it(name, () => {
      if (typeof want === "object") expect(deriveTxResources(input)).toEqual(want);
      else expect(reasonOf(() => deriveTxResources(input))).toBe(want);
    });
  }

  it("MAX_BLOCK_GAS_LIMIT is u64::MAX / 256 = 2^56 − 1", () => {
    expect(MAX_BLOCK_GAS_LIMIT).toBe((1n << 56n) - 1n);
  });
});

describe("computeGasUsed (§6.4)", () => {
  const table: [string, Parameters<typeof computeGasUsed>[0], { gasUsed: bigint; gasRefund: bigint } | "internal"][] = [
    ["ergs decide; leftover ergs below a gas unit are not refunded", { gasLimit: 100_000n, ergsLeft: 79_000n * 256n + 255n, nativeLeft: 9_000_000n, nativePerGas: 100n }, { gasUsed: 21_000n, gasRefund: 79_000n }],
    ["native used above gas used raises gas used", { gasLimit: 100_000n, ergsLeft: 79_000n * 256n, nativeLeft: 5_000_000n, nativePerGas: 100n }, { gasUsed: 50_000n, gasRefund: 50_000n }],
    ["floor of native / npg", { gasLimit: 100_000n, ergsLeft: 79_000n * 256n, nativeLeft: 10_000_000n - 2_100_099n, nativePerGas: 100n }, { gasUsed: 21_000n, gasRefund: 79_000n }],
    ["one native gas more", { gasLimit: 100_000n, ergsLeft: 79_000n * 256n, nativeLeft: 10_000_000n - 2_100_100n, nativePerGas: 100n }, { gasUsed: 21_001n, gasRefund: 78_999n }],
    ["unlimited native: no adjustment", { gasLimit: 100_000n, ergsLeft: 79_000n * 256n, nativeLeft: 0n, nativePerGas: 100n, unlimitedNative: true }, { gasUsed: 21_000n, gasRefund: 79_000n }],
    ["native_per_gas 0: no adjustment", { gasLimit: 100_000n, ergsLeft: 0n, nativeLeft: 0n, nativePerGas: 0n }, { gasUsed: 100_000n, gasRefund: 0n }],
    ["native left above the limit", { gasLimit: 10n, ergsLeft: 0n, nativeLeft: 1001n, nativePerGas: 100n }, "internal"],
  ];
  for (const [name, input, want] of table) {
    it(name, () => {
      if (want === "internal") expect(reasonOf(() => computeGasUsed(input))).toBe("internal");
      else expect(computeGasUsed(input)).toEqual(want);
    });
  }

  it("pubdata native = bytes · native_per_pubdata (u64 checked)", () => {
    expect(pubdataNative(100n, 101n)).toBe(10_100n);
    expect(reasonOf(() => pubdataNative(1n << 40n, 1n << 30n))).toBe("internal");
  });
});

describe("validation checks and L1 settlement", () => {
  const t = sampleTxs();
  it("block gas limit checks", () => {
    expect(reasonOf(() => checkBlockGasLimit(100_000_000n, 10_000_000n))).toBe("ok");
    expect(reasonOf(() => checkBlockGasLimit(MAX_BLOCK_GAS_LIMIT, MAX_BLOCK_GAS_LIMIT))).toBe("ok");
    expect(reasonOf(() => checkBlockGasLimit(MAX_BLOCK_GAS_LIMIT + 1n, 1n))).toBe("BlockGasLimitTooHigh");
    expect(reasonOf(() => checkBlockGasLimit(100n, 101n))).toBe("CallerGasLimitMoreThanBlock");
  });

  it("gas per pubdata: the 0x71 field, else 1; block value above it is GasPerPubdataTooHigh", () => {
    expect(userGasPerPubdataLimit(t.eip712)).toBe(50_000n);
    expect(userGasPerPubdataLimit(t.eip1559)).toBe(1n);
    expect(reasonOf(() => checkGasPerPubdata(1n, 1n))).toBe("ok");
    expect(reasonOf(() => checkGasPerPubdata(1n, 2n))).toBe("GasPerPubdataTooHigh");
  });

  it("nonce must fit u64", () => {
    expect(txNonceU64(U64_MAX)).toBe(U64_MAX);
    expect(reasonOf(() => txNonceU64(U64_MAX + 1n))).toBe("NonceOverflowInTransaction");
  });

  it("required balance: value + maxFee · gasLimit; only the value with a paymaster", () => {
    expect(requiredBalance(t.eip1559)).toBe(10n ** 18n + 2_000_000_000n * 1_000_000n);
    expect(requiredBalance(t.eip712)).toBe(10n ** 18n);
    expect(requiredBalance({ ...t.eip712, paymaster: A(0) })).toBe(10n ** 18n + 2_000_000_000n * 1_000_000n);
    expect(reasonOf(() => requiredBalance({ ...t.eip1559, maxFeePerGas: (1n << 128n) - 1n }))).toBe("internal");
  });

  it("L1 deposit check and settlement after success and after revert", () => {
    const l1 = t.l1; // deposit 1 ETH + 1e6 · 2 gwei, value 1 ETH
    expect(reasonOf(() => checkL1Deposit(l1))).toBe("ok");
    expect(reasonOf(() => checkL1Deposit({ ...l1, reserved: [l1.reserved[0] - 1n, l1.reserved[1], 0n, 0n] }))).toBe("internal");
    expect(l1FeeSettlement(l1, 500_000n, true)).toEqual({ payToOperator: 10n ** 15n, toRefundRecipient: 10n ** 15n });
    expect(l1FeeSettlement(l1, 500_000n, false)).toEqual({ payToOperator: 10n ** 15n, toRefundRecipient: 10n ** 18n + 10n ** 15n });
    expect(l1RefundRecipient(l1)).toEqual(A(0xdd));
    expect(reasonOf(() => l1RefundRecipient({ ...l1, reserved: [0n, 1n << 160n, 0n, 0n] }))).toBe("internal");
  });
});
