/**
 * `zkos evm run --code HEX [--input HEX] [--gas N] [--value N] [--json]`: runs one EVM frame on an
 * empty state, like geth's `evm run` (interfaces.md §2): the code sits at the "receiver" address
 * and is called by "sender" (geth's default addresses), which is funded with the value.
 * @module
 */
import { parseArgs } from "../args";
import { UsageError } from "../../errors";
import { hexToBytes, quantityToHex, bytesToHex } from "../../primitives/hex";
import { WorldState } from "../../state/world-state";
import { addressFromBytes } from "../../state/address";
import { Runner } from "../../bootloader/runner";
import { beginEthereumTransaction } from "../../bootloader/warm-up";
import { precompilesFor } from "../../hooks/precompiles/registry";
import { EXIT_CHECK_FAILED, EXIT_OK, type Command } from "../command";

const SENDER = addressFromBytes(asciiAddress("sender"));
const RECEIVER = addressFromBytes(asciiAddress("receiver"));
const COINBASE = "0x0000000000000000000000000000000000000000";
const DEFAULT_GAS = 10_000_000_000n;

function asciiAddress(s: string): Uint8Array {
  const out = new Uint8Array(20);
  for (let i = 0; i < s.length; i++) out[20 - s.length + i] = s.charCodeAt(i);
  return out;
}

function bigFlag(v: string | true | undefined, name: string, dflt: bigint): bigint {
  if (v === undefined) return dflt;
  if (v === true || !/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) {
    throw new UsageError(`evm run: --${name} must be a non-negative integer (decimal or 0x hex), got '${String(v)}'`);
  }
  return BigInt(v);
}

export const evm: Command = {
  name: "evm",
  summary: "run EVM bytecode in one frame on an empty state (like geth's evm run)",
  help: [
    "usage: zkos evm run --code HEX [--input HEX] [--gas N] [--value N] [--json]",
    "",
    "Runs HEX as the code of one account, called with the input and value, under Cancun rules.",
    "Prints the return data, the gas used and the status (success, revert, or the error).",
    "  --code HEX    the bytecode (0x optional)",
    "  --input HEX   calldata (default empty)",
    `  --gas N       gas given to the frame (default ${DEFAULT_GAS})`,
    "  --value N     wei sent with the call (default 0)",
    "  --json        one JSON document: {status, error, returnData, gasUsed, gasLeft}",
    "Exit status: 0 when the code succeeds, 1 when it reverts or halts with an error.",
  ].join("\n"),
  async run(argv, io) {
    const { positional, flags } = parseArgs(argv, { boolean: ["json"], string: ["code", "input", "gas", "value"] }, "evm");
    if (positional.length !== 1 || positional[0] !== "run") throw new UsageError("evm: expected 'zkos evm run --code HEX ...'");
    if (typeof flags.code !== "string") throw new UsageError("evm run: --code HEX is required");
    const fix = (h: string) => (h.startsWith("0x") || h.startsWith("0X") ? h : "0x" + h);
    const code = hexToBytes(fix(flags.code), "--code");
    const input = typeof flags.input === "string" ? hexToBytes(fix(flags.input), "--input") : new Uint8Array(0);
    const gas = bigFlag(flags.gas, "gas", DEFAULT_GAS);
    const value = bigFlag(flags.value, "value", 0n);

    const state = WorldState.fromAlloc({ [SENDER]: { balance: value }, [RECEIVER]: { code } });
    const precompiles = precompilesFor("ethereum");
    const runner = new Runner({
      state,
      precompiles,
      block: {
        coinbase: COINBASE, number: 1n, timestamp: 0n, gasLimit: gas, prevRandao: new Uint8Array(32), chainId: 1n,
        baseFee: 0n, blobBaseFee: 1n, blockHash: () => undefined,
      },
      tx: { origin: SENDER, gasPrice: 0n, blobHashes: [] },
    });
    beginEthereumTransaction(state, { origin: SENDER, target: RECEIVER, coinbase: COINBASE, precompiles });
    const r = runner.run({ caller: SENDER, to: RECEIVER, value, data: input, gas });
    const gasUsed = gas - r.gasLeft;
    const statusText = r.status === "error" ? `error (${r.error})` : r.status;
    if (flags.json === true) {
      io.out(JSON.stringify({
        status: r.status, error: r.error ?? null, returnData: bytesToHex(r.returnData),
        gasUsed: quantityToHex(gasUsed), gasLeft: quantityToHex(r.gasLeft),
      }) + "\n");
    } else {
      io.out(`returnData: ${bytesToHex(r.returnData)}\ngasUsed: ${gasUsed}\nstatus: ${statusText}\n`);
    }
    return r.status === "success" ? EXIT_OK : EXIT_CHECK_FAILED;
  },
};
