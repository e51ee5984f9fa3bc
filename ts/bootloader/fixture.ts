/**
 * The block fixture of interfaces.md §3 (the input of `zkos run-block`): profile, chain id,
 * pre-state and blocks, checked field by field. Every error is an InputError naming the JSON path.
 * Transactions stay as given (raw bytes, L1 objects mapped to ZkTransaction, ABI bodies); turning
 * them into oracle bodies is ts/bootloader/prepare.ts.
 * @module
 */
import { InputError } from "../errors";
import { hexToBytes, parseQuantity } from "../primitives/hex";
import { normalizeAddress, type Address } from "../state/address";
import type { AllocAccount } from "../state/world-state";
import type { ZkTransaction } from "../zksync/transaction/types";
import { zkTransactionFromL1Json } from "../zksync/transaction/from-ethereum";
import { BLOCK_HASHES_COUNT } from "../zksync/constants";
import { parseProfileName, type ProfileName } from "./profiles";

/**
 * One transaction of a block: a signed raw transaction (types 0, 1, 2, 0x71), an L1→L2 (0xff) or
 * upgrade (0xfe) transaction, or (an extension of interfaces.md §3, for tests of the decoder) the
 * oracle's ABI body itself, `{ "abiBody": "0x.." }`, handed to the bootloader unchecked.
 */
export type FixtureTransaction =
  | { readonly kind: "raw"; readonly raw: Uint8Array }
  | { readonly kind: "l1"; readonly tx: ZkTransaction }
  | { readonly kind: "abi"; readonly body: Uint8Array };

/** One block to run: its context and transactions. */
export interface BlockSpec {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly baseFee: bigint;
  readonly gasLimit: bigint;
  readonly coinbase: Address;
  /** 32 bytes: PREVRANDAO (the metadata's mix hash). */
  readonly prevRandao: Uint8Array;
  readonly gasPerPubdata: bigint;
  readonly nativePrice: bigint;
  /**
   * Hashes of blocks number − 1, number − 2, … (most recent first, at most 256, 32 bytes each);
   * null when the fixture omits them (then the chain's own history is used).
   */
  readonly blockHashes: readonly Uint8Array[] | null;
  readonly transactions: readonly FixtureTransaction[];
}

/** A parsed fixture. */
export interface BlockFixture {
  readonly profile: ProfileName;
  readonly chainId: bigint;
  /** Pre-state, geth `alloc` style, by normalized address. */
  readonly state: ReadonlyMap<Address, AllocAccount>;
  readonly blocks: readonly BlockSpec[];
}

/** Gas limit of a block that does not give one: 2^32 − 1, as anvil and the reference test rig. */
export const DEFAULT_BLOCK_GAS_LIMIT = 0xffff_ffffn;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function object(v: unknown, where: string): Record<string, unknown> {
  if (!isObject(v)) throw new InputError(where, "expected an object");
  return v;
}

function array(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new InputError(where, "expected an array");
  return v;
}

function bounded(v: unknown, bits: number, where: string): bigint {
  const q = parseQuantity(v, where);
  if (q >> BigInt(bits) !== 0n) throw new InputError(where, `does not fit in ${bits} bits`);
  return q;
}

function optionalBounded(v: unknown, bits: number, where: string, dflt: bigint): bigint {
  return v === undefined ? dflt : bounded(v, bits, where);
}

function fixedBytes(v: unknown, len: number, where: string): Uint8Array {
  const b = hexToBytes(v as string, where);
  if (b.length !== len) throw new InputError(where, `expected ${len} bytes, got ${b.length}`);
  return b;
}

/** An address from user input, lower-cased. @throws InputError at `where` */
export function parseAddress(v: unknown, where: string): Address {
  if (typeof v !== "string") throw new InputError(where, "expected an address (0x + 40 hex digits)");
  try {
    return normalizeAddress(v);
  } catch {
    throw new InputError(where, `not an address (0x + 40 hex digits): ${JSON.stringify(v).slice(0, 60)}`);
  }
}

/**
 * The pre-state: address → { balance, nonce, code, storage } (all optional).
 * @throws InputError naming the account and field at fault
 */
export function parseFixtureState(json: unknown, where = "state"): Map<Address, AllocAccount> {
  const out = new Map<Address, AllocAccount>();
  for (const [key, raw] of Object.entries(object(json, where))) {
    const at = `${where}[${JSON.stringify(key)}]`;
    const address = parseAddress(key, at);
    if (out.has(address)) throw new InputError(at, "address listed twice (addresses are case-insensitive)");
    const a = object(raw, at);
    const account: AllocAccount = {
      balance: `0x${bounded(a.balance ?? "0x0", 256, `${at}.balance`).toString(16)}`,
      nonce: `0x${bounded(a.nonce ?? "0x0", 64, `${at}.nonce`).toString(16)}`,
    };
    if (a.code !== undefined) account.code = hexToBytes(a.code as string, `${at}.code`);
    if (a.storage !== undefined) {
      const storage = new Map<bigint, bigint>();
      for (const [k, v] of Object.entries(object(a.storage, `${at}.storage`))) {
        storage.set(bounded(k, 256, `${at}.storage key ${JSON.stringify(k)}`), bounded(v, 256, `${at}.storage[${JSON.stringify(k)}]`));
      }
      account.storage = storage;
    }
    out.set(address, account);
  }
  return out;
}

