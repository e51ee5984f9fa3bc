/**
 * Loader of the Ethereum GeneralStateTests JSON format (filled tests): one vector per `post.<fork>`
 * entry, its transaction expanded from the `transaction` arrays by `indexes` {data, gas, value}.
 * Malformed input raises InputError naming the file and the JSON path.
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors";
import { hexToBytes, parseQuantity } from "../primitives/hex";
import { rlpBytesToUint, rlpDecode } from "../primitives/rlp";
import { blobBaseFee, nextExcessBlobGas } from "./blob-gas";
import { addressFromSecretKey, type AccessListEntry, type Transaction, type TxType } from "./transaction";

/** An account of the test's `pre` state. */
export interface StateTestAccount {
  /** 20 bytes. */
  address: Uint8Array;
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  /** Slot → value, as listed (zero values kept if the file lists them). */
  storage: Map<bigint, bigint>;
}

/** The block context (`env`), with the derived values filled in. */
export interface StateTestEnv {
  /** 20 bytes. */
  coinbase: Uint8Array;
  gasLimit: bigint;
  number: bigint;
  timestamp: bigint;
  difficulty: bigint;
  /** PREVRANDAO: `currentRandom`, else the difficulty as a 32-byte word. */
  prevRandao: Uint8Array;
  /** `currentBaseFee`; else derived from parentBaseFee/GasUsed/GasLimit (EIP-1559); else 10. */
  baseFee: bigint;
  /** `currentExcessBlobGas`; else derived from parentExcessBlobGas/BlobGasUsed; else 0. */
  excessBlobGas: bigint;
  /** Derived from excessBlobGas (EIP-4844). */
  blobBaseFee: bigint;
  /** The state tests run on chain id 1. */
  chainId: bigint;
}

/** Which element of each `transaction` array a vector uses. */
export interface StateTestIndexes {
  data: number;
  gas: number;
  value: number;
}

/** One executable vector: a pre-state, a block context, a transaction and the expected outcome. */
export interface StateTestVector {
  file: string;
  /** The test's key in the file. */
  name: string;
  fork: string;
  /** Position in `post.<fork>`. */
  index: number;
  indexes: StateTestIndexes;
  /** Lower-case 0x address → account. Shared by all vectors of a test: never mutate it. */
  pre: ReadonlyMap<string, StateTestAccount>;
  /** Shared by all vectors of a test: never mutate it. */
  env: StateTestEnv;
  /** Fields may exceed their protocol limits (e.g. value ≥ 2^256) where the test expects a rejection. */
  transaction: Transaction;
  /** 32 bytes, or null when the file gives only `sender`. */
  secretKey: Uint8Array | null;
  /** E.g. "TransactionException.INTRINSIC_GAS_TOO_LOW"; null when the transaction must be accepted. */
  expectException: string | null;
  /** `post.<fork>[i].hash`: the post-state root, 32 bytes. */
  expectedStateRoot: Uint8Array;
  /** `post.<fork>[i].logs`: keccak256 of the RLP log list, 32 bytes. */
  expectedLogsHash: Uint8Array;
  /** `post.<fork>[i].txbytes`: the signed transaction as the filler encoded it, if given. */
  txBytes: Uint8Array | null;
}

type Json = Record<string, unknown>;

/** Parses one file's parts, remembering the file name for errors. */
class Reader {
  constructor(readonly file: string) {}

  where(path: string): string {
    return `${this.file} at ${path}`;
  }

  fail(path: string, message: string): never {
    throw new InputError(this.where(path), message);
  }

  obj(v: unknown, path: string): Json {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(path, `expected an object, got ${kind(v)}`);
    return v as Json;
  }

