// Opcode steps of the AS interpreter (evmRunTraced → ts/ee/evm/step-trace.ts) against @ethereumjs/evm's
// `step` events on the same bytecode, step by step, plus hand-computed geth gasCost rules, the
// struct logger's storage capture and the steps that fail before running.
import { describe, expect, it } from "vitest";
import { createEVM } from "@ethereumjs/evm";
import { Common, Hardfork, Mainnet } from "@ethereumjs/common";
import { SimpleStateManager } from "@ethereumjs/statemanager";
import { Account, Address as EjAddress, bigIntToBytes, bigIntToUnpaddedBytes, bytesToHex, hexToBytes, setLengthLeft } from "@ethereumjs/util";
import { assemble, initcode, type AsmItem } from "../../bench/evm-asm";
import { BALANCE_OF_SELECTOR, ERC20_RUNTIME, TRANSFER_SELECTOR } from "../../bench/erc20";
import { Runner } from "../../ts/bootloader/runner";
import { beginEthereumTransaction } from "../../ts/bootloader/warm-up";
import { precompilesFor } from "../../ts/hooks/precompiles/registry";
import type { BlockContext, TxContext } from "../../ts/ee/evm/context";
import { WorldState } from "../../ts/state/world-state";
import type { Address } from "../../ts/state/address";
import type { Word } from "../../ts/state/word";
import type { ExecutionTracer } from "../../ts/tracing/tracer";
import type { CallFrameType } from "../../ts/tracing/call-tracer";
import { StructLogger, type GethStructLog, type StructLogStep } from "../../ts/tracing/struct-logger";
import { gethOpName as gethName } from "../../ts/tracing/geth-opcode-names";
import { wasm } from "../../ts/wasm";
import { processTransaction } from "../../ts/ethereum/process-transaction";
import type { Transaction } from "../../ts/ethereum/transaction";
import { addressToBytes } from "../../ts/state/address";
import { TransactionTracer } from "../../ts/tracing/transaction-tracer";
import { expectGethGasCost, recordEjSteps, type EjStep } from "../helpers/ethereumjs-steps";

const ORIGIN = "0x00000000000000000000000000000000000000a1";
const TOKEN = "0x00000000000000000000000000000000000000c0";
const PROXY = "0x00000000000000000000000000000000000000c1";
const OTHER = "0x00000000000000000000000000000000000000c2";
const EMPTY = "0x00000000000000000000000000000000000000e0";
const COINBASE = "0x00000000000000000000000000000000000000cb";
const GAS = 200_000n;

interface Pre {
  readonly address: string;
  readonly balance?: bigint;
  readonly code?: Uint8Array;
  readonly storage?: ReadonlyMap<bigint, bigint>;
}

interface CallCase {
  readonly name: string;
  readonly pre: readonly Pre[];
  readonly to: string;
  readonly data?: Uint8Array;
  readonly value?: bigint;
  readonly gas?: bigint;
  /** Deepest frame the steps reach (so a case cannot pass on empty traces). */
  readonly depth: number;
}

/** Collects the raw steps; every other event is ignored. */
class StepRecorder implements ExecutionTracer {
  readonly wantsSteps = true;
  readonly steps: StructLogStep[] = [];
  constructor(readonly logger: StructLogger | null = null) {}
  get needsMemory(): boolean {
    return this.logger?.needsMemory ?? false;
  }
  get needsReturnData(): boolean {
    return this.logger?.needsReturnData ?? false;
  }
  txStart(): void {}
  txEnd(): void {}
  enter(_t: CallFrameType, _f: Address, _to: Address, _v: bigint | null, _g: bigint, _i: Uint8Array): void {}
  exit(_g: bigint, output: Uint8Array, error: string | null): void {
    this.logger?.exit(output, error);
  }
  log(): void {}
  selfDestruct(): void {}
  touchAccount(): void {}
  markCreated(): void {}
  touchSlot(_a: Address, _s: Word): void {}
  step(s: StructLogStep): void {
    this.steps.push(s);
    this.logger?.step(s);
  }
}

