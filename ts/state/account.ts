/**
 * One account of the in-memory Ethereum world state: nonce, balance, code (with its keccak hash
 * computed once, on demand) and storage holding non-zero slots only.
 * @module
 */
import { keccak256 } from "../crypto/keccak";
import { hexToBytes } from "../primitives/hex";
import type { Word } from "./word";

/** keccak256 of empty code. */
export const EMPTY_CODE_HASH: Uint8Array = hexToBytes(
  "0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
);

const NO_CODE = new Uint8Array(0);

export class Account {
  nonce: bigint;
  balance: bigint;
  /** Never mutated in place: setting code replaces the array (code caches key on its identity). */
  code: Uint8Array;
  private hash: Uint8Array | undefined;
  /** Non-zero slots only. */
  readonly storage: Map<Word, Word>;
  /**
   * The values at the start of the running transaction of the slots written in it (EIP-2200's
   * "original value"); undefined until the first write of the transaction.
   */
  txOriginal: Map<Word, Word> | undefined;

  constructor(nonce = 0n, balance = 0n, code: Uint8Array = NO_CODE, storage: Map<Word, Word> = new Map()) {
    this.nonce = nonce;
    this.balance = balance;
    this.code = code;
    this.storage = storage;
  }

  /** keccak256 of the code (EMPTY_CODE_HASH for none). */
  get codeHash(): Uint8Array {
    if (this.hash === undefined) this.hash = this.code.length === 0 ? EMPTY_CODE_HASH : keccak256(this.code);
    return this.hash;
  }

  /** Replaces the code; `hash` may be supplied when already known. */
  setCode(code: Uint8Array, hash?: Uint8Array): void {
    this.code = code;
    this.hash = hash;
  }

  /** EIP-161 "empty": no code, zero nonce, zero balance. */
  get isEmpty(): boolean {
    return this.nonce === 0n && this.balance === 0n && this.code.length === 0;
  }
}
