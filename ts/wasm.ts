/**
 * The one boundary between TypeScript and the AssemblyScript core (architecture.md §4).
 * Nothing else touches WebAssembly or memory.buffer: other modules call the typed exports and
 * use the views kept here. Only numbers cross the boundary.
 * @module
 */

/** Every export of `as/index.ts`, typed once. Layout globals arrive as WebAssembly.Global. */
export interface WasmExports {
  readonly memory: WebAssembly.Memory;
  readonly MAILBOX_PTR: WebAssembly.Global;
  readonly MAILBOX_LEN: WebAssembly.Global;
  readonly OUT_PTR: WebAssembly.Global;
  readonly OUT_LEN: WebAssembly.Global;
  readonly U256_SCRATCH_PTR: WebAssembly.Global;
  /** Runs a u256 op on the scratch slots A, B, C → R (as/lib/u256-abi.ts; ops in ts/primitives/u256.ts). */
  u256Op(op: number): number;
  /** Runs a u256 kernel `iterations` times on the scratch slots (as/lib/u256-bench.ts; bench/u256.bench.ts). */
  u256Bench(op: number, iterations: number): number;
  /** Blake2s (as/blake2s/index.ts): h' = F(h, block, t, f) in place on 8 words at hPtr. */
  blake2sCompress(hPtr: number, blockPtr: number, tLo: number, tHi: number, fMask: number): void;
  /** The hasher record TS's incremental Blake2s256 works in (as/layout.ts), and its size. */
  readonly BLAKE2S_STATE_PTR: WebAssembly.Global;
  readonly BLAKE2S_STATE_LEN: WebAssembly.Global;
  blake2sInit(statePtr: number): void;
  blake2sUpdate(statePtr: number, dataPtr: number, dataLen: number): void;
  blake2sFinal(statePtr: number, outPtr: number): void;
  blake2s256Mem(dataPtr: number, dataLen: number, outPtr: number): void;
  blake2sNode64(leftPtr: number, rightPtr: number, outPtr: number): void;
  /** BLAKE2b F of the EIP-152 precompile (as/blake2b/compress.ts): 213-byte input at inPtr, 16 working words at vPtr. */
  blake2fInit(inPtr: number, vPtr: number): void;
  /** `rounds` rounds from SIGMA row 0 (split long runs into multiples of 10). */
  blake2fRounds(inPtr: number, vPtr: number, rounds: number): void;
  /** The new h (64 bytes) at outPtr. */
  blake2fFinal(inPtr: number, vPtr: number, outPtr: number): void;
  /** The CSR 0x7C7 round (riscv-machine.md §2.2) on h[8] ‖ v[16] at statePtr; returns BLAKE2S_ROUND_OK or an error code. */
  blake2sRoundDelegation(statePtr: number, msgPtr: number, roundMask: number, control: number): number;
  readonly BLAKE2S_ROUND_OK: WebAssembly.Global;
  readonly BLAKE2S_ROUND_ERR_MASK: WebAssembly.Global;
  readonly BLAKE2S_ROUND_ERR_CONTROL: WebAssembly.Global;
  readonly BLAKE2S_CONTROL_LAST_ROUND: WebAssembly.Global;
  readonly BLAKE2S_CONTROL_RIGHT_NODE: WebAssembly.Global;
  readonly BLAKE2S_CONTROL_COMPRESSION: WebAssembly.Global;
  /** Keccak-256 (as/keccak/index.ts). One-shot: 32-byte digest of dataLen bytes at dataPtr → outPtr. */
  keccakHash(dataPtr: number, dataLen: number, outPtr: number): void;
  /** Incremental hasher struct of KECCAK_STATE_LEN bytes; KECCAK_STATE_PTR is the slot ts/crypto/keccak.ts swaps through. */
  keccakInit(statePtr: number): void;
  keccakUpdate(statePtr: number, dataPtr: number, dataLen: number): void;
  /** Pads in place and writes the digest; the struct must be re-initialized before reuse. */
  keccakFinal(statePtr: number, outPtr: number): void;
  /** Keccak-f[1600] in place on 25 little-endian u64 lanes at statePtr. */
  keccakF1600(statePtr: number): void;
  readonly KECCAK_STATE_PTR: WebAssembly.Global;
  readonly KECCAK_STATE_LEN: WebAssembly.Global;
  /** RISC-V machine (as/riscv/): run loops return an RV_STATUS (ts/riscv/status.ts); may grow memory. */
  rvRun(budget: number): number;
  rvRunCounted(budget: number): number;
  rvRunTraced(budget: number): number;
  rvReset(): void;
  /** Loader copy (ROM allowed); 0, or −1 if the range leaves 1 GiB. */
  rvLoadBytes(addr: number, srcPtr: number, len: number): number;
  rvReadBytes(addr: number, dstPtr: number, len: number): number;
  rvReadWord(addr: number): number;
  rvPc(): number;
  rvSetPc(pc: number): void;
  rvCycles(): number;
  rvPagesMapped(): number;
  rvTrapCause(): number;
  rvTrapDetail(): number;
  rvTrapPc(): number;
  rvTrapInstruction(): number;
  rvTrapAddress(): number;
  rvFeedReads(count: number): void;
  rvSetReadsExhausted(exhausted: number): void;
  rvSetDropReadsOnWrite(drop: number): void;
  rvReadsPending(): number;
  rvReadsConsumed(): number;
  rvReadsPastEnd(): number;
  rvWriteCount(): number;
  rvClearWrites(): void;
  rvBlakeCalls(): number;
  rvU256Calls(): number;
  rvMarkerCalls(): number;
  rvTracePtr(): number;
  rvTraceCount(): number;
  rvClearTrace(): void;
  readonly RV_REGS_PTR: WebAssembly.Global;
  readonly RV_READ_BUF_PTR: WebAssembly.Global;
  readonly RV_READ_BUF_LEN: WebAssembly.Global;
  readonly RV_WRITE_BUF_PTR: WebAssembly.Global;
  readonly RV_WRITE_BUF_LEN: WebAssembly.Global;
  readonly RV_HIST_PTR: WebAssembly.Global;
  readonly RV_HIST_LEN: WebAssembly.Global;
  /** State tree (as/merkle/verify.ts): 72-byte leaves, 32-byte nodes, 64-sibling paths. */
  merkleEmptyHashes(): number;
  merkleLeafHash(leafPtr: number, outPtr: number): void;
  merkleLeafHashes(leavesPtr: number, count: number, outPtr: number): void;
  merkleHashPairs(srcPtr: number, pairCount: number, dstPtr: number): void;
  merkleFoldPath(leafPtr: number, indexLo: number, indexHi: number, pathPtr: number, outPtr: number): void;
  /** A batch arena of at least len bytes; may grow memory. */
  merkleReserve(len: number): number;
  /** Folds sorted batch entries in place to the roots (in entry 0); returns the number of hashes. */
  merkleFoldBatch(entriesPtr: number, count: number): number;
  /** Batch entry layout and flags (as/merkle/verify.ts), read once by ts/storage/merkle.ts. */
  readonly [merkleGlobal: `MERKLE_${string}`]: WebAssembly.Global;
  /** EVM interpreter (as/evm/): runs a frame until it yields; returns an EVM status (ts/ee/evm/status.ts). May grow memory. */
  evmRun(frame: number): number;
  /** evmRun that first reports every instruction as host query EVM_TRACE_STEP + opcode (ts/ee/evm/step-trace.ts). */
  evmRunTraced(frame: number): number;
  evmCompleteCall(frame: number, success: number): void;
  evmCompleteCreate(frame: number): void;
  evmInitTraits(fork: number): void;
  evmTrait(opcode: number, field: number): number;
  evmCodeAlloc(codeLen: number): number;
  evmCodeAnalyze(codeRecord: number): void;
  evmCodeFromMemory(srcPtr: number, len: number): number;
  evmCodeCacheReset(): void;
  evmCodeCacheBytes(): number;
  evmFrameCreate(codeRecord: number, flags: number): number;
  evmFrameAllocInput(frame: number, len: number): number;
  evmFrameSetInput(frame: number, ptr: number, len: number): void;
  evmFrameRelease(frame: number): void;
  evmFramesReset(): void;
  evmReturnDataReserve(len: number): number;
  evmReturnDataPtr(): number;
  evmReturnDataLen(): number;
  evmFrameOutputToReturnData(frame: number, hasOutput: number): void;
  /** EVM record addresses, field offsets and status codes (as/evm/index.ts), read once by ts/ee/evm/layout.ts. */
  readonly [evmGlobal: `EVM_${string}`]: WebAssembly.Global;
  /**
   * secp256k1 recovery (as/secp256k1/) on 97-byte records: hash, r, s (32 bytes big-endian each),
   * recovery id 0/1. Returns 0 or an error code (ts/crypto/secp256k1.ts). secpRecover writes the
   * 64-byte x ‖ y, secpRecoverAddress the 20-byte address; secpRecoverAddresses writes per record a
   * status byte and 20 address bytes and returns the failure count.
   */
  secpRecover(inPtr: number, outPtr: number): number;
  secpRecoverAddress(inPtr: number, outPtr: number): number;
  secpRecoverAddresses(inPtr: number, count: number, outPtr: number): number;
}

