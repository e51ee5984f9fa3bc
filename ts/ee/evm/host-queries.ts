/**
 * The codes of the interpreter's synchronous host queries (as/evm/host.ts): the opcode bytes of the
 * instructions that ask the host, and the host's failure code. Shared by both hosts (host.ts for the
 * `ethereum` profile, zk-host.ts for the ZKsync OS IO).
 * @module
 */
export const BALANCE = 0x31;
export const EXTCODESIZE = 0x3b;
export const EXTCODECOPY = 0x3c;
export const EXTCODEHASH = 0x3f;
export const BLOCKHASH = 0x40;
export const SELFBALANCE = 0x47;
export const BLOBHASH = 0x49;
export const SLOAD = 0x54;
export const SSTORE = 0x55;
export const TLOAD = 0x5c;
export const TSTORE = 0x5d;
export const LOG0 = 0xa0;
export const LOG4 = 0xa4;
export const SELFDESTRUCT = 0xff;

/** as/evm/host.ts HOST_FAILURE. */
export const HOST_FAILURE = -2;
