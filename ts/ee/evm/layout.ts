/**
 * Addresses and field offsets of the AS interpreter's records (frame, call mailbox, environment,
 * host query), read once per WASM instance from the EVM_* globals that as/evm/index.ts exports.
 * Only ts/ee/evm/ modules use this; nothing writes an offset literal.
 * @module
 */
import type { Wasm } from "../../wasm";

export interface EvmLayout {
  readonly callPtr: number;
  readonly envPtr: number;
  readonly hostPtr: number;
  readonly codeBytes: number;
  readonly frameHeader: number;
  readonly flagStatic: number;
  readonly f: {
    readonly ergs: number; readonly excessGas: number; readonly native: number; readonly pc: number; readonly sp: number;
    readonly mem: number; readonly memSize: number; readonly flags: number;
    readonly outOffset: number; readonly outLen: number;
    readonly address: number; readonly caller: number; readonly value: number;
  };
  readonly call: {
    readonly kind: number; readonly inPtr: number; readonly inLen: number; readonly gas: number;
    readonly address: number; readonly value: number; readonly salt: number;
  };
  readonly env: {
    readonly origin: number; readonly gasPrice: number; readonly coinbase: number; readonly timestamp: number;
    readonly number: number; readonly prevRandao: number; readonly gasLimit: number; readonly chainId: number;
    readonly baseFee: number; readonly blobBaseFee: number;
  };
  readonly host: { readonly native: number; readonly memPtr: number; readonly len: number; readonly offset: number };
}

const cache = new WeakMap<Wasm, EvmLayout>();

/** The EVM layout of instance `w`. */
export function evmLayout(w: Wasm): EvmLayout {
  let l = cache.get(w);
  if (l === undefined) {
    const e = w.exports;
    const g = (name: `EVM_${string}`): number => {
      const global = e[name];
      if (global === undefined) throw new Error(`zkos: the WASM core does not export ${name}`);
      return global.value as number;
    };
    l = {
      callPtr: g("EVM_CALL_PTR"),
      envPtr: g("EVM_ENV_PTR"),
      hostPtr: g("EVM_HOST_PTR"),
      codeBytes: g("EVM_CODE_BYTES"),
      frameHeader: g("EVM_FRAME_HEADER"),
      flagStatic: g("EVM_FLAG_STATIC"),
      f: {
        ergs: g("EVM_F_ERGS"), excessGas: g("EVM_F_EXCESS_GAS"), native: g("EVM_F_NATIVE"), pc: g("EVM_F_PC"), sp: g("EVM_F_SP"),
        mem: g("EVM_F_MEM"), memSize: g("EVM_F_MEM_SIZE"), flags: g("EVM_F_FLAGS"),
        outOffset: g("EVM_F_OUT_OFFSET"), outLen: g("EVM_F_OUT_LEN"),
        address: g("EVM_F_ADDRESS"), caller: g("EVM_F_CALLER"), value: g("EVM_F_VALUE"),
      },
      call: {
        kind: g("EVM_CALL_KIND"), inPtr: g("EVM_CALL_IN_PTR"), inLen: g("EVM_CALL_IN_LEN"), gas: g("EVM_CALL_GAS"),
        address: g("EVM_CALL_ADDRESS"), value: g("EVM_CALL_VALUE"), salt: g("EVM_CALL_SALT"),
      },
      env: {
        origin: g("EVM_ENV_ORIGIN"), gasPrice: g("EVM_ENV_GASPRICE"), coinbase: g("EVM_ENV_COINBASE"),
        timestamp: g("EVM_ENV_TIMESTAMP"), number: g("EVM_ENV_NUMBER"), prevRandao: g("EVM_ENV_PREVRANDAO"),
        gasLimit: g("EVM_ENV_GASLIMIT"), chainId: g("EVM_ENV_CHAINID"), baseFee: g("EVM_ENV_BASEFEE"),
        blobBaseFee: g("EVM_ENV_BLOBBASEFEE"),
      },
      host: { native: g("EVM_HOST_NATIVE"), memPtr: g("EVM_HOST_MEM_PTR"), len: g("EVM_HOST_LEN"), offset: g("EVM_HOST_OFFSET") },
    };
    cache.set(w, l);
  }
  return l;
}
