/**
 * Transient storage (EIP-1153; storage_models generic_transient_storage.rs at 0a82da0): a HistoryMap
 * of (address, key) → value that frames revert and every transaction starts empty. Costs are charged
 * by the IO subsystem.
 * @module
 */
import { HistoryMap } from "./history-map";
import type { Address } from "../state/address";
import { ZERO_WORD, type Word } from "../state/word";

export class TransientStorage {
  private cache = new HistoryMap<string, Word>();

  /** Drops everything (a new HistoryMap, so earlier snapshot ids are void). */
  beginNewTx(): void {
    this.cache = new HistoryMap<string, Word>();
  }

  startFrame(): number {
    return this.cache.snapshot();
  }

  finishFrame(rollbackTo: number | null): void {
    if (rollbackTo !== null) this.cache.rollback(rollbackTo);
  }

  /** TLOAD: zero for a key never written in this transaction. */
  read(address: Address, key: Word): Word {
    const e = this.cache.get(address + key);
    return e === undefined ? ZERO_WORD : e.current;
  }

  /** TSTORE. */
  write(address: Address, key: Word, value: Word): void {
    const e = this.cache.getOrInsert(address + key, () => ZERO_WORD);
    this.cache.update(e, value);
  }
}
