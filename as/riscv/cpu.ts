// The RV32IM run loop of the Airbender machine (riscv-machine.md §1): fetch the pre-decoded entry
// of pc (ROM code is decoded once into a cache; code outside ROM is decoded on every fetch), one
// dense switch, one cycle per instruction. Halts when an instruction leaves pc unchanged; a trap or
// a non-determinism yield stops the loop before the instruction takes effect.

import { RV_FETCH_SCRATCH_PTR, RV_HIST_PTR, RV_REGS_PTR } from "../layout";
import * as alu from "./alu";
import * as csr from "./csr";
import { decodeInto, SINK } from "./decode";
import { loadBad, loadCause, storeBad, storeCause } from "./lsu";
import { hostRead, hostWrite, RAM_END, readWord, ROM_END } from "./memory";
import * as op from "./ops";
import {
  CAUSE_DELEGATION_FAULT, CAUSE_FETCH_ACCESS_FAULT, CAUSE_FETCH_MISALIGNED, CAUSE_ILLEGAL_INSTRUCTION,
  DETAIL_NONE, RV_STATUS_BUDGET, RV_STATUS_HALTED, RV_STATUS_NEED_READ, RV_STATUS_TRACE_FULL,
  RV_STATUS_TRAPPED, RV_STATUS_WRITES_FULL, setTrap,
} from "./trap";

/** Decode cache: one 8-byte entry per ROM word (4 MiB), from the heap on first reset. */
export const CACHE_LEN: usize = <usize>(ROM_END >>> 2) << 3;
export let cachePtr: usize = 0;
/** One past the highest ROM address decoded since the last reset: only that much cache needs clearing. */
export let decodedEnd: u32 = 0;
/** Trace records (16 bytes each: pc, instruction, rd value, memory address), drained by TS. */
export const TRACE_CAP: u32 = 65536;
export let tracePtr: usize = 0;
export let traceCount: u32 = 0;
/** Memory address field of a trace record for an instruction that touches no memory. */
export const NO_ADDRESS: u32 = 0xffffffff;

export let cpuPc: u32 = 0;
export let cycles: u64 = 0;
/** RV_STATUS_BUDGET while runnable; HALTED or TRAPPED once the run is over (sticky). */
export let runState: i32 = RV_STATUS_BUDGET;

@inline function rget(off: usize): u32 { return load<u32>(RV_REGS_PTR + off); }
@inline function rset(off: usize, v: u32): void { store<u32>(RV_REGS_PTR + off, v); }

function stop(pc: u32, used: i32, status: i32): i32 {
  cpuPc = pc;
  cycles += <u64>used;
  if (status == RV_STATUS_HALTED || status == RV_STATUS_TRAPPED) runState = status;
  return status;
}

function trapAt(pc: u32, used: i32, cause: u32, address: u32, detail: u32): i32 {
  setTrap(cause, pc, pc < RAM_END ? readWord(pc) : 0, address, detail);
  return stop(pc, used, RV_STATUS_TRAPPED);
}

/** Histogram slot of an op: the slow branch/JAL forms count under their mnemonic. */
@inline function histOp(o: u32, w: u32): u32 {
  if (o == op.OP_JAL_SLOW) return op.OP_JAL;
  if (o == op.OP_BRANCH_SLOW) {
    const f3 = (w >>> 8) & 7;
    return f3 < 2 ? op.OP_BEQ + f3 : op.OP_BLT + (f3 - 4);
  }
  return o;
}

@inline function histAdd(h: u32, delta: i64): void {
  const p = RV_HIST_PTR + (<usize>h << 3);
  store<i64>(p, load<i64>(p) + delta);
}

function traceRecord(pc: u32, o: u32, rdOff: usize, memAddr: u32): void {
  const p = tracePtr + (<usize>traceCount << 4);
  store<u32>(p, pc);
  store<u32>(p, readWord(pc), 4);
  store<u32>(p, rdOff == SINK || o == op.OP_BRANCH_SLOW ? 0 : rget(rdOff), 8);
  store<u32>(p, memAddr, 12);
  traceCount++;
}

