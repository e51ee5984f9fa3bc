// Opcode steps on real traffic: transactions of mainnet block 22244135, each run by zkos
// (processTransaction with the struct logger) and by @ethereumjs/vm's runTx on the same pre-state
// (the transaction's own prestate trace: every account and slot it touches, valued before it ran),
// compared step by step: pc, op, gas, gasCost, depth, stack, refund and memory, plus the result's gas
// and status.
// STRUCT_STEPS_ALL=1 runs all 125 transactions (about 540,000 steps, 2 minutes on the busy 2-core machine).
import { describe, expect, it } from "vitest";
import { createBlock } from "@ethereumjs/block";
import { Hardfork, Mainnet, createCustomCommon } from "@ethereumjs/common";
import { createTxFromRLP } from "@ethereumjs/tx";
import { bigIntToBytes, bigIntToUnpaddedBytes, createAccount, createAddressFromString, setLengthLeft } from "@ethereumjs/util";
import { createVM, runTx } from "@ethereumjs/vm";
import { expectGethGasCost, recordEjSteps, type EjStep } from "../helpers/ethereumjs-steps";
import { hex } from "../helpers/bytes";
import { fixture } from "../helpers/replay-dump";
import type { DumpTransaction } from "../../ts/replay/block-dump";
import { dumpBlockContext } from "../../ts/replay/ethereum-executor";
import { processTransaction } from "../../ts/ethereum/process-transaction";
import { hexToBytes } from "../../ts/primitives/hex";
import type { AllocValues } from "../../ts/replay/prestate";
import { WorldState } from "../../ts/state/world-state";
import { gethOpName } from "../../ts/tracing/geth-opcode-names";
import type { GethStructLog } from "../../ts/tracing/struct-logger";
import { TransactionTracer } from "../../ts/tracing/transaction-tracer";

interface Case {
  readonly index: number;
  readonly what: string;
  /** Step count and deepest frame as both sides saw them (so a case cannot pass on empty traces). */
  readonly steps?: number;
  readonly depth?: number;
  /** The steps that failed before running, as `op: error`. */
  readonly failing?: readonly string[];
}

/** Index in the block, what makes it worth comparing (calltrace.json, receipts.json), steps, deepest frame. */
const PICKED: readonly Case[] = [
  { index: 5, what: "ERC-20 transfer", steps: 571, depth: 1 },
  { index: 21, what: "approve through a DELEGATECALL proxy", steps: 311, depth: 2 },
  { index: 24, what: "transferFrom: SSTORE out of gas in the proxy's DELEGATECALL, the proxy reverts", steps: 1320, depth: 2, failing: ["SSTORE: out of gas"] },
  { index: 28, what: "transferFrom that reverts", steps: 124, depth: 1 },
  { index: 29, what: "transferFrom: SSTORE out of gas in the top frame after a CALL", steps: 1374, depth: 2, failing: ["SSTORE: out of gas"] },
  { index: 37, what: "transferFrom: KECCAK256 without its constant gas (geth counts 30, not the dynamic part)", steps: 764, depth: 1, failing: ["KECCAK256: out of gas"] },
  { index: 45, what: "CALLs and STATICCALLs, refunds in a subcall", steps: 3285, depth: 3 },
  { index: 48, what: "Uniswap universal router: 10 CALLs, 13 STATICCALLs", steps: 11277, depth: 3 },
  { index: 75, what: "57 frames, 12 deep, refunds in deep frames", steps: 36876, depth: 12 },
  { index: 123, what: "approve that reverts", steps: 170, depth: 1 },
];

function cases(): readonly Case[] {
  if (process.env.STRUCT_STEPS_ALL !== "1") return PICKED;
  return fixture().transactions.map((t) => ({ index: t.index, what: "(all)" }));
}

const ZERO_SLOT = "0x" + "0".repeat(64);

