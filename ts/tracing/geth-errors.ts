/**
 * The error strings geth v1.15.8 puts in traces (core/vm/errors.go), so a run maps its halts to the
 * same `error` text, and the decoding of revert data into `revertReason` (accounts/abi `UnpackRevert`).
 * @module
 */
import { gethOpName } from "./geth-opcode-names";

/** Fixed geth error messages, by the halt they name. */
export const GethError = {
  outOfGas: "out of gas",
  codeStoreOutOfGas: "contract creation code storage out of gas",
  depth: "max call depth exceeded",
  insufficientBalance: "insufficient balance for transfer",
  contractAddressCollision: "contract address collision",
  executionReverted: "execution reverted",
  maxCodeSizeExceeded: "max code size exceeded",
  maxInitCodeSizeExceeded: "max initcode size exceeded",
  invalidJump: "invalid jump destination",
  writeProtection: "write protection",
  returnDataOutOfBounds: "return data out of bounds",
  gasUintOverflow: "gas uint64 overflow",
  invalidCode: "invalid code: must not begin with 0xef",
  nonceUintOverflow: "nonce uint64 overflow",
} as const;

/**
 * geth's text for a frame's failure as our runners name it (EVM halts of ts/ee/evm/status.ts and
 * the runners' message rules); null on success. Halts whose geth text carries operands we do not
 * keep at the halt (stack sizes, the undefined opcode byte) get the text without them.
 */
export function gethFrameError(error: string | undefined, success: boolean): string | null {
  if (success) return null;
  switch (error) {
    case "Revert": return GethError.executionReverted;
    case "OutOfGas": case "OutOfNative": case "PrecompileFailure": return GethError.outOfGas;
    case "CallDepthExceeded": return GethError.depth;
    case "InsufficientBalance": return GethError.insufficientBalance;
    case "CreateCollision": return GethError.contractAddressCollision;
    case "CodeSizeLimit": return GethError.maxCodeSizeExceeded;
    case "CreateInitCodeSizeLimit": return GethError.maxInitCodeSizeExceeded;
    case "InvalidCodePrefix": return GethError.invalidCode;
    case "CodeDepositOutOfGas": return GethError.codeStoreOutOfGas;
    case "NonceOverflow": return GethError.nonceUintOverflow;
    case "BadJumpDestination": return GethError.invalidJump;
    case "StateChangeDuringStaticCall": return GethError.writeProtection;
    case "ReturnDataOutOfBounds": return GethError.returnDataOutOfBounds;
    case "InvalidOpcode": return invalidOpcodeError(0xfe);
    case "UndefinedOpcode": return "invalid opcode";
    case "StackUnderflow": return "stack underflow";
    case "StackOverflow": return "stack limit reached";
    default: return error ?? "execution failed";
  }
}

/** "stack underflow (len <=> required)". */
export function stackUnderflowError(stackLen: number, required: number): string {
  return `stack underflow (${stackLen} <=> ${required})`;
}

/** "stack limit reached len (limit)"; geth's limit is 1024 minus the op's net push count. */
export function stackOverflowError(stackLen: number, limit: number): string {
  return `stack limit reached ${stackLen} (${limit})`;
}

/** "invalid opcode: NAME", with geth's names (an EOF byte reads e.g. "invalid opcode: RJUMP"). */
export function invalidOpcodeError(op: number): string {
  return `invalid opcode: ${gethOpName(op)}`;
}

/** Solidity panic codes as geth words them. */
const PANIC_REASONS: Record<string, string> = {
  "0": "generic panic",
  "1": "assert(false)",
  "17": "arithmetic underflow or overflow",
  "18": "division or modulo by zero",
  "33": "enum overflow",
  "34": "invalid encoded storage byte array accessed",
  "49": "out-of-bounds array access; popping on an empty array",
  "50": "out-of-bounds access of an array or bytesN",
  "65": "out of memory",
  "81": "uninitialized function",
};

function word(b: Uint8Array, at: number): bigint {
  let v = 0n;
  for (let i = at; i < at + 32; i++) v = (v << 8n) | BigInt(b[i]!);
  return v;
}

/**
 * Bytes as Go's JSON encoder turns a Go string into text: valid UTF-8 kept, and each byte that
 * does not start a valid sequence replaced by U+FFFD on its own (TextDecoder would merge some).
 */
export function goUtf8String(b: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      out += String.fromCharCode(c);
      i++;
      continue;
    }
    let n = 0;
    let cp = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      cp = c & 0x0f;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      cp = c & 0x07;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    }
    let ok = n > 0;
    for (let k = 1; ok && k <= n; k++) {
      const cc = b[i + k];
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (cc === undefined || cc < min || cc > max) ok = false;
      else cp = (cp << 6) | (cc & 0x3f);
    }
    if (ok) {
      out += String.fromCodePoint(cp);
      i += n + 1;
    } else {
      out += "\ufffd";
      i++;
    }
  }
  return out;
}

/**
 * geth's revertReason of revert data: the message of `Error(string)` (selector 0x08c379a0), the
 * wording of `Panic(uint256)` (0x4e487b71; "unknown panic code: 0x.." otherwise), or undefined
 * when the data is neither or its ABI encoding is out of bounds (geth's exact bound checks).
 */
export function decodeRevertReason(data: Uint8Array): string | undefined {
  if (data.length < 4) return undefined;
  const selector = ((data[0]! << 24) | (data[1]! << 16) | (data[2]! << 8) | data[3]!) >>> 0;
  const payload = data.subarray(4);
  if (payload.length < 32) return undefined;
  if (selector === 0x4e487b71) {
    const code = word(payload, 0);
    return PANIC_REASONS[code.toString()] ?? `unknown panic code: 0x${code.toString(16)}`;
  }
  if (selector !== 0x08c379a0) return undefined;
  // lengthPrefixPointsTo: the length word sits at the offset, the bytes right after it.
  const offsetEnd = word(payload, 0) + 32n;
  const len = BigInt(payload.length);
  if (offsetEnd > len) return undefined;
  const strLen = word(payload, Number(offsetEnd) - 32);
  if (offsetEnd + strLen > len) return undefined;
  const start = Number(offsetEnd);
  return goUtf8String(payload.subarray(start, start + Number(strLen)));
}
