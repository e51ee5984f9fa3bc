/**
 * A block's raw Ethereum transactions prepared in a SharedArrayBuffer by RecoverPool workers and the
 * block thread together (issue 4, "Speed"): per transaction the parse, sender recovery, the ZKsync
 * body (zksync-os-reference.md §5.1–5.2), keccak(raw), and the two hashes the bootloader will
 * compute from that body (tx hash, signed hash). Records are claimed with an atomic counter; the
 * block thread takes each result when it reaches the transaction, preparing unclaimed ones itself.
 * A transaction a worker cannot finish (bad encoding, no sender, outputs past the arena) is marked
 * for the block thread, whose ordinary path reports the error.
 * @module
 */
import { keccak256 } from "../crypto/keccak";
import { recoverAddress } from "../crypto/secp256k1";
import { parseTransactionViews, signingHash } from "../ethereum/transaction";
import { encodeZkTransactionInto, zkTransactionBodyLength } from "../zksync/transaction/abi-encoding";
import { parseAccessList } from "../zksync/transaction/access-list";
import { zkTransactionFromFields } from "../zksync/transaction/from-ethereum";
import { signedHash, transactionHash } from "../zksync/transaction/hashes";
import { validateStructure } from "../zksync/transaction/structure";
import { HEAD_WORD, ZkTxType } from "../zksync/transaction/types";

// Header words: next unclaimed record, bytes of the body arena in use, workers done with the job.
const NEXT = 0;
const ARENA_USED = 1;
const EXITED = 2;
const HEADER_BYTES = 16;
/** Per record: keccak(raw), tx hash, signed hash, the recovery's signing hash (32 each), sender (20), signature (65), pad. */
const OUT_LEN = 224;
const O_RAW_HASH = 0;
const O_TX_HASH = 32;
const O_SIGNED_HASH = 64;
const O_SIGNING_HASH = 96;
const O_SENDER = 128;
const O_SIGNATURE = 148;
const SIGNATURE_LEN = 65;
// Body bytes reserved per transaction: the 19 head words and the tails' length words, plus room for
// calldata and access list re-encoded in ABI form (a body never takes 3 bytes per raw byte).
const ARENA_FIXED = 1024;
const ARENA_PER_RAW_BYTE = 3;

/** Record states. */
const PENDING = 0;
const DONE = 1;
/** The block thread must prepare this one itself (its ordinary path reports what is wrong). */
const BY_BLOCK_THREAD = 2;

/** The views of a job's buffer (see {@link PrepareJob.create} for the layout). */
export interface PrepareJobViews {
  readonly count: number;
  readonly chainId: bigint;
  readonly header: Int32Array;
  readonly state: Int32Array;
  /** count + 1 offsets into `raw`, then per record its body's offset and length in `arena`. */
  readonly index: Int32Array;
  readonly raw: Uint8Array;
  readonly out: Uint8Array;
  readonly arena: Uint8Array;
}

function layout(count: number, rawLen: number): { index: number; raw: number; out: number; arena: number; arenaLen: number; total: number } {
  const index = HEADER_BYTES + 4 * count;
  const raw = index + 4 * (count + 1 + 2 * count);
  const out = raw + ((rawLen + 7) & ~7);
  const arena = out + OUT_LEN * count;
  const arenaLen = ARENA_FIXED * count + ARENA_PER_RAW_BYTE * rawLen;
  return { index, raw, out, arena, arenaLen, total: arena + arenaLen };
}

/** Views of a job buffer of `count` transactions with `rawLen` raw bytes in all. */
export function prepareJobViews(buffer: SharedArrayBuffer, count: number, rawLen: number, chainId: bigint): PrepareJobViews {
  const l = layout(count, rawLen);
  return {
    count,
    chainId,
    header: new Int32Array(buffer, 0, 4),
    state: new Int32Array(buffer, HEADER_BYTES, count),
    index: new Int32Array(buffer, l.index, count + 1 + 2 * count),
    raw: new Uint8Array(buffer, l.raw, rawLen),
    out: new Uint8Array(buffer, l.out, OUT_LEN * count),
    arena: new Uint8Array(buffer, l.arena, l.arenaLen),
  };
}

// The low 32 bits of the body's 32-byte word at `at` (a tail offset encodeZkTransaction wrote).
function readU32Word(body: Uint8Array, at: number): number {
  return ((body[at + 28]! << 24) | (body[at + 29]! << 16) | (body[at + 30]! << 8) | body[at + 31]!) >>> 0;
}

