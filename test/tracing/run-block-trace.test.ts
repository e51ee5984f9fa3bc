// `zkos run-block --trace call` through the built CLI: every executed transaction of the ethereum
// profile fixture gets geth's callTracer frame (a creation with the deployed code as output, a call,
// a plain transfer, a revert with its data and error); an invalid transaction gets null. Under the
// ZKsync OS profile the execution's frames are traced the same way, without changing any result.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const FIXTURE = "test/fixtures/zksync/ethereum-profile.json";

function cli(...argv: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, "run-block", ...argv], { encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe("run-block --trace call", () => {
  it("--json: a callTrace per transaction in geth's shape", () => {
    const { code, out } = cli(FIXTURE, "--trace", "call", "--json");
    expect(code).toBe(0);
    const txs = JSON.parse(out).blocks[0].transactions;
    const traces = txs.map((t: { callTrace: unknown }) => t.callTrace);
    expect(traces[0]).toMatchObject({ from: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", gas: "0xf4240", gasUsed: "0x195c3", to: "0x5fbdb2315678afecb367f032d93f642f64180aa3", value: "0x0", type: "CREATE" });
    expect(traces[0].output).toMatch(/^0x60003560e01c/);
    expect(Object.keys(traces[1])).toEqual(["from", "gas", "gasUsed", "to", "input", "output", "value", "type"]);
    expect(traces[1].gasUsed).toBe("0x" + BigInt(txs[1].gasUsed).toString(16));
    expect(traces[2]).toEqual({ from: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", gas: "0xf4240", gasUsed: "0x5208", to: "0x000000000000000000000000000000000000b0b1", input: "0x", value: "0x3", type: "CALL" });
    expect(traces[3]).toMatchObject({ error: "execution reverted", output: "0x" + "00".repeat(30) + "dead" });
    expect(txs[4].status).toBe("invalid");
    expect(traces[4]).toBeNull();
  });

  it("plain output: a 'call trace' line under each executed transaction", () => {
    const { code, out } = cli(FIXTURE, "--trace", "call");
    expect(code).toBe(0);
    const lines = out.split("\n");
    const i = lines.findIndex((l) => l.includes("tx 2 "));
    expect(lines[i + 1]).toMatch(/^ {4}call trace \{"from":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8",/);
  });

  it("rejects other trace kinds with exit 2", () => {
    expect(cli(FIXTURE, "--trace", "prestate").code).toBe(2);
  });

  it("ZKsync OS fixture: nested CREATE/CREATE2 frames with their addresses, failures named; results unchanged", () => {
    const zk = "test/fixtures/zksync/deployments.json";
    const plain = JSON.parse(cli(zk, "--json").out);
    const traced = JSON.parse(cli(zk, "--trace", "call", "--json").out);
    // Tracing changes nothing but the added member.
    for (const b of traced.blocks) for (const t of b.transactions) delete t.callTrace;
    expect(traced).toEqual(plain);
    const traces = JSON.parse(cli(zk, "--trace", "call", "--json").out).blocks[0].transactions.map((t: { callTrace: unknown }) => t.callTrace);
    const shape = (f: any): unknown => [f.type, f.to ?? null, f.error ?? null, (f.calls ?? []).map(shape)];
    expect(traces.slice(0, 7).map(shape)).toEqual([
      ["CREATE", "0x5fbdb2315678afecb367f032d93f642f64180aa3", null, []],
      ["CALL", "0x000000000000000000000000000000000000fac7", null, [["CREATE", "0x6ea65f16dce8e13980e1ba3706a8d8b54731d3cc", null, []]]],
      ["CALL", "0x000000000000000000000000000000000000fac7", null, [["CREATE2", "0x4602cfac0886000d60dc90d5afbb8bb610c92a0a", null, []]]],
      ["CALL", "0x000000000000000000000000000000000000fac7", null, [["CREATE2", null, "contract address collision", []]]],
      ["CREATE", "0xdc64a140aa3e981100a9beca4e685f962f0cf6c9", null, [["CREATE", "0x856e4424f806d16e8cbc702b3c0f2ede5468eae5", null, []]]],
      ["CREATE", null, "execution reverted", []],
      ["CREATE", null, "invalid code: must not begin with 0xef", []],
    ]);
    // The top frame reports the transaction's gas limit and its gas used.
    expect(traces[0].gasUsed).toBe("0x" + BigInt(plain.blocks[0].transactions[0].gasUsed).toString(16));
  });
});
