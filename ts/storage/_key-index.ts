/**
 * A map from 32-byte tree keys to leaf indices, without building a string per key: flat keys are
 * Blake2s outputs, so bytes 0..4 xor bytes 28..32 spread them over buckets (raw test keys with
 * leading zeros still differ in their tail). Internal to ts/storage.
 * @module
 */

/** One key and its leaf index. */
export interface KeyedIndex {
  readonly key: Uint8Array;
  readonly index: number;
}

function bucketOf(k: Uint8Array): number {
  return ((k[0]! << 24) | (k[1]! << 16) | (k[2]! << 8) | k[3]!) ^ ((k[28]! << 24) | (k[29]! << 16) | (k[30]! << 8) | k[31]!);
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class KeyIndex {
  private readonly buckets = new Map<number, KeyedIndex[]>();
  /** Every entry, in insertion order. */
  readonly entries: KeyedIndex[] = [];

  get(key: Uint8Array): KeyedIndex | undefined {
    const list = this.buckets.get(bucketOf(key));
    if (list === undefined) return undefined;
    for (const e of list) if (same(e.key, key)) return e;
    return undefined;
  }

  /** Adds a key that is not present yet (callers check with get). */
  add(key: Uint8Array, index: number): void {
    const b = bucketOf(key);
    const e = { key, index };
    const list = this.buckets.get(b);
    if (list === undefined) this.buckets.set(b, [e]);
    else list.push(e);
    this.entries.push(e);
  }
}