const block: BlockContext = {
  coinbase: COINBASE, number: 20_000_000n, timestamp: 1_700_000_000n, gasLimit: 30_000_000n,
  prevRandao: setLengthLeft(bigIntToBytes(7n), 32), chainId: 1n, baseFee: 7n, blobBaseFee: 1n, blockHash: () => undefined,
};

interface Acc {
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  storage: Map<bigint, bigint>;
}

function alloc(pre: readonly Pre[]): Map<Address, Acc> {
  const m = new Map<Address, Acc>();
  for (const p of pre) m.set(p.address, { nonce: 1n, balance: p.balance ?? 0n, code: p.code ?? new Uint8Array(0), storage: new Map(p.storage ?? []) });
  if (!m.has(ORIGIN)) m.set(ORIGIN, { nonce: 0n, balance: 10n ** 18n, code: new Uint8Array(0), storage: new Map() });
  return m;
}

/** Runs the case on zkos with `tracer` attached; returns the run's status. */
function runZkos(c: CallCase, tracer: ExecutionTracer): string {
  const state = WorldState.fromAlloc(alloc(c.pre));
  const precompiles = precompilesFor("ethereum");
  const tx: TxContext = { origin: ORIGIN, gasPrice: 7n, blobHashes: [] };
  const runner = new Runner({ state, precompiles, block, tx });
  beginEthereumTransaction(state, { origin: ORIGIN, target: c.to, coinbase: COINBASE, precompiles });
  runner.setTracer(tracer);
  const r = runner.run({ caller: ORIGIN, to: c.to, value: c.value ?? 0n, data: c.data ?? new Uint8Array(0), gas: c.gas ?? GAS });
  return r.status;
}

async function runEthereumjs(c: CallCase): Promise<EjStep[]> {
  const sm = new SimpleStateManager();
  for (const [a, acc] of alloc(c.pre)) {
    const address = new EjAddress(hexToBytes(a as `0x${string}`));
    await sm.putAccount(address, new Account(acc.nonce, acc.balance));
    if (acc.code.length !== 0) await sm.putCode(address, acc.code);
    for (const [slot, value] of acc.storage) {
      if (value !== 0n) await sm.putStorage(address, setLengthLeft(bigIntToBytes(slot), 32), bigIntToUnpaddedBytes(value));
    }
  }
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }), stateManager: sm });
  for (const a of [ORIGIN, c.to, COINBASE]) evm.journal.addAlwaysWarmAddress(a);
  for (const key of evm.precompiles.keys()) evm.journal.addAlwaysWarmAddress(key);
  const steps = recordEjSteps(evm.events!);
  const caller = new EjAddress(hexToBytes(ORIGIN));
  await evm.runCall({
    caller, origin: caller, to: new EjAddress(hexToBytes(c.to as `0x${string}`)), data: c.data ?? new Uint8Array(0),
    value: c.value ?? 0n, gasLimit: c.gas ?? GAS, gasPrice: 7n,
    block: { header: { number: block.number, coinbase: new EjAddress(hexToBytes(COINBASE)), timestamp: block.timestamp, prevRandao: block.prevRandao, gasLimit: block.gasLimit, baseFeePerGas: 7n, getBlobGasPrice: () => 1n } } as never,
  });
  return steps;
}

const word = (v: bigint | number): string => BigInt(v).toString(16).padStart(64, "0");
const addr = (a: string): bigint => BigInt(a);
const call = (selector: number, ...args: bigint[]): Uint8Array =>
  hexToBytes(("0x" + selector.toString(16).padStart(8, "0") + args.map(word).join("")) as `0x${string}`);

/** PROXY: STATICCALLs TOKEN.balanceOf(OTHER), CALLs TOKEN.transfer(OTHER, 5), sends 1 wei to EMPTY, returns the balance. */
const PROXY_CODE = assemble([
  BALANCE_OF_SELECTOR, 0xe0, "SHL", 0, "MSTORE", addr(OTHER), 4, "MSTORE",
  32, 0x100, 36, 0, addr(TOKEN), "GAS", "STATICCALL", "POP",
  TRANSFER_SELECTOR, 0xe0, "SHL", 0, "MSTORE", addr(OTHER), 4, "MSTORE", 5, 36, "MSTORE",
  32, 0x120, 68, 0, 0, addr(TOKEN), 60_000, "CALL", "POP",
  0, 0, 0, 0, 1, addr(EMPTY), 0, "CALL", "POP",
  "RETURNDATASIZE", 32, 0x100, "RETURN",
]);

