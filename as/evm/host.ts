// The synchronous host query of the interpreter: one import, `env.evm_host(op, sp)`, answered by
// ts/ee/evm/host.ts through the dispatcher installed in ts/wasm.ts. `op` is the opcode byte; the
// operands are stack slots below `sp` (and HOST_* fields of EVM_HOST_PTR); results are written in
// place. It returns the ergs to charge (state-dependent costs live in the TS cost model), or a
// negative HOST_* code; the native to charge is left at HOST_NATIVE.
//
// Why a synchronous import and not a yield: bench/boundary.bench.ts measured ≈ 8 ns per import call
// against ≈ 90 ns per evmRun exit + re-entry (node 20, 2 shared cores), so yields would cost ~10×.

import { EVM_HOST_PTR } from "../layout";
import { HOST_NATIVE } from "./frame";

// @ts-ignore: decorator
@external("env", "evm_host")
declare function evmHostImport(op: i32, sp: usize): f64;

/** The host could not afford or perform the query: an exceptional halt with out-of-gas. */
export const HOST_OUT_OF_GAS: f64 = -1;
/** The host failed in a way that is not a gas matter (reported as EVM_HOST_FAILURE). */
export const HOST_FAILURE: f64 = -2;

/** Runs host query `op` on the operands below `sp`; returns ergs to charge or a negative code. */
// @ts-ignore: decorator
@inline
export function hostCall(op: i32, sp: usize): f64 {
  store<f64>(EVM_HOST_PTR, 0, HOST_NATIVE);
  return evmHostImport(op, sp);
}

/** The native cost the last host query reported. */
// @ts-ignore: decorator
@inline
export function hostNative(): i64 {
  return <i64>load<f64>(EVM_HOST_PTR, HOST_NATIVE);
}
