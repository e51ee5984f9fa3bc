/**
 * `zkos statetest PATH... [--fork Cancun] [--run REGEX] [--json]`: runs Ethereum GeneralStateTests
 * files (or folders of them) under the `ethereum` profile, like geth's `evm statetest`
 * (interfaces.md §2). Plain output lists the failing vectors and ends with `N passed, M failed`.
 * @module
 */
import { parseArgs } from "../args";
import { UsageError } from "../../errors";
import { listStateTestFiles, loadStateTestFile } from "../../ethereum/state-test";
import { runStateTestVector, type StateTestResult } from "../../ethereum/run-state-test";
import { EXIT_CHECK_FAILED, EXIT_OK, type Command } from "../command";

/** Forks whose rules the `ethereum` profile implements. */
const FORKS = ["Cancun"];
/** Seconds between progress lines on stderr. */
const PROGRESS_EVERY_S = 10;

export const statetest: Command = {
  name: "statetest",
  summary: "run Ethereum GeneralStateTests files under the ethereum profile (like geth's evm statetest)",
  help: [
    "usage: zkos statetest PATH... [--fork Cancun] [--run REGEX] [--json]",
    "",
    "Runs every vector of the state-test files named (folders are searched recursively for .json).",
    "A vector passes when the post-state root and the logs hash equal the file's post.<fork>[i], or,",
    "when it expects an exception, when the transaction is rejected.",
    "  --fork NAME   the post section to run (default Cancun; only Cancun is implemented)",
    "  --run REGEX   only the tests whose name matches REGEX",
    "  --json        one JSON document: {passed, failed, skipped, results: [{file, name, fork, index, pass, error}]}",
    "Plain output: one line per failing vector, then 'N passed, M failed'. Progress goes to stderr.",
    "Exit status: 0 when every vector passes, 1 when one fails, 2 for bad usage or an unreadable file.",
  ].join("\n"),
  async run(argv, io) {
    const { positional, flags } = parseArgs(argv, { boolean: ["json"], string: ["fork", "run"] }, "statetest");
    if (positional.length === 0) throw new UsageError("statetest: expected at least one PATH (file or folder)");
    const fork = typeof flags.fork === "string" ? flags.fork : "Cancun";
    if (!FORKS.includes(fork)) throw new UsageError(`statetest: --fork ${fork} is not supported (supported: ${FORKS.join(", ")})`);
    let filter: RegExp | undefined;
    if (typeof flags.run === "string") {
      try {
        filter = new RegExp(flags.run);
      } catch (e) {
        throw new UsageError(`statetest: --run is not a valid regular expression: ${(e as Error).message}`);
      }
    }
    const files = listStateTestFiles(positional);
    const results: StateTestResult[] = [];
    let passed = 0;
    let failed = 0;
    const started = Date.now();
    let lastReport = started;
    files.forEach((file, i) => {
      for (const v of loadStateTestFile(file, fork)) {
        if (filter !== undefined && !filter.test(v.name)) continue;
        const r = runStateTestVector(v).result;
        results.push(r);
        if (r.pass) passed++;
        else {
          failed++;
          if (flags.json !== true) io.out(`FAIL ${r.file} ${r.name} [data ${r.index.data}, gas ${r.index.gas}, value ${r.index.value}]: ${r.error}\n`);
        }
      }
      const now = Date.now();
      if (now - lastReport >= PROGRESS_EVERY_S * 1000) {
        lastReport = now;
        io.err(`statetest: ${i + 1}/${files.length} files, ${passed} passed, ${failed} failed, ${Math.round((now - started) / 1000)} s\n`);
      }
    });
    if (files.length > 1) io.err(`statetest: ${files.length} files, ${results.length} vectors in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    if (flags.json === true) io.out(JSON.stringify({ passed, failed, skipped: 0, results }) + "\n");
    else io.out(`${passed} passed, ${failed} failed\n`);
    return failed === 0 ? EXIT_OK : EXIT_CHECK_FAILED;
  },
};
