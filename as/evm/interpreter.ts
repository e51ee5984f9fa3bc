// The EVM interpreter loop (architecture.md §5): fetch the opcode, run the generic checks from
// the traits row (stack bounds, undefined opcode, static gas in ergs, static native), dispatch
// through a dense switch (a br_table in the release .wat), repeat until the frame yields. Code is
// padded with STOP (analysis.ts), so the fetch has no end check. No recursion across frames: calls
// and creates yield EVM_NEEDS_CALL / EVM_NEEDS_CREATE and TS resumes the frame afterwards.
// evmRunTraced is the same loop reporting each step first (trace.ts); evmRun has no trace code.

import * as op from "./opcodes";
import {
  EVM_STOP, EVM_RETURN, EVM_REVERT, EVM_SELFDESTRUCT, EVM_NEEDS_CALL, EVM_NEEDS_CREATE, EVM_FIRST_ERROR,
  EVM_OUT_OF_GAS, EVM_OUT_OF_NATIVE, EVM_STACK_UNDERFLOW, EVM_STACK_OVERFLOW, EVM_UNDEFINED_OPCODE,
  EVM_INVALID, EVM_BAD_JUMP,
} from "./status";
import { TRAITS_PTR, T_ERGS, T_NATIVE, T_MIN_HEIGHT, T_HEIGHT_RANGE, T_DEFINED } from "./traits";
import { CODE_LEN, CODE_BITMAP, CODE_BYTES } from "./analysis";
import {
  F_ERGS, F_NATIVE, F_PC, F_SP, F_CODE, F_FLAGS, F_FAIL_ERGS, F_ADDRESS, F_CALLER, F_VALUE, F_INPUT_LEN, FRAME_HEADER,
  FLAG_STATIC, ENV_ORIGIN, ENV_GASPRICE, ENV_COINBASE, ENV_TIMESTAMP, ENV_NUMBER, ENV_PREVRANDAO,
  ENV_GASLIMIT, ENV_CHAINID, ENV_BASEFEE, ENV_BLOBBASEFEE,
  memSize, nativeDebt, pendingHalt, returnDataLen, loadMemoryRegisters, saveMemoryRegisters,
} from "./frame";
import { add, mul, sub, div, sdiv, mod, smod, addmod, mulmod, exp, signextend } from "./instructions/arithmetic";
import { lt, gt, slt, sgt, eq, iszero } from "./instructions/compare";
import { and_, or_, xor_, not_, byte_, shl, shr, sar } from "./instructions/bitwise";
import { pop, push0, pushSmall, pushLarge, dup, swap } from "./instructions/stack";
import { mload, mstore, mstore8, msize, mcopy } from "./instructions/memory";
import { jumpTarget, jumpiTaken, pcOp, gasOp, setOutput } from "./instructions/control";
import {
  pushWord, pushEnv, pushU64, calldataload, calldatacopy, codecopy, returndatacopy,
} from "./instructions/environment";
import { hostQuery, sstore, hostWrite, log, extcodecopy } from "./instructions/host";
import { keccak256, callRequest, createRequest } from "./instructions/system";
import { traceStep } from "./trace";

/**
 * Saves the running frame's registers and returns `status`. Exceptional halts consume all ergs;
 * what was left after the failing instruction's charges (negative when they did not fit, -1 when
 * the instruction did not say) stays at F_FAIL_ERGS for tracing.
 */
function suspend(framePtr: usize, pcOffset: u32, height: u32, ergs: i64, native: i64, status: i32): i32 {
  native -= nativeDebt;
  nativeDebt = 0;
  if (native < 0) {
    status = EVM_OUT_OF_NATIVE;
    native = 0;
  }
  if (status >= EVM_FIRST_ERROR) {
    store<i64>(framePtr, ergs, F_FAIL_ERGS);
    ergs = 0;
  }
  store<i64>(framePtr, ergs, F_ERGS);
  store<i64>(framePtr, native, F_NATIVE);
  store<u32>(framePtr, pcOffset, F_PC);
  store<u32>(framePtr, height, F_SP);
  saveMemoryRegisters(framePtr);
  return status;
}

