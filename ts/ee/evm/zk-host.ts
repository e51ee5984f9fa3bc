/**
 * The EVM host of the ZKsync OS profiles (evm_interpreter instructions/host.rs at 0a82da0): answers
 * the interpreter's host queries through the IO subsystem (ts/system/io.ts), which charges the
 * state-access gas and native itself (zksync-os-reference.md §6.5, §6.6), and the CALL family's
 * callee read (runner.rs `prepare_for_call`), kept for the runner (ts/bootloader/zk-runner.ts).
 *
 * Charging: a host query cannot see the running frame's ergs (they live in the interpreter's
 * registers), so each IO call charges a scratch Resources and the amounts are handed to the
 * interpreter, which charges them and halts the frame when they do not fit (out of gas; out of
 * native aborts the transaction). Where the reference stops at a failing charge, the operation
 * has then completed, but the halted frame's IO frame is reverted, so state and warmth agree; only
 * the native of a failing frame's last operation can differ.
 * @module
 */
import { wasm, setEvmHost, type Wasm } from "../../wasm";
import type { Address } from "../../state/address";
import { ZERO_WORD } from "../../state/word";
import type { IOExt } from "../../system/io";
import { ERGS_PER_GAS, Resources } from "../../system/resources";
import { EE_TYPE_EVM } from "../../storage/account-properties";
import type { AccountWithBytecode } from "../../storage/account-cache";
import type { FrameHost, HostFrame } from "./host";
import type { ExecutionTracer } from "../../tracing/tracer";
import { CALL_VALUE, NEW_ACCOUNT } from "./cost-model";
import type { BlockContext, TxContext } from "./context";
import { evmLayout, type EvmLayout } from "./layout";
import { readAddress, readWord, writeWord, readU256, writeU256, writeSmall, readBytes32, writeBytes32 } from "./slots";
import {
  BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH, BLOCKHASH, SELFBALANCE, BLOBHASH, SLOAD, SSTORE, TLOAD, TSTORE,
  LOG0, LOG4, SELFDESTRUCT, HOST_FAILURE,
} from "./host-queries";
/** Scratch budget of one IO call: no operation costs 2^52 ergs or native. */
const SCRATCH = 2 ** 52;

// Gas the interpreter's traits table (as/evm/traits.ts) already charged for ops whose IO charges
// the same amount again: TLOAD/TSTORE 100, SELFBALANCE 5, LOG 375 + 375/topic (+ 8/byte in as/).
const TRANSIENT_STATIC_ERGS = 100 * ERGS_PER_GAS;
const SELFBALANCE_STATIC_ERGS = 5 * ERGS_PER_GAS;
const LOG_GAS = 375;
const LOG_TOPIC_GAS = 375;
const LOG_DATA_GAS = 8;

/**
 * The CALL family's callee read (`read_account_properties` with the bytecode, charged to the
 * caller as EVM: 100 gas, +2,500 when cold, 4,000 native and the code's preimage). EvmFrame asks
 * `warmAddress` while pricing the call; the runner then takes the record with {@link take}.
 */
export class ZkCallTargets {
  private readonly io: IOExt;
  private readonly scratch = new Resources(SCRATCH, SCRATCH);
  private pending: AccountWithBytecode | undefined;
  private pendingAddress: Address | undefined;
  /** Gas and native the last read charged. */
  lastGas = 0;
  lastNative = 0;

  constructor(io: IOExt) {
    this.io = io;
  }

  /** Reads the callee as the caller's EVM frame; returns true when the read paid the cold extra. */
  warmAddress(target: Address): boolean {
    const r = this.scratch;
    r.ergs = SCRATCH;
    r.native = SCRATCH;
    this.pending = this.io.readAccountWithBytecode(EE_TYPE_EVM, r, target);
    this.pendingAddress = target;
    this.lastGas = (SCRATCH - r.ergs) / ERGS_PER_GAS;
    this.lastNative = SCRATCH - r.native;
    return this.lastGas > 100;
  }

