/**
 * The baseline of the `riscv` bench: a plain JavaScript RV32IM interpreter of the Airbender machine,
 * written the obvious way (fetch, decode fields every time, `switch` on the opcode, 64 KiB pages of
 * Int32Array, the Blake2s round in JS and the u256 delegation in BigInt). It is what "a naive
 * JavaScript one" of issue 6 means; it checks nothing the core does not, and it is not used by zkos.
 * @module
 */

const SIGMA: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const M256 = (1n << 256n) - 1n;

export class JsRiscv {
  readonly regs = new Int32Array(32);
  pc = 0;
  cycles = 0;
  blakeCalls = 0;
  u256Calls = 0;
  private readonly pages: (Int32Array | undefined)[] = new Array(16384);
  private readPos = 0;

  constructor(private readonly reads: Uint32Array) {}

  load(bin: Uint8Array): void {
    const dv = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
    for (let a = 0; a < bin.length; a += 4) this.store32(a, dv.getUint32(a, true));
  }

  load32(addr: number): number {
    const p = this.pages[addr >>> 16];
    return p === undefined ? 0 : p[(addr & 0xffff) >>> 2]!;
  }

  store32(addr: number, v: number): void {
    let p = this.pages[addr >>> 16];
    if (p === undefined) p = this.pages[addr >>> 16] = new Int32Array(16384);
    p[(addr & 0xffff) >>> 2] = v;
  }

