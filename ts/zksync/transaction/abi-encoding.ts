/**
 * The oracle/ABI transaction body (zksync-os-reference.md §5.1; `ZkSyncTransaction::try_from_slice`):
 * Solidity `abi.encode` of the 16 fields as a parameter tuple, 19 head words then tight tails.
 * Decoding applies every check of the reference in its order; a failure is InvalidEncoding at the
 * byte offset (from the body start) of the word at fault.
 * @module
 */
import { ArgumentError } from "../../errors";
import { InvalidTransaction } from "../validation-errors";
import { bigintFromBe, bigintIntoBe } from "./be-ints";
import { validateStructure } from "./structure";
import { HEAD_BYTES, HEAD_WORD, type DecodedZkTransaction, type ZkTransaction, type ZkTransactionLayout } from "./types";

function fail(offset: number, rule: string): never {
  throw new InvalidTransaction("InvalidEncoding", { offset, rule });
}

/** Reads the 32-byte big-endian word at `off` whose top `zeroBytes` bytes must be zero. */
class BodyReader {
  constructor(
    readonly body: Uint8Array,
    /** Copy `bytes` fields out of the body (false: views into it). */
    readonly copy = true,
    public off = 0,
  ) {}

  private word(zeroBytes: number, what: string): number {
    const at = this.off;
    if (at + 32 > this.body.length) fail(at, `${what}: body ends inside this word`);
    for (let i = 0; i < zeroBytes; i++) {
      if (this.body[at + i] !== 0) fail(at, `${what}: high ${zeroBytes} bytes must be zero`);
    }
    this.off = at + 32;
    return at;
  }

  /** An integer of `bits` bits (8, 32, 64, 128 or 256). */
  uint(bits: number, what: string): bigint {
    const at = this.word(32 - bits / 8, what);
    return bigintFromBe(this.body, at + 32 - bits / 8, at + 32);
  }

  /** A u32 as a number (lengths, offsets). */
  u32(what: string): number {
    const at = this.word(28, what);
    const b = this.body;
    return ((b[at + 28]! << 24) | (b[at + 29]! << 16) | (b[at + 30]! << 8) | b[at + 31]!) >>> 0;
  }

  u8(what: string): number {
    const at = this.word(31, what);
    return this.body[at + 31]!;
  }

  address(what: string): Uint8Array {
    const at = this.word(12, what);
    return this.body.slice(at + 12, at + 32);
  }

  /** `bytes`: length word, then data zero-padded to a multiple of 32 (`Parser::parse_bytes`). */
  bytes(what: string): Uint8Array {
    const lenAt = this.off;
    const len = this.u32(`${what} length`);
    const padded = Math.ceil(len / 32) * 32;
    // The reference computes the padded length in u32 and fails on overflow.
    if (padded > 0xffff_ffff) fail(lenAt, `${what}: padded length overflows u32`);
    const start = this.off;
    if (this.body.length - start < padded) fail(lenAt, `${what}: ${len} bytes (padded ${padded}) run past the body end`);
    for (let i = start + len; i < start + padded; i++) {
      if (this.body[i] !== 0) fail(i, `${what}: padding byte must be zero`);
    }
    this.off = start + padded;
    return this.copy ? this.body.slice(start, start + len) : this.body.subarray(start, start + len);
  }

