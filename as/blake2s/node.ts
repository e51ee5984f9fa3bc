// The Merkle two-node hash of the state tree (zksync-os-reference.md §3.2): node = Blake2s-256(left ‖ right),
// one 64-byte block compressed straight from the two 32-byte children, with no copy.

import { CIV_PTR } from "./constants";
import { compress } from "./compress";

/** Blake2s-256 of the 32 bytes at leftPtr followed by the 32 at rightPtr; outPtr may alias either child. */
export function blake2sNode64(leftPtr: usize, rightPtr: usize, outPtr: usize): void {
  compress(CIV_PTR, outPtr, leftPtr, rightPtr, 64, 0, 0xffffffff);
}
