// `zkos riscv` (interfaces.md §2) through the built CLI (dist/cli.js, as users run it): the JSON
// document, exit codes 0/1/2, --witness-out and --trace-out files, malformed --fixture input, and the
// ZKsync OS image when ZKSYNC_OS_BIN is set.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeTrace } from "../../ts/riscv/trace-format";
import * as a from "../helpers/rv32";

const programs = fileURLToPath(new URL("./programs/", import.meta.url));
const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "zkos-riscv-cli-"));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = spawnSync(process.execPath, [bin, "riscv", ...argv], { encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe("zkos riscv", () => {
  it("--json: one document with the interfaces.md §2 keys, exit 0 on halt", async () => {
    const w = join(tmp, "loop.hex");
    writeFileSync(w, "000003e8\n");
    const { code, out } = await cli(join(programs, "loop.elf"), "--witness", w, "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(expect.arrayContaining([
      "halted", "cycles", "registers", "output", "witnessWordsRead", "witnessWordsLeft", "delegations", "mips",
    ]));
    expect(doc.halted).toBe(true);
    expect(doc.registers).toHaveLength(32);
    expect(doc.output).toEqual(doc.registers.slice(10, 18));
    expect(doc.output[2]).toBe(1000);
    expect(doc).toMatchObject({ witnessWordsRead: 1, witnessWordsLeft: 0, delegations: { blake2s: 0, u256: 0 } });
    expect(doc.trap).toBeUndefined();
    expect(Object.values(doc.histogram as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(doc.cycles);
  });

  it("a trap: halted false, trap { cause, pc, instruction }, exit 1", async () => {
    const p = join(tmp, "trap.bin");
    writeFileSync(p, a.program(a.addi(5, 0, 1), a.sw(5, 0, 0), a.halt()));
    const { code, out } = await cli(p, "--json");
    expect(code).toBe(1);
    const doc = JSON.parse(out);
    expect(doc.halted).toBe(false);
    expect(doc.trap).toMatchObject({ cause: "store into ROM", pc: 4, instruction: a.sw(5, 0, 0), address: 0 });
    expect(doc.cycles).toBe(1);
  });

  it("out of cycles: exit 1 with an error, text mode says so", async () => {
    const p = join(tmp, "spin.bin");
    writeFileSync(p, a.program(a.addi(5, 5, 1), a.jal(0, -4)));
    const r = await cli(p, "--max-cycles", "101");
    expect(r.code).toBe(1);
    expect(r.out).toContain("did not halt within 101 cycles");
  });

  it("--witness-out and --trace-out write the words read and one record per cycle; UART text goes to stderr", async () => {
    const w = join(tmp, "o.hex");
    writeFileSync(w, "00000003000000050000000600000007");
    const wo = join(tmp, "out.hex");
    const to = join(tmp, "trace.bin");
    const r = await cli(join(programs, "oracle.bin"), "--witness", w, "--witness-out", wo, "--trace-out", to, "--queries");
    expect(r.code).toBe(0);
    expect(r.err).toContain("UART: hello from the guest");
    expect(r.err).toContain("query DisconnectOracle (id 6, 0 param words), response at read 4");
    expect(readFileSync(wo, "utf8")).toBe("00000003000000050000000600000007");
    const trace = decodeTrace(new Uint8Array(readFileSync(to)));
    const cycles = Number(/halted after ([\d,]+) cycles/.exec(r.out)![1]!.replace(/,/g, ""));
    expect(trace.length).toBe(cycles);
    expect(trace[0]!.pc).toBe(0);
  });

  it.each([
    [["--fixture", "f.json", "--witness", "w.hex"], "alternatives"],
    [["--max-cycles", "-3"], "non-negative integer"],
    [["--bogus"], "unknown option"],
  ])("bad usage %j → exit 2", async (flags, msg) => {
    const r = await cli(join(programs, "loop.bin"), ...flags);
    expect(r.code).toBe(2);
    expect(r.err).toContain(msg);
  });

  it("unreadable program and malformed witness → exit 2 naming the file", async () => {
    expect((await cli(join(tmp, "missing.bin"))).err).toContain("missing.bin");
    const w = join(tmp, "bad.hex");
    writeFileSync(w, "123");
    const r = await cli(join(programs, "loop.bin"), "--witness", w);
    expect(r.code).toBe(2);
    expect(r.err).toContain("bad.hex");
  });

  it("--fixture: a fixture without blocks or not JSON → exit 2 naming the file", async () => {
    const f = join(tmp, "fixture.json");
    writeFileSync(f, "{}");
    const r = await cli(join(programs, "loop.bin"), "--fixture", f);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${f}.blocks: expected an array`);
    writeFileSync(f, "{");
    const bad = await cli(join(programs, "loop.bin"), "--fixture", f);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`${f}: not JSON`);
  });

  const image = process.env.ZKSYNC_OS_BIN;
  it.skipIf(!image || !existsSync(image))("the ZKsync OS image with the fixture witness prints the reference output", async () => {
    const w = fileURLToPath(new URL("../../../shared/fixtures/zksync-os-witness/witness.hex", import.meta.url));
    const { code, out } = await cli(image!, "--witness", w, "--json");
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc).toMatchObject({
      halted: true, cycles: 840_490, witnessWordsRead: 6_252, witnessWordsLeft: 0,
      delegations: { blake2s: 5_520, u256: 41_900 },
      output: [3800438108, 1023887067, 3607647966, 231699874, 1144758469, 920918266, 1779583590, 1381567277],
    });
  });
});
