/**
 * Flat storage keys and the two key orders of ZKsync OS (zksync-os-reference.md §2, §3.6):
 * flat_key(address, slot) = Blake2s(0^12 ‖ address ‖ slot); the tree orders flat keys byte by byte,
 * while the storage cache (and so pubdata order and new-leaf indices) orders (address, slot) pairs by
 * the address's ruint limbs, least-significant limb first, then the slot bytes.
 * @module
 */
import { blake2sNodeInto } from "../crypto/blake2s";
import { ArgumentError } from "../errors";
import { hashPairsInto } from "./merkle";

/** `ACCOUNT_PROPERTIES_STORAGE_ADDRESS` = 0x…8003: account hashes live in its slots, keyed by the left-padded account address. */
export const ACCOUNT_PROPERTIES_STORAGE_ADDRESS: Uint8Array = addressFromLow(0x8003);

/** The 20-byte big-endian address whose value is `low` (< 2^32), e.g. 0x8003. */
export function addressFromLow(low: number): Uint8Array {
  const a = new Uint8Array(20);
  a[16] = (low >>> 24) & 0xff;
  a[17] = (low >>> 16) & 0xff;
  a[18] = (low >>> 8) & 0xff;
  a[19] = low & 0xff;
  return a;
}

function checkLen(b: unknown, len: number, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== len) throw new ArgumentError(`${what} must be a ${len}-byte Uint8Array`);
}

// The 64-byte preimage is exactly one Blake2s block, so the flat key is the Merkle node hash of
// (0^12 ‖ address) and slot: one compression, no copy of the slot.
const paddedAddress = new Uint8Array(32);

/**
 * flat_key(address, slot) written into `out` at `outOffset` (no allocation).
 * @throws ArgumentError if address is not 20 bytes, slot not 32, or `out` has no room
 */
export function flatKeyInto(address: Uint8Array, slot: Uint8Array, out: Uint8Array, outOffset = 0): void {
  checkLen(address, 20, "address");
  checkLen(slot, 32, "slot");
  paddedAddress.set(address, 12);
  blake2sNodeInto(paddedAddress, slot, out, outOffset);
}

/**
 * flat_key(address, slot) = Blake2s-256(12 zero bytes ‖ address[20] ‖ slot[32]).
 * @param address - 20-byte big-endian address
 * @param slot - 32-byte storage key (the EVM word, big-endian)
 * @returns the 32-byte tree key
 * @throws ArgumentError on wrong lengths
 */
export function flatKey(address: Uint8Array, slot: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  flatKeyInto(address, slot, out, 0);
  return out;
}

/**
 * flat_key of every (addresses[i], slots[i]) pair, as 32-byte views of one fresh buffer: the
 * preimages go to WASM in mailbox-sized batches instead of one call per key (block end hashes every
 * touched slot, ~3,000 for a 1,000-transfer block).
 * @throws ArgumentError on wrong lengths
 */
export function flatKeys(addresses: readonly Uint8Array[], slots: readonly Uint8Array[]): Uint8Array[] {
  const n = addresses.length;
  if (slots.length !== n) throw new ArgumentError("flatKeys needs as many slots as addresses");
  const pairs = new Uint8Array(n * 64);
  for (let i = 0; i < n; i++) {
    const a = addresses[i]!, s = slots[i]!;
    checkLen(a, 20, "address");
    checkLen(s, 32, "slot");
    pairs.set(a, i * 64 + 12);
    pairs.set(s, i * 64 + 32);
  }
  const out = new Uint8Array(n * 32);
  hashPairsInto(pairs, 0, n, out, 0);
  const keys = new Array<Uint8Array>(n);
  for (let i = 0; i < n; i++) keys[i] = out.subarray(i * 32, i * 32 + 32);
  return keys;
}

/** The slot key of an account's properties hash: 12 zero bytes ‖ address (`address_into_special_storage_key`). */
export function accountPropertiesSlot(address: Uint8Array): Uint8Array {
  checkLen(address, 20, "address");
  const slot = new Uint8Array(32);
  slot.set(address, 12);
  return slot;
}

/** flat_key(0x8003, 0^12 ‖ address): where the account's properties hash sits in the tree. */
export function accountPropertiesFlatKey(address: Uint8Array): Uint8Array {
  return flatKey(ACCOUNT_PROPERTIES_STORAGE_ADDRESS, accountPropertiesSlot(address));
}

/**
 * Tree key order (`Bytes32::cmp`): byte-lexicographic over 32 bytes. Negative, zero or positive.
 * Offsets let callers compare keys inside larger buffers without subarrays.
 */
export function compareTreeKeys(a: Uint8Array, b: Uint8Array, aOffset = 0, bOffset = 0): number {
  for (let i = 0; i < 32; i++) {
    const d = a[aOffset + i]! - b[bOffset + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

// ruint stores B160 as [u64; 3] limbs, least significant first: limb 0 = address bytes 12..20,
// limb 1 = bytes 4..12, limb 2 = bytes 0..4. Each limb compares numerically, i.e. its big-endian bytes
// lexicographically.
const LIMB_RANGES: readonly (readonly [number, number])[] = [[12, 20], [4, 12], [0, 4]];

/**
 * Storage-cache address order (`B160::as_limbs().cmp`): least-significant 8 bytes first, then the
 * middle 8, then the top 4; each group compared as a big-endian number. Negative, zero or positive.
 */
export function compareCacheAddresses(a: Uint8Array, b: Uint8Array): number {
  for (const [from, to] of LIMB_RANGES) {
    for (let i = from; i < to; i++) {
      const d = a[i]! - b[i]!;
      if (d !== 0) return d;
    }
  }
  return 0;
}

/**
 * Storage-cache key order (`WarmStorageKey::cmp`): {@link compareCacheAddresses}, then the slot bytes
 * lexicographically. This order assigns leaf indices to new keys and orders the pubdata state diffs.
 */
export function compareStorageCacheKeys(addressA: Uint8Array, slotA: Uint8Array, addressB: Uint8Array, slotB: Uint8Array): number {
  const d = addressA === addressB ? 0 : compareCacheAddresses(addressA, addressB);
  return d !== 0 ? d : compareTreeKeys(slotA, slotB);
}
