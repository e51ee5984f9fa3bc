/**
 * Parses a mainnet block's RPC dumps (interfaces.md §2 `zkos replay`; zksync-os-reference.md §9):
 * block.json, prestatetrace.json, calltrace.json, difftrace.json, receipts.json. Checks every shape
 * the replay relies on, naming file and JSON path, and rebuilds each transaction to its hash. Reading
 * them from a folder is block-dump-io.ts (Node only).
 * @module
 */
import { InputError } from "../errors";
import { bytesToHex, hexToBytes, parseQuantity } from "../primitives/hex";
import { decodeTransaction, encodeTransaction, transactionFromRpc, type SignedTransaction } from "../ethereum/transaction";
import { blobBaseFee } from "../ethereum/blob-gas";
import type { GethCallFrame } from "../tracing/call-tracer";
import type { GethDiffResult, GethPrestateAccount, GethPrestateResult } from "../tracing/prestate-tracer";

/** `dir/file` for messages (path.join's result for the relative and absolute folders used here). */
function inDir(dir: string, file: string): string {
  return dir === "." || dir === "" ? file : `${dir.replace(/\/+$/, "")}/${file}`;
}

/** The file names of a block directory. */
export const DUMP_FILES = ["block.json", "prestatetrace.json", "calltrace.json", "difftrace.json", "receipts.json"] as const;

/** The block context the transactions run in (shaped like the EVM's BlockContext, minus blockHash). */
export interface DumpBlockContext {
  number: bigint;
  hash: string;
  parentHash: string;
  timestamp: bigint;
  baseFee: bigint;
  /** The miner (fee recipient). */
  coinbase: string;
  /** mixHash, 32 bytes (EIP-4399). */
  prevRandao: Uint8Array;
  gasLimit: bigint;
  gasUsed: bigint;
  /** Mainnet. */
  chainId: bigint;
  /** From excessBlobGas (EIP-4844/7516); 1 when the header has none. */
  blobBaseFee: bigint;
  parentBeaconBlockRoot: string | null;
}

/** A consensus-layer withdrawal, credited after the last transaction (amount in gwei). */
export interface DumpWithdrawal {
  index: bigint;
  validatorIndex: bigint;
  address: string;
  amountGwei: bigint;
}

/** A log as a receipt lists it. */
export interface DumpLog {
  address: string;
  topics: string[];
  data: string;
}

/** The receipt fields the replay checks. */
export interface DumpReceipt {
  success: boolean;
  gasUsed: bigint;
  cumulativeGasUsed: bigint;
  logs: DumpLog[];
  contractAddress: string | null;
}

/** One transaction of the block with everything the dumps say about it. */
export interface DumpTransaction {
  index: number;
  hash: string;
  /** The rebuilt signed transaction (raw bytes, fields, recovered sender). */
  tx: SignedTransaction;
  from: string;
  prestate: GethPrestateResult;
  diff: GethDiffResult;
  calls: GethCallFrame;
  receipt: DumpReceipt;
}

/** A loaded block directory. */
export interface BlockDump {
  dir: string;
  block: DumpBlockContext;
  transactions: DumpTransaction[];
  withdrawals: DumpWithdrawal[];
}

type Json = Record<string, unknown>;

