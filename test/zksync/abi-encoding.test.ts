import { describe, expect, it } from "vitest";
import { createContract } from "micro-eth-signer/abi.js";
import { keccak256 } from "../../ts/crypto/keccak";
import { ArgumentError } from "../../ts/errors";
import { bytesToHex } from "../../ts/primitives/hex";
import { decodeZkTransaction, encodeZkTransaction, encodeZkTransactionInto, parseZkTransactionBody, zkTransactionBodyLength } from "../../ts/zksync/transaction/abi-encoding";
import { l1TransactionHash } from "../../ts/zksync/transaction/hashes";
import { validateStructure } from "../../ts/zksync/transaction/structure";
import { HEAD_WORD, type ZkTransaction } from "../../ts/zksync/transaction/types";
import { InvalidTransaction } from "../../ts/zksync/validation-errors";
import { A, B32, sampleTxs, sig65 } from "./_txs";

// The reference's `Transaction` struct as Solidity ABI components (era-contracts TransactionHelper).
const FIELDS = [
  ...["txType", "from", "to", "gasLimit", "gasPerPubdataByteLimit", "maxFeePerGas", "maxPriorityFeePerGas", "paymaster", "nonce", "value"].map((name) => ({
    name,
    type: "uint256",
  })),
  { name: "reserved", type: "uint256[4]" },
  { name: "data", type: "bytes" },
  { name: "signature", type: "bytes" },
  { name: "factoryDeps", type: "bytes32[]" },
  { name: "paymasterInput", type: "bytes" },
  { name: "reservedDynamic", type: "bytes" },
] as const;
const contract = createContract([
  { type: "function", name: "params", inputs: FIELDS, outputs: [] },
  { type: "function", name: "tuple", inputs: [{ name: "tx", type: "tuple", components: FIELDS }], outputs: [] },
] as const) as unknown as Record<"params" | "tuple", { encodeInput(v: unknown): Uint8Array }>;

const asInt = (a: Uint8Array): bigint => BigInt(bytesToHex(a));
function abiValues(tx: ZkTransaction): Record<string, unknown> {
  return {
    txType: BigInt(tx.txType),
    from: asInt(tx.from),
    to: asInt(tx.to),
    gasLimit: tx.gasLimit,
    gasPerPubdataByteLimit: tx.gasPerPubdataByteLimit,
    maxFeePerGas: tx.maxFeePerGas,
    maxPriorityFeePerGas: tx.maxPriorityFeePerGas,
    paymaster: asInt(tx.paymaster),
    nonce: tx.nonce,
    value: tx.value,
    reserved: tx.reserved,
    data: tx.data,
    signature: tx.signature,
    factoryDeps: tx.factoryDeps,
    paymasterInput: tx.paymasterInput,
    reservedDynamic: tx.reservedDynamic,
  };
}

function invalid(fn: () => unknown): InvalidTransaction {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidTransaction) return e;
    throw e;
  }
  throw new Error("expected InvalidTransaction");
}

