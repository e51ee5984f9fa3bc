/* Merkle path check with the Blake2s round delegation (CSR 0x7C7) in both of its modes:
   witness = depth d, leaf index, 8 leaf words, then d sibling nodes of 8 words (leaf to root).
   leaf hash = Blake2s-256(leaf bytes) in normal mode; node = Blake2s-256(left ‖ right) in
   compression mode (the current node is h, the sibling the message). out = the root. */
#include "rt.h"

static uint32_t state[24] __attribute__((aligned(128)));
static uint32_t msg[16] __attribute__((aligned(64)));

static const uint32_t IV[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };

void main(uint32_t out[8]) {
  uint32_t depth = nd_read();
  uint32_t index = nd_read();
  for (int i = 0; i < 8; i++) msg[i] = nd_read();
  for (int i = 8; i < 16; i++) msg[i] = 0;
  for (int i = 0; i < 8; i++) state[i] = IV[i];
  state[0] ^= 0x01010020;
  state[8 + 12] = IV[4] ^ 32;
  state[8 + 14] = IV[6] ^ 0xffffffffu;
  for (uint32_t r = 0; r < 10; r++) blake2s_round(state, msg, r, r == 9);
  for (uint32_t level = 0; level < depth; level++) {
    for (int i = 0; i < 8; i++) msg[i] = nd_read();
    uint32_t right = (index >> level) & 1;
    for (uint32_t r = 0; r < 10; r++) blake2s_round(state, msg, r, 4 | (right ? 2 : 0) | (r == 9));
  }
  for (int i = 0; i < 8; i++) out[i] = state[i];
}