const HEX_RE = /^0x[0-9a-f]*$/;
const CALL_TYPES = new Set<string>(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE", "CREATE", "CREATE2", "SELFDESTRUCT"]);

/** JSON-path helpers: every check names `file $.path`. */
class Reader {
  constructor(readonly file: string) {}

  where(path: string): string {
    return `${this.file} ${path}`;
  }

  fail(path: string, msg: string): never {
    throw new InputError(this.where(path), msg);
  }

  obj(v: unknown, path: string): Json {
    if (typeof v !== "object" || v === null || Array.isArray(v)) this.fail(path, "expected an object");
    return v as Json;
  }

  arr(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, "expected an array");
    return v;
  }

  str(v: unknown, path: string): string {
    if (typeof v !== "string") this.fail(path, `expected a string, got ${JSON.stringify(v)?.slice(0, 60)}`);
    return v;
  }

  /** Lower-case 0x hex data, optionally of a fixed byte length. */
  data(v: unknown, path: string, len?: number): string {
    const s = this.str(v, path);
    if (!HEX_RE.test(s) || s.length % 2 !== 0) this.fail(path, `expected lower-case 0x hex bytes, got ${JSON.stringify(s.slice(0, 60))}`);
    if (len !== undefined && s.length !== 2 + 2 * len) this.fail(path, `expected ${len} bytes, got ${(s.length - 2) / 2}`);
    return s;
  }

  quantity(v: unknown, path: string): bigint {
    if (typeof v !== "string" || !/^0x(0|[1-9a-f][0-9a-f]*)$/.test(v)) this.fail(path, `expected a 0x quantity, got ${JSON.stringify(v)?.slice(0, 60)}`);
    return BigInt(v);
  }

  /** A JSON number that is a non-negative safe integer (the tracer's nonce). */
  count(v: unknown, path: string): number {
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) this.fail(path, `expected a non-negative integer, got ${JSON.stringify(v)}`);
    return v;
  }
}

function rpcResult(json: unknown, file: string): unknown {
  const r = new Reader(file);
  const o = r.obj(json, "$");
  if (o.error !== undefined) r.fail("$.error", `the RPC call failed: ${JSON.stringify(o.error).slice(0, 200)}`);
  if (!("result" in o)) r.fail("$", "no `result` member (not a JSON-RPC response)");
  return o.result;
}

function prestateAccounts(r: Reader, v: unknown, path: string): GethPrestateResult {
  const o = r.obj(v, path);
  const out: GethPrestateResult = {};
  for (const [addr, acc] of Object.entries(o)) {
    const p = `${path}["${addr}"]`;
    r.data(addr, `${p} (address)`, 20);
    const a = r.obj(acc, p);
    const account: GethPrestateAccount = {};
    for (const key of Object.keys(a)) {
      if (key !== "balance" && key !== "code" && key !== "nonce" && key !== "storage") r.fail(`${p}.${key}`, "unknown account member");
    }
    if (a.balance !== undefined) {
      r.quantity(a.balance, `${p}.balance`);
      account.balance = a.balance as string;
    }
    if (a.code !== undefined) account.code = r.data(a.code, `${p}.code`);
    if (a.nonce !== undefined) account.nonce = r.count(a.nonce, `${p}.nonce`);
    if (a.storage !== undefined) {
      const s = r.obj(a.storage, `${p}.storage`);
      account.storage = {};
      for (const [k, val] of Object.entries(s)) {
        r.data(k, `${p}.storage (key ${k})`, 32);
        account.storage[k] = r.data(val, `${p}.storage["${k}"]`, 32);
      }
    }
    out[addr] = account;
  }
  return out;
}

function callFrame(r: Reader, v: unknown, path: string): GethCallFrame {
  const o = r.obj(v, path);
  const type = r.str(o.type, `${path}.type`);
  if (!CALL_TYPES.has(type)) r.fail(`${path}.type`, `unknown frame type ${JSON.stringify(type)}`);
  r.data(o.from, `${path}.from`, 20);
  if (o.to !== undefined) r.data(o.to, `${path}.to`, 20);
  r.quantity(o.gas, `${path}.gas`);
  r.quantity(o.gasUsed, `${path}.gasUsed`);
  r.data(o.input, `${path}.input`);
  if (o.output !== undefined) r.data(o.output, `${path}.output`);
  if (o.value !== undefined) r.quantity(o.value, `${path}.value`);
  if (o.error !== undefined) r.str(o.error, `${path}.error`);
  if (o.revertReason !== undefined) r.str(o.revertReason, `${path}.revertReason`);
  if (o.calls !== undefined) r.arr(o.calls, `${path}.calls`).forEach((c, i) => callFrame(r, c, `${path}.calls[${i}]`));
  return o as unknown as GethCallFrame;
}

