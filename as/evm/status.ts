// What evmRun returns when a frame yields (architecture.md §4.4). Mirrored by ts/ee/evm/status.ts;
// test/evm/status.test.ts checks that both sides agree. Values >= EVM_FIRST_ERROR are exceptional
// halts: the frame's remaining gas is consumed and its state changes are reverted.

export const EVM_STOP: i32 = 1;
export const EVM_RETURN: i32 = 2;
export const EVM_REVERT: i32 = 3;
/** SELFDESTRUCT ended the frame; a success, like STOP. */
export const EVM_SELFDESTRUCT: i32 = 4;
/** CALL, CALLCODE, DELEGATECALL or STATICCALL: the request is in the call mailbox. */
export const EVM_NEEDS_CALL: i32 = 8;
/** CREATE or CREATE2: the request is in the call mailbox. */
export const EVM_NEEDS_CREATE: i32 = 9;

export const EVM_FIRST_ERROR: i32 = 16;
export const EVM_OUT_OF_GAS: i32 = 16;
export const EVM_OUT_OF_NATIVE: i32 = 17;
export const EVM_STACK_UNDERFLOW: i32 = 18;
export const EVM_STACK_OVERFLOW: i32 = 19;
export const EVM_UNDEFINED_OPCODE: i32 = 20;
/** The designated INVALID opcode 0xFE. */
export const EVM_INVALID: i32 = 21;
export const EVM_BAD_JUMP: i32 = 22;
/** A state-changing instruction in a static context (EIP-214). */
export const EVM_STATIC_VIOLATION: i32 = 23;
/** RETURNDATACOPY past the end of the return data (EIP-211). */
export const EVM_RETURNDATA_OUT_OF_BOUNDS: i32 = 24;
/** CREATE/CREATE2 initcode longer than 49152 bytes (EIP-3860). */
export const EVM_INITCODE_TOO_LARGE: i32 = 25;
/** The host reported a failure it could not express as gas (a bug or an unsupported query). */
export const EVM_HOST_FAILURE: i32 = 26;
