// The RISC-V machine's exports, re-exported by as/index.ts (architecture.md §4.2: numbers only).

export { rvRun, rvRunCounted, rvRunTraced } from "./cpu";
export {
  rvReset, rvLoadBytes, rvReadBytes, rvReadWord, rvPc, rvSetPc, rvCycles, rvPagesMapped,
  rvTrapCause, rvTrapDetail, rvTrapPc, rvTrapInstruction, rvTrapAddress,
  rvFeedReads, rvSetReadsExhausted, rvSetDropReadsOnWrite, rvReadsPending, rvReadsConsumed, rvReadsPastEnd, rvWriteCount, rvClearWrites,
  rvBlakeCalls, rvU256Calls, rvMarkerCalls, rvTracePtr, rvTraceCount, rvClearTrace,
} from "./abi";
export {
  RV_REGS_PTR, RV_READ_BUF_PTR, RV_READ_BUF_LEN, RV_WRITE_BUF_PTR, RV_WRITE_BUF_LEN, RV_HIST_PTR, RV_HIST_LEN,
} from "../layout";