function receipt(r: Reader, v: unknown, path: string, hash: string, index: number): DumpReceipt {
  const o = r.obj(v, path);
  if (r.str(o.transactionHash, `${path}.transactionHash`) !== hash) r.fail(`${path}.transactionHash`, `expected ${hash} (block order)`);
  if (r.quantity(o.transactionIndex, `${path}.transactionIndex`) !== BigInt(index)) r.fail(`${path}.transactionIndex`, `expected ${index}`);
  const status = r.quantity(o.status, `${path}.status`);
  if (status > 1n) r.fail(`${path}.status`, `expected 0x0 or 0x1, got ${o.status}`);
  return {
    success: status === 1n,
    gasUsed: r.quantity(o.gasUsed, `${path}.gasUsed`),
    cumulativeGasUsed: r.quantity(o.cumulativeGasUsed, `${path}.cumulativeGasUsed`),
    logs: r.arr(o.logs, `${path}.logs`).map((l, i) => {
      const lp = `${path}.logs[${i}]`;
      const lo = r.obj(l, lp);
      return {
        address: r.data(lo.address, `${lp}.address`, 20),
        topics: r.arr(lo.topics, `${lp}.topics`).map((t, j) => r.data(t, `${lp}.topics[${j}]`, 32)),
        data: r.data(lo.data, `${lp}.data`),
      };
    }),
    contractAddress: o.contractAddress === null || o.contractAddress === undefined ? null : r.data(o.contractAddress, `${path}.contractAddress`, 20),
  };
}

/** Per-transaction trace entries `{txHash, result}`, in block order. */
function traceEntries(r: Reader, v: unknown, hashes: readonly string[]): unknown[] {
  const list = r.arr(v, "$.result");
  if (list.length !== hashes.length) r.fail("$.result", `has ${list.length} entries, the block has ${hashes.length} transactions`);
  return list.map((e, i) => {
    const o = r.obj(e, `$.result[${i}]`);
    if (o.error !== undefined) r.fail(`$.result[${i}].error`, `tracing failed: ${JSON.stringify(o.error).slice(0, 200)}`);
    if (o.txHash !== undefined && o.txHash !== hashes[i]) r.fail(`$.result[${i}].txHash`, `expected ${hashes[i]} (block order), got ${String(o.txHash)}`);
    return o.result;
  });
}

/** The five files' JSON-RPC responses, already parsed (for callers that have them in memory). */
export interface DumpJson {
  block: unknown;
  prestatetrace: unknown;
  calltrace: unknown;
  difftrace: unknown;
  receipts: unknown;
}

/**
 * Validates parsed dumps and assembles the block: context, withdrawals, and per transaction the
 * rebuilt signed transaction (its keccak must equal the dump's hash, its sender `from`) with its
 * prestate trace, diff trace, call trace and receipt.
 * @throws InputError naming the file and JSON path of the first problem
 */
