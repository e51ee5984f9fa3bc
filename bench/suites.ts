/**
 * The benchmark suites `zkos bench` knows, by name. Each suite measures zkos and its peers in the
 * same run and reports ratios; suites live one per file in bench/.
 * @module
 */
import type { CliIO } from "../ts/cli/command";
import { hashSuite } from "./hash.bench";
import { riscvSuite } from "./riscv.bench";
import { merkleSuite } from "./merkle.bench";
import { evmSuite } from "./evm.bench";
import { ecrecoverSuite } from "./secp256k1.bench";
import { boundarySuite } from "./boundary.bench";
import { blockSuite } from "./block.bench";
import { u256Suite } from "./u256.bench";
import { replaySuite } from "./replay.bench";

export interface BenchOptions {
  /** Emit one JSON document instead of tables. */
  readonly json: boolean;
  /** Shorter runs (fewer iterations) for smoke checks. */
  readonly quick: boolean;
  readonly io: CliIO;
}

export interface BenchSuite {
  readonly name: string;
  readonly summary: string;
  /** Runs the suite and returns its JSON-able report. Progress goes to io.err. */
  run(opts: BenchOptions): Promise<unknown>;
}

export const SUITES: readonly BenchSuite[] = [hashSuite, riscvSuite, merkleSuite, evmSuite, ecrecoverSuite, boundarySuite, blockSuite, u256Suite, replaySuite];