/** The transaction's prestate trace as an alloc; empty accounts and zero slots do not exist. */
function allocOf(t: DumpTransaction): Map<string, AllocValues> {
  const out = new Map<string, AllocValues>();
  for (const [address, a] of Object.entries(t.prestate)) {
    const storage = new Map<bigint, bigint>();
    for (const [k, v] of Object.entries(a.storage ?? {})) if (v !== ZERO_SLOT) storage.set(BigInt(k), BigInt(v));
    const acc = { balance: BigInt(a.balance ?? "0x0"), nonce: BigInt(a.nonce ?? 0), code: a.code === undefined ? new Uint8Array(0) : hexToBytes(a.code), storage };
    if (acc.balance === 0n && acc.nonce === 0n && acc.code.length === 0 && storage.size === 0) continue;
    out.set(address, acc);
  }
  return out;
}

function runZkos(t: DumpTransaction): { logs: GethStructLog[]; gas: number; failed: boolean } {
  const dump = fixture();
  const tracer = new TransactionTracer({ structLog: { enableMemory: true } });
  const out = processTransaction(WorldState.fromAlloc(allocOf(t)), dumpBlockContext(dump.block), t.tx, { tracer });
  if (out.kind === "rejected") throw new Error(`tx ${t.index} rejected: ${out.message}`);
  const r = tracer.structLogs();
  return { logs: r.structLogs, gas: r.gas, failed: r.failed };
}

async function runEthereumjs(t: DumpTransaction): Promise<{ steps: EjStep[]; gas: bigint; failed: boolean }> {
  const b = fixture().block;
  const common = createCustomCommon({ chainId: Number(b.chainId) }, Mainnet, { hardfork: Hardfork.Cancun });
  const vm = await createVM({ common });
  const sm = vm.stateManager;
  for (const [address, a] of allocOf(t)) {
    const addr = createAddressFromString(address);
    await sm.putAccount(addr, createAccount({ nonce: a.nonce, balance: a.balance }));
    if (a.code.length > 0) await sm.putCode(addr, a.code);
    for (const [slot, value] of a.storage) await sm.putStorage(addr, setLengthLeft(bigIntToBytes(slot), 32), bigIntToUnpaddedBytes(value));
  }
  const block = createBlock({
    header: {
      number: b.number, timestamp: b.timestamp, gasLimit: b.gasLimit, baseFeePerGas: b.baseFee, coinbase: createAddressFromString(b.coinbase),
      mixHash: b.prevRandao, excessBlobGas: 0n, blobGasUsed: 0n, parentBeaconBlockRoot: new Uint8Array(32),
    },
  }, { common });
  const steps = recordEjSteps(vm.evm.events!);
  const r = await runTx(vm, { tx: createTxFromRLP(t.tx.raw, { common }), block, skipBlockGasLimitValidation: true });
  return { steps, gas: r.totalGasSpent, failed: r.execResult.exceptionError !== undefined };
}

describe("opcode steps of mainnet block 22244135 match @ethereumjs/vm step by step", () => {
  for (const { index, what, steps, depth, failing } of cases()) {
    it(`tx ${index}: ${what}`, async () => {
      const t = fixture().transactions[index]!;
      const ours = runZkos(t);
      const ej = await runEthereumjs(t);
      // Both runs agree with the chain before their steps are compared.
      expect([ours.gas, ours.failed]).toEqual([Number(t.receipt.gasUsed), !t.receipt.success]);
      expect([ej.gas, ej.failed]).toEqual([t.receipt.gasUsed, !t.receipt.success]);
      const logs = ours.logs;
      expect(logs.length).toBe(ej.steps.length);
      if (steps !== undefined) {
        expect([logs.length, Math.max(...logs.map((l) => l.depth))]).toEqual([steps, depth]);
        expect(logs.filter((l) => l.error !== undefined).map((l) => `${l.op}: ${l.error}`)).toEqual(failing ?? []);
      }
      for (let i = 0; i < logs.length; i++) {
        const s = logs[i]!;
        const e = ej.steps[i]!;
        const where = `tx ${index} step ${i} pc ${e.pc} ${gethOpName(e.op)} depth ${e.depth}`;
        expect([s.pc, s.op, s.gas, s.depth, s.stack, s.refund ?? 0], where).toEqual([e.pc, gethOpName(e.op), Number(e.gas), e.depth, e.stack.map((v) => "0x" + v.toString(16)), Number(e.refund)]);
        expect((s.memory ?? []).join(""), where).toBe(hex(e.memory));
        expectGethGasCost(BigInt(s.gasCost), s.error !== undefined, ej.steps, i, where);
      }
    }, 300_000);
  }
});
