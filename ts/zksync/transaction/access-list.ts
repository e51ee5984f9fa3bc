/**
 * The access list carried in `reservedDynamic` (zksync-os-reference.md §5.1): `bytes` holding
 * abi.encode(((address,bytes32[])[])[]) whose outer array has exactly one element, the EIP-2930
 * list. Parsing mirrors `AccessListIter` (transaction/access_list_parser.rs), quirks included.
 * @module
 */
import type { AccessListEntry } from "../../ethereum/transaction";
import { ArgumentError } from "../../errors";
import { InvalidTransaction } from "../validation-errors";

export type { AccessListEntry };

/**
 * What the bootloader gets out of an access list before it stops: the entries read so far and the
 * error that stopped it. The reference warms each address, then each of its keys, as it reads them,
 * so a failure midway leaves the earlier entries (and the keys read of the last one) warmed; the
 * last entry here may hold only the keys that parsed.
 */
export interface AccessListParse {
  entries: AccessListEntry[];
  error: InvalidTransaction<"InvalidStructure"> | null;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly rule: string,
  ) {
    super(rule);
  }
}

/**
 * The word at `off` as the reference reads it: `as_limbs()[0] as usize`, the low 64 bits (high bits
 * are ignored, as on the 64-bit forward run). Beyond 2^53 the number is inexact, but any such value
 * only ever fails a bounds check.
 */
function lowWord(body: Uint8Array, off: number, what: string): number {
  if (off + 32 > body.length) throw new Stop(off, `${what}: word at ${off} runs past the body end`);
  let v = 0;
  for (let i = off + 24; i < off + 32; i++) v = v * 256 + body[i]!;
  return v;
}

/**
 * Parses the access list whose `bytes` length word is at `lengthWordOffset` of the body. Offsets
 * inside are relative to the body, not bounded by the `bytes` length (as in the reference).
 * Never throws for bad input: the failure is returned in `error` with the entries read before it.
 */
export function parseAccessList(body: Uint8Array, lengthWordOffset: number): AccessListParse {
  const entries: AccessListEntry[] = [];
  try {
    if (lowWord(body, lengthWordOffset, "reservedDynamic length") === 0) return { entries, error: null };
    const contentAt = lengthWordOffset + 32;
    const outerBase = contentAt + lowWord(body, contentAt, "outer array offset");
    const outerLen = lowWord(body, outerBase, "outer array length");
    if (outerLen !== 1) throw new Stop(outerBase, `outer array must have exactly 1 element, got ${outerLen}`);
    const listBase = outerBase + 32 + lowWord(body, outerBase + 32, "access list offset");
    const count = lowWord(body, listBase, "access list length");
    const headStart = listBase + 32;
    for (let i = 0; i < count; i++) {
      const itemAt = headStart + lowWord(body, headStart + 32 * i, `entry ${i} offset`);
      if (itemAt + 32 > body.length) throw new Stop(itemAt, `entry ${i}: address word runs past the body end`);
      // The reference takes bytes 12..32 of the address word without checking the high 12 bytes.
      const address = body.slice(itemAt + 12, itemAt + 32);
      const keysAt = itemAt + lowWord(body, itemAt + 32, `entry ${i} keys offset`);
      const keyCount = lowWord(body, keysAt, `entry ${i} keys length`);
      const entry: AccessListEntry = { address, storageKeys: [] };
      entries.push(entry);
      for (let k = 0; k < keyCount; k++) {
        const keyAt = keysAt + 32 + 32 * k;
        if (keyAt + 32 > body.length) throw new Stop(keyAt, `entry ${i} key ${k} runs past the body end`);
        entry.storageKeys.push(body.slice(keyAt, keyAt + 32));
      }
    }
    return { entries, error: null };
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    return { entries, error: new InvalidTransaction("InvalidStructure", { offset: e.offset, rule: e.rule }) };
  }
}

/**
 * The access list of a standalone `reservedDynamic` value (as if its length word were at body
 * offset 0). Equal to {@link parseAccessList} on the body for every well-formed encoding.
 * @throws InvalidTransaction("InvalidStructure") when it does not parse
 */
export function decodeAccessList(reservedDynamic: Uint8Array): AccessListEntry[] {
  const wrapped = new Uint8Array(32 + Math.ceil(reservedDynamic.length / 32) * 32);
  const len = reservedDynamic.length;
  for (let i = 0; i < 4; i++) wrapped[31 - i] = (len >>> (8 * i)) & 0xff;
  wrapped.set(reservedDynamic, 32);
  const { entries, error } = parseAccessList(wrapped, 0);
  if (error !== null) throw error;
  return entries;
}

/**
 * The `reservedDynamic` bytes for an access list: abi.encode of one outer element holding the
 * list, as the reference's `encode_access_list` (tests/rig/src/utils.rs) builds it.
 * @throws ArgumentError on a 19-byte address or a 31-byte key
 */
export function encodeAccessList(entries: readonly AccessListEntry[]): Uint8Array {
  let itemsBytes = 0;
  for (const [i, e] of entries.entries()) {
    if (e.address.length !== 20) throw new ArgumentError(`accessList[${i}].address: expected 20 bytes, got ${e.address.length}`);
    e.storageKeys.forEach((k, j) => {
      if (k.length !== 32) throw new ArgumentError(`accessList[${i}].storageKeys[${j}]: expected 32 bytes, got ${k.length}`);
    });
    itemsBytes += 32 * (3 + e.storageKeys.length);
  }
  // 0x20 | outer len 1 | offset 0x20 | list len n | n item offsets | items
  const out = new Uint8Array(32 * 4 + 32 * entries.length + itemsBytes);
  const putWord = (at: number, v: number): void => {
    for (let i = 0; i < 6 && v > 0; i++) {
      out[at + 31 - i] = v % 256;
      v = Math.floor(v / 256);
    }
  };
  putWord(0, 0x20);
  putWord(32, 1);
  putWord(64, 0x20);
  putWord(96, entries.length);
  const headStart = 128;
  let itemRel = 32 * entries.length;
  entries.forEach((e, i) => {
    putWord(headStart + 32 * i, itemRel);
    const at = headStart + itemRel;
    out.set(e.address, at + 12);
    putWord(at + 32, 0x40);
    putWord(at + 64, e.storageKeys.length);
    e.storageKeys.forEach((k, j) => out.set(k, at + 96 + 32 * j));
    itemRel += 32 * (3 + e.storageKeys.length);
  });
  return out;
}
