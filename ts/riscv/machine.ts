/**
 * The Airbender-compatible RISC-V machine (riscv-machine.md) as a library object: load a flat
 * binary or an ELF32, run up to N cycles, inspect registers and memory, resume. The core runs in
 * WASM in batches of millions of instructions; this class only services its yields (reads,
 * writes, trace records). The core holds one machine at a time: a new RiscvMachine resets it.
 * @module
 */
import { ArgumentError, InputError } from "../errors";
import { wasm, type Wasm } from "../wasm";
import { isElf, parseElf32 } from "./elf";
import { EmptySource, type NonDeterminismSource } from "./nondeterminism";
import { OP_NAMES } from "./opcodes";
import { OracleQueryDecoder, type OracleQuery } from "./oracle-queries";
import { RvStatus, TRAP_DETAIL_NAMES, TrapCause, trapCauseName } from "./status";
import { TRACE_RECORD_BYTES } from "./trace-format";
import { QuasiUart } from "./uart";

/** Instructions per core call between progress reports (about 50 ms at 300 MIPS). */
const BATCH = 1 << 24;
/**
 * WASM code has no on-stack replacement: V8 runs a call to completion in the tier it started in. So
 * the first calls get small budgets (doubling up to BATCH) and the optimized loop takes over within
 * a few ms instead of after the first 16M instructions. Kept per process, like V8's tier-up.
 */
let nextBatch = 1 << 14;
/** The guest address space is [0, 1 GiB) (riscv-machine.md §1.4; as/riscv/memory.ts RAM_END). */
const RAM_END = 0x4000_0000;

export interface RiscvMachineOptions {
  /** Where 0x7C0 reads come from; default: none (every read returns 0 and counts as past the end). */
  readonly source?: NonDeterminismSource;
  /** Receives the guest's debug text (QuasiUART framing, riscv-machine.md §2.1). */
  readonly onDebugText?: (text: string) => void;
  /** Receives each decoded oracle query (ZKsync OS framing, §3.2). */
  readonly onQuery?: (query: OracleQuery) => void;
  /** Count executed instructions per mnemonic (the integer loop of bench/riscv.bench.ts runs ~30% slower). */
  readonly histogram?: boolean;
  /**
   * Receives the execution trace in chunks of 16-byte records (ts/riscv/trace-format.ts); implies
   * histogram. A chunk is a view of core memory, valid only during the call: copy it to keep it.
   */
  readonly onTrace?: (records: Uint8Array) => void;
  /** Keep every word handed to the guest, for recordedWitness(). */
  readonly recordReads?: boolean;
}

/** A fatal trap: the run is over (riscv-machine.md §1.2). */
export interface RiscvTrap {
  /** Stable name (TRAP_CAUSE_NAMES), e.g. "misaligned load". */
  readonly cause: string;
  readonly causeCode: number;
  /** For a delegation fault: which rule was broken. */
  readonly detail?: string;
  readonly pc: number;
  readonly instruction: number;
  /** The data or target address involved, when there is one. */
  readonly address?: number;
}

export interface RiscvRunResult {
  /** "budget": the cycle limit of this call was reached; run() again to resume. */
  readonly status: "halted" | "trapped" | "budget";
  /** Instructions executed since load, including the final self-jump (interfaces.md §2). */
  readonly cycles: number;
  readonly pc: number;
  readonly trap?: RiscvTrap;
}

export interface RiscvStats {
  readonly cycles: number;
  readonly blake2sCalls: number;
  readonly u256Calls: number;
  readonly markerCalls: number;
  /** cycles + 16·blake2s + 4·u256 (riscv-machine.md §1.7, ZO:cycle_marker). */
  readonly effectiveCycles: number;
  /** Words the guest read from the source. */
  readonly witnessWordsRead: number;
  /** Reads answered with 0 because the source was exhausted. */
  readonly readsPastEnd: number;
  /** Source words never read (handed to the core but unread, plus those still in the source), if known. */
  readonly witnessWordsLeft: number | undefined;
  readonly writes: number;
  /** 64 KiB guest pages written so far. */
  readonly pagesMapped: number;
}

let owner: RiscvMachine | null = null;

export class RiscvMachine {
  private readonly w: Wasm;
  private readonly source: NonDeterminismSource;
  private readonly uart: QuasiUart | null;
  private readonly queries: OracleQueryDecoder | null;
  private readonly runFn: (budget: number) => number;
  /** Words the guest has read, chunk by chunk (recordReads). */
  private readonly recorded: Uint32Array[] = [];
  /** The last chunk handed to the core, and the core's read count when it was. */
  private lastFed: Uint32Array | null = null;
  private consumedAtFeed = 0;
  private writes = 0;
  private exhausted = false;
  private last: RiscvRunResult["status"] = "budget";

