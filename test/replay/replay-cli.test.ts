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

  it("--trace struct --trace-tx: the chosen transactions, one {txHash, result: {gas, failed, returnValue, structLogs}} a line", () => {
    const path = join(tmp, "struct.json");
    const txs = fixture().transactions;
    expect(cli(BLOCK_DIR, "--trace", "struct", "--trace-out", path, "--trace-tx", `1,5,${txs[28]!.hash}`).code).toBe(0);
    const lines = readFileSync(path, "utf8").split("\n");
    expect([lines[0], lines[4], lines[5], lines.length]).toEqual(["[", "]", "", 6]);
    const results = lines.slice(1, 4).map((line, i) => {
      const t = JSON.parse(line.endsWith(",") ? line.slice(0, -1) : line);
      expect(Object.keys(t).join(), `line ${i}`).toBe("txHash,result");
      expect(Object.keys(t.result).join(), `line ${i}`).toBe("gas,failed,returnValue,structLogs");
      return t;
    });
    const chosen = [txs[1]!, txs[5]!, txs[28]!];
    expect(results.map((t) => t.txHash)).toEqual(chosen.map((t) => t.hash));
    expect(results.map((t) => [t.result.gas, t.result.failed])).toEqual(chosen.map((t) => [Number(t.receipt.gasUsed), !t.receipt.success]));
    // geth's default config: stack and storage, no memory or return data.
    expect(results.some((t) => t.result.structLogs.some((l: any) => "memory" in l || "returnData" in l))).toBe(false);
    // A plain transfer runs no code.
    expect(results[0].result).toEqual({ gas: 21000, failed: false, returnValue: "0x", structLogs: [] });
    // tx 5, an ERC-20 transfer: 571 steps, as @ethereumjs/vm counts them on the same pre-state.
    const transfer = results[1].result;
    expect([transfer.gas, transfer.structLogs.length, transfer.returnValue]).toEqual([63209, 571, "0x"]);
    // The first step has the gas limit less the intrinsic gas (no access list): 16 per non-zero calldata byte, 4 per zero.
    const { data, gasLimit, accessList } = txs[5]!.tx;
    expect(accessList).toEqual([]);
    const intrinsic = data.reduce((g, b) => g + (b === 0 ? 4 : 16), 21_000);
    expect(transfer.structLogs[0]).toEqual({ pc: 0, op: "PUSH1", gas: Number(gasLimit) - intrinsic, gasCost: 3, depth: 1, stack: [] });
    expect(transfer.structLogs.find((l: any) => l.op === "SSTORE").storage).toBeDefined();
    // tx 28 reverts: geth keeps the revert data as returnValue.
    expect(results[2].result.failed).toBe(true);
  });

  it("--profile zksync-os --trace call: the bootloader's frames as geth's callTracer writes them", () => {
    const path = join(tmp, "zk-call.json");
    const txs = fixture().transactions;
    expect(cli(BLOCK_DIR, "--profile", "zksync-os", "--trace", "call", "--trace-out", path, "--trace-tx", "48,75").code).toBe(0);
    const ours = JSON.parse(readFileSync(path, "utf8"));
    expect(ours.map((t: any) => t.txHash)).toEqual([txs[48]!.hash, txs[75]!.hash]);
    // Equal to geth's but for the top frame's gasUsed, where ZKsync OS grants no refund.
    for (const [k, t] of [txs[48]!, txs[75]!].entries()) expect({ ...ours[k].result, gasUsed: t.calls.gasUsed }).toEqual(t.calls);
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
    r = cli(BLOCK_DIR, "--trace", "call", "--trace-out", join(tmp, "x.json"), "--trace-tx", "125");
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("--trace-tx 125: no such transaction")]);
    r = cli(BLOCK_DIR, "--profile", "zksync-os", "--trace", "struct", "--trace-out", join(tmp, "x.json"));
    expect([r.code, r.err]).toEqual([2, expect.stringContaining("--trace struct is available under the ethereum profile")]);
    r = cli(join(tmp, "missing"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/block\.json/);
  });
});