/** An instruction with dynamic gas failed: its reason, or out of gas. */
function failed(framePtr: usize, ergs: i64, native: i64): i32 {
  const status = pendingHalt != 0 ? pendingHalt : EVM_OUT_OF_GAS;
  pendingHalt = 0;
  return suspend(framePtr, 0, 0, ergs, native, status);
}

/** The generic checks rejected `opcode`: say why. */
function rejected(framePtr: usize, opcode: u32, height: u32, ergs: i64, native: i64): i32 {
  const rowPtr = TRAITS_PTR + (<usize>opcode << 5);
  let status = EVM_OUT_OF_GAS;
  if (load<u8>(rowPtr, T_DEFINED) == 0) status = EVM_UNDEFINED_OPCODE;
  else if (height < load<u32>(rowPtr, T_MIN_HEIGHT)) status = EVM_STACK_UNDERFLOW;
  else if (height - load<u32>(rowPtr, T_MIN_HEIGHT) > load<u32>(rowPtr, T_HEIGHT_RANGE)) status = EVM_STACK_OVERFLOW;
  else if (native < 0) status = EVM_OUT_OF_NATIVE;
  return suspend(framePtr, 0, 0, ergs, native < 0 ? 0 : native, status);
}

/** Runs the frame at `framePtr` from its saved state until it yields; returns an EVM_* status (status.ts). */
export function evmRun(framePtr: usize): i32 {
  return run(framePtr, false);
}

/** evmRun reporting every instruction to the host before it runs (trace.ts). */
export function evmRunTraced(framePtr: usize): i32 {
  return run(framePtr, true);
}