describe("round trips of every transaction type", () => {
  for (const [label, tx] of Object.entries(sampleTxs())) {
    it(`${label} (type 0x${tx.txType.toString(16)}): encode → decode → same fields and bytes; equals Solidity abi.encode`, () => {
      const body = encodeZkTransaction(tx);
      expect(body.length % 32).toBe(0);
      const decoded = decodeZkTransaction(body);
      expect(decoded.tx).toEqual(tx);
      expect(decoded.body).toEqual(body);
      expect(encodeZkTransaction(decoded.tx)).toEqual(body);
      // Into a dirty buffer at an offset: the same bytes, nothing around them touched.
      expect(zkTransactionBodyLength(tx)).toBe(body.length);
      const dirty = new Uint8Array(body.length + 40).fill(0xa5);
      expect(encodeZkTransactionInto(tx, dirty, 7)).toBe(body.length);
      expect(dirty.subarray(7, 7 + body.length)).toEqual(body);
      expect([...dirty.subarray(0, 7), ...dirty.subarray(7 + body.length)].every((b) => b === 0xa5)).toBe(true);
      expect(() => encodeZkTransactionInto(tx, dirty, 41)).toThrow(ArgumentError);
      // Differential: micro-eth-signer's ABI coder, params form (selector dropped).
      expect(body).toEqual(contract.params.encodeInput(abiValues(tx)).subarray(4));
      // keccak(abi.encode(tx)) with the tuple's leading 0x20 word = the L1 hash formula.
      expect(l1TransactionHash(body)).toEqual(keccak256(contract.tuple.encodeInput(abiValues(tx)).subarray(4)));
    });
  }

  it("shareBody: the same fields, as views into the body (the bootloader's decode); the default copies", () => {
    for (const tx of Object.values(sampleTxs())) {
      const body = encodeZkTransaction(tx);
      const shared = decodeZkTransaction(body, true);
      expect(shared.tx).toEqual(decodeZkTransaction(body).tx);
      expect(shared.body).toBe(body);
      for (const f of ["data", "signature", "paymasterInput", "reservedDynamic"] as const) expect(shared.tx[f].buffer).toBe(body.buffer);
      const copied = decodeZkTransaction(body);
      expect(copied.body).not.toBe(body);
      for (const f of ["data", "signature", "paymasterInput", "reservedDynamic"] as const) expect(copied.tx[f].buffer).not.toBe(body.buffer);
    }
  });

  it("tail offsets are tight and recorded in the layout", () => {
    const tx = sampleTxs().eip712;
    const { layout } = decodeZkTransaction(encodeZkTransaction(tx));
    // data: 37 bytes → 32 + 64; signature 65 → 32 + 96; 2 deps → 32 + 64; paymaster input 68 → 32 + 96.
    expect(layout).toEqual({ data: 0x260, signature: 0x260 + 96, factoryDeps: 0x260 + 96 + 128, paymasterInput: 0x260 + 96 + 128 + 96, reservedDynamic: 0x260 + 96 + 128 + 96 + 128 });
  });
});

