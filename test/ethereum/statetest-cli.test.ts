// `zkos statetest` (interfaces.md §2) through the built CLI (dist/cli.js, as users run it): the plain
// summary line, the --json document, --run, exit 1 on a failing vector (wrong root, wrong logs, an
// exception that did not happen, a transaction that should have run), exit 2 on bad usage or input.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const ROOT = "../shared/fixtures/ethereum-tests/GeneralStateTests";
const ADD = `${ROOT}/VMTests/vmArithmeticTest/add.json`;
const tmp = mkdtempSync(join(tmpdir(), "zkos-statetest-cli-"));

function cli(...argv: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [bin, "statetest", ...argv], { encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** A copy of add.json with `edit` applied to its only test, written to the temp folder. */
function mutatedAdd(name: string, edit: (t: any) => void): string {
  const json = JSON.parse(readFileSync(ADD, "utf8"));
  edit(json.add);
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe("zkos statetest", () => {
  it("plain output: ends with 'N passed, M failed', exit 0", () => {
    const { code, out } = cli(ADD);
    expect(code).toBe(0);
    expect(out).toBe("5 passed, 0 failed\n");
  });

  it("--json: one document with passed, failed, skipped and one result per vector", () => {
    const { code, out } = cli(ADD, "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc).toMatchObject({ passed: 5, failed: 0, skipped: 0 });
    expect(doc.results).toHaveLength(5);
    expect(doc.results[3]).toEqual({ file: ADD, name: "add", fork: "Cancun", index: { data: 3, gas: 0, value: 0 }, pass: true });
  });

  it("--run REGEX selects tests by name across a folder", () => {
    const { code, out } = cli(`${ROOT}/VMTests/vmArithmeticTest`, "--run", "^(add|addmod)$", "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(new Set(doc.results.map((r: { name: string }) => r.name))).toEqual(new Set(["add", "addmod"]));
    expect(doc.passed).toBe(doc.results.length);
  });

  it.each<[string, (t: any) => void, number, number, RegExp]>([
    // [case, edit, failing vectors, the one checked, its plain-output line]
    ["a wrong post-state root", (t) => (t.post.Cancun[1].hash = "0x" + "11".repeat(32)), 1, 1,
      /^FAIL .* add \[data 1, gas 0, value 0\]: state root 0x[0-9a-f]{64}, expected 0x1{64} \(success, gas used \d+\)$/m],
    ["a wrong logs hash", (t) => (t.post.Cancun[2].logs = "0x" + "22".repeat(32)), 1, 2,
      /^FAIL .* add \[data 2, gas 0, value 0\]: logs hash 0x1dcc4de8\w+, expected 0x2{64} \(success, gas used \d+\)$/m],
    ["an exception that does not happen", (t) => (t.post.Cancun[0].expectException = "TransactionException.INTRINSIC_GAS_TOO_LOW"), 1, 0,
      /^FAIL .* add \[data 0, gas 0, value 0\]: transaction ran \(success, gas used \d+\), expected TransactionException\.INTRINSIC_GAS_TOO_LOW$/m],
    ["a rejected transaction that should run", (t) => (t.transaction.gasLimit = ["0x5207"]), 5, 4,
      /^FAIL .* add \[data 4, gas 0, value 0\]: transaction rejected \(INTRINSIC_GAS_TOO_LOW: intrinsic gas \d+ > gas limit 20999\), expected it to run$/m],
  ])("exit 1 on %s, naming the vector and why", (name, edit, failed, index, line) => {
    const path = mutatedAdd(`${name.replace(/ /g, "-")}.json`, edit);
    const plain = cli(path);
    expect(plain.code).toBe(1);
    expect(plain.out).toMatch(line);
    expect(plain.out.trimEnd().split("\n").at(-1)).toBe(`${5 - failed} passed, ${failed} failed`);
    const json = cli(path, "--json");
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.out);
    expect(doc).toMatchObject({ passed: 5 - failed, failed });
    const r = doc.results[index];
    expect(r.pass).toBe(false);
    expect(plain.out).toContain(`[data ${index}, gas 0, value 0]: ${r.error}\n`);
  });

  it.each<[string, string[], RegExp]>([
    ["no path", [], /expected at least one PATH/],
    ["an unsupported fork", [ADD, "--fork", "Prague"], /--fork Prague is not supported/],
    ["a bad regular expression", [ADD, "--run", "("], /--run is not a valid regular expression/],
    ["a missing file", [`${ROOT}/no-such.json`], /no-such\.json: no such file or folder/],
    ["a file that is not JSON", [`${ROOT}/stShift/.stub`], /\.stub: not valid JSON/],
  ])("exit 2 on %s", (_name, argv, message) => {
    const { code, err } = cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
