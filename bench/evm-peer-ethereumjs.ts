/**
 * The peer of the `evm` bench suite: @ethereumjs/evm (Cancun, SimpleStateManager, noble precompiles)
 * running the same message call as zkos: `evm.runCall` of the test's calldata into its contract on a
 * fresh state holding the pre-state, with the Cancun transaction warm set (sender, recipient, coinbase,
 * precompiles; what @ethereumjs/vm runTx adds) and no signature, nonce or fee handling around it.
 * @module
 */
import type { CliIO } from "../ts/cli/command";
import { loadPeer, type Peer } from "./_setup";
import { cpuNowMs, type CallOutcome, type EvmCase } from "./evm-cases";

type EvmModule = typeof import("@ethereumjs/evm");
type CommonModule = typeof import("@ethereumjs/common");
type StateModule = typeof import("@ethereumjs/statemanager");
type UtilModule = typeof import("@ethereumjs/util");

/** The four packages the peer needs, loaded together (dev dependencies, never bundled). */
export interface EthereumjsModules {
  readonly evm: EvmModule;
  readonly common: CommonModule;
  readonly state: StateModule;
  readonly util: UtilModule;
}

/** What exactly is measured on the peer's side; goes into the report. */
export const ETHEREUMJS_FORM =
  "@ethereumjs/evm createEVM (Cancun, SimpleStateManager) then evm.runCall({caller, origin, to, data, value, gasLimit, gasPrice, block}) "
  + "with sender/recipient/coinbase/precompiles warmed as runTx does; wall time of the awaited runCall";

/** Loads @ethereumjs/evm and its companions, or says why not (loadPeer reports it on stderr). */
export async function loadEthereumjs(io: CliIO): Promise<Peer<EthereumjsModules>> {
  return loadPeer("@ethereumjs/evm", async () => {
    const [evm, common, state, util] = await Promise.all([
      import("@ethereumjs/evm"),
      import("@ethereumjs/common"),
      import("@ethereumjs/statemanager"),
      import("@ethereumjs/util"),
    ]);
    return { evm, common, state, util };
  }, io);
}

/** The peer side of one case: the state and EVM are rebuilt (untimed) before every call. */
export class EthereumjsCaseRunner {
  private readonly m: EthereumjsModules;
  private readonly commonCfg: InstanceType<CommonModule["Common"]>;

  constructor(m: EthereumjsModules, readonly c: EvmCase) {
    this.m = m;
    this.commonCfg = new m.common.Common({ chain: m.common.Mainnet, hardfork: m.common.Hardfork.Cancun });
  }

  private async prepare(): Promise<InstanceType<EvmModule["EVM"]>> {
    const { util, state: stateMod, evm: evmMod } = this.m;
    const sm = new stateMod.SimpleStateManager();
    for (const acc of this.c.pre.values()) {
      const address = new util.Address(acc.address);
      await sm.putAccount(address, new util.Account(acc.nonce, acc.balance));
      if (acc.code.length !== 0) await sm.putCode(address, acc.code);
      for (const [slot, value] of acc.storage) {
        if (value === 0n) continue;
        await sm.putStorage(address, util.setLengthLeft(util.bigIntToBytes(slot), 32), util.bigIntToUnpaddedBytes(value));
      }
    }
    const evm = await evmMod.createEVM({ common: this.commonCfg.copy(), stateManager: sm });
    const j = evm.journal;
    j.addAlwaysWarmAddress(util.bytesToHex(this.c.caller));
    j.addAlwaysWarmAddress(util.bytesToHex(this.c.to));
    j.addAlwaysWarmAddress(util.bytesToHex(this.c.env.coinbase));
    for (const key of evm.precompiles.keys()) j.addAlwaysWarmAddress(key);
    return evm;
  }

  /** One message call on a fresh pre-state. */
  async run(): Promise<CallOutcome> {
    const { util } = this.m;
    const c = this.c;
    const env = c.env;
    const evm = await this.prepare();
    const block = {
      header: {
        number: env.number,
        coinbase: new util.Address(env.coinbase),
        timestamp: env.timestamp,
        difficulty: env.difficulty,
        prevRandao: env.prevRandao,
        gasLimit: env.gasLimit,
        baseFeePerGas: env.baseFee,
        getBlobGasPrice: () => env.blobBaseFee,
      },
    };
    const caller = new util.Address(c.caller);
    const opts = {
      caller, origin: caller, to: new util.Address(c.to), data: c.data, value: c.value, gasLimit: c.gas, gasPrice: c.gasPrice, block,
    };
    const c0 = cpuNowMs();
    const t0 = performance.now();
    const r = await evm.runCall(opts);
    const ms = performance.now() - t0;
    const cpuMs = cpuNowMs() - c0;
    const x = r.execResult;
    const err = x.exceptionError?.error;
    return {
      status: err === undefined ? "success" : err === "revert" ? "revert" : "error",
      error: err === undefined || err === "revert" ? null : String(err),
      gasUsed: x.executionGasUsed,
      refund: x.gasRefund ?? 0n,
      returnData: x.returnValue,
      ms,
      cpuMs,
    };
  }
}
