/**
 * `zkos demo [--json]` (issue 5; the README's main-job command): builds the demo block on the embedded
 * in-memory state, runs it forward, proves it from its own witness and prints what happened, the
 * public inputs and the timings (ts/demo/).
 * @module
 */
import { parseArgs } from "../args";
import { UsageError } from "../../errors";
import { runDemo } from "../../demo/run-demo";
import { demoJson, demoText } from "../../demo/report";
import { EXIT_CHECK_FAILED, EXIT_OK, type Command } from "../command";

export const demo: Command = {
  name: "demo",
  summary: "run a demo block forward, prove it from its witness, and compare the public inputs",
  help: [
    "usage: zkos demo [--json]",
    "",
    "Builds one ZKsync OS block on an in-memory state (well-known test keys, so the output is stable):",
    "ETH transfers (types 0 and 2), ERC-20 transfers (types 1 and 2, one reverting), a contract",
    "deployment, an L1->L2 deposit and a withdrawal to L1 through 0x800a. Runs it forward, runs it again",
    "recording the witness (interfaces.md section 5), proves the block from that witness alone, and",
    "prints per transaction its type, status, gas used and what it did, the forward and proved public",
    "inputs, and the timings (forward tx/s, proving time against forward time). Progress goes to stderr.",
    "  --json   one JSON document: {equal, blockNumber, blockHash, stateRootBefore, stateRootAfter,",
    "           transactions: [{type, what, hash, status, expected, gasUsed, error, contractAddress,",
    "           events, l2ToL1Logs, messages}], forwardPublicInput, provedPublicInput, proveError,",
    "           witnessWords, timings}",
    "Exit status: 0 when the proved public input equals the forward one, 1 otherwise, 2 for bad usage.",
  ].join("\n"),
  async run(argv, io) {
    const { positional, flags } = parseArgs(argv, { boolean: ["json"] }, "demo");
    if (positional.length !== 0) throw new UsageError(`demo: unexpected argument ${positional[0]}`);
    const r = runDemo((line) => io.err(line + "\n"));
    io.out(flags.json === true ? JSON.stringify(demoJson(r)) + "\n" : demoText(r));
    if (!r.equal) {
      io.err(`zkos demo: the proved public input does not equal the forward one${r.proveError !== null ? `: ${r.proveError}` : ""}\n`);
      return EXIT_CHECK_FAILED;
    }
    return EXIT_OK;
  },
};
