// 0x16–0x1d: bitwise logic and shifts (EIP-145), in place on the stack slots below `sp`.

import { u256And, u256Or, u256Xor, u256Not, u256Byte, u256Shl, u256Shr, u256Sar } from "../../lib/u256";

// @ts-ignore: decorator
@inline export function and_(sp: usize): usize { u256And(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function or_(sp: usize): usize { u256Or(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function xor_(sp: usize): usize { u256Xor(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function not_(sp: usize): usize { u256Not(sp - 32, sp - 32); return sp; }
// @ts-ignore: decorator
@inline export function byte_(sp: usize): usize { u256Byte(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function shl(sp: usize): usize { u256Shl(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function shr(sp: usize): usize { u256Shr(sp - 64, sp - 32, sp - 64); return sp - 32; }
// @ts-ignore: decorator
@inline export function sar(sp: usize): usize { u256Sar(sp - 64, sp - 32, sp - 64); return sp - 32; }
