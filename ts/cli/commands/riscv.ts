/**
 * `zkos riscv PROGRAM [--witness W.hex | --fixture FIXTURE.json] [--max-cycles N] [--witness-out W.hex]
 * [--trace-out F] [--queries] [--json]`: runs an RV32IM program on the Airbender-compatible machine
 * (interfaces.md §2, riscv-machine.md) and reports cycles, delegations, outputs and traps.
 * @module
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { InputError, UsageError } from "../../errors";
import { parseBlockFixture } from "../../bootloader/fixture";
import { fixtureOracle, OracleQueryError } from "../../riscv/fixture-oracle";
import { LiveOracleSource } from "../../riscv/live-oracle";
import { RiscvMachine, type RiscvRunResult } from "../../riscv/machine";
import { WitnessSource, type NonDeterminismSource } from "../../riscv/nondeterminism";
import { publicInputFromWords } from "../../riscv/zksync-os-run";
import { bytesToHex } from "../../primitives/hex";
import type { OracleQuery } from "../../riscv/oracle-queries";
import { traceHeader } from "../../riscv/trace-format";
import { formatWitness, parseWitness } from "../../oracle/witness-file";
import { intFlag, parseArgs } from "../args";
import { EXIT_CHECK_FAILED, EXIT_OK, type CliIO, type Command } from "../command";

/** The default budget: 2^30 cycles, the reference witness-generation bound (riscv-machine.md §1.7). */
const DEFAULT_MAX_CYCLES = 2 ** 30;
const PROGRESS_EVERY_MS = 2000;

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new InputError(path, `cannot read ${what}: ${(e as Error).message}`);
  }
}

const hex = (n: number) => "0x" + (n >>> 0).toString(16).padStart(8, "0");
const group = (n: number) => n.toLocaleString("en-US");

export const riscv: Command = {
  name: "riscv",
  summary: "run an RV32IM program (flat .bin or ELF32) on the Airbender-compatible machine",
  help: [
    "usage: zkos riscv PROGRAM [--witness W.hex | --fixture FIXTURE.json] [--max-cycles N]",
    "                  [--witness-out W.hex] [--trace-out FILE] [--queries] [--json]",
    "",
    "Runs PROGRAM (a flat binary loaded at address 0, or an ELF32 file) until it jumps to itself,",
    "traps, or uses up the cycle budget. Reads of CSR 0x7C0 come from the witness; the guest's",
    "debug text (QuasiUART framing) goes to stderr.",
    "  --witness W.hex      non-determinism words (8 hex digits each); running dry returns 0 and is reported",
    "  --fixture F.json     answer the ZKsync OS oracle live from the first block of a block fixture",
    "                       (interfaces.md §3) and print the public input x10..x17",
    `  --max-cycles N       cycle budget (default ${DEFAULT_MAX_CYCLES})`,
    "  --witness-out W.hex  write every word the program read",
    "  --trace-out FILE     binary execution trace, 16 bytes per cycle (format: ts/riscv/trace-format.ts)",
    "  --queries            decode the ZKsync OS oracle queries from the writes and list them",
    "  --json               one JSON document on stdout",
    "Exit status: 0 halted, 1 trapped or out of cycles, 2 bad usage or input.",
  ].join("\n"),

  async run(argv, io) {
    const { positional, flags } = parseArgs(argv, {
      boolean: ["json", "queries"],
      string: ["witness", "fixture", "max-cycles", "witness-out", "trace-out"],
    }, "riscv");
    if (positional.length !== 1) throw new UsageError("riscv: expected exactly one PROGRAM (see 'zkos riscv --help')");
    const programPath = positional[0]!;
    if (flags.witness !== undefined && flags.fixture !== undefined) {
      throw new UsageError("riscv: --witness and --fixture are alternatives; give one");
    }
    const maxCycles = intFlag(flags, "max-cycles", "riscv") ?? DEFAULT_MAX_CYCLES;
    const json = flags.json === true;
    const program = new Uint8Array(readInput(programPath, "the program"));
    const clock: { machine?: RiscvMachine } = {};
    let source: NonDeterminismSource | undefined;
    let fixture: FixtureRun | undefined;
    if (typeof flags.fixture === "string") {
      fixture = liveFixture(flags.fixture, () => clock.machine?.cycles ?? 0, io);
      source = new LiveOracleSource(fixture.responder);
    } else if (typeof flags.witness === "string") {
      source = new WitnessSource(parseWitness(readInput(flags.witness, "the witness").toString("utf8"), flags.witness));
    }
    return runProgram(io, {
      programPath, program, source, fixture, clock, maxCycles, json,
      witnessOut: typeof flags["witness-out"] === "string" ? flags["witness-out"] : undefined,
      traceOut: typeof flags["trace-out"] === "string" ? flags["trace-out"] : undefined,
      listQueries: flags.queries === true,
    });
  },
};

