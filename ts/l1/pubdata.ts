/**
 * Pubdata of a block, byte for byte (zksync-os-reference.md §4.3–§4.5; reference at 0a82da0:
 * zk_ee/src/common_structs/pubdata_compression.rs, account_cache_entry.rs `diff_compression`,
 * flat_storage_model/mod.rs `finish`, logs_storage.rs `apply_pubdata`): value-diff and account-diff
 * compression, the state-diff section with this commit's key-emission bug, and the log/message sections.
 * @module
 */
import { ArgumentError } from "../errors";
import { ACCOUNT_PROPERTIES_STORAGE_ADDRESS, compareCacheAddresses, flatKey } from "../storage/flat-key";
import type { AccountProperties } from "../storage/account-properties";
import { ZERO_WORD, type Word } from "../state/word";
import { bigintIntoBe } from "../zksync/transaction/be-ints";
import { encodeL2ToL1Log, type L2ToL1LogWithMessage } from "./l2-to-l1-logs";

/** Value-diff strategies: the low 3 bits of the metadata byte. */
export const VALUE_DIFF_NOTHING = 0;
export const VALUE_DIFF_ADD = 1;
export const VALUE_DIFF_SUB = 2;
export const VALUE_DIFF_TRANSFORM = 3;
/** Low 3 bits of an account diff's metadata byte. */
export const ACCOUNT_DIFF_TYPE = 4;

function check32(b: unknown, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== 32) throw new ArgumentError(`${what} must be a 32-byte Uint8Array`);
}

// out = a − b over 32-byte big-endian words; returns true on underflow (the overflowing_sub flag).
function sub32(a: Uint8Array, b: Uint8Array, out: Uint8Array): boolean {
  let borrow = 0;
  for (let i = 31; i >= 0; i--) {
    let d = a[i]! - b[i]! - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 256;
    out[i] = d;
  }
  return borrow === 1;
}

// ceil(bit_len / 8): bytes without leading zeros.
function byteLen(x: Uint8Array): number {
  let i = 0;
  while (i < 32 && x[i] === 0) i++;
  return 32 - i;
}

interface Choice {
  readonly type: number;
  /** Payload bytes (the minimal big-endian tail), or the full 32-byte value for Nothing. */
  readonly payload: Uint8Array;
}

// optimal_compression: Nothing (33 bytes) unless Add, Sub or Transform is strictly shorter, tried in
// that order, so ties go to the earlier strategy. Add/Sub need no overflow, and all three a payload
// under 32 bytes.
function choose(initial: Uint8Array, final: Uint8Array): Choice {
  let best: Choice = { type: VALUE_DIFF_NOTHING, payload: final };
  let bestLen = 33;
  const d = new Uint8Array(32);
  const consider = (type: number, x: Uint8Array, overflow: boolean): void => {
    const len = byteLen(x);
    if (overflow || len === 32 || len + 1 >= bestLen) return;
    best = { type, payload: x.slice(32 - len) };
    bestLen = len + 1;
  };
  consider(VALUE_DIFF_ADD, d, sub32(final, initial, d));
  consider(VALUE_DIFF_SUB, d, sub32(initial, final, d));
  consider(VALUE_DIFF_TRANSFORM, final, false);
  return best;
}

/**
 * Compressed diff of a 32-byte value: metadata `(len << 3) | type` then the payload (for Nothing:
 * metadata 0 and the 32-byte final value). E.g. 0xff00…00 → 0xff00…03 gives `09 03` (Add 3).
 * @throws ArgumentError unless both values are 32 bytes
 */
export function compressValueDiff(initial: Uint8Array, final: Uint8Array): Uint8Array {
  check32(initial, "initial");
  check32(final, "final");
  const c = choose(initial, final);
  const out = new Uint8Array(1 + c.payload.length);
  out[0] = c.type === VALUE_DIFF_NOTHING ? 0 : (c.payload.length << 3) | c.type;
  out.set(c.payload, 1);
  return out;
}

/** Length of {@link compressValueDiff} (`optimal_compression_length`). */
export function valueDiffLength(initial: Uint8Array, final: Uint8Array): number {
  check32(initial, "initial");
  check32(final, "final");
  const c = choose(initial, final);
  return 1 + c.payload.length;
}

