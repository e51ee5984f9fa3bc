/**
 * ELF32 little-endian RISC-V executables (System V gABI, "ELF header" and "Program header"):
 * the PT_LOAD segments and the entry point, which is all the machine needs to load a program.
 * @module
 */
import { InputError } from "../errors";

const EM_RISCV = 243;
const PT_LOAD = 1;

/** One PT_LOAD segment: `data` goes to `vaddr`, followed by `memSize − data.length` zero bytes. */
export interface ElfSegment {
  readonly vaddr: number;
  readonly data: Uint8Array;
  readonly memSize: number;
}

export interface ElfImage {
  readonly entry: number;
  readonly segments: readonly ElfSegment[];
}

/** True when the bytes start with the ELF magic. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/**
 * Parses an ELF32 RISC-V executable.
 * @param where names the input in errors (a file path)
 * @throws InputError when it is not a little-endian ELF32 RISC-V executable or a header points outside the file
 */
export function parseElf32(bytes: Uint8Array, where = "ELF"): ElfImage {
  if (!isElf(bytes)) throw new InputError(where, "not an ELF file");
  if (bytes.length < 52) throw new InputError(where, "truncated ELF header");
  if (bytes[4] !== 1) throw new InputError(where, "not ELF32 (EI_CLASS must be 1; a 64-bit ELF cannot run on RV32)");
  if (bytes[5] !== 1) throw new InputError(where, "not little-endian (EI_DATA must be 1)");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const machine = dv.getUint16(18, true);
  if (machine !== EM_RISCV) throw new InputError(where, `e_machine is ${machine}, not RISC-V (${EM_RISCV})`);
  const entry = dv.getUint32(24, true);
  const phoff = dv.getUint32(28, true);
  const phentsize = dv.getUint16(42, true);
  const phnum = dv.getUint16(44, true);
  if (phnum > 0 && phentsize < 32) throw new InputError(where, `e_phentsize ${phentsize} is too small`);
  if (phoff + phnum * phentsize > bytes.length) throw new InputError(where, "program headers lie outside the file");
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (dv.getUint32(at, true) !== PT_LOAD) continue;
    const offset = dv.getUint32(at + 4, true);
    const vaddr = dv.getUint32(at + 8, true);
    const fileSize = dv.getUint32(at + 16, true);
    const memSize = dv.getUint32(at + 20, true);
    if (offset + fileSize > bytes.length) throw new InputError(where, `segment ${i} lies outside the file`);
    if (memSize < fileSize) throw new InputError(where, `segment ${i} has p_memsz < p_filesz`);
    if (memSize === 0) continue;
    segments.push({ vaddr, data: bytes.subarray(offset, offset + fileSize), memSize });
  }
  return { entry, segments };
}