  arr(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, `expected an array, got ${kind(v)}`);
    return v;
  }

  /** A quantity; the fillers' `0x:bigint ` prefix marks values beyond 256 bits. */
  qty(v: unknown, path: string): bigint {
    if (v === undefined) this.fail(path, "missing");
    if (typeof v === "string" && v.startsWith("0x:bigint ")) v = v.slice(10);
    return parseQuantity(v, this.where(path));
  }

  word(v: unknown, path: string): bigint {
    const q = this.qty(v, path);
    if (q >> 256n !== 0n) this.fail(path, "value exceeds 256 bits");
    return q;
  }

  bytes(v: unknown, path: string, len?: number): Uint8Array {
    if (v === undefined) this.fail(path, "missing");
    const b = hexToBytes(v as string, this.where(path));
    if (len !== undefined && b.length !== len) this.fail(path, `expected ${len} bytes, got ${b.length}`);
    return b;
  }

  index(v: unknown, path: string, size: number): number {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= size) {
      this.fail(path, `expected an index below ${size}, got ${JSON.stringify(v)}`);
    }
    return v;
  }
}

function kind(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "an array" : typeof v;
}

/** `$.name.field` when the name is a plain identifier, else `$["name"].field`. */
function testPath(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `$.${name}` : `$[${JSON.stringify(name)}]`;
}

function parsePre(r: Reader, v: unknown, path: string): Map<string, StateTestAccount> {
  const pre = new Map<string, StateTestAccount>();
  for (const [addrHex, accV] of Object.entries(r.obj(v, path))) {
    const p = `${path}.${addrHex}`;
    const address = r.bytes(addrHex, p, 20);
    const acc = r.obj(accV, p);
    const storage = new Map<bigint, bigint>();
    for (const [slot, value] of Object.entries(r.obj(acc.storage ?? {}, `${p}.storage`))) {
      storage.set(r.word(slot, `${p}.storage.${slot}`), r.word(value, `${p}.storage.${slot}`));
    }
    pre.set(addrHex.toLowerCase(), {
      address,
      nonce: r.qty(acc.nonce, `${p}.nonce`),
      balance: r.qty(acc.balance, `${p}.balance`),
      code: r.bytes(acc.code ?? "0x", `${p}.code`),
      storage,
    });
  }
  return pre;
}

/** EIP-1559 base fee of a block from its parent (elasticity 2, change denominator 8). */
function nextBaseFee(parentBaseFee: bigint, parentGasUsed: bigint, parentGasLimit: bigint): bigint {
  const target = parentGasLimit / 2n;
  if (target === 0n || parentGasUsed === target) return parentBaseFee;
  if (parentGasUsed > target) {
    const delta = (parentBaseFee * (parentGasUsed - target)) / target / 8n;
    return parentBaseFee + (delta > 1n ? delta : 1n);
  }
  return parentBaseFee - (parentBaseFee * (target - parentGasUsed)) / target / 8n;
}

function parseEnv(r: Reader, v: unknown, path: string): StateTestEnv {
  const e = r.obj(v, path);
  const q = (k: string): bigint => r.qty(e[k], `${path}.${k}`);
  const has = (k: string): boolean => e[k] !== undefined;
  const difficulty = has("currentDifficulty") ? q("currentDifficulty") : 0n;
  let prevRandao: Uint8Array;
  if (has("currentRandom")) {
    const w = r.word(e.currentRandom, `${path}.currentRandom`);
    prevRandao = wordBytes(w);
  } else {
    if (difficulty >> 256n !== 0n) r.fail(`${path}.currentDifficulty`, "value exceeds 256 bits");
    prevRandao = wordBytes(difficulty);
  }
  let baseFee: bigint;
  if (has("currentBaseFee")) baseFee = q("currentBaseFee");
  else if (has("parentBaseFee")) baseFee = nextBaseFee(q("parentBaseFee"), q("parentGasUsed"), q("parentGasLimit"));
  // retesteth's convention when a London+ test gives neither (geth's statetest does the same).
  else baseFee = 10n;
  let excessBlobGas: bigint;
  if (has("currentExcessBlobGas")) excessBlobGas = q("currentExcessBlobGas");
  else if (has("parentExcessBlobGas")) excessBlobGas = nextExcessBlobGas(q("parentExcessBlobGas"), q("parentBlobGasUsed"));
  else excessBlobGas = 0n;
  return {
    coinbase: r.bytes(e.currentCoinbase, `${path}.currentCoinbase`, 20),
    gasLimit: q("currentGasLimit"),
    number: q("currentNumber"),
    timestamp: q("currentTimestamp"),
    difficulty,
    prevRandao,
    baseFee,
    excessBlobGas,
    blobBaseFee: blobBaseFee(excessBlobGas),
    chainId: 1n,
  };
}