// Prepares record j into the buffer; false when the block thread must do it.
function prepareInto(v: PrepareJobViews, j: number): boolean {
  try {
    // Views, not copies: the raw bytes are never written after the job is created, and the fields
    // (views into them too) are consumed by the body written below.
    const raw = v.raw.subarray(v.index[j]!, v.index[j + 1]!);
    if (raw[0] === ZkTxType.Eip712) return false;
    const parsed = parseTransactionViews(raw, "tx");
    if (parsed.fields.type === 3) return false;
    const signing = signingHash(parsed.fields);
    const sender = recoverAddress(signing, parsed.signature.r, parsed.signature.s, parsed.yParity);
    if (sender === null) return false;
    const rawHash = keccak256(raw);
    const tx = zkTransactionFromFields(parsed.fields, sender, parsed.signature, "tx");
    // The body goes straight into the arena (no fresh buffer per transaction, no second copy).
    const bodyLen = zkTransactionBodyLength(tx);
    const at = Atomics.add(v.header, ARENA_USED, bodyLen);
    if (at + bodyLen > v.arena.length) return false;
    encodeZkTransactionInto(tx, v.arena, at);
    const body = v.arena.subarray(at, at + bodyLen);
    // The hashes exactly as the bootloader derives them from the body (validate.ts, hashing.ts).
    // Decoding a body encodeZkTransaction wrote yields `tx` field for field (tight tails, zero
    // padding), so only the decoder's structural rules and the access list's parse are left to run.
    validateStructure(tx);
    const rdAt = readU32Word(body, HEAD_WORD.reservedDynamicOffset);
    const access = parseAccessList(body, rdAt);
    if (access.error !== null) return false;
    const txHash = transactionHash(tx, v.chainId, { body, accessList: access.entries });
    // The bootloader's signed hash is the RLP signing hash over the same fields, with the block's
    // chain id where the transaction has its own: the same bytes when the two ids agree (or a
    // legacy transaction has none), which saves a second encoding and keccak.
    const chainId = parsed.fields.chainId;
    const signed = chainId === v.chainId || (chainId === null && parsed.fields.type === 0) ? signing : signedHash(tx, v.chainId, access.entries);
    const o = j * OUT_LEN;
    v.out.set(rawHash, o + O_RAW_HASH);
    v.out.set(txHash, o + O_TX_HASH);
    v.out.set(signed, o + O_SIGNED_HASH);
    v.out.set(signing, o + O_SIGNING_HASH);
    v.out.set(sender, o + O_SENDER);
    v.out.set(tx.signature, o + O_SIGNATURE);
    const bodyAt = v.count + 1 + 2 * j;
    v.index[bodyAt] = at;
    v.index[bodyAt + 1] = body.length;
    return true;
  } catch {
    return false;
  }
}

/** Claims and prepares one record; false when none is left. */
export function claimAndPrepare(v: PrepareJobViews): boolean {
  const j = Atomics.add(v.header, NEXT, 1);
  if (j >= v.count) return false;
  Atomics.store(v.state, j, prepareInto(v, j) ? DONE : BY_BLOCK_THREAD);
  Atomics.notify(v.state, j);
  return true;
}

/** Worker side: prepares records until none is left, then counts itself out (buffer reuse waits for that). */
export function drainPrepareJob(v: PrepareJobViews): void {
  while (claimAndPrepare(v));
  Atomics.add(v.header, EXITED, 1);
}

// The last job's buffer, taken for the next job once every worker it was shared with is out of it:
// a fresh 1.5 MB SharedArrayBuffer per block cost the block thread ~3% (allocation, first-touch faults).
let last: PrepareJob | null = null;

// How long the block thread waits for a record a worker is preparing before preparing it itself,
// privately (the worker's result is then ignored): about two preparations' time. A descheduled
// worker on a loaded machine would otherwise hold the block for a whole time slice, and one that
// crashed mid-record would never finish it.
const WAIT_MS = 0.25;

// Bytes of each slab taken bodies are copied into (about 90 ERC-20 transfer bodies).
const SLAB_BYTES = 1 << 16;

/** What a worker prepared for one transaction. */
export interface PreparedAhead {
  readonly body: Uint8Array;
  /** keccak(raw): the hash the result reports. */
  readonly rawHash: Uint8Array;
  /** The bootloader's tx hash and signed hash of `body`. */
  readonly txHash: Uint8Array;
  readonly signedHash: Uint8Array;
  /** The Ethereum signing hash the sender was recovered from (a view into the job's buffer: copy to keep). */
  readonly signingHash: Uint8Array;
  /** A view into the job's buffer: copy to keep. */
  readonly sender: Uint8Array;
  /** The body's 65-byte signature r ‖ s ‖ v (a view into the job's buffer: copy to keep). */
  readonly signature: Uint8Array;
}

