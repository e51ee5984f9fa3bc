import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBlockDump, DUMP_FILES, type DumpJson } from "../../ts/replay/block-dump";
import { loadBlockDump } from "../../ts/replay/block-dump-io";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { signTransaction } from "../../ts/ethereum/transaction";
import { InputError } from "../../ts/errors";
import { BLOCK_DIR, fixture } from "../helpers/replay-dump";

type Rpc = { result: unknown } & Record<string, unknown>;
const raw = (f: string): Rpc => JSON.parse(readFileSync(join(BLOCK_DIR, f), "utf8"));

/** The first `n` transactions of the fixture as in-memory dumps (cheap to mutate and parse). */
function smallDump(n: number): Record<keyof DumpJson, Rpc> {
  const block = raw("block.json") as Rpc & { result: { transactions: unknown[] } };
  block.result.transactions = block.result.transactions.slice(0, n);
  const cut = (f: string): Rpc => {
    const j = raw(f) as Rpc & { result: unknown[] };
    j.result = j.result.slice(0, n);
    return j;
  };
  return { block, prestatetrace: cut("prestatetrace.json"), calltrace: cut("calltrace.json"), difftrace: cut("difftrace.json"), receipts: cut("receipts.json") };
}

function inputError(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("expected an InputError");
}

describe("block dump: mainnet 22244135", () => {
  it("reads the block context", () => {
    const b = fixture().block;
    expect(b.number).toBe(22244135n);
    expect(b.timestamp).toBe(0x67f8c15bn);
    expect(b.baseFee).toBe(0x1b23ab2cn);
    expect(b.coinbase).toBe("0xcc8d83aa234ecc8ecceaf2a35b74c69d35bf1bb3");
    expect(bytesToHex(b.prevRandao)).toBe("0xbb532168a1e62c921bb1355987fbe25dba74ab171a462cfdd5d6ba6cec277511");
    expect(b.gasLimit).toBe(0x2232b93n);
    expect(b.gasUsed).toBe(0x8b8c02n);
    expect(b.chainId).toBe(1n);
    expect(b.hash).toBe("0xcb02a07ad62183abe1390b20eaf1be73c54fd2d80f8ebb3ee130118720056279");
    expect(b.parentHash).toBe("0x52b4161b6dea1850f14fe60059d7af6df82cffb4c35a927f9e2febca5fd779a8");
    expect(b.parentBeaconBlockRoot).toBe("0x11699606a199a94f84158841173a14fc161889b9132525d64a18a5c25904e167");
    // excessBlobGas 0x2f20000 → fake_exponential(1, 49414144, 3338477).
    expect(b.blobBaseFee).toBe(2680203n);
    expect(fixture().withdrawals.length).toBe(16);
  });

  it("rebuilds all 125 transactions to their hashes and senders", () => {
    const { transactions } = fixture();
    const block = raw("block.json") as { result: { transactions: { hash: string; from: string }[] } };
    expect(transactions.length).toBe(125);
    const types: Record<number, number> = {};
    transactions.forEach((t, i) => {
      expect(bytesToHex(t.tx.hash)).toBe(block.result.transactions[i]!.hash);
      expect(t.hash).toBe(block.result.transactions[i]!.hash);
      expect(bytesToHex(t.tx.sender)).toBe(block.result.transactions[i]!.from);
      types[t.tx.type] = (types[t.tx.type] ?? 0) + 1;
    });
    expect(types).toEqual({ 0: 36, 1: 1, 2: 88 });
  });

  it("pairs every transaction with its traces and receipt", () => {
    const { transactions, block } = fixture();
    let gas = 0n;
    transactions.forEach((t) => {
      gas += t.receipt.gasUsed;
      expect(t.receipt.cumulativeGasUsed).toBe(gas);
      expect(BigInt(t.calls.gas)).toBe(t.tx.gasLimit);
      expect(BigInt(t.calls.gasUsed)).toBe(t.receipt.gasUsed);
      expect(t.calls.from).toBe(t.from);
    });
    expect(gas).toBe(block.gasUsed);
    expect(transactions.filter((t) => !t.receipt.success).length).toBe(22);
    expect(transactions.reduce((n, t) => n + t.receipt.logs.length, 0)).toBe(176);
    expect(transactions[0]!.receipt.logs[0]!.topics[0]).toBe("0x06b541ddaa720db2b10a4d0cdac39b8d360425fc073085fac19bc82614677987");
  });

  it("lists the five file names", () => {
    expect(DUMP_FILES).toEqual(["block.json", "prestatetrace.json", "calltrace.json", "difftrace.json", "receipts.json"]);
  });
});

