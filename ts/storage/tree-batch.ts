/**
 * The block-end verification of the state tree (zksync-os-reference.md §3.6; reference:
 * `StateRootView::verify_and_apply_batch` in simple_growable_storage.rs at 0a82da0): every touched slot
 * is proven against the committed root through the oracle's tree queries, asked in the reference's
 * order (so a forward run can record them and a proving run can replay them), writes are applied,
 * new keys are appended and linked, and the old and new roots come from one batched fold.
 * @module
 */
import { ZkosError } from "../errors";
import { bytesToHex } from "../primitives/hex";
import { KeyIndex } from "./_key-index";
import { compareTreeKeys } from "./flat-key";
import { PATH_LEN, foldBatch, type FoldBatchEntry, type LeafProof } from "./merkle";

/** The tree queries of the oracle (ids 8 PrevIndex, 9 ExactIndex, 7 ProofForIndex; riscv-machine.md §3.3). */
export interface TreeOracle {
  /** Index of the leaf with the greatest key below `flatKey` (the key is absent). */
  prevIndex(flatKey: Uint8Array): number;
  /** Index of the leaf holding `flatKey`. */
  exactIndex(flatKey: Uint8Array): number;
  /** The leaf at `index` with its 64 siblings. */
  proofForIndex(index: number): LeafProof;
}

/** One storage-cache entry touched in the block (`net_accesses_iter`), in storage-cache order. */
export interface TouchedSlot {
  /** flat_key(address, slot). */
  readonly flatKey: Uint8Array;
  /** Value at the start of the block (zero for a new slot). */
  readonly initial: Uint8Array;
  /** Value at the end of the block. */
  readonly final: Uint8Array;
  /** The key is not in the tree (the cache's initial appearance is Unset). */
  readonly isNew: boolean;
}

/** Outcome of {@link verifyAndApplyBatch}. */
export interface BatchApplyResult {
  /** Root after the block's writes (the old root when nothing was written). */
  readonly root: Uint8Array;
  /** Next free slot after appending the block's new keys. */
  readonly nextFreeSlot: number;
  /** Blake2s computations of the fold (leaves and nodes). */
  readonly hashes: number;
  /** ProofForIndex queries asked. */
  readonly proofsLoaded: number;
}

/**
 * The oracle's tree answers do not prove the block's reads against the committed root: a tampered
 * or inconsistent witness. The message names the first failed check.
 */
export class TreeProofError extends ZkosError {
  override name = "TreeProofError";
}

interface LeafUpdate {
  value: Uint8Array | null;
  next: number | null;
}

interface Loaded {
  readonly proof: LeafProof;
  update: LeafUpdate | null;
}

interface Appended {
  readonly index: number;
  readonly key: Uint8Array;
  readonly value: Uint8Array;
  next: number;
}

const ZERO_KEY = new Uint8Array(32);
const MAX_KEY = new Uint8Array(32).fill(0xff);

function equal32(a: Uint8Array, b: Uint8Array): boolean {
  return compareTreeKeys(a, b) === 0;
}

function fail(message: string): never {
  throw new TreeProofError(`state tree: ${message}`);
}

// The state of one run of the algorithm; the methods are its steps, in the reference's order.
class BatchRun {
  readonly loaded = new Map<number, Loaded>();
  readonly keyToIndex = new KeyIndex();
  readonly appended: Appended[] = [];
  nextFreeSlot: number;
  proofsLoaded = 0;

  constructor(readonly oracle: TreeOracle, readonly saved: number) {
    this.nextFreeSlot = saved;
  }

  // The message is built only on failure: this runs for every query.
  private index(answer: unknown, query: string, k: Uint8Array): number {
    if (typeof answer !== "number" || !Number.isSafeInteger(answer) || answer < 0) fail(`${query}(${bytesToHex(k)}) answered ${String(answer)}, not a leaf index`);
    return answer;
  }

  prevIndex(k: Uint8Array): number {
    const p = this.index(this.oracle.prevIndex(k), "PrevIndex", k);
    if (p >= this.saved) fail(`PrevIndex(${bytesToHex(k)}) = ${p} is not below next_free_slot ${this.saved}`);
    return p;
  }

  exactIndex(k: Uint8Array): number {
    return this.index(this.oracle.exactIndex(k), "ExactIndex", k);
  }

