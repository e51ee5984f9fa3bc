/**
 * Resources of ZKsync OS (zksync-os-reference.md §6.1; zk_ee/src/system/resources.rs and
 * reference_implementations/mod.rs at 0a82da0): ergs (256 per EVM gas) and native (proving cost),
 * both counting down, charged together with the reference's failure rules, plus the EVM 63/64 rule.
 * @module
 */
import { ZkosError, ArgumentError } from "../errors";
import { ERGS_PER_GAS as ERGS_PER_GAS_BIG, MAX_NATIVE_COMPUTATIONAL as MAX_NATIVE_BIG } from "../zksync/constants";

/** Ergs per EVM gas, as a number (the value lives in ts/zksync/constants.ts). */
export const ERGS_PER_GAS = Number(ERGS_PER_GAS_BIG);
/** Native a transaction may spend on computation (2^36); the bootloader withholds the rest. */
export const MAX_NATIVE_COMPUTATIONAL = Number(MAX_NATIVE_BIG);
/** Native weight of one bigint delegation (`BIGINT_DELEGATION_COEFFICIENT`). */
export const BIGINT_DELEGATION_COEFFICIENT = 4;
/** Native weight of one Blake2s delegation (`BLAKE_DELEGATION_COEFFICIENT`). */
export const BLAKE_DELEGATION_COEFFICIENT = 16;

/** `native_with_delegations!(raw, bigint, blake)` = raw + 4·bigint + 16·blake. */
export function nativeWithDelegations(raw: number, bigint: number, blake: number): number {
  return raw + BIGINT_DELEGATION_COEFFICIENT * bigint + BLAKE_DELEGATION_COEFFICIENT * blake;
}

/**
 * A charge failed for lack of one resource (`SystemError::OutOfErgs` / `OutOfNativeResources`).
 * The two instances below are thrown as-is: no stack is captured on the hot path.
 */
export class ResourceExhausted extends ZkosError {
  override name = "ResourceExhausted";
  /** `"OutOfErgs"` or `"OutOfNativeResources"`, the reference's variant name. */
  readonly kind: "OutOfErgs" | "OutOfNativeResources";
  constructor(kind: "OutOfErgs" | "OutOfNativeResources") {
    super(kind);
    this.kind = kind;
  }
}

/** Thrown when ergs run out (the EE frame fails, consuming its ergs). */
export const OUT_OF_ERGS = new ResourceExhausted("OutOfErgs");
/** Thrown when native runs out (the whole transaction reverts; invalid during validation). */
export const OUT_OF_NATIVE = new ResourceExhausted("OutOfNativeResources");

/** Result of {@link Resources.tryCharge}. */
export const enum ChargeStatus {
  Ok = 0,
  OutOfErgs = 1,
  OutOfNative = 2,
}

function checkAmount(what: string, v: number): void {
  if (!(Number.isSafeInteger(v) && v >= 0) && v !== Infinity) {
    throw new ArgumentError(`${what} must be a non-negative safe integer or Infinity, got ${v}`);
  }
}

/**
 * Ergs and native left, as numbers: measured 7–10 ns per charge against 36–43 ns with bigint
 * fields (node 20, 2·10^7 charges, shared machine). Amounts are integers below 2^53; `Infinity`
 * stands for the reference's FORMAL_INFINITE (u64::MAX), which no charge can exhaust. During
 * execution native never exceeds 2^36 (the rest is withheld), and ergs stay below 2^53 for any
 * gas limit below 2^45.
 */
export class Resources {
  ergs: number;
  native: number;

  /** @throws ArgumentError unless both are non-negative safe integers or Infinity */
  constructor(ergs: number, native: number) {
    checkAmount("ergs", ergs);
    checkAmount("native", native);
    this.ergs = ergs;
    this.native = native;
  }

  /** No ergs, no native. */
  static empty(): Resources {
    return new Resources(0, 0);
  }

  /** `FORMAL_INFINITE`: for system work no transaction pays for (coinbase warm-up, fee moves, block end). */
  static formalInfinite(): Resources {
    return new Resources(Infinity, Infinity);
  }

  /**
   * `ergs` with native that never runs out: for profiles that do not meter native (the `ethereum`
   * profile). Note: the reference's `unlimited_native` build still caps execution at
   * MAX_NATIVE_COMPUTATIONAL and withholds the rest (gas_helpers.rs), so `zksync-os-server`
   * transactions get finite native from the bootloader, not this.
   */
  static withInfiniteNative(ergs: number): Resources {
    return new Resources(ergs, Infinity);
  }