/** What a --fixture run reports besides the machine's figures. */
interface FixtureRun {
  readonly responder: (q: OracleQuery) => Uint32Array;
  readonly stateRootBefore: string;
}

/** The live oracle of the fixture's first block (ts/riscv/fixture-oracle.ts). */
function liveFixture(path: string, cycle: () => number, io: CliIO): FixtureRun {
  let json: unknown;
  try {
    json = JSON.parse(readInput(path, "the fixture").toString("utf8"));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, `not JSON: ${(e as Error).message}`);
  }
  const fixture = parseBlockFixture(json, path);
  if (fixture.blocks.length === 0) throw new InputError(`${path}: blocks`, "the fixture has no block");
  if (fixture.blocks.length > 1) {
    io.err(`riscv: ${path} has ${fixture.blocks.length} blocks; running the first (a later block starts from the state the earlier ones leave)\n`);
  }
  const o = fixtureOracle(fixture, { cycle });
  return { responder: o.responder, stateRootBefore: bytesToHex(o.state.tree.root) };
}

interface RunSpec {
  readonly programPath: string;
  readonly program: Uint8Array;
  readonly source: NonDeterminismSource | undefined;
  readonly fixture: FixtureRun | undefined;
  /** Receives the machine, for the fixture oracle's error messages. */
  readonly clock: { machine?: RiscvMachine };
  readonly maxCycles: number;
  readonly json: boolean;
  readonly witnessOut: string | undefined;
  readonly traceOut: string | undefined;
  readonly listQueries: boolean;
}