  // get_proof_for_index: the proof must be for the index asked. A leaf at or beyond next_free_slot is
  // empty in the committed tree, so no check below could accept it; it is rejected here, by name.
  loadProof(index: number): LeafProof {
    if (index >= this.saved) fail(`leaf ${index} was requested, but the committed tree ends at next_free_slot ${this.saved}`);
    const p = this.oracle.proofForIndex(index);
    this.proofsLoaded++;
    const okBytes = (b: unknown, len: number): boolean => b instanceof Uint8Array && b.length === len;
    if (p === null || typeof p !== "object" || !okBytes(p.path, PATH_LEN) || !okBytes(p.leaf?.key, 32) || !okBytes(p.leaf?.value, 32)
      || !Number.isSafeInteger(p.leaf.next) || p.leaf.next < 0) {
      fail(`ProofForIndex(${index}) answered a malformed proof`);
    }
    if (p.index !== index) fail(`ProofForIndex(${index}) answered a proof for index ${p.index}`);
    return p;
  }

  rememberKey(key: Uint8Array, index: number): void {
    const known = this.keyToIndex.get(key);
    if (known !== undefined) fail(`key ${bytesToHex(key)} was loaded twice (leaves ${known.index} and ${index})`);
    this.keyToIndex.add(key, index);
  }

  // Loads (or reuses) the neighbour below the absent key k; returns the index of the neighbour above.
  previousNeighbour(k: Uint8Array): number {
    const p = this.prevIndex(k);
    const cached = this.loaded.get(p);
    const proof = cached !== undefined ? cached.proof : this.loadProof(p);
    const leaf = proof.leaf;
    if (compareTreeKeys(leaf.key, k) >= 0) fail(`leaf ${p} (key ${bytesToHex(leaf.key)}) is not below the absent key ${bytesToHex(k)}`);
    if (cached === undefined) {
      if (leaf.next >= this.saved) fail(`leaf ${p} points to ${leaf.next}, beyond next_free_slot ${this.saved}`);
      this.rememberKey(leaf.key, p);
      this.loaded.set(p, { proof, update: null });
    }
    return leaf.next;
  }

  nextNeighbour(k: Uint8Array, n: number): void {
    const cached = this.loaded.get(n);
    const proof = cached !== undefined ? cached.proof : this.loadProof(n);
    if (compareTreeKeys(proof.leaf.key, k) <= 0) fail(`leaf ${n} (key ${bytesToHex(proof.leaf.key)}) is not above the absent key ${bytesToHex(k)}`);
    if (cached === undefined) {
      this.rememberKey(proof.leaf.key, n);
      this.loaded.set(n, { proof, update: null });
    }
  }

  existing(k: Uint8Array, expectedValue: Uint8Array, what: string): Loaded {
    const i = this.exactIndex(k);
    let entry = this.loaded.get(i);
    const proof = entry !== undefined ? entry.proof : this.loadProof(i);
    if (!equal32(proof.leaf.key, k)) fail(`ExactIndex(${bytesToHex(k)}) = ${i}, but leaf ${i} holds key ${bytesToHex(proof.leaf.key)}`);
    if (!equal32(proof.leaf.value, expectedValue)) {
      fail(`leaf ${i} (key ${bytesToHex(k)}) holds ${bytesToHex(proof.leaf.value)}, but the block's ${what} is ${bytesToHex(expectedValue)}`);
    }
    if (entry === undefined) {
      this.rememberKey(k, i);
      entry = { proof, update: null };
      this.loaded.set(i, entry);
    }
    return entry;
  }
}

function setNext(u: LeafUpdate, next: number, index: number): void {
  if (u.next !== null) fail(`internal: leaf ${index} relinked twice`);
  u.next = next;
}

/**
 * Verifies every touched slot against `commitment` and applies the writes, asking `oracle` exactly the
 * reference's queries in the reference's order: reads (final = initial) first, in the given order,
 * then writes in the given order (new keys get indices next_free_slot, next_free_slot + 1, … in that
 * order), then the right-most leaf's proof when appending. `slots` must be the block's storage-cache
 * entries in storage-cache order (ts/storage/flat-key.ts `compareStorageCacheKeys`).
 * @returns the new root and next free slot
 * @throws TreeProofError if an answer is inconsistent or the proofs do not lead to the committed root
 */