  /** `bytes32[]`: count word, then count 32-byte elements (`Parser::parse_bytes32_vector`). */
  bytes32Array(what: string): Uint8Array[] {
    const lenAt = this.off;
    const count = this.u32(`${what} length`);
    const size = count * 32;
    if (size > 0xffff_ffff) fail(lenAt, `${what}: ${count} elements overflow u32 bytes`);
    const start = this.off;
    if (this.body.length - start < size) fail(lenAt, `${what}: ${count} elements run past the body end`);
    const out: Uint8Array[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = this.body.slice(start + 32 * i, start + 32 * i + 32);
    this.off = start + size;
    return out;
  }
}

/**
 * Parses a body without the structural rules: every word width, the exact tail offsets
 * (data at 0x260, each next tail where the previous ended), zero padding, no trailing bytes.
 * With `shareBody`, the result's body and its byte fields (data, signature, paymasterInput,
 * reservedDynamic) are views into `body`, which the caller must then leave unchanged.
 * @throws InvalidTransaction("InvalidEncoding") with the offset of the word at fault
 */
export function parseZkTransactionBody(body: Uint8Array, shareBody = false): DecodedZkTransaction {
  if (body.length === 0) fail(0, "empty body");
  const r = new BodyReader(body, !shareBody);
  const txType = r.u8("txType");
  const from = r.address("from");
  const to = r.address("to");
  const gasLimit = r.uint(64, "gasLimit");
  const gasPerPubdataByteLimit = r.uint(32, "gasPerPubdataByteLimit");
  const maxFeePerGas = r.uint(128, "maxFeePerGas");
  const maxPriorityFeePerGas = r.uint(128, "maxPriorityFeePerGas");
  const paymaster = r.address("paymaster");
  const nonce = r.uint(256, "nonce");
  const value = r.uint(256, "value");
  const reserved: [bigint, bigint, bigint, bigint] = [
    r.uint(256, "reserved[0]"),
    r.uint(256, "reserved[1]"),
    r.uint(256, "reserved[2]"),
    r.uint(256, "reserved[3]"),
  ];
  const layout: ZkTransactionLayout = {
    data: r.u32("data offset"),
    signature: r.u32("signature offset"),
    factoryDeps: r.u32("factoryDeps offset"),
    paymasterInput: r.u32("paymasterInput offset"),
    reservedDynamic: r.u32("reservedDynamic offset"),
  };
  if (layout.data !== HEAD_BYTES) fail(HEAD_WORD.dataOffset, `data offset must be 0x260, got 0x${layout.data.toString(16)}`);
  const data = r.bytes("data");
  const tail = (declared: number, word: number, name: string): void => {
    if (declared !== r.off) fail(word, `${name} offset must be 0x${r.off.toString(16)} (tight), got 0x${declared.toString(16)}`);
  };
  tail(layout.signature, HEAD_WORD.signatureOffset, "signature");
  const signature = r.bytes("signature");
  tail(layout.factoryDeps, HEAD_WORD.factoryDepsOffset, "factoryDeps");
  const factoryDeps = r.bytes32Array("factoryDeps");
  tail(layout.paymasterInput, HEAD_WORD.paymasterInputOffset, "paymasterInput");
  const paymasterInput = r.bytes("paymasterInput");
  tail(layout.reservedDynamic, HEAD_WORD.reservedDynamicOffset, "reservedDynamic");
  const reservedDynamic = r.bytes("reservedDynamic");
  if (r.off !== body.length) fail(r.off, `${body.length - r.off} trailing bytes after reservedDynamic`);
  const tx: ZkTransaction = {
    txType,
    from,
    to,
    gasLimit,
    gasPerPubdataByteLimit,
    maxFeePerGas,
    maxPriorityFeePerGas,
    paymaster,
    nonce,
    value,
    reserved,
    data,
    signature,
    factoryDeps,
    paymasterInput,
    reservedDynamic,
  };
  return { tx, body: shareBody ? body : body.slice(), layout };
}

/**
 * Decodes an oracle transaction body as the bootloader does (`try_from_slice`): parse, then
 * `validate_structure`. Both failures are InvalidEncoding in the reference.
 * @throws InvalidTransaction("InvalidEncoding") naming the body offset and the rule broken
 */
export function decodeZkTransaction(body: Uint8Array, shareBody = false): DecodedZkTransaction {
  const decoded = parseZkTransactionBody(body, shareBody);
  validateStructure(decoded.tx, decoded.layout);
  return decoded;
}

function checkUint(v: bigint, bits: number, name: string): void {
  if (typeof v !== "bigint" || v < 0n || v > uintMax(bits)) throw new ArgumentError(`${name}: expected a u${bits} bigint, got ${String(v)}`);
}

// The largest u`bits` (constants, so a check allocates no bigint).
const U32_MAX = (1n << 32n) - 1n;
const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const U256_MAX = (1n << 256n) - 1n;
function uintMax(bits: number): bigint {
  return bits === 64 ? U64_MAX : bits === 256 ? U256_MAX : bits === 128 ? U128_MAX : bits === 32 ? U32_MAX : (1n << BigInt(bits)) - 1n;
}

function checkLen(b: Uint8Array, len: number, name: string): void {
  if (!(b instanceof Uint8Array) || b.length !== len) throw new ArgumentError(`${name}: expected ${len} bytes, got ${b instanceof Uint8Array ? b.length : typeof b}`);
}

function putUint(out: Uint8Array, at: number, v: bigint): void {
  bigintIntoBe(v, out, at, 32);
}

const padded = (n: number): number => Math.ceil(n / 32) * 32;

/**
 * The body the oracle hands the bootloader for `tx` (tight `abi.encode` of the field tuple, no
 * leading 0x20 word). Structural rules are not checked: any well-typed field set encodes.
 * @throws ArgumentError if a field is outside its ABI type (e.g. gasLimit ≥ 2^64, a 19-byte address)
 */
export function encodeZkTransaction(tx: ZkTransaction): Uint8Array {
  const out = new Uint8Array(zkTransactionBodyLength(tx));
  writeBody(tx, out, 0);
  return out;
}

/**
 * The length of {@link encodeZkTransaction}(tx), with the same checks.
 * @throws ArgumentError if a field is outside its ABI type
 */
export function zkTransactionBodyLength(tx: ZkTransaction): number {
  if (!Number.isInteger(tx.txType) || tx.txType < 0 || tx.txType > 0xff) throw new ArgumentError(`txType: expected a u8, got ${tx.txType}`);
  checkLen(tx.from, 20, "from");
  checkLen(tx.to, 20, "to");
  checkLen(tx.paymaster, 20, "paymaster");
  checkUint(tx.gasLimit, 64, "gasLimit");
  checkUint(tx.gasPerPubdataByteLimit, 32, "gasPerPubdataByteLimit");
  checkUint(tx.maxFeePerGas, 128, "maxFeePerGas");
  checkUint(tx.maxPriorityFeePerGas, 128, "maxPriorityFeePerGas");
  checkUint(tx.nonce, 256, "nonce");
  checkUint(tx.value, 256, "value");
  if (tx.reserved.length !== 4) throw new ArgumentError(`reserved: expected 4 words, got ${tx.reserved.length}`);
  tx.reserved.forEach((v, i) => checkUint(v, 256, `reserved[${i}]`));
  tx.factoryDeps.forEach((d, i) => checkLen(d, 32, `factoryDeps[${i}]`));
  const end = HEAD_BYTES + 5 * 32 + padded(tx.data.length) + padded(tx.signature.length) + 32 * tx.factoryDeps.length
    + padded(tx.paymasterInput.length) + padded(tx.reservedDynamic.length);
  if (end > 0xffff_ffff) throw new ArgumentError(`transaction body of ${end} bytes exceeds u32 offsets`);
  return end;
}

/**
 * Writes {@link encodeZkTransaction}(tx) into `out` at `at` (the {@link zkTransactionBodyLength}
 * bytes there are zeroed first), e.g. straight into a shared buffer without an intermediate copy.
 * @throws ArgumentError if a field is outside its ABI type, or the body does not fit in `out`
 */
export function encodeZkTransactionInto(tx: ZkTransaction, out: Uint8Array, at: number): number {
  const len = zkTransactionBodyLength(tx);
  if (at < 0 || at + len > out.length) throw new ArgumentError(`a body of ${len} bytes does not fit at ${at} of ${out.length}`);
  const view = out.subarray(at, at + len);
  view.fill(0);
  writeBody(tx, view, 0);
  return len;
}

// Writes the checked `tx` into the zeroed `out` from `base` (words are written only where non-zero).
function writeBody(tx: ZkTransaction, out: Uint8Array, base: number): void {
  const dataAt = HEAD_BYTES;
  const sigAt = dataAt + 32 + padded(tx.data.length);
  const depsAt = sigAt + 32 + padded(tx.signature.length);
  const pmAt = depsAt + 32 + 32 * tx.factoryDeps.length;
  const rdAt = pmAt + 32 + padded(tx.paymasterInput.length);
  out[base + HEAD_WORD.txType + 31] = tx.txType;
  out.set(tx.from, base + HEAD_WORD.from + 12);
  out.set(tx.to, base + HEAD_WORD.to + 12);
  putUint(out, base + HEAD_WORD.gasLimit, tx.gasLimit);
  putUint(out, base + HEAD_WORD.gasPerPubdataByteLimit, tx.gasPerPubdataByteLimit);
  putUint(out, base + HEAD_WORD.maxFeePerGas, tx.maxFeePerGas);
  putUint(out, base + HEAD_WORD.maxPriorityFeePerGas, tx.maxPriorityFeePerGas);
  out.set(tx.paymaster, base + HEAD_WORD.paymaster + 12);
  putUint(out, base + HEAD_WORD.nonce, tx.nonce);
  putUint(out, base + HEAD_WORD.value, tx.value);
  for (let i = 0; i < 4; i++) putUint(out, base + HEAD_WORD.reserved0 + 32 * i, tx.reserved[i]!);
  putU32(out, base + HEAD_WORD.dataOffset, dataAt);
  putU32(out, base + HEAD_WORD.signatureOffset, sigAt);
  putU32(out, base + HEAD_WORD.factoryDepsOffset, depsAt);
  putU32(out, base + HEAD_WORD.paymasterInputOffset, pmAt);
  putU32(out, base + HEAD_WORD.reservedDynamicOffset, rdAt);
  const putBytes = (at: number, b: Uint8Array): void => {
    putU32(out, base + at, b.length);
    out.set(b, base + at + 32);
  };
  putBytes(dataAt, tx.data);
  putBytes(sigAt, tx.signature);
  putU32(out, base + depsAt, tx.factoryDeps.length);
  tx.factoryDeps.forEach((d, i) => out.set(d, base + depsAt + 32 + 32 * i));
  putBytes(pmAt, tx.paymasterInput);
  putBytes(rdAt, tx.reservedDynamic);
}

// A u32 (offsets, lengths: the encoder keeps them below 2^32) into the low bytes of the word at `at`.
function putU32(out: Uint8Array, at: number, v: number): void {
  out[at + 28] = v >>> 24;
  out[at + 29] = (v >>> 16) & 0xff;
  out[at + 30] = (v >>> 8) & 0xff;
  out[at + 31] = v & 0xff;
}