/** Deploys a tiny contract with CREATE and CREATE2, then reverts with data. */
const CREATOR_CODE = assemble([
  ...pushInit(initcode(assemble([42, 0, "SSTORE", "STOP"]))),
  "DUP1", 0, 0, "CREATE", "POP",
  7, "SWAP1", 0, 0, "CREATE2", "POP",
  0xdead, 0, "MSTORE", 32, 0, "REVERT",
]);

/** Initcode into memory at 0 via MSTOREs, leaving its length on the stack. */
function pushInit(code: Uint8Array): AsmItem[] {
  const items: AsmItem[] = [];
  for (let i = 0; i < code.length; i += 32) {
    const chunk = new Uint8Array(32);
    chunk.set(code.subarray(i, i + 32));
    items.push(BigInt(bytesToHex(chunk)), i, "MSTORE");
  }
  items.push(code.length);
  return items;
}

const token = (balances: [string, bigint][]): Pre => ({ address: TOKEN, code: ERC20_RUNTIME, storage: new Map(balances.map(([a, v]) => [addr(a), v])) });

const CASES: readonly CallCase[] = [
  { name: "ERC-20 transfer (SLOAD, SSTORE, LOG3, RETURN)", pre: [token([[ORIGIN, 1000n]])], to: TOKEN, data: call(TRANSFER_SELECTOR, addr(OTHER), 100n), depth: 1 },
  { name: "ERC-20 transfer beyond the balance (REVERT)", pre: [token([[ORIGIN, 10n]])], to: TOKEN, data: call(TRANSFER_SELECTOR, addr(OTHER), 100n), depth: 1 },
  {
    name: "a contract calling another (STATICCALL, CALL, value to an empty account)",
    pre: [token([[PROXY, 50n], [OTHER, 3n]]), { address: PROXY, code: PROXY_CODE, balance: 10n }], to: PROXY, depth: 2,
  },
  { name: "CREATE and CREATE2, then REVERT with data", pre: [{ address: PROXY, code: CREATOR_CODE }], to: PROXY, depth: 2 },
  { name: "out of gas in a loop (static gas)", pre: [{ address: PROXY, code: assemble([":l", 1, "POP", "@l", "JUMP"]) }], to: PROXY, gas: 1000n, depth: 1 },
  { name: "out of gas on memory expansion (dynamic gas)", pre: [{ address: PROXY, code: assemble([1, 0x10000, "MSTORE"]) }], to: PROXY, gas: 5000n, depth: 1 },
  { name: "stack underflow", pre: [{ address: PROXY, code: assemble([1, "ADD"]) }], to: PROXY, depth: 1 },
  { name: "bad jump destination", pre: [{ address: PROXY, code: assemble([3, "JUMP", "STOP"]) }], to: PROXY, depth: 1 },
];

describe("opcode steps match @ethereumjs/evm step by step", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const rec = new StepRecorder();
      runZkos(c, rec);
      const ej = await runEthereumjs(c);
      const ours = rec.steps;
      expect(Math.max(...ej.map((s) => s.depth))).toBe(c.depth);
      expect(ours.map((s) => [s.pc, s.op, BigInt(s.gas), s.depth, s.stack, BigInt(s.refund)])).toEqual(ej.map((s) => [s.pc, s.op, s.gas, s.depth, s.stack, s.refund]));
      for (let i = 0; i < ours.length; i++) {
        const s = ours[i]!;
        expectGethGasCost(BigInt(s.gasCost), s.error !== undefined, ej, i, `step ${i} pc ${s.pc} op 0x${s.op.toString(16)}`);
      }
    });
  }
});

