// The EVM's part of the WASM ABI (re-exported by as/index.ts): export statements only.

export { EVM_CALL_PTR, EVM_ENV_PTR, EVM_HOST_PTR } from "../layout";
export { evmRun, evmRunTraced } from "./interpreter";
export { TRACE_STEP as EVM_TRACE_STEP } from "./trace";
export { evmCompleteCall, evmCompleteCreate } from "./resume";
export { evmInitTraits, evmTrait } from "./traits";
export { evmCodeAlloc, evmCodeAnalyze, evmCodeFromMemory, evmCodeCacheReset, evmCodeCacheBytes } from "./analysis";
export {
  evmFrameCreate, evmFrameAllocInput, evmFrameSetInput, evmFrameRelease, evmFramesReset,
  evmReturnDataReserve, evmReturnDataPtr, evmReturnDataLen, evmFrameOutputToReturnData,
} from "./frame";
export {
  EVM_STOP, EVM_RETURN, EVM_REVERT, EVM_SELFDESTRUCT, EVM_NEEDS_CALL, EVM_NEEDS_CREATE, EVM_FIRST_ERROR,
  EVM_OUT_OF_GAS, EVM_OUT_OF_NATIVE, EVM_STACK_UNDERFLOW, EVM_STACK_OVERFLOW, EVM_UNDEFINED_OPCODE,
  EVM_INVALID, EVM_BAD_JUMP, EVM_STATIC_VIOLATION, EVM_RETURNDATA_OUT_OF_BOUNDS, EVM_INITCODE_TOO_LARGE,
  EVM_HOST_FAILURE,
} from "./status";
export {
  F_ERGS as EVM_F_ERGS, F_EXCESS_GAS as EVM_F_EXCESS_GAS, F_FAIL_ERGS as EVM_F_FAIL_ERGS, F_NATIVE as EVM_F_NATIVE, F_PC as EVM_F_PC, F_SP as EVM_F_SP,
  F_MEM as EVM_F_MEM, F_MEM_SIZE as EVM_F_MEM_SIZE, F_FLAGS as EVM_F_FLAGS,
  F_OUT_OFFSET as EVM_F_OUT_OFFSET, F_OUT_LEN as EVM_F_OUT_LEN, F_ADDRESS as EVM_F_ADDRESS,
  F_CALLER as EVM_F_CALLER, F_VALUE as EVM_F_VALUE, FRAME_HEADER as EVM_FRAME_HEADER,
  FLAG_STATIC as EVM_FLAG_STATIC,
  CALL_KIND as EVM_CALL_KIND, CALL_IN_PTR as EVM_CALL_IN_PTR, CALL_IN_LEN as EVM_CALL_IN_LEN,
  CALL_GAS as EVM_CALL_GAS, CALL_ADDRESS as EVM_CALL_ADDRESS, CALL_VALUE as EVM_CALL_VALUE,
  CALL_SALT as EVM_CALL_SALT,
  ENV_ORIGIN as EVM_ENV_ORIGIN, ENV_GASPRICE as EVM_ENV_GASPRICE, ENV_COINBASE as EVM_ENV_COINBASE,
  ENV_TIMESTAMP as EVM_ENV_TIMESTAMP, ENV_NUMBER as EVM_ENV_NUMBER, ENV_PREVRANDAO as EVM_ENV_PREVRANDAO,
  ENV_GASLIMIT as EVM_ENV_GASLIMIT, ENV_CHAINID as EVM_ENV_CHAINID, ENV_BASEFEE as EVM_ENV_BASEFEE,
  ENV_BLOBBASEFEE as EVM_ENV_BLOBBASEFEE,
  HOST_NATIVE as EVM_HOST_NATIVE, HOST_MEM_PTR as EVM_HOST_MEM_PTR, HOST_LEN as EVM_HOST_LEN,
  HOST_OFFSET as EVM_HOST_OFFSET,
} from "./frame";
export { CODE_BYTES as EVM_CODE_BYTES } from "./analysis";
