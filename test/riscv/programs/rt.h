/* Runtime of the test programs: the Airbender CSRs (riscv-machine.md §2) as inline functions. */
#ifndef RT_H
#define RT_H
#include <stdint.h>
#include <stddef.h>

/* csrrw rd, 0x7c0, x0: the next non-determinism word. */
static inline uint32_t nd_read(void) {
  uint32_t v;
  __asm__ volatile("csrrw %0, 0x7c0, x0" : "=r"(v));
  return v;
}

/* csrrw x0, 0x7c0, rs1: one word to the host. */
static inline void nd_write(uint32_t v) {
  __asm__ volatile("csrrw x0, 0x7c0, %0" : : "r"(v));
}

/* One Blake2s round on state[24] (h ‖ v, 128-byte aligned, in RAM) with msg[16]; csr 0x7c7. */
static inline void blake2s_round(uint32_t *state, const uint32_t *msg, uint32_t round, uint32_t control) {
  register uint32_t *a0 __asm__("a0") = state;
  register const uint32_t *a1 __asm__("a1") = msg;
  register uint32_t a2 __asm__("a2") = 1u << round;
  register uint32_t a3 __asm__("a3") = control;
  __asm__ volatile("csrrw x0, 0x7c7, x0" : : "r"(a0), "r"(a1), "r"(a2), "r"(a3) : "memory");
}

/* One u256 op on a[8] ← op(a, b) (both 32-byte aligned, in RAM); returns the x12 flag; csr 0x7ca. */
static inline uint32_t u256_op(uint32_t *a, const uint32_t *b, uint32_t control) {
  register uint32_t *a0 __asm__("a0") = a;
  register const uint32_t *a1 __asm__("a1") = b;
  register uint32_t a2 __asm__("a2") = control;
  __asm__ volatile("csrrw x0, 0x7ca, x0" : "+r"(a2) : "r"(a0), "r"(a1) : "memory");
  return a2;
}

enum { U256_ADD = 1, U256_SUB = 2, U256_SUB_AND_NEGATE = 4, U256_MUL_LOW = 8, U256_MUL_HIGH = 16,
       U256_EQ = 32, U256_CARRY = 64, U256_MEMCOPY = 128 };

/* Debug text in the QuasiUART framing (riscv-machine.md §2.1). */
static inline void uart_print(const char *s) {
  uint32_t len = 0;
  while (s[len]) len++;
  nd_write(0xffffffffu);
  nd_write((len + 3) / 4 + 1);
  nd_write(len);
  for (uint32_t i = 0; i < len; i += 4) {
    uint32_t w = 0;
    for (uint32_t k = 0; k < 4 && i + k < len; k++) w |= (uint32_t)(uint8_t)s[i + k] << (8 * k);
    nd_write(w);
  }
}

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
#endif
