// Runs EVM code as the target of one transaction-level message on a fresh `ethereum`-profile
// state, with the warm set of a Cancun transaction (sender, target, precompiles, coinbase).
import { WorldState, type AllocAccount } from "../../ts/state/world-state";
import type { Address } from "../../ts/state/address";
import { Runner, type MessageResult } from "../../ts/bootloader/runner";
import { beginEthereumTransaction, type AccessListItem } from "../../ts/bootloader/warm-up";
import { precompilesFor } from "../../ts/hooks/precompiles/registry";
import type { BlockContext, TxContext } from "../../ts/ee/evm/context";
import { bytes } from "./bytecode";

export const SENDER: Address = "0x000000000000000000000000000000000000a11c";
export const CONTRACT: Address = "0x000000000000000000000000000000000000c0de";
export const OTHER: Address = "0x000000000000000000000000000000000000b0b0";
export const COINBASE: Address = "0x000000000000000000000000000000000000cb00";

export const BLOCK: BlockContext = {
  coinbase: COINBASE,
  number: 1000n,
  timestamp: 1_700_000_000n,
  gasLimit: 30_000_000n,
  prevRandao: bytes("00".repeat(31) + "42"),
  chainId: 1n,
  baseFee: 7n,
  blobBaseFee: 1n,
  blockHash: (n) => bytes(n.toString(16).padStart(64, "0")),
};

export interface RunOptions {
  /** Code of CONTRACT (hex, no 0x). */
  code: string;
  input?: string;
  gas?: bigint;
  value?: bigint;
  /** Extra accounts (the sender is funded with 10^18 wei unless given). */
  accounts?: Record<Address, AllocAccount>;
  tx?: Partial<TxContext>;
  /** Re-use a state (and run a second transaction on it). */
  state?: WorldState;
  isStatic?: boolean;
  /** EIP-2930 access list warmed at the start of the transaction. */
  accessList?: AccessListItem[];
}

export interface RunResult extends MessageResult {
  gasUsed: bigint;
  returnHex: string;
  state: WorldState;
}

export function runCode(o: RunOptions): RunResult {
  const state = o.state ?? WorldState.fromAlloc({
    [SENDER]: { balance: 10n ** 18n },
    [CONTRACT]: { code: bytes(o.code) },
    ...o.accounts,
  });
  const precompiles = precompilesFor("ethereum");
  const tx: TxContext = { origin: SENDER, gasPrice: 10n, blobHashes: [], ...o.tx };
  const runner = new Runner({ state, precompiles, block: BLOCK, tx });
  beginEthereumTransaction(state, { origin: SENDER, target: CONTRACT, coinbase: COINBASE, precompiles, accessList: o.accessList });
  const gas = o.gas ?? 1_000_000n;
  const r = runner.run({
    caller: SENDER, to: CONTRACT, value: o.value ?? 0n, data: bytes(o.input ?? ""), gas, isStatic: o.isStatic,
  });
  let hex = "";
  for (const b of r.returnData) hex += b.toString(16).padStart(2, "0");
  return { ...r, gasUsed: gas - r.gasLeft, returnHex: hex, state };
}

/** The 32-byte hex word of a value (for comparing return data). */
export function word(v: bigint | number): string {
  return (BigInt.asUintN(256, BigInt(v))).toString(16).padStart(64, "0");
}