  /** Runs until the self-jump; returns false if a trap or the budget stopped it. */
  run(maxCycles: number): boolean {
    const x = this.regs;
    let pc = this.pc;
    for (let n = 0; n < maxCycles; n++) {
      const inst = this.load32(pc);
      const rd = (inst >>> 7) & 31;
      const rs1 = (inst >>> 15) & 31;
      const rs2 = (inst >>> 20) & 31;
      const f3 = (inst >>> 12) & 7;
      const f7 = inst >>> 25;
      let next = pc + 4;
      let val = 0;
      let write = true;
      switch (inst & 0x7f) {
        case 0x37: val = inst & 0xfffff000; break;
        case 0x17: val = (pc + (inst & 0xfffff000)) | 0; break;
        case 0x6f: {
          const off = ((inst >> 11) & ~0xfffff) | (inst & 0xff000) | ((inst >>> 9) & 0x800) | ((inst >>> 20) & 0x7fe);
          val = pc + 4;
          next = (pc + off) >>> 0;
          break;
        }
        case 0x67: val = pc + 4; next = ((x[rs1]! + (inst >> 20)) & ~1) >>> 0; break;
        case 0x63: {
          write = false;
          const a = x[rs1]!, b = x[rs2]!;
          let taken: boolean;
          switch (f3) {
            case 0: taken = a === b; break;
            case 1: taken = a !== b; break;
            case 4: taken = a < b; break;
            case 5: taken = a >= b; break;
            case 6: taken = a >>> 0 < b >>> 0; break;
            case 7: taken = a >>> 0 >= b >>> 0; break;
            default: return false;
          }
          if (taken) {
            const off = ((inst >> 19) & ~0xfff) | ((inst << 4) & 0x800) | ((inst >>> 20) & 0x7e0) | ((inst >>> 7) & 0x1e);
            next = (pc + off) >>> 0;
          }
          break;
        }
        case 0x03: {
          const addr = (x[rs1]! + (inst >> 20)) >>> 0;
          const w = this.load32(addr & ~3);
          const sh = (addr & 3) * 8;
          switch (f3) {
            case 0: val = (w << (24 - sh)) >> 24; break;
            case 1: val = (w << (16 - sh)) >> 16; break;
            case 2: val = w; break;
            case 4: val = (w >>> sh) & 0xff; break;
            case 5: val = (w >>> sh) & 0xffff; break;
            default: return false;
          }
          break;
        }
        case 0x23: {
          write = false;
          const addr = (x[rs1]! + (((inst >> 20) & ~31) | ((inst >>> 7) & 31))) >>> 0;
          if (addr < 0x200000) return false;
          const v = x[rs2]!;
          if (f3 === 2) this.store32(addr, v);
          else {
            const sh = (addr & 3) * 8;
            const mask = (f3 === 0 ? 0xff : 0xffff) << sh;
            const w = this.load32(addr & ~3);
            this.store32(addr & ~3, (w & ~mask) | ((v << sh) & mask));
          }
          break;
        }
        case 0x13: {
          const a = x[rs1]!, imm = inst >> 20;
          switch (f3) {
            case 0: val = a + imm; break;
            case 1: val = a << (imm & 31); break;
            case 2: val = a < imm ? 1 : 0; break;
            case 3: val = a >>> 0 < imm >>> 0 ? 1 : 0; break;
            case 4: val = a ^ imm; break;
            case 5: val = f7 === 0x20 ? a >> (imm & 31) : a >>> (imm & 31); break;
            case 6: val = a | imm; break;
            default: val = a & imm;
          }
          break;
        }
        case 0x33: {
          const a = x[rs1]!, b = x[rs2]!;
          if (f7 === 1) {
            switch (f3) {
              case 0: val = Math.imul(a, b); break;
              case 1: val = Number((BigInt(a) * BigInt(b)) >> 32n) | 0; break;
              case 2: val = Number((BigInt(a) * BigInt(b >>> 0)) >> 32n) | 0; break;
              case 3: val = Number((BigInt(a >>> 0) * BigInt(b >>> 0)) >> 32n) | 0; break;
              case 4: val = b === 0 ? -1 : a === -0x80000000 && b === -1 ? a : (a / b) | 0; break;
              case 5: val = b === 0 ? -1 : ((a >>> 0) / (b >>> 0)) | 0; break;
              case 6: val = b === 0 ? a : a === -0x80000000 && b === -1 ? 0 : a % b; break;
              default: val = b === 0 ? a : ((a >>> 0) % (b >>> 0)) | 0;
            }
          } else {
            switch (f3) {
              case 0: val = f7 === 0x20 ? a - b : a + b; break;
              case 1: val = a << (b & 31); break;
              case 2: val = a < b ? 1 : 0; break;
              case 3: val = a >>> 0 < b >>> 0 ? 1 : 0; break;
              case 4: val = a ^ b; break;
              case 5: val = f7 === 0x20 ? a >> (b & 31) : a >>> (b & 31); break;
              case 6: val = a | b; break;
              default: val = a & b;
            }
          }
          break;
        }
        case 0x73: {
          if (f3 !== 1) return false;
          const csr = inst >>> 20;
          if (csr === 0x7c0) {
            write = rd !== 0;
            if (write) val = this.readPos < this.reads.length ? this.reads[this.readPos++]! : 0;
          } else if (csr === 0x7c7) this.blakeRound();
          else if (csr === 0x7ca) this.u256Op();
          else return false;
          break;
        }
        default:
          return false;
      }
      if (write && rd !== 0) x[rd] = val;
      this.cycles++;
      if (next === pc) {
        this.pc = pc;
        return true;
      }
      pc = next;
    }
    this.pc = pc;
    return false;
  }