/** An instantiated core: exports, fixed-region addresses and views over its memory. */
export class Wasm {
  readonly exports: WasmExports;
  /** The compiled module, so worker threads can instantiate cores of their own (ts/crypto/recover-pool.ts). */
  readonly module: WebAssembly.Module;
  readonly mailboxPtr: number;
  readonly mailboxLen: number;
  readonly outPtr: number;
  readonly outLen: number;
  readonly u256ScratchPtr: number;
  /** Byte view of the whole memory; rebuilt by refreshViews() if memory grows. */
  u8!: Uint8Array;
  /** 32-bit word view of the whole memory (little-endian, as WASM is). */
  u32!: Uint32Array;
  dv!: DataView;

  constructor(instance: WebAssembly.Instance, module: WebAssembly.Module) {
    this.module = module;
    const e = instance.exports as unknown as WasmExports;
    this.exports = e;
    this.mailboxPtr = e.MAILBOX_PTR.value as number;
    this.mailboxLen = e.MAILBOX_LEN.value as number;
    this.outPtr = e.OUT_PTR.value as number;
    this.outLen = e.OUT_LEN.value as number;
    this.u256ScratchPtr = e.U256_SCRATCH_PTR.value as number;
    this.refreshViews();
  }

  /** The only place views are (re)built. Call after anything that may grow memory. */
  refreshViews(): void {
    const buf = this.exports.memory.buffer;
    this.u8 = new Uint8Array(buf);
    this.u32 = new Uint32Array(buf);
    this.dv = new DataView(buf);
  }

