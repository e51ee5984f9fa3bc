// The M extension (RISC-V unprivileged spec ch. 7, table 7.1 for the edge cases), exact values,
// plus a differential check of every op against a BigInt reference on pseudo-random operands.
import { describe, expect, it } from "vitest";
import * as a from "../helpers/rv32";
import { run } from "./_run";

const MIN = 0x80000000;
const NEG1 = 0xffffffff;

type Op = (rd: number, rs1: number, rs2: number) => number;
const cases: [string, Op, number, number, number][] = [
  ["mul low", a.mul, 0x12345678, 0x9abcdef0, 0x242d2080],
  ["mul -1·-1", a.mul, NEG1, NEG1, 1],
  ["mulh -1·-1", a.mulh, NEG1, NEG1, 0],
  ["mulh MIN·MIN", a.mulh, MIN, MIN, 0x40000000],
  ["mulh MIN·-1", a.mulh, MIN, NEG1, 0],
  ["mulhsu -1·max", a.mulhsu, NEG1, NEG1, NEG1],
  ["mulhsu MIN·max", a.mulhsu, MIN, NEG1, 0x80000000],
  ["mulhsu 2·max", a.mulhsu, 2, NEG1, 1],
  ["mulhu max·max", a.mulhu, NEG1, NEG1, 0xfffffffe],
  ["div 7/-2", a.div, 7, 0xfffffffe, 0xfffffffd],
  ["div -7/2", a.div, 0xfffffff9, 2, 0xfffffffd],
  ["div by 0", a.div, 5, 0, NEG1],
  ["div overflow MIN/-1", a.div, MIN, NEG1, MIN],
  ["divu max/2", a.divu, NEG1, 2, 0x7fffffff],
  ["divu by 0", a.divu, 5, 0, NEG1],
  ["rem 7%-2", a.rem, 7, 0xfffffffe, 1],
  ["rem -7%2", a.rem, 0xfffffff9, 2, NEG1],
  ["rem by 0 is dividend", a.rem, 0xfffffff9, 0, 0xfffffff9],
  ["rem overflow MIN%-1", a.rem, MIN, NEG1, 0],
  ["remu max%10", a.remu, NEG1, 10, 5],
  ["remu by 0 is dividend", a.remu, 123, 0, 123],
];

describe("RV32M", () => {
  it.each(cases)("%s", (_name, op, x, y, want) => {
    const { r, x: regs } = run([op(5, 6, 7), a.halt()], { 6: x, 7: y });
    expect(r.status).toBe("halted");
    expect(regs[5]).toBe(want >>> 0);
  });

  it("matches a BigInt reference on 200 pseudo-random operand pairs per op", () => {
    const s32 = (v: number) => BigInt(v | 0);
    const u32 = (v: number) => BigInt(v >>> 0);
    const wrap = (v: bigint) => Number(BigInt.asUintN(32, v));
    const ref: [Op, (x: number, y: number) => number][] = [
      [a.mul, (x, y) => wrap(u32(x) * u32(y))],
      [a.mulh, (x, y) => wrap((s32(x) * s32(y)) >> 32n)],
      [a.mulhsu, (x, y) => wrap((s32(x) * u32(y)) >> 32n)],
      [a.mulhu, (x, y) => wrap((u32(x) * u32(y)) >> 32n)],
      [a.div, (x, y) => ((y | 0) === 0 ? NEG1 : (x | 0) === (MIN | 0) && (y | 0) === -1 ? MIN : wrap(s32(x) / s32(y)))],
      [a.divu, (x, y) => (y >>> 0 === 0 ? NEG1 : wrap(u32(x) / u32(y)))],
      [a.rem, (x, y) => ((y | 0) === 0 ? x >>> 0 : (x | 0) === (MIN | 0) && (y | 0) === -1 ? 0 : wrap(s32(x) % s32(y)))],
      [a.remu, (x, y) => (y >>> 0 === 0 ? x >>> 0 : wrap(u32(x) % u32(y)))],
    ];
    let seed = 0x9e3779b9;
    const next = () => {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      return seed >>> 0;
    };
    for (const [op, f] of ref) {
      for (let k = 0; k < 200; k++) {
        const x = k % 10 === 0 ? MIN : next();
        const y = k % 7 === 0 ? NEG1 : k % 11 === 0 ? 0 : next() >>> (k % 31);
        const { x: regs } = run([op(5, 6, 7), a.halt()], { 6: x, 7: y });
        expect(regs[5], `${op(5, 6, 7).toString(16)} ${x} ${y}`).toBe(f(x, y));
      }
    }
  });
});
