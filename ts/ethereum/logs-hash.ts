/**
 * The `logs` field of the Ethereum state tests: keccak256 of RLP([[address, [topic…], data]…]),
 * the logs of one transaction in emission order.
 * @module
 */
import { ArgumentError } from "../errors";
import { rlpEncode, type RlpItem } from "../primitives/rlp";
import { keccak256 } from "../crypto/keccak";

/** One EVM log record (LOG0–LOG4). */
export interface EthLog {
  /** 20 bytes. */
  address: Uint8Array;
  /** 0–4 topics of 32 bytes each. */
  topics: readonly Uint8Array[];
  data: Uint8Array;
}

/** RLP of the log list as receipts store it. */
export function encodeLogs(logs: Iterable<EthLog>): Uint8Array {
  const items: RlpItem[] = [];
  for (const log of logs) {
    if (log.address.length !== 20) throw new ArgumentError(`log address must be 20 bytes, got ${log.address.length}`);
    for (const t of log.topics) {
      if (t.length !== 32) throw new ArgumentError(`log topic must be 32 bytes, got ${t.length}`);
    }
    items.push([log.address, [...log.topics], log.data]);
  }
  return rlpEncode(items);
}

/** keccak256 of the RLP log list; for no logs it is 0x1dcc4de8…9347 (keccak of RLP([])). */
export function logsHash(logs: Iterable<EthLog>): Uint8Array {
  return keccak256(encodeLogs(logs));
}