// The three exported loops are this body with HIST/TRACE fixed at compile time, so the plain loop
// carries no histogram or trace code (binaryen folds the constant branches after inlining).
@inline function run(budget: i32, HIST: bool, TRACE: bool): i32 {
  if (runState != RV_STATUS_BUDGET) return runState;
  const cacheBasePtr = cachePtr;
  let pc = cpuPc;
  let left = budget;
  while (left > 0) {
    let entryPtr: usize;
    if (pc < ROM_END) {
      entryPtr = cacheBasePtr + (<usize>pc << 1);
    } else {
      if (pc >= RAM_END) return trapAt(pc, budget - left, CAUSE_FETCH_ACCESS_FAULT, pc, DETAIL_NONE);
      entryPtr = RV_FETCH_SCRATCH_PTR;
      decodeInto(entryPtr, pc, readWord(pc));
    }
    const w = load<u32>(entryPtr);
    const imm = load<u32>(entryPtr, 4);
    const o = w & 0xff;
    const rdOff = <usize>((w >>> 8) & 0xff);
    const s1 = <usize>((w >>> 16) & 0xff);
    const s2 = <usize>(w >>> 24);
    const pc0 = pc;
    let memAddr: u32 = NO_ADDRESS;
    let h: u32 = 0;
    if (TRACE) {
      if (traceCount == TRACE_CAP) return stop(pc, budget - left, RV_STATUS_TRACE_FULL);
      if (o >= op.OP_LB && o <= op.OP_SW) memAddr = rget(s1) + imm;
    }
    if (HIST) {
      h = histOp(o, w);
      histAdd(h, 1);
    }
    switch (o) {
      case op.OP_DECODE: {
        if (HIST) histAdd(h, -1);
        // Invariant: pc < ROM_END here (scratch entries are never OP_DECODE), so entryPtr is pc's cache slot.
        decodeInto(entryPtr, pc, readWord(pc));
        if (pc >= decodedEnd) decodedEnd = pc + 4;
        continue;
      }
      case op.OP_TRAP: {
        if (HIST) histAdd(h, -1);
        return trapAt(pc, budget - left, imm, 0, DETAIL_NONE);
      }
      case op.OP_LUI:
      case op.OP_AUIPC: { rset(rdOff, imm); pc += 4; break; }
      case op.OP_JAL: { rset(rdOff, pc + 4); pc = imm; break; }
      case op.OP_JAL_SLOW: {
        if ((imm & 3) != 0) {
          if (HIST) histAdd(h, -1);
          return trapAt(pc, budget - left, CAUSE_FETCH_MISALIGNED, pc + imm, DETAIL_NONE);
        }
        rset(rdOff, pc + 4);
        if (TRACE) traceRecord(pc0, o, rdOff, memAddr);
        return stop(pc, budget - left + 1, RV_STATUS_HALTED);
      }
      case op.OP_JALR: {
        const t = (rget(s1) + imm) & ~1;
        if ((t & 3) != 0) {
          if (HIST) histAdd(h, -1);
          return trapAt(pc, budget - left, CAUSE_FETCH_MISALIGNED, t, DETAIL_NONE);
        }
        rset(rdOff, pc + 4);
        if (t == pc) {
          if (TRACE) traceRecord(pc0, o, rdOff, memAddr);
          return stop(pc, budget - left + 1, RV_STATUS_HALTED);
        }
        pc = t;
        break;
      }
      case op.OP_BEQ: { pc = rget(s1) == rget(s2) ? imm : pc + 4; break; }
      case op.OP_BNE: { pc = rget(s1) != rget(s2) ? imm : pc + 4; break; }
      case op.OP_BLT: { pc = <i32>rget(s1) < <i32>rget(s2) ? imm : pc + 4; break; }
      case op.OP_BGE: { pc = <i32>rget(s1) >= <i32>rget(s2) ? imm : pc + 4; break; }
      case op.OP_BLTU: { pc = rget(s1) < rget(s2) ? imm : pc + 4; break; }
      case op.OP_BGEU: { pc = rget(s1) >= rget(s2) ? imm : pc + 4; break; }
      case op.OP_BRANCH_SLOW: {
        const a = rget(s1);
        const b = rget(s2);
        const f3 = <u32>rdOff;
        const taken = f3 == 0 ? a == b : f3 == 1 ? a != b : f3 == 4 ? <i32>a < <i32>b
          : f3 == 5 ? <i32>a >= <i32>b : f3 == 6 ? a < b : a >= b;
        if (!taken) { pc += 4; break; }
        if ((imm & 3) != 0) {
          if (HIST) histAdd(h, -1);
          return trapAt(pc, budget - left, CAUSE_FETCH_MISALIGNED, pc + imm, DETAIL_NONE);
        }
        if (TRACE) traceRecord(pc0, o, rdOff, memAddr);
        return stop(pc, budget - left + 1, RV_STATUS_HALTED);
      }
      case op.OP_LB: {
        const a = rget(s1) + imm;
        if (loadBad(a, 0)) { if (HIST) histAdd(h, -1); return trapAt(pc, budget - left, loadCause(a, 0), a, DETAIL_NONE); }
        rset(rdOff, <u32><i32>load<i8>(hostRead(a)));
        pc += 4;
        break;
      }
      case op.OP_LH: {
        const a = rget(s1) + imm;
        if (loadBad(a, 1)) { if (HIST) histAdd(h, -1); return trapAt(pc, budget - left, loadCause(a, 1), a, DETAIL_NONE); }
        rset(rdOff, <u32><i32>load<i16>(hostRead(a)));
        pc += 4;
        break;
      }
      case op.OP_LW: {
        const a = rget(s1) + imm;
        if (loadBad(a, 3)) { if (HIST) histAdd(h, -1); return trapAt(pc, budget - left, loadCause(a, 3), a, DETAIL_NONE); }
        rset(rdOff, load<u32>(hostRead(a)));
        pc += 4;
        break;
      }
      case op.OP_LBU: {
        const a = rget(s1) + imm;
        if (loadBad(a, 0)) { if (HIST) histAdd(h, -1); return trapAt(pc, budget - left, loadCause(a, 0), a, DETAIL_NONE); }
        rset(rdOff, <u32>load<u8>(hostRead(a)));
        pc += 4;
        break;
      }
      case op.OP_LHU: {
        const a = rget(s1) + imm;
        if (loadBad(a, 1)) { if (HIST) histAdd(h, -1); return trapAt(pc, budget - left, loadCause(a, 1), a, DETAIL_NONE); }
        rset(rdOff, <u32>load<u16>(hostRead(a)));
        pc += 4;
        break;
      }
      case op.OP_SB: {
        const a = rget(s1) + imm;
        if (storeBad(a, 0)) { if (HIST) histAdd(h, -1); return trapAt(pc, budget - left, storeCause(a, 0), a, DETAIL_NONE); }
        store<u8>(hostWrite(a), <u8>rget(s2));
        pc += 4;
        break;
      }
      case op.OP_SH: {
        const a = rget(s1) + imm;
        if (storeBad(a, 1)) { if (HIST) histAdd(h, -1); return trapAt(pc, budget - left, storeCause(a, 1), a, DETAIL_NONE); }
        store<u16>(hostWrite(a), <u16>rget(s2));
        pc += 4;
        break;
      }
      case op.OP_SW: {
        const a = rget(s1) + imm;
        if (storeBad(a, 3)) { if (HIST) histAdd(h, -1); return trapAt(pc, budget - left, storeCause(a, 3), a, DETAIL_NONE); }
        store<u32>(hostWrite(a), rget(s2));
        pc += 4;
        break;
      }
      case op.OP_ADDI: { rset(rdOff, rget(s1) + imm); pc += 4; break; }
      case op.OP_SLTI: { rset(rdOff, alu.slt(rget(s1), imm)); pc += 4; break; }
      case op.OP_SLTIU: { rset(rdOff, alu.sltu(rget(s1), imm)); pc += 4; break; }
      case op.OP_XORI: { rset(rdOff, rget(s1) ^ imm); pc += 4; break; }
      case op.OP_ORI: { rset(rdOff, rget(s1) | imm); pc += 4; break; }
      case op.OP_ANDI: { rset(rdOff, rget(s1) & imm); pc += 4; break; }
      case op.OP_SLLI: { rset(rdOff, alu.sll(rget(s1), imm)); pc += 4; break; }
      case op.OP_SRLI: { rset(rdOff, alu.srl(rget(s1), imm)); pc += 4; break; }
      case op.OP_SRAI: { rset(rdOff, alu.sra(rget(s1), imm)); pc += 4; break; }
      case op.OP_ADD: { rset(rdOff, rget(s1) + rget(s2)); pc += 4; break; }
      case op.OP_SUB: { rset(rdOff, rget(s1) - rget(s2)); pc += 4; break; }
      case op.OP_SLL: { rset(rdOff, alu.sll(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_SLT: { rset(rdOff, alu.slt(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_SLTU: { rset(rdOff, alu.sltu(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_XOR: { rset(rdOff, rget(s1) ^ rget(s2)); pc += 4; break; }
      case op.OP_SRL: { rset(rdOff, alu.srl(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_SRA: { rset(rdOff, alu.sra(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_OR: { rset(rdOff, rget(s1) | rget(s2)); pc += 4; break; }
      case op.OP_AND: { rset(rdOff, rget(s1) & rget(s2)); pc += 4; break; }
      case op.OP_MUL: { rset(rdOff, rget(s1) * rget(s2)); pc += 4; break; }
      case op.OP_MULH: { rset(rdOff, alu.mulh(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_MULHSU: { rset(rdOff, alu.mulhsu(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_MULHU: { rset(rdOff, alu.mulhu(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_DIV: { rset(rdOff, alu.div(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_DIVU: { rset(rdOff, alu.divu(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_REM: { rset(rdOff, alu.rem(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_REMU: { rset(rdOff, alu.remu(rget(s1), rget(s2))); pc += 4; break; }
      case op.OP_CSR_NONDET: {
        // Reference order (state.rs): rs1 is read at the start, then the CSR read, then the write;
        // rd = x0 means no read, rs1 = x0 means no write. Yields happen before any effect.
        const wantsWrite = (imm & 2) != 0;
        if (wantsWrite && !csr.canWrite()) { if (HIST) histAdd(h, -1); return stop(pc, budget - left, RV_STATUS_WRITES_FULL); }
        const written = rget(s1);
        let value: u32 = 0;
        if ((imm & 1) != 0) {
          if (!csr.canRead()) { if (HIST) histAdd(h, -1); return stop(pc, budget - left, RV_STATUS_NEED_READ); }
          value = csr.popRead();
        }
        if (wantsWrite) csr.pushWrite(written);
        rset(rdOff, value);
        pc += 4;
        break;
      }
      case op.OP_CSR_BLAKE: {
        const d = csr.csrBlake(rget(s1));
        if (d != DETAIL_NONE) {
          if (HIST) histAdd(h, -1);
          return trapAt(pc, budget - left, CAUSE_DELEGATION_FAULT, csr.delegationFaultAddress, d);
        }
        rset(rdOff, 0);
        pc += 4;
        break;
      }
      case op.OP_CSR_U256: {
        const d = csr.csrU256(rget(s1));
        if (d != DETAIL_NONE) {
          if (HIST) histAdd(h, -1);
          return trapAt(pc, budget - left, CAUSE_DELEGATION_FAULT, csr.delegationFaultAddress, d);
        }
        rset(rdOff, 0);
        pc += 4;
        break;
      }
      case op.OP_CSR_MARKER: { csr.csrMarker(); rset(rdOff, 0); pc += 4; break; }
      default: {
        if (HIST) histAdd(h, -1);
        return trapAt(pc, budget - left, CAUSE_ILLEGAL_INSTRUCTION, 0, DETAIL_NONE);
      }
    }
    left--;
    if (TRACE) traceRecord(pc0, o, rdOff, memAddr);
  }
  return stop(pc, budget, RV_STATUS_BUDGET);
}

/** Runs up to `budget` instructions. Returns an RV_STATUS_*; resumable unless HALTED/TRAPPED. */
export function rvRun(budget: i32): i32 { return run(budget, false, false); }

/** rvRun that also counts executed instructions per op into RV_HIST_PTR. */
export function rvRunCounted(budget: i32): i32 { return run(budget, true, false); }

/** rvRunCounted that also appends one trace record per instruction (yields when the buffer is full). */
export function rvRunTraced(budget: i32): i32 { return run(budget, true, true); }
