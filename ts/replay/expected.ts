/**
 * What each dumped transaction must produce (zksync-os-reference.md §9): status, gas used and logs
 * from its receipt, and the state changes from its diff trace read with geth v1.15.8 diffMode
 * semantics (`post` lists only changed fields; a slot in `pre` but not `post` became zero; an
 * account in `pre` only executed SELFDESTRUCT; an account in `post` only did not exist before).
 * @module
 */
import { hexToBytes } from "../primitives/hex";
import type { GethPrestateAccount } from "../tracing/prestate-tracer";
import type { BlockDump, DumpLog, DumpTransaction } from "./block-dump";
import type { PreStateAccount } from "./prestate";

/** One account's change in one transaction. Absent fields did not change. */
export interface ExpectedAccountChange {
  address: string;
  balance?: bigint;
  nonce?: bigint;
  code?: Uint8Array;
  /** Changed slots → new value (`0x` + 64 hex digits; zero for a cleared slot). */
  storage: Map<string, string>;
  /**
   * In `pre` only: the account executed SELFDESTRUCT. geth v1.15.8 flags it whether or not EIP-6780
   * deleted it (only accounts created in the same transaction are deleted; others just lose their
   * balance), and reports none of its other changes.
   */
  selfDestructed: boolean;
  /** Its values before the transaction, as the diff's `pre` shows them; null when it did not exist. */
  pre: PreStateAccount | null;
}

/** One transaction's expected outcome. */
export interface ExpectedOutcome {
  index: number;
  hash: string;
  success: boolean;
  gasUsed: bigint;
  logs: DumpLog[];
  contractAddress: string | null;
  /** Every account the transaction changed (the coinbase included), by address. */
  changes: Map<string, ExpectedAccountChange>;
}

const ZERO_SLOT = "0x" + "0".repeat(64);

function preAccount(a: GethPrestateAccount): PreStateAccount {
  return {
    balance: BigInt(a.balance ?? "0x0"),
    nonce: BigInt(a.nonce ?? 0),
    code: a.code === undefined ? new Uint8Array(0) : hexToBytes(a.code),
    storage: new Map(Object.entries(a.storage ?? {})),
  };
}

/** The expected outcome of one dumped transaction. */
export function expectedOutcome(t: DumpTransaction): ExpectedOutcome {
  const changes = new Map<string, ExpectedAccountChange>();
  const { pre, post } = t.diff;
  for (const [address, p] of Object.entries(pre)) {
    if (post[address] !== undefined) continue;
    changes.set(address, { address, storage: new Map(), selfDestructed: true, pre: preAccount(p) });
  }
  for (const [address, p] of Object.entries(post)) {
    const before = pre[address];
    const change: ExpectedAccountChange = { address, storage: new Map(), selfDestructed: false, pre: before === undefined ? null : preAccount(before) };
    if (p.balance !== undefined) change.balance = BigInt(p.balance);
    if (p.nonce !== undefined) change.nonce = BigInt(p.nonce);
    if (p.code !== undefined) change.code = hexToBytes(p.code);
    for (const slot of Object.keys(before?.storage ?? {})) change.storage.set(slot, ZERO_SLOT);
    for (const [slot, value] of Object.entries(p.storage ?? {})) change.storage.set(slot, value);
    changes.set(address, change);
  }
  return {
    index: t.index,
    hash: t.hash,
    success: t.receipt.success,
    gasUsed: t.receipt.gasUsed,
    logs: t.receipt.logs,
    contractAddress: t.receipt.contractAddress,
    changes,
  };
}

/** The expected outcome of every transaction, in block order. */
export function expectedOutcomes(dump: BlockDump): ExpectedOutcome[] {
  return dump.transactions.map(expectedOutcome);
}

/**
 * Applies one transaction's expected changes to a state (address → account, modified in place),
 * giving the state the next transaction starts from. A self-destructed account is removed when it
 * was created in the transaction (EIP-6780, `createdInTx`), otherwise its balance goes to zero.
 */
export function applyExpectedChanges(state: Map<string, PreStateAccount>, outcome: ExpectedOutcome, createdInTx: ReadonlySet<string> = new Set()): void {
  for (const c of outcome.changes.values()) {
    if (c.selfDestructed) {
      if (createdInTx.has(c.address)) state.delete(c.address);
      else {
        const acc = state.get(c.address);
        if (acc !== undefined) acc.balance = 0n;
      }
      continue;
    }
    let acc = state.get(c.address);
    if (acc === undefined) {
      acc = { balance: 0n, nonce: 0n, code: new Uint8Array(0), storage: new Map() };
      state.set(c.address, acc);
    }
    if (c.balance !== undefined) acc.balance = c.balance;
    if (c.nonce !== undefined) acc.nonce = c.nonce;
    if (c.code !== undefined) acc.code = c.code;
    for (const [slot, value] of c.storage) acc.storage.set(slot, value);
  }
}
