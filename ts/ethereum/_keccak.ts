/**
 * The one keccak-256 the ethereum data modules call (trie nodes, logs hash, tx hashes, addresses).
 * Kept behind this function so the kernel can be swapped in one line.
 * @module
 */
import { keccak_256 } from "@noble/hashes/sha3.js";

/** keccak-256 of `data` (32 bytes). */
export function keccak(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}
