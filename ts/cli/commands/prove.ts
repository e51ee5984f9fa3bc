/**
 * `zkos prove --witness W.hex [--profile zksync-os|zksync-os-server] [--json]` (interfaces.md §2, §5):
 * the proving-mode run of one block from a witness alone (ts/bootloader/witness-run.ts); prints the
 * public input, or exits 1 naming the first answer or proof that does not hold.
 * @module
 */
import { parseArgs } from "../args";
import { UsageError, ZkosError } from "../../errors";
import { bytesToHex } from "../../primitives/hex";
import { parseProfileName, zkProfile } from "../../bootloader/profiles";
import { proveWitness } from "../../bootloader/witness-run";
import { publicInputWords } from "../../l1/public-input";
import { WitnessError } from "../../oracle/witness-oracle";
import { readWitnessFile } from "../../oracle/witness-file-io";
import { EXIT_CHECK_FAILED, EXIT_OK, type Command } from "../command";

export const prove: Command = {
  name: "prove",
  summary: "proving-mode run of one ZKsync OS block from a witness alone; prints the public input",
  help: [
    "usage: zkos prove --witness W.hex [--profile zksync-os|zksync-os-server] [--json]",
    "",
    "Runs the block the witness describes (interfaces.md section 5, e.g. from run-block --witness-out)",
    "with no state: every answer is read from the witness in order and verified (preimages re-hashed",
    "with Blake2s, every tree proof folded to the committed root, reads and writes verified and applied",
    "by the state tree's batch verifier), and the whole witness must be read.",
    "  --profile P   zksync-os (default: block public input) or zksync-os-server (batch public input)",
    "  --json        {valid, publicInput, publicInputWords, blockNumber, blockHash, stateRootBefore,",
    "                stateRootAfter, nextFreeSlotBefore, nextFreeSlotAfter, transactions, witnessWords};",
    "                when invalid: {valid: false, error, kind, queryIndex, queryId, wordOffset}",
    "Exit status: 0 when the witness proves, 1 naming the first inconsistency, 2 for bad usage or an",
    "unreadable witness file.",
  ].join("\n"),
  async run(argv, io) {
    const { positional, flags } = parseArgs(argv, { boolean: ["json"], string: ["witness", "profile"] }, "prove");
    if (positional.length !== 0) throw new UsageError(`prove: unexpected argument ${positional[0]}; the witness goes after --witness`);
    const path = flags.witness;
    if (typeof path !== "string") throw new UsageError("prove: --witness W.hex is required");
    const profileName = parseProfileName(typeof flags.profile === "string" ? flags.profile : "zksync-os", "--profile");
    const profile = zkProfile(profileName);
    if (profile === null) throw new UsageError(`prove: the ${profileName} profile has no proving mode`);
    const words = readWitnessFile(path);
    let result;
    try {
      result = proveWitness(words, profile);
    } catch (e) {
      if (!(e instanceof ZkosError)) throw e;
      const w = e instanceof WitnessError ? e : null;
      if (flags.json === true) {
        io.out(JSON.stringify({
          valid: false, error: e.message, kind: e.name,
          queryIndex: w?.queryIndex ?? null, queryId: w?.queryId ?? null, wordOffset: w?.wordOffset ?? null,
        }) + "\n");
      }
      io.err(`zkos prove: ${path}: invalid witness: ${e.message}\n`);
      return EXIT_CHECK_FAILED;
    }
    if (flags.json === true) {
      io.out(JSON.stringify({
        valid: true,
        publicInput: bytesToHex(result.publicInput),
        publicInputWords: publicInputWords(result.publicInput),
        blockNumber: Number(result.number),
        blockHash: bytesToHex(result.hash),
        stateRootBefore: bytesToHex(result.stateRootBefore),
        stateRootAfter: bytesToHex(result.stateRootAfter),
        nextFreeSlotBefore: result.nextFreeSlotBefore,
        nextFreeSlotAfter: result.nextFreeSlotAfter,
        transactions: result.transactions.length,
        witnessWords: words.length,
      }) + "\n");
    } else {
      io.out(`block ${result.number} hash ${bytesToHex(result.hash)}\n`);
      io.out(`  state root ${bytesToHex(result.stateRootBefore)} -> ${bytesToHex(result.stateRootAfter)}\n`);
      io.out(`  ${result.transactions.length} transactions, ${words.length} witness words verified\n`);
      io.out(`public input ${bytesToHex(result.publicInput)}\n`);
    }
    return EXIT_OK;
  },
};
