/* Keccak-256 (FIPS 202 permutation, original Keccak padding 0x01) of a message from the witness:
   word 0 = length in bytes, then the bytes packed little-endian, 4 per word. out = the digest
   as 8 little-endian words. Pure RV32IM: the 64-bit lanes are split by the compiler. */
#include "rt.h"

static const uint64_t RC[24] = {
  0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
  0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
  0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
  0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
  0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
  0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};
static const uint8_t ROT[25] = { 0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14 };

static uint64_t rol(uint64_t v, unsigned s) { return s == 0 ? v : (v << s) | (v >> (64 - s)); }

static void keccak_f(uint64_t a[25]) {
  uint64_t b[25], c[5], d[5];
  for (int round = 0; round < 24; round++) {
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) d[x] = c[(x + 4) % 5] ^ rol(c[(x + 1) % 5], 1);
    for (int i = 0; i < 25; i++) a[i] ^= d[i % 5];
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rol(a[x + 5 * y], ROT[x + 5 * y]);
    for (int x = 0; x < 5; x++)
      for (int y = 0; y < 5; y++) a[x + 5 * y] = b[x + 5 * y] ^ (~b[(x + 1) % 5 + 5 * y] & b[(x + 2) % 5 + 5 * y]);
    a[0] ^= RC[round];
  }
}

void main(uint32_t out[8]) {
  uint64_t a[25];
  uint8_t block[136];
  memset(a, 0, sizeof a);
  uint32_t len = nd_read();
  uint32_t word = 0, have = 0, pos = 0;
  for (uint32_t i = 0; i <= len; i++) {
    if (i == len) {
      memset(block + pos, 0, 136 - pos);
      block[pos] ^= 0x01;
      block[135] ^= 0x80;
    } else {
      if (have == 0) { word = nd_read(); have = 4; }
      block[pos++] = (uint8_t)word;
      word >>= 8;
      have--;
      if (pos < 136) continue;
    }
    for (int k = 0; k < 17; k++) {
      uint64_t lane = 0;
      for (int j = 7; j >= 0; j--) lane = (lane << 8) | block[8 * k + j];
      a[k] ^= lane;
    }
    keccak_f(a);
    pos = 0;
  }
  for (int k = 0; k < 4; k++) {
    out[2 * k] = (uint32_t)a[k];
    out[2 * k + 1] = (uint32_t)(a[k] >> 32);
  }
}
