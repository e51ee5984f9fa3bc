/**
 * Precompiles as system hooks (system_hooks/src/precompiles.rs `pure_system_function_hook_impl` at
 * 0a82da0; zksync-os-reference.md §6.6): the precompile's native cost is charged first (short ⇒ the
 * transaction aborts), then its gas; a failure (bad input or too little gas) burns every erg the
 * call forwarded and returns nothing. Any call scheme is accepted, STATICCALL included: they are pure.
 * @module
 */
import { ERGS_PER_GAS, type Resources } from "../system/resources";
import type { Precompile } from "./precompiles/types";
import type { Hook, HookResult } from "./system-hook";

const EMPTY = new Uint8Array(0);

/** The hook that runs `p` on the forwarded resources. */
export function precompileHook(p: Precompile): Hook {
  return (_io, call, resources) => runPrecompile(p, call.calldata, resources);
}

/**
 * Runs `p` with the whole gas `resources` hold. @throws OUT_OF_NATIVE when the native cost
 * exceeds the native left (which is then 0)
 */
export function runPrecompile(p: Precompile, input: Uint8Array, resources: Resources): HookResult {
  const r = p.run(input, BigInt(resources.gasLeft));
  resources.charge(0, Number(r.native));
  if (!r.ok) {
    resources.exhaustErgs();
    return { reverted: true, returnData: EMPTY, reason: `${p.name} failed` };
  }
  resources.charge(Number(r.gasUsed) * ERGS_PER_GAS, 0);
  return { reverted: false, returnData: r.output };
}
