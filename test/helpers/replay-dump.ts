// The mainnet block fixture, loaded once per test file, and the per-transaction execution data a
// runner would report, rebuilt from the dumps alone: the accounts and slots each prestate trace
// shows, with values from the pre-state evolved by the expected changes of earlier transactions.
import { loadBlockDump } from "../../ts/replay/block-dump-io";
import type { BlockDump } from "../../ts/replay/block-dump";
import { buildPreState, createdAddresses, type PreState, type PreStateAccount } from "../../ts/replay/prestate";
import { applyExpectedChanges, expectedOutcome, type ExpectedOutcome } from "../../ts/replay/expected";
import type { AccountSnapshot, SlotChange, TouchedAccount } from "../../ts/tracing/prestate-tracer";
import type { CallTracer, GethCallFrame } from "../../ts/tracing/call-tracer";
import { hexToBytes } from "../../ts/primitives/hex";

export const BLOCK_DIR = "../shared/fixtures/mainnet-blocks/22244135";
export const ZERO_SLOT = "0x" + "0".repeat(64);

let cached: BlockDump | undefined;

/** The fixture block (parsed and validated once per test file). */
export function fixture(): BlockDump {
  return (cached ??= loadBlockDump(BLOCK_DIR));
}

function snapshot(a: PreStateAccount | undefined): AccountSnapshot {
  return a === undefined ? { balance: 0n, nonce: 0n, code: new Uint8Array(0) } : { balance: a.balance, nonce: a.nonce, code: a.code };
}

function cloneState(pre: PreState): Map<string, PreStateAccount> {
  const out = new Map<string, PreStateAccount>();
  for (const [k, a] of pre.accounts) out.set(k, { ...a, storage: new Map(a.storage) });
  return out;
}

function selfDestructors(frame: GethCallFrame, out: Set<string>): Set<string> {
  if (frame.type === "SELFDESTRUCT") out.add(frame.from);
  for (const c of frame.calls ?? []) selfDestructors(c, out);
  return out;
}

/** Per transaction: the touched accounts (pre/post) and the expected outcome. */
export interface TxExecution {
  touched: TouchedAccount[];
  expected: ExpectedOutcome;
}

/**
 * Walks the block: for transaction k the touched set is what its prestate trace lists (plus what
 * it created), `pre` values come from the running state, `post` from the running state after the
 * transaction's expected changes. Throws when a listed slot has no known value.
 */
export function executions(dump: BlockDump, pre: PreState = buildPreState(dump)): TxExecution[] {
  const state = cloneState(pre);
  return dump.transactions.map((t) => {
    const expected = expectedOutcome(t);
    const created = new Set(createdAddresses(t.calls));
    const destructed = selfDestructors(t.calls, new Set());
    const addresses = new Set([...Object.keys(t.prestate), ...created]);
    const slots = new Map<string, Set<string>>();
    for (const a of addresses) {
      const keys = new Set([
        ...Object.keys(t.prestate[a]?.storage ?? {}),
        ...Object.keys(t.diff.pre[a]?.storage ?? {}),
        ...Object.keys(t.diff.post[a]?.storage ?? {}),
      ]);
      slots.set(a, keys);
    }
    const before = new Map<string, { snap: AccountSnapshot; slots: Map<string, string> }>();
    for (const a of addresses) {
      const acc = state.get(a);
      const values = new Map<string, string>();
      for (const k of slots.get(a)!) {
        const v = acc?.storage.get(k) ?? (acc === undefined || pre.createdInBlock.has(a) ? ZERO_SLOT : undefined);
        if (v === undefined) throw new Error(`tx ${t.index}: no known value of ${a} slot ${k}`);
        values.set(k, v);
      }
      before.set(a, { snap: snapshot(acc), slots: values });
    }
    applyExpectedChanges(state, expected, created);
    const touched: TouchedAccount[] = [...addresses].map((a) => {
      const acc = state.get(a);
      const storage = new Map<string, SlotChange>();
      for (const [k, v] of before.get(a)!.slots) storage.set(k, { pre: v, post: acc?.storage.get(k) ?? ZERO_SLOT });
      return { address: a, pre: before.get(a)!.snap, post: snapshot(acc), storage, created: created.has(a), selfDestructed: destructed.has(a) };
    });
    return { touched, expected };
  });
}

/** Replays a dumped call tree into a CallTracer as the runner's enter/exit events. */
export function replayCallEvents(tracer: CallTracer, frame: GethCallFrame): void {
  tracer.enter(frame.type, frame.from, frame.to ?? "0x" + "0".repeat(40), frame.value === undefined ? null : BigInt(frame.value), BigInt(frame.gas), hexToBytes(frame.input));
  for (const c of frame.calls ?? []) replayCallEvents(tracer, c);
  tracer.exit(BigInt(frame.gasUsed), frame.output === undefined ? new Uint8Array(0) : hexToBytes(frame.output), frame.error ?? null);
}
