// 0x10–0x15: comparisons, in place on the stack slots below `sp`; results are 0 or 1.

import { u256Lt, u256Gt, u256Slt, u256Sgt, u256Eq, u256IsZero, u256SetU64 } from "../../lib/u256";

// @ts-ignore: decorator
@inline export function lt(sp: usize): usize { u256SetU64(sp - 64, <u64>u256Lt(sp - 32, sp - 64)); return sp - 32; }
// @ts-ignore: decorator
@inline export function gt(sp: usize): usize { u256SetU64(sp - 64, <u64>u256Gt(sp - 32, sp - 64)); return sp - 32; }
// @ts-ignore: decorator
@inline export function slt(sp: usize): usize { u256SetU64(sp - 64, <u64>u256Slt(sp - 32, sp - 64)); return sp - 32; }
// @ts-ignore: decorator
@inline export function sgt(sp: usize): usize { u256SetU64(sp - 64, <u64>u256Sgt(sp - 32, sp - 64)); return sp - 32; }
// @ts-ignore: decorator
@inline export function eq(sp: usize): usize { u256SetU64(sp - 64, <u64>u256Eq(sp - 32, sp - 64)); return sp - 32; }
// @ts-ignore: decorator
@inline export function iszero(sp: usize): usize { u256SetU64(sp - 32, <u64>u256IsZero(sp - 32)); return sp; }
