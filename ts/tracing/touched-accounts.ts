/**
 * Collects the accounts and slots one transaction touched, with their values at its start and end:
 * the input of the prestate tracer (both modes) and the state diff `zkos replay` compares. Values
 * are read from the state at the first touch, which geth's prestate tracer also does (every touch
 * comes before the operation that changes the account or slot), and again at the transaction's end.
 * @module
 */
import type { Address } from "../state/address";
import { wordToHex, type Word } from "../state/word";
import type { AccountSnapshot, SlotChange, TouchedAccount } from "./prestate-tracer";

/** What the collector reads; WorldState has it. */
export interface TraceStateReader {
  balance(a: Address): bigint;
  nonce(a: Address): bigint;
  code(a: Address): Uint8Array;
  storage(a: Address, slot: Word): Word;
}

interface Entry {
  pre: AccountSnapshot;
  post: AccountSnapshot | null;
  slots: Map<string, { slot: Word; change: SlotChange }>;
  created: boolean;
  selfDestructed: boolean;
}

/** Records touches in first-touch order; `finish` reads the end values. */
export class TouchedAccountCollector {
  private readonly state: TraceStateReader;
  private readonly entries = new Map<Address, Entry>();

  constructor(state: TraceStateReader) {
    this.state = state;
  }

  private snapshot(a: Address): AccountSnapshot {
    const s = this.state;
    return { balance: s.balance(a), nonce: s.nonce(a), code: s.code(a) };
  }

  private entry(a: Address): Entry {
    let e = this.entries.get(a);
    if (e === undefined) {
      e = { pre: this.snapshot(a), post: null, slots: new Map(), created: false, selfDestructed: false };
      this.entries.set(a, e);
    }
    return e;
  }

  touchAccount(a: Address): void {
    this.entry(a);
  }

  touchSlot(a: Address, slot: Word): void {
    const e = this.entry(a);
    const key = wordToHex(slot);
    if (!e.slots.has(key)) {
      const pre = wordToHex(this.state.storage(a, slot));
      e.slots.set(key, { slot, change: { pre, post: pre } });
    }
  }

  markCreated(a: Address): void {
    this.entry(a).created = true;
  }

  markSelfDestructed(a: Address): void {
    this.entry(a).selfDestructed = true;
  }

  /** Reads every touched account's and slot's value at the transaction's end. */
  finish(): void {
    for (const [a, e] of this.entries) {
      e.post = this.snapshot(a);
      for (const s of e.slots.values()) s.change.post = wordToHex(this.state.storage(a, s.slot));
    }
  }

  /** The touched accounts (after `finish`), in first-touch order. */
  accounts(): TouchedAccount[] {
    const out: TouchedAccount[] = [];
    for (const [address, e] of this.entries) {
      const storage = new Map<string, SlotChange>();
      for (const [k, s] of e.slots) storage.set(k, s.change);
      out.push({ address, pre: e.pre, post: e.post ?? e.pre, storage, created: e.created, selfDestructed: e.selfDestructed });
    }
    return out;
  }
}
