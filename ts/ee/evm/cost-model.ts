/**
 * The one place where the gas (and ZKsync OS native) cost of state access is decided: EIP-2929
 * warm/cold accounts and slots, EIP-2200/3529 SSTORE with refunds, SELFDESTRUCT's account costs.
 * The host (host.ts) and the call/create path (frame.ts) ask a HostCostModel; a profile plugs in
 * its own (issue 4: ZKsync OS has no refunds and different native costs, zksync-os-reference §6.5).
 * Results are in gas; native is reported through `native` after each call, to stay allocation-free.
 * @module
 */
import { isZeroWord, type Word } from "../../state/word";

export interface HostCostModel {
  /** Native charged by the most recent method call. */
  native: number;
  /** Refund delta (gas) produced by the most recent sstore call. */
  refundDelta: number;
  /** BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH and the CALL family's target. */
  accountAccess(cold: boolean): number;
  sload(cold: boolean): number;
  /** SSTORE of `value` over `current`, the slot holding `original` when the transaction began. */
  sstore(original: Word, current: Word, value: Word, cold: boolean): number;
  /** Extra cost of TLOAD/TSTORE beyond their static gas. */
  transientAccess(): number;
  /** Extra cost of emitting an event beyond LOG's EVM gas (which the interpreter charges). */
  log(topicCount: number, dataLen: number): number;
  /** SELFDESTRUCT beyond its static 5,000: beneficiary access and funding a dead account. */
  selfdestruct(coldBeneficiary: boolean, fundsDeadAccount: boolean): number;
  /** CALL/CALLCODE value transfer cost and the new-account surcharge of CALL (EIP-150, EIP-161). */
  callValue(transfersValue: boolean, fundsDeadAccount: boolean): number;
}

// Cancun constants (EIP-2929, EIP-2200, EIP-3529, Yellow Paper).
export const WARM_STORAGE_READ = 100;
export const COLD_ACCOUNT_ACCESS = 2600;
export const COLD_SLOAD = 2100;
export const SSTORE_SET = 20000;
export const SSTORE_RESET = 5000 - COLD_SLOAD;
export const SSTORE_CLEARS_SCHEDULE = 4800;
export const CALL_VALUE = 9000;
export const NEW_ACCOUNT = 25000;

/** Ethereum Cancun: EIP-2929 access costs, EIP-2200 net metering with EIP-3529 refunds; no native. */
export class EthereumCostModel implements HostCostModel {
  native = 0;
  refundDelta = 0;

  accountAccess(cold: boolean): number {
    return cold ? COLD_ACCOUNT_ACCESS : WARM_STORAGE_READ;
  }

  sload(cold: boolean): number {
    return cold ? COLD_SLOAD : WARM_STORAGE_READ;
  }

  sstore(original: Word, current: Word, value: Word, cold: boolean): number {
    let gas = cold ? COLD_SLOAD : 0;
    let refund = 0;
    if (value === current) {
      gas += WARM_STORAGE_READ;
    } else if (current === original) {
      if (isZeroWord(original)) gas += SSTORE_SET;
      else {
        gas += SSTORE_RESET;
        if (isZeroWord(value)) refund += SSTORE_CLEARS_SCHEDULE;
      }
    } else {
      gas += WARM_STORAGE_READ;
      if (!isZeroWord(original)) {
        if (isZeroWord(current)) refund -= SSTORE_CLEARS_SCHEDULE;
        else if (isZeroWord(value)) refund += SSTORE_CLEARS_SCHEDULE;
      }
      if (value === original) {
        refund += isZeroWord(original) ? SSTORE_SET - WARM_STORAGE_READ : SSTORE_RESET - WARM_STORAGE_READ;
      }
    }
    this.refundDelta = refund;
    return gas;
  }

  transientAccess(): number {
    return 0;
  }

  log(): number {
    return 0;
  }

  selfdestruct(coldBeneficiary: boolean, fundsDeadAccount: boolean): number {
    return (coldBeneficiary ? COLD_ACCOUNT_ACCESS : 0) + (fundsDeadAccount ? NEW_ACCOUNT : 0);
  }

  callValue(transfersValue: boolean, fundsDeadAccount: boolean): number {
    return (transfersValue ? CALL_VALUE : 0) + (fundsDeadAccount ? NEW_ACCOUNT : 0);
  }
}
