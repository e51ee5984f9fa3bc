/**
 * What the sequencer does before a block runs: each fixture transaction becomes the oracle's ABI
 * body (zksync-os-reference.md §5.1–5.2) and gets the hash its result reports (interfaces.md §4).
 * Raw Ethereum transactions need their sender for the body's `from`; that recovery is pure, so it
 * may run ahead (e.g. in RecoverPool workers) and its results are remembered in a
 * {@link RecoveredSenders} so the bootloader's own ecrecover of the same signature is not redone.
 * @module
 */
import { InputError } from "../errors";
import { keccak256 } from "../crypto/keccak";
import { recoverAddress, type RecoveryItem } from "../crypto/secp256k1";
import { parseTransactionViews, signingHash, type ParsedTransaction } from "../ethereum/transaction";
import { decodeZkTransaction, encodeZkTransaction } from "../zksync/transaction/abi-encoding";
import { decodeEip712Transaction, zkTransactionFromFields } from "../zksync/transaction/from-ethereum";
import { l1TransactionHash, transactionHash } from "../zksync/transaction/hashes";
import { ZkTxType } from "../zksync/transaction/types";
import type { FixtureTransaction } from "./fixture";
import { PrepareJob } from "./prepare-job";

/** A transaction as the oracle hands it to the bootloader, with the hash its result reports. */
export interface PreparedTransaction {
  /** The ABI body (the NewTxContent answer). */
  readonly body: Uint8Array;
  /**
   * keccak(raw) for types 0, 1, 2 (the canonical Ethereum hash); the reference hash for 0x71, 0xff
   * and 0xfe; for an ABI body that does not decode, keccak(body).
   */
  readonly hash: Uint8Array;
}

/**
 * ecrecover results by (signed hash, 65-byte r ‖ s ‖ v signature): a memo of a pure function, filled
 * by transaction preparation and read by the EOA validation, which still charges the full cost.
 */
export class RecoveredSenders {
  /** By the signature's first four bytes (of r) as a number; a hit is confirmed on hash and signature. */
  private readonly byR = new Map<number, { readonly hash: Uint8Array; readonly signature: Uint8Array; readonly address: Uint8Array | null }[]>();
  private count = 0;

  private static key(signature: Uint8Array): number {
    return ((signature[0]! << 24) | (signature[1]! << 16) | (signature[2]! << 8) | signature[3]!) >>> 0;
  }

  /** Remembers that `signature` over `signedHash` recovers to `address` (null: to nothing). */
  put(signedHash: Uint8Array, signature: Uint8Array, address: Uint8Array | null): void {
    const k = RecoveredSenders.key(signature);
    const list = this.byR.get(k);
    const entry = { hash: signedHash.slice(), signature: signature.slice(), address: address === null ? null : address.slice() };
    if (list === undefined) this.byR.set(k, [entry]);
    else list.push(entry);
    this.count++;
  }

  /** The remembered result, or undefined when this signature was never recovered. */
  get(signedHash: Uint8Array, signature: Uint8Array): Uint8Array | null | undefined {
    const list = this.byR.get(RecoveredSenders.key(signature));
    if (list === undefined) return undefined;
    for (const e of list) if (equalBytes(e.hash, signedHash) && equalBytes(e.signature, signature)) return e.address;
    return undefined;
  }

