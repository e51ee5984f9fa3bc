/**
 * The binary execution-trace format of `zkos riscv --trace-out` (all integers little-endian):
 *
 *   header, 16 bytes: magic "ZKRVTRC1" (8 ASCII bytes) · u32 format version (1) · u32 record size (16)
 *   then one 16-byte record per executed instruction, in execution order:
 *     u32 pc · u32 instruction word · u32 value written to rd (0 when rd = x0 or the instruction
 *     has no rd) · u32 data address of a load/store (0xFFFFFFFF for any other instruction)
 *
 * The halting self-jump is the last record; a trapping instruction has no record.
 * @module
 */

export const TRACE_MAGIC = "ZKRVTRC1";
export const TRACE_VERSION = 1;
export const TRACE_RECORD_BYTES = 16;
export const TRACE_HEADER_BYTES = 16;
/** Memory-address field of a record whose instruction is not a load or store. */
export const TRACE_NO_ADDRESS = 0xffffffff;

/** The 16-byte file header. */
export function traceHeader(): Uint8Array {
  const h = new Uint8Array(TRACE_HEADER_BYTES);
  for (let i = 0; i < 8; i++) h[i] = TRACE_MAGIC.charCodeAt(i);
  const dv = new DataView(h.buffer);
  dv.setUint32(8, TRACE_VERSION, true);
  dv.setUint32(12, TRACE_RECORD_BYTES, true);
  return h;
}

export interface TraceRecord {
  readonly pc: number;
  readonly instruction: number;
  readonly rdValue: number;
  /** Load/store data address, or TRACE_NO_ADDRESS. */
  readonly address: number;
}

/** Decodes a whole trace file (header included); for tests and small traces. */
export function decodeTrace(bytes: Uint8Array): TraceRecord[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let magic = "";
  for (let i = 0; i < 8; i++) magic += String.fromCharCode(bytes[i]!);
  if (magic !== TRACE_MAGIC || dv.getUint32(8, true) !== TRACE_VERSION) throw new Error("not a zkos RISC-V trace");
  const out: TraceRecord[] = [];
  for (let at = TRACE_HEADER_BYTES; at + TRACE_RECORD_BYTES <= bytes.length; at += TRACE_RECORD_BYTES) {
    out.push({
      pc: dv.getUint32(at, true),
      instruction: dv.getUint32(at + 4, true),
      rdValue: dv.getUint32(at + 8, true),
      address: dv.getUint32(at + 12, true),
    });
  }
  return out;
}