  /** `callee_is_empty` of runner.rs: nonce 0, no code, no balance (decides NEWACCOUNT). */
  isDead(target: Address): boolean {
    const p = this.peek(target).properties;
    return p.nonce === 0n && p.bytecodeLen === 0 && p.balance === 0n;
  }

  /** The callee record read for the pending call, once. @throws Error if no read for `target` is pending */
  take(target: Address): AccountWithBytecode {
    const a = this.peek(target);
    this.pending = undefined;
    this.pendingAddress = undefined;
    return a;
  }

  private peek(target: Address): AccountWithBytecode {
    if (this.pendingAddress !== target || this.pending === undefined) {
      throw new Error(`zkos: no callee read pending for ${target}`);
    }
    return this.pending;
  }
}

/** The CALL family's gas beyond the callee read: CALLVALUE 9,000 and NEWACCOUNT 25,000 (runner.rs). */
export class ZkCallCosts {
  native = 0;
  private readonly targets: ZkCallTargets;

  constructor(targets: ZkCallTargets) {
    this.targets = targets;
  }

  /** What the callee read charged (ZkCallTargets.warmAddress ran just before). */
  accountAccess(): number {
    this.native = this.targets.lastNative;
    return this.targets.lastGas;
  }

  callValue(transfersValue: boolean, fundsDeadAccount: boolean): number {
    this.native = 0;
    return (transfersValue ? CALL_VALUE : 0) + (fundsDeadAccount ? NEW_ACCOUNT : 0);
  }
}

/** The ZKsync OS host over an IO subsystem. */
export class ZkEvmHost implements FrameHost {
  readonly io: IOExt;
  readonly state: ZkCallTargets;
  readonly costs: ZkCallCosts;
  readonly block: BlockContext;
  tx: TxContext;
  frame: HostFrame | undefined;
  tracer: ExecutionTracer | null = null;
  traceDepth = 0;
  private readonly scratch = new Resources(SCRATCH, SCRATCH);
  private readonly w: Wasm;
  private readonly l: EvmLayout;
  private readonly dispatch: (op: number, sp: number) => number;

  constructor(io: IOExt, block: BlockContext, tx: TxContext) {
    this.io = io;
    this.state = new ZkCallTargets(io);
    this.costs = new ZkCallCosts(this.state);
    this.block = block;
    this.tx = tx;
    this.w = wasm();
    this.l = evmLayout(this.w);
    this.dispatch = (op, sp) => this.query(op, sp);
  }

  install(): void {
    setEvmHost(this.dispatch);
  }

  /** A fresh scratch budget for one IO call. */
  private budget(): Resources {
    const r = this.scratch;
    r.ergs = SCRATCH;
    r.native = SCRATCH;
    return r;
  }