  /** True when memory has grown since the views were built (the old buffer is detached). */
  get viewsStale(): boolean {
    return this.u8.byteLength === 0 || this.u8.buffer !== this.exports.memory.buffer;
  }
}

function imports(): WebAssembly.Imports {
  return {
    env: {
      // AssemblyScript's assertion hook. Messages are managed strings we do not decode in release;
      // the location numbers are enough to find the failing assert in the debug .wat.
      abort(_msg: number, _file: number, line: number, col: number): never {
        throw new WasmAbort(`zkos wasm core aborted (line ${line}, column ${col})`);
      },
      // Synchronous EVM host query (as/evm/host.ts), answered by the dispatcher of setEvmHost.
      evm_host(op: number, sp: number): number {
        return evmHost(op, sp);
      },
    },
  };
}

/** Answers the EVM interpreter's host queries: (opcode, stack pointer) → ergs to charge, or < 0. */
export type EvmHostDispatch = (op: number, sp: number) => number;

let evmHost: EvmHostDispatch = () => {
  throw new Error("zkos: an EVM host query arrived with no host installed (ts/ee/evm/host.ts)");
};

/** Installs the EVM host dispatcher (ts/ee/evm/frame.ts does, before running a frame). */
export function setEvmHost(dispatch: EvmHostDispatch): void {
  evmHost = dispatch;
}

/** The installed EVM host dispatcher (a step tracer wraps it while its frame runs). */
export function currentEvmHost(): EvmHostDispatch {
  return evmHost;
}

/** A failed invariant inside the WASM core: always a bug in zkos, never bad user input. */
export class WasmAbort extends Error {
  override name = "WasmAbort";
}

/** Synchronously compiles and instantiates the core (Node; browsers allow this only for small modules). */
export function instantiateSync(bytes: Uint8Array): Wasm {
  const mod = new WebAssembly.Module(bytes as BufferSource);
  return new Wasm(new WebAssembly.Instance(mod, imports()), mod);
}

/** Instantiates an already compiled core (a worker thread given the main thread's module). */
export function instantiateModuleSync(mod: WebAssembly.Module): Wasm {
  return new Wasm(new WebAssembly.Instance(mod, imports()), mod);
}

/** Asynchronously compiles and instantiates the core (browsers, large modules). */
export async function instantiate(bytes: Uint8Array): Promise<Wasm> {
  const { instance, module } = await WebAssembly.instantiate(bytes as BufferSource, imports());
  return new Wasm(instance, module);
}

let current: Wasm | undefined;

/** Installs the core that the package's API uses. The package entry does this at import time. */
export function setWasm(w: Wasm): void {
  current = w;
}

/** The installed core. Hot modules call this once per operation, not per byte. */
export function wasm(): Wasm {
  if (current === undefined) {
    throw new Error("zkos: the WASM core is not loaded; import the package entry (or call setWasm) first");
  }
  return current;
}
