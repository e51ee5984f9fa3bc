/**
 * Answers the interpreter's synchronous host queries (as/evm/host.ts): storage, transient
 * storage, balances, external code, block hashes, blob hashes, logs and SELFDESTRUCT. Operands
 * are read from the stack slots below `sp` and results written in place; the gas returned comes
 * from the HostCostModel (state-dependent costs live there, EIP-2929/2200/3529).
 *
 * Crossing: a synchronous import, not a yield back to TS. `zkos bench boundary` (bench/boundary.bench.ts,
 * node 20, 2 shared cores, loaded): one import call ≈ 8 ns, one evmRun exit + re-entry ≈ 90 ns, an
 * SLOAD answered from a Map ≈ 75 ns in all. A yield would add about 80 ns to every host query.
 * @module
 */
import { wasm, setEvmHost, type Wasm } from "../../wasm";
import type { WorldState } from "../../state/world-state";
import type { Address } from "../../state/address";
import { ZERO_WORD } from "../../state/word";
import type { HostCostModel } from "./cost-model";
import type { ExecutionTracer } from "../../tracing/tracer";
import type { BlockContext, TxContext } from "./context";
import { evmLayout, type EvmLayout } from "./layout";
import { readAddress, readWord, writeWord, readU256, writeU256, writeSmall, readBytes32, writeBytes32 } from "./slots";
import {
  BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH, BLOCKHASH, SELFBALANCE, BLOBHASH, SLOAD, SSTORE, TLOAD, TSTORE,
  LOG0, LOG4, SELFDESTRUCT, HOST_FAILURE,
} from "./host-queries";

const ERGS_PER_GAS = 256;

/** The running frame, as the host needs it. */
export interface HostFrame {
  /** ADDRESS of the running frame. */
  readonly address: Address;
  /** True for a constructor (initcode) frame: ZKsync OS self-destruct marks it (EIP-6780). */
  readonly isConstructor: boolean;
}

/**
 * What an EVM frame (frame.ts) and the runner need from a host, whichever state is behind it:
 * EvmHost over the `ethereum` WorldState, or ZkEvmHost (zk-host.ts) over the ZKsync OS IO. `state`
 * and `costs` answer the CALL family's target access and value costs (EIP-2929, EIP-150/161).
 */
export interface FrameHost {
  /** The frame that runs now; frame.ts sets it before every evmRun. */
  frame: HostFrame | undefined;
  /** The tracer of the running transaction, or null (then no tracing work is done). */
  tracer: ExecutionTracer | null;
  /** Open frames while tracing (1 = the top frame); the runner keeps it. */
  traceDepth: number;
  readonly state: Pick<WorldState, "warmAddress" | "isDead">;
  readonly costs: Pick<HostCostModel, "native" | "accountAccess" | "callValue">;
  readonly block: BlockContext;
  tx: TxContext;
  /** Makes this host the one the interpreter's queries reach. */
  install(): void;
}

export class EvmHost implements FrameHost {
  readonly state: WorldState;
  readonly costs: HostCostModel;
  readonly block: BlockContext;
  tx: TxContext;
  /** The frame that runs now; frame.ts sets it before every evmRun. */
  frame: HostFrame | undefined;
  tracer: ExecutionTracer | null = null;
  traceDepth = 0;
  private readonly w: Wasm;
  private readonly l: EvmLayout;
  /** The dispatcher, bound once so installing it is an assignment. */
  readonly dispatch: (op: number, sp: number) => number;

  constructor(state: WorldState, costs: HostCostModel, block: BlockContext, tx: TxContext) {
    this.state = state;
    this.costs = costs;
    this.block = block;
    this.tx = tx;
    this.w = wasm();
    this.l = evmLayout(this.w);
    this.dispatch = (op, sp) => this.query(op, sp);
  }

  /** Makes this host the one the interpreter's queries reach. */
  install(): void {
    setEvmHost(this.dispatch);
  }