function wordBytes(w: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0 && w > 0n; i--, w >>= 8n) out[i] = Number(w & 0xffn);
  return out;
}

/** The per-test parts of `transaction` that all vectors share, parsed once. */
interface TxTemplate {
  data: Uint8Array[];
  gasLimit: bigint[];
  value: bigint[];
  /** Per data index; null where the file has null (no access list: a legacy transaction). */
  accessLists: (AccessListEntry[] | null)[] | null;
  base: Omit<Transaction, "type" | "chainId" | "data" | "gasLimit" | "value" | "accessList"> & { chainId: bigint };
  dynamicFee: boolean;
  blob: boolean;
  secretKey: Uint8Array | null;
}

function parseAccessList(r: Reader, v: unknown, path: string): AccessListEntry[] {
  return r.arr(v, path).map((entryV, i) => {
    const entry = r.obj(entryV, `${path}[${i}]`);
    return {
      address: r.bytes(entry.address, `${path}[${i}].address`, 20),
      storageKeys: r.arr(entry.storageKeys, `${path}[${i}].storageKeys`).map((k, j) => r.bytes(k, `${path}[${i}].storageKeys[${j}]`, 32)),
    };
  });
}

function parseTransaction(r: Reader, v: unknown, path: string): TxTemplate {
  const t = r.obj(v, path);
  const has = (k: string): boolean => t[k] !== undefined;
  const q = (k: string): bigint => r.qty(t[k], `${path}.${k}`);
  const blob = has("blobVersionedHashes");
  const dynamicFee = blob || has("maxFeePerGas");
  const secretKey = has("secretKey") ? r.bytes(t.secretKey, `${path}.secretKey`, 32) : null;
  let sender: Uint8Array;
  if (has("sender")) sender = r.bytes(t.sender, `${path}.sender`, 20);
  else if (secretKey !== null) sender = addressFromSecretKey(secretKey);
  else r.fail(`${path}.sender`, "missing, and no secretKey to derive it from");
  const gasPrice = dynamicFee ? null : q("gasPrice");
  const toHex = t.to;
  if (typeof toHex !== "string") r.fail(`${path}.to`, `expected an address or "", got ${kind(toHex)}`);
  const data = r.arr(t.data, `${path}.data`).map((d, i) => r.bytes(d, `${path}.data[${i}]`));
  return {
    data,
    gasLimit: r.arr(t.gasLimit, `${path}.gasLimit`).map((g, i) => r.qty(g, `${path}.gasLimit[${i}]`)),
    value: r.arr(t.value, `${path}.value`).map((x, i) => r.qty(x, `${path}.value[${i}]`)),
    accessLists: has("accessLists")
      ? r.arr(t.accessLists, `${path}.accessLists`).map((al, i) => (al === null ? null : parseAccessList(r, al, `${path}.accessLists[${i}]`)))
      : null,
    base: {
      chainId: has("chainId") ? q("chainId") : 1n,
      nonce: q("nonce"),
      gasPrice,
      maxFeePerGas: gasPrice ?? q("maxFeePerGas"),
      maxPriorityFeePerGas: gasPrice ?? q("maxPriorityFeePerGas"),
      maxFeePerBlobGas: blob ? q("maxFeePerBlobGas") : 0n,
      blobVersionedHashes: blob ? r.arr(t.blobVersionedHashes, `${path}.blobVersionedHashes`).map((h, i) => r.bytes(h, `${path}.blobVersionedHashes[${i}]`, 32)) : [],
      to: toHex === "" ? null : r.bytes(toHex, `${path}.to`, 20),
      sender,
    },
    dynamicFee,
    blob,
    secretKey,
  };
}

/**
 * The chain id a legacy transaction was signed with, read from the `v` of its txbytes (27/28: none;
 * older fillers sign so, the Python fillers use EIP-155). Without usable txbytes, EIP-155 on chain 1.
 */
