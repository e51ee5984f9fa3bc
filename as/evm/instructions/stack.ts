// 0x50 POP, 0x5f–0x7f PUSH0..PUSH32, 0x80–0x8f DUP1..16, 0x90–0x9f SWAP1..16. `pc` points at the
// immediate bytes; the code is padded with 33 zero bytes, so reading up to 32 bytes past any
// PUSH is in bounds and reads zeros (a truncated PUSH at the end of code is zero-extended).

import { u256LoadBEPartial } from "../../lib/u256";

// @ts-ignore: decorator
@inline
export function pop(sp: usize): usize {
  return sp - 32;
}

// @ts-ignore: decorator
@inline
export function push0(sp: usize): usize {
  v128.store(sp, i64x2.splat(0));
  v128.store(sp, i64x2.splat(0), 16);
  return sp + 32;
}

/** PUSH1..PUSH8: the immediate fits one limb; an 8-byte load at pc stays inside the padding. */
// @ts-ignore: decorator
@inline
export function pushSmall(sp: usize, pc: usize, n: u32): usize {
  const v = bswap<u64>(load<u64>(pc)) >> (<u64>(64 - (n << 3)));
  store<u64>(sp, v);
  store<u64>(sp, 0, 8);
  v128.store(sp, i64x2.splat(0), 16);
  return sp + 32;
}

/** PUSH9..PUSH32. */
// @ts-ignore: decorator
@inline
export function pushLarge(sp: usize, pc: usize, n: u32): usize {
  u256LoadBEPartial(sp, pc, <i32>n);
  return sp + 32;
}

/** DUPn: copies the n-th slot from the top. */
// @ts-ignore: decorator
@inline
export function dup(sp: usize, n: u32): usize {
  const srcPtr = sp - (<usize>n << 5);
  v128.store(sp, v128.load(srcPtr));
  v128.store(sp, v128.load(srcPtr, 16), 16);
  return sp + 32;
}

/** SWAPn: exchanges the top with the (n+1)-th slot. */
// @ts-ignore: decorator
@inline
export function swap(sp: usize, n: u32): usize {
  const a = sp - 32;
  const b = sp - 32 - (<usize>n << 5);
  const a0 = v128.load(a), a1 = v128.load(a, 16);
  v128.store(a, v128.load(b));
  v128.store(a, v128.load(b, 16), 16);
  v128.store(b, a0);
  v128.store(b, a1, 16);
  return sp;
}
