/**
 * zkos: ZKsync OS in TypeScript and WebAssembly. The package entry: loads the embedded WASM core
 * (top-level await), then re-exports the public API.
 * @module
 */
import "./load-embedded";

export { ZkosError, UsageError, InputError, ArgumentError, UnavailableError } from "./errors";
export { WasmAbort } from "./wasm";
export { blake2s256, blake2s256Into, blake2sNode, blake2sNodeInto, Blake2s256, BLAKE2S_DIGEST_LEN } from "./crypto/blake2s";
export { keccak256, keccak256Into, Keccak256, KECCAK256_DIGEST_LEN } from "./crypto/keccak";
export {
  recoverPublicKey, recoverAddress, SecpStatus, type RecoveryItem, type SignatureScalar,
} from "./crypto/secp256k1";
export { RecoverPool, type RecoverPoolOptions } from "./crypto/recover-pool";
export {
  RiscvMachine, type RiscvMachineOptions, type RiscvRunResult, type RiscvStats, type RiscvTrap,
} from "./riscv/machine";
export { WitnessSource, EmptySource, type NonDeterminismSource } from "./riscv/nondeterminism";
export { parseWitness, formatWitness } from "./oracle/witness-file";
export { decodeTrace, traceHeader, TRACE_RECORD_BYTES, type TraceRecord } from "./riscv/trace-format";
export type { OracleQuery } from "./riscv/oracle-queries";
export { LiveOracleSource, OracleProtocolError, type OracleResponder } from "./riscv/live-oracle";
export {
  fixtureOracle, fixtureBlockMetadata, oracleResponder, OracleQueryError, type FixtureOracle, type FixtureOracleOptions,
} from "./riscv/fixture-oracle";
export {
  runZksyncOsImage, publicInputFromWords, ZKSYNC_OS_MAX_CYCLES, type ZksyncOsRun, type ZksyncOsRunOptions,
} from "./riscv/zksync-os-run";
export {
  CallTracer, type CallTracerConfig, type CallFrameType, type GethCallFrame, type GethCallLog,
} from "./tracing/call-tracer";
export {
  prestateTrace, prestateDiffTrace, type TouchedAccount, type AccountSnapshot, type SlotChange,
  type GethPrestateAccount, type GethPrestateResult, type GethDiffResult, type PrestateTracerConfig,
} from "./tracing/prestate-tracer";
export {
  StructLogger, type StructLoggerConfig, type StructLogStep, type GethStructLog, type GethStructLoggerResult,
} from "./tracing/struct-logger";
export { GethError, gethFrameError, decodeRevertReason, invalidOpcodeError, stackUnderflowError, stackOverflowError } from "./tracing/geth-errors";
export { gethOpName } from "./tracing/geth-opcode-names";
export type { ExecutionTracer, TracerFactory } from "./tracing/tracer";
export { TransactionTracer, type TransactionTracerOptions } from "./tracing/transaction-tracer";
export { TouchedAccountCollector, type TraceStateReader } from "./tracing/touched-accounts";
export { parseBlockDump, type BlockDump, type DumpTransaction, type DumpBlockContext } from "./replay/block-dump";
export { replayBlock, replayReportJson, type ReplayExecutor, type ReplayReport, type ReplayTxResult } from "./replay/replay";
export { compareOutcome, type ActualOutcome, type ReplayProfile } from "./replay/compare";
export { EthereumReplayExecutor, dumpBlockContext, type EthereumExecutorOptions } from "./replay/ethereum-executor";
export { ZksyncReplayExecutor } from "./replay/zksync-executor";
export { buildPreState, preStateAlloc } from "./replay/prestate";
export {
  StateTree, MIN_GUARD_INDEX, MAX_GUARD_INDEX, type FlatStorageCommitment, type TreeWrite,
} from "./storage/tree";
export {
  verifyAndApplyBatch, TreeProofError, type TreeOracle, type TouchedSlot, type BatchApplyResult,
} from "./storage/tree-batch";
export { TREE_DEPTH, leafHash, emptySubtreeHash, foldPath, type FlatStorageLeaf, type LeafProof } from "./storage/merkle";
export {
  flatKey, accountPropertiesFlatKey, compareTreeKeys, compareStorageCacheKeys, ACCOUNT_PROPERTIES_STORAGE_ADDRESS,
} from "./storage/flat-key";
export {
  encodeAccountProperties, decodeAccountProperties, accountPropertiesHash, withEvmBytecode, observableBytecodeHash,
  TRIVIAL_ACCOUNT_PROPERTIES, type AccountProperties,
} from "./storage/account-properties";
export {
  blockPubdata, compressValueDiff, compressAccountDiff, stateDiffsWithUnchangedKeysQuirk, type StateDiffEntry, type BlockPubdataInput,
} from "./l1/pubdata";
export {
  encodeL2ToL1Log, l2ToL1LogHash, userMessageLog, l1TxResultLog, logsTreeRoot, type L2ToL1Log, type L2ToL1LogWithMessage,
} from "./l1/l2-to-l1-logs";
export {
  blockPublicInput, batchPublicInput, publicInputWords, type BlockCommitmentInput,
} from "./l1/public-input";
export { zksyncBlockHeader, encodeBlockHeader, blockHeaderHash, type BlockHeader } from "./l1/block-header";
export {
  Runner, MAX_CODE_SIZE, MAX_CALL_DEPTH, type Message, type MessageResult, type MessageStatus, type RunnerOptions,
} from "./bootloader/runner";
export { beginEthereumTransaction, type WarmUp, type AccessListItem } from "./bootloader/warm-up";
export { WorldState, slotWord, type Log, type AllocAccount } from "./state/world-state";
export { Account, EMPTY_CODE_HASH } from "./state/account";
export {
  addressFromBytes, addressToBytes, addressFromBigint, normalizeAddress, addressOfNumber, type Address,
} from "./state/address";
export {
  ZERO_WORD, wordFromBigint, wordToBigint, wordFromBytes, wordToBytes, wordToHex, isZeroWord, type Word,
} from "./state/word";
export {
  ERGS_PER_GAS, UNLIMITED_NATIVE, type Resources, type ExecutionEnvironment, type PreemptionPoint, type FrameLaunch,
  type ExternalCallRequest, type DeploymentRequest, type ExecutionEnd, type CallResult, type DeploymentResult,
} from "./ee/ee";
export { EthereumCostModel, type HostCostModel } from "./ee/evm/cost-model";
export type { BlockContext, TxContext } from "./ee/evm/context";
export { createAddress, create2Address } from "./ee/evm/create-address";
export { OPCODE_NAMES, opcodeName, opcodeByName } from "./ee/evm/opcode-names";
export {
  Chain, type BlockResult, type ChainOptions, type RunBlockOptions, type AccountView, type CallRequest,
  type CallResult as ChainCallResult,
} from "./chain";
export {
  parseBlockFixture, parseBlockSpec, parseFixtureState, type BlockFixture, type BlockSpec, type FixtureTransaction,
} from "./bootloader/fixture";
export { prepareTransactions, senderRecoveryItems, RecoveredSenders, type PreparedTransaction } from "./bootloader/prepare";
export { PROFILE_NAMES, ZKSYNC_OS_PROFILE, ZKSYNC_OS_SERVER_PROFILE, zkProfile, type ProfileName, type ZkProfile } from "./bootloader/profiles";
export { runZkBlock, type ZkBlockResult, type ZkTransactionResult, type RunZkBlockOptions } from "./bootloader/run-block";
export { runEthereumBlock, type EthereumBlockResult } from "./bootloader/run-ethereum-block";
export {
  processTransaction, type TransactionOutcome, type ExecutedTransaction, type RejectedTransaction, type TransactionException,
  type ProcessOptions,
} from "./ethereum/process-transaction";
export {
  runStateTestVector, worldStateRoot, worldStateOf, blockContextOf, stateTestBlockHash, type StateTestResult, type StateTestRun,
} from "./ethereum/run-state-test";
export { runBlockJson, blockResultJson, transactionResultJson } from "./bootloader/result-json";
export { InvalidTransaction, InternalBlockError, type InvalidTransactionName } from "./zksync/validation-errors";
export { InMemoryState } from "./oracle/in-memory-state";
export { RecordingOracle, type RecordedQuery } from "./oracle/recording-oracle";
export { WitnessOracle, WitnessError, verifiedPreimage } from "./oracle/witness-oracle";
export { recordFixtureWitnesses, proveWitness, type RecordedBlock } from "./bootloader/witness-run";