describe("geth's gasCost and error rules, hand-computed", () => {
  it("CALL: 100 warm + 2,500 cold + 9,000 value + 25,000 new account + the gas passed (0); the EOA callee has no steps", () => {
    const rec = new StepRecorder();
    const code = assemble([0, 0, 0, 0, 1, addr(EMPTY), 0, "CALL", "STOP"]);
    runZkos({ name: "", depth: 1, pre: [{ address: PROXY, code, balance: 1n }], to: PROXY }, rec);
    const callStep = rec.steps.find((s) => s.op === 0xf1)!;
    expect(Number(callStep.gasCost)).toBe(100 + 2500 + 9000 + 25000);
    expect(rec.steps.map((s) => s.depth)).toEqual(Array(rec.steps.length).fill(1));
  });

  it("CALL with gas: the requested gas counts, capped by 63/64 of what is left after the other charges", () => {
    const rec = new StepRecorder();
    const code = assemble([0, 0, 0, 0, 0, addr(TOKEN), 5000, "CALL", 0, 0, 0, 0, 0, addr(TOKEN), 1_000_000, "CALL", "STOP"]);
    runZkos({ name: "", depth: 1, pre: [{ address: PROXY, code }, token([])], to: PROXY, gas: 100_000n }, rec);
    const calls = rec.steps.filter((s) => s.op === 0xf1 && s.depth === 1);
    const second = Number(calls[1]!.gas) - 100;
    expect(calls.map((s) => Number(s.gasCost))).toEqual([100 + 2500 + 5000, 100 + second - Math.floor(second / 64)]);
  });

  it("CREATE does not count the gas handed to the initcode (geth takes it while the opcode runs)", () => {
    const rec = new StepRecorder();
    runZkos({ name: "", depth: 1, pre: [{ address: PROXY, code: CREATOR_CODE }], to: PROXY }, rec);
    const create = rec.steps.find((s) => s.op === 0xf0)!;
    // 32,000 + 2 per initcode word; memory was already expanded by the MSTOREs before.
    expect(Number(create.gasCost)).toBe(32000 + 2 * Math.ceil(initcode(assemble([42, 0, "SSTORE", "STOP"])).length / 32));
  });

  it("steps that fail before running carry geth's error and cost; those failing while running do not", () => {
    const cases: [Uint8Array, bigint, Partial<StructLogStep>][] = [
      [assemble([1, "ADD"]), GAS, { op: 0x01, gasCost: 3n, error: "stack underflow (1 <=> 2)" }],
      [assemble([1, 0x10000, "MSTORE"]), 5000n, { op: 0x52, gasCost: 3n + 3n * 2049n + (2049n * 2049n) / 512n, error: "out of gas" }],
      [assemble([":l", "@l", "JUMP"]), 30n, { op: 0x56, gasCost: 8n, error: "out of gas" }],
      [assemble([3, "JUMP", "STOP"]), GAS, { op: 0x56, gasCost: 8n }],
      [assemble([{ raw: "fe" }]), GAS, { op: 0xfe, gasCost: 0n }],
      [assemble([1, 0, "SSTORE"]), 2321n, { op: 0x55, gasCost: 2100n + 20000n, error: "out of gas" }],
      [assemble([1, 0, "SSTORE"]), 2306n, { op: 0x55, gasCost: 0n, error: "out of gas: not enough gas for reentrancy sentry" }],
    ];
    for (const [code, gas, want] of cases) {
      const rec = new StepRecorder();
      runZkos({ name: "", depth: 1, pre: [{ address: PROXY, code }], to: PROXY, gas }, rec);
      const last = rec.steps[rec.steps.length - 1]!;
      expect({ op: last.op, gasCost: BigInt(last.gasCost), error: last.error }).toEqual({ error: undefined, ...want });
    }
  });

  it("state changes in a STATICCALL: geth charges their gas functions (and SSTORE's refund) before write protection", () => {
    const cases: [string, AsmItem[], bigint, Partial<Pre>, Partial<StructLogStep>][] = [
      // Cold slot 0, 0 → 1: 2,100 + 20,000.
      ["SSTORE set", [1, 0, "SSTORE"], 50_000n, {}, { op: 0x55, gasCost: 22100n, refund: 0 }],
      // Cold slot 0, 5 → 0: 2,100 + 2,900, and the clearing refund shows on the step.
      ["SSTORE clear", [0, 0, "SSTORE"], 50_000n, { storage: new Map([[0n, 5n]]) }, { op: 0x55, gasCost: 5000n, refund: 4800 }],
      ["SSTORE past the gas", [1, 0, "SSTORE"], 10_000n, {}, { op: 0x55, gasCost: 22100n, refund: 0, error: "out of gas" }],
      ["SSTORE at the sentry", [1, 0, "SSTORE"], 2_306n, {}, { op: 0x55, gasCost: 0n, refund: 0, error: "out of gas: not enough gas for reentrancy sentry" }],
      // 375 + 375 per topic + 8 per byte + memory 0 → 2 words (6).
      ["LOG1", [7, 32, 32, "LOG1"], 50_000n, {}, { op: 0xa1, gasCost: 375n + 375n + 256n + 6n }],
      ["LOG0 past 64 bits of memory", [1, (1n << 64n) - 1n, "LOG0"], 50_000n, {}, { op: 0xa0, gasCost: 0n, error: "gas uint64 overflow" }],
      // 5,000 + cold beneficiary 2,600 + 25,000 for funding an empty account.
      ["SELFDESTRUCT", [addr(EMPTY), "SELFDESTRUCT"], 50_000n, { balance: 1n }, { op: 0xff, gasCost: 32600n }],
      // 32,000 + memory 0 → 1 word (3) + 2 per initcode word; CREATE2 adds 6 per word for hashing.
      ["CREATE", [32, 0, 0, "CREATE"], 50_000n, {}, { op: 0xf0, gasCost: 32000n + 3n + 2n }],
      ["CREATE2", [0, 32, 0, 0, "CREATE2"], 50_000n, {}, { op: 0xf5, gasCost: 32000n + 3n + 8n }],
      // 100 + cold 2,500 + value 9,000 + new account 25,000 + the 1,000 asked for.
      ["CALL with value", [0, 0, 0, 0, 1, addr(EMPTY), 1000, "CALL"], 50_000n, {}, { op: 0xf1, gasCost: 100n + 2500n + 9000n + 25000n + 1000n }],
      // TSTORE has only its constant 100.
      ["TSTORE", [1, 0, "TSTORE"], 50_000n, {}, { op: 0x5d, gasCost: 100n }],
    ];
    for (const [name, inner, gas, pre, want] of cases) {
      const rec = new StepRecorder();
      const code = assemble([0, 0, 0, 0, addr(OTHER), Number(gas), "STATICCALL", "STOP"]);
      runZkos({ name, depth: 2, pre: [{ address: PROXY, code }, { address: OTHER, code: assemble(inner), ...pre }], to: PROXY, gas: 200_000n }, rec);
      const last = rec.steps.filter((x) => x.depth === 2).pop()!;
      const got = { op: last.op, gasCost: BigInt(last.gasCost), error: last.error, ...("refund" in want ? { refund: Number(last.refund) } : {}) };
      expect(got, name).toEqual({ error: undefined, ...want });
    }
  });

  it("stack overflow: geth's limit is 1024 minus the opcode's net push (PUSH2 of the loop's jump)", () => {
    const rec = new StepRecorder();
    runZkos({ name: "", depth: 1, pre: [{ address: PROXY, code: assemble([":l", "PC", "@l", "JUMP"]) }], to: PROXY, gas: 1_000_000n }, rec);
    const last = rec.steps[rec.steps.length - 1]!;
    expect([last.op, last.stack.length, last.error, Number(last.gasCost)]).toEqual([0x61, 1024, "stack limit reached 1024 (1023)", 3]);
  });
});