describe("block dump: errors name file and JSON path", () => {
  const cases: [string, (d: ReturnType<typeof smallDump>) => void, string, RegExp][] = [
    ["RPC error response", (d) => (d.block = { jsonrpc: "2.0", id: 1, error: { code: -32000, message: "no" } } as unknown as Rpc), "block.json $.error", /RPC call failed/],
    ["tampered transaction", (d) => ((d.block.result as { transactions: { nonce: string }[] }).transactions[1]!.nonce = "0x1"), "block.json $.result.transactions[1].hash", /rebuilt transaction hashes to 0x/],
    ["wrong sender", (d) => ((d.block.result as { transactions: { from: string }[] }).transactions[2]!.from = "0x" + "11".repeat(20)), "block.json $.result.transactions[2].from", /recovers 0x/],
    ["traces out of order", (d) => (d.prestatetrace.result as unknown[]).reverse(), "prestatetrace.json $.result[0].txHash", /block order/],
    ["too few traces", (d) => (d.difftrace.result as unknown[]).pop(), "difftrace.json $.result", /has 2 entries, the block has 3/],
    [
      "hex nonce in a prestate trace",
      (d) => ((d.prestatetrace.result as { result: Record<string, { nonce: unknown }> }[])[0]!.result["0x7646aed35a2acdc882d63fb9be752501ea366332"]!.nonce = "0x218"),
      'prestatetrace.json $.result[0].result["0x7646aed35a2acdc882d63fb9be752501ea366332"].nonce',
      /non-negative integer/,
    ],
    [
      "short storage value in a diff",
      (d) => {
        const post = (d.difftrace.result as { result: { post: Record<string, { storage: Record<string, string> }> } }[])[0]!.result.post;
        post["0xf411903cbc70a74d22900a5de66a2dda66507255"]!.storage["0xa34a98917529537b7b2da04a43d6b661c72e097683f94045a2be74b7e8278480"] = "0x01";
      },
      'difftrace.json $.result[0].result.post["0xf411903cbc70a74d22900a5de66a2dda66507255"].storage["0xa34a98917529537b7b2da04a43d6b661c72e097683f94045a2be74b7e8278480"]',
      /expected 32 bytes, got 1/,
    ],
    ["unknown frame type", (d) => ((d.calltrace.result as { result: { calls: { type: string }[] } }[])[0]!.result.calls[1]!.type = "JUMP"), "calltrace.json $.result[0].result.calls[1].type", /unknown frame type "JUMP"/],
    ["bad receipt status", (d) => ((d.receipts.result as { status: string }[])[2]!.status = "0x2"), "receipts.json $.result[2].status", /0x0 or 0x1/],
    ["receipt of another transaction", (d) => ((d.receipts.result as { transactionHash: string }[])[1]!.transactionHash = "0x" + "00".repeat(32)), "receipts.json $.result[1].transactionHash", /block order/],
    ["upper-case hex log data", (d) => ((d.receipts.result as { logs: { data: string }[] }[])[0]!.logs[0]!.data = "0xAB"), "receipts.json $.result[0].logs[0].data", /lower-case 0x hex/],
  ];
  it.each(cases)("%s", (_name, mutate, where, msg) => {
    const d = smallDump(3);
    mutate(d);
    const e = inputError(() => parseBlockDump(d, "."));
    expect(e.where).toBe(where);
    expect(e.message).toMatch(msg);
  });

  it("rejects a transaction of another chain", () => {
    const tx = signTransaction(
      {
        type: 2, chainId: 5n, nonce: 0n, gasPrice: null, maxFeePerGas: 10n ** 10n, maxPriorityFeePerGas: 1n, maxFeePerBlobGas: 0n,
        blobVersionedHashes: [], gasLimit: 21000n, to: hexToBytes("0x" + "35".repeat(20)), value: 1n, data: new Uint8Array(0), accessList: [],
      },
      hexToBytes("0x" + "46".repeat(32)),
    );
    const d = smallDump(1);
    (d.block.result as { transactions: unknown[] }).transactions[0] = {
      type: "0x2", chainId: "0x5", nonce: "0x0", maxFeePerGas: "0x2540be400", maxPriorityFeePerGas: "0x1", gas: "0x5208",
      to: "0x" + "35".repeat(20), value: "0x1", input: "0x", accessList: [], v: "0x" + tx.signature.v.toString(16),
      r: "0x" + tx.signature.r.toString(16), s: "0x" + tx.signature.s.toString(16), hash: bytesToHex(tx.hash),
      from: bytesToHex(tx.sender), transactionIndex: "0x0",
    };
    const e = inputError(() => parseBlockDump(d));
    expect(e.where).toBe("block.json $.result.transactions[0].chainId");
    expect(e.message).toMatch(/expected mainnet \(1\), got 5/);
  });

  it("parses the unmodified three-transaction dump", () => {
    expect(parseBlockDump(smallDump(3)).transactions.map((t) => t.index)).toEqual([0, 1, 2]);
  });

  it("names a missing file and a file that is not JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "zkos-replay-"));
    let e = inputError(() => loadBlockDump(dir));
    expect(e.where).toBe(join(dir, "block.json"));
    expect(e.message).toMatch(/cannot read/);
    for (const f of DUMP_FILES) copyFileSync(join(BLOCK_DIR, f), join(dir, f));
    writeFileSync(join(dir, "receipts.json"), "{ not json");
    e = inputError(() => loadBlockDump(dir));
    expect(e.where).toBe(join(dir, "receipts.json"));
    expect(e.message).toMatch(/not JSON/);
  });
});
