// The account properties record (ts/storage/account-properties.ts, zksync-os-reference.md §1.1, §1.4):
// the spec's hash vectors, the byte layout, records taken from the real witness, and the EXTCODEHASH rule.
import { describe, expect, it } from "vitest";
import { ArgumentError, InputError } from "../../ts/errors";
import {
  ACCOUNT_PROPERTIES_ENCODED_LEN, DEPLOYED_EVM_VERSIONING, EE_TYPE_EVM, EMPTY_CODE_KECCAK, TRIVIAL_ACCOUNT_PROPERTIES,
  accountPropertiesEqual, accountPropertiesHash, decodeAccountProperties, encodeAccountProperties, isDeployed,
  isTrivialAccount, makeVersioning, observableBytecodeHash, versioningFields, withEvmBytecode,
} from "../../ts/storage/account-properties";
import { hex, bytes } from "../helpers/bytes";

// Two account records that the real witness block's preimage queries answered.
const SENDER = "0000000000000000" + "0000000000000000" + "00000000000000000000000000000000000000000000021e19e0c9bab2400000"
  + "00".repeat(32) + "00000000" + "00000000" + "00".repeat(32) + "00000000";
const BOOTLOADER = "0101010000000000" + "0000000000000000" + "00".repeat(32)
  + "cd5565866d63344eb1756d1cb824b8ea542d1ad91156715581f2c792e834255e" + "000000e0" + "00000000"
  + "c67be3af301c151faed38a16faf365b5e56e88911e97ffbfe2dc2ed8e16fca1a" + "000000e0";
const BOOTLOADER_CODE = "0000000100200190000000040000c13d0000000001000019000000110001042e0000008001000039000000400010043f0000000001000416000000000001004b0000000e0000c13d0000002001000039000001000010044300000120000004430000000501000041000000110001042e000000000100001900000012000104300000001000000432000000110001042e0000001200010430000000000000000000000002000000000000000000000000000000400000010000000000000000008561a460d17923894e50038c21acb22207768a80938ab14099e7af65b44853da";

describe("encoding and hash", () => {
  it("the trivial record hashes to 0x7a2b5e8d…02b2 (not zero)", () => {
    expect(hex(accountPropertiesHash(TRIVIAL_ACCOUNT_PROPERTIES))).toBe("7a2b5e8d3961f5c992b2fa0ad45881ac0873fd0dced3c4b9085b02879c8a02b2");
    expect(encodeAccountProperties(TRIVIAL_ACCOUNT_PROPERTIES)).toEqual(new Uint8Array(124));
  });

  it("the witness's sender and bootloader records decode and hash to their tree values", () => {
    const s = decodeAccountProperties(bytes(SENDER));
    expect(s.balance).toBe(0x21e19e0c9bab2400000n);
    expect(s.nonce).toBe(0n);
    expect(hex(accountPropertiesHash(s))).toBe("016fb23c9f5d894ddc64c75776dd3db6df1ab273bbaf1ab3925464797b2a214d");
    const b = decodeAccountProperties(bytes(BOOTLOADER));
    expect(hex(accountPropertiesHash(b))).toBe("be8bd830b3048d57d92c6ac70be51a5f150e2333f691a00ab72addc5dc56d9a4");
    expect(hex(encodeAccountProperties(b))).toBe(BOOTLOADER);
    expect(b.bytecodeLen).toBe(224);
    expect(isDeployed(b)).toBe(true);
    // …and it is exactly what deploying its code over an empty account gives.
    expect(accountPropertiesEqual(withEvmBytecode(bytes(BOOTLOADER_CODE)), b)).toBe(true);
  });

  it.each([
    { field: "versioningData", value: 0x0102030405060708n, off: 0, hex: "0102030405060708" },
    { field: "nonce", value: 0x1122334455667788n, off: 8, hex: "1122334455667788" },
    { field: "balance", value: (1n << 255n) + 5n, off: 16, hex: "80" + "00".repeat(30) + "05" },
    { field: "bytecodeLen", value: 0x01020304, off: 80, hex: "01020304" },
    { field: "artifactsLen", value: 0x0a0b0c0d, off: 84, hex: "0a0b0c0d" },
    { field: "observableBytecodeLen", value: 0xffffffff, off: 120, hex: "ffffffff" },
  ])("$field sits big-endian at offset $off", ({ field, value, off, hex: h }) => {
    const enc = encodeAccountProperties({ ...TRIVIAL_ACCOUNT_PROPERTIES, [field]: value });
    expect(hex(enc.subarray(off, off + h.length / 2))).toBe(h);
    expect(decodeAccountProperties(enc)).toEqual({ ...TRIVIAL_ACCOUNT_PROPERTIES, [field]: value });
  });

  it("hashes sit at 48 and 88", () => {
    const enc = encodeAccountProperties({ ...TRIVIAL_ACCOUNT_PROPERTIES, bytecodeHash: new Uint8Array(32).fill(1), observableBytecodeHash: new Uint8Array(32).fill(2) });
    expect(enc[48]).toBe(1);
    expect(enc[79]).toBe(1);
    expect(enc[88]).toBe(2);
    expect(enc[119]).toBe(2);
    expect(enc.length).toBe(ACCOUNT_PROPERTIES_ENCODED_LEN);
  });

  it("rejects out-of-range fields and wrong lengths", () => {
    expect(() => encodeAccountProperties({ ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 1n << 64n })).toThrow(ArgumentError);
    expect(() => encodeAccountProperties({ ...TRIVIAL_ACCOUNT_PROPERTIES, balance: -1n })).toThrow(ArgumentError);
    expect(() => encodeAccountProperties({ ...TRIVIAL_ACCOUNT_PROPERTIES, bytecodeLen: 2 ** 32 })).toThrow(ArgumentError);
    expect(() => decodeAccountProperties(new Uint8Array(123))).toThrow(InputError);
  });
});