describe("the struct logger over traced steps", () => {
  it("SLOAD/SSTORE capture the contract's seen slots; refund and SLOAD values come from the state", () => {
    const code = assemble([7, "SLOAD", "POP", 0, 7, "SSTORE", 5, 8, "SSTORE", 8, "SLOAD", "STOP"]);
    const logger = new StructLogger();
    runZkos({ name: "", depth: 1, pre: [{ address: PROXY, code, storage: new Map([[7n, 9n]]) }], to: PROXY }, new StepRecorder(logger));
    const logs = logger.result().structLogs;
    const at = (op: string): GethStructLog[] => logs.filter((l) => l.op === op);
    const k7 = word(7), k8 = word(8);
    expect(at("SLOAD").map((l) => l.storage)).toEqual([{ [k7]: word(9) }, { [k7]: word(0), [k8]: word(5) }]);
    expect(at("SSTORE").map((l) => l.storage)).toEqual([{ [k7]: word(0) }, { [k7]: word(0), [k8]: word(5) }]);
    // Clearing slot 7 (original 9) refunds 4,800 (EIP-3529), already on the SSTORE's own step (geth
    // reads the counter after the gas function, which adjusts it).
    expect(logs.map((l) => l.refund ?? 0)).toEqual([0, 0, 0, 0, 0, 4800, 4800, 4800, 4800, 4800, 4800, 4800]);
    expect(logs.map((l) => l.depth)).toEqual(Array(12).fill(1));
  });

  it("memory and return data only when asked for", () => {
    const code = assemble([0xabcd, 0, "MSTORE", 0, 0, 0, 0, 4, "GAS", "STATICCALL", "STOP"]);
    const plain = new StructLogger();
    runZkos({ name: "", depth: 1, pre: [{ address: PROXY, code }], to: PROXY }, new StepRecorder(plain));
    expect(plain.result().structLogs.some((l) => l.memory !== undefined || l.returnData !== undefined)).toBe(false);
    const full = new StructLogger({ enableMemory: true, enableReturnData: true });
    runZkos({ name: "", depth: 1, pre: [{ address: PROXY, code }], to: PROXY }, new StepRecorder(full));
    const logs = full.result().structLogs;
    expect(logs.find((l) => l.op === "STATICCALL")!.memory).toEqual([word(0xabcd)]);
    // The identity precompile (4) echoed nothing: empty input, so no return data either.
    expect(logs[logs.length - 1]!.returnData).toBeUndefined();
  });

  it("no tracer, or one without steps: the untraced evmRun runs (no step reaches a tracer)", () => {
    const rec = new StepRecorder();
    Object.defineProperty(rec, "wantsSteps", { value: false });
    runZkos(CASES[0]!, rec);
    expect(rec.steps).toEqual([]);
    expect(typeof wasm().exports.evmRunTraced).toBe("function");
    expect((wasm().exports as unknown as Record<string, WebAssembly.Global>)["EVM_TRACE_STEP"]!.value).toBe(0x100);
  });
});

