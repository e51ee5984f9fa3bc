/**
 * Preimages by Blake2s hash: bytecodes and 124-byte account records (basic_system
 * flat_storage_model/preimage_cache.rs and zk_ee new_preimages_publication_storage.rs at 0a82da0).
 * Reads come from the oracle once per block and cost native (§6.6); in proving mode every
 * preimage from the oracle is re-hashed and checked. New preimages are kept for publication.
 * @module
 */
import { blake2s256 } from "../crypto/blake2s";
import { bytesToHex } from "../primitives/hex";
import { HistoryMap } from "../system/history-map";
import type { Resources } from "../system/resources";
import type { Oracle } from "../oracle/oracle";
import { InternalBlockError } from "../zksync/validation-errors";

/** `PreimageType`. */
export const enum PreimageType {
  Bytecode = 0,
  AccountData = 1,
}

/** Native for one cache lookup or insertion (`PREIMAGE_CACHE_GET/SET_NATIVE_COST`). */
export const PREIMAGE_CACHE_GET_NATIVE_COST = 500;
export const PREIMAGE_CACHE_SET_NATIVE_COST = 500;
/** Blake2s native model: 800 + 340 per started 64-byte block. */
export const BLAKE2S_BASE_NATIVE_COST = 800;
export const BLAKE2S_ROUND_NATIVE_COST = 340;
const BLAKE2S_CHUNK_SIZE = 64;

/**
 * A 32-byte hash as a 16-code-unit string (its big-endian 16-bit digits), built in one call: the
 * map key of preimages. String order equals the hash's byte order.
 */
export function preimageKey(hash: Uint8Array): string {
  const h = hash;
  return String.fromCharCode(
    (h[0]! << 8) | h[1]!, (h[2]! << 8) | h[3]!, (h[4]! << 8) | h[5]!, (h[6]! << 8) | h[7]!,
    (h[8]! << 8) | h[9]!, (h[10]! << 8) | h[11]!, (h[12]! << 8) | h[13]!, (h[14]! << 8) | h[15]!,
    (h[16]! << 8) | h[17]!, (h[18]! << 8) | h[19]!, (h[20]! << 8) | h[21]!, (h[22]! << 8) | h[23]!,
    (h[24]! << 8) | h[25]!, (h[26]! << 8) | h[27]!, (h[28]! << 8) | h[29]!, (h[30]! << 8) | h[31]!,
  );
}

/** Native charged for hashing a preimage of `len` bytes fetched from the oracle. */
export function blake2sNativeCost(len: number): number {
  return Math.ceil(len / BLAKE2S_CHUNK_SIZE) * BLAKE2S_ROUND_NATIVE_COST + BLAKE2S_BASE_NATIVE_COST;
}

/** A preimage registered this block (`new_preimages` of the result keeper). */
export interface PublishedPreimage {
  readonly hash: Uint8Array;
  readonly preimage: Uint8Array;
  readonly type: PreimageType;
}

interface PublicationRecord {
  readonly type: PreimageType;
  readonly uses: number;
  readonly len: number;
}

/** Options of a {@link PreimageCache}. */
export interface PreimageCacheOptions {
  /** Proving mode (`PROOF_ENV`): re-hash every preimage the oracle gives and reject a mismatch. */
  readonly verify?: boolean;
}

/** The block's preimage cache. Arrays it returns are shared and never mutated (code caches key on identity). */
export class PreimageCache {
  private readonly oracle: Oracle;
  private readonly verify: boolean;
  /** preimageKey(hash) → preimage. */
  private readonly storage = new Map<string, Uint8Array>();
  /** preimageKey(hash) → publication record, with frames (`NewPreimagesPublicationStorage`). */
  private readonly publication = new HistoryMap<string, PublicationRecord>();
  private readonly hashes = new Map<string, Uint8Array>();

  constructor(oracle: Oracle, options: PreimageCacheOptions = {}) {
    this.oracle = oracle;
    this.verify = options.verify ?? false;
  }

  beginNewTx(): void {
    this.publication.commit();
  }

  startFrame(): number {
    return this.publication.snapshot();
  }

  finishFrame(rollbackTo: number | null): void {
    if (rollbackTo !== null) this.publication.rollback(rollbackTo);
  }

  /**
   * `get_preimage` (`expose_preimage`): 500 native, then on a miss the oracle's answer truncated
   * to `expectedLen` and the Blake2s native cost of that length (charged in both modes; the hash
   * itself is only recomputed in proving mode).
   * @throws OUT_OF_NATIVE; InternalBlockError when verification fails or the oracle's answer is short
   */
  getPreimage(resources: Resources, hash: Uint8Array, expectedLen: number, type: PreimageType): Uint8Array {
    resources.charge(0, PREIMAGE_CACHE_GET_NATIVE_COST);
    const id = preimageKey(hash);
    const cached = this.storage.get(id);
    if (cached !== undefined) return cached;
    const answer = this.oracle.preimageContent(hash);
    if (answer.length < expectedLen) {
      throw new InternalBlockError("preimage", `oracle gave ${answer.length} bytes for ${bytesToHex(hash)}, expected ${expectedLen}`);
    }
    const preimage = answer.length === expectedLen ? answer : answer.slice(0, expectedLen);
    resources.charge(0, blake2sNativeCost(expectedLen));
    if (this.verify && preimageKey(blake2s256(preimage)) !== id) {
      throw new InternalBlockError("preimage", type === PreimageType.AccountData ? "Account hash mismatch" : "Bytecode hash mismatch");
    }
    this.storage.set(id, preimage);
    this.hashes.set(id, hash.slice());
    return preimage;
  }

  /**
   * `record_preimage`: 500 native; stores a preimage the system computed (deployed code, an account
   * record at block end) and marks it for publication. Returns the stored array.
   * @throws OUT_OF_NATIVE; InternalBlockError if `preimage` is not `expectedLen` bytes
   */
  recordPreimage(resources: Resources, hash: Uint8Array, expectedLen: number, type: PreimageType, preimage: Uint8Array): Uint8Array {
    resources.charge(0, PREIMAGE_CACHE_SET_NATIVE_COST);
    if (preimage.length !== expectedLen) throw new InternalBlockError("preimage", `length ${preimage.length} ≠ expected ${expectedLen}`);
    const id = preimageKey(hash);
    const element = this.publication.getOrInsert(id, () => ({ type, uses: 0, len: preimage.length }));
    const r = element.current;
    this.publication.update(element, { type: r.type, uses: r.uses + 1, len: r.len });
    let stored = this.storage.get(id);
    if (stored === undefined) {
      stored = preimage;
      this.storage.set(id, stored);
      this.hashes.set(id, hash.slice());
    }
    return stored;
  }

  /**
   * Preimages recorded this block, by hash byte order (`report_new_preimages`). Like the
   * reference, a preimage stays listed when the frame that recorded it reverted: the publication
   * entry is created outside the frame's history.
   */
  newPreimages(): PublishedPreimage[] {
    const ids = [...this.publication.values()].map((e) => e.key).sort();
    return ids.map((id) => ({ hash: this.hashes.get(id)!, preimage: this.storage.get(id)!, type: this.publication.get(id)!.current.type }));
  }
}
