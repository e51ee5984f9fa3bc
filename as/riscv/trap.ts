// Run statuses and fatal trap causes of the RISC-V machine (riscv-machine.md §1.2: every trap halts
// the run), and the record of the trap that stopped it. Mirrored by ts/riscv/status.ts.

/** rvRun* return values. */
export const RV_STATUS_BUDGET: i32 = 0;
export const RV_STATUS_HALTED: i32 = 1;
export const RV_STATUS_TRAPPED: i32 = 2;
/** A 0x7C0 read found the read buffer empty: refill it (or mark it exhausted) and run again. */
export const RV_STATUS_NEED_READ: i32 = 3;
/** A 0x7C0 write found the write buffer full: drain it and run again. */
export const RV_STATUS_WRITES_FULL: i32 = 4;
/** The trace buffer is full: drain it and run again. */
export const RV_STATUS_TRACE_FULL: i32 = 5;

export const CAUSE_NONE: u32 = 0;
export const CAUSE_ILLEGAL_INSTRUCTION: u32 = 1;
export const CAUSE_FETCH_MISALIGNED: u32 = 2;
export const CAUSE_FETCH_ACCESS_FAULT: u32 = 3;
export const CAUSE_LOAD_MISALIGNED: u32 = 4;
export const CAUSE_LOAD_ACCESS_FAULT: u32 = 5;
export const CAUSE_STORE_MISALIGNED: u32 = 6;
export const CAUSE_STORE_ACCESS_FAULT: u32 = 7;
export const CAUSE_ROM_STORE: u32 = 8;
export const CAUSE_UNSUPPORTED_CSR: u32 = 9;
/** The guest's rust_abort: csrrw on CSR 0xC00 (word 0xC0001073). */
export const CAUSE_GUEST_ABORT: u32 = 10;
/** A delegation's operands broke the rules of §2.2/§2.3; trapDetail says which. */
export const CAUSE_DELEGATION_FAULT: u32 = 11;

export const DETAIL_NONE: u32 = 0;
export const DETAIL_RS1_NONZERO: u32 = 1;
export const DETAIL_MISALIGNED: u32 = 2;
export const DETAIL_IN_ROM: u32 = 3;
export const DETAIL_SAME_POINTERS: u32 = 4;
export const DETAIL_OUT_OF_MEMORY: u32 = 5;
export const DETAIL_BAD_ROUND_MASK: u32 = 6;
export const DETAIL_BAD_CONTROL: u32 = 7;

export let trapCause: u32 = CAUSE_NONE;
export let trapDetail: u32 = DETAIL_NONE;
export let trapPc: u32 = 0;
export let trapInstruction: u32 = 0;
/** The data address of a faulting load/store or delegation operand (0 otherwise). */
export let trapAddress: u32 = 0;

export function setTrap(cause: u32, pc: u32, instruction: u32, address: u32, detail: u32): void {
  trapCause = cause;
  trapPc = pc;
  trapInstruction = instruction;
  trapAddress = address;
  trapDetail = detail;
}

export function clearTrap(): void {
  setTrap(CAUSE_NONE, 0, 0, 0, DETAIL_NONE);
}