/** The loop; inlined into both exports, so `traced` is a constant and evmRun has no trace branch. */
// @ts-ignore: decorator
@inline
function run(framePtr: usize, traced: bool): i32 {
  const codeRecPtr = <usize>load<u32>(framePtr, F_CODE);
  const codePtr = codeRecPtr + CODE_BYTES;
  const codeLen = load<u32>(codeRecPtr, CODE_LEN);
  const bitmapPtr = codeRecPtr + <usize>load<u32>(codeRecPtr, CODE_BITMAP);
  const stackBasePtr = framePtr + FRAME_HEADER;
  const isStatic = (load<u32>(framePtr, F_FLAGS) & FLAG_STATIC) != 0;
  let pc = codePtr + <usize>load<u32>(framePtr, F_PC);
  let sp = stackBasePtr + <usize>load<u32>(framePtr, F_SP);
  let ergs = load<i64>(framePtr, F_ERGS);
  let native = load<i64>(framePtr, F_NATIVE);
  loadMemoryRegisters(framePtr);
  nativeDebt = 0;
  pendingHalt = 0;

  while (true) {
    // Invariant: code + codeLen + 33 bytes of padding are readable, and pc never passes the
    // first padding byte (STOP) except through PUSH immediates, which stay inside the padding.
    const opcode = <u32>load<u8>(pc);
    const rowPtr = TRAITS_PTR + (<usize>opcode << 5);
    const height = <u32>(sp - stackBasePtr);
    if (traced) traceStep(framePtr, <u32>(pc - codePtr), height, ergs, opcode, sp);
    ergs -= load<i64>(rowPtr, T_ERGS);
    native -= load<i64>(rowPtr, T_NATIVE);
    if ((ergs | native) < 0 || height - load<u32>(rowPtr, T_MIN_HEIGHT) > load<u32>(rowPtr, T_HEIGHT_RANGE)) {
      return rejected(framePtr, opcode, height, ergs, native);
    }
    pc++;
    // Stack slots touched below are within [stackBase, stackBase + 1024 slots) by the check above.
    switch (opcode) {
      // 0x00s: stop & arithmetic
      case op.STOP: return suspend(framePtr, <u32>(pc - codePtr), height, ergs, native, EVM_STOP);
      case op.ADD: sp = add(sp); break;
      case op.MUL: sp = mul(sp); break;
      case op.SUB: sp = sub(sp); break;
      case op.DIV: sp = div(sp); break;
      case op.SDIV: sp = sdiv(sp); break;
      case op.MOD: sp = mod(sp); break;
      case op.SMOD: sp = smod(sp); break;
      case op.ADDMOD: sp = addmod(sp); break;
      case op.MULMOD: sp = mulmod(sp); break;
      case op.EXP: ergs = exp(sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 32; break;
      case op.SIGNEXTEND: sp = signextend(sp); break;
      // 0x10s: comparison & bitwise
      case op.LT: sp = lt(sp); break;
      case op.GT: sp = gt(sp); break;
      case op.SLT: sp = slt(sp); break;
      case op.SGT: sp = sgt(sp); break;
      case op.EQ: sp = eq(sp); break;
      case op.ISZERO: sp = iszero(sp); break;
      case op.AND: sp = and_(sp); break;
      case op.OR: sp = or_(sp); break;
      case op.XOR: sp = xor_(sp); break;
      case op.NOT: sp = not_(sp); break;
      case op.BYTE: sp = byte_(sp); break;
      case op.SHL: sp = shl(sp); break;
      case op.SHR: sp = shr(sp); break;
      case op.SAR: sp = sar(sp); break;
      // 0x20s
      case op.KECCAK256: ergs = keccak256(sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 32; break;
      // 0x30s: environment
      case op.ADDRESS: sp = pushWord(sp, framePtr + F_ADDRESS); break;
      case op.BALANCE: ergs = hostQuery(op.BALANCE, sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); break;
      case op.ORIGIN: sp = pushEnv(sp, ENV_ORIGIN); break;
      case op.CALLER: sp = pushWord(sp, framePtr + F_CALLER); break;
      case op.CALLVALUE: sp = pushWord(sp, framePtr + F_VALUE); break;
      case op.CALLDATALOAD: sp = calldataload(sp, framePtr); break;
      case op.CALLDATASIZE: sp = pushU64(sp, <u64>load<u32>(framePtr, F_INPUT_LEN)); break;
      case op.CALLDATACOPY: ergs = calldatacopy(sp, ergs, framePtr); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 96; break;
      case op.CODESIZE: sp = pushU64(sp, <u64>codeLen); break;
      case op.CODECOPY: ergs = codecopy(sp, ergs, codePtr, codeLen); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 96; break;
      case op.GASPRICE: sp = pushEnv(sp, ENV_GASPRICE); break;
      case op.EXTCODESIZE: ergs = hostQuery(op.EXTCODESIZE, sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); break;
      case op.EXTCODECOPY: ergs = extcodecopy(sp, ergs, op.EXTCODECOPY); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 128; break;
      case op.RETURNDATASIZE: sp = pushU64(sp, <u64>returnDataLen); break;
      case op.RETURNDATACOPY: ergs = returndatacopy(sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 96; break;
      case op.EXTCODEHASH: ergs = hostQuery(op.EXTCODEHASH, sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); break;
      // 0x40s: block
      case op.BLOCKHASH: ergs = hostQuery(op.BLOCKHASH, sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); break;
      case op.COINBASE: sp = pushEnv(sp, ENV_COINBASE); break;
      case op.TIMESTAMP: sp = pushEnv(sp, ENV_TIMESTAMP); break;
      case op.NUMBER: sp = pushEnv(sp, ENV_NUMBER); break;
      case op.PREVRANDAO: sp = pushEnv(sp, ENV_PREVRANDAO); break;
      case op.GASLIMIT: sp = pushEnv(sp, ENV_GASLIMIT); break;
      case op.CHAINID: sp = pushEnv(sp, ENV_CHAINID); break;
      case op.SELFBALANCE: ergs = hostQuery(op.SELFBALANCE, sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); sp += 32; break;
      case op.BASEFEE: sp = pushEnv(sp, ENV_BASEFEE); break;
      case op.BLOBHASH: ergs = hostQuery(op.BLOBHASH, sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); break;
      case op.BLOBBASEFEE: sp = pushEnv(sp, ENV_BLOBBASEFEE); break;
      // 0x50s: stack, memory, storage, flow
      case op.POP: sp = pop(sp); break;
      case op.MLOAD: ergs = mload(sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); break;
      case op.MSTORE: ergs = mstore(sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 64; break;
      case op.MSTORE8: ergs = mstore8(sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 64; break;
      case op.SLOAD: ergs = hostQuery(op.SLOAD, sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); break;
      case op.SSTORE: ergs = sstore(sp, ergs, isStatic, op.SSTORE); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 64; break;
      case op.JUMP: {
        pc = jumpTarget(sp - 32, codePtr, codeLen, bitmapPtr);
        if (pc == 0) return suspend(framePtr, 0, 0, ergs, native, EVM_BAD_JUMP);
        sp -= 32;
        break;
      }
      case op.JUMPI: {
        if (jumpiTaken(sp)) {
          pc = jumpTarget(sp - 32, codePtr, codeLen, bitmapPtr);
          if (pc == 0) return suspend(framePtr, 0, 0, ergs, native, EVM_BAD_JUMP);
        }
        sp -= 64;
        break;
      }
      case op.PC: sp = pcOp(sp, pc, codePtr); break;
      case op.MSIZE: sp = msize(sp); break;
      case op.GAS: sp = gasOp(sp, ergs, framePtr); break;
      case op.JUMPDEST: break;
      case op.TLOAD: ergs = hostQuery(op.TLOAD, sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); break;
      case op.TSTORE: ergs = hostWrite(sp, ergs, isStatic, op.TSTORE); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 64; break;
      case op.MCOPY: ergs = mcopy(sp, ergs); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 96; break;
      case op.PUSH0: sp = push0(sp); break;
      // 0x60–0x7f: PUSH1..PUSH32 (literal case values keep the switch one br_table)
      case 0x60: sp = pushSmall(sp, pc, 1); pc += 1; break;
      case 0x61: sp = pushSmall(sp, pc, 2); pc += 2; break;
      case 0x62: sp = pushSmall(sp, pc, 3); pc += 3; break;
      case 0x63: sp = pushSmall(sp, pc, 4); pc += 4; break;
      case 0x64: sp = pushSmall(sp, pc, 5); pc += 5; break;
      case 0x65: sp = pushSmall(sp, pc, 6); pc += 6; break;
      case 0x66: sp = pushSmall(sp, pc, 7); pc += 7; break;
      case 0x67: sp = pushSmall(sp, pc, 8); pc += 8; break;
      case 0x68: sp = pushLarge(sp, pc, 9); pc += 9; break;
      case 0x69: sp = pushLarge(sp, pc, 10); pc += 10; break;
      case 0x6a: sp = pushLarge(sp, pc, 11); pc += 11; break;
      case 0x6b: sp = pushLarge(sp, pc, 12); pc += 12; break;
      case 0x6c: sp = pushLarge(sp, pc, 13); pc += 13; break;
      case 0x6d: sp = pushLarge(sp, pc, 14); pc += 14; break;
      case 0x6e: sp = pushLarge(sp, pc, 15); pc += 15; break;
      case 0x6f: sp = pushLarge(sp, pc, 16); pc += 16; break;
      case 0x70: sp = pushLarge(sp, pc, 17); pc += 17; break;
      case 0x71: sp = pushLarge(sp, pc, 18); pc += 18; break;
      case 0x72: sp = pushLarge(sp, pc, 19); pc += 19; break;
      case 0x73: sp = pushLarge(sp, pc, 20); pc += 20; break;
      case 0x74: sp = pushLarge(sp, pc, 21); pc += 21; break;
      case 0x75: sp = pushLarge(sp, pc, 22); pc += 22; break;
      case 0x76: sp = pushLarge(sp, pc, 23); pc += 23; break;
      case 0x77: sp = pushLarge(sp, pc, 24); pc += 24; break;
      case 0x78: sp = pushLarge(sp, pc, 25); pc += 25; break;
      case 0x79: sp = pushLarge(sp, pc, 26); pc += 26; break;
      case 0x7a: sp = pushLarge(sp, pc, 27); pc += 27; break;
      case 0x7b: sp = pushLarge(sp, pc, 28); pc += 28; break;
      case 0x7c: sp = pushLarge(sp, pc, 29); pc += 29; break;
      case 0x7d: sp = pushLarge(sp, pc, 30); pc += 30; break;
      case 0x7e: sp = pushLarge(sp, pc, 31); pc += 31; break;
      case 0x7f: sp = pushLarge(sp, pc, 32); pc += 32; break;
      // 0x80s: DUP1..DUP16, 0x90s: SWAP1..SWAP16
      case 0x80: sp = dup(sp, 1); break;
      case 0x81: sp = dup(sp, 2); break;
      case 0x82: sp = dup(sp, 3); break;
      case 0x83: sp = dup(sp, 4); break;
      case 0x84: sp = dup(sp, 5); break;
      case 0x85: sp = dup(sp, 6); break;
      case 0x86: sp = dup(sp, 7); break;
      case 0x87: sp = dup(sp, 8); break;
      case 0x88: sp = dup(sp, 9); break;
      case 0x89: sp = dup(sp, 10); break;
      case 0x8a: sp = dup(sp, 11); break;
      case 0x8b: sp = dup(sp, 12); break;
      case 0x8c: sp = dup(sp, 13); break;
      case 0x8d: sp = dup(sp, 14); break;
      case 0x8e: sp = dup(sp, 15); break;
      case 0x8f: sp = dup(sp, 16); break;
      case 0x90: sp = swap(sp, 1); break;
      case 0x91: sp = swap(sp, 2); break;
      case 0x92: sp = swap(sp, 3); break;
      case 0x93: sp = swap(sp, 4); break;
      case 0x94: sp = swap(sp, 5); break;
      case 0x95: sp = swap(sp, 6); break;
      case 0x96: sp = swap(sp, 7); break;
      case 0x97: sp = swap(sp, 8); break;
      case 0x98: sp = swap(sp, 9); break;
      case 0x99: sp = swap(sp, 10); break;
      case 0x9a: sp = swap(sp, 11); break;
      case 0x9b: sp = swap(sp, 12); break;
      case 0x9c: sp = swap(sp, 13); break;
      case 0x9d: sp = swap(sp, 14); break;
      case 0x9e: sp = swap(sp, 15); break;
      case 0x9f: sp = swap(sp, 16); break;
      // 0xa0s: logging
      case op.LOG0: ergs = log(sp, ergs, isStatic, op.LOG0); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 64; break;
      case op.LOG1: ergs = log(sp, ergs, isStatic, op.LOG1); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 96; break;
      case op.LOG2: ergs = log(sp, ergs, isStatic, op.LOG2); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 128; break;
      case op.LOG3: ergs = log(sp, ergs, isStatic, op.LOG3); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 160; break;
      case op.LOG4: ergs = log(sp, ergs, isStatic, op.LOG4); if (ergs < 0) return failed(framePtr, ergs, native); sp -= 192; break;
      // 0xf0s: system
      case op.CREATE: {
        ergs = createRequest(sp, ergs, op.CREATE, isStatic, framePtr);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 96, ergs, native, EVM_NEEDS_CREATE);
      }
      case op.CALL: {
        ergs = callRequest(sp, ergs, op.CALL, isStatic, framePtr);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 224, ergs, native, EVM_NEEDS_CALL);
      }
      case op.CALLCODE: {
        ergs = callRequest(sp, ergs, op.CALLCODE, isStatic, framePtr);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 224, ergs, native, EVM_NEEDS_CALL);
      }
      case op.RETURN: {
        ergs = setOutput(sp, ergs, framePtr);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 64, ergs, native, EVM_RETURN);
      }
      case op.DELEGATECALL: {
        ergs = callRequest(sp, ergs, op.DELEGATECALL, isStatic, framePtr);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 192, ergs, native, EVM_NEEDS_CALL);
      }
      case op.CREATE2: {
        ergs = createRequest(sp, ergs, op.CREATE2, isStatic, framePtr);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 128, ergs, native, EVM_NEEDS_CREATE);
      }
      case op.STATICCALL: {
        ergs = callRequest(sp, ergs, op.STATICCALL, isStatic, framePtr);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 192, ergs, native, EVM_NEEDS_CALL);
      }
      case op.REVERT: {
        ergs = setOutput(sp, ergs, framePtr);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 64, ergs, native, EVM_REVERT);
      }
      case op.INVALID: return suspend(framePtr, 0, 0, ergs, native, EVM_INVALID);
      case op.SELFDESTRUCT: {
        ergs = hostWrite(sp, ergs, isStatic, op.SELFDESTRUCT);
        if (ergs < 0) return failed(framePtr, ergs, native);
        return suspend(framePtr, <u32>(pc - codePtr), height - 32, ergs, native, EVM_SELFDESTRUCT);
      }
      default:
        // Undefined opcodes never pass the generic checks (their height range is empty).
        return suspend(framePtr, 0, 0, ergs, native, EVM_UNDEFINED_OPCODE);
    }
  }
  return 0;
}
