/**
 * Analysed code records (as/evm/analysis.ts: padded code + jump-destination bitmap) for code the
 * state holds, keyed by the identity of its Uint8Array: the analysis runs once per distinct code
 * (issue 3), not once per call. Account code arrays are never mutated in place (ts/state/account.ts),
 * so identity is a sound key. Initcode is analysed on every deployment, straight from memory.
 * @module
 */
import { wasm, type Wasm } from "../../wasm";
import type { WasmBytes } from "../ee";
import { evmLayout } from "./layout";

/** Above this many bytes of records, the cache is dropped at the next transaction boundary. */
const CACHE_BUDGET_BYTES = 64 << 20;

/** Record pointers per WASM instance (a record lives in one instance's memory). */
const byInstance = new WeakMap<Wasm, WeakMap<Uint8Array, number>>();

function recordsOf(w: Wasm): WeakMap<Uint8Array, number> {
  let m = byInstance.get(w);
  if (m === undefined) {
    m = new WeakMap();
    byInstance.set(w, m);
  }
  return m;
}

/** The record of `code`, analysing it on first use. May grow WASM memory. */
export function codeRecord(code: Uint8Array): number {
  const w = wasm();
  const records = recordsOf(w);
  const hit = records.get(code);
  if (hit !== undefined) return hit;
  const rec = w.exports.evmCodeAlloc(code.length);
  if (w.viewsStale) w.refreshViews();
  w.u8.set(code, rec + evmLayout(w).codeBytes);
  w.exports.evmCodeAnalyze(rec);
  records.set(code, rec);
  return rec;
}

/** A fresh record of initcode held in a frame's memory. May grow WASM memory. */
export function codeRecordFromMemory(code: WasmBytes): number {
  return wasm().exports.evmCodeFromMemory(code.ptr, code.len);
}

/**
 * Drops every record when the cache is over budget. Only call with no frame running (the runner
 * does, before a top-level message).
 */
export function trimCodeCache(): void {
  const w = wasm();
  if (w.exports.evmCodeCacheBytes() > CACHE_BUDGET_BYTES) {
    w.exports.evmCodeCacheReset();
    byInstance.set(w, new WeakMap());
  }
}