  private query(op: number, sp: number): number {
    const w = this.w;
    if (w.u8.byteLength === 0) w.refreshViews();
    const frame = this.frame!;
    const address = frame.address;
    const io = this.io;
    const r = this.budget();
    let already = 0;
    switch (op) {
      case SLOAD: writeWord(w.u32, sp - 32, io.storageRead(EE_TYPE_EVM, r, address, readWord(w.u32, sp - 32))); break;
      case SSTORE: io.storageWrite(EE_TYPE_EVM, r, address, readWord(w.u32, sp - 32), readWord(w.u32, sp - 64)); break;
      case TLOAD:
        writeWord(w.u32, sp - 32, io.transientRead(EE_TYPE_EVM, r, address, readWord(w.u32, sp - 32)));
        already = TRANSIENT_STATIC_ERGS;
        break;
      case TSTORE:
        io.transientWrite(EE_TYPE_EVM, r, address, readWord(w.u32, sp - 32), readWord(w.u32, sp - 64));
        already = TRANSIENT_STATIC_ERGS;
        break;
      case BALANCE: writeU256(w.dv, sp - 32, io.getNominalTokenBalance(EE_TYPE_EVM, r, readAddress(w.u8, sp - 32))); break;
      case SELFBALANCE:
        writeU256(w.dv, sp, io.getSelfBalance(EE_TYPE_EVM, r, address));
        already = SELFBALANCE_STATIC_ERGS;
        break;
      case EXTCODESIZE: writeSmall(w.u32, sp - 32, io.getObservableBytecodeSize(EE_TYPE_EVM, r, readAddress(w.u8, sp - 32))); break;
      case EXTCODEHASH: writeBytes32(w.u8, sp - 32, io.getObservableBytecodeHash(EE_TYPE_EVM, r, readAddress(w.u8, sp - 32))); break;
      case EXTCODECOPY: this.extcodecopy(sp, r); break;
      case BLOCKHASH: this.blockhash(sp); break;
      // BLOBHASH is always 0 (zksync-os-reference.md §8): blob transactions do not exist.
      case BLOBHASH: writeWord(w.u32, sp - 32, ZERO_WORD); break;
      case SELFDESTRUCT:
        io.markForDeconstruction(EE_TYPE_EVM, r, address, readAddress(w.u8, sp - 32), frame.isConstructor);
        break;
      default:
        if (op >= LOG0 && op <= LOG4) {
          already = this.log(address, sp, op - LOG0, r);
          break;
        }
        return HOST_FAILURE;
    }
    const native = SCRATCH - r.native;
    if (native !== 0) w.dv.setFloat64(this.l.hostPtr + this.l.host.native, native, true);
    const ergs = SCRATCH - r.ergs - already;
    return ergs > 0 ? ergs : 0;
  }

  /** EXTCODECOPY: the IO charges the access and the code preimage; the copy and memory were charged in as/. */
  private extcodecopy(sp: number, r: Resources): void {
    const w = this.w;
    const code = this.io.getObservableBytecode(EE_TYPE_EVM, r, readAddress(w.u8, sp - 32));
    const hp = this.l.hostPtr;
    const dst = w.dv.getUint32(hp + this.l.host.memPtr, true);
    const len = w.dv.getUint32(hp + this.l.host.len, true);
    const offset = w.dv.getUint32(hp + this.l.host.offset, true);
    if (len === 0) return;
    const avail = offset >= code.length ? 0 : Math.min(len, code.length - offset);
    if (avail > 0) w.u8.set(code.subarray(offset, offset + avail), dst);
    w.u8.fill(0, dst + avail, dst + len);
  }

  /** BLOCKHASH from the block metadata's 256 hashes (`get_blockhash`); 0 out of range. */
  private blockhash(sp: number): void {
    const w = this.w;
    const n = readU256(w.dv, sp - 32);
    const current = this.block.number;
    const hash = n < current && n + 256n >= current ? this.block.blockHash(n) : undefined;
    if (hash === undefined) writeWord(w.u32, sp - 32, ZERO_WORD);
    else writeBytes32(w.u8, sp - 32, hash);
  }

  /** LOGn through the IO (which charges the EVM log gas in full); returns the ergs as/ charged already. */
  private log(address: Address, sp: number, topicCount: number, r: Resources): number {
    const w = this.w;
    const hp = this.l.hostPtr;
    const ptr = w.dv.getUint32(hp + this.l.host.memPtr, true);
    const len = w.dv.getUint32(hp + this.l.host.len, true);
    const topics: Uint8Array[] = [];
    for (let i = 0; i < topicCount; i++) topics.push(readBytes32(w.u8, sp - 96 - 32 * i));
    this.io.emitEvent(EE_TYPE_EVM, r, address, topics, w.u8.slice(ptr, ptr + len));
    return (LOG_GAS + LOG_TOPIC_GAS * topicCount + LOG_DATA_GAS * len) * ERGS_PER_GAS;
  }
}