  private query(op: number, sp: number): number {
    const w = this.w;
    if (w.u8.byteLength === 0) w.refreshViews();
    const address = this.frame!.address;
    const costs = this.costs;
    costs.native = 0;
    let gas: number;
    switch (op) {
      case SLOAD: {
        const key = readWord(w.u32, sp - 32);
        if (this.tracer !== null) this.tracer.touchSlot(address, key);
        gas = costs.sload(this.state.warmSlot(address, key));
        writeWord(w.u32, sp - 32, this.state.storage(address, key));
        break;
      }
      case SSTORE: gas = this.sstore(address, sp); break;
      case TLOAD: {
        gas = costs.transientAccess();
        writeWord(w.u32, sp - 32, this.state.transient(address, readWord(w.u32, sp - 32)));
        break;
      }
      case TSTORE: {
        gas = costs.transientAccess();
        this.state.setTransient(address, readWord(w.u32, sp - 32), readWord(w.u32, sp - 64));
        break;
      }
      case BALANCE: {
        const target = readAddress(w.u8, sp - 32);
        if (this.tracer !== null) this.tracer.touchAccount(target);
        gas = costs.accountAccess(this.state.warmAddress(target));
        writeU256(w.dv, sp - 32, this.state.balance(target));
        break;
      }
      case SELFBALANCE: gas = 0; writeU256(w.dv, sp, this.state.balance(address)); break;
      case EXTCODESIZE: {
        const target = readAddress(w.u8, sp - 32);
        if (this.tracer !== null) this.tracer.touchAccount(target);
        gas = costs.accountAccess(this.state.warmAddress(target));
        writeSmall(w.u32, sp - 32, this.state.code(target).length);
        break;
      }
      case EXTCODEHASH: {
        const target = readAddress(w.u8, sp - 32);
        if (this.tracer !== null) this.tracer.touchAccount(target);
        gas = costs.accountAccess(this.state.warmAddress(target));
        const acc = this.state.account(target);
        // EIP-1052 with EIP-161: 0 for accounts that do not exist or are empty.
        if (acc === undefined || acc.isEmpty) writeWord(w.u32, sp - 32, ZERO_WORD);
        else writeBytes32(w.u8, sp - 32, acc.codeHash);
        break;
      }
      case EXTCODECOPY: gas = this.extcodecopy(sp); break;
      case BLOCKHASH: gas = 0; this.blockhash(sp); break;
      case BLOBHASH: {
        gas = 0;
        const index = readU256(w.dv, sp - 32);
        const hashes = this.tx.blobHashes;
        if (index < BigInt(hashes.length)) writeBytes32(w.u8, sp - 32, hashes[Number(index)]!);
        else writeWord(w.u32, sp - 32, ZERO_WORD);
        break;
      }
      case SELFDESTRUCT: gas = this.selfdestruct(address, sp); break;
      default:
        if (op >= LOG0 && op <= LOG4) {
          gas = this.log(address, sp, op - LOG0);
          break;
        }
        return HOST_FAILURE;
    }
    if (costs.native !== 0) w.dv.setFloat64(this.l.hostPtr + this.l.host.native, costs.native, true);
    return gas * ERGS_PER_GAS;
  }

  private sstore(address: Address, sp: number): number {
    const w = this.w;
    const state = this.state;
    const key = readWord(w.u32, sp - 32);
    const value = readWord(w.u32, sp - 64);
    if (this.tracer !== null) this.tracer.touchSlot(address, key);
    const cold = state.warmSlot(address, key);
    const current = state.storage(address, key);
    const gas = this.costs.sstore(state.originalStorage(address, key), current, value, cold);
    state.addRefund(this.costs.refundDelta);
    if (value !== current) state.setStorage(address, key, value);
    return gas;
  }

  private extcodecopy(sp: number): number {
    const w = this.w;
    const target = readAddress(w.u8, sp - 32);
    if (this.tracer !== null) this.tracer.touchAccount(target);
    const gas = this.costs.accountAccess(this.state.warmAddress(target));
    const hp = this.l.hostPtr;
    const dst = w.dv.getUint32(hp + this.l.host.memPtr, true);
    const len = w.dv.getUint32(hp + this.l.host.len, true);
    const offset = w.dv.getUint32(hp + this.l.host.offset, true);
    if (len !== 0) {
      const code = this.state.code(target);
      const avail = offset >= code.length ? 0 : Math.min(len, code.length - offset);
      if (avail > 0) w.u8.set(code.subarray(offset, offset + avail), dst);
      w.u8.fill(0, dst + avail, dst + len);
    }
    return gas;
  }

  private blockhash(sp: number): void {
    const w = this.w;
    const n = readU256(w.dv, sp - 32);
    const current = this.block.number;
    const hash = n < current && n + 256n >= current ? this.block.blockHash(n) : undefined;
    if (hash === undefined) writeWord(w.u32, sp - 32, ZERO_WORD);
    else writeBytes32(w.u8, sp - 32, hash);
  }

  private log(address: Address, sp: number, topicCount: number): number {
    const w = this.w;
    const hp = this.l.hostPtr;
    const ptr = w.dv.getUint32(hp + this.l.host.memPtr, true);
    const len = w.dv.getUint32(hp + this.l.host.len, true);
    const topics: Uint8Array[] = [];
    for (let i = 0; i < topicCount; i++) topics.push(readBytes32(w.u8, sp - 96 - 32 * i));
    const data = w.u8.slice(ptr, ptr + len);
    this.state.addLog({ address, topics, data });
    if (this.tracer !== null) this.tracer.log(address, topics, data);
    return this.costs.log(topicCount, len);
  }

  /** EIP-6780: the account is deleted only if this transaction created it; otherwise only its balance moves. */
  private selfdestruct(address: Address, sp: number): number {
    const state = this.state;
    const beneficiary = readAddress(this.w.u8, sp - 32);
    const cold = state.warmAddress(beneficiary);
    const balance = state.balance(address);
    if (this.tracer !== null) {
      this.tracer.touchAccount(beneficiary);
      this.tracer.selfDestruct(address, beneficiary, balance);
    }
    const gas = this.costs.selfdestruct(cold, balance > 0n && state.isDead(beneficiary));
    const created = state.createdInTransaction(address);
    if (beneficiary !== address) {
      state.addBalance(beneficiary, balance);
      state.setBalance(address, 0n);
    } else if (created) {
      state.setBalance(address, 0n);
    }
    if (created) state.markSelfdestructed(address);
    return gas;
  }
}