export function verifyAndApplyBatch(
  commitment: { readonly root: Uint8Array; readonly nextFreeSlot: number },
  slots: readonly TouchedSlot[],
  oracle: TreeOracle,
): BatchApplyResult {
  const saved = commitment.nextFreeSlot;
  if (slots.length === 0) return { root: commitment.root.slice(), nextFreeSlot: saved, hashes: 0, proofsLoaded: 0 };
  const run = new BatchRun(oracle, saved);

  let nonexistingReads = 0;
  for (const s of slots) {
    if (!equal32(s.initial, s.final)) continue;
    if (s.isNew) {
      nonexistingReads++;
      run.nextNeighbour(s.flatKey, run.previousNeighbour(s.flatKey));
    } else {
      run.existing(s.flatKey, s.final, "value");
    }
  }

  let totalWrites = 0;
  let newWrites = 0;
  for (const s of slots) {
    if (equal32(s.initial, s.final)) continue;
    totalWrites++;
    const k = s.flatKey;
    if (s.isNew) {
      newWrites++;
      run.nextNeighbour(k, run.previousNeighbour(k));
      const index = run.nextFreeSlot++;
      run.rememberKey(k, index);
      run.appended.push({ index, key: k, value: s.final, next: 0 });
      continue;
    }
    const known = run.keyToIndex.get(k);
    let entry: Loaded;
    if (known !== undefined) {
      const cached = run.loaded.get(known.index);
      if (cached === undefined) fail(`key ${bytesToHex(k)} is written twice in one block`);
      entry = cached;
      if (!equal32(entry.proof.leaf.value, s.initial)) {
        fail(`leaf ${known.index} (key ${bytesToHex(k)}) holds ${bytesToHex(entry.proof.leaf.value)}, but the block's initial value is ${bytesToHex(s.initial)}`);
      }
      if (entry.update !== null) fail(`internal: leaf ${known.index} updated twice`);
    } else {
      entry = run.existing(k, s.initial, "initial value");
    }
    entry.update = { value: s.final, next: null };
  }

  if (nonexistingReads + newWrites > 0) relink(run);

  const entries: FoldBatchEntry[] = [];
  for (const index of [...run.loaded.keys()].sort((a, b) => a - b)) {
    const { proof, update } = run.loaded.get(index)!;
    const newLeaf = update === null ? null : {
      key: proof.leaf.key,
      value: update.value ?? proof.leaf.value,
      next: update.next ?? proof.leaf.next,
    };
    entries.push({ index, path: proof.path, oldLeaf: proof.leaf, newLeaf });
  }
  for (const a of run.appended) entries.push({ index: a.index, path: null, oldLeaf: null, newLeaf: { key: a.key, value: a.value, next: a.next } });

  const folded = foldBatch(entries);
  if (folded.readRoot === null || !equal32(folded.readRoot, commitment.root)) {
    fail(`storage reads are inconsistent: the proofs lead to root ${folded.readRoot === null ? "(none)" : bytesToHex(folded.readRoot)}, `
      + `but the committed root is ${bytesToHex(commitment.root)}`);
  }
  let root: Uint8Array = commitment.root.slice();
  if (folded.writeRoot !== null) {
    if (totalWrites > 0 && equal32(folded.writeRoot, commitment.root)) fail("hash collision on state root with non-zero number of writes");
    root = folded.writeRoot;
  } else if (newWrites !== 0) {
    fail("internal: appended leaves did not change the root");
  }
  return { root, nextFreeSlot: run.nextFreeSlot, hashes: folded.hashes, proofsLoaded: run.proofsLoaded };
}

// Step 3 of §3.6: walk all loaded keys in key order and point each leaf at its successor where that
// successor is newly appended (two old neighbours are never linked: other keys may lie between them).
function relink(run: BatchRun): void {
  const saved = run.saved;
  const keys = run.keyToIndex.entries.slice().sort((a, b) => compareTreeKeys(a.key, b.key));
  if (keys.length < 2) fail("internal: fewer than two leaves loaded around a new key");
  const firstIndex = keys[0]!.index;
  const first = run.loaded.get(firstIndex);
  if (first === undefined) fail("internal: the smallest loaded key is not a loaded leaf");
  if (firstIndex === 0 && (first.update !== null || !equal32(first.proof.leaf.key, ZERO_KEY))) fail("leaf 0 is not the unmodified min guard");
  const secondIndex = keys[1]!.index;
  if (secondIndex >= saved) {
    if (first.update !== null) setNext(first.update, secondIndex, firstIndex);
    else first.update = { value: null, next: secondIndex };
  }
  let current = secondIndex;
  for (let i = 2; i < keys.length; i++) {
    const nextIndex = keys[i]!.index;
    const c = run.loaded.get(current);
    if (c !== undefined) {
      if (nextIndex >= saved) {
        if (c.update === null) c.update = { value: null, next: null };
        if (c.proof.leaf.next !== nextIndex) setNext(c.update, nextIndex, current);
      }
    } else {
      const a = run.appended[current - saved];
      if (a === undefined || a.index !== current) fail(`internal: appended leaf ${current} not found`);
      a.next = nextIndex;
    }
    current = nextIndex;
  }
  const last = run.loaded.get(current);
  if (last === undefined) fail("internal: the greatest loaded key is not a loaded leaf");
  if (current === 1 && (last.update !== null || !equal32(last.proof.leaf.key, MAX_KEY))) fail("leaf 1 is not the unmodified max guard");
  if (run.appended.length > 0 && !run.loaded.has(saved - 1)) {
    run.loaded.set(saved - 1, { proof: run.loadProof(saved - 1), update: null });
  }
}
