/* Delegation-heavy workload: n (first witness word) steps of
     h ← Blake2s-256(h ‖ acc)   (compression mode, 10 calls of CSR 0x7C7)
     acc ← acc · h + step mod 2^256 (MUL_LOW and ADD, CSR 0x7CA)
   out = h xor acc, as 8 little-endian words. */
#include "rt.h"

static uint32_t state[24] __attribute__((aligned(128)));
static uint32_t acc[8] __attribute__((aligned(32)));
static uint32_t tmp[8] __attribute__((aligned(32)));
static uint32_t msg[16] __attribute__((aligned(64)));

void main(uint32_t out[8]) {
  uint32_t n = nd_read();
  for (int i = 0; i < 8; i++) { state[i] = i + 1; acc[i] = 0x11111111u * (i + 1); }
  for (uint32_t step = 0; step < n; step++) {
    for (int i = 0; i < 8; i++) msg[i] = acc[i];
    for (uint32_t r = 0; r < 10; r++) blake2s_round(state, msg, r, 4 | (r == 9));
    for (int i = 0; i < 8; i++) tmp[i] = state[i];
    u256_op(acc, tmp, U256_MUL_LOW);
    for (int i = 0; i < 8; i++) tmp[i] = 0;
    tmp[0] = step;
    u256_op(acc, tmp, U256_ADD);
  }
  for (int i = 0; i < 8; i++) out[i] = state[i] ^ acc[i];
}
