/* Integer loop: n (first witness word) rounds of xorshift32 plus a multiply-accumulate.
   out = { x, y, n }. About 10 instructions per round; the benchmark runs 40M rounds. */
#include "rt.h"

void main(uint32_t out[8]) {
  uint32_t n = nd_read();
  uint32_t x = 1, y = 0;
  for (uint32_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    y += x * 2654435761u + i;
  }
  out[0] = x;
  out[1] = y;
  out[2] = n;
}
