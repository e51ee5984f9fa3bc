// A tiny EVM assembler for tests (evmone's bytecode DSL in spirit): every helper returns hex
// without 0x, so programs are built with `+` and repeated with repeat().
import { OPCODE_NAMES } from "../../ts/ee/evm/opcode-names";

/** op.ADD === "01", op.PUSH1 === "60", ... for every Cancun mnemonic. */
export const op: Readonly<Record<string, string>> = Object.fromEntries(
  OPCODE_NAMES.flatMap((name, i) => (name === undefined ? [] : [[name, i.toString(16).padStart(2, "0")]])),
);

function toHex(v: bigint | number | string): string {
  if (typeof v === "string") {
    const h = v.startsWith("0x") ? v.slice(2) : v;
    return h.length % 2 === 1 ? "0" + h : h;
  }
  const b = BigInt(v);
  if (b < 0n) throw new Error(`push of a negative value ${b}`);
  const h = b.toString(16);
  return h.length % 2 === 1 ? "0" + h : h;
}

/** The shortest PUSHn of `v` (PUSH1 00 for zero; use op.PUSH0 for EIP-3855). Hex strings keep their width. */
export function push(v: bigint | number | string): string {
  const h = toHex(v);
  const n = h.length / 2;
  if (n === 0 || n > 32) throw new Error(`cannot push ${n} bytes`);
  return (0x5f + n).toString(16) + h;
}

/** PUSHn of `v` with exactly `n` bytes. */
export function pushN(n: number, v: bigint | number): string {
  return (0x5f + n).toString(16) + BigInt(v).toString(16).padStart(2 * n, "0");
}

/** `part` repeated `n` times. */
export function repeat(part: string, n: number): string {
  return part.repeat(n);
}

/** MSTORE(offset, value). */
export function mstore(offset: number, value: bigint | number | string): string {
  return push(value) + push(offset) + op.MSTORE;
}

/** Stores the stack top at memory 0 and returns those 32 bytes. */
export function returnTop(): string {
  return push(0) + op.MSTORE + push(32) + push(0) + op.RETURN;
}

/** RETURN(offset, len). */
export function ret(offset: number, len: number): string {
  return push(len) + push(offset) + op.RETURN;
}

/** REVERT(offset, len). */
export function revert(offset: number, len: number): string {
  return push(len) + push(offset) + op.REVERT;
}

/** SSTORE(key, value). */
export function sstore(key: bigint | number, value: bigint | number | string): string {
  return push(value) + push(key) + op.SSTORE;
}

/** CALL-family operands pushed in order (last argument first), then the opcode. */
export function call(
  kind: "CALL" | "CALLCODE" | "DELEGATECALL" | "STATICCALL",
  a: { gas: bigint | number; to: string; value?: bigint | number; inOffset?: number; inLen?: number; outOffset?: number; outLen?: number },
): string {
  let code = push(a.outLen ?? 0) + push(a.outOffset ?? 0) + push(a.inLen ?? 0) + push(a.inOffset ?? 0);
  if (kind === "CALL" || kind === "CALLCODE") code += push(a.value ?? 0);
  return code + push(a.to) + push(a.gas) + op[kind];
}

/** Initcode that deploys `runtime` (hex): CODECOPY the tail, RETURN it. */
export function deployer(runtime: string): string {
  const len = runtime.length / 2;
  // 12-byte prologue: PUSH2 len, PUSH1 12, PUSH1 0, CODECOPY, PUSH2 len, PUSH1 0, RETURN
  const prologue = pushN(2, len) + pushN(1, 14) + pushN(1, 0) + op.CODECOPY + pushN(2, len) + pushN(1, 0) + op.RETURN;
  if (prologue.length !== 28) throw new Error("deployer prologue length changed");
  return prologue + runtime;
}

/** The bytes of a hex program. */
export function bytes(code: string): Uint8Array {
  const h = code.startsWith("0x") ? code.slice(2) : code;
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}
