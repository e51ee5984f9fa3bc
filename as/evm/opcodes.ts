// EVM opcode bytes, Yellow Paper names, in hex order (Cancun). The traits tables (traits.ts) and the
// TS names (ts/ee/evm/opcode-names.ts) are indexed by these values.

// 0x00s: stop & arithmetic
export const STOP: u8 = 0x00;
export const ADD: u8 = 0x01;
export const MUL: u8 = 0x02;
export const SUB: u8 = 0x03;
export const DIV: u8 = 0x04;
export const SDIV: u8 = 0x05;
export const MOD: u8 = 0x06;
export const SMOD: u8 = 0x07;
export const ADDMOD: u8 = 0x08;
export const MULMOD: u8 = 0x09;
export const EXP: u8 = 0x0a;
export const SIGNEXTEND: u8 = 0x0b;

// 0x10s: comparison & bitwise
export const LT: u8 = 0x10;
export const GT: u8 = 0x11;
export const SLT: u8 = 0x12;
export const SGT: u8 = 0x13;
export const EQ: u8 = 0x14;
export const ISZERO: u8 = 0x15;
export const AND: u8 = 0x16;
export const OR: u8 = 0x17;
export const XOR: u8 = 0x18;
export const NOT: u8 = 0x19;
export const BYTE: u8 = 0x1a;
export const SHL: u8 = 0x1b;
export const SHR: u8 = 0x1c;
export const SAR: u8 = 0x1d;

// 0x20s: hashing
export const KECCAK256: u8 = 0x20;

// 0x30s: environment
export const ADDRESS: u8 = 0x30;
export const BALANCE: u8 = 0x31;
export const ORIGIN: u8 = 0x32;
export const CALLER: u8 = 0x33;
export const CALLVALUE: u8 = 0x34;
export const CALLDATALOAD: u8 = 0x35;
export const CALLDATASIZE: u8 = 0x36;
export const CALLDATACOPY: u8 = 0x37;
export const CODESIZE: u8 = 0x38;
export const CODECOPY: u8 = 0x39;
export const GASPRICE: u8 = 0x3a;
export const EXTCODESIZE: u8 = 0x3b;
export const EXTCODECOPY: u8 = 0x3c;
export const RETURNDATASIZE: u8 = 0x3d;
export const RETURNDATACOPY: u8 = 0x3e;
export const EXTCODEHASH: u8 = 0x3f;

// 0x40s: block
export const BLOCKHASH: u8 = 0x40;
export const COINBASE: u8 = 0x41;
export const TIMESTAMP: u8 = 0x42;
export const NUMBER: u8 = 0x43;
export const PREVRANDAO: u8 = 0x44;
export const GASLIMIT: u8 = 0x45;
export const CHAINID: u8 = 0x46;
export const SELFBALANCE: u8 = 0x47;
export const BASEFEE: u8 = 0x48;
export const BLOBHASH: u8 = 0x49;
export const BLOBBASEFEE: u8 = 0x4a;

// 0x50s: stack, memory, storage, flow
export const POP: u8 = 0x50;
export const MLOAD: u8 = 0x51;
export const MSTORE: u8 = 0x52;
export const MSTORE8: u8 = 0x53;
export const SLOAD: u8 = 0x54;
export const SSTORE: u8 = 0x55;
export const JUMP: u8 = 0x56;
export const JUMPI: u8 = 0x57;
export const PC: u8 = 0x58;
export const MSIZE: u8 = 0x59;
export const GAS: u8 = 0x5a;
export const JUMPDEST: u8 = 0x5b;
export const TLOAD: u8 = 0x5c;
export const TSTORE: u8 = 0x5d;
export const MCOPY: u8 = 0x5e;
export const PUSH0: u8 = 0x5f;

// 0x60s-0x70s: push (PUSH1..PUSH32 = 0x60..0x7f)
export const PUSH1: u8 = 0x60;
export const PUSH2: u8 = 0x61;
export const PUSH3: u8 = 0x62;
export const PUSH4: u8 = 0x63;
export const PUSH32: u8 = 0x7f;

// 0x80s: dup (DUP1..DUP16), 0x90s: swap (SWAP1..SWAP16)
export const DUP1: u8 = 0x80;
export const DUP16: u8 = 0x8f;
export const SWAP1: u8 = 0x90;
export const SWAP16: u8 = 0x9f;

// 0xa0s: logging
export const LOG0: u8 = 0xa0;
export const LOG1: u8 = 0xa1;
export const LOG2: u8 = 0xa2;
export const LOG3: u8 = 0xa3;
export const LOG4: u8 = 0xa4;

// 0xf0s: system
export const CREATE: u8 = 0xf0;
export const CALL: u8 = 0xf1;
export const CALLCODE: u8 = 0xf2;
export const RETURN: u8 = 0xf3;
export const DELEGATECALL: u8 = 0xf4;
export const CREATE2: u8 = 0xf5;
export const STATICCALL: u8 = 0xfa;
export const REVERT: u8 = 0xfd;
export const INVALID: u8 = 0xfe;
export const SELFDESTRUCT: u8 = 0xff;
