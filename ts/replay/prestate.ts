/**
 * The state before a dumped block's first transaction, from the per-transaction prestate traces
 * (zksync-os-reference.md §9): the first value any trace shows for an account or a slot. Sound
 * because each trace lists everything its transaction read or wrote, at that transaction's start;
 * the one gap, accounts created in the block (dropped from traces), comes from the call traces.
 * @module
 */
import { hexToBytes } from "../primitives/hex";
import type { GethCallFrame } from "../tracing/call-tracer";
import type { BlockDump } from "./block-dump";

/** One account before the block. Storage holds every slot a trace showed, zeros included. */
export interface PreStateAccount {
  balance: bigint;
  nonce: bigint;
  code: Uint8Array;
  /** `0x` + 64 hex digits → `0x` + 64 hex digits. */
  storage: Map<string, string>;
}

/** The pre-state and where each part of it was first seen. */
export interface PreState {
  /** Every account a trace showed before the block touched it (possibly empty: balance 0 only). */
  accounts: Map<string, PreStateAccount>;
  /** Index of the transaction whose trace first showed each account. */
  accountSource: Map<string, number>;
  /** Index of the transaction whose trace first showed each slot, keyed `address:slot`. */
  slotSource: Map<string, number>;
  /** Accounts created in the block that no earlier trace showed: they did not exist before it. */
  createdInBlock: Map<string, number>;
}

/** An account in the shape WorldState.fromAlloc takes (geth `alloc` with plain values). */
export interface AllocValues {
  balance: bigint;
  nonce: bigint;
  code: Uint8Array;
  storage: Map<bigint, bigint>;
}

const ZERO_SLOT = "0x" + "0".repeat(64);

/** Addresses a call tree created: CREATE/CREATE2 frames that succeeded (a failed one has no `to`). */
export function createdAddresses(frame: GethCallFrame, out: string[] = []): string[] {
  if ((frame.type === "CREATE" || frame.type === "CREATE2") && frame.to !== undefined && frame.error === undefined) out.push(frame.to);
  for (const c of frame.calls ?? []) createdAddresses(c, out);
  return out;
}

/**
 * Builds the pre-state. A trace omits a zero nonce, empty code and (in default mode) never omits
 * the balance, so an account entry fixes all three fields at once; a slot is known only when
 * listed (an absent key says nothing). Later sightings are ignored: by then an earlier
 * transaction, whose own trace showed the same account or slot first, may have changed it.
 */
export function buildPreState(dump: BlockDump): PreState {
  const accounts = new Map<string, PreStateAccount>();
  const accountSource = new Map<string, number>();
  const slotSource = new Map<string, number>();
  const createdInBlock = new Map<string, number>();
  for (const t of dump.transactions) {
    for (const [address, a] of Object.entries(t.prestate)) {
      if (createdInBlock.has(address)) continue;
      let acc = accounts.get(address);
      if (acc === undefined) {
        acc = {
          balance: BigInt(a.balance ?? "0x0"),
          nonce: BigInt(a.nonce ?? 0),
          code: a.code === undefined ? new Uint8Array(0) : hexToBytes(a.code),
          storage: new Map(),
        };
        accounts.set(address, acc);
        accountSource.set(address, t.index);
      }
      for (const [slot, value] of Object.entries(a.storage ?? {})) {
        if (acc.storage.has(slot)) continue;
        acc.storage.set(slot, value);
        slotSource.set(`${address}:${slot}`, t.index);
      }
    }
    for (const address of createdAddresses(t.calls)) {
      if (!accounts.has(address) && !createdInBlock.has(address)) createdInBlock.set(address, t.index);
    }
  }
  return { accounts, accountSource, slotSource, createdInBlock };
}

/** True for an account with no balance, nonce, code or non-zero slot (EIP-161 empty: absent on mainnet). */
export function isEmptyPreAccount(a: PreStateAccount): boolean {
  if (a.balance !== 0n || a.nonce !== 0n || a.code.length !== 0) return false;
  for (const v of a.storage.values()) if (v !== ZERO_SLOT) return false;
  return true;
}

/**
 * The pre-state as WorldState.fromAlloc input: empty accounts and zero slots left out (they do
 * not exist in the state; a read of either yields zero).
 */
export function preStateAlloc(pre: PreState): Map<string, AllocValues> {
  const out = new Map<string, AllocValues>();
  for (const [address, a] of pre.accounts) {
    if (isEmptyPreAccount(a)) continue;
    const storage = new Map<bigint, bigint>();
    for (const [k, v] of a.storage) if (v !== ZERO_SLOT) storage.set(BigInt(k), BigInt(v));
    out.set(address, { balance: a.balance, nonce: a.nonce, code: a.code, storage });
  }
  return out;
}