/** The block thread's side of one job. */
export class PrepareJob {
  /** The message a worker needs to help: the buffer and its shape. */
  readonly message: { readonly prepareJob: SharedArrayBuffer; readonly count: number; readonly rawLen: number; readonly chainId: bigint };
  private readonly v: PrepareJobViews;
  /** Workers the job was shared with; -1 until {@link sharedWith} says. */
  private helpers = -1;
  /** Which records this thread has taken, and how many: the buffer is reused only once all were. */
  private readonly takenFlags: Uint8Array;
  private taken = 0;
  /**
   * Where taken bodies are copied: slices of a private slab, never reused, so a body outlives the
   * job's shared buffer. One fresh ~700-byte array per body (an off-heap buffer each) cost the block
   * thread more than the copy itself.
   */
  private slab = new Uint8Array(0);
  private slabUsed = 0;

  private constructor(buffer: SharedArrayBuffer, count: number, rawLen: number, chainId: bigint) {
    this.message = { prepareJob: buffer, count, rawLen, chainId };
    this.v = prepareJobViews(buffer, count, rawLen, chainId);
    this.takenFlags = new Uint8Array(count);
  }

  /** A job over `raws` (raw signed transactions of types 0, 1, 2) for chain `chainId`. */
  static create(raws: readonly Uint8Array[], chainId: bigint): PrepareJob {
    let rawLen = 0;
    for (const r of raws) rawLen += r.length;
    const total = layout(raws.length, rawLen).total;
    const previous = last;
    let buffer: SharedArrayBuffer;
    if (previous !== null && previous.finished() && previous.message.prepareJob.byteLength >= total) {
      buffer = previous.message.prepareJob;
      new Int32Array(buffer, 0, (HEADER_BYTES >> 2) + raws.length).fill(0);
    } else {
      buffer = new SharedArrayBuffer(total + (total >> 2));
    }
    const job = new PrepareJob(buffer, raws.length, rawLen, chainId);
    last = job;
    let at = 0;
    for (let i = 0; i < raws.length; i++) {
      job.v.index[i] = at;
      job.v.raw.set(raws[i]!, at);
      at += raws[i]!.length;
    }
    job.v.index[raws.length] = at;
    return job;
  }

  /** Records that `n` workers got the job's message. */
  sharedWith(n: number): void {
    this.helpers = n;
  }

  // Every record was taken (so nobody will read this job again) and every worker it was shared with left it.
  private finished(): boolean {
    return this.taken === this.v.count && this.helpers >= 0 && Atomics.load(this.v.header, EXITED) === this.helpers;
  }

  /**
   * Record `k` prepared (by a worker or now, in this thread), or null when this thread's ordinary
   * preparation must handle it (and report its error).
   */
  take(k: number): PreparedAhead | null {
    const v = this.v;
    if (this.takenFlags[k] === 0) {
      this.takenFlags[k] = 1;
      this.taken++;
    }
    while (Atomics.load(v.state, k) === PENDING) {
      if (claimAndPrepare(v)) continue;
      if (Atomics.wait(v.state, k, PENDING, WAIT_MS) === "timed-out" && Atomics.load(v.state, k) === PENDING) return null;
    }
    if (Atomics.load(v.state, k) !== DONE) return null;
    const o = k * OUT_LEN;
    const bodyAt = v.index[v.count + 1 + 2 * k]!;
    const bodyLen = v.index[v.count + 2 + 2 * k]!;
    if (this.slabUsed + bodyLen > this.slab.length) {
      this.slab = new Uint8Array(Math.max(SLAB_BYTES, bodyLen));
      this.slabUsed = 0;
    }
    const body = this.slab.subarray(this.slabUsed, this.slabUsed + bodyLen);
    this.slabUsed += bodyLen;
    body.set(v.arena.subarray(bodyAt, bodyAt + bodyLen));
    return {
      body,
      rawHash: v.out.slice(o + O_RAW_HASH, o + O_RAW_HASH + 32),
      txHash: v.out.slice(o + O_TX_HASH, o + O_TX_HASH + 32),
      signedHash: v.out.slice(o + O_SIGNED_HASH, o + O_SIGNED_HASH + 32),
      // Views: RecoveredSenders.put copies what it keeps (a fresh 65-byte array is an off-heap buffer).
      signingHash: v.out.subarray(o + O_SIGNING_HASH, o + O_SIGNING_HASH + 32),
      sender: v.out.subarray(o + O_SENDER, o + O_SENDER + 20),
      signature: v.out.subarray(o + O_SIGNATURE, o + O_SIGNATURE + SIGNATURE_LEN),
    };
  }
}
