/**
 * Account addresses as `0x`-prefixed, 40-digit lower-case hex strings: the key of every account
 * map, readable in traces and errors. Conversions from bytes, bigints and user input.
 * @module
 */
import { ArgumentError } from "../errors";

/** A 20-byte address as `0x` + 40 lower-case hex digits. */
export type Address = string;

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** The address of 20 bytes. @throws ArgumentError for another length. */
export function addressFromBytes(b: Uint8Array): Address {
  if (b.length !== 20) throw new ArgumentError(`an address has 20 bytes, got ${b.length}`);
  let s = "0x";
  for (let i = 0; i < 20; i++) s += HEX[b[i]!];
  return s;
}

// Hex digit values by char code (-1: not a digit).
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}

/** The 20 bytes of an address. */
export function addressToBytes(a: Address): Uint8Array {
  const out = new Uint8Array(20);
  for (let i = 0; i < 20; i++) {
    const hi = NIBBLE[a.charCodeAt(2 + 2 * i)] ?? -1;
    const lo = NIBBLE[a.charCodeAt(3 + 2 * i)] ?? -1;
    // Two hex digits (every normalized address); anything else keeps parseInt's reading of the pair.
    out[i] = hi >= 0 && lo >= 0 ? (hi << 4) | lo : parseInt(a.substr(2 + 2 * i, 2), 16);
  }
  return out;
}

/** The address of the low 160 bits of `v`. */
export function addressFromBigint(v: bigint): Address {
  return "0x" + (v & ((1n << 160n) - 1n)).toString(16).padStart(40, "0");
}

/** The address as a number (for precompile and system-address ranges). */
export function addressToBigint(a: Address): bigint {
  return BigInt(a);
}

/** Checks and lower-cases user input. @throws ArgumentError unless it is 0x + 40 hex digits. */
export function normalizeAddress(s: string): Address {
  if (!ADDRESS_RE.test(s)) throw new ArgumentError(`not an address (0x + 40 hex digits): ${JSON.stringify(s)}`);
  return s.toLowerCase();
}

/** The address for a small number (precompiles, system contracts): 0x00…0n. */
export function addressOfNumber(n: number): Address {
  return "0x" + n.toString(16).padStart(40, "0");
}

/** The number of an address below 2^32 (precompiles, system contracts), else -1. */
export function smallAddressNumber(a: Address): number {
  for (let i = 2; i < 34; i++) if (a.charCodeAt(i) !== 48) return -1;
  return parseInt(a.slice(34), 16);
}
