/**
 * The block and transaction context the EVM reads (COINBASE, TIMESTAMP, ..., ORIGIN, GASPRICE,
 * BLOCKHASH, BLOBHASH), and writing its constant part into the interpreter's environment record.
 * @module
 */
import { wasm, type Wasm } from "../../wasm";
import type { Address } from "../../state/address";
import { evmLayout } from "./layout";
import { writeAddress, writeU256, writeBytes32 } from "./slots";

/** Block context. Treated as immutable: writeEnvironment skips a context it wrote last. */
export interface BlockContext {
  readonly coinbase: Address;
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  /** PREVRANDAO (EIP-4399), 32 bytes. */
  readonly prevRandao: Uint8Array;
  readonly chainId: bigint;
  readonly baseFee: bigint;
  /** EIP-7516. */
  readonly blobBaseFee: bigint;
  /** The hash of block `n` when the chain knows it; BLOCKHASH asks only for the 256 before `number`. */
  blockHash(n: bigint): Uint8Array | undefined;
}

export interface TxContext {
  readonly origin: Address;
  /** The effective gas price (GASPRICE). */
  readonly gasPrice: bigint;
  /** EIP-4844 versioned hashes of a blob transaction (BLOBHASH), else empty. */
  readonly blobHashes: readonly Uint8Array[];
}

/** The context last written into each instance's environment record. */
const written = new WeakMap<Wasm, { block: BlockContext; tx: TxContext }>();

/**
 * Writes the constant context into the interpreter's environment record. Context objects are
 * treated as immutable: the same pair of objects is written only once, and a new transaction
 * context under the block context written last rewrites only the transaction's fields (a block
 * makes one TxContext per transaction; the block fields were ~1% of the block thread).
 */
export function writeEnvironment(block: BlockContext, tx: TxContext): void {
  const w = wasm();
  const last = written.get(w);
  if (last !== undefined && last.block === block && last.tx === tx) return;
  if (w.viewsStale) w.refreshViews();
  const l = evmLayout(w);
  const base = l.envPtr;
  writeAddress(w.u8, base + l.env.origin, tx.origin);
  writeU256(w.dv, base + l.env.gasPrice, tx.gasPrice);
  if (last !== undefined && last.block === block) {
    last.tx = tx;
    return;
  }
  written.set(w, { block, tx });
  writeAddress(w.u8, base + l.env.coinbase, block.coinbase);
  writeU256(w.dv, base + l.env.timestamp, block.timestamp);
  writeU256(w.dv, base + l.env.number, block.number);
  writeBytes32(w.u8, base + l.env.prevRandao, block.prevRandao);
  writeU256(w.dv, base + l.env.gasLimit, block.gasLimit);
  writeU256(w.dv, base + l.env.chainId, block.chainId);
  writeU256(w.dv, base + l.env.baseFee, block.baseFee);
  writeU256(w.dv, base + l.env.blobBaseFee, block.blobBaseFee);
}