  /** Creates a machine with empty memory and pc = 0, resetting the core (any previous machine becomes unusable). */
  constructor(private readonly options: RiscvMachineOptions = {}) {
    this.w = wasm();
    this.source = options.source ?? new EmptySource();
    this.uart = options.onDebugText ? new QuasiUart(options.onDebugText) : null;
    this.queries = options.onQuery ? new OracleQueryDecoder(options.onQuery) : null;
    const e = this.w.exports;
    if (options.onTrace) this.runFn = e.rvRunTraced;
    else if (options.histogram) this.runFn = e.rvRunCounted;
    else this.runFn = e.rvRun;
    e.rvReset();
    e.rvSetDropReadsOnWrite(this.source.discardsUnreadOnWrite ? 1 : 0);
    owner = this;
    this.views();
  }

  private core(): Wasm {
    if (owner !== this) throw new ArgumentError("this RiscvMachine was replaced by a newer one (the core holds one machine)");
    return this.w;
  }

  private views(): Wasm {
    if (this.w.viewsStale) this.w.refreshViews();
    return this.w;
  }

  /**
   * Loads a program: ELF32 when it starts with the ELF magic, else a flat binary at address 0.
   * @param where names the input in errors
   * @returns the format and the entry point (pc is set to it)
   * @throws InputError for a malformed ELF, a flat binary whose length is not a multiple of 4, or a program outside 1 GiB
   */
  load(bytes: Uint8Array, where = "program"): { format: "elf" | "bin"; entry: number } {
    if (isElf(bytes)) return { format: "elf", entry: this.loadElf(bytes, where) };
    this.loadFlat(bytes, where);
    return { format: "bin", entry: 0 };
  }

  /** Loads a flat binary at address 0 (the Airbender convention, §1.4) and sets pc = 0. */
  loadFlat(bytes: Uint8Array, where = "program"): void {
    if (bytes.length % 4 !== 0) throw new InputError(where, `flat binary length ${bytes.length} is not a multiple of 4`);
    if (bytes.length > RAM_END) throw new InputError(where, "flat binary is larger than the 1 GiB address space");
    this.writeMemory(0, bytes);
    this.core().exports.rvSetPc(0);
  }

  /** Loads the PT_LOAD segments of an ELF32 RISC-V executable; pc = its entry point, which is returned. */
  loadElf(bytes: Uint8Array, where = "program"): number {
    const elf = parseElf32(bytes, where);
    if (elf.entry % 4 !== 0 || elf.entry >= RAM_END) {
      throw new InputError(where, `entry point 0x${elf.entry.toString(16)} is misaligned or outside 1 GiB`);
    }
    for (const s of elf.segments) {
      if (s.vaddr + s.memSize > RAM_END) {
        throw new InputError(where, `segment at 0x${s.vaddr.toString(16)} reaches past 1 GiB`);
      }
      this.writeMemory(s.vaddr, s.data);
      if (s.memSize > s.data.length) this.writeMemory(s.vaddr + s.data.length, new Uint8Array(s.memSize - s.data.length));
    }
    this.core().exports.rvSetPc(elf.entry);
    return elf.entry;
  }

  /** Writes bytes into guest memory as the host (ROM included). */
  writeMemory(addr: number, bytes: Uint8Array): void {
    const w = this.core();
    if (!Number.isInteger(addr) || addr < 0 || addr + bytes.length > RAM_END) {
      throw new ArgumentError(`memory range 0x${addr.toString(16)}+${bytes.length} is outside 1 GiB`);
    }
    for (let at = 0; at < bytes.length; at += w.mailboxLen) {
      const chunk = bytes.subarray(at, Math.min(bytes.length, at + w.mailboxLen));
      this.views().u8.set(chunk, w.mailboxPtr);
      w.exports.rvLoadBytes(addr + at, w.mailboxPtr, chunk.length);
    }
    this.views();
  }

