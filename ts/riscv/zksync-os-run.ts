/**
 * Runs a ZKsync OS RISC-V image (e.g. zksync_os/app.bin of zksync-os 0a82da0) on one fixture block with
 * the oracle answered live (ts/riscv/fixture-oracle.ts), recording the witness: the public input the
 * image leaves in x10..x17 (interfaces.md §4), cycles and delegations, and the witness (interfaces.md §5).
 * @module
 */
import { bytesToHex } from "../primitives/hex";
import type { BlockFixture } from "../bootloader/fixture";
import type { InMemoryState } from "../oracle/in-memory-state";
import { fixtureOracle, type FixtureOracle } from "./fixture-oracle";
import { LiveOracleSource } from "./live-oracle";
import { RiscvMachine, type RiscvStats, type RiscvTrap } from "./machine";
import type { OracleQuery } from "./oracle-queries";

/** The reference witness-generation bound, 2^30 cycles (riscv-machine.md §1.7). */
export const ZKSYNC_OS_MAX_CYCLES = 2 ** 30;

/** Options of {@link runZksyncOsImage}. */
export interface ZksyncOsRunOptions {
  /** Which block of the fixture (default 0); a later one needs `preState` (see FixtureOracleOptions). */
  readonly blockIndex?: number;
  /** The state the block starts from (default: the fixture's pre-state). */
  readonly preState?: InMemoryState;
  /** Hashes of the previous blocks, most recent first, for a block that omits `blockHashes`. */
  readonly previousBlockHashes?: readonly Uint8Array[];
  /** Cycle budget (default 2^30). */
  readonly maxCycles?: number;
  /** Receives each query as it is answered. */
  readonly onQuery?: (query: OracleQuery) => void;
  /** Receives the guest's debug text (only the `*_logging_enabled` images write any). */
  readonly onDebugText?: (text: string) => void;
}

/** What one run of the image gave. */
export interface ZksyncOsRun {
  /** "halted" is success; "budget" means maxCycles ran out. */
  readonly status: "halted" | "trapped" | "budget";
  /** x10..x17 as the 32-byte public input, "0x" + 64 hex digits (word i little-endian at bytes 4i..4i+3). */
  readonly publicInput: string;
  /** x10..x17. */
  readonly publicInputWords: readonly number[];
  /** Instructions executed, including the final self-jump. */
  readonly cycles: number;
  readonly stats: RiscvStats;
  /** Every word the image read, in order: replaying it (`zkos riscv IMAGE --witness`) repeats the run. */
  readonly witness: Uint32Array;
  /** The queries the image made, in order (DisconnectOracle included). */
  readonly queries: readonly OracleQuery[];
  /** The state commitment before the block (what InitializeIOImplementer answered). */
  readonly stateRootBefore: string;
  readonly nextFreeSlotBefore: number;
  readonly trap?: RiscvTrap;
  /** The oracle the run used (metadata, transaction bodies, state). */
  readonly oracle: FixtureOracle;
}

/** The 32 bytes whose little-endian u32 words are `words` (x10..x17 → public input). */
export function publicInputFromWords(words: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 * words.length);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) dv.setUint32(4 * i, words[i]! >>> 0, true);
  return out;
}

/**
 * Runs `image` (a flat binary or ELF32) on one block of `fixture` (parseBlockFixture's result) with the
 * oracle answered live from the fixture, recording the witness. Resets the RISC-V core.
 * @throws OracleQueryError (from ts/riscv/fixture-oracle.ts) when the image asks what the fixture cannot answer
 * @throws InputError for a malformed image or a fixture transaction that cannot be prepared
 * @throws UnavailableError for a later block without `preState`
 */
export function runZksyncOsImage(image: Uint8Array, fixture: BlockFixture, options: ZksyncOsRunOptions = {}): ZksyncOsRun {
  let machine: RiscvMachine | null = null;
  const oracle = fixtureOracle(fixture, {
    ...(options.blockIndex !== undefined ? { blockIndex: options.blockIndex } : {}),
    ...(options.preState !== undefined ? { preState: options.preState } : {}),
    ...(options.previousBlockHashes !== undefined ? { previousBlockHashes: options.previousBlockHashes } : {}),
    cycle: () => machine?.cycles ?? 0,
  });
  const commitment = oracle.state.tree.commitment;
  const queries: OracleQuery[] = [];
  const source = new LiveOracleSource(oracle.responder, (q) => {
    queries.push(q);
    options.onQuery?.(q);
  });
  machine = new RiscvMachine({
    source,
    recordReads: true,
    ...(options.onDebugText ? { onDebugText: options.onDebugText } : {}),
  });
  machine.load(image, "image");
  const r = machine.run(options.maxCycles ?? ZKSYNC_OS_MAX_CYCLES);
  const words = Array.from(machine.registers().subarray(10, 18));
  return {
    status: r.status,
    publicInput: bytesToHex(publicInputFromWords(words)),
    publicInputWords: words,
    cycles: r.cycles,
    stats: machine.stats(),
    witness: machine.recordedWitness(),
    queries,
    stateRootBefore: bytesToHex(commitment.root),
    nextFreeSlotBefore: commitment.nextFreeSlot,
    ...(r.trap ? { trap: r.trap } : {}),
    oracle,
  };
}
