/**
 * A small, strict argv parser: long flags only (`--name value`, `--name=value`, boolean `--flag`).
 * Unknown flags are usage errors, so a typo never silently changes what runs.
 * @module
 */
import { UsageError } from "../errors";

export interface FlagSpec {
  /** Boolean flags take no value. */
  readonly boolean?: readonly string[];
  /** Flags that take one value. Repeats keep the last. */
  readonly string?: readonly string[];
}

export interface ParsedArgs {
  readonly positional: string[];
  readonly flags: Record<string, string | true>;
}

export function parseArgs(argv: readonly string[], spec: FlagSpec, command: string): ParsedArgs {
  const bools = new Set(spec.boolean ?? []);
  const strings = new Set(spec.string ?? []);
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
    if (bools.has(name)) {
      if (eq >= 0) throw new UsageError(`${command}: --${name} takes no value`);
      flags[name] = true;
    } else if (strings.has(name)) {
      let value: string | undefined;
      if (eq >= 0) value = a.slice(eq + 1);
      else value = argv[++i];
      if (value === undefined) throw new UsageError(`${command}: --${name} needs a value`);
      flags[name] = value;
    } else {
      throw new UsageError(`${command}: unknown option --${name} (see 'zkos ${command} --help')`);
    }
  }
  return { positional, flags };
}

/** Parses a non-negative integer flag (decimal or 0x hex); throws UsageError naming the flag. */
export function intFlag(flags: ParsedArgs["flags"], name: string, command: string): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  if (v === true || !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) {
    throw new UsageError(`${command}: --${name} must be a non-negative integer, got '${String(v)}'`);
  }
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${command}: --${name} is too large: ${v}`);
  return n;
}
