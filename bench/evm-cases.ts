/**
 * The cases of the `evm` bench suite: every data input of ../shared/fixtures/evm-benchmarks (main and
 * micro, state-test format, named by the fixture's `_info.labels` as evmone names its benchmarks), and
 * one message call of a case on zkos (Runner on a fresh WorldState holding the test's pre-state).
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { InputError } from "../ts/errors";
import { parseStateTests, type StateTestAccount, type StateTestEnv } from "../ts/ethereum/state-test";
import { intrinsicGas } from "../ts/ethereum/intrinsic-gas";
import { WorldState, type AllocAccount } from "../ts/state/world-state";
import { addressFromBytes, type Address } from "../ts/state/address";
import { Runner } from "../ts/bootloader/runner";
import { beginEthereumTransaction } from "../ts/bootloader/warm-up";
import { precompilesFor } from "../ts/hooks/precompiles/registry";
import type { BlockContext, TxContext } from "../ts/ee/evm/context";

/** The fixtures sit next to the repository; bench/ (sources) and dist/ (bundled CLI) are one level down. */
export const EVM_BENCHMARKS_DIR = new URL("../../shared/fixtures/evm-benchmarks/", import.meta.url);

/** The fixture files are filled for London; they run under Cancun here (no opcode of theirs changed). */
const FIXTURE_FORK = "London";

export type EvmCaseGroup = "main" | "micro";

/** One benchmark input: a message call of the test's transaction, without its signature and fees. */
export interface EvmCase {
  /** `<group>/<test>/<label>`, e.g. "main/snailtracer/benchmark" (evmone's benchmark names). */
  readonly name: string;
  readonly group: EvmCaseGroup;
  readonly test: string;
  /** `_info.labels[dataIndex]`, else the data index. */
  readonly label: string;
  readonly dataIndex: number;
  readonly pre: ReadonlyMap<string, StateTestAccount>;
  readonly env: StateTestEnv;
  /** 20 bytes each. */
  readonly caller: Uint8Array;
  readonly to: Uint8Array;
  readonly value: bigint;
  readonly data: Uint8Array;
  /** Gas given to the call frame: the transaction's gas limit minus its intrinsic gas. */
  readonly gas: bigint;
  /** The effective gas price (GASPRICE). */
  readonly gasPrice: bigint;
}

/** What one message call produced; equal outcomes on both EVMs make a case comparable. */
export interface CallOutcome {
  readonly status: "success" | "revert" | "error";
  /** The halt reason of an "error", as the EVM names it. */
  readonly error: string | null;
  /** Gas consumed by the call frame (no intrinsic gas, refund not subtracted). */
  readonly gasUsed: bigint;
  /** The refund counter at the end of the call. */
  readonly refund: bigint;
  readonly returnData: Uint8Array;
  /** Wall time of the call alone (state building excluded), ms. */
  readonly ms: number;
  /** CPU time of the process (user + system) during the call, ms: less disturbed by other load than `ms`. */
  readonly cpuMs: number;
}

/** Process CPU time (user + system), ms. */
export function cpuNowMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function labelsOf(json: unknown, test: string): Record<string, string> {
  const info = (json as Record<string, { _info?: { labels?: unknown } }>)[test]?._info;
  const labels = info?.labels;
  return typeof labels === "object" && labels !== null ? (labels as Record<string, string>) : {};
}

/**
 * Every case of the fixture folder, main before micro, files and data indexes in order.
 * @throws InputError when the folder or a file cannot be read or is malformed
 */
export function loadEvmCases(dir: URL = EVM_BENCHMARKS_DIR): EvmCase[] {
  const cases: EvmCase[] = [];
  for (const group of ["main", "micro"] as const) {
    const groupDir = new URL(`${group}/`, dir);
    let files: string[];
    try {
      files = readdirSync(groupDir).filter((f) => f.endsWith(".json")).sort();
    } catch (e) {
      throw new InputError(groupDir.pathname, `cannot list the EVM benchmarks: ${(e as Error).message}`);
    }
    for (const f of files) {
      const url = new URL(f, groupDir);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(url, "utf8"));
      } catch (e) {
        throw new InputError(url.pathname, `cannot read: ${(e as Error).message}`);
      }
      const seen = new Set<number>();
      for (const v of parseStateTests(json, url.pathname, FIXTURE_FORK)) {
        const tx = v.transaction;
        if (tx.to === null) throw new InputError(url.pathname, `${v.name}: a benchmark must call a contract, not create one`);
        if (seen.has(v.indexes.data)) continue;
        seen.add(v.indexes.data);
        const label = labelsOf(json, v.name)[String(v.indexes.data)] ?? String(v.indexes.data);
        cases.push({
          name: `${group}/${v.name}/${label}`,
          group,
          test: v.name,
          label,
          dataIndex: v.indexes.data,
          pre: v.pre,
          env: v.env,
          caller: tx.sender,
          to: tx.to,
          value: tx.value,
          data: tx.data,
          gas: tx.gasLimit - intrinsicGas({ data: tx.data, isCreate: false, accessList: tx.accessList }),
          gasPrice: tx.gasPrice ?? tx.maxFeePerGas,
        });
      }
    }
  }
  return cases;
}

