/**
 * The HistoryMap of zk_ee (common_structs/history_map at 0a82da0): key → history of values tagged
 * with snapshot ids. snapshot() opens a revertible point, rollback(id) drops every record made after
 * it, commit() freezes everything so far (a transaction boundary) and keeps only initial + current.
 * The initial value of a key (its record 0) survives every rollback: a key, once inserted, stays.
 * @module
 */
import { InternalBlockError } from "../zksync/validation-errors";

/** One key's history. Read it; change it only through its {@link HistoryMap}. */
export class HistoryElement<K, V> {
  readonly key: K;
  /** The value now (the head record). */
  current: V;
  /** values[i] was written under snapshot id ids[i]; values[0] is the initial value, id 0. */
  private readonly values: V[];
  private readonly ids: number[];

  constructor(key: K, initial: V) {
    this.key = key;
    this.current = initial;
    this.values = [initial];
    this.ids = [0];
  }

  /** The value the key had when it was inserted (for the caches: at block start). */
  get initial(): V {
    return this.values[0]!;
  }

  /**
   * True when the element has a record besides its initial one (`get_initial_and_last_values`
   * is Some): it was updated, warm-ups included, and not rolled back to nothing.
   */
  get hasUpdates(): boolean {
    return this.values.length > 1;
  }

  /** @internal */
  headId(): number {
    return this.ids[this.ids.length - 1]!;
  }

  /** @internal Replaces the head value (same snapshot) or pushes a record under `id`. */
  write(value: V, id: number): boolean {
    const top = this.ids.length - 1;
    this.current = value;
    if (this.ids[top] === id) {
      this.values[top] = value;
      return false;
    }
    this.values.push(value);
    this.ids.push(id);
    return true;
  }

  /** @internal Drops every record newer than snapshot `id`. */
  rollback(id: number): void {
    const ids = this.ids;
    let n = ids.length;
    while (ids[n - 1]! > id) n--;
    ids.length = n;
    this.values.length = n;
    this.current = this.values[n - 1]!;
  }

  /** @internal Keeps the initial record and the head only. */
  commit(): void {
    const n = this.ids.length;
    if (n <= 2) return;
    this.values[1] = this.values[n - 1]!;
    this.ids[1] = this.ids[n - 1]!;
    this.values.length = 2;
    this.ids.length = 2;
  }

  /** @internal Overwrites the head value without a new record. */
  overwriteHead(value: V): void {
    this.values[this.values.length - 1] = value;
    this.current = value;
  }
}

/**
 * Key → history map with snapshots. Iteration is in insertion order; callers that need the
 * reference's BTreeMap order sort (ts/storage/flat-key.ts has the orders).
 */
export class HistoryMap<K, V> {
  private readonly elements = new Map<K, HistoryElement<K, V>>();
  private nextSnapshotId = 1;
  private frozenSnapshotId = 0;
  /** Elements that got a new record since the last commit, with that record's id, oldest first. */
  private pending: HistoryElement<K, V>[] = [];
  private pendingIds: number[] = [];

  /** Number of keys. */
  get size(): number {
    return this.elements.size;
  }

  /** The key's history, or undefined if the key was never inserted. */
  get(key: K): HistoryElement<K, V> | undefined {
    return this.elements.get(key);
  }

  /**
   * The key's history, inserting `spawn()` as its initial value if absent. If `spawn` throws,
   * nothing is inserted (`get_or_insert` with a failing closure).
   */
  getOrInsert(key: K, spawn: () => V): HistoryElement<K, V> {
    let e = this.elements.get(key);
    if (e === undefined) {
      e = new HistoryElement(key, spawn());
      this.elements.set(key, e);
    }
    return e;
  }

  /**
   * Sets the element's value under the current snapshot: overwrites the head record if it was
   * already written since the last snapshot(), else adds a record that rollback can drop.
   */
  update(element: HistoryElement<K, V>, value: V): void {
    const id = this.nextSnapshotId;
    if (element.write(value, id)) {
      this.pending.push(element);
      this.pendingIds.push(id);
    }
  }

  /**
   * Replaces the current value in place, creating no record: only for values a rollback can no
   * longer reach (the reference's `apply_to_last_record_of_pending_changes` at transaction end).
   */
  overwriteCurrent(element: HistoryElement<K, V>, value: V): void {
    element.overwriteHead(value);
  }

  /** Opens a revertible point and returns its id. */
  snapshot(): number {
    return this.nextSnapshotId++;
  }

  /**
   * Reverts every change made after `snapshot()` returned `id`.
   * @throws InternalBlockError for an id below the last commit or never returned
   */
  rollback(id: number): void {
    if (id < this.frozenSnapshotId) throw new InternalBlockError("history map", "rollback below frozen snapshot");
    if (id >= this.nextSnapshotId) throw new InternalBlockError("history map", "rollback to non-existent snapshot");
    const pending = this.pending;
    const ids = this.pendingIds;
    let n = pending.length;
    while (n > 0 && ids[n - 1]! > id) {
      n--;
      pending[n]!.rollback(id);
    }
    pending.length = n;
    ids.length = n;
  }

  /** Freezes all changes: no rollback can go before this point; histories shrink to initial + current. */
  commit(): void {
    this.frozenSnapshotId = this.snapshot();
    for (const e of this.pending) e.commit();
    this.pending = [];
    this.pendingIds = [];
  }

  /** Every element, in insertion order. */
  values(): IterableIterator<HistoryElement<K, V>> {
    return this.elements.values();
  }

  /**
   * Elements changed since the last commit, oldest change first; an element appears once per
   * record it gained (`iter_altered_since_commit`), so callers de-duplicate.
   */
  alteredSinceCommit(): readonly HistoryElement<K, V>[] {
    return this.pending;
  }
}
