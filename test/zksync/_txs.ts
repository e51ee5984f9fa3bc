// Sample ZkTransactions of every type for the zksync tests, valid under validate_structure.
import { hexToBytes } from "../../ts/primitives/hex";
import { encodeAccessList } from "../../ts/zksync/transaction/access-list";
import type { ZkTransaction } from "../../ts/zksync/transaction/types";

export const A = (byte: number): Uint8Array => new Uint8Array(20).fill(byte);
export const B32 = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);

export function sig65(v = 27): Uint8Array {
  const s = new Uint8Array(65);
  s.fill(0x11, 0, 32);
  s.fill(0x22, 32, 64);
  s[64] = v;
  return s;
}

function base(txType: number): ZkTransaction {
  return {
    txType,
    from: A(0xaa),
    to: A(0xbb),
    gasLimit: 1_000_000n,
    gasPerPubdataByteLimit: 50_000n,
    maxFeePerGas: 2_000_000_000n,
    maxPriorityFeePerGas: 1_000_000_000n,
    paymaster: A(0),
    nonce: 7n,
    value: 10n ** 18n,
    reserved: [0n, 0n, 0n, 0n],
    data: hexToBytes("0xa9059cbb00000000000000000000000000000000000000000000000000000000000000ff00"),
    signature: sig65(),
    factoryDeps: [],
    paymasterInput: new Uint8Array(0),
    reservedDynamic: new Uint8Array(0),
  };
}

/** One valid transaction per accepted type, keyed by a short label. */
export function sampleTxs(): Record<string, ZkTransaction> {
  const legacy = { ...base(0), maxPriorityFeePerGas: 2_000_000_000n, reserved: [1n, 0n, 0n, 0n] as ZkTransaction["reserved"] };
  const legacyCreate = { ...legacy, to: A(0), reserved: [0n, 1n, 0n, 0n] as ZkTransaction["reserved"] };
  const eip2930 = {
    ...base(1),
    maxPriorityFeePerGas: 2_000_000_000n,
    reservedDynamic: encodeAccessList([
      { address: A(0x01), storageKeys: [B32(0x02), B32(0x03)] },
      { address: A(0x04), storageKeys: [] },
    ]),
  };
  const eip1559 = { ...base(2), data: new Uint8Array(0) };
  const eip712 = {
    ...base(0x71),
    paymaster: A(0xcc),
    paymasterInput: hexToBytes("0x8c5a344500000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000"),
    factoryDeps: [B32(0x01), B32(0x7f)],
  };
  const l1 = {
    ...base(0xff),
    maxPriorityFeePerGas: 0n,
    nonce: 3n,
    gasPerPubdataByteLimit: 800n,
    signature: new Uint8Array(0),
    reserved: [10n ** 18n + 1_000_000n * 2_000_000_000n, BigInt("0x" + "dd".repeat(20)), 0n, 0n] as ZkTransaction["reserved"],
    factoryDeps: [B32(0x05)],
  };
  const upgrade = { ...l1, txType: 0xfe, value: 0n, reserved: [0n, 0n, 0n, 0n] as ZkTransaction["reserved"], factoryDeps: [] };
  return { legacy, legacyCreate, eip2930, eip1559, eip712, l1, upgrade };
}
