/**
 * Runs one GeneralStateTests vector (ts/ethereum/state-test.ts) under the `ethereum` profile and
 * judges it as interfaces.md §2 says: the post-state root (mpt.ts) and the logs hash must equal the
 * file's `post.<fork>[i]`, or, for a vector with `expectException`, the transaction must be rejected
 * (the state is then not compared, as geth's `evm statetest` does).
 * @module
 */
import type { BlockContext } from "../ee/evm/context";
import { keccak256 } from "../crypto/keccak";
import { precompilesFor } from "../hooks/precompiles/registry";
import { bytesToHex } from "../primitives/hex";
import { addressFromBytes, addressToBytes } from "../state/address";
import { wordToBytes } from "../state/word";
import { WorldState, type AllocAccount } from "../state/world-state";
import { logsHash } from "./logs-hash";
import { stateRoot, storageRoot, type TrieAccount } from "./mpt";
import { processTransaction, type TransactionOutcome } from "./process-transaction";
import type { StateTestEnv, StateTestVector } from "./state-test";

/** One vector's verdict, in the `results[]` shape of `zkos statetest --json` (interfaces.md §2). */
export interface StateTestResult {
  file: string;
  name: string;
  fork: string;
  index: { data: number; gas: number; value: number };
  pass: boolean;
  /** Why the vector failed (absent when it passed). */
  error?: string;
}

/** A verdict with what the run produced, for tests and diagnostics. */
export interface StateTestRun {
  result: StateTestResult;
  outcome: TransactionOutcome | undefined;
  /** 0x hex; absent when the transaction was rejected. */
  stateRoot?: string;
  logsHash?: string;
}

const TEXT = new TextEncoder();

/**
 * BLOCKHASH in the state tests: keccak256 of the block number's decimal digits, as geth's state-test
 * runner (tests/state_test_util.go `vmTestBlockHash`) and retesteth define it.
 */
export function stateTestBlockHash(n: bigint): Uint8Array {
  return keccak256(TEXT.encode(n.toString(10)));
}

/** The block context of a test's `env`. */
export function blockContextOf(env: StateTestEnv): BlockContext {
  return {
    coinbase: addressFromBytes(env.coinbase),
    number: env.number,
    timestamp: env.timestamp,
    gasLimit: env.gasLimit,
    prevRandao: env.prevRandao,
    chainId: env.chainId,
    baseFee: env.baseFee,
    blobBaseFee: env.blobBaseFee,
    blockHash: stateTestBlockHash,
  };
}

/** A fresh world state holding a test's `pre` accounts (code arrays are shared, never mutated). */
export function worldStateOf(pre: StateTestVector["pre"]): WorldState {
  const alloc = new Map<string, AllocAccount>();
  for (const [address, a] of pre) alloc.set(address, { nonce: a.nonce, balance: a.balance, code: a.code, storage: a.storage });
  return WorldState.fromAlloc(alloc);
}

/** The Ethereum state root of every account in `state`. */
export function worldStateRoot(state: WorldState): Uint8Array {
  const accounts: [Uint8Array, TrieAccount][] = [];
  for (const [address, acc] of state.entries()) {
    const slots: [Uint8Array, Uint8Array][] = [];
    for (const [k, v] of acc.storage) slots.push([wordToBytes(k), wordToBytes(v)]);
    accounts.push([addressToBytes(address), {
      nonce: acc.nonce, balance: acc.balance, storageRoot: storageRoot(slots), codeHash: acc.codeHash,
    }]);
  }
  return stateRoot(accounts);
}

/** Runs one vector and judges it. Never throws for a failing vector; a crash becomes its `error`. */
export function runStateTestVector(v: StateTestVector): StateTestRun {
  const result: StateTestResult = { file: v.file, name: v.name, fork: v.fork, index: { ...v.indexes }, pass: false };
  const state = worldStateOf(v.pre);
  let outcome: TransactionOutcome;
  try {
    outcome = processTransaction(state, blockContextOf(v.env), v.transaction, { precompiles: precompilesFor("ethereum") });
  } catch (e) {
    result.error = `crashed: ${(e as Error).stack ?? String(e)}`;
    return { result, outcome: undefined };
  }
  if (outcome.kind === "rejected") {
    if (v.expectException !== null) result.pass = true;
    else result.error = `transaction rejected (${outcome.exception}: ${outcome.message}), expected it to run`;
    return { result, outcome };
  }
  const root = bytesToHex(worldStateRoot(state));
  const logs = bytesToHex(logsHash(outcome.logs.map((l) => ({ address: addressToBytes(l.address), topics: l.topics, data: l.data }))));
  const run: StateTestRun = { result, outcome, stateRoot: root, logsHash: logs };
  if (v.expectException !== null) {
    result.error = `transaction ran (${outcome.status}, gas used ${outcome.gasUsed}), expected ${v.expectException}`;
    return run;
  }
  const wrong: string[] = [];
  if (root !== bytesToHex(v.expectedStateRoot)) wrong.push(`state root ${root}, expected ${bytesToHex(v.expectedStateRoot)}`);
  if (logs !== bytesToHex(v.expectedLogsHash)) wrong.push(`logs hash ${logs}, expected ${bytesToHex(v.expectedLogsHash)}`);
  if (wrong.length === 0) result.pass = true;
  else {
    const how = outcome.status === "error" ? `error ${outcome.error}` : outcome.status;
    result.error = `${wrong.join("; ")} (${how}, gas used ${outcome.gasUsed})`;
  }
  return run;
}
