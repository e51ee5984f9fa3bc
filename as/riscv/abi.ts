// The RISC-V machine's WASM ABI besides the run loops (cpu.ts): reset, loading, memory access and
// the counters TS reads after a run. Numbers only; counters that can pass 2^32 return f64.

import { RV_HIST_PTR, RV_REGS_PTR } from "../layout";
import * as cpu from "./cpu";
import * as csr from "./csr";
import { copyIn, copyOut, memoryPagesMapped, memoryReset, RAM_END, readWord, ROM_END } from "./memory";
import * as trap from "./trap";

let initialized = false;

/** Fresh machine: registers, pc and memory zero, counters and buffers empty. */
export function rvReset(): void {
  if (!initialized) {
    cpu.cachePtr = heap.alloc(cpu.CACHE_LEN);
    memory.fill(cpu.cachePtr, 0, cpu.CACHE_LEN);
    cpu.tracePtr = heap.alloc(<usize>cpu.TRACE_CAP << 4);
    initialized = true;
  }
  memory.fill(cpu.cachePtr, 0, <usize>cpu.decodedEnd << 1);
  cpu.decodedEnd = 0;
  memoryReset();
  csr.csrReset();
  trap.clearTrap();
  memory.fill(RV_REGS_PTR, 0, 256);
  memory.fill(RV_HIST_PTR, 0, 512);
  cpu.cpuPc = 0;
  cpu.cycles = 0;
  cpu.runState = trap.RV_STATUS_BUDGET;
  cpu.traceCount = 0;
}

/**
 * Copies `len` bytes from srcPtr into guest memory at `addr` (ROM included: this is the loader).
 * Returns 0, or −1 if the range leaves the 1 GiB address space. Decoded ROM code it overlaps is dropped.
 */
export function rvLoadBytes(addr: u32, srcPtr: usize, len: u32): i32 {
  if (addr >= RAM_END || len > RAM_END - addr) return -1;
  copyIn(addr, srcPtr, len);
  if (addr < ROM_END) {
    const first = addr >>> 2;
    const end = (min(addr + len, ROM_END) + 3) >>> 2;
    memory.fill(cpu.cachePtr + (<usize>first << 3), 0, <usize>(end - first) << 3);
  }
  return 0;
}

/** Copies `len` guest bytes at `addr` to dstPtr. Returns 0, or −1 if the range leaves 1 GiB. */
export function rvReadBytes(addr: u32, dstPtr: usize, len: u32): i32 {
  if (addr >= RAM_END || len > RAM_END - addr) return -1;
  copyOut(dstPtr, addr, len);
  return 0;
}

/** The aligned word at `addr` (0 above 1 GiB). */
export function rvReadWord(addr: u32): u32 {
  return addr < RAM_END ? readWord(addr & ~3) : 0;
}

export function rvPc(): u32 { return cpu.cpuPc; }
export function rvSetPc(pc: u32): void { cpu.cpuPc = pc; }
export function rvCycles(): f64 { return <f64>cpu.cycles; }
export function rvPagesMapped(): u32 { return memoryPagesMapped(); }

export function rvTrapCause(): u32 { return trap.trapCause; }
export function rvTrapDetail(): u32 { return trap.trapDetail; }
export function rvTrapPc(): u32 { return trap.trapPc; }
export function rvTrapInstruction(): u32 { return trap.trapInstruction; }
export function rvTrapAddress(): u32 { return trap.trapAddress; }

/** TS wrote `count` words at RV_READ_BUF_PTR: they are the next 0x7C0 reads. */
export function rvFeedReads(count: u32): void { csr.csrFeedReads(count); }
/** Reads after the buffer runs dry return 0 (true) or yield RV_STATUS_NEED_READ (false). */
export function rvSetReadsExhausted(exhausted: bool): void { csr.csrSetReadsExhausted(exhausted); }
/** Live oracles: a 0x7C0 write drops the unread buffered words (ZO:oracle_provider discards an unfinished answer). */
export function rvSetDropReadsOnWrite(drop: bool): void { csr.csrSetDropReadsOnWrite(drop); }
export function rvReadsPending(): u32 { return csr.readTail - csr.readHead; }
export function rvReadsConsumed(): u32 { return csr.readsConsumed; }
export function rvReadsPastEnd(): u32 { return csr.readsPastEnd; }
export function rvWriteCount(): u32 { return csr.writeCount; }
export function rvClearWrites(): void { csr.csrClearWrites(); }

export function rvBlakeCalls(): f64 { return <f64>csr.blakeCalls; }
export function rvU256Calls(): f64 { return <f64>csr.u256Calls; }
export function rvMarkerCalls(): f64 { return <f64>csr.markerCalls; }

export function rvTracePtr(): usize { return cpu.tracePtr; }
export function rvTraceCount(): u32 { return cpu.traceCount; }
export function rvClearTrace(): void { cpu.traceCount = 0; }
