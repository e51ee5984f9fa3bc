// @ethereumjs/evm `step` events as the reference for our opcode steps (test/tracing/struct-steps*),
// and geth's gasCost derived from them: ethereumjs reports each opcode's own fee, geth adds the gas
// a CALL hands to its callee and stops at the constant gas when that alone does not fit.
import { expect } from "vitest";

export interface EjStep {
  pc: number;
  op: number;
  /** Gas left before the opcode. */
  gas: bigint;
  /** ethereumjs' own cost of the opcode (static + dynamic; the CALL family without the gas passed). */
  fee: bigint;
  /** The opcode's constant gas. */
  staticFee: bigint;
  /** 1 for the top frame. */
  depth: number;
  stack: bigint[];
  refund: bigint;
  /** The frame's memory before the opcode (before its own expansion, as geth logs it). */
  memory: Uint8Array;
}

/** The shape of an ethereumjs `step` event this module reads. */
interface EjStepEvent {
  pc: number;
  gasLeft: bigint;
  gasRefund: bigint;
  opcode: { code: number; fee: number; dynamicFee?: bigint };
  depth: number;
  stack: bigint[];
  memory: Uint8Array;
}

/** Collects every `step` event of `events` (an EVM's `events`) into the returned array. */
export function recordEjSteps(events: { on(name: "step", f: (s: EjStepEvent) => void): unknown }): EjStep[] {
  const steps: EjStep[] = [];
  events.on("step", (s) => {
    steps.push({
      pc: s.pc, op: s.opcode.code, gas: s.gasLeft, fee: s.opcode.dynamicFee ?? BigInt(s.opcode.fee), staticFee: BigInt(s.opcode.fee),
      depth: s.depth + 1, stack: [...s.stack], refund: s.gasRefund, memory: s.memory,
    });
  });
  return steps;
}

const CALLS = new Set([0xf1, 0xf2, 0xf4, 0xfa]);
const CREATES = new Set([0xf0, 0xf5]);

/**
 * Checks our gasCost of step `i` against what geth would log, derived from ethereumjs' steps `ej`.
 */
export function expectGethGasCost(gasCost: bigint, failed: boolean, ej: readonly EjStep[], i: number, where: string): void {
  const e = ej[i]!;
  const next = ej[i + 1];
  if (failed) {
    // Failed before running: geth stops at the constant gas when that does not fit (ethereumjs
    // computes the dynamic part first), else its cost is the gas functions' total.
    expect(gasCost, where).toBe(e.gas < e.staticFee ? e.staticFee : e.fee);
  } else if (CALLS.has(e.op)) {
    // geth adds the gas handed to the callee (EIP-150: the request, capped at all but a 64th of
    // what the other charges leave), without the stipend: what a callee with code starts with.
    const left = e.gas - e.fee;
    const requested = e.stack[e.stack.length - 1]!;
    const passed = requested < left - left / 64n ? requested : left - left / 64n;
    expect(gasCost, where).toBe(e.fee + passed);
    if (next !== undefined && next.depth === e.depth + 1) {
      const stipend = e.op === 0xf1 && e.stack[e.stack.length - 3]! !== 0n ? 2300n : 0n;
      expect(gasCost, where).toBe(e.fee + next.gas - stipend);
    }
  } else {
    expect(gasCost, where).toBe(e.fee);
    if (next !== undefined && next.depth === e.depth && !CREATES.has(e.op)) expect(gasCost, where).toBe(e.gas - next.gas);
  }
}
