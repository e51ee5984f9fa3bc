/**
 * Run statuses, trap causes and trap details of the RISC-V core, mirroring as/riscv/trap.ts
 * (test/riscv/traps.test.ts triggers every cause through the core, so a mismatch fails there).
 * @module
 */

/** What an rvRun* call stopped on. */
export const enum RvStatus {
  Budget = 0,
  Halted = 1,
  Trapped = 2,
  NeedRead = 3,
  WritesFull = 4,
  TraceFull = 5,
}

/** Why a run trapped (riscv-machine.md §1.2: every trap is fatal). */
export const enum TrapCause {
  None = 0,
  IllegalInstruction = 1,
  FetchMisaligned = 2,
  FetchAccessFault = 3,
  LoadMisaligned = 4,
  LoadAccessFault = 5,
  StoreMisaligned = 6,
  StoreAccessFault = 7,
  RomStore = 8,
  UnsupportedCsr = 9,
  GuestAbort = 10,
  DelegationFault = 11,
}

/** Stable names of the causes, as they appear in `zkos riscv --json` ("trap.cause"). */
export const TRAP_CAUSE_NAMES: readonly string[] = [
  "none",
  "illegal instruction",
  "misaligned jump target",
  "instruction fetch outside memory",
  "misaligned load",
  "load outside memory",
  "misaligned store",
  "store outside memory",
  "store into ROM",
  "unsupported CSR",
  "guest abort",
  "delegation fault",
];

/** Why a delegation trapped (as/riscv/trap.ts DETAIL_*). */
export const TRAP_DETAIL_NAMES: readonly string[] = [
  "",
  "rs1 value is not 0",
  "operand pointer misaligned",
  "operand pointer in ROM",
  "operand pointers are equal",
  "operand outside memory",
  "round mask is not 1 << r with r < 10",
  "bad control word",
];

/** The name of a trap cause number (or `cause N` for a number this build does not know). */
export function trapCauseName(cause: number): string {
  return TRAP_CAUSE_NAMES[cause] ?? `cause ${cause}`;
}
