/**
 * What the AS interpreter returns when a frame yields (mirror of as/evm/status.ts; the test
 * test/evm/status.test.ts checks both sides agree). Values >= FirstError are exceptional halts.
 * @module
 */

export const enum EvmStatus {
  Stop = 1,
  Return = 2,
  Revert = 3,
  Selfdestruct = 4,
  NeedsCall = 8,
  NeedsCreate = 9,
  FirstError = 16,
  OutOfGas = 16,
  OutOfNative = 17,
  StackUnderflow = 18,
  StackOverflow = 19,
  UndefinedOpcode = 20,
  Invalid = 21,
  BadJump = 22,
  StaticViolation = 23,
  ReturnDataOutOfBounds = 24,
  InitcodeTooLarge = 25,
  HostFailure = 26,
}

const NAMES: Record<number, string> = {
  [EvmStatus.Stop]: "Stop",
  [EvmStatus.Return]: "Return",
  [EvmStatus.Revert]: "Revert",
  [EvmStatus.Selfdestruct]: "Selfdestruct",
  [EvmStatus.NeedsCall]: "NeedsCall",
  [EvmStatus.NeedsCreate]: "NeedsCreate",
  [EvmStatus.OutOfGas]: "OutOfGas",
  [EvmStatus.OutOfNative]: "OutOfNative",
  [EvmStatus.StackUnderflow]: "StackUnderflow",
  [EvmStatus.StackOverflow]: "StackOverflow",
  [EvmStatus.UndefinedOpcode]: "UndefinedOpcode",
  [EvmStatus.Invalid]: "InvalidOpcode",
  [EvmStatus.BadJump]: "BadJumpDestination",
  [EvmStatus.StaticViolation]: "StateChangeDuringStaticCall",
  [EvmStatus.ReturnDataOutOfBounds]: "ReturnDataOutOfBounds",
  [EvmStatus.InitcodeTooLarge]: "CreateInitCodeSizeLimit",
  [EvmStatus.HostFailure]: "HostFailure",
};

/** A readable name of a status (its enum member name; the error name for halts). */
export function evmStatusName(status: number): string {
  return NAMES[status] ?? `Unknown(${status})`;
}

/** Statuses in the order and with the names of the AS exports (EVM_<NAME>), for the parity test. */
export const AS_STATUS_EXPORTS: readonly (readonly [string, EvmStatus])[] = [
  ["EVM_STOP", EvmStatus.Stop],
  ["EVM_RETURN", EvmStatus.Return],
  ["EVM_REVERT", EvmStatus.Revert],
  ["EVM_SELFDESTRUCT", EvmStatus.Selfdestruct],
  ["EVM_NEEDS_CALL", EvmStatus.NeedsCall],
  ["EVM_NEEDS_CREATE", EvmStatus.NeedsCreate],
  ["EVM_FIRST_ERROR", EvmStatus.FirstError],
  ["EVM_OUT_OF_GAS", EvmStatus.OutOfGas],
  ["EVM_OUT_OF_NATIVE", EvmStatus.OutOfNative],
  ["EVM_STACK_UNDERFLOW", EvmStatus.StackUnderflow],
  ["EVM_STACK_OVERFLOW", EvmStatus.StackOverflow],
  ["EVM_UNDEFINED_OPCODE", EvmStatus.UndefinedOpcode],
  ["EVM_INVALID", EvmStatus.Invalid],
  ["EVM_BAD_JUMP", EvmStatus.BadJump],
  ["EVM_STATIC_VIOLATION", EvmStatus.StaticViolation],
  ["EVM_RETURNDATA_OUT_OF_BOUNDS", EvmStatus.ReturnDataOutOfBounds],
  ["EVM_INITCODE_TOO_LARGE", EvmStatus.InitcodeTooLarge],
  ["EVM_HOST_FAILURE", EvmStatus.HostFailure],
];