const U256_MAX = (1n << 256n) - 1n;

function checkU256(v: bigint, what: string): void {
  if (typeof v !== "bigint" || v < 0n || v > U256_MAX) throw new ArgumentError(`${what} must be a U256 bigint`);
}

// ceil(bit_len / 8) of x in [0, 2^256): bytes without leading zeros.
function byteLenOf(x: bigint): number {
  if (x < 0x1000000000000n) {
    let n = Number(x);
    let len = 0;
    while (n > 0) {
      len++;
      n = Math.floor(n / 256);
    }
    return len;
  }
  return (x.toString(16).length + 1) >> 1;
}

/**
 * Length of {@link compressU256Diff}, without building it: Nothing's 33 bytes unless Add, Sub or
 * Transform gives a payload under 32 bytes (the shortest wins), as `optimal_compression_length`.
 */
export function u256DiffLength(initial: bigint, final: bigint): number {
  checkU256(initial, "initial");
  checkU256(final, "final");
  let best = 33;
  if (final >= initial) best = Math.min(best, shortPayload(byteLenOf(final - initial)));
  if (initial >= final) best = Math.min(best, shortPayload(byteLenOf(initial - final)));
  return Math.min(best, shortPayload(byteLenOf(final)));
}

// 1 + len for a payload a strategy other than Nothing may use, else Nothing's 33.
function shortPayload(len: number): number {
  return len < 32 ? len + 1 : 33;
}

// Byte length of a − b over words (16 little-endian 16-bit digits), −1 on underflow.
function wordSubLen(a: Word, b: Word): number {
  let borrow = 0;
  let top = -1;
  let topDigit = 0;
  for (let i = 0; i < 16; i++) {
    let d = a.charCodeAt(i) - b.charCodeAt(i) - borrow;
    borrow = d < 0 ? 1 : 0;
    if (d < 0) d += 0x10000;
    if (d !== 0) {
      top = i;
      topDigit = d;
    }
  }
  if (borrow === 1) return -1;
  return top < 0 ? 0 : 2 * top + (topDigit > 0xff ? 2 : 1);
}

/** {@link valueDiffLength} of two storage words, without converting them to bytes. */
export function wordDiffLength(initial: Word, final: Word): number {
  let best = 33;
  const add = wordSubLen(final, initial);
  if (add >= 0) best = Math.min(best, shortPayload(add));
  const sub = wordSubLen(initial, final);
  if (sub >= 0) best = Math.min(best, shortPayload(sub));
  return Math.min(best, shortPayload(wordSubLen(final, ZERO_WORD)));
}

/**
 * {@link compressValueDiff} of two integers (nonce, balance) taken as U256: the same choice (Add,
 * Sub, Transform in that order, each only when strictly shorter than the best so far and under 32
 * bytes) made in bigint arithmetic, without the two 32-byte forms (every changed account at block end).
 */
export function compressU256Diff(initial: bigint, final: bigint): Uint8Array {
  checkU256(initial, "initial");
  checkU256(final, "final");
  let type = VALUE_DIFF_NOTHING;
  let payload = final;
  let bestLen = 33;
  if (final >= initial) {
    const x = final - initial;
    const len = byteLenOf(x);
    if (len < 32 && len + 1 < bestLen) {
      type = VALUE_DIFF_ADD;
      payload = x;
      bestLen = len + 1;
    }
  }
  if (initial >= final) {
    const x = initial - final;
    const len = byteLenOf(x);
    if (len < 32 && len + 1 < bestLen) {
      type = VALUE_DIFF_SUB;
      payload = x;
      bestLen = len + 1;
    }
  }
  const finalLen = byteLenOf(final);
  if (finalLen < 32 && finalLen + 1 < bestLen) {
    type = VALUE_DIFF_TRANSFORM;
    payload = final;
    bestLen = finalLen + 1;
  }
  const out = new Uint8Array(bestLen);
  if (type !== VALUE_DIFF_NOTHING) out[0] = ((bestLen - 1) << 3) | type;
  bigintIntoBe(payload, out, 1, bestLen - 1);
  return out;
}

