// The reference's validation order (zksync-os-reference.md §6.7; process_transaction.rs and eoa.rs at
// 0a82da0): each transaction breaks two rules, and the one checked first is the one reported. Also
// the two documented consequences of the order: validation effects stay when a later check fails,
// and the hashes' keccak native is charged by the RLP length the reference estimates.
import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { Chain } from "../../ts/chain";
import { addressFromSecretKey, encodeTransaction, signTransaction, type TransactionFields } from "../../ts/ethereum/transaction";
import { parseBlockSpec } from "../../ts/bootloader/fixture";
import { chargedSignedHash, chargedTransactionHash } from "../../ts/bootloader/tx/hashing";
import { keccak256NativeCost } from "../../ts/system/io-subsystem";
import { Resources } from "../../ts/system/resources";
import { decodeZkTransaction, encodeZkTransaction } from "../../ts/zksync/transaction/abi-encoding";
import { decodeRawZkTransaction } from "../../ts/zksync/transaction/from-ethereum";
import { signedHash } from "../../ts/zksync/transaction/hashes";
import type { ZkTransaction } from "../../ts/zksync/transaction/types";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { rlpEncode, uintToRlpBytes, type RlpItem } from "../../ts/primitives/rlp";

const KEY = hexToBytes("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const CODE_KEY = hexToBytes("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
const ME = bytesToHex(addressFromSecretKey(KEY));
const WITH_CODE = bytesToHex(addressFromSecretKey(CODE_KEY));
const TO = hexToBytes("0x00000000000000000000000000000000000b0b01");

function fields(f: Partial<TransactionFields>): TransactionFields {
  return {
    type: 2, chainId: 270n, nonce: 0n, gasPrice: null, maxFeePerGas: 2_000n, maxPriorityFeePerGas: 1n, maxFeePerBlobGas: 0n,
    blobVersionedHashes: [], gasLimit: 100_000n, to: TO, value: 0n, data: new Uint8Array(0), accessList: [], ...f,
  };
}
const signed = (f: Partial<TransactionFields>, key = KEY): string => bytesToHex(signTransaction(fields(f), key).raw);
function highS(f: Partial<TransactionFields>): string {
  const t = signTransaction(fields(f), KEY);
  return bytesToHex(encodeTransaction(fields(f), { r: t.signature.r, s: secp256k1.Point.Fn.ORDER - t.signature.s, v: 1n - t.signature.v }));
}

/** The reported error of `raw` alone in a block, on a chain where ME holds `balance`. */
function errorOf(raw: string, balance = 10n ** 18n, block: Record<string, unknown> = {}): string | null {
  const chain = Chain.fromFixtureState({ [ME]: { balance }, [WITH_CODE]: { balance: 10n ** 18n, code: "0x00" } }, { chainId: 270 });
  const r = chain.runBlock(parseBlockSpec({ number: 1, timestamp: 1, baseFee: "0x3e8", gasLimit: "0x989680", nativePrice: "0xa", transactions: [raw], ...block }));
  return r.transactions[0]!.errorName;
}

describe("the first rule broken is the one reported", () => {
  it.each([
    ["gas limit over the block's before fee checks", signed({ gasLimit: 20_000_000n, maxFeePerGas: 10n }), "CallerGasLimitMoreThanBlock"],
    ["priority fee before base fee", signed({ maxPriorityFeePerGas: 600n, maxFeePerGas: 500n }), "PriorityFeeGreaterThanMaxFee"],
    ["base fee before resources", signed({ maxFeePerGas: 500n, maxPriorityFeePerGas: 1n, gasLimit: 1_000n }), "BaseFeeGreaterThanMaxFee"],
    ["resources (gas) before the nonce", signed({ gasLimit: 17_000n, nonce: 5n }), "OutOfGasDuringValidation"],
    ["initcode size before the nonce", signed({ to: null, data: new Uint8Array(49_153), gasLimit: 1_000_000n, nonce: 5n }), "CreateInitCodeSizeLimit"],
    ["nonce before the balance", signed({ nonce: 5n, value: 10n ** 30n }), "NonceTooHigh"],
    ["code check (EIP-3607) before the balance", signed({ value: 10n ** 30n }, CODE_KEY), "RejectCallerWithCode"],
    ["balance before malleability", highS({ value: 10n ** 30n }), "LackOfFundForMaxFee"],
    ["malleability before the signer", highS({ chainId: 271n }), "MalleableSignature"],
    ["signer (another chain's signature)", signed({ chainId: 271n }), "IncorrectFrom"],
    ["ecrecover's 3,000 gas: 20,999 is short", signed({ gasLimit: 20_999n }), "OutOfGasDuringValidation"],
  ])("%s", (_, raw, expected) => {
    expect(errorOf(raw)).toBe(expected);
  });

  it("gas per pubdata is checked before the nonce", () => {
    expect(errorOf(signed({ nonce: 5n }), 10n ** 18n, { gasPerPubdata: "0x2" })).toBe("GasPerPubdataTooHigh");
  });

  it("21,000 gas is exactly enough for a transfer (18,000 intrinsic + 3,000 ecrecover)", () => {
    expect(errorOf(signed({ gasLimit: 21_000n }))).toBeNull();
  });
});

describe("the hashes' keccak native (charge_keccak over the estimated RLP length)", () => {
  const payload = (f: TransactionFields, signedForm: boolean, v: bigint, r: bigint, s: bigint): RlpItem[] => {
    const u = uintToRlpBytes;
    const to = f.to ?? new Uint8Array(0);
    const al: RlpItem = f.accessList.map((e) => [e.address, e.storageKeys]);
    const items: RlpItem[] = f.type === 0
      ? [u(f.nonce), u(f.gasPrice!), u(f.gasLimit), to, u(f.value), f.data]
      : f.type === 1
        ? [u(f.chainId!), u(f.nonce), u(f.gasPrice!), u(f.gasLimit), to, u(f.value), f.data, al]
        : [u(f.chainId!), u(f.nonce), u(f.maxPriorityFeePerGas), u(f.maxFeePerGas), u(f.gasLimit), to, u(f.value), f.data, al];
    if (f.type === 0 && signedForm) items.push(u(f.chainId!), new Uint8Array(0), new Uint8Array(0));
    if (!signedForm) items.push(u(v), u(r), u(s));
    return items;
  };
  const cases: [string, TransactionFields][] = [
    ["legacy EIP-155", fields({ type: 0, gasPrice: 1_500n, maxFeePerGas: 1_500n, maxPriorityFeePerGas: 1_500n, data: new Uint8Array(70).fill(1) })],
    ["EIP-2930 with keys", fields({ type: 1, gasPrice: 7n, maxFeePerGas: 7n, maxPriorityFeePerGas: 7n, accessList: [{ address: TO, storageKeys: [new Uint8Array(32), new Uint8Array(32).fill(9)] }, { address: TO, storageKeys: [] }] })],
    ["EIP-1559 deployment, long data", fields({ to: null, data: new Uint8Array(300).fill(2), value: 10n ** 20n })],
  ];
  it.each(cases)("%s", (_, f) => {
    const t = signTransaction(f, KEY);
    const d = decodeZkTransaction(encodeZkTransaction(decodeRawZkTransaction(t.raw).tx));
    const chainId = 270n;
    const accessList = f.accessList;
    const res = new Resources(0, 10_000_000);
    chargedSignedHash(d, chainId, res, accessList);
    expect(10_000_000 - res.native).toBe(keccak256NativeCost(rlpEncode(payload(f, true, 0n, 0n, 0n)).length));
    const res2 = new Resources(0, 10_000_000);
    chargedTransactionHash(d, chainId, res2, accessList);
    // The reference's v: y parity + 27, plus 8 + 2·chainId for EIP-155 legacy (the canonical legacy v).
    const v = f.type === 0 ? t.signature.v : t.signature.v + 27n;
    expect(10_000_000 - res2.native).toBe(keccak256NativeCost(rlpEncode(payload(f, false, v, t.signature.r, t.signature.s)).length));
  });
});

describe("validation effects are not rolled back (§6.7 NOTE)", () => {
  it("an EOA's nonce bumped before a paymaster flow fails stays bumped", () => {
    const chain = Chain.fromFixtureState({ [ME]: { balance: 10n ** 18n } }, { chainId: 270 });
    const body = decodeRawZkTransaction(hexToBytes(signed({}))).tx;
    // A 0x71 from an EOA whose paymaster input names no known flow: Revert{AccountPrePaymaster} after the nonce bump.
    const tx = { ...body, txType: 0x71, gasPerPubdataByteLimit: 50_000n, paymaster: TO, paymasterInput: hexToBytes("0x12345678"), reserved: [0n, 0n, 0n, 0n] as [bigint, bigint, bigint, bigint] };
    const r = chain.runBlock(parseBlockSpec({ number: 1, timestamp: 1, baseFee: "0x3e8", nativePrice: "0xa", transactions: [{ abiBody: bytesToHex(encodeZkTransaction(signed712(tx))) }] }));
    expect(r.transactions[0]!.errorName).toBe("Revert");
    expect(chain.account(ME).nonce).toBe(1n);
  });
});

/** The 0x71 transaction with KEY's EIP-712 signature (r ‖ s ‖ 27 + parity). */
function signed712(tx: ZkTransaction): ZkTransaction {
  const sig = secp256k1.Signature.fromBytes(secp256k1.sign(signedHash(tx, 270n), KEY, { prehash: false, format: "recovered" }), "recovered");
  const out = new Uint8Array(65);
  out.set(hexToBytes("0x" + sig.r.toString(16).padStart(64, "0")), 0);
  out.set(hexToBytes("0x" + sig.s.toString(16).padStart(64, "0")), 32);
  out[64] = 27 + sig.recovery!;
  return { ...tx, signature: out };
}
