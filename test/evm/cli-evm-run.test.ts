// `zkos evm run` (interfaces.md §2) through the built CLI (dist/cli.js, as users run it): output,
// JSON shape, exit codes and usage errors.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = spawnSync(process.execPath, [bin, ...argv], { encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe("zkos evm run", () => {
  it("prints return data, gas used and status", async () => {
    // 1 + 2, MSTORE at 0, RETURN 32 bytes
    const r = await cli("evm", "run", "--code", "600160020160005260206000f3");
    expect(r.code).toBe(0);
    expect(r.out).toBe("returnData: 0x0000000000000000000000000000000000000000000000000000000000000003\ngasUsed: 24\nstatus: success\n");
  });

  it("--json prints one document; quantities are hex strings", async () => {
    const r = await cli("evm", "run", "--code", "0x60003560005260016000f3", "--input", "0xab", "--gas", "1000", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ status: "success", error: null, returnData: "0xab", gasUsed: "0x15", gasLeft: "0x3d3" });
  });

  it("--value is sent to the code (CALLVALUE)", async () => {
    const r = await cli("evm", "run", "--code", "3460005260206000f3", "--value", "0x10", "--json");
    expect(JSON.parse(r.out).returnData).toBe("0x" + "0".repeat(62) + "10");
  });

  it("exits 1 on revert and on an exceptional halt", async () => {
    const revert = await cli("evm", "run", "--code", "60006000fd");
    expect(revert.code).toBe(1);
    expect(revert.out).toContain("status: revert");
    const oog = await cli("evm", "run", "--code", "5b600056", "--gas", "100", "--json");
    expect(oog.code).toBe(1);
    expect(JSON.parse(oog.out)).toMatchObject({ status: "error", error: "OutOfGas", gasUsed: "0x64" });
  });

  it("bad usage exits 2 with a reason", async () => {
    expect((await cli("evm", "run")).code).toBe(2);
    expect((await cli("evm", "run", "--code", "0xzz")).code).toBe(2);
    expect((await cli("evm", "run", "--code", "00", "--gas", "-5")).code).toBe(2);
    const bad = await cli("evm", "walk", "--code", "00");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("zkos evm run");
  });
});
