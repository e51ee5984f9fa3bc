// zkos demo (issue 5): the demo block's outcomes (every status, the deposit minted, the withdrawal's
// L2→L1 message, ERC-20 balances moved, the deployment), the proved public input equal to the forward
// one, and the CLI through dist/cli.js: exit 0 and one JSON document with --json.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runDemo } from "../../ts/demo/run-demo";
import { DEMO } from "../../ts/demo/block";
import { ERC20_RUNTIME } from "../../bench/erc20";
import { FINALIZE_ETH_WITHDRAWAL_SELECTOR } from "../../ts/l1/l2-to-l1-logs";
import { bytesToHex } from "../../ts/primitives/hex";

const ETHER = 10n ** 18n;

describe("zkos demo", () => {
  const progress: string[] = [];
  const r = runDemo((l) => progress.push(l));

  it("every transaction has the expected type and status", () => {
    expect(r.transactions.map((t) => [t.type, t.status])).toEqual([
      ["l1->l2", "success"], ["eip1559", "success"], ["legacy", "success"], ["eip1559", "success"], ["eip2930", "success"],
      ["eip1559", "revert"], ["eip1559", "success"], ["eip1559", "success"], ["eip1559", "success"],
    ]);
    expect(r.transactions.every((t) => t.status === t.expect)).toBe(true);
    expect(r.transactions.slice(1, 3).map((t) => t.gasUsed)).toEqual([21_000n, 21_000n]);
  });

  it("the deposit minted its value to the recipient, who did not exist before", () => {
    expect(r.chain.account(DEMO.dave).balance).toBe(DEMO.depositValue);
    expect(r.transactions[0]!.l2ToL1Logs).toBe(1);
  });

  it("the withdrawal emitted its L2→L1 message: finalizeEthWithdrawal ‖ recipient ‖ amount", () => {
    const w = r.transactions[8]!;
    expect(w.l2ToL1Logs).toBe(1);
    expect(w.messages).toHaveLength(1);
    const amount = DEMO.withdrawValue.toString(16).padStart(64, "0");
    expect(w.messages[0]).toBe(bytesToHex(FINALIZE_ETH_WITHDRAWAL_SELECTOR) + DEMO.l1Recipient.slice(2) + amount);
  });

  it("ERC-20 balances moved (the reverting transfer moved nothing) and the new token holds its code", () => {
    expect(r.chain.storage(DEMO.token, DEMO.alice)).toBe(750_000n);
    expect(r.chain.storage(DEMO.token, DEMO.bob)).toBe(150_000n);
    expect(r.chain.storage(DEMO.token, DEMO.carol)).toBe(100_000n);
    expect(r.transactions[6]!.contractAddress).toBe(DEMO.deployed);
    expect(r.chain.account(DEMO.deployed).code).toEqual(ERC20_RUNTIME);
    expect(r.chain.storage(DEMO.deployed, DEMO.alice)).toBe(DEMO.initialTokens - 42n);
    expect(r.chain.storage(DEMO.deployed, DEMO.carol)).toBe(42n);
  });

  it("ETH moved: carol got 0.5 ETH, bob paid 1.5 ETH out of his 101 plus fees", () => {
    expect(r.chain.account(DEMO.carol).balance).toBe(ETHER / 2n);
    const bobFees = [2, 4, 5, 8].reduce((s, i) => s + r.transactions[i]!.gasUsed * (i === 2 || i === 4 ? 2_000n : 1_001n), 0n);
    expect(r.chain.account(DEMO.bob).balance).toBe(101n * ETHER - ETHER / 2n - DEMO.withdrawValue - bobFees);
  });

  it("the proved public input equals the forward one", () => {
    expect(r.proveError).toBeNull();
    expect(r.provedPublicInput).toBe(r.forwardPublicInput);
    expect(r.recordedPublicInput).toBe(r.forwardPublicInput);
    expect(r.equal).toBe(true);
    expect(r.witnessWords).toBeGreaterThan(0);
    expect(progress).toHaveLength(4);
  });

  it("is deterministic: a second run gives the same public input", () => {
    expect(runDemo().forwardPublicInput).toBe(r.forwardPublicInput);
  });

  it("the CLI (dist/cli.js demo --json) exits 0 with one JSON document", () => {
    const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
    const out = execFileSync(process.execPath, [cli, "demo", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    expect(out.trim().split("\n")).toHaveLength(1);
    const doc = JSON.parse(out) as { equal: boolean; forwardPublicInput: string; provedPublicInput: string; transactions: unknown[] };
    expect(doc.equal).toBe(true);
    expect(doc.forwardPublicInput).toBe(r.forwardPublicInput);
    expect(doc.provedPublicInput).toBe(r.forwardPublicInput);
    expect(doc.transactions).toHaveLength(9);
  });
});
