// Load/store address checks (riscv-machine.md §1.3, §1.4): LW/SW need addr ≡ 0 mod 4, LH/LHU/SH
// need an even address (so they never cross a word), bytes may sit anywhere; every address must be
// below 1 GiB and stores must stay out of the 2 MiB ROM. Each check is one branch in cpu.ts; the
// cause is worked out here only once it has failed.

import { RAM_END, ROM_END } from "./memory";
import {
  CAUSE_LOAD_ACCESS_FAULT, CAUSE_LOAD_MISALIGNED, CAUSE_ROM_STORE, CAUSE_STORE_ACCESS_FAULT,
  CAUSE_STORE_MISALIGNED,
} from "./trap";

/** Bits that must be clear in a load address: alignment bits plus "≥ 1 GiB". */
@inline export function loadBad(addr: u32, alignMask: u32): bool {
  return (addr & (0xc000_0000 | alignMask)) != 0;
}

/** True when a store address is misaligned, in ROM, or ≥ 1 GiB. */
@inline export function storeBad(addr: u32, alignMask: u32): bool {
  return (addr - ROM_END) >= (RAM_END - ROM_END) || (addr & alignMask) != 0;
}

export function loadCause(addr: u32, alignMask: u32): u32 {
  return (addr & alignMask) != 0 ? CAUSE_LOAD_MISALIGNED : CAUSE_LOAD_ACCESS_FAULT;
}

export function storeCause(addr: u32, alignMask: u32): u32 {
  if ((addr & alignMask) != 0) return CAUSE_STORE_MISALIGNED;
  return addr < ROM_END ? CAUSE_ROM_STORE : CAUSE_STORE_ACCESS_FAULT;
}
