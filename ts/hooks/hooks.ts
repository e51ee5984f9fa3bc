/**
 * The system hooks of ZKsync OS by address (system_hooks/src/lib.rs at 0a82da0;
 * zksync-os-reference.md §1.5): the precompiles, the contract deployer (0x8006), the L1 messenger
 * (0x8008) and the L2 base token (0x800a), as a build's features enable them.
 * @module
 */
import { precompilesFor } from "./precompiles/registry";
import { precompileHook } from "./precompile-hooks";
import { contractDeployerHook } from "./contract-deployer";
import { l1MessengerHook } from "./l1-messenger";
import { l2BaseTokenHook } from "./l2-base-token";
import type { Hook } from "./system-hook";

export type { Hook, HookCall, HookResult } from "./system-hook";

/** 0x8006: `setBytecodeDetailsEVM`, callable only by the complex upgrader. */
export const CONTRACT_DEPLOYER_HOOK = 0x8006;
/** 0x8008: `sendToL1`. */
export const L1_MESSENGER_HOOK = 0x8008;
/** 0x800a: `withdraw`, `withdrawWithMessage`. */
export const L2_BASE_TOKEN_HOOK = 0x800a;

/** Hooks by address number (0x01 … 0x0a, 0x100, 0x8006, 0x8008, 0x800a). */
export type HookTable = ReadonlyMap<number, Hook>;

/** The build features that choose the hooks (zksync-os-reference.md appendix B). */
export interface HookFlags {
  /** `mock-unsupported-precompiles`: length-check mocks at 0x09 and 0x0a. */
  readonly mockUnsupportedPrecompiles: boolean;
  /** `disable_system_contracts` (evm_replay.bin): no 0x8006, 0x8008 or 0x800a. */
  readonly disableSystemContracts: boolean;
  /** `p256_precompile`: P256 verification at 0x100. */
  readonly p256: boolean;
}

/** The hooks `flags` enable, as the bootloader registers them (`add_precompiles` and the three system hooks). */
export function hooksFor(flags: HookFlags): HookTable {
  const table = new Map<number, Hook>();
  for (const [n, p] of precompilesFor("zksync-os", { mockUnsupported: flags.mockUnsupportedPrecompiles, p256: flags.p256 })) {
    table.set(n, precompileHook(p));
  }
  if (!flags.disableSystemContracts) {
    table.set(CONTRACT_DEPLOYER_HOOK, contractDeployerHook);
    table.set(L1_MESSENGER_HOOK, l1MessengerHook);
    table.set(L2_BASE_TOKEN_HOOK, l2BaseTokenHook);
  }
  return table;
}

