/**
 * The access set a Cancun transaction starts with (EIP-2929, EIP-2930, EIP-3651): sender,
 * recipient (or the created address), every precompile, the coinbase and the access list.
 * @module
 */
import type { WorldState } from "../state/world-state";
import { addressOfNumber, type Address } from "../state/address";
import type { Word } from "../state/word";
import type { Precompile } from "../hooks/precompiles/types";

export interface AccessListItem {
  address: Address;
  storageKeys: readonly Word[];
}

export interface WarmUp {
  origin: Address;
  /** The call target, or the address a creation deploys to. */
  target: Address;
  coinbase: Address;
  precompiles: ReadonlyMap<number, Precompile>;
  accessList?: readonly AccessListItem[];
}

/** The always-warm precompile addresses of each precompile set, computed once. */
const warmPrecompiles = new WeakMap<ReadonlyMap<number, Precompile>, readonly Address[]>();

function alwaysWarm(set: ReadonlyMap<number, Precompile>): readonly Address[] {
  let list = warmPrecompiles.get(set);
  if (list === undefined) {
    list = [...set.values()].filter((p) => p.alwaysWarm).map((p) => addressOfNumber(p.address));
    warmPrecompiles.set(set, list);
  }
  return list;
}

/** Begins a transaction on `state` and warms its initial access set. */
export function beginEthereumTransaction(state: WorldState, w: WarmUp): void {
  state.beginTransaction();
  state.warmAddress(w.origin);
  state.warmAddress(w.target);
  state.warmAddress(w.coinbase);
  for (const a of alwaysWarm(w.precompiles)) state.warmAddress(a);
  for (const item of w.accessList ?? []) {
    state.warmAddress(item.address);
    for (const key of item.storageKeys) state.warmSlot(item.address, key);
  }
}
