// Instruction decoding (RISC-V unprivileged spec ch. 2 "RV32I", ch. 7 "M"; encoding strictness of
// riscv-machine.md §1.1). One 32-bit word becomes an 8-byte entry that cpu.ts executes:
//   byte 0 op (ops.ts) · byte 1 rd×4 (x0 → the sink slot 32) · byte 2 rs1×4 · byte 3 rs2×4 · bytes 4..7 imm.
// Anything the machine does not execute decodes to OP_TRAP with the cause in imm.

import * as op from "./ops";
import { CAUSE_GUEST_ABORT, CAUSE_ILLEGAL_INSTRUCTION, CAUSE_UNSUPPORTED_CSR } from "./trap";

/** Register-file byte offset that writes to x0 go to; it is never read. */
export const SINK: u32 = 32 << 2;

export const CSR_NONDET: u32 = 0x7c0;
export const CSR_BLAKE2S_ROUND: u32 = 0x7c7;
export const CSR_U256_OPS: u32 = 0x7ca;
export const CSR_MARKER: u32 = 0x7ff;
/** `cycle`: the guest's rust_abort executes csrrw x0, cycle, x0 (= 0xC0001073). */
export const CSR_ABORT: u32 = 0xc00;

// rd = inst[11:7]
@inline export function rd(i: u32): u32 { return (i >>> 7) & 31; }
// rs1 = inst[19:15]
@inline export function rs1(i: u32): u32 { return (i >>> 15) & 31; }
// rs2 = inst[24:20]
@inline export function rs2(i: u32): u32 { return (i >>> 20) & 31; }
// funct3 = inst[14:12]
@inline export function funct3(i: u32): u32 { return (i >>> 12) & 7; }
// funct7 = inst[31:25]
@inline export function funct7(i: u32): u32 { return i >>> 25; }
// imm[11:0] = inst[31:20], sign-extended
@inline export function immI(i: u32): u32 { return <u32>(<i32>i >> 20); }
// imm[11:5] = inst[31:25], imm[4:0] = inst[11:7], sign-extended
@inline export function immS(i: u32): u32 { return <u32>((<i32>i >> 20) & ~31) | ((i >>> 7) & 31); }
// imm[12|10:5] = inst[31|30:25], imm[4:1|11] = inst[11:8|7], sign-extended
@inline export function immB(i: u32): u32 {
  return <u32>((<i32>i >> 19) & ~0xfff) | ((i << 4) & 0x800) | ((i >>> 20) & 0x7e0) | ((i >>> 7) & 0x1e);
}
// imm[31:12] = inst[31:12]
@inline export function immU(i: u32): u32 { return i & 0xfffff000; }
// imm[20|10:1|11|19:12] = inst[31|30:21|20|19:12], sign-extended
@inline export function immJ(i: u32): u32 {
  return <u32>((<i32>i >> 11) & ~0xfffff) | (i & 0xff000) | ((i >>> 9) & 0x800) | ((i >>> 20) & 0x7fe);
}

@inline function put(entryPtr: usize, o: u32, rdOff: u32, rs1Off: u32, rs2Off: u32, imm: u32): void {
  store<u32>(entryPtr, o | (rdOff << 8) | (rs1Off << 16) | (rs2Off << 24));
  store<u32>(entryPtr, imm, 4);
}

@inline function dest(i: u32): u32 {
  const r = rd(i);
  return r == 0 ? SINK : r << 2;
}

function trapEntry(entryPtr: usize, cause: u32): void {
  put(entryPtr, op.OP_TRAP, SINK, 0, 0, cause);
}