/** The zkos side of a case: state and runner built once per call, so every call starts from the pre-state. */
export class ZkosCaseRunner {
  private readonly alloc: Map<Address, AllocAccount>;
  private readonly block: BlockContext;
  private readonly tx: TxContext;
  private readonly caller: Address;
  private readonly to: Address;
  private readonly precompiles = precompilesFor("ethereum");

  constructor(readonly c: EvmCase) {
    this.alloc = new Map();
    for (const acc of c.pre.values()) {
      // The code array is shared by every call: the code cache keys analysed code by identity.
      this.alloc.set(addressFromBytes(acc.address), { nonce: acc.nonce, balance: acc.balance, code: acc.code, storage: acc.storage });
    }
    this.caller = addressFromBytes(c.caller);
    this.to = addressFromBytes(c.to);
    const env = c.env;
    this.block = {
      coinbase: addressFromBytes(env.coinbase), number: env.number, timestamp: env.timestamp, gasLimit: env.gasLimit,
      prevRandao: env.prevRandao, chainId: env.chainId, baseFee: env.baseFee, blobBaseFee: env.blobBaseFee,
      blockHash: () => undefined,
    };
    this.tx = { origin: this.caller, gasPrice: c.gasPrice, blobHashes: [] };
  }

  /** One message call on a fresh pre-state, with the warm set of a Cancun transaction. */
  run(): CallOutcome {
    const c = this.c;
    const state = WorldState.fromAlloc(this.alloc);
    const runner = new Runner({ state, precompiles: this.precompiles, block: this.block, tx: this.tx });
    beginEthereumTransaction(state, { origin: this.caller, target: this.to, coinbase: this.block.coinbase, precompiles: this.precompiles });
    const c0 = cpuNowMs();
    const t0 = performance.now();
    const r = runner.run({ caller: this.caller, to: this.to, value: c.value, data: c.data, gas: c.gas });
    const ms = performance.now() - t0;
    const cpuMs = cpuNowMs() - c0;
    return {
      status: r.status,
      error: r.error ?? null,
      gasUsed: c.gas - r.gasLeft,
      refund: BigInt(state.refund),
      returnData: r.returnData,
      ms,
      cpuMs,
    };
  }
}

/** Why two outcomes differ (gas, refund, status, return data), or null when they agree. */
export function compareOutcomes(zkos: CallOutcome, peer: CallOutcome): string | null {
  const diffs: string[] = [];
  if (zkos.status !== peer.status) diffs.push(`status ${zkos.status}${zkos.error ? ` (${zkos.error})` : ""} vs ${peer.status}${peer.error ? ` (${peer.error})` : ""}`);
  if (zkos.gasUsed !== peer.gasUsed) diffs.push(`gas used ${zkos.gasUsed} vs ${peer.gasUsed}`);
  if (zkos.refund !== peer.refund) diffs.push(`refund ${zkos.refund} vs ${peer.refund}`);
  const a = zkos.returnData;
  const b = peer.returnData;
  let same = a.length === b.length;
  for (let i = 0; same && i < a.length; i++) same = a[i] === b[i];
  if (!same) diffs.push(`return data ${hexPreview(a)} vs ${hexPreview(b)}`);
  return diffs.length === 0 ? null : diffs.join("; ");
}

function hexPreview(b: Uint8Array): string {
  let s = "0x";
  for (let i = 0; i < Math.min(b.length, 32); i++) s += b[i]!.toString(16).padStart(2, "0");
  return b.length > 32 ? `${s}… (${b.length} bytes)` : s;
}