function eq(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Anything but nonce and balance changed ⇒ the full format.
function isFullDiff(a: AccountProperties, b: AccountProperties): boolean {
  return a.versioningData !== b.versioningData || !eq(a.bytecodeHash, b.bytecodeHash) || a.bytecodeLen !== b.bytecodeLen
    || a.artifactsLen !== b.artifactsLen || a.observableBytecodeLen !== b.observableBytecodeLen
    || !eq(a.observableBytecodeHash, b.observableBytecodeHash);
}

/** How an account diff publishes code in the full format. */
export interface AccountDiffOptions {
  /** Force-deployed in an upgrade (`not_publish_bytecode`): publish the bytecode hash instead of the code. */
  readonly notPublishBytecode?: boolean;
  /** The final bytecode (`bytecodeLen` bytes), required for a full diff that publishes code. */
  readonly bytecode?: Uint8Array;
}

function u32Be(v: number): Uint8Array {
  return Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

function u64Be(v: bigint): Uint8Array {
  const out = new Uint8Array(8);
  for (let i = 7; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/**
 * Compressed account diff (`AccountProperties::diff_compression`) of the block-initial and final records.
 * Full format, when anything besides nonce and balance changed: `0x04 ‖ versioning u64 ‖ nonce diff ‖
 * balance diff ‖ bytecode_len u32 ‖ bytecode ‖ artifacts_len u32 ‖ observable_len u32`, or with
 * `notPublishBytecode` `0x24 ‖ versioning ‖ nonce diff ‖ balance diff ‖ bytecode_hash ‖ artifacts_len ‖
 * observable_len`. Otherwise `4 | nonce changed << 3 | balance changed << 4`, then the changed diffs.
 * @throws ArgumentError if nothing changed (the reference returns an internal error) or the bytecode is missing or of the wrong length
 */
export function compressAccountDiff(initial: AccountProperties, final: AccountProperties, opts: AccountDiffOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  if (isFullDiff(initial, final)) {
    parts.push(Uint8Array.of(opts.notPublishBytecode === true ? 0b0010_0100 : 0b0000_0100), u64Be(final.versioningData));
    parts.push(compressU256Diff(initial.nonce, final.nonce), compressU256Diff(initial.balance, final.balance));
    if (opts.notPublishBytecode === true) {
      parts.push(final.bytecodeHash);
    } else {
      const code = opts.bytecode;
      if (!(code instanceof Uint8Array) || code.length !== final.bytecodeLen) {
        throw new ArgumentError(`a full account diff publishes the bytecode: pass its ${final.bytecodeLen} bytes`);
      }
      parts.push(u32Be(final.bytecodeLen), code);
    }
    parts.push(u32Be(final.artifactsLen), u32Be(final.observableBytecodeLen));
  } else {
    const nonce = initial.nonce !== final.nonce;
    const balance = initial.balance !== final.balance;
    if (!nonce && !balance) throw new ArgumentError("account diff compression called for identical records");
    parts.push(Uint8Array.of(ACCOUNT_DIFF_TYPE | (nonce ? 1 << 3 : 0) | (balance ? 2 << 3 : 0)));
    if (nonce) parts.push(compressU256Diff(initial.nonce, final.nonce));
    if (balance) parts.push(compressU256Diff(initial.balance, final.balance));
  }
  return concat(parts);
}

/** Length of {@link compressAccountDiff}, 0 when the records are equal (`diff_compression_length`). */
export function accountDiffLength(initial: AccountProperties, final: AccountProperties, notPublishBytecode = false): number {
  if (isFullDiff(initial, final)) {
    return 1 + 8 + u256DiffLength(initial.nonce, final.nonce) + u256DiffLength(initial.balance, final.balance)
      + (notPublishBytecode ? 32 : 4 + final.bytecodeLen) + 4 + 4;
  }
  let len = 0;
  if (initial.nonce !== final.nonce) len += u256DiffLength(initial.nonce, final.nonce);
  if (initial.balance !== final.balance) len += u256DiffLength(initial.balance, final.balance);
  return len === 0 ? 0 : len + 1;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** One storage-cache entry at block end, for the state-diff section. */
export interface StateDiffEntry {
  /** 20-byte address and 32-byte slot: the storage-cache key. */
  readonly address: Uint8Array;
  readonly slot: Uint8Array;
  /** flat_key(address, slot); computed when absent. */
  readonly flatKey?: Uint8Array;
  readonly initial: Uint8Array;
  readonly final: Uint8Array;
  /** The entry has a history record beyond its initial one (it was read or written this block). */
  readonly touched: boolean;
  /** For a changed 0x8003 slot: the account's block-initial and final records and how to publish code. */
  readonly account?: { readonly initial: AccountProperties; readonly final: AccountProperties } & AccountDiffOptions;
}

/**
 * The state-diff section (`FlatTreeWithAccountsUnderHashesStorageModel::finish`, step 2): the count of
 * changed entries (u32 BE), then, for every touched entry in storage-cache order, its flat key and, if
 * its value changed, an account diff (0x8003 slots) or a value diff.
 *
 * BUG (reference commit 0a82da0, copied on purpose): the flat key is emitted for every touched entry,
 * also when its value did not change, so the number of keys does not match the count. Upstream later
 * moved the "unchanged" check before the key. Entries must come in storage-cache order.
 * @throws ArgumentError if the entries are out of order or a changed 0x8003 entry lacks its records
 */
export function stateDiffsWithUnchangedKeysQuirk(entries: readonly StateDiffEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let changed = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    check32(e.initial, `entries[${i}].initial`);
    check32(e.final, `entries[${i}].final`);
    if (i > 0) {
      const p = entries[i - 1]!;
      const d = compareCacheAddresses(p.address, e.address);
      if (d > 0 || (d === 0 && compareSlots(p.slot, e.slot) >= 0)) throw new ArgumentError(`entries[${i}] is not after entries[${i - 1}] in storage-cache order`);
    }
    const isChanged = !eq(e.initial, e.final);
    if (isChanged) changed++;
    if (!e.touched) continue;
    parts.push(e.flatKey ?? flatKey(e.address, e.slot));
    if (!isChanged) continue;
    if (eq(e.address, ACCOUNT_PROPERTIES_STORAGE_ADDRESS)) {
      if (e.account === undefined) throw new ArgumentError(`entries[${i}] changes an account hash but carries no account records`);
      parts.push(compressAccountDiff(e.account.initial, e.account.final, e.account));
    } else {
      parts.push(compressValueDiff(e.initial, e.final));
    }
  }
  return concat([u32Be(changed), ...parts]);
}

function compareSlots(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * The logs section (`LogsStorage::apply_pubdata`): log count u32 BE and every log's 88 bytes, then the
 * count of user messages u32 BE and each message as length u32 BE ‖ bytes.
 */
export function logsPubdata(logs: readonly L2ToL1LogWithMessage[]): Uint8Array {
  const parts: Uint8Array[] = [u32Be(logs.length)];
  let messages = 0;
  for (const l of logs) {
    parts.push(encodeL2ToL1Log(l.log));
    if (l.message !== null) messages++;
  }
  parts.push(u32Be(messages));
  for (const l of logs) if (l.message !== null) parts.push(u32Be(l.message.length), l.message);
  return concat(parts);
}

/** What a block publishes. */
export interface BlockPubdataInput {
  /** The block's header hash (ts/l1/block-header.ts). */
  readonly blockHash: Uint8Array;
  /** Every storage-cache entry, in storage-cache order. */
  readonly stateDiffs: readonly StateDiffEntry[];
  /** All L2→L1 logs in emission order. */
  readonly logs: readonly L2ToL1LogWithMessage[];
}

/** The block's pubdata: block hash ‖ state diffs (with the key quirk) ‖ logs and messages (§4.3). */
export function blockPubdata(input: BlockPubdataInput): Uint8Array {
  check32(input.blockHash, "blockHash");
  return concat([input.blockHash, stateDiffsWithUnchangedKeysQuirk(input.stateDiffs), logsPubdata(input.logs)]);
}