describe("decoding rejects every malformed body as InvalidEncoding at the word at fault", () => {
  const good = (): Uint8Array => encodeZkTransaction(sampleTxs().eip1559);
  const at = (body: Uint8Array, off: number, v: number): Uint8Array => {
    body[off] = v;
    return body;
  };
  const setWord = (body: Uint8Array, off: number, v: number): Uint8Array => {
    body.fill(0, off, off + 32);
    new DataView(body.buffer).setUint32(off + 28, v);
    return body;
  };
  // eip1559 sample: data empty → data tail 0x260 (len only), signature 0x280, deps 0x300, pm 0x320, rd 0x340, end 0x360.
  const cases: [string, () => Uint8Array, number, RegExp][] = [
    ["empty body", () => new Uint8Array(0), 0, /empty body/],
    ["body ends inside the head", () => good().slice(0, 100), 96, /gasLimit: body ends/],
    ["txType above u8", () => at(good(), 30, 1), 0, /txType: high 31 bytes/],
    ["from with high bytes", () => at(good(), 32 + 11, 1), 32, /from: high 12 bytes/],
    ["to with high bytes", () => at(good(), 64, 1), 64, /to: high 12 bytes/],
    ["gasLimit above u64", () => at(good(), 96 + 23, 1), 96, /gasLimit: high 24/],
    ["gasPerPubdata above u32", () => at(good(), 128 + 27, 1), 128, /gasPerPubdataByteLimit: high 28/],
    ["maxFeePerGas above u128", () => at(good(), 160 + 15, 1), 160, /maxFeePerGas: high 16/],
    ["maxPriorityFeePerGas above u128", () => at(good(), 192, 1), 192, /maxPriorityFeePerGas: high 16/],
    ["paymaster with high bytes", () => at(good(), 224, 1), 224, /paymaster: high 12/],
    ["data offset not 0x260", () => setWord(good(), HEAD_WORD.dataOffset, 0x280), HEAD_WORD.dataOffset, /data offset must be 0x260/],
    ["an offset above u32", () => at(good(), HEAD_WORD.signatureOffset + 27, 1), HEAD_WORD.signatureOffset, /signature offset: high 28/],
    ["signature offset not tight", () => setWord(good(), HEAD_WORD.signatureOffset, 0x2a0), HEAD_WORD.signatureOffset, /signature offset must be 0x280/],
    ["factoryDeps offset not tight", () => setWord(good(), HEAD_WORD.factoryDepsOffset, 0x320), HEAD_WORD.factoryDepsOffset, /factoryDeps offset must be 0x300/],
    ["paymasterInput offset not tight", () => setWord(good(), HEAD_WORD.paymasterInputOffset, 0x300), HEAD_WORD.paymasterInputOffset, /paymasterInput offset/],
    ["reservedDynamic offset not tight", () => setWord(good(), HEAD_WORD.reservedDynamicOffset, 0), HEAD_WORD.reservedDynamicOffset, /reservedDynamic offset/],
    ["data length above u32", () => at(good(), 0x260 + 20, 1), 0x260, /data length: high 28/],
    ["data length past the end", () => setWord(good(), 0x260, 0x1000), 0x260, /data: 4096 bytes .* run past/],
    ["factoryDeps count past the end", () => setWord(good(), 0x300, 5), 0x300, /factoryDeps: 5 elements run past/],
    ["factoryDeps count overflowing u32 bytes", () => setWord(good(), 0x300, 0x0800_0000), 0x300, /overflow u32 bytes/],
    ["non-zero padding after the signature", () => at(good(), 0x2a0 + 65, 7), 0x2a0 + 65, /signature: padding byte must be zero/],
    ["trailing bytes", () => Uint8Array.of(...good(), ...new Uint8Array(32)), 0x360, /32 trailing bytes/],
  ];
  for (const [name, body, offset, rule] of cases) {
    it(name, () => {
      const e = invalid(() => decodeZkTransaction(body()));
      expect(e.reason).toBe("InvalidEncoding");
      expect((e as InvalidTransaction<"InvalidEncoding">).fields.offset).toBe(offset);
      expect((e as InvalidTransaction<"InvalidEncoding">).fields.rule).toMatch(rule);
      expect(e.message).toMatch(/^InvalidEncoding: transaction encoding is invalid at body offset/);
    });
  }

  it("padding inside data is checked too; exact-multiple lengths have none", () => {
    const tx = { ...sampleTxs().eip1559, data: new Uint8Array(33).fill(1) };
    const body = encodeZkTransaction(tx);
    body[0x260 + 32 + 33] = 1;
    expect(invalid(() => decodeZkTransaction(body)).fields).toMatchObject({ offset: 0x260 + 32 + 33 });
    const exact = { ...tx, data: new Uint8Array(64).fill(1) };
    expect(decodeZkTransaction(encodeZkTransaction(exact)).tx.data).toEqual(exact.data);
  });
});

