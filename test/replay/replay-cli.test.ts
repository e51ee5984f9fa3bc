// `zkos replay` (interfaces.md §2) through the built CLI: both profiles pass the real block, --json
// has the contract's shape, --trace writes geth's traces equal to the dumps (struct: the struct
// logger's shape, gas and step count as test/tracing/struct-steps-mainnet.test.ts saw them), a tampered receipt
// fails with the difference named (exit 1), bad usage and unreadable dumps exit 2.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BLOCK_DIR, fixture } from "../helpers/replay-dump";
import { DUMP_FILES } from "../../ts/replay/block-dump";

const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "zkos-replay-cli-"));

function cli(...argv: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, "replay", ...argv], { encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe("zkos replay", () => {
  it("ethereum profile: all 125 pass, exit 0", () => {
    const { code, out } = cli(BLOCK_DIR);
    expect(code).toBe(0);
    expect(out).toMatch(/^block 22244135 \(ethereum\): 125 transactions in \d+ ms \([\d.]+ Mgas\/s\)\n125 passed, 0 failed\n$/);
  });

  it("zksync-os profile: all pass, 12 with refund-explained differences", () => {
    const { code, out } = cli(BLOCK_DIR, "--profile", "zksync-os");
    expect(code).toBe(0);
    expect(out).toMatch(/\(zksync-os\): 125 transactions .*, 12 with differences the profile accepts\n125 passed, 0 failed\n$/);
  });

  it("--json: the interfaces.md document", () => {
    const { code, out } = cli(BLOCK_DIR, "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(["block", "passed", "failed", "transactions"]);
    expect([doc.block, doc.passed, doc.failed, doc.transactions.length]).toEqual([22244135, 125, 0, 125]);
    expect(doc.transactions[0]).toEqual({ hash: "0xaa7e65e597da35e0836ac7fc871c5e2c7f5d9a24596c622e98b43a09faf1dd0e", pass: true, mismatches: [] });
  });

  it.each([["call", "calltrace.json"], ["prestate", "prestatetrace.json"], ["diff", "difftrace.json"]])("--trace %s writes what geth wrote (%s)", (kind, file) => {
    const path = join(tmp, `${kind}.json`);
    expect(cli(BLOCK_DIR, "--trace", kind, "--trace-out", path).code).toBe(0);
    const ours = JSON.parse(readFileSync(path, "utf8"));
    const geth = JSON.parse(readFileSync(join(BLOCK_DIR, file), "utf8")).result;
    expect(ours.length).toBe(125);
    // Members in geth's txTraceResult order (txHash, result); each result byte for byte as geth's.
    expect(ours.map((t: any) => Object.keys(t).join())).toEqual(Array(125).fill("txHash,result"));
    expect(ours.map((t: any) => t.txHash)).toEqual(geth.map((t: any) => t.txHash));
    expect(ours.map((t: any) => JSON.stringify(t.result))).toEqual(geth.map((t: any) => JSON.stringify(t.result)));
  });

  it("--trace struct: one {txHash, result: {gas, failed, returnValue, structLogs}} a line, gas as the receipts", () => {
    const path = join(tmp, "struct.json");
    expect(cli(BLOCK_DIR, "--trace", "struct", "--trace-out", path).code).toBe(0);
    const lines = readFileSync(path, "utf8").split("\n");
    expect([lines[0], lines[126], lines[127], lines.length]).toEqual(["[", "]", "", 128]);
    const txs = fixture().transactions;
    const results = lines.slice(1, 126).map((line, i) => {
      const t = JSON.parse(line.endsWith(",") ? line.slice(0, -1) : line);
      expect(Object.keys(t).join(), `tx ${i}`).toBe("txHash,result");
      expect(Object.keys(t.result).join(), `tx ${i}`).toBe("gas,failed,returnValue,structLogs");
      return t;
    });
    expect(results.map((t) => t.txHash)).toEqual(txs.map((t) => t.hash));
    expect(results.map((t) => [t.result.gas, t.result.failed])).toEqual(txs.map((t) => [Number(t.receipt.gasUsed), !t.receipt.success]));
    // geth's default config: stack and storage, no memory or return data.
    expect(results.some((t) => t.result.structLogs.some((l: any) => "memory" in l || "returnData" in l))).toBe(false);
    // tx 5, an ERC-20 transfer: 571 steps, as @ethereumjs/vm counts them on the same pre-state.
    const transfer = results[5].result;
    expect([transfer.gas, transfer.structLogs.length, transfer.returnValue]).toEqual([63209, 571, "0x"]);
    // The first step has the gas limit less the intrinsic gas (no access list): 16 per non-zero calldata byte, 4 per zero.
    const { data, gasLimit, accessList } = txs[5]!.tx;
    expect(accessList).toEqual([]);
    const intrinsic = data.reduce((g, b) => g + (b === 0 ? 4 : 16), 21_000);
    expect(transfer.structLogs[0]).toEqual({ pc: 0, op: "PUSH1", gas: Number(gasLimit) - intrinsic, gasCost: 3, depth: 1, stack: [] });
    expect(transfer.structLogs.find((l: any) => l.op === "SSTORE").storage).toBeDefined();
    // A plain transfer runs no code.
    expect(results[1].result).toEqual({ gas: 21000, failed: false, returnValue: "0x", structLogs: [] });
  });

  it("a tampered receipt fails that transaction with the difference named, exit 1", () => {
    const dir = mkdtempSync(join(tmp, "tampered-"));
    for (const f of DUMP_FILES) copyFileSync(join(BLOCK_DIR, f), join(dir, f));
    const receipts = JSON.parse(readFileSync(join(dir, "receipts.json"), "utf8"));
    const r = receipts.result[7];
    const gas = BigInt(r.gasUsed);
    r.gasUsed = "0x" + (gas + 1n).toString(16);
    writeFileSync(join(dir, "receipts.json"), JSON.stringify(receipts));
    const { code, out } = cli(dir);
    expect(code).toBe(1);
    expect(out).toContain(`FAIL ${r.transactionHash}: gasUsed: expected ${gas + 1n}, got ${gas} (-1)`);
    expect(out).toMatch(/124 passed, 1 failed\n$/);
  });

  it("bad usage and unreadable dumps: exit 2 with the reason", () => {
    expect(cli().code).toBe(2);
    let r = cli(BLOCK_DIR, "--profile", "geth");
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("--profile must be one of ethereum, zksync-os")]);
    r = cli(BLOCK_DIR, "--trace", "call");
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("--trace and --trace-out go together")]);
    r = cli(join(tmp, "missing"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/block\.json/);
  });
});
