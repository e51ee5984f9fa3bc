// The 256-row opcode tables that drive the generic checks before dispatch (architecture.md §5,
// evmone instructions_traits.hpp): static gas (as ergs), static native cost, stack bounds and
// immediate size. Rows are data; fork changes are one EIP-tagged line each in initTraits().
// Native costs: STEP_NATIVE_COST + the opcode's cost (zksync-os-reference.md §6.6, commit 0a82da0).

import * as op from "./opcodes";
import {
  ERGS_PER_GAS, N_STEP, N_COPY_BASE, G_ZERO, G_JUMPDEST, G_BASE, G_VERYLOW, G_LOW, G_MID, G_HIGH,
  G_EXP, G_KECCAK256, G_BLOCKHASH, G_SELFBALANCE, G_WARM_ACCESS, G_LOG, G_LOG_TOPIC, G_CREATE,
  G_SELFDESTRUCT,
} from "./gas";

/** Bytes per row; a row is read with one base pointer in the interpreter loop. */
export const TRAIT_ROW: u32 = 32;
/** i64: static gas × ERGS_PER_GAS. */
export const T_ERGS: u32 = 0;
/** i64: static native cost, including the per-step cost. */
export const T_NATIVE: u32 = 8;
/** u32: smallest stack height (bytes) the opcode accepts; 0xFFFFFFFF when undefined. */
export const T_MIN_HEIGHT: u32 = 16;
/**
 * u32: largest height above T_MIN_HEIGHT that leaves room for the outputs, (1024 − out) × 32, so
 * one unsigned compare `height − min > range` catches underflow, overflow and undefined opcodes.
 */
export const T_HEIGHT_RANGE: u32 = 20;
export const T_IMMEDIATE: u32 = 24;
export const T_STACK_IN: u32 = 25;
export const T_STACK_OUT: u32 = 26;
export const T_DEFINED: u32 = 27;
/** u16: static gas, for tests and tracing. */
export const T_GAS: u32 = 28;

export const STACK_LIMIT: u32 = 1024;
export const SLOT: u32 = 32;

/** 256 rows × 32 bytes; zero (= undefined) until initTraits runs. */
export const TRAITS_PTR: usize = memory.data(256 * 32, 64);

export const FORK_SHANGHAI: i32 = 1;
export const FORK_CANCUN: i32 = 2;

function undefine(code: u8): void {
  const row = TRAITS_PTR + (<usize>code) * TRAIT_ROW;
  store<i64>(row, 0, T_ERGS);
  store<i64>(row, N_STEP, T_NATIVE);
  store<u32>(row, 0xffffffff, T_MIN_HEIGHT);
  store<u32>(row, 0, T_HEIGHT_RANGE);
  store<u8>(row, 0, T_IMMEDIATE);
  store<u8>(row, 0, T_STACK_IN);
  store<u8>(row, 0, T_STACK_OUT);
  store<u8>(row, 0, T_DEFINED);
  store<u16>(row, 0, T_GAS);
}

/** Defines one row: static gas, ZKsync OS native cost (without the step cost), stack in/out. */
function def(code: u8, gas: i32, native: i32, stackIn: u32, stackOut: u32, immediate: u8 = 0): void {
  const row = TRAITS_PTR + (<usize>code) * TRAIT_ROW;
  store<i64>(row, <i64>gas * ERGS_PER_GAS, T_ERGS);
  store<i64>(row, <i64>(native + N_STEP), T_NATIVE);
  store<u32>(row, stackIn * SLOT, T_MIN_HEIGHT);
  store<u32>(row, (STACK_LIMIT - stackOut) * SLOT, T_HEIGHT_RANGE);
  store<u8>(row, immediate, T_IMMEDIATE);
  store<u8>(row, <u8>stackIn, T_STACK_IN);
  store<u8>(row, <u8>stackOut, T_STACK_OUT);
  store<u8>(row, 1, T_DEFINED);
  store<u16>(row, <u16>gas, T_GAS);
}

// ZKsync OS PUSH0..PUSH32 native costs (PUSH_NATIVE_COSTS).
const PUSH_NATIVE: StaticArray<i32> = [
  50, 60, 120, 140, 140, 150, 160, 170, 180, 190, 200, 210, 210, 220, 230, 240, 210,
  240, 240, 240, 240, 250, 260, 260, 260, 260, 270, 280, 280, 290, 290, 300, 300,
];

