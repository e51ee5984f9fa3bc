// Arithmetic of OP/OP-IMM that is more than one WASM instruction: comparisons, arithmetic shift and
// the M extension with its edge cases (RISC-V unprivileged spec §7.2, table 7.1): division by zero
// gives all ones (quotient) or the dividend (remainder); INT_MIN / −1 gives INT_MIN and remainder 0.

@inline export function slt(a: u32, b: u32): u32 { return <i32>a < <i32>b ? 1 : 0; }
@inline export function sltu(a: u32, b: u32): u32 { return a < b ? 1 : 0; }
@inline export function sra(a: u32, sh: u32): u32 { return <u32>(<i32>a >> <i32>(sh & 31)); }
@inline export function sll(a: u32, sh: u32): u32 { return a << (sh & 31); }
@inline export function srl(a: u32, sh: u32): u32 { return a >>> (sh & 31); }

@inline export function mulh(a: u32, b: u32): u32 {
  return <u32>((<i64><i32>a * <i64><i32>b) >> 32);
}
// |a| ≤ 2^31 and b < 2^32, so the product fits in i64.
@inline export function mulhsu(a: u32, b: u32): u32 {
  return <u32>((<i64><i32>a * <i64>b) >> 32);
}
@inline export function mulhu(a: u32, b: u32): u32 {
  return <u32>((<u64>a * <u64>b) >> 32);
}

// WASM i32.div_s traps on /0 and on INT_MIN / −1; both are defined results in RISC-V.
@inline export function div(a: u32, b: u32): u32 {
  if (b == 0) return 0xffffffff;
  if (a == 0x80000000 && b == 0xffffffff) return a;
  return <u32>(<i32>a / <i32>b);
}
@inline export function divu(a: u32, b: u32): u32 {
  return b == 0 ? 0xffffffff : a / b;
}
@inline export function rem(a: u32, b: u32): u32 {
  if (b == 0) return a;
  if (a == 0x80000000 && b == 0xffffffff) return 0;
  return <u32>(<i32>a % <i32>b);
}
@inline export function remu(a: u32, b: u32): u32 {
  return b == 0 ? a : a % b;
}