describe("step tracing through processTransaction", () => {
  it("an ERC-20 transfer transaction: the struct logger's result and its first step's gas (limit − intrinsic)", () => {
    const data = call(TRANSFER_SELECTOR, addr(OTHER), 100n);
    const st = WorldState.fromAlloc(alloc([token([[ORIGIN, 1000n]])]));
    const t: Transaction = {
      type: 2, chainId: 1n, nonce: 0n, gasPrice: null, maxFeePerGas: 10n, maxPriorityFeePerGas: 1n, maxFeePerBlobGas: 0n,
      blobVersionedHashes: [], gasLimit: 100_000n, to: addressToBytes(TOKEN), value: 0n, data, accessList: [], sender: addressToBytes(ORIGIN),
    };
    const tracer = new TransactionTracer({ structLog: true });
    const r = processTransaction(st, block, t, { tracer });
    if (r.kind !== "executed") throw new Error(r.message);
    const res = tracer.structLogs();
    // 21,000 + 6 non-zero calldata bytes × 16 + 62 zero bytes × 4.
    expect(res.structLogs[0]!.gas).toBe(100_000 - 21_344);
    expect([res.gas, res.failed, res.returnValue]).toEqual([Number(r.gasUsed), false, "0x" + word(1)]);
    const rec = new StepRecorder();
    runZkos({ name: "", depth: 1, pre: [token([[ORIGIN, 1000n]])], to: TOKEN, data }, rec);
    expect(res.structLogs.map((l) => [l.pc, l.op, l.gasCost])).toEqual(rec.steps.map((s) => [s.pc, gethName(s.op), Number(s.gasCost)]));
  });
});
