/**
 * The account properties record of ZKsync OS (zksync-os-reference.md §1.1, §1.4): the fixed 124-byte
 * big-endian encoding whose Blake2s hash sits at slot (0x8003, address), the packed versioning word,
 * EVM bytecode → properties, and the EXTCODEHASH rule. Source: account_cache_entry.rs at 0a82da0.
 * @module
 */
import { blake2s256 } from "../crypto/blake2s";
import { keccak256 } from "../crypto/keccak";
import { ArgumentError, InputError } from "../errors";
import { hexToBytes } from "../primitives/hex";
import { bigintFromBe, bigintIntoBe } from "../zksync/transaction/be-ints";

/** Bytes of the encoding. */
export const ACCOUNT_PROPERTIES_ENCODED_LEN = 124;

/** Execution environment types (`zk_ee/src/execution_environment_type.rs`), bits 48..55 of the versioning word. */
export const EE_TYPE_NONE = 0;
export const EE_TYPE_EVM = 1;
export const EE_TYPE_ERAVM = 2;
export const EE_TYPE_IWASM = 3;

/** `DEFAULT_ADDRESS_SPECIFIC_IMMUTABLE_DATA_VERSION`: the "deployed" marker value in bits 56..63. */
export const DEPLOYED_MARKER = 1;
/** `DEFAULT_CODE_VERSION_BYTE`, bits 40..47. */
export const DEFAULT_CODE_VERSION = 1;
/** Versioning word of a deployed EVM contract: deployed 1, EE type EVM, code version 1. */
export const DEPLOYED_EVM_VERSIONING = 0x0101_0100_0000_0000n;

