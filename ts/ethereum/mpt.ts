/**
 * Merkle Patricia trie roots (yellow paper, appendix D) computed from a whole key→value set at once:
 * keys are sorted, then each node is RLP-encoded exactly once, bottom-up. Also the secure-trie state
 * and storage roots of Ethereum accounts.
 * @module
 */
import { ArgumentError } from "../errors";
import { bigintToBytes, hexToBytes } from "../primitives/hex";
import { rlpEncode, rlpEncodeBytes, rlpEncodeList, uintToRlpBytes } from "../primitives/rlp";
import { keccak256 } from "../crypto/keccak";

/** Root of the empty trie: keccak256(rlp("")) = 0x56e81f17…b421. */
export const EMPTY_TRIE_ROOT: Uint8Array = hexToBytes("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
/** keccak256 of empty code: 0xc5d24601…a470. */
export const EMPTY_CODE_HASH: Uint8Array = hexToBytes("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

const RLP_EMPTY_STRING = new Uint8Array([0x80]);

/** Nibble `i` of `key` (two per byte, high first). */
function nib(key: Uint8Array, i: number): number {
  const b = key[i >> 1]!;
  return i & 1 ? b & 15 : b >> 4;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Hex-prefix encoding of nibbles [from, to) of `key` with the leaf flag (yellow paper, appendix C). */
function hexPrefix(key: Uint8Array, from: number, to: number, leaf: boolean): Uint8Array {
  const n = to - from;
  const odd = n & 1;
  const out = new Uint8Array((n >> 1) + 1);
  const flag = (leaf ? 2 : 0) | odd;
  let p = from;
  if (odd) out[0] = (flag << 4) | nib(key, p++);
  else out[0] = flag << 4;
  for (let i = 1; i < out.length; i++, p += 2) out[i] = (nib(key, p) << 4) | nib(key, p + 1);
  return out;
}

/** How a node is referenced from its parent: inline when its encoding is under 32 bytes, else by hash. */
function ref(encoded: Uint8Array): Uint8Array {
  return encoded.length < 32 ? encoded : rlpEncodeBytes(keccak256(encoded));
}

/**
 * Encodes the subtrie holding keys[lo, hi) (sorted, distinct) whose first `depth` nibbles are
 * already consumed by the path to it.
 */
function encodeNode(keys: Uint8Array[], values: Uint8Array[], lo: number, hi: number, depth: number): Uint8Array {
  const first = keys[lo]!;
  if (hi - lo === 1) {
    return rlpEncodeList([rlpEncodeBytes(hexPrefix(first, depth, first.length * 2, true)), rlpEncodeBytes(values[lo]!)]);
  }
  // Sorted keys: the prefix shared by all is the one the first and the last share.
  const last = keys[hi - 1]!;
  const limit = Math.min(first.length, last.length) * 2;
  let cp = depth;
  while (cp < limit && nib(first, cp) === nib(last, cp)) cp++;
  if (cp > depth) {
    const child = encodeNode(keys, values, lo, hi, cp);
    return rlpEncodeList([rlpEncodeBytes(hexPrefix(first, depth, cp, false)), ref(child)]);
  }
  const items: Uint8Array[] = new Array(17);
  items[16] = RLP_EMPTY_STRING;
  let i = lo;
  if (first.length * 2 === depth) {
    // A key ending here (a prefix of the others) stores its value in the branch; it sorts first.
    items[16] = rlpEncodeBytes(values[lo]!);
    i++;
  }
  for (let n = 0; n < 16; n++) {
    let j = i;
    while (j < hi && nib(keys[j]!, depth) === n) j++;
    items[n] = j > i ? ref(encodeNode(keys, values, i, j, depth + 1)) : RLP_EMPTY_STRING;
    i = j;
  }
  return rlpEncodeList(items);
}

/**
 * Root hash of the trie holding `entries` (plain trie: keys used as given). Entries with an empty
 * value are left out, as a trie delete would. Throws ArgumentError on a repeated key.
 */
export function trieRoot(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  const pairs: [Uint8Array, Uint8Array][] = [];
  for (const [k, v] of entries) if (v.length > 0) pairs.push([k, v]);
  if (pairs.length === 0) return EMPTY_TRIE_ROOT.slice();
  // Byte order equals nibble order, and a byte prefix is a nibble prefix, so bytes can be compared.
  pairs.sort((a, b) => compareBytes(a[0], b[0]));
  const keys = pairs.map((p) => p[0]);
  const values = pairs.map((p) => p[1]);
  for (let i = 1; i < keys.length; i++) {
    if (compareBytes(keys[i - 1]!, keys[i]!) === 0) throw new ArgumentError("trieRoot: repeated key");
  }
  return keccak256(encodeNode(keys, values, 0, keys.length, 0));
}

/** Root hash of the secure trie holding `entries`: each key is replaced by its keccak256. */
export function secureTrieRoot(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  const hashed: [Uint8Array, Uint8Array][] = [];
  for (const [k, v] of entries) hashed.push([keccak256(k), v]);
  return trieRoot(hashed);
}

/** The minimal big-endian bytes of a 32-byte word given as bigint or bytes (leading zeros stripped). */
function wordValue(v: bigint | Uint8Array): Uint8Array {
  if (typeof v === "bigint") return uintToRlpBytes(v);
  let i = 0;
  while (i < v.length && v[i] === 0) i++;
  return v.subarray(i);
}

function slotKey(k: bigint | Uint8Array): Uint8Array {
  if (typeof k === "bigint") return bigintToBytes(k, 32);
  if (k.length !== 32) throw new ArgumentError(`storage slot must be 32 bytes, got ${k.length}`);
  return k;
}

/**
 * Storage root of an account from its slots (key: keccak256 of the 32-byte slot, value: RLP of the
 * word without leading zeros). Zero-valued slots are left out.
 */
export function storageRoot(slots: Iterable<readonly [bigint | Uint8Array, bigint | Uint8Array]>): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const [k, v] of slots) {
    const w = wordValue(v);
    if (w.length > 0) entries.push([slotKey(k), rlpEncodeBytes(w)]);
  }
  return secureTrieRoot(entries);
}

/** An account as the state trie stores it. */
export interface TrieAccount {
  nonce: bigint;
  balance: bigint;
  /** 32 bytes; EMPTY_TRIE_ROOT when there is no storage. */
  storageRoot: Uint8Array;
  /** 32 bytes; EMPTY_CODE_HASH when there is no code. */
  codeHash: Uint8Array;
}

/** RLP([nonce, balance, storageRoot, codeHash]), the state trie's leaf value. */
export function encodeAccount(a: TrieAccount): Uint8Array {
  return rlpEncode([uintToRlpBytes(a.nonce), uintToRlpBytes(a.balance), a.storageRoot, a.codeHash]);
}

/** keccak256 of `code`, without hashing when it is empty. */
export function codeHash(code: Uint8Array): Uint8Array {
  return code.length === 0 ? EMPTY_CODE_HASH.slice() : keccak256(code);
}

/** A TrieAccount from an account's plain parts (storage root and code hash computed here). */
export function trieAccount(parts: {
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  storage: Iterable<readonly [bigint | Uint8Array, bigint | Uint8Array]>;
}): TrieAccount {
  return { nonce: parts.nonce, balance: parts.balance, storageRoot: storageRoot(parts.storage), codeHash: codeHash(parts.code) };
}

/**
 * The state root over `accounts` (20-byte address → account). Every account given is included, so
 * the caller removes the ones that EIP-161 deletes (touched and empty) beforehand.
 */
export function stateRoot(accounts: Iterable<readonly [Uint8Array, TrieAccount]>): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const [address, account] of accounts) {
    if (address.length !== 20) throw new ArgumentError(`address must be 20 bytes, got ${address.length}`);
    entries.push([address, encodeAccount(account)]);
  }
  return secureTrieRoot(entries);
}