function runProgram(io: CliIO, s: RunSpec): number {
  const queries: OracleQuery[] = [];
  let traceFd: number | undefined;
  if (s.traceOut !== undefined) {
    try {
      traceFd = openSync(s.traceOut, "w");
    } catch (e) {
      throw new InputError(s.traceOut, `cannot create the trace file: ${(e as Error).message}`);
    }
    writeSync(traceFd, traceHeader());
  }
  const fd = traceFd;
  const m = new RiscvMachine({
    source: s.source,
    histogram: true,
    recordReads: s.witnessOut !== undefined,
    onDebugText: (t) => io.err(`UART: ${t}\n`),
    ...(s.listQueries ? { onQuery: (q: OracleQuery) => queries.push(q) } : {}),
    ...(fd !== undefined ? { onTrace: (c: Uint8Array) => void writeSync(fd, c) } : {}),
  });
  s.clock.machine = m;
  m.load(s.program, s.programPath);
  const t0 = performance.now();
  let lastReport = t0;
  let r: RiscvRunResult;
  let oracleError: string | undefined;
  try {
    r = m.run(s.maxCycles, (cycles) => {
      const now = performance.now();
      if (now - lastReport < PROGRESS_EVERY_MS) return;
      lastReport = now;
      io.err(`riscv: ${group(cycles)} cycles, ${(cycles / (now - t0) / 1e3).toFixed(0)} MIPS\n`);
    });
  } catch (e) {
    if (!(e instanceof OracleQueryError)) throw e;
    // The reference host panics here; the run is over, as after a trap.
    oracleError = e.message;
    r = { status: "budget", cycles: m.cycles, pc: m.pc };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (s.witnessOut !== undefined) writeFileSync(s.witnessOut, formatWitness(m.recordedWitness()));
  const st = m.stats();
  const regs = Array.from(m.registers());
  const mips = seconds > 0 ? st.cycles / seconds / 1e6 : 0;
  const budgetError = oracleError ?? (r.status === "budget"
    ? `the program did not halt within ${s.maxCycles} cycles (pc ${hex(r.pc)})` : undefined);
  const publicInput = s.fixture !== undefined && r.status === "halted"
    ? bytesToHex(publicInputFromWords(regs.slice(10, 18))) : undefined;
  if (s.json) {
    const doc = {
      halted: r.status === "halted",
      cycles: r.cycles,
      registers: regs,
      output: regs.slice(10, 18),
      ...(publicInput !== undefined ? { publicInput } : {}),
      ...(s.fixture !== undefined ? { stateRootBefore: s.fixture.stateRootBefore } : {}),
      witnessWordsRead: st.witnessWordsRead,
      witnessWordsLeft: st.witnessWordsLeft ?? 0,
      witnessReadsPastEnd: st.readsPastEnd,
      delegations: { blake2s: st.blake2sCalls, u256: st.u256Calls },
      effectiveCycles: st.effectiveCycles,
      markers: st.markerCalls,
      writes: st.writes,
      mips: Number(mips.toFixed(2)),
      pc: r.pc,
      ...(r.trap ? { trap: r.trap } : {}),
      ...(budgetError ? { error: budgetError } : {}),
      histogram: m.histogram(),
      ...(s.listQueries ? { queries } : {}),
    };
    io.out(JSON.stringify(doc) + "\n");
  } else {
    printText(io, r, m, mips, budgetError);
    if (publicInput !== undefined) io.out(`public input: ${publicInput}\n`);
  }
  if (s.listQueries) {
    for (const q of queries) {
      io.err(`query ${q.name} (id ${q.id}, ${q.params.length} param words), response at read ${q.firstReadIndex}\n`);
    }
  }
  return r.status === "halted" ? EXIT_OK : EXIT_CHECK_FAILED;
}

function printText(io: CliIO, r: RiscvRunResult, m: RiscvMachine, mips: number, budgetError: string | undefined): void {
  const st = m.stats();
  const regs = m.registers();
  const lines: string[] = [];
  if (r.status === "halted") lines.push(`halted after ${group(r.cycles)} cycles at pc ${hex(r.pc)} (${mips.toFixed(1)} MIPS)`);
  else if (r.trap) {
    const t = r.trap;
    lines.push(`trapped after ${group(r.cycles)} cycles: ${t.cause}${t.detail ? ` (${t.detail})` : ""} at pc ${hex(t.pc)}, `
      + `instruction ${hex(t.instruction)}${t.address !== undefined ? `, address ${hex(t.address)}` : ""}`);
  } else lines.push(budgetError ?? "stopped");
  lines.push(`output x10..x17: ${Array.from(regs.subarray(10, 18)).join(" ")}`);
  lines.push(`effective cycles: ${group(st.effectiveCycles)} (blake2s ${group(st.blake2sCalls)}, u256 ${group(st.u256Calls)})`);
  const left = st.witnessWordsLeft === undefined ? "" : `, ${group(st.witnessWordsLeft)} left`;
  lines.push(`witness: ${group(st.witnessWordsRead)} words read${left}`
    + (st.readsPastEnd > 0 ? `, ${group(st.readsPastEnd)} reads past the end returned 0 (exhausted)` : ""));
  const top = Object.entries(m.histogram()).slice(0, 8).map(([k, v]) => `${k} ${group(v)}`).join(", ");
  lines.push(`top instructions: ${top}`);
  io.out(lines.join("\n") + "\n");
}