/** Decodes instruction `i` fetched at `pc` into the entry at `entryPtr`. */
export function decodeInto(entryPtr: usize, pc: u32, i: u32): void {
  const f3 = funct3(i);
  const f7 = funct7(i);
  const d = dest(i);
  const s1 = rs1(i) << 2;
  const s2 = rs2(i) << 2;
  switch (i & 0x7f) {
    case 0x37: put(entryPtr, op.OP_LUI, d, 0, 0, immU(i)); return;
    case 0x17: put(entryPtr, op.OP_AUIPC, d, 0, 0, pc + immU(i)); return;
    case 0x6f: {
      const off = immJ(i);
      if (off == 0 || (off & 3) != 0) put(entryPtr, op.OP_JAL_SLOW, d, 0, 0, off);
      else put(entryPtr, op.OP_JAL, d, 0, 0, pc + off);
      return;
    }
    // JALR: funct3 is not checked by the reference (state.rs), so neither here.
    case 0x67: put(entryPtr, op.OP_JALR, d, s1, 0, immI(i)); return;
    case 0x63: {
      if (f3 == 2 || f3 == 3) break;
      const off = immB(i);
      if (off == 0 || (off & 3) != 0) { put(entryPtr, op.OP_BRANCH_SLOW, f3, s1, s2, off); return; }
      // funct3 0,1,4,5,6,7 → BEQ, BNE, BLT, BGE, BLTU, BGEU
      const o = f3 < 2 ? op.OP_BEQ + f3 : op.OP_BLT + (f3 - 4);
      put(entryPtr, o, SINK, s1, s2, pc + off);
      return;
    }
    case 0x03: {
      // funct3 0 LB, 1 LH, 2 LW, 4 LBU, 5 LHU
      if (f3 == 3 || f3 > 5) break;
      const o = f3 < 3 ? op.OP_LB + f3 : op.OP_LBU + (f3 - 4);
      put(entryPtr, o, d, s1, 0, immI(i));
      return;
    }
    case 0x23: {
      // funct3 0 SB, 1 SH, 2 SW
      if (f3 > 2) break;
      put(entryPtr, op.OP_SB + f3, SINK, s1, s2, immS(i));
      return;
    }
    case 0x13: {
      const imm = immI(i);
      switch (f3) {
        case 0: put(entryPtr, op.OP_ADDI, d, s1, 0, imm); return;
        case 1: if (f7 != 0) break; put(entryPtr, op.OP_SLLI, d, s1, 0, imm & 31); return;
        case 2: put(entryPtr, op.OP_SLTI, d, s1, 0, imm); return;
        case 3: put(entryPtr, op.OP_SLTIU, d, s1, 0, imm); return;
        case 4: put(entryPtr, op.OP_XORI, d, s1, 0, imm); return;
        case 5: {
          if (f7 == 0) { put(entryPtr, op.OP_SRLI, d, s1, 0, imm & 31); return; }
          if (f7 == 0x20) { put(entryPtr, op.OP_SRAI, d, s1, 0, imm & 31); return; }
          break;
        }
        case 6: put(entryPtr, op.OP_ORI, d, s1, 0, imm); return;
        default: put(entryPtr, op.OP_ANDI, d, s1, 0, imm); return;
      }
      break;
    }
    case 0x33: {
      if (f7 == 1) { put(entryPtr, op.OP_MUL + f3, d, s1, s2, 0); return; }
      if (f7 == 0x20) {
        if (f3 == 0) { put(entryPtr, op.OP_SUB, d, s1, s2, 0); return; }
        if (f3 == 5) { put(entryPtr, op.OP_SRA, d, s1, s2, 0); return; }
        break;
      }
      if (f7 != 0) break;
      // funct3 0 ADD, 1 SLL, 2 SLT, 3 SLTU, 4 XOR, 5 SRL, 6 OR, 7 AND
      let o: u32;
      switch (f3) {
        case 0: o = op.OP_ADD; break;
        case 5: o = op.OP_SRL; break;
        case 6: o = op.OP_OR; break;
        case 7: o = op.OP_AND; break;
        default: o = op.OP_SLL + (f3 - 1);
      }
      put(entryPtr, o, d, s1, s2, 0);
      return;
    }
    case 0x73: {
      // Only CSRRW exists in this machine (SUPPORT_ONLY_CSRRW); ECALL, EBREAK, CSRRS… are illegal.
      if (f3 != 1) break;
      const csr = i >>> 20;
      if (csr == CSR_NONDET) {
        const flags: u32 = (rd(i) != 0 ? 1 : 0) | (rs1(i) != 0 ? 2 : 0);
        put(entryPtr, op.OP_CSR_NONDET, d, s1, 0, flags);
      } else if (csr == CSR_BLAKE2S_ROUND) put(entryPtr, op.OP_CSR_BLAKE, d, s1, 0, 0);
      else if (csr == CSR_U256_OPS) put(entryPtr, op.OP_CSR_U256, d, s1, 0, 0);
      else if (csr == CSR_MARKER) put(entryPtr, op.OP_CSR_MARKER, d, s1, 0, 0);
      else if (csr == CSR_ABORT) trapEntry(entryPtr, CAUSE_GUEST_ABORT);
      else trapEntry(entryPtr, CAUSE_UNSUPPORTED_CSR);
      return;
    }
    default: break;
  }
  trapEntry(entryPtr, CAUSE_ILLEGAL_INSTRUCTION);
}