/** Keccak-256 of the empty string: EXTCODEHASH of a code-less, non-empty account. */
export const EMPTY_CODE_KECCAK: Uint8Array = hexToBytes("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

const U64_MAX = (1n << 64n) - 1n;
const U256_MAX = (1n << 256n) - 1n;
const U32_MAX = 0xffff_ffff;

/** One account's properties. Integers are bigint (u64 / U256); hashes are 32-byte arrays. */
export interface AccountProperties {
  /** Packed u64: deployed marker, EE type, code version, system aux and EE aux bytes (see {@link versioningFields}). */
  readonly versioningData: bigint;
  readonly nonce: bigint;
  /** Base-token balance (U256). */
  readonly balance: bigint;
  /** Blake2s-256 of the stored bytecode (the preimage key). */
  readonly bytecodeHash: Uint8Array;
  readonly bytecodeLen: number;
  /** Always 0 for EVM at this commit. */
  readonly artifactsLen: number;
  /** Keccak-256 of the bytecode: what EXTCODEHASH returns. */
  readonly observableBytecodeHash: Uint8Array;
  /** What EXTCODESIZE returns. */
  readonly observableBytecodeLen: number;
}

/** `AccountProperties::TRIVIAL_VALUE`: every field zero; the properties of an account that does not exist. */
export const TRIVIAL_ACCOUNT_PROPERTIES: AccountProperties = Object.freeze({
  versioningData: 0n,
  nonce: 0n,
  balance: 0n,
  bytecodeHash: new Uint8Array(32),
  bytecodeLen: 0,
  artifactsLen: 0,
  observableBytecodeHash: new Uint8Array(32),
  observableBytecodeLen: 0,
});

/** The bytes of the versioning word (`VersioningData`), most significant first. */
export interface VersioningFields {
  /** Bits 56..63: {@link DEPLOYED_MARKER} when deployed. */
  readonly deployed: number;
  /** Bits 48..55: EE_TYPE_*. */
  readonly eeType: number;
  /** Bits 40..47. */
  readonly codeVersion: number;
  /** Bits 32..39. */
  readonly systemAuxBitmask: number;
  /** Bits 24..31. */
  readonly eeAuxBitmask: number;
}

/** Unpacks a versioning word. Bits 0..23 are unused and ignored. */
export function versioningFields(versioningData: bigint): VersioningFields {
  const byte = (shift: bigint): number => Number((versioningData >> shift) & 0xffn);
  return { deployed: byte(56n), eeType: byte(48n), codeVersion: byte(40n), systemAuxBitmask: byte(32n), eeAuxBitmask: byte(24n) };
}

/** Packs a versioning word (each field one byte). */
export function makeVersioning(f: VersioningFields): bigint {
  for (const [name, v] of Object.entries(f)) {
    if (!Number.isInteger(v) || v < 0 || v > 255) throw new ArgumentError(`versioning field ${name} must be a byte, got ${v}`);
  }
  return (BigInt(f.deployed) << 56n) | (BigInt(f.eeType) << 48n) | (BigInt(f.codeVersion) << 40n)
    | (BigInt(f.systemAuxBitmask) << 32n) | (BigInt(f.eeAuxBitmask) << 24n);
}

/** `VersioningData::is_deployed`: the top byte equals {@link DEPLOYED_MARKER}. */
export function isDeployed(p: AccountProperties): boolean {
  return Number(p.versioningData >> 56n) === DEPLOYED_MARKER;
}

// Fields checked to fit (checkProperties); `out` is fresh, so bytes above v's stay zero.
function writeUint(out: Uint8Array, off: number, len: number, v: bigint): void {
  bigintIntoBe(v, out, off, len);
}

function readUint(b: Uint8Array, off: number, len: number): bigint {
  return bigintFromBe(b, off, off + len);
}

function writeU32(out: Uint8Array, off: number, v: number): void {
  out[off] = v >>> 24;
  out[off + 1] = (v >>> 16) & 0xff;
  out[off + 2] = (v >>> 8) & 0xff;
  out[off + 3] = v & 0xff;
}

function readU32(b: Uint8Array, off: number): number {
  return ((b[off]! << 24) | (b[off + 1]! << 16) | (b[off + 2]! << 8) | b[off + 3]!) >>> 0;
}

function checkProperties(p: AccountProperties): void {
  const inRange = (v: unknown, max: bigint): boolean => typeof v === "bigint" && v >= 0n && v <= max;
  if (!inRange(p.versioningData, U64_MAX)) throw new ArgumentError("versioningData must be a u64 bigint");
  if (!inRange(p.nonce, U64_MAX)) throw new ArgumentError("nonce must be a u64 bigint");
  if (!inRange(p.balance, U256_MAX)) throw new ArgumentError("balance must be a U256 bigint");
  for (const k of ["bytecodeHash", "observableBytecodeHash"] as const) {
    const h = p[k];
    if (!(h instanceof Uint8Array) || h.length !== 32) throw new ArgumentError(`${k} must be a 32-byte Uint8Array`);
  }
  for (const k of ["bytecodeLen", "artifactsLen", "observableBytecodeLen"] as const) {
    const v = p[k];
    if (!Number.isInteger(v) || v < 0 || v > U32_MAX) throw new ArgumentError(`${k} must be a u32, got ${v}`);
  }
}

/**
 * The 124-byte encoding: versioning u64 ‖ nonce u64 ‖ balance U256 ‖ bytecode_hash ‖ bytecode_len u32 ‖
 * artifacts_len u32 ‖ observable_bytecode_hash ‖ observable_bytecode_len u32, integers big-endian.
 * @throws ArgumentError if a field is out of its range
 */
export function encodeAccountProperties(p: AccountProperties): Uint8Array {
  const out = new Uint8Array(ACCOUNT_PROPERTIES_ENCODED_LEN);
  encodeAccountPropertiesInto(p, out);
  return out;
}

/**
 * {@link encodeAccountProperties} into a zeroed 124-byte array (block end encodes every changed
 * account into views of one buffer: a fresh 124-byte array is an off-heap allocation each).
 * @throws ArgumentError if a field is out of its range or `out` is not 124 bytes
 */
export function encodeAccountPropertiesInto(p: AccountProperties, out: Uint8Array): void {
  checkProperties(p);
  if (out.length !== ACCOUNT_PROPERTIES_ENCODED_LEN) throw new ArgumentError(`account properties encode into ${ACCOUNT_PROPERTIES_ENCODED_LEN} bytes, got ${out.length}`);
  writeUint(out, 0, 8, p.versioningData);
  writeUint(out, 8, 8, p.nonce);
  writeUint(out, 16, 32, p.balance);
  out.set(p.bytecodeHash, 48);
  writeU32(out, 80, p.bytecodeLen);
  writeU32(out, 84, p.artifactsLen);
  out.set(p.observableBytecodeHash, 88);
  writeU32(out, 120, p.observableBytecodeLen);
}

/**
 * Decodes the 124-byte encoding (e.g. a preimage answered by the oracle).
 * @param where - names the source for the error
 * @throws InputError if `bytes` is not exactly 124 bytes
 */
export function decodeAccountProperties(bytes: Uint8Array, where = "account properties"): AccountProperties {
  if (!(bytes instanceof Uint8Array) || bytes.length !== ACCOUNT_PROPERTIES_ENCODED_LEN) {
    throw new InputError(where, `expected ${ACCOUNT_PROPERTIES_ENCODED_LEN} bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}`);
  }
  return {
    versioningData: readUint(bytes, 0, 8),
    nonce: readUint(bytes, 8, 8),
    balance: readUint(bytes, 16, 32),
    bytecodeHash: bytes.slice(48, 80),
    bytecodeLen: readU32(bytes, 80),
    artifactsLen: readU32(bytes, 84),
    observableBytecodeHash: bytes.slice(88, 120),
    observableBytecodeLen: readU32(bytes, 120),
  };
}

/**
 * Account hash = Blake2s-256 of the 124-byte encoding (no tag, no length). Not zero for the trivial
 * record: 0x7a2b5e8d…02b2.
 */
export function accountPropertiesHash(p: AccountProperties): Uint8Array {
  return blake2s256(encodeAccountProperties(p));
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Field-by-field equality (what "the record changed" means at block end, §1.3). */
export function accountPropertiesEqual(a: AccountProperties, b: AccountProperties): boolean {
  return a.versioningData === b.versioningData && a.nonce === b.nonce && a.balance === b.balance
    && a.bytecodeLen === b.bytecodeLen && a.artifactsLen === b.artifactsLen && a.observableBytecodeLen === b.observableBytecodeLen
    && bytesEqual(a.bytecodeHash, b.bytecodeHash) && bytesEqual(a.observableBytecodeHash, b.observableBytecodeHash);
}

/** True when every field is zero ({@link TRIVIAL_ACCOUNT_PROPERTIES}). */
export function isTrivialAccount(p: AccountProperties): boolean {
  return accountPropertiesEqual(p, TRIVIAL_ACCOUNT_PROPERTIES);
}

/**
 * The record after an EVM deployment of `code` over `base` (`account_cache.rs::deploy_code`): raw,
 * unpadded code, no artifacts; bytecode hash = Blake2s(code), observable hash = Keccak(code), both
 * lengths = code length; versioning gets deployed, EE type EVM and code version 1, other bits kept;
 * nonce and balance kept. With the default `base` this is the reference's `evm_bytecode_into_account_properties`.
 * @throws ArgumentError if the code is longer than a u32 length allows
 */
export function withEvmBytecode(code: Uint8Array, base: AccountProperties = TRIVIAL_ACCOUNT_PROPERTIES): AccountProperties {
  if (!(code instanceof Uint8Array) || code.length > U32_MAX) throw new ArgumentError("code must be a Uint8Array of at most 2^32 − 1 bytes");
  const keep = base.versioningData & 0x0000_00ff_ffff_ffffn;
  return {
    ...base,
    versioningData: keep | DEPLOYED_EVM_VERSIONING,
    bytecodeHash: blake2s256(code),
    bytecodeLen: code.length,
    artifactsLen: 0,
    observableBytecodeHash: keccak256(code),
    observableBytecodeLen: code.length,
  };
}

function isZero(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}

/**
 * What EXTCODEHASH returns (`io_subsystem.rs::get_observable_bytecode_hash`): for an EVM caller, a zero
 * observable hash means no code, and then the result is 0 for an empty account (nonce 0 and balance 0)
 * and Keccak("") otherwise; any other case returns the stored observable hash.
 */
export function observableBytecodeHash(p: AccountProperties, callerIsEvm = true): Uint8Array {
  if (callerIsEvm && isZero(p.observableBytecodeHash)) {
    return p.nonce === 0n && p.balance === 0n ? new Uint8Array(32) : EMPTY_CODE_KECCAK.slice();
  }
  return p.observableBytecodeHash.slice();
}
