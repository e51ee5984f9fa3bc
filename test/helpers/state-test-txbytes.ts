/**
 * Cross-check shared by the state-test loader tests: the transaction the loader builds from the
 * `transaction` arrays must be the one the filler signed into the vector's `txbytes`.
 */
import { decodeTransaction } from "../../ts/ethereum/transaction";
import type { StateTestVector } from "../../ts/ethereum/state-test";

/** Null when they agree, else a line naming the vector and the differing fields. */
export function txBytesMismatch(v: StateTestVector): string | null {
  const where = `${v.file} ${v.name}[${v.index}]`;
  let d;
  try {
    d = decodeTransaction(v.txBytes!, `${where} txbytes`);
  } catch (e) {
    return (e as Error).message;
  }
  const t = v.transaction;
  const differing = (Object.keys(t) as (keyof typeof t)[]).filter((k) => JSON.stringify(t[k], replacer) !== JSON.stringify(d[k], replacer));
  return differing.length === 0 ? null : `${where}: ${differing.join(", ")} differ`;
}

function replacer(_k: string, v: unknown): unknown {
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Uint8Array) return Array.from(v);
  return v;
}