describe("validate_structure: each rule broken once is InvalidEncoding naming the rule", () => {
  const s = sampleTxs();
  const cases: [string, ZkTransaction, string, number][] = [
    ["type 0x03 is not accepted", { ...s.eip1559, txType: 3 }, "type", HEAD_WORD.txType],
    ["type 0x70 is not accepted", { ...s.eip1559, txType: 0x70 }, "type", HEAD_WORD.txType],
    ["legacy with maxFee ≠ maxPriority", { ...s.legacy, maxPriorityFeePerGas: 1n }, "legacyFees", HEAD_WORD.maxPriorityFeePerGas],
    ["2930 with maxFee ≠ maxPriority", { ...s.eip2930, maxPriorityFeePerGas: 1n }, "legacyFees", HEAD_WORD.maxPriorityFeePerGas],
    ["paymaster on an EIP-1559 tx", { ...s.eip1559, paymaster: A(1) }, "paymaster", HEAD_WORD.paymaster],
    ["paymaster on an L1 tx", { ...s.l1, paymaster: A(1) }, "paymaster", HEAD_WORD.paymaster],
    ["reserved[0] on 1559", { ...s.eip1559, reserved: [1n, 0n, 0n, 0n] }, "reserved0", HEAD_WORD.reserved0],
    ["reserved[0] on 2930", { ...s.eip2930, reserved: [1n, 0n, 0n, 0n] }, "reserved0", HEAD_WORD.reserved0],
    ["reserved[0] on 0x71", { ...s.eip712, reserved: [1n, 0n, 0n, 0n] }, "reserved0", HEAD_WORD.reserved0],
    ["reserved[1] on 0x71", { ...s.eip712, to: A(0), reserved: [0n, 1n, 0n, 0n] }, "reserved1", HEAD_WORD.reserved1],
    ["deployment flag with a to address (legacy)", { ...s.legacyCreate, to: A(1) }, "reserved1", HEAD_WORD.reserved1],
    ["deployment flag with a to address (1559)", { ...s.eip1559, reserved: [0n, 1n, 0n, 0n] }, "reserved1", HEAD_WORD.reserved1],
    ["reserved[2] set", { ...s.l1, reserved: [s.l1.reserved[0], s.l1.reserved[1], 1n, 0n] }, "reserved23", HEAD_WORD.reserved2],
    ["reserved[3] set", { ...s.eip1559, reserved: [0n, 0n, 0n, 5n] }, "reserved23", HEAD_WORD.reserved3],
    ["64-byte signature on an L2 tx", { ...s.eip1559, signature: sig65().subarray(0, 64) }, "signatureLength", 0x280],
    ["empty signature on 0x71", { ...s.eip712, signature: new Uint8Array(0) }, "signatureLength", 0x260 + 96],
    ["signature on an L1 tx", { ...s.l1, signature: sig65() }, "signatureLength", 0x260 + 96],
    ["signature on an upgrade tx", { ...s.upgrade, signature: new Uint8Array(1) }, "signatureLength", 0x260 + 96],
    ["paymaster input on 1559", { ...s.eip1559, paymasterInput: new Uint8Array(4) }, "paymasterInput", 0x320],
    ["factory deps on 2930", { ...s.eip2930, factoryDeps: [B32(1)] }, "factoryDeps", 0x260 + 96 + 128],
    ["factory deps on legacy", { ...s.legacy, factoryDeps: [B32(1)] }, "factoryDeps", 0x260 + 96 + 128],
  ];
  for (const [name, tx, rule, offset] of cases) {
    it(name, () => {
      const body = encodeZkTransaction(tx);
      expect(() => parseZkTransactionBody(body)).not.toThrow();
      const e = invalid(() => decodeZkTransaction(body)) as InvalidTransaction<"InvalidEncoding">;
      expect(e.reason).toBe("InvalidEncoding");
      expect(e.fields.rule.startsWith(`${rule}:`)).toBe(true);
      expect(e.fields.offset).toBe(offset);
    });
  }

  it("allows what the reference allows: reserved[0] on legacy and L1, any reserved[1] on L1, deps on 0x71/0xff, a paymaster on 0x71", () => {
    const t = sampleTxs();
    for (const tx of [t.legacy, t.l1, t.upgrade, t.eip712, t.legacyCreate, { ...t.upgrade, reserved: [5n, 1n, 0n, 0n] as ZkTransaction["reserved"], factoryDeps: [B32(9)] }]) {
      expect(() => validateStructure(tx)).not.toThrow();
    }
  });
});

describe("encoding refuses values outside their ABI types", () => {
  const t = sampleTxs().eip1559;
  const cases: [string, ZkTransaction][] = [
    ["txType 256", { ...t, txType: 256 }],
    ["gasLimit 2^64", { ...t, gasLimit: 1n << 64n }],
    ["gasPerPubdata 2^32", { ...t, gasPerPubdataByteLimit: 1n << 32n }],
    ["maxFeePerGas 2^128", { ...t, maxFeePerGas: 1n << 128n }],
    ["negative value", { ...t, value: -1n }],
    ["19-byte from", { ...t, from: new Uint8Array(19) }],
    ["31-byte factory dep", { ...t, factoryDeps: [new Uint8Array(31)] }],
    ["three reserved words", { ...t, reserved: [0n, 0n, 0n] as unknown as ZkTransaction["reserved"] }],
  ];
  for (const [name, tx] of cases) it(name, () => expect(() => encodeZkTransaction(tx)).toThrow(ArgumentError));
});
