/**
 * Undo records of the world state's journal. Every change that a reverted call frame must undo
 * (EIP-2929 access sets, refunds, logs and the EIP-161 touched set included) pushes one record;
 * reverting to a snapshot pops and undoes records back to the snapshot's length.
 * @module
 */
import type { Account } from "./account";
import type { Address } from "./address";
import type { Word } from "./word";

export const enum JournalKind {
  /** The account did not exist; undo deletes it. */
  AccountCreated,
  Balance,
  Nonce,
  Code,
  /** `prev` undefined means the slot was zero (absent). */
  Storage,
  Transient,
  WarmAddress,
  WarmSlot,
  Touched,
  Created,
  Selfdestructed,
  Log,
  Refund,
}

export type JournalEntry =
  | { kind: JournalKind.AccountCreated; address: Address }
  | { kind: JournalKind.Balance; account: Account; prev: bigint }
  | { kind: JournalKind.Nonce; account: Account; prev: bigint }
  | { kind: JournalKind.Code; account: Account; prev: Uint8Array }
  | { kind: JournalKind.Storage; account: Account; key: Word; prev: Word | undefined }
  | { kind: JournalKind.Transient; key: string; prev: Word | undefined }
  | { kind: JournalKind.WarmAddress; address: Address }
  | { kind: JournalKind.WarmSlot; address: Address; key: Word }
  | { kind: JournalKind.Touched; address: Address }
  | { kind: JournalKind.Created; address: Address }
  | { kind: JournalKind.Selfdestructed; address: Address }
  | { kind: JournalKind.Log }
  | { kind: JournalKind.Refund; prev: number };