function parseTransaction(v: unknown, where: string): FixtureTransaction {
  if (typeof v === "string") {
    const raw = hexToBytes(v, where);
    if (raw.length === 0) throw new InputError(where, "empty transaction");
    return { kind: "raw", raw };
  }
  const o = object(v, where);
  if (o.abiBody !== undefined) return { kind: "abi", body: hexToBytes(o.abiBody as string, `${where}.abiBody`) };
  return { kind: "l1", tx: zkTransactionFromL1Json(o, where) };
}

/**
 * One block of a fixture. Required: number, timestamp, transactions. Defaults: baseFee 0,
 * gasLimit 2^32 − 1, coinbase and prevRandao zero, gasPerPubdata 1 (Ethereum-typed transactions
 * accept no more), nativePrice max(1, ⌈baseFee / 100⌉) (the eth_runner's basefee/100 ratio),
 * blockHashes from the chain.
 * @throws InputError naming the field at fault
 */
export function parseBlockSpec(json: unknown, where = "block"): BlockSpec {
  const b = object(json, where);
  if (b.number === undefined) throw new InputError(`${where}.number`, "missing");
  if (b.timestamp === undefined) throw new InputError(`${where}.timestamp`, "missing");
  const baseFee = optionalBounded(b.baseFee, 256, `${where}.baseFee`, 0n);
  let blockHashes: Uint8Array[] | null = null;
  if (b.blockHashes !== undefined) {
    const list = array(b.blockHashes, `${where}.blockHashes`);
    if (list.length > BLOCK_HASHES_COUNT) throw new InputError(`${where}.blockHashes`, `at most ${BLOCK_HASHES_COUNT} hashes, got ${list.length}`);
    blockHashes = list.map((h, i) => fixedBytes(h, 32, `${where}.blockHashes[${i}]`));
  }
  return {
    number: bounded(b.number, 64, `${where}.number`),
    timestamp: bounded(b.timestamp, 64, `${where}.timestamp`),
    baseFee,
    gasLimit: optionalBounded(b.gasLimit, 64, `${where}.gasLimit`, DEFAULT_BLOCK_GAS_LIMIT),
    coinbase: b.coinbase === undefined ? "0x" + "0".repeat(40) : parseAddress(b.coinbase, `${where}.coinbase`),
    prevRandao: b.prevRandao === undefined ? new Uint8Array(32) : leftPad32(hexToBytes(b.prevRandao as string, `${where}.prevRandao`), `${where}.prevRandao`),
    gasPerPubdata: optionalBounded(b.gasPerPubdata, 256, `${where}.gasPerPubdata`, 1n),
    nativePrice: optionalBounded(b.nativePrice, 256, `${where}.nativePrice`, baseFee <= 100n ? 1n : (baseFee + 99n) / 100n),
    blockHashes,
    transactions: array(b.transactions ?? [], `${where}.transactions`).map((t, i) => parseTransaction(t, `${where}.transactions[${i}]`)),
  };
}

function leftPad32(b: Uint8Array, where: string): Uint8Array {
  if (b.length > 32) throw new InputError(where, `at most 32 bytes, got ${b.length}`);
  const out = new Uint8Array(32);
  out.set(b, 32 - b.length);
  return out;
}

/**
 * A whole fixture (interfaces.md §3). Keys other than profile, chainId, state and blocks (a
 * description, expected results) are ignored.
 * @throws InputError naming the JSON path at fault
 */
export function parseBlockFixture(json: unknown, where = "fixture"): BlockFixture {
  const f = object(json, where);
  const blocks = array(f.blocks, `${where}.blocks`).map((b, i) => parseBlockSpec(b, `${where}.blocks[${i}]`));
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i]!.number <= blocks[i - 1]!.number) {
      throw new InputError(`${where}.blocks[${i}].number`, `block numbers must increase (${blocks[i - 1]!.number} then ${blocks[i]!.number})`);
    }
  }
  return {
    profile: parseProfileName(f.profile ?? "zksync-os", `${where}.profile`),
    chainId: bounded(f.chainId, 64, `${where}.chainId`),
    state: parseFixtureState(f.state ?? {}, `${where}.state`),
    blocks,
  };
}
