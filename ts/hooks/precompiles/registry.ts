/**
 * Address → precompile for each profile. `ethereum` is Cancun (0x01–0x0a, all warm per EIP-2929);
 * `zksync-os` follows the pinned ZKsync OS build (zksync-os-reference.md §1.5, §8): 0x01–0x08
 * as in Cancun plus native costs, 0x09/0x0a as length-check mocks, P256 at 0x100 only when asked.
 * @module
 */
import { ecrecoverPrecompile } from "./01-ecrecover";
import { sha256Precompile } from "./02-sha256";
import { ripemd160Precompile } from "./03-ripemd160";
import { identityPrecompile } from "./04-identity";
import { modexpPrecompile } from "./05-modexp";
import { bn254AddPrecompile } from "./06-bn254-add";
import { bn254MulPrecompile } from "./07-bn254-mul";
import { bn254PairingPrecompile } from "./08-bn254-pairing";
import { blake2fPrecompile } from "./09-blake2f";
import { kzgPointEvaluationPrecompile } from "./0a-kzg-point-evaluation";
import { p256VerifyPrecompile } from "./100-p256verify";
import { blake2fMock, kzgPointEvaluationMock } from "./mock-unsupported";
import type { Precompile, Profile } from "./types";
import { ArgumentError } from "../../errors";

export type { Precompile, PrecompileResult, Profile } from "./types";

/** Build switches of the `zksync-os` profile; both default to the pinned build's behaviour. */
export interface ZksyncPrecompileOptions {
  /** Feature `p256_precompile`: P256 verification at 0x100. Off in every reference build. */
  p256?: boolean;
  /** Feature `mock-unsupported-precompiles` (part of `evm-compatibility`): mocks at 0x09/0x0a. On by default. */
  mockUnsupported?: boolean;
}

const COMMON: readonly Precompile[] = [
  ecrecoverPrecompile,
  sha256Precompile,
  ripemd160Precompile,
  identityPrecompile,
  modexpPrecompile,
  bn254AddPrecompile,
  bn254MulPrecompile,
  bn254PairingPrecompile,
];

function toMap(list: readonly Precompile[]): ReadonlyMap<number, Precompile> {
  return new Map(list.map((p) => [p.address, p]));
}

const ETHEREUM = toMap([...COMMON, blake2fPrecompile, kzgPointEvaluationPrecompile]);

/**
 * The precompiles active under `profile`, keyed by address (0x01 … 0x0a, 0x100), in ascending
 * address order. The maps are shared and read-only; build them once per run, not per call.
 * @throws ArgumentError for an unknown profile.
 */
export function precompilesFor(profile: Profile, options: ZksyncPrecompileOptions = {}): ReadonlyMap<number, Precompile> {
  if (profile === "ethereum") return ETHEREUM;
  if (profile !== "zksync-os") throw new ArgumentError(`unknown profile ${JSON.stringify(profile)}`);
  const list = [...COMMON];
  if (options.mockUnsupported ?? true) list.push(blake2fMock, kzgPointEvaluationMock);
  if (options.p256 ?? false) list.push(p256VerifyPrecompile);
  return toMap(list);
}

/**
 * The precompile at a 20-byte address in `set`, or undefined. Precompile addresses are small
 * numbers, so any non-zero byte among the first 18 rules the address out.
 * @throws ArgumentError if `address` is not 20 bytes.
 */
export function precompileAt(set: ReadonlyMap<number, Precompile>, address: Uint8Array): Precompile | undefined {
  if (address.length !== 20) throw new ArgumentError(`address must be 20 bytes, got ${address.length}`);
  for (let i = 0; i < 18; i++) if (address[i] !== 0) return undefined;
  return set.get((address[18]! << 8) | address[19]!);
}