/** Fills every row for `fork` (FORK_SHANGHAI or FORK_CANCUN). Idempotent. */
export function initTraits(fork: i32): void {
  for (let i = 0; i < 256; i++) undefine(<u8>i);
  // Copy opcodes pay COPY_BASE_NATIVE_COST on top of their own; the per-byte part is dynamic.
  const copy = N_COPY_BASE;

  // 0x00s: stop & arithmetic
  def(op.STOP, G_ZERO, 0, 0, 0);
  def(op.ADD, G_VERYLOW, 140, 2, 1);
  def(op.MUL, G_LOW, 400, 2, 1);
  def(op.SUB, G_VERYLOW, 140, 2, 1);
  def(op.DIV, G_LOW, 1500, 2, 1);
  def(op.SDIV, G_LOW, 1000, 2, 1);
  def(op.MOD, G_LOW, 1300, 2, 1);
  def(op.SMOD, G_LOW, 800, 2, 1);
  def(op.ADDMOD, G_MID, 1700, 3, 1);
  def(op.MULMOD, G_MID, 2300, 3, 1);
  def(op.EXP, G_EXP, 700, 2, 1);
  def(op.SIGNEXTEND, G_LOW, 400, 2, 1);
  // 0x10s: comparison & bitwise (SHL/SHR/SAR: EIP-145)
  def(op.LT, G_VERYLOW, 190, 2, 1);
  def(op.GT, G_VERYLOW, 190, 2, 1);
  def(op.SLT, G_VERYLOW, 430, 2, 1);
  def(op.SGT, G_VERYLOW, 430, 2, 1);
  def(op.EQ, G_VERYLOW, 500, 2, 1);
  def(op.ISZERO, G_VERYLOW, 300, 1, 1);
  def(op.AND, G_VERYLOW, 100, 2, 1);
  def(op.OR, G_VERYLOW, 90, 2, 1);
  def(op.XOR, G_VERYLOW, 90, 2, 1);
  def(op.NOT, G_VERYLOW, 60, 1, 1);
  def(op.BYTE, G_VERYLOW, 160, 2, 1);
  def(op.SHL, G_VERYLOW, 240, 2, 1);
  def(op.SHR, G_VERYLOW, 240, 2, 1);
  def(op.SAR, G_VERYLOW, 400, 2, 1);
  // 0x20s
  def(op.KECCAK256, G_KECCAK256, 90, 2, 1);
  // 0x30s: environment. Account-access gas is dynamic (EIP-2929, host cost model).
  def(op.ADDRESS, G_BASE, 60, 0, 1);
  def(op.BALANCE, G_ZERO, 60, 1, 1);
  def(op.ORIGIN, G_BASE, 60, 0, 1);
  def(op.CALLER, G_BASE, 60, 0, 1);
  def(op.CALLVALUE, G_BASE, 60, 0, 1);
  def(op.CALLDATALOAD, G_VERYLOW, 280, 1, 1);
  def(op.CALLDATASIZE, G_BASE, 40, 0, 1);
  def(op.CALLDATACOPY, G_VERYLOW, 100 + copy, 3, 0);
  def(op.CODESIZE, G_BASE, 40, 0, 1);
  def(op.CODECOPY, G_VERYLOW, 100 + copy, 3, 0);
  def(op.GASPRICE, G_BASE, 60, 0, 1);
  def(op.EXTCODESIZE, G_ZERO, 60, 1, 1);
  def(op.EXTCODECOPY, G_ZERO, 100 + copy, 4, 0);
  def(op.RETURNDATASIZE, G_BASE, 60, 0, 1); // EIP-211
  def(op.RETURNDATACOPY, G_VERYLOW, 100 + copy, 3, 0); // EIP-211
  def(op.EXTCODEHASH, G_ZERO, 60, 1, 1); // EIP-1052
  // 0x40s: block
  def(op.BLOCKHASH, G_BLOCKHASH, 60, 1, 1);
  def(op.COINBASE, G_BASE, 60, 0, 1);
  def(op.TIMESTAMP, G_BASE, 60, 0, 1);
  def(op.NUMBER, G_BASE, 60, 0, 1);
  def(op.PREVRANDAO, G_BASE, 40, 0, 1); // EIP-4399
  def(op.GASLIMIT, G_BASE, 60, 0, 1);
  def(op.CHAINID, G_BASE, 60, 0, 1); // EIP-1344
  def(op.SELFBALANCE, G_SELFBALANCE, 60, 0, 1); // EIP-1884
  def(op.BASEFEE, G_BASE, 60, 0, 1); // EIP-3198
  // 0x50s: stack, memory, storage, flow. SLOAD/SSTORE gas is dynamic (EIP-2929/2200/3529).
  def(op.POP, G_BASE, 40, 1, 0);
  def(op.MLOAD, G_VERYLOW, 250, 1, 1);
  def(op.MSTORE, G_VERYLOW, 250, 2, 0);
  def(op.MSTORE8, G_VERYLOW, 250, 2, 0);
  def(op.SLOAD, G_ZERO, 100, 1, 1);
  def(op.SSTORE, G_ZERO, 100, 2, 0);
  def(op.JUMP, G_MID, 70, 1, 0);
  def(op.JUMPI, G_HIGH, 300, 2, 0);
  def(op.PC, G_BASE, 40, 0, 1);
  def(op.MSIZE, G_BASE, 40, 0, 1);
  def(op.GAS, G_BASE, 60, 0, 1);
  def(op.JUMPDEST, G_JUMPDEST, 40, 0, 0);
  // 0x60s-0x9fs: push, dup, swap
  for (let n = 1; n <= 32; n++) def(<u8>(op.PUSH1 + n - 1), G_VERYLOW, PUSH_NATIVE[n], 0, 1, <u8>n);
  for (let n: u32 = 1; n <= 16; n++) def(<u8>(op.DUP1 + n - 1), G_VERYLOW, 60, n, n + 1);
  for (let n: u32 = 1; n <= 16; n++) def(<u8>(op.SWAP1 + n - 1), G_VERYLOW, 90, n + 1, n + 1);
  // 0xa0s: logging; the per-byte gas and the event's native cost are dynamic
  for (let n: u32 = 0; n <= 4; n++) def(<u8>(op.LOG0 + n), G_LOG + G_LOG_TOPIC * <i32>n, 50, n + 2, 0);
  // 0xf0s: system. Call gas is dynamic (EIP-150, EIP-2929); CREATE* add EIP-3860 initcode words.
  def(op.CREATE, G_CREATE, 25000, 3, 1);
  def(op.CALL, G_ZERO, 1500, 7, 1);
  def(op.CALLCODE, G_ZERO, 1500, 7, 1);
  def(op.RETURN, G_ZERO, 40, 2, 0);
  def(op.DELEGATECALL, G_ZERO, 1500, 6, 1); // EIP-7
  def(op.CREATE2, G_CREATE, 25000, 4, 1); // EIP-1014
  def(op.STATICCALL, G_ZERO, 1500, 6, 1); // EIP-214
  def(op.REVERT, G_ZERO, 50, 2, 0); // EIP-140
  def(op.INVALID, G_ZERO, 0, 0, 0); // EIP-141: defined, but always an exceptional halt
  def(op.SELFDESTRUCT, G_SELFDESTRUCT, 100, 1, 0); // EIP-6780 semantics in the host

  if (fork >= FORK_SHANGHAI) {
    def(op.PUSH0, G_BASE, PUSH_NATIVE[0], 0, 1); // EIP-3855
  }
  if (fork >= FORK_CANCUN) {
    def(op.TLOAD, G_WARM_ACCESS, 100, 1, 1); // EIP-1153
    def(op.TSTORE, G_WARM_ACCESS, 100, 2, 0); // EIP-1153
    def(op.MCOPY, G_VERYLOW, copy, 3, 0); // EIP-5656
    def(op.BLOBHASH, G_VERYLOW, 40, 1, 1); // EIP-4844
    def(op.BLOBBASEFEE, G_BASE, 40, 0, 1); // EIP-7516
  }
}

