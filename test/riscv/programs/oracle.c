/* Oracle I/O in the ZKsync OS framing (riscv-machine.md §3.2) plus QuasiUART debug text:
   prints a greeting, sends query id 0x77 with two parameters (a, b), reads the response length L
   and L words, and sends DisconnectOracle (6). out = { L, sum of the words, a + b, xor of the words }. */
#include "rt.h"

void main(uint32_t out[8]) {
  uint32_t a = 40, b = 2;
  uart_print("hello from the guest");
  nd_write(0x77);
  nd_write(2);
  nd_write(a);
  nd_write(b);
  uint32_t len = nd_read();
  uint32_t sum = 0, x = 0;
  for (uint32_t i = 0; i < len; i++) {
    uint32_t w = nd_read();
    sum += w;
    x ^= w;
  }
  nd_write(6);
  nd_write(0);
  out[0] = len;
  out[1] = sum;
  out[2] = a + b;
  out[3] = x;
}