describe("versioning and EVM bytecode", () => {
  it("a deployed EVM contract's versioning word is 0x0101010000000000", () => {
    expect(DEPLOYED_EVM_VERSIONING).toBe(0x0101010000000000n);
    expect(versioningFields(DEPLOYED_EVM_VERSIONING)).toEqual({ deployed: 1, eeType: EE_TYPE_EVM, codeVersion: 1, systemAuxBitmask: 0, eeAuxBitmask: 0 });
    expect(makeVersioning({ deployed: 1, eeType: 2, codeVersion: 3, systemAuxBitmask: 4, eeAuxBitmask: 5 })).toBe(0x0102030405000000n);
  });

  it("code 0x0123456789 (system_hooks test): blake 1c4be3de…23d6f7, keccak 79fad56e…e6b944", () => {
    const p = withEvmBytecode(bytes("0123456789"));
    expect(hex(p.bytecodeHash)).toBe("1c4be3dec3ba88b69a8d3cd5cedd2b22f3da89b1ff9c8fd453c5a6e10c23d6f7");
    expect(hex(p.observableBytecodeHash)).toBe("79fad56e6cf52d0c8c2c033d568fc36856ba2b556774960968d79274b0e6b944");
    expect([p.bytecodeLen, p.observableBytecodeLen, p.artifactsLen]).toEqual([5, 5, 0]);
    expect(p.versioningData).toBe(DEPLOYED_EVM_VERSIONING);
  });

  it("deploying keeps nonce, balance and the aux bytes", () => {
    const base = { ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 1n, balance: 7n, versioningData: 0x00000000aabb0000n };
    const p = withEvmBytecode(bytes("60006000"), base);
    expect(p.nonce).toBe(1n);
    expect(p.balance).toBe(7n);
    expect(p.versioningData).toBe(0x01010100aabb0000n);
    expect(isTrivialAccount(p)).toBe(false);
    expect(isTrivialAccount(TRIVIAL_ACCOUNT_PROPERTIES)).toBe(true);
  });
});

describe("EXTCODEHASH (get_observable_bytecode_hash)", () => {
  const code = withEvmBytecode(bytes("6000"));
  it.each([
    { name: "empty account", p: TRIVIAL_ACCOUNT_PROPERTIES, evm: true, expected: "00".repeat(32) },
    { name: "EOA with balance", p: { ...TRIVIAL_ACCOUNT_PROPERTIES, balance: 1n }, evm: true, expected: hex(EMPTY_CODE_KECCAK) },
    { name: "EOA with nonce", p: { ...TRIVIAL_ACCOUNT_PROPERTIES, nonce: 1n }, evm: true, expected: hex(EMPTY_CODE_KECCAK) },
    { name: "contract", p: code, evm: true, expected: hex(code.observableBytecodeHash) },
    { name: "non-EVM caller sees the stored zero", p: { ...TRIVIAL_ACCOUNT_PROPERTIES, balance: 1n }, evm: false, expected: "00".repeat(32) },
  ])("$name", ({ p, evm, expected }) => {
    expect(hex(observableBytecodeHash(p, evm))).toBe(expected);
  });
});