  private blakeRound(): void {
    const sp = this.regs[10]! >>> 0, mp = this.regs[11]! >>> 0;
    const r = 31 - Math.clz32(this.regs[12]!), control = this.regs[13]!;
    const h = Array.from({ length: 8 }, (_, i) => this.load32(sp + 4 * i) >>> 0);
    const v = Array.from({ length: 16 }, (_, i) => this.load32(sp + 32 + 4 * i) >>> 0);
    const input = Array.from({ length: 16 }, (_, i) => this.load32(mp + 4 * i) >>> 0);
    const compression = (control & 4) !== 0;
    let m = input;
    if (compression) {
      if (r === 0) {
        for (let i = 0; i < 8; i++) { v[i] = IV[i]!; v[i + 8] = IV[i]!; }
        v[0] = (v[0]! ^ 0x01010020) >>> 0;
        v[12] = (v[12]! ^ 64) >>> 0;
        v[14] = (v[14]! ^ 0xffffffff) >>> 0;
      }
      m = control & 2 ? [...input.slice(0, 8), ...h] : [...h, ...input.slice(0, 8)];
    } else if (r === 0) {
      for (let i = 0; i < 8; i++) v[i] = h[i]!;
      v[8] = IV[0]!; v[9] = IV[1]!; v[10] = IV[2]!; v[11] = IV[3]!; v[13] = IV[5]!; v[15] = IV[7]!;
    }
    const s = SIGMA[r]!;
    const g = (a: number, b: number, c: number, d: number, x: number, y: number) => {
      v[a] = (v[a]! + v[b]! + x) >>> 0; v[d] = rotr(v[d]! ^ v[a]!, 16);
      v[c] = (v[c]! + v[d]!) >>> 0; v[b] = rotr(v[b]! ^ v[c]!, 12);
      v[a] = (v[a]! + v[b]! + y) >>> 0; v[d] = rotr(v[d]! ^ v[a]!, 8);
      v[c] = (v[c]! + v[d]!) >>> 0; v[b] = rotr(v[b]! ^ v[c]!, 7);
    };
    g(0, 4, 8, 12, m[s[0]!]!, m[s[1]!]!); g(1, 5, 9, 13, m[s[2]!]!, m[s[3]!]!);
    g(2, 6, 10, 14, m[s[4]!]!, m[s[5]!]!); g(3, 7, 11, 15, m[s[6]!]!, m[s[7]!]!);
    g(0, 5, 10, 15, m[s[8]!]!, m[s[9]!]!); g(1, 6, 11, 12, m[s[10]!]!, m[s[11]!]!);
    g(2, 7, 8, 13, m[s[12]!]!, m[s[13]!]!); g(3, 4, 9, 14, m[s[14]!]!, m[s[15]!]!);
    if (control & 1) {
      const base = compression ? [(IV[0]! ^ 0x01010020) >>> 0, ...IV.slice(1)] : h;
      for (let i = 0; i < 8; i++) h[i] = (base[i]! ^ v[i]! ^ v[i + 8]!) >>> 0;
    }
    for (let i = 0; i < 8; i++) this.store32(sp + 4 * i, h[i]!);
    for (let i = 0; i < 16; i++) this.store32(sp + 32 + 4 * i, v[i]!);
    this.blakeCalls++;
  }

  private u256Op(): void {
    const ap = this.regs[10]! >>> 0, bp = this.regs[11]! >>> 0, control = this.regs[12]!;
    const read = (p: number) => {
      let v = 0n;
      for (let i = 7; i >= 0; i--) v = (v << 32n) | BigInt(this.load32(p + 4 * i) >>> 0);
      return v;
    };
    const a = read(ap), b = read(bp), c = BigInt((control >> 6) & 1);
    let res = a, flag = 0;
    switch (control & ~64) {
      case 1: res = a + b + c; flag = res > M256 ? 1 : 0; break;
      case 2: res = a - b - c; flag = res < 0n ? 1 : 0; break;
      case 4: res = b - a - c; flag = res < 0n ? 1 : 0; break;
      case 8: res = a * b; flag = res >> 256n !== 0n ? 1 : 0; break;
      case 16: res = (a * b) >> 256n; break;
      case 32: flag = a === b ? 1 : 0; break;
      case 128: res = b + c; flag = res > M256 ? 1 : 0; break;
    }
    res &= M256;
    for (let i = 0; i < 8; i++) this.store32(ap + 4 * i, Number((res >> BigInt(32 * i)) & 0xffffffffn) | 0);
    this.regs[12] = flag;
    this.u256Calls++;
  }
}

function rotr(v: number, n: number): number {
  return ((v >>> n) | (v << (32 - n))) >>> 0;
}
