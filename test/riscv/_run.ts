// Shared runner for instruction-level RISC-V tests: a flat program at 0, registers preset,
// run to the halt (or a trap) with a small budget.
import { RiscvMachine, type RiscvMachineOptions, type RiscvRunResult } from "../../ts/riscv/machine";
import { program } from "../helpers/rv32";

export interface Ran {
  readonly m: RiscvMachine;
  readonly r: RiscvRunResult;
  readonly x: Uint32Array;
}

export function run(
  words: (number | number[])[],
  regs: Record<number, number> = {},
  options: RiscvMachineOptions = {},
  maxCycles = 100_000,
): Ran {
  const m = new RiscvMachine(options);
  m.load(program(...words));
  for (const [k, v] of Object.entries(regs)) m.setRegister(Number(k), v);
  const r = m.run(maxCycles);
  return { m, r, x: m.registers() };
}