export function parseBlockDump(json: DumpJson, dir = "."): BlockDump {
  const br = new Reader(inDir(dir, "block.json"));
  const b = br.obj(rpcResult(json.block, br.file), "$.result");
  const header: DumpBlockContext = {
    number: br.quantity(b.number, "$.result.number"),
    hash: br.data(b.hash, "$.result.hash", 32),
    parentHash: br.data(b.parentHash, "$.result.parentHash", 32),
    timestamp: br.quantity(b.timestamp, "$.result.timestamp"),
    baseFee: br.quantity(b.baseFeePerGas, "$.result.baseFeePerGas"),
    coinbase: br.data(b.miner, "$.result.miner", 20),
    prevRandao: hexToBytes(br.data(b.mixHash, "$.result.mixHash", 32)),
    gasLimit: br.quantity(b.gasLimit, "$.result.gasLimit"),
    gasUsed: br.quantity(b.gasUsed, "$.result.gasUsed"),
    chainId: 1n,
    blobBaseFee: b.excessBlobGas === undefined ? 1n : blobBaseFee(br.quantity(b.excessBlobGas, "$.result.excessBlobGas")),
    parentBeaconBlockRoot: b.parentBeaconBlockRoot === undefined ? null : br.data(b.parentBeaconBlockRoot, "$.result.parentBeaconBlockRoot", 32),
  };
  const rpcTxs = br.arr(b.transactions, "$.result.transactions");
  const built = rpcTxs.map((t, i) => {
    const p = `$.result.transactions[${i}]`;
    const o = br.obj(t, p);
    if (typeof o.hash !== "string") br.fail(`${p}.hash`, "expected a hash (the block must be fetched with full transactions)");
    const hash = br.data(o.hash, `${p}.hash`, 32);
    const from = br.data(o.from, `${p}.from`, 20);
    const { fields, signature } = transactionFromRpc(o, br.where(p));
    const tx = decodeTransaction(encodeTransaction(fields, signature), br.where(p));
    if (bytesToHex(tx.hash) !== hash) br.fail(`${p}.hash`, `the rebuilt transaction hashes to ${bytesToHex(tx.hash)}`);
    if (bytesToHex(tx.sender) !== from) br.fail(`${p}.from`, `the signature recovers ${bytesToHex(tx.sender)}`);
    if (tx.chainId !== null && tx.chainId !== header.chainId) br.fail(`${p}.chainId`, `expected mainnet (1), got ${tx.chainId}`);
    if (parseQuantity(o.transactionIndex, br.where(`${p}.transactionIndex`)) !== BigInt(i)) br.fail(`${p}.transactionIndex`, `expected ${i}`);
    return { hash, from, tx };
  });
  const withdrawals = b.withdrawals === undefined ? [] : br.arr(b.withdrawals, "$.result.withdrawals").map((w, i) => {
    const p = `$.result.withdrawals[${i}]`;
    const o = br.obj(w, p);
    return {
      index: br.quantity(o.index, `${p}.index`),
      validatorIndex: br.quantity(o.validatorIndex, `${p}.validatorIndex`),
      address: br.data(o.address, `${p}.address`, 20),
      amountGwei: br.quantity(o.amount, `${p}.amount`),
    };
  });
  const hashes = built.map((t) => t.hash);

  const pr = new Reader(inDir(dir, "prestatetrace.json"));
  const prestates = traceEntries(pr, rpcResult(json.prestatetrace, pr.file), hashes).map((v, i) => prestateAccounts(pr, v, `$.result[${i}].result`));
  const dr = new Reader(inDir(dir, "difftrace.json"));
  const diffs = traceEntries(dr, rpcResult(json.difftrace, dr.file), hashes).map((v, i): GethDiffResult => {
    const o = dr.obj(v, `$.result[${i}].result`);
    return { post: prestateAccounts(dr, o.post, `$.result[${i}].result.post`), pre: prestateAccounts(dr, o.pre, `$.result[${i}].result.pre`) };
  });
  const cr = new Reader(inDir(dir, "calltrace.json"));
  const calls = traceEntries(cr, rpcResult(json.calltrace, cr.file), hashes).map((v, i) => callFrame(cr, v, `$.result[${i}].result`));
  const rr = new Reader(inDir(dir, "receipts.json"));
  const rlist = rr.arr(rpcResult(json.receipts, rr.file), "$.result");
  if (rlist.length !== hashes.length) rr.fail("$.result", `has ${rlist.length} receipts, the block has ${hashes.length} transactions`);
  const receipts = rlist.map((v, i) => receipt(rr, v, `$.result[${i}]`, hashes[i]!, i));

  const transactions = built.map((t, i): DumpTransaction => ({
    index: i, hash: t.hash, tx: t.tx, from: t.from,
    prestate: prestates[i]!, diff: diffs[i]!, calls: calls[i]!, receipt: receipts[i]!,
  }));
  return { dir, block: header, transactions, withdrawals };
}