/** Field selectors of evmTrait, for tests and tools (never used on the hot path). */
export const TRAIT_FIELD_GAS: i32 = 0;
export const TRAIT_FIELD_NATIVE: i32 = 1;
export const TRAIT_FIELD_STACK_IN: i32 = 2;
export const TRAIT_FIELD_STACK_OUT: i32 = 3;
export const TRAIT_FIELD_IMMEDIATE: i32 = 4;
export const TRAIT_FIELD_DEFINED: i32 = 5;

/** One field of one row (see TRAIT_FIELD_*); -1 for an unknown field. */
export function evmTrait(code: i32, field: i32): i32 {
  const row = TRAITS_PTR + (<usize>(code & 0xff)) * TRAIT_ROW;
  switch (field) {
    case TRAIT_FIELD_GAS: return <i32>load<u16>(row, T_GAS);
    case TRAIT_FIELD_NATIVE: return <i32>load<i64>(row, T_NATIVE);
    case TRAIT_FIELD_STACK_IN: return <i32>load<u8>(row, T_STACK_IN);
    case TRAIT_FIELD_STACK_OUT: return <i32>load<u8>(row, T_STACK_OUT);
    case TRAIT_FIELD_IMMEDIATE: return <i32>load<u8>(row, T_IMMEDIATE);
    case TRAIT_FIELD_DEFINED: return <i32>load<u8>(row, T_DEFINED);
    default: return -1;
  }
}

/** Re-initialises the tables for `fork` (FORK_SHANGHAI or FORK_CANCUN); Cancun is loaded at start. */
export function evmInitTraits(fork: i32): void {
  initTraits(fork);
}

initTraits(FORK_CANCUN);