function legacyChainId(txBytes: Uint8Array | null, chainId: bigint): bigint | null {
  if (txBytes === null) return chainId;
  try {
    const items = rlpDecode(txBytes);
    if (Array.isArray(items) && items.length === 9) {
      const v = rlpBytesToUint(items[6]!, "v");
      if (v === 27n || v === 28n) return null;
      if (v >= 35n) return (v - 35n) >> 1n;
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
  }
  return chainId;
}

function buildTransaction(tpl: TxTemplate, ix: StateTestIndexes, txBytes: Uint8Array | null): Transaction {
  const accessList = tpl.accessLists === null ? null : (tpl.accessLists[ix.data] ?? null);
  const type: TxType = tpl.blob ? 3 : tpl.dynamicFee ? 2 : accessList !== null ? 1 : 0;
  return {
    ...tpl.base,
    type,
    chainId: type === 0 ? legacyChainId(txBytes, tpl.base.chainId) : tpl.base.chainId,
    data: tpl.data[ix.data]!,
    gasLimit: tpl.gasLimit[ix.gas]!,
    value: tpl.value[ix.value]!,
    accessList: accessList ?? [],
  };
}

/**
 * Every vector of one parsed state-test file for `fork` (tests without `post.<fork>` give none).
 * @param json - the parsed file
 * @param file - the file name, used in error messages
 * @throws InputError naming `file` and the JSON path of the first malformed field
 */
export function parseStateTests(json: unknown, file: string, fork = "Cancun"): StateTestVector[] {
  const r = new Reader(file);
  const vectors: StateTestVector[] = [];
  for (const [name, testV] of Object.entries(r.obj(json, "$"))) {
    const path = testPath(name);
    const test = r.obj(testV, path);
    const post = r.obj(test.post, `${path}.post`);
    if (post[fork] === undefined) continue;
    const entries = r.arr(post[fork], `${path}.post.${fork}`);
    const pre = parsePre(r, test.pre, `${path}.pre`);
    const env = parseEnv(r, test.env, `${path}.env`);
    const tpl = parseTransaction(r, test.transaction, `${path}.transaction`);
    entries.forEach((entryV, index) => {
      const p = `${path}.post.${fork}[${index}]`;
      const entry = r.obj(entryV, p);
      const ixV = r.obj(entry.indexes, `${p}.indexes`);
      const indexes = {
        data: r.index(ixV.data, `${p}.indexes.data`, tpl.data.length),
        gas: r.index(ixV.gas, `${p}.indexes.gas`, tpl.gasLimit.length),
        value: r.index(ixV.value, `${p}.indexes.value`, tpl.value.length),
      };
      const exc = entry.expectException;
      if (exc !== undefined && typeof exc !== "string") r.fail(`${p}.expectException`, `expected a string, got ${kind(exc)}`);
      const txBytes = entry.txbytes === undefined ? null : r.bytes(entry.txbytes, `${p}.txbytes`);
      vectors.push({
        file,
        name,
        fork,
        index,
        indexes,
        pre,
        env,
        transaction: buildTransaction(tpl, indexes, txBytes),
        secretKey: tpl.secretKey,
        expectException: typeof exc === "string" ? exc : null,
        expectedStateRoot: r.bytes(entry.hash, `${p}.hash`, 32),
        expectedLogsHash: r.bytes(entry.logs, `${p}.logs`, 32),
        txBytes,
      });
    });
  }
  return vectors;
}

/**
 * Reads and parses one state-test file.
 * @throws InputError when the file cannot be read, is not JSON, or is malformed (with the JSON path)
 */
export function loadStateTestFile(path: string, fork = "Cancun"): StateTestVector[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(path, `cannot read: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(path, `not valid JSON: ${(e as Error).message}`);
  }
  return parseStateTests(json, path, fork);
}

/**
 * The `.json` files named by `paths`, folders searched recursively, in sorted order per folder.
 * @throws InputError for a path that does not exist
 */
export function listStateTestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const ent of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(dir, ent.name);
      if (ent.isDirectory()) walk(p);
      else if (ent.name.endsWith(".json")) out.push(p);
    }
  };
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new InputError(p, "no such file or folder");
    }
    if (isDir) walk(p);
    else out.push(p);
  }
  return out;
}
