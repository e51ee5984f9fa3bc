/**
 * Events and L2→L1 logs of a block, with frame rollback (zk_ee common_structs/events_storage.rs and
 * logs_storage.rs at 0a82da0; zksync-os-reference.md §4.2, §4.6). Each entry carries the number of
 * the transaction that made it. A frame snapshot is the list length; rollback truncates.
 * @module
 */
import type { Address } from "../state/address";
import { L2_TO_L1_LOG_SERIALIZE_SIZE, type L2ToL1LogWithMessage } from "../l1/l2-to-l1-logs";

/** An EVM log kept for the block result. */
export interface EmittedEvent {
  readonly txNumber: number;
  readonly address: Address;
  /** 0–4 topics of 32 bytes. */
  readonly topics: readonly Uint8Array[];
  readonly data: Uint8Array;
}

/** Bytes of one packed log. */
const LOG_BYTES = L2_TO_L1_LOG_SERIALIZE_SIZE;
/** A message publishes its length (4 bytes), its data and its log. */
const MESSAGE_LENGTH_PREFIX_BYTES = 4;

/** `EventsStorage`. */
export class EventsStorage {
  private readonly list: EmittedEvent[] = [];

  startFrame(): number {
    return this.list.length;
  }

  finishFrame(rollbackTo: number | null): void {
    if (rollbackTo !== null) this.list.length = rollbackTo;
  }

  push(event: EmittedEvent): void {
    this.list.push(event);
  }

  /** All events of the block so far, in order. */
  events(): readonly EmittedEvent[] {
    return this.list;
  }
}

/**
 * `LogsStorage`. Each entry also records the pubdata of all logs up to it, so the running
 * transaction's share is the top minus the value at transaction start (a rollback restores both).
 */
export class LogsStorage {
  private readonly list: L2ToL1LogWithMessage[] = [];
  private readonly cumulativePubdata: number[] = [];
  private pubdataAtTxStart = 0;

  beginNewTx(): void {
    this.pubdataAtTxStart = this.totalPubdata();
  }

  startFrame(): number {
    return this.list.length;
  }

  finishFrame(rollbackTo: number | null): void {
    if (rollbackTo === null) return;
    this.list.length = rollbackTo;
    this.cumulativePubdata.length = rollbackTo;
  }

  /**
   * Appends a log built by ts/l1/l2-to-l1-logs.ts (`userMessageLog` or `l1TxResultLog`): a user
   * message publishes 4 + len + 88 bytes, an L1-transaction log 88.
   */
  push(log: L2ToL1LogWithMessage): void {
    const m = log.message;
    this.cumulativePubdata.push(this.totalPubdata() + (m === null ? LOG_BYTES : MESSAGE_LENGTH_PREFIX_BYTES + m.length + LOG_BYTES));
    this.list.push(log);
  }

  /** Pubdata of the logs the running transaction added (`calculate_pubdata_used_by_tx`). */
  pubdataUsedByTx(): number {
    return this.totalPubdata() - this.pubdataAtTxStart;
  }

  /** All logs of the block so far, in order. */
  logs(): readonly L2ToL1LogWithMessage[] {
    return this.list;
  }

  private totalPubdata(): number {
    const n = this.cumulativePubdata.length;
    return n === 0 ? 0 : this.cumulativePubdata[n - 1]!;
  }
}