  /** A copy of `len` guest bytes at `addr` (unwritten memory reads as zero). */
  readMemory(addr: number, len: number): Uint8Array {
    const w = this.core();
    if (!Number.isInteger(addr) || addr < 0 || len < 0 || addr + len > RAM_END) {
      throw new ArgumentError(`memory range 0x${addr.toString(16)}+${len} is outside 1 GiB`);
    }
    const out = new Uint8Array(len);
    for (let at = 0; at < len; at += w.mailboxLen) {
      const n = Math.min(len - at, w.mailboxLen);
      w.exports.rvReadBytes(addr + at, w.mailboxPtr, n);
      out.set(this.views().u8.subarray(w.mailboxPtr, w.mailboxPtr + n), at);
    }
    return out;
  }

  /** The aligned little-endian word containing `addr`. */
  readWord(addr: number): number {
    return this.core().exports.rvReadWord(addr) >>> 0;
  }

  /** x0..x31 (a copy). */
  registers(): Uint32Array {
    const w = this.core();
    const base = (w.exports.RV_REGS_PTR.value as number) >>> 2;
    return this.views().u32.slice(base, base + 32);
  }

  /** Sets register x`index` (writes to x0 are ignored, as in the machine). */
  setRegister(index: number, value: number): void {
    const w = this.core();
    if (!Number.isInteger(index) || index < 0 || index > 31) throw new ArgumentError(`no register x${index}`);
    if (index === 0) return;
    this.views().u32[((w.exports.RV_REGS_PTR.value as number) >>> 2) + index] = value >>> 0;
  }

  get pc(): number {
    return this.core().exports.rvPc() >>> 0;
  }

  /** Sets pc (before a run); it must be aligned. */
  set pc(value: number) {
    if (!Number.isInteger(value) || value < 0 || value >= RAM_END || value % 4 !== 0) {
      throw new ArgumentError(`pc 0x${value.toString(16)} is misaligned or outside 1 GiB`);
    }
    this.core().exports.rvSetPc(value);
  }

  get cycles(): number {
    return this.core().exports.rvCycles();
  }

  /**
   * Runs until the program halts, traps, or `maxCycles` more instructions have executed.
   * @param onProgress called between batches with the total cycles so far
   */
  run(maxCycles: number, onProgress?: (cycles: number) => void): RiscvRunResult {
    const w = this.core();
    if (!Number.isSafeInteger(maxCycles) || maxCycles < 0) throw new ArgumentError(`maxCycles must be a non-negative integer, got ${maxCycles}`);
    const e = w.exports;
    let remaining = maxCycles;
    let status: number = RvStatus.Budget;
    while (remaining > 0) {
      const before = e.rvCycles();
      status = this.runFn(Math.min(remaining, nextBatch));
      if (nextBatch < BATCH) nextBatch *= 2;
      remaining -= e.rvCycles() - before;
      this.views();
      if (status === RvStatus.Budget) {
        onProgress?.(e.rvCycles());
        continue;
      }
      if (status === RvStatus.Halted || status === RvStatus.Trapped) break;
      if (status === RvStatus.NeedRead) {
        this.drainWrites();
        this.feedReads();
      } else if (status === RvStatus.WritesFull) {
        this.drainWrites();
      } else if (status === RvStatus.TraceFull) {
        this.drainTrace();
      }
    }
    this.drainWrites();
    this.drainTrace();
    return this.result(status);
  }

  private result(status: number): RiscvRunResult {
    const e = this.w.exports;
    const cycles = e.rvCycles();
    const pc = e.rvPc() >>> 0;
    if (status === RvStatus.Halted) return { status: (this.last = "halted"), cycles, pc };
    if (status !== RvStatus.Trapped) return { status: (this.last = "budget"), cycles, pc };
    const causeCode = e.rvTrapCause();
    const address = e.rvTrapAddress() >>> 0;
    const hasAddress = causeCode !== TrapCause.IllegalInstruction && causeCode !== TrapCause.UnsupportedCsr
      && causeCode !== TrapCause.GuestAbort && !(causeCode === TrapCause.DelegationFault && address === 0);
    const trap: RiscvTrap = {
      cause: trapCauseName(causeCode),
      causeCode,
      ...(causeCode === TrapCause.DelegationFault ? { detail: TRAP_DETAIL_NAMES[e.rvTrapDetail()] ?? "" } : {}),
      pc: e.rvTrapPc() >>> 0,
      instruction: e.rvTrapInstruction() >>> 0,
      ...(hasAddress ? { address } : {}),
    };
    this.last = "trapped";
    return { status: "trapped", cycles, pc, trap };
  }

  /** True once the program has halted or trapped (further runs return at once). */
  get finished(): boolean {
    return this.last !== "budget";
  }

