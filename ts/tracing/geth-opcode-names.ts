/**
 * Opcode names exactly as geth v1.15.8 prints them in traces (core/vm/opcodes.go `OpCode.String`):
 * the struct logger's `op`, and the "invalid opcode: X" error. geth names the EOF opcodes too,
 * although Cancun leaves them undefined, and spells every other undefined byte "opcode 0x.. not defined".
 * @module
 */

const NAMES: string[] = new Array<string>(256).fill("");

function name(op: number, ...names: string[]): void {
  names.forEach((n, i) => (NAMES[op + i] = n));
}

name(0x00, "STOP", "ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", "ADDMOD", "MULMOD", "EXP", "SIGNEXTEND");
name(0x10, "LT", "GT", "SLT", "SGT", "EQ", "ISZERO", "AND", "OR", "XOR", "NOT", "BYTE", "SHL", "SHR", "SAR");
name(0x20, "KECCAK256");
name(
  0x30, "ADDRESS", "BALANCE", "ORIGIN", "CALLER", "CALLVALUE", "CALLDATALOAD", "CALLDATASIZE", "CALLDATACOPY",
  "CODESIZE", "CODECOPY", "GASPRICE", "EXTCODESIZE", "EXTCODECOPY", "RETURNDATASIZE", "RETURNDATACOPY", "EXTCODEHASH",
);
// geth keeps the pre-merge name DIFFICULTY for 0x44 (PREVRANDAO).
name(0x40, "BLOCKHASH", "COINBASE", "TIMESTAMP", "NUMBER", "DIFFICULTY", "GASLIMIT", "CHAINID", "SELFBALANCE", "BASEFEE", "BLOBHASH", "BLOBBASEFEE");
name(
  0x50, "POP", "MLOAD", "MSTORE", "MSTORE8", "SLOAD", "SSTORE", "JUMP", "JUMPI", "PC", "MSIZE", "GAS", "JUMPDEST",
  "TLOAD", "TSTORE", "MCOPY", "PUSH0",
);
for (let i = 1; i <= 32; i++) NAMES[0x5f + i] = `PUSH${i}`;
for (let i = 1; i <= 16; i++) {
  NAMES[0x7f + i] = `DUP${i}`;
  NAMES[0x8f + i] = `SWAP${i}`;
}
name(0xa0, "LOG0", "LOG1", "LOG2", "LOG3", "LOG4");
name(0xd0, "DATALOAD", "DATALOADN", "DATASIZE", "DATACOPY");
name(0xe0, "RJUMP", "RJUMPI", "RJUMPV", "CALLF", "RETF", "JUMPF", "DUPN", "SWAPN", "EXCHANGE");
name(0xec, "EOFCREATE");
name(0xee, "RETURNCONTRACT");
name(0xf0, "CREATE", "CALL", "RETURN", "CALLCODE", "DELEGATECALL", "CREATE2");
name(0xf7, "RETURNDATALOAD", "EXTCALL", "EXTDELEGATECALL", "STATICCALL");
name(0xfb, "EXTSTATICCALL");
name(0xfd, "REVERT", "INVALID", "SELFDESTRUCT");

/** geth's name of opcode byte `op` (0–255), e.g. "KECCAK256", "opcode 0xc not defined". */
export function gethOpName(op: number): string {
  return NAMES[op & 0xff] || `opcode 0x${(op & 0xff).toString(16)} not defined`;
}
