/**
 * `zkos bench [SUITE...] [--json] [--quick]`: runs benchmark suites (bench/) with their peers
 * measured in the same run and prints the ratios.
 * @module
 */
import { SUITES } from "../../../bench/suites";
import { parseArgs } from "../args";
import { UsageError } from "../../errors";
import type { Command } from "../command";

export const bench: Command = {
  name: "bench",
  summary: "run benchmark suites against peer libraries, with ratios",
  get help() {
    return [
      "usage: zkos bench [SUITE...] [--json] [--quick]",
      "",
      "Runs the named suites (all when none is named), measuring zkos and its peers in the same run.",
      "  --json    print one JSON document with every figure",
      "  --quick   fewer iterations (a smoke run; figures are noisier)",
      "",
      "suites:",
      ...SUITES.map((s) => `  ${s.name.padEnd(8)} ${s.summary}`),
    ].join("\n");
  },
  async run(argv, io) {
    const { positional, flags } = parseArgs(argv, { boolean: ["json", "quick"] }, "bench");
    const chosen = positional.length === 0 ? SUITES : positional.map((n) => {
      const s = SUITES.find((x) => x.name === n);
      if (s === undefined) {
        throw new UsageError(`unknown suite '${n}' (known: ${SUITES.map((x) => x.name).join(", ")})`);
      }
      return s;
    });
    const json = flags.json === true;
    const reports: Record<string, unknown> = {};
    for (const s of chosen) {
      reports[s.name] = await s.run({ json, quick: flags.quick === true, io });
    }
    if (json) io.out(JSON.stringify({ node: process.version, arch: process.arch, suites: reports }, null, 2) + "\n");
    return 0;
  },
};
