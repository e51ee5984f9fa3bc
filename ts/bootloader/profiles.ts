/**
 * The three block profiles of interfaces.md §3 and the build features each stands for
 * (zksync-os-reference.md appendix B; basic_bootloader/Cargo.toml and zksync_os/dump_bin.sh at 0a82da0).
 * @module
 */
import { InputError } from "../errors";
import type { ZkExecFlags } from "./zk-exec";

/** Profile names a fixture's `profile` may hold. */
export const PROFILE_NAMES = ["zksync-os", "zksync-os-server", "ethereum"] as const;

/** One of {@link PROFILE_NAMES}. */
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** The ZKsync OS builds: the features that change what a block does. */
export interface ZkProfile {
  readonly name: "zksync-os" | "zksync-os-server";
  /** `charge_priority_fee`: gas price = base fee + min(tip, maxFee − base fee); else the base fee. */
  readonly chargePriorityFee: boolean;
  /** `unlimited_native`: the native limit starts at u64::MAX and gas used skips the native → gas delta. */
  readonly unlimitedNative: boolean;
  /** Per-block Blake2s public input (default image), or the `wrap-in-batch` Keccak batch input (server image). */
  readonly publicInput: "block" | "batch";
  /** Native account abstraction (`AA_ENABLED` of every bootloader config at 0a82da0). */
  readonly aaEnabled: boolean;
  /** Runner and hook features. */
  readonly exec: ZkExecFlags;
}

/** `evm-compatibility`, a default feature of the zksync_os crate: code in kernel space, mocked 0x09/0x0a, priority fee. */
const EVM_COMPATIBILITY: ZkExecFlags = { codeInKernelSpace: true, mockUnsupportedPrecompiles: true, disableSystemContracts: false, p256: false };

/** `app.bin`: the default RISC-V image. */
export const ZKSYNC_OS_PROFILE: ZkProfile = Object.freeze({
  name: "zksync-os",
  chargePriorityFee: true,
  unlimitedNative: false,
  publicInput: "block",
  aaEnabled: true,
  exec: EVM_COMPATIBILITY,
});

/** `server_app.bin` (`dump_bin.sh --type server`): + `unlimited_native`, `wrap-in-batch`. */
export const ZKSYNC_OS_SERVER_PROFILE: ZkProfile = Object.freeze({
  name: "zksync-os-server",
  chargePriorityFee: true,
  unlimitedNative: true,
  publicInput: "batch",
  aaEnabled: true,
  exec: EVM_COMPATIBILITY,
});

/** The ZKsync OS profile of `name`, or null for `ethereum` (which runs Cancun rules on the Ethereum world state). */
export function zkProfile(name: ProfileName): ZkProfile | null {
  if (name === "zksync-os") return ZKSYNC_OS_PROFILE;
  if (name === "zksync-os-server") return ZKSYNC_OS_SERVER_PROFILE;
  return null;
}

/**
 * Checks a profile name from user input.
 * @throws InputError at `where` for anything but the three names
 */
export function parseProfileName(v: unknown, where = "profile"): ProfileName {
  if (typeof v === "string" && (PROFILE_NAMES as readonly string[]).includes(v)) return v as ProfileName;
  throw new InputError(where, `expected one of ${PROFILE_NAMES.map((p) => JSON.stringify(p)).join(", ")}, got ${JSON.stringify(v)}`);
}
