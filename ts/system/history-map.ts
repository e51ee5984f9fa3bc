/**
 * The HistoryMap of zk_ee (common_structs/history_map at 0a82da0): key → history of values tagged
 * with snapshot ids. snapshot() opens a revertible point, rollback(id) drops every record made after
 * it, commit() freezes everything so far (a transaction boundary) and keeps only initial + current.
 * The initial value of a key (its record 0) survives every rollback: a key, once inserted, stays.
 * @module
 */
import { InternalBlockError } from "../zksync/validation-errors";

/**
 * One key's history. Read it; change it only through its {@link HistoryMap}. The initial record
 * (id 0) and the head are fields; records in between live in a stack made on first need, so the
 * common element (initial + at most one record per transaction) allocates no arrays.
 */
export class HistoryElement<K, V> {
  readonly key: K;
  /** The value now (the head record). */
  current: V;
  private first: V;
  /** Snapshot id of the head record; 0 when the head is the initial record. */
  private headId = 0;
  /** Records between the initial one and the head, oldest first, as value, id, value, id, … */
  private between: (V | number)[] | null = null;
  /** The last {@link HistoryMap.nextVisit} pass that saw this element (de-duplication without a Set). */
  visited = 0;

  constructor(key: K, initial: V) {
    this.key = key;
    this.first = initial;
    this.current = initial;
  }

  /** The value when the key was inserted (for the caches: at block start); record id 0. */
  get initial(): V {
    return this.first;
  }

  /**
   * True when the element has a record besides its initial one (`get_initial_and_last_values`
   * is Some): it was updated, warm-ups included, and not rolled back to nothing.
   */
  get hasUpdates(): boolean {
    return this.headId !== 0;
  }

  /** @internal Replaces the head value (same snapshot) or pushes a record under `id`. */
  write(value: V, id: number): boolean {
    if (this.headId === id) {
      this.current = value;
      return false;
    }
    if (this.headId !== 0) (this.between ??= []).push(this.current, this.headId);
    this.current = value;
    this.headId = id;
    return true;
  }

  /** @internal Drops every record newer than snapshot `id`. */
  rollback(id: number): void {
    while (this.headId > id) {
      const b = this.between;
      if (b === null || b.length === 0) {
        this.current = this.first;
        this.headId = 0;
        return;
      }
      this.headId = b.pop() as number;
      this.current = b.pop() as V;
    }
  }

  /** @internal Keeps the initial record and the head only. */
  commit(): void {
    this.between = null;
  }

  /** @internal Overwrites the head value without a new record. */
  overwriteHead(value: V): void {
    if (this.headId === 0) this.first = value;
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
  private visits = 0;
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
   * Inserts a key known to be absent (the caller keeps its own index) with its initial value.
   * @throws InternalBlockError if the key is present
   */
  insert(key: K, initial: V): HistoryElement<K, V> {
    if (this.elements.has(key)) throw new InternalBlockError("history map", "key inserted twice");
    const e = new HistoryElement(key, initial);
    this.elements.set(key, e);
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

  /**
   * A fresh pass number: a pass over {@link alteredSinceCommit} skips elements whose `visited` is
   * already this number and sets it on the others (the per-transaction pubdata passes de-duplicate
   * this way instead of building a Set each time).
   */
  nextVisit(): number {
    return ++this.visits;
  }
}
