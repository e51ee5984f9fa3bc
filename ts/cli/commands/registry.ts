/**
 * The list of CLI commands, in the order `zkos --help` prints them. One file per command.
 * @module
 */
import type { Command } from "../command";
import { bench } from "./bench";
import { evm } from "./evm";
import { riscv } from "./riscv";
import { statetest } from "./statetest";
import { runBlock } from "./run-block";
import { prove } from "./prove";
import { demo } from "./demo";
import { replay } from "./replay";

export const COMMANDS: readonly Command[] = [demo, runBlock, prove, riscv, statetest, evm, replay, bench];