  /** `gas` EVM gas as ergs, with `native`. */
  static fromGas(gas: number, native: number): Resources {
    return new Resources(gas * ERGS_PER_GAS, native);
  }

  /** True when native is unmetered. */
  get hasInfiniteNative(): boolean {
    return this.native === Infinity;
  }

  /** Whole gas left: floor(ergs / 256). */
  get gasLeft(): number {
    return Math.floor(this.ergs / ERGS_PER_GAS);
  }

  /**
   * `BaseResources::charge` without throwing. Native is checked first: if it is short, native is
   * set to 0 and ergs are still charged (set to 0 if also short), and the result is OutOfNative.
   * Otherwise native is deducted, then ergs: if short they are set to 0 (native stays deducted).
   */
  tryCharge(ergs: number, native: number): ChargeStatus {
    if (this.native < native) {
      this.native = 0;
      this.ergs = this.ergs < ergs ? 0 : this.ergs - ergs;
      return ChargeStatus.OutOfNative;
    }
    this.native -= native;
    if (this.ergs < ergs) {
      this.ergs = 0;
      return ChargeStatus.OutOfErgs;
    }
    this.ergs -= ergs;
    return ChargeStatus.Ok;
  }

  /**
   * Charges both components with {@link tryCharge}'s rules.
   * @throws {@link OUT_OF_NATIVE} or {@link OUT_OF_ERGS} (the state is already updated as described)
   */
  charge(ergs: number, native: number): void {
    const s = this.tryCharge(ergs, native);
    if (s !== ChargeStatus.Ok) throw s === ChargeStatus.OutOfNative ? OUT_OF_NATIVE : OUT_OF_ERGS;
  }

  /** `has_enough`: both components cover the amounts. */
  hasEnough(ergs: number, native: number): boolean {
    return this.ergs >= ergs && this.native >= native;
  }

  /** `reclaim`: adds another frame's leftovers back. */
  reclaim(other: Resources): void {
    this.ergs += other.ergs;
    this.native += other.native;
  }

  /** `add_ergs`. */
  addErgs(ergs: number): void {
    this.ergs += ergs;
  }

  /** `exhaust_ergs`: consumes all ergs (a failed frame). */
  exhaustErgs(): void {
    this.ergs = 0;
  }

  /** `give_native_to`: moves all native into `other` (replacing what it had). */
  giveNativeTo(other: Resources): void {
    other.native = this.native;
    this.native = 0;
  }

  /** `take`: a copy of these resources, leaving them empty. */
  take(): Resources {
    const r = new Resources(this.ergs, this.native);
    this.ergs = 0;
    this.native = 0;
    return r;
  }

  /** A copy. */
  clone(): Resources {
    return new Resources(this.ergs, this.native);
  }

  /**
   * `with_infinite_ergs`: runs `f` with ergs set to infinity and restores them afterwards (also when
   * `f` throws), so only native is spent. For system work the EE already paid for in ergs.
   */
  withInfiniteErgs<T>(f: (r: Resources) => T): T {
    const saved = this.ergs;
    this.ergs = Infinity;
    try {
      return f(this);
    } finally {
      this.ergs = saved;
    }
  }

  /**
   * `clarify_and_take_passed_resources` of the EVM: the callee gets min(desired, 63/64 rule) ergs,
   * taken from this frame, and all of this frame's native (native is not split, §6.1).
   */
  takePassedResources(desiredErgs: number): Resources {
    const ergs = Math.min(desiredErgs, apply6364Rule(this.ergs));
    this.ergs -= ergs;
    const passed = new Resources(ergs, 0);
    this.giveNativeTo(passed);
    return passed;
  }
}

/**
 * The most ergs a caller may pass on (EIP-150, evm_interpreter gas.rs): the rule applies to whole
 * gas, so the result is ergs − floor(floor(ergs / 256) / 64) · 256.
 */
export function apply6364Rule(ergs: number): number {
  if (ergs === Infinity) return Infinity;
  const gas = Math.floor(ergs / ERGS_PER_GAS);
  return ergs - Math.floor(gas / 64) * ERGS_PER_GAS;
}
