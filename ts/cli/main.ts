/**
 * The `zkos` command: dispatches to one command per file under ./commands and maps errors to the
 * exit codes of interfaces.md §1. Library errors never escape as stack traces for user mistakes.
 * @module
 */
import { ZkosError, UsageError, InputError } from "../errors";
import { COMMANDS } from "./commands/registry";
import { EXIT_USAGE, type CliIO } from "./command";

const VERSION = "0.1.0";

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "zkos: ZKsync OS in TypeScript and WebAssembly",
    "",
    "usage: zkos <command> [options]",
    "",
    "commands:",
    ...lines,
    "",
    "Every command accepts --json (exactly one JSON document on stdout) and --help.",
    "Exit status: 0 success, 1 the check failed, 2 bad usage or unreadable input.",
  ].join("\n");
}

export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(usage() + "\n");
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === "--version" || name === "-v") {
    io.out(VERSION + "\n");
    return 0;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (cmd === undefined) {
    io.err(`zkos: unknown command '${name}' (see 'zkos --help')\n`);
    return EXIT_USAGE;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(cmd.help.trimEnd() + "\n");
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof InputError) {
      io.err(`zkos ${name}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof ZkosError) {
      io.err(`zkos ${name}: ${e.name}: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