  /** How many results are remembered. */
  get size(): number {
    return this.count;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A raw Ethereum transaction parsed, with the recovery it needs. */
interface RawEthereum {
  readonly parsed: ParsedTransaction;
  readonly item: RecoveryItem;
}

function parseRawEthereum(raw: Uint8Array, where: string): RawEthereum | null {
  if (raw[0] === ZkTxType.Eip712) return null;
  // Views into raw: each caller maps them into a body (or only keeps the bigints) before returning.
  const parsed = parseTransactionViews(raw, where);
  if (parsed.fields.type === 3) throw new InputError(where, "blob (type 3) transactions are not supported by ZKsync OS");
  return { parsed, item: { hash: signingHash(parsed.fields), r: parsed.signature.r, s: parsed.signature.s, yParity: parsed.yParity } };
}

/**
 * The signature each raw Ethereum transaction needs recovered (null for every other entry), for
 * {@link prepareTransactions}' `senders`, e.g. through RecoverPool.recoverAddresses.
 * @throws InputError for a raw transaction that does not parse
 */
export function senderRecoveryItems(txs: readonly FixtureTransaction[], where = "transactions"): (RecoveryItem | null)[] {
  return txs.map((t, i) => (t.kind === "raw" ? (parseRawEthereum(t.raw, `${where}[${i}]`)?.item ?? null) : null));
}

/** Options of {@link prepareTransactions}. */
export interface PrepareOptions {
  /** Senders recovered ahead, index-aligned with the transactions (entries for other kinds are ignored). */
  readonly senders?: readonly (Uint8Array | null)[];
  /** Where to remember each recovery for the bootloader. */
  readonly recovered?: RecoveredSenders;
  /** JSON path prefix for errors. */
  readonly where?: string;
}

/**
 * The oracle bodies and result hashes of a block's transactions. A raw type 0/1/2 transaction is
 * mapped with from = the address its signature recovers to (low s is not required here: the
 * bootloader rejects a malleable signature itself); one that recovers to nothing cannot be put in
 * a body and is an input error.
 * @throws InputError naming the transaction at fault
 */
export function prepareTransactions(txs: readonly FixtureTransaction[], chainId: bigint, opts: PrepareOptions = {}): PreparedTransaction[] {
  const where = opts.where ?? "transactions";
  return txs.map((t, i) => {
    const eth = t.kind === "raw" ? parseRawEthereum(t.raw, `${where}[${i}]`) : null;
    const given = opts.senders?.[i];
    return prepareOne(t, eth, chainId, `${where}[${i}]`, given !== undefined && given !== null ? () => given : null, opts.recovered);
  });
}

// One transaction's body and hash; `sender` gives a raw Ethereum transaction's recovered sender
// (null: recover here).
function prepareOne(
  t: FixtureTransaction, eth: RawEthereum | null, chainId: bigint, at: string, sender: (() => Uint8Array | null) | null, recovered: RecoveredSenders | undefined,
): PreparedTransaction {
  if (t.kind === "l1") {
    const body = encodeZkTransaction(t.tx);
    return { body, hash: l1TransactionHash(body) };
  }
  if (t.kind === "abi") return { body: t.body, hash: abiBodyHash(t.body, chainId) };
  if (eth === null) {
    const mapped = decodeEip712Transaction(t.raw, at);
    return { body: encodeZkTransaction(mapped.tx), hash: mapped.hash };
  }
  const { parsed, item } = eth;
  const from = sender !== null ? sender() : recoverAddress(item.hash, item.r, item.s, item.yParity);
  if (from === null) throw new InputError(`${at}.signature`, "no public key recovers from this signature");
  const hash = keccak256(t.raw);
  // parsed is this call's own (fresh views into t.raw), so the body may take its arrays.
  const tx = zkTransactionFromFields(parsed.fields, from, parsed.signature, at);
  recovered?.put(item.hash, tx.signature, from);
  return { body: encodeZkTransaction(tx), hash };
}

/** The pool side {@link PreparedBlock} needs: RecoverPool's worker count and job hand-out. */
export interface PrepareHelpers {
  readonly threads: number;
  share(message: object): number;
}

/** The bootloader's two hashes of a body, computed ahead from the same bytes. */
export interface HashesAhead {
  readonly txHash: Uint8Array;
  readonly signedHash: Uint8Array;
}

/**
 * A block's transactions prepared one at a time, when the bootloader asks for each body. With
 * `helpers` (a RecoverPool with workers), the raw Ethereum transactions go to a shared
 * {@link PrepareJob} first: workers parse, recover, build bodies and hash them while the block
 * runs, and the block thread takes each result when it reaches it (preparing unreached ones itself).
 * Anything a worker could not prepare goes through {@link prepareTransactions}' path here, which
 * reports its InputError when the block reaches that transaction.
 */
export class PreparedBlock {
  private readonly prepared: (PreparedTransaction | undefined)[];
  private readonly jobIndexOf: Int32Array;
  private readonly job: PrepareJob | null;
  private readonly ahead = new Map<Uint8Array, HashesAhead>();

  constructor(
    private readonly txs: readonly FixtureTransaction[], private readonly chainId: bigint, private readonly recovered: RecoveredSenders,
    helpers: PrepareHelpers | null = null, private readonly where = "transactions",
  ) {
    this.prepared = new Array(txs.length);
    this.jobIndexOf = new Int32Array(txs.length).fill(-1);
    const raws: Uint8Array[] = [];
    txs.forEach((t, i) => {
      if (t.kind === "raw" && t.raw.length > 0 && t.raw[0] !== ZkTxType.Eip712) this.jobIndexOf[i] = raws.push(t.raw) - 1;
    });
    this.job = helpers !== null && helpers.threads > 0 && raws.length > 1 ? PrepareJob.create(raws, chainId) : null;
    if (this.job !== null) this.job.sharedWith(helpers!.share(this.job.message));
  }

  /** Transactions in the block. */
  get count(): number {
    return this.txs.length;
  }

  /** Transaction `i`, prepared now if it was not yet. @throws InputError naming the transaction at fault */
  get(i: number): PreparedTransaction {
    let p = this.prepared[i];
    if (p !== undefined) return p;
    const k = this.jobIndexOf[i]!;
    const done = this.job !== null && k >= 0 ? this.job.take(k) : null;
    if (done !== null) {
      this.recovered.put(done.signingHash, done.signature, done.sender);
      this.ahead.set(done.body, { txHash: done.txHash, signedHash: done.signedHash });
      p = { body: done.body, hash: done.rawHash };
    } else {
      const t = this.txs[i]!;
      const at = `${this.where}[${i}]`;
      p = prepareOne(t, t.kind === "raw" ? parseRawEthereum(t.raw, at) : null, this.chainId, at, null, this.recovered);
    }
    this.prepared[i] = p;
    return p;
  }

  /** Transaction `i`'s oracle body. */
  body(i: number): Uint8Array {
    return this.get(i).body;
  }

  /** Transaction `i`'s reported hash. */
  hash(i: number): Uint8Array {
    return this.get(i).hash;
  }

  /** The bootloader's hashes of `body` when a worker computed them (`body` must be the object {@link body} returned). */
  hashesAhead(body: Uint8Array): HashesAhead | undefined {
    return this.ahead.get(body);
  }
}

/** The reference hash of an ABI body handed in as is, or keccak(body) when it does not decode. */
export function abiBodyHash(body: Uint8Array, chainId: bigint): Uint8Array {
  try {
    const d = decodeZkTransaction(body);
    return d.tx.txType === ZkTxType.L1ToL2 || d.tx.txType === ZkTxType.Upgrade ? l1TransactionHash(body) : transactionHash(d.tx, chainId, { body });
  } catch {
    return keccak256(body);
  }
}
