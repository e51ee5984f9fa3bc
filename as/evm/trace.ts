// Step tracing of the interpreter (geth's OnOpcode): evmRunTraced reports each instruction to the
// host before it runs through the ordinary host import, with the reserved query code TRACE_STEP
// plus the opcode. evmRun compiles the same loop without the report, so tracing off costs nothing.
// ts/ee/evm/step-trace.ts is the receiving side.

import { F_ERGS, F_PC, F_SP, saveMemoryRegisters } from "./frame";
import { hostCall } from "./host";

/** Host query code of a step report: TRACE_STEP + opcode (above every opcode byte). */
export const TRACE_STEP: i32 = 0x100;

/**
 * Saves the running frame's registers (ergs before the instruction's static gas, pc, stack height,
 * memory) to its record, so the host reads the frame as it is before `opcode` runs.
 */
export function traceStep(framePtr: usize, pcOffset: u32, height: u32, ergs: i64, opcode: u32, sp: usize): void {
  store<i64>(framePtr, ergs, F_ERGS);
  store<u32>(framePtr, pcOffset, F_PC);
  store<u32>(framePtr, height, F_SP);
  saveMemoryRegisters(framePtr);
  hostCall(TRACE_STEP + <i32>opcode, sp);
}
