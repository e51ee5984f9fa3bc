/**
 * What a CLI command is: a name, a one-line summary, its help text and a run function that
 * returns the exit code (interfaces.md §1: 0 success, 1 check failed, 2 bad usage or input).
 * @module
 */

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIO {
  /** Standard output: with --json it receives exactly one JSON document. */
  out(text: string): void;
  /** Standard error: progress, logs, reasons. */
  err(text: string): void;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  run(argv: readonly string[], io: CliIO): Promise<number>;
}
