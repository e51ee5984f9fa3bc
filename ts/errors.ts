/**
 * Typed errors of the package. Every error a user can cause says what was wrong and where.
 * The CLI maps them to exit codes (interfaces.md §1): UsageError and InputError → 2.
 * @module
 */

/** Base class of every error zkos throws on purpose. */
export class ZkosError extends Error {
  override name = "ZkosError";
}

/** The command line was wrong (unknown command, missing or malformed flag). CLI exit 2. */
export class UsageError extends ZkosError {
  override name = "UsageError";
}

/** An input could not be read or parsed (file missing, bad JSON, bad hex). CLI exit 2. */
export class InputError extends ZkosError {
  override name = "InputError";
  /** Where the problem is: a file path, a JSON path, a byte offset. */
  readonly where: string;
  constructor(where: string, message: string) {
    super(`${where}: ${message}`);
    this.where = where;
  }
}

/** An argument to a library function was out of its domain (wrong length, wrong type). */
export class ArgumentError extends ZkosError {
  override name = "ArgumentError";
}

/** What was asked needs something this call was not given or this build lacks (e.g. the state before a later block of a fixture, which only a forward run computes). CLI exit 2. */
export class UnavailableError extends ZkosError {
  override name = "UnavailableError";
}