  private feedReads(): void {
    const w = this.w;
    const e = w.exports;
    const max = e.RV_READ_BUF_LEN.value as number;
    const words = this.exhausted ? new Uint32Array(0) : this.source.nextWords(max);
    if (words.length === 0) {
      this.exhausted = true;
      e.rvSetReadsExhausted(1);
      return;
    }
    if (words.length > max) throw new ArgumentError(`source returned ${words.length} words, more than the ${max} asked for`);
    if (this.options.recordReads) {
      this.recordConsumed();
      this.lastFed = words.slice();
      this.consumedAtFeed = e.rvReadsConsumed() >>> 0;
    }
    this.views().u32.set(words, (e.RV_READ_BUF_PTR.value as number) >>> 2);
    e.rvFeedReads(words.length);
  }

  private drainWrites(): void {
    const e = this.w.exports;
    const n = e.rvWriteCount();
    if (n === 0) return;
    const sourceWrite = this.source.write?.bind(this.source);
    if (this.uart !== null || this.queries !== null || sourceWrite !== undefined) {
      const base = (e.RV_WRITE_BUF_PTR.value as number) >>> 2;
      const u32 = this.views().u32;
      for (let i = 0; i < n; i++) {
        const value = u32[base + 2 * i]!;
        const readsBefore = u32[base + 2 * i + 1]!;
        this.uart?.write(value);
        this.queries?.write(value, readsBefore);
        sourceWrite?.(value, readsBefore);
      }
    }
    this.writes += n;
    e.rvClearWrites();
  }

  private drainTrace(): void {
    const sink = this.options.onTrace;
    if (!sink) return;
    const e = this.w.exports;
    const n = e.rvTraceCount();
    if (n === 0) return;
    const ptr = e.rvTracePtr();
    // A view, not a copy: allocating a fresh 1 MiB buffer per drain cost ~3.5 ms (most of a traced run).
    sink(this.views().u8.subarray(ptr, ptr + n * TRACE_RECORD_BYTES));
    e.rvClearTrace();
  }

  /** Counters of the run so far. */
  stats(): RiscvStats {
    const e = this.core().exports;
    const cycles = e.rvCycles();
    const blake2sCalls = e.rvBlakeCalls();
    const u256Calls = e.rvU256Calls();
    const left = this.source.wordsLeft?.();
    return {
      cycles,
      blake2sCalls,
      u256Calls,
      markerCalls: e.rvMarkerCalls(),
      effectiveCycles: cycles + 16 * blake2sCalls + 4 * u256Calls,
      witnessWordsRead: e.rvReadsConsumed() >>> 0,
      readsPastEnd: e.rvReadsPastEnd() >>> 0,
      witnessWordsLeft: left === undefined ? undefined : left + (e.rvReadsPending() >>> 0),
      writes: this.writes + (e.rvWriteCount() >>> 0),
      pagesMapped: e.rvPagesMapped(),
    };
  }

  /** Executed instructions per mnemonic, most frequent first (empty unless histogram or onTrace was set). */
  histogram(): Record<string, number> {
    const w = this.core();
    const e = w.exports;
    const ptr = e.RV_HIST_PTR.value as number;
    const dv = this.views().dv;
    const rows: [string, number][] = [];
    for (let i = 0; i < OP_NAMES.length; i++) {
      const n = Number(dv.getBigUint64(ptr + 8 * i, true));
      if (n > 0) rows.push([OP_NAMES[i]!, n]);
    }
    rows.sort((a, b) => b[1] - a[1]);
    return Object.fromEntries(rows);
  }

  /** Every word the guest read, in order, including the zeros read past the end (needs recordReads). */
  recordedWitness(): Uint32Array {
    const e = this.core().exports;
    if (!this.options.recordReads) throw new ArgumentError("recordedWitness() needs the recordReads option");
    const chunks = this.lastFed === null ? this.recorded : [...this.recorded, this.lastFedRead()];
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint32Array(total + (e.rvReadsPastEnd() >>> 0));
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** The words of the last fed chunk read so far: always a prefix (the core reads a chunk from its start). */
  private lastFedRead(): Uint32Array {
    return this.lastFed!.subarray(0, (this.w.exports.rvReadsConsumed() >>> 0) - this.consumedAtFeed);
  }

  /** Called before a new chunk replaces the last one (whose unread rest, if any, is dropped). */
  private recordConsumed(): void {
    if (this.lastFed !== null) this.recorded.push(this.lastFedRead());
    this.lastFed = null;
  }
}
