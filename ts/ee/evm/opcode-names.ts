/**
 * Yellow Paper mnemonics of the Cancun opcodes, indexed by byte (undefined = no instruction), for
 * traces, disassembly and tests. test/evm/traits.test.ts checks them against the AS tables.
 * @module
 */

/** OPCODE_NAMES[byte] is the mnemonic, or undefined when the byte is not an instruction. */
export const OPCODE_NAMES: readonly (string | undefined)[] = [
  "STOP", "ADD", "MUL", "SUB", "DIV", "SDIV", "MOD", "SMOD", // 0x00
  "ADDMOD", "MULMOD", "EXP", "SIGNEXTEND", undefined, undefined, undefined, undefined, // 0x08
  "LT", "GT", "SLT", "SGT", "EQ", "ISZERO", "AND", "OR", // 0x10
  "XOR", "NOT", "BYTE", "SHL", "SHR", "SAR", undefined, undefined, // 0x18
  "KECCAK256", undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0x20
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0x28
  "ADDRESS", "BALANCE", "ORIGIN", "CALLER", "CALLVALUE", "CALLDATALOAD", "CALLDATASIZE", "CALLDATACOPY", // 0x30
  "CODESIZE", "CODECOPY", "GASPRICE", "EXTCODESIZE", "EXTCODECOPY", "RETURNDATASIZE", "RETURNDATACOPY", "EXTCODEHASH", // 0x38
  "BLOCKHASH", "COINBASE", "TIMESTAMP", "NUMBER", "PREVRANDAO", "GASLIMIT", "CHAINID", "SELFBALANCE", // 0x40
  "BASEFEE", "BLOBHASH", "BLOBBASEFEE", undefined, undefined, undefined, undefined, undefined, // 0x48
  "POP", "MLOAD", "MSTORE", "MSTORE8", "SLOAD", "SSTORE", "JUMP", "JUMPI", // 0x50
  "PC", "MSIZE", "GAS", "JUMPDEST", "TLOAD", "TSTORE", "MCOPY", "PUSH0", // 0x58
  "PUSH1", "PUSH2", "PUSH3", "PUSH4", "PUSH5", "PUSH6", "PUSH7", "PUSH8", // 0x60
  "PUSH9", "PUSH10", "PUSH11", "PUSH12", "PUSH13", "PUSH14", "PUSH15", "PUSH16", // 0x68
  "PUSH17", "PUSH18", "PUSH19", "PUSH20", "PUSH21", "PUSH22", "PUSH23", "PUSH24", // 0x70
  "PUSH25", "PUSH26", "PUSH27", "PUSH28", "PUSH29", "PUSH30", "PUSH31", "PUSH32", // 0x78
  "DUP1", "DUP2", "DUP3", "DUP4", "DUP5", "DUP6", "DUP7", "DUP8", // 0x80
  "DUP9", "DUP10", "DUP11", "DUP12", "DUP13", "DUP14", "DUP15", "DUP16", // 0x88
  "SWAP1", "SWAP2", "SWAP3", "SWAP4", "SWAP5", "SWAP6", "SWAP7", "SWAP8", // 0x90
  "SWAP9", "SWAP10", "SWAP11", "SWAP12", "SWAP13", "SWAP14", "SWAP15", "SWAP16", // 0x98
  "LOG0", "LOG1", "LOG2", "LOG3", "LOG4", undefined, undefined, undefined, // 0xa0
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xa8
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xb0
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xb8
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xc0
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xc8
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xd0
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xd8
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xe0
  undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, // 0xe8
  "CREATE", "CALL", "CALLCODE", "RETURN", "DELEGATECALL", "CREATE2", undefined, undefined, // 0xf0
  undefined, undefined, "STATICCALL", undefined, undefined, "REVERT", "INVALID", "SELFDESTRUCT", // 0xf8
];

const BY_NAME = new Map<string, number>();
OPCODE_NAMES.forEach((name, i) => {
  if (name !== undefined) BY_NAME.set(name, i);
});

/** The byte of a mnemonic (PREVRANDAO is also known as DIFFICULTY, KECCAK256 as SHA3). */
export function opcodeByName(name: string): number | undefined {
  const upper = name.toUpperCase();
  if (upper === "DIFFICULTY") return 0x44;
  if (upper === "SHA3") return 0x20;
  return BY_NAME.get(upper);
}

/** The mnemonic of a byte, or `0xNN` for a byte that is no instruction. */
export function opcodeName(byte: number): string {
  return OPCODE_NAMES[byte & 0xff] ?? `0x${(byte & 0xff).toString(16).padStart(2, "0")}`;
}
