// Smoke test of the `evm` bench suite's comparison (not its timing): the case list of
// ../shared/fixtures/evm-benchmarks, and, for one small input of every benchmark, the same message call
// on zkos and on @ethereumjs/evm giving the same status, gas used, refund and return data. Gas is capped
// at 2M so the test stays fast; inputs that need more end out of gas on both sides at the cap.
import { describe, expect, it } from "vitest";
import { compareOutcomes, loadEvmCases, ZkosCaseRunner, type CallOutcome, type EvmCase } from "../../bench/evm-cases";
import { EthereumjsCaseRunner, loadEthereumjs } from "../../bench/evm-peer-ethereumjs";
import type { CliIO } from "../../ts/cli/command";

const GAS_CAP = 2_000_000n;

const io: CliIO = { out: () => {}, err: () => {} };
const cases = loadEvmCases();
const peer = await loadEthereumjs(io);

/** The shortest calldata of each benchmark (the first on ties), run with the capped gas. */
function smallInputs(all: readonly EvmCase[]): EvmCase[] {
  const byTest = new Map<string, EvmCase>();
  for (const c of all) {
    const key = `${c.group}/${c.test}`;
    const prev = byTest.get(key);
    if (prev === undefined || c.data.length < prev.data.length) byTest.set(key, c);
  }
  return [...byTest.values()].map((c) => ({ ...c, gas: c.gas < GAS_CAP ? c.gas : GAS_CAP }));
}

/** Expected outcome per case on the capped gas: status and gas used, as both EVMs gave them when written. */
const EXPECTED: readonly [name: string, status: CallOutcome["status"], gasUsed: bigint][] = [
  ["main/blake2b_huff/empty", "success", 13984n],
  ["main/blake2b_shifts/8415nulls", "error", GAS_CAP],
  ["main/sha1_divs/empty", "success", 36454n],
  ["main/sha1_shifts/empty", "success", 35234n],
  ["main/snailtracer/benchmark", "error", GAS_CAP],
  ["main/structarray_alloc/nfts_rank", "success", 1737676n],
  ["main/swap_math/spent", "success", 3179n],
  ["main/weierstrudel/1", "success", 47561n],
  ["micro/JUMPDEST_n0/empty", "success", 527598n],
  ["micro/jump_around/empty", "success", 49153n],
  ["micro/loop_with_many_jumpdests/empty", "error", GAS_CAP],
  ["micro/memory_grow_mload/nogrow", "success", 57356n],
  ["micro/memory_grow_mstore/nogrow", "success", 61452n],
  ["micro/signextend/zero", "success", 96066n],
];

describe("evm bench cases", () => {
  it("lists every input of the evm-benchmarks under evmone's names", () => {
    expect(cases.map((c) => c.name)).toEqual([
      "main/blake2b_huff/empty", "main/blake2b_huff/8415nulls", "main/blake2b_shifts/8415nulls",
      "main/sha1_divs/empty", "main/sha1_divs/5311", "main/sha1_shifts/empty", "main/sha1_shifts/5311",
      "main/snailtracer/benchmark", "main/structarray_alloc/nfts_rank",
      "main/swap_math/spent", "main/swap_math/received", "main/swap_math/insufficient_liquidity",
      "main/weierstrudel/1", "main/weierstrudel/15",
      "micro/JUMPDEST_n0/empty", "micro/jump_around/empty", "micro/loop_with_many_jumpdests/empty",
      "micro/memory_grow_mload/nogrow", "micro/memory_grow_mload/by1", "micro/memory_grow_mload/by16",
      "micro/memory_grow_mload/by32", "micro/memory_grow_mstore/nogrow", "micro/memory_grow_mstore/by1",
      "micro/memory_grow_mstore/by16", "micro/memory_grow_mstore/by32", "micro/signextend/zero", "micro/signextend/one",
    ]);
  });

  it("gives the call the transaction's gas minus intrinsic gas (sha1_divs/empty: 10^9 - 21000 - 4·63 - 16·5)", () => {
    const c = cases.find((x) => x.name === "main/sha1_divs/empty")!;
    expect(c.data.length).toBe(68);
    expect(c.gas).toBe(999_978_668n);
    expect(c.value).toBe(0n);
    expect(c.gasPrice).toBe(1n);
  });

  it("names every difference between two outcomes", () => {
    const a: CallOutcome = { status: "success", error: null, gasUsed: 100n, refund: 0n, returnData: Uint8Array.of(1, 2), ms: 0, cpuMs: 0 };
    expect(compareOutcomes(a, { ...a })).toBeNull();
    expect(compareOutcomes(a, { ...a, gasUsed: 101n })).toBe("gas used 100 vs 101");
    expect(compareOutcomes(a, { ...a, refund: 4800n })).toBe("refund 0 vs 4800");
    expect(compareOutcomes(a, { ...a, returnData: Uint8Array.of(1, 3) })).toBe("return data 0x0102 vs 0x0103");
    expect(compareOutcomes(a, { ...a, status: "error", error: "out of gas" })).toBe("status success vs error (out of gas)");
  });
});

describe("zkos and @ethereumjs/evm agree on one small input of every benchmark", () => {
  const small = smallInputs(cases);

  it("picks one input per benchmark", () => {
    expect(small.map((c) => c.name)).toEqual(EXPECTED.map((e) => e[0]));
  });

  it.each(small.map((c, i) => [c.name, c, EXPECTED[i]!] as const))("%s", async (_name, c, expected) => {
    if (!peer.ok) throw new Error(peer.reason);
    const z = new ZkosCaseRunner(c).run();
    const p = await new EthereumjsCaseRunner(peer.mod, c).run();
    expect(compareOutcomes(z, p)).toBeNull();
    expect([z.status, z.gasUsed]).toEqual([expected[1], expected[2]]);
  });
});
