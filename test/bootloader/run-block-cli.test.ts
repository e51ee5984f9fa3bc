// `zkos run-block` (interfaces.md §2–§4): the --json document equals the pinned results of a fixture,
// plain output names every transaction, and the exit codes of §1 (0 ran, 1 a block aborted, 2 bad
// usage or input) with the reason on stderr. The command runs as ts/cli/main.ts runs it (its error
// mapping repeated here: main's registry pulls in bench suites that load the embedded core).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBlock } from "../../ts/cli/commands/run-block";
import { InputError, UsageError } from "../../ts/errors";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/zksync/${name}.json`, import.meta.url));
const expected = (name: string): { result: unknown } => JSON.parse(readFileSync(new URL(`../fixtures/zksync/${name}.expected.json`, import.meta.url), "utf8"));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  try {
    const code = await runBlock.run(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
    return { code, out, err };
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof InputError)) throw e;
    return { code: 2, out, err: err + `zkos run-block: ${e.message}\n` };
  }
}

describe("zkos run-block", () => {
  it("--json prints one document: the blocks' results (interfaces.md §4)", async () => {
    const r = await cli(fixture("multi-block"), "--json");
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toHaveLength(1);
    expect(JSON.parse(r.out)).toEqual(expected("multi-block").result);
  });

  it("plain output: block hash, roots, public input, one line per transaction", async () => {
    const r = await cli(fixture("invalid"), "--verify-tree");
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("block "))).toHaveLength(4);
    expect(lines.filter((l) => l.startsWith("  tx "))).toHaveLength(17 + 2 + 2 + 2);
    expect(lines).toContain("  public input 0x" + (expected("invalid").result as { blocks: { publicInput: string }[] }).blocks[0]!.publicInput.slice(2));
    expect(lines.some((l) => /^ {2}tx 7 0x[0-9a-f]{64} invalid \(MalleableSignature: /.test(l))).toBe(true);
  });

  it("an aborted block: exit 1, the reason on stderr, the JSON says which block", async () => {
    const r = await cli(fixture("aborted-block"), "--json");
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/block 1 aborted: io: Unsupported EE/);
    expect(JSON.parse(r.out)).toEqual({ blocks: [], aborted: { block: 1, error: "io: Unsupported EE" } });
  });

  it.each([
    [["/nonexistent/fixture.json"], /\/nonexistent\/fixture\.json: cannot read/],
    [[fixture("tx-types"), "--trace", "prestate"], /--trace supports 'call' \(geth's callTracer\)/],
    [[], /expected exactly one FIXTURE\.json/],
    [[fixture("tx-types"), "--bogus"], /unknown option --bogus/],
  ])("exit 2 for %j", async (argv, why) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(why);
  });

  it("a malformed fixture names the JSON path", async () => {
    const bad = fileURLToPath(new URL("../fixtures/zksync/reference/expected.ts", import.meta.url));
    expect((await cli(bad)).err).toMatch(/not JSON/);
  });
});
