/**
 * A map from 32-byte tree keys to leaf indices, without a string or a Map entry per key: open
 * addressing over an Int32Array of entry numbers. Flat keys are Blake2s outputs, so bytes 0..4 xor
 * bytes 28..32 spread them well (raw test keys with leading zeros still differ in their tail).
 * Internal to ts/storage.
 * @module
 */

/** One key and its leaf index. */
export interface KeyedIndex {
  readonly key: Uint8Array;
  readonly index: number;
}

function hashOf(k: Uint8Array): number {
  return ((k[0]! << 24) | (k[1]! << 16) | (k[2]! << 8) | k[3]!) ^ ((k[28]! << 24) | (k[29]! << 16) | (k[30]! << 8) | k[31]!);
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class KeyIndex {
  /** Every entry, in insertion order. */
  readonly entries: KeyedIndex[] = [];
  /** slots[i] = entry number + 1, 0 = free; the length is a power of two, at most half full. */
  private slots = new Int32Array(64);

  get(key: Uint8Array): KeyedIndex | undefined {
    const mask = this.slots.length - 1;
    for (let i = hashOf(key) & mask; ; i = (i + 1) & mask) {
      const s = this.slots[i]!;
      if (s === 0) return undefined;
      const e = this.entries[s - 1]!;
      if (same(e.key, key)) return e;
    }
  }

  /** Adds a key that is not present yet (callers check with get). */
  add(key: Uint8Array, index: number): void {
    this.entries.push({ key, index });
    if (this.entries.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.entries.length);
  }

  private place(n: number): void {
    const mask = this.slots.length - 1;
    let i = hashOf(this.entries[n - 1]!.key) & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = n;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let n = 1; n <= this.entries.length; n++) this.place(n);
  }
}
