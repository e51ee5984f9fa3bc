// A tiny RV32IM encoder for instruction-level tests (RISC-V unprivileged spec ch. 2 and 7 layouts).
// Registers are numbers 0..31; offsets are in bytes, relative to the instruction itself.

const r = (f7: number, rs2: number, rs1: number, f3: number, rd: number, opc: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc) >>> 0;
const i = (imm: number, rs1: number, f3: number, rd: number, opc: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc) >>> 0;
const s = (imm: number, rs2: number, rs1: number, f3: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | 0x23) >>> 0;
const b = (off: number, rs2: number, rs1: number, f3: number): number =>
  ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12)
    | (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;
const u = (imm20: number, rd: number, opc: number): number => (((imm20 & 0xfffff) << 12) | (rd << 7) | opc) >>> 0;
const j = (off: number, rd: number): number =>
  ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20)
    | (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;

export const lui = (rd: number, imm20: number) => u(imm20, rd, 0x37);
export const auipc = (rd: number, imm20: number) => u(imm20, rd, 0x17);
export const jal = (rd: number, off: number) => j(off, rd);
export const jalr = (rd: number, rs1: number, imm: number) => i(imm, rs1, 0, rd, 0x67);
export const beq = (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 0);
export const bne = (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 1);
export const blt = (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 4);
export const bge = (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 5);
export const bltu = (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 6);
export const bgeu = (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 7);
export const lb = (rd: number, off: number, rs1: number) => i(off, rs1, 0, rd, 0x03);
export const lh = (rd: number, off: number, rs1: number) => i(off, rs1, 1, rd, 0x03);
export const lw = (rd: number, off: number, rs1: number) => i(off, rs1, 2, rd, 0x03);
export const lbu = (rd: number, off: number, rs1: number) => i(off, rs1, 4, rd, 0x03);
export const lhu = (rd: number, off: number, rs1: number) => i(off, rs1, 5, rd, 0x03);
export const sb = (rs2: number, off: number, rs1: number) => s(off, rs2, rs1, 0);
export const sh = (rs2: number, off: number, rs1: number) => s(off, rs2, rs1, 1);
export const sw = (rs2: number, off: number, rs1: number) => s(off, rs2, rs1, 2);
export const addi = (rd: number, rs1: number, imm: number) => i(imm, rs1, 0, rd, 0x13);
export const slti = (rd: number, rs1: number, imm: number) => i(imm, rs1, 2, rd, 0x13);
export const sltiu = (rd: number, rs1: number, imm: number) => i(imm, rs1, 3, rd, 0x13);
export const xori = (rd: number, rs1: number, imm: number) => i(imm, rs1, 4, rd, 0x13);
export const ori = (rd: number, rs1: number, imm: number) => i(imm, rs1, 6, rd, 0x13);
export const andi = (rd: number, rs1: number, imm: number) => i(imm, rs1, 7, rd, 0x13);
export const slli = (rd: number, rs1: number, sh: number) => i(sh, rs1, 1, rd, 0x13);
export const srli = (rd: number, rs1: number, sh: number) => i(sh, rs1, 5, rd, 0x13);
export const srai = (rd: number, rs1: number, sh: number) => i(0x400 | sh, rs1, 5, rd, 0x13);
export const add = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 0, rd, 0x33);
export const sub = (rd: number, rs1: number, rs2: number) => r(0x20, rs2, rs1, 0, rd, 0x33);
export const sll = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 1, rd, 0x33);
export const slt = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 2, rd, 0x33);
export const sltu = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 3, rd, 0x33);
export const xor = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 4, rd, 0x33);
export const srl = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 5, rd, 0x33);
export const sra = (rd: number, rs1: number, rs2: number) => r(0x20, rs2, rs1, 5, rd, 0x33);
export const or = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 6, rd, 0x33);
export const and = (rd: number, rs1: number, rs2: number) => r(0, rs2, rs1, 7, rd, 0x33);
export const mul = (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 0, rd, 0x33);
export const mulh = (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 1, rd, 0x33);
export const mulhsu = (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 2, rd, 0x33);
export const mulhu = (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 3, rd, 0x33);
export const div = (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 4, rd, 0x33);
export const divu = (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 5, rd, 0x33);
export const rem = (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 6, rd, 0x33);
export const remu = (rd: number, rs1: number, rs2: number) => r(1, rs2, rs1, 7, rd, 0x33);
/** A raw R-type word, for encodings the named helpers refuse to produce. */
export const rtype = r;
export const csrrw = (rd: number, csr: number, rs1: number) => i(csr, rs1, 1, rd, 0x73);
export const csrrs = (rd: number, csr: number, rs1: number) => i(csr, rs1, 2, rd, 0x73);
export const ecall = () => 0x00000073;
export const ebreak = () => 0x00100073;
export const fence = () => 0x0ff0000f;
/** The halting self-jump `jal x0, 0`. */
export const halt = () => jal(0, 0);

/** Loads a 32-bit constant with lui + addi (two words). */
export function li(rd: number, value: number): number[] {
  const v = value | 0;
  const lo = (v << 20) >> 20;
  const hi = ((v - lo) >>> 12) & 0xfffff;
  return [lui(rd, hi), addi(rd, rd, lo)];
}

/** Words → little-endian bytes of a flat binary. */
export function program(...words: (number | number[])[]): Uint8Array {
  const flat = words.flat();
  const out = new Uint8Array(flat.length * 4);
  const dv = new DataView(out.buffer);
  flat.forEach((w, k) => dv.setUint32(4 * k, w >>> 0, true));
  return out;
}
