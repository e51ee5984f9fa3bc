// 0x01–0x0b: arithmetic. Each works in place on stack slots below `sp` (the top is at sp − 32)
// and returns the new sp; stack bounds and static gas were checked from the traits tables.

import {
  u256Add, u256Sub, u256Mul, u256Div, u256Sdiv, u256Mod, u256Smod, u256AddMod, u256MulMod, u256Exp,
  u256SignExtend, u256ByteLength,
} from "../../lib/u256";
import { ERGS_PER_GAS, G_EXP_BYTE, N_EXP_BYTE } from "../gas";
import { nativeDebt } from "../frame";

// @ts-ignore: decorator
@inline export function add(sp: usize): usize { u256Add(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function mul(sp: usize): usize { u256Mul(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function sub(sp: usize): usize { u256Sub(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function div(sp: usize): usize { u256Div(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function sdiv(sp: usize): usize { u256Sdiv(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function mod(sp: usize): usize { u256Mod(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function smod(sp: usize): usize { u256Smod(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function addmod(sp: usize): usize { u256AddMod(sp - 96, sp - 32, sp - 64, sp - 96); return sp - 64; }
// @ts-ignore: decorator
@inline export function mulmod(sp: usize): usize { u256MulMod(sp - 96, sp - 32, sp - 64, sp - 96); return sp - 64; }
// @ts-ignore: decorator
@inline export function signextend(sp: usize): usize { u256SignExtend(sp - 64, sp - 32, sp - 64); return sp - 32; }

/** EXP: charges 50 gas (and 5,000 native) per byte of the exponent; returns the ergs left. */
// @ts-ignore: decorator
@inline
export function exp(sp: usize, ergs: i64): i64 {
  const bytes = <i64>u256ByteLength(sp - 64);
  nativeDebt += N_EXP_BYTE * bytes;
  u256Exp(sp - 64, sp - 32, sp - 64);
  return ergs - G_EXP_BYTE * ERGS_PER_GAS * bytes;
}
