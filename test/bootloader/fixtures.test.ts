// The bootloader fixtures of test/fixtures/zksync (written by generate.ts there): every transaction
// type, deployments, reverts at every depth, out of gas and native, every invalid-transaction error a
// fixture can reach, account abstraction and paymasters, L1→L2 transactions, withdrawals and messages,
// hooks, self-destruct, several blocks, and the three profiles. Each block's public input must equal
// the one the reference RISC-V image (zksync-os 0a82da0 app.bin / server_app.bin) computed for it —
// that pins every state change, pubdata byte, L2→L1 log, block hash and header field — and every
// transaction's result (status, error name, gas used, contract address, return data, events, L2→L1
// logs) must equal the pinned one.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Chain, type BlockResult } from "../../ts/chain";
import { runBlockJson } from "../../ts/bootloader/result-json";
import { InternalBlockError } from "../../ts/zksync/validation-errors";
import { bytesToHex } from "../../ts/primitives/hex";

const DIR = new URL("../fixtures/zksync/", import.meta.url);
const names = readdirSync(DIR).filter((f) => f.endsWith(".json") && !f.endsWith(".expected.json")).map((f) => f.slice(0, -5));

interface Expected {
  result: { blocks: Record<string, unknown>[]; aborted?: { block: number; error: string } };
  reference?: { image: string; blocks: { status: string; publicInput: string }[] };
}

/** Fixtures where the reference image traps, and why (zkos does something else on purpose). */
const REFERENCE_TRAPS: Record<string, string> = {
  paymaster: "store_paymaster_context_and_check_magic is todo!() at 0a82da0; zkos applies its commented-out checks",
  "aborted-block": "the reference aborts the block (internal error); so does zkos (InternalBlockError)",
};

function run(name: string): { results: BlockResult[]; aborted: { block: number; error: string } | null } {
  const { chain, blocks } = Chain.fromFixture(JSON.parse(readFileSync(new URL(`${name}.json`, DIR), "utf8")));
  const results: BlockResult[] = [];
  for (const spec of blocks) {
    try {
      results.push(chain.runBlock(spec, { verifyTree: true }));
    } catch (e) {
      if (!(e instanceof InternalBlockError)) throw e;
      return { results, aborted: { block: Number(spec.number), error: e.message } };
    }
  }
  return { results, aborted: null };
}

describe.each(names)("fixture %s", (name) => {
  const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, DIR), "utf8")) as Expected;
  const { results, aborted } = run(name);

  it("every transaction's result as pinned", () => {
    expect(runBlockJson(results).blocks).toEqual(expected.result.blocks);
    expect(aborted).toEqual(expected.result.aborted ?? null);
  });

  const reference = expected.reference;
  if (reference === undefined) return;
  it.each(reference.blocks.map((b, i) => [i, b] as const))("block %i: the reference image's public input", (i, ref) => {
    if (ref.status !== "halted") {
      expect(REFERENCE_TRAPS[name], `the reference ${ref.status} on ${name}`).toBeDefined();
      return;
    }
    expect(bytesToHex(results[i]!.publicInput!)).toBe(ref.publicInput);
  });
});
