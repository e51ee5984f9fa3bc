/**
 * L2→L1 logs (zksync-os-reference.md §4.2; reference: zk_ee/src/common_structs/logs_storage.rs and
 * system_hooks/src/l2_base_token.rs at 0a82da0): the 88-byte packed log, its Keccak hash, the two kinds
 * of logs (user messages sent through 0x8008, and the result of every L1→L2 and upgrade transaction),
 * the height-14 Keccak logs tree with its precomputed empty subtrees, and the base-token withdrawal
 * messages.
 * @module
 */
import { keccak256 } from "../crypto/keccak";
import { ArgumentError } from "../errors";
import { hexToBytes } from "../primitives/hex";
import { addressFromLow } from "../storage/flat-key";

/** `L2_TO_L1_LOG_SERIALIZE_SIZE`. */
export const L2_TO_L1_LOG_SERIALIZE_SIZE = 88;
/** Height of the logs Merkle tree: 2^14 leaves. */
export const LOGS_TREE_HEIGHT = 14;

/** `BOOTLOADER_FORMAL_ADDRESS` = 0x8001: the sender of L1-transaction result logs. */
export const BOOTLOADER_FORMAL_ADDRESS: Uint8Array = addressFromLow(0x8001);
/** The L1 messenger hook = 0x8008: the sender of user-message logs. */
export const L1_MESSENGER_ADDRESS: Uint8Array = addressFromLow(0x8008);
/** The L2 base token hook = 0x800a (`withdraw`, `withdrawWithMessage`). */
export const L2_BASE_TOKEN_ADDRESS: Uint8Array = addressFromLow(0x800a);

/** `sendToL1(bytes)` on 0x8008. */
export const SEND_TO_L1_SELECTOR: Uint8Array = hexToBytes("0x62f84b24");
/** `withdraw(address)` on 0x800a. */
export const WITHDRAW_SELECTOR: Uint8Array = hexToBytes("0x51cff8d9");
/** `withdrawWithMessage(address,bytes)` on 0x800a. */
export const WITHDRAW_WITH_MESSAGE_SELECTOR: Uint8Array = hexToBytes("0x84bc3eb0");
/** `IMailbox.finalizeEthWithdrawal(uint256,uint256,uint16,bytes,bytes32[])`: first 4 bytes of every withdrawal message. */
export const FINALIZE_ETH_WITHDRAWAL_SELECTOR: Uint8Array = hexToBytes("0x6c0960f9");
/** Topic 0 of the event the messenger emits: `L1MessageSent(address,bytes32,bytes)`. */
export const L1_MESSAGE_SENT_TOPIC: Uint8Array = hexToBytes("0x3a36e47291f4201faf137fab081d92295bce2d53be2c6ca68ba82c7faa9ce241");

/** One L2→L1 log (`L2ToL1Log`). */
export interface L2ToL1Log {
  /** Always 0. */
  readonly shardId: number;
  /** Always true. */
  readonly isService: boolean;
  /** Index of the transaction in the block, counting every transaction (invalid ones too); u16. */
  readonly txNumberInBlock: number;
  /** 20-byte sender: 0x8008 for user messages, 0x8001 for L1-transaction results. */
  readonly sender: Uint8Array;
  /** 32 bytes: the padded message sender, or the L1 transaction's hash. */
  readonly key: Uint8Array;
  /** 32 bytes: Keccak of the message, or the success flag. */
  readonly value: Uint8Array;
}

/** A log with the message it commits to (user messages only; null for L1-transaction results). */
export interface L2ToL1LogWithMessage {
  readonly log: L2ToL1Log;
  readonly message: Uint8Array | null;
}

function checkLen(b: unknown, len: number, what: string): asserts b is Uint8Array {
  if (!(b instanceof Uint8Array) || b.length !== len) throw new ArgumentError(`${what} must be a ${len}-byte Uint8Array`);
}

function checkTxNumber(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new ArgumentError(`txNumberInBlock must be a u32, got ${n}`);
}

/**
 * The 88-byte packed encoding: shard_id u8 ‖ is_service u8 ‖ tx_number_in_block u16 BE ‖ sender[20] ‖
 * key[32] ‖ value[32]. The transaction number is truncated to 16 bits, as `tx_number as u16` does.
 */
export function encodeL2ToL1Log(log: L2ToL1Log): Uint8Array {
  checkTxNumber(log.txNumberInBlock);
  checkLen(log.sender, 20, "sender");
  checkLen(log.key, 32, "key");
  checkLen(log.value, 32, "value");
  const out = new Uint8Array(L2_TO_L1_LOG_SERIALIZE_SIZE);
  out[0] = log.shardId & 0xff;
  out[1] = log.isService ? 1 : 0;
  out[2] = (log.txNumberInBlock >>> 8) & 0xff;
  out[3] = log.txNumberInBlock & 0xff;
  out.set(log.sender, 4);
  out.set(log.key, 24);
  out.set(log.value, 56);
  return out;
}

/** Log hash = Keccak-256 of the 88-byte encoding. */
export function l2ToL1LogHash(log: L2ToL1Log): Uint8Array {
  return keccak256(encodeL2ToL1Log(log));
}

/**
 * The log of a message sent through the L1 messenger (0x8008 `sendToL1`, or a withdrawal): sender
 * 0x8008, key = the message sender left-padded to 32 bytes, value = Keccak(message).
 * @param messageSender - the hook's caller (for withdrawals: the user, not 0x800a)
 */
export function userMessageLog(txNumberInBlock: number, messageSender: Uint8Array, message: Uint8Array): L2ToL1LogWithMessage {
  checkLen(messageSender, 20, "messageSender");
  if (!(message instanceof Uint8Array)) throw new ArgumentError("message must be a Uint8Array");
  checkTxNumber(txNumberInBlock);
  const key = new Uint8Array(32);
  key.set(messageSender, 12);
  return {
    log: { shardId: 0, isService: true, txNumberInBlock, sender: L1_MESSENGER_ADDRESS.slice(), key, value: keccak256(message) },
    message: message.slice(),
  };
}

/** The result log of an L1→L2 (0xFF) or upgrade (0xFE) transaction: sender 0x8001, key = tx hash, value = U256(success). */
export function l1TxResultLog(txNumberInBlock: number, txHash: Uint8Array, success: boolean): L2ToL1LogWithMessage {
  checkLen(txHash, 32, "txHash");
  checkTxNumber(txNumberInBlock);
  const value = new Uint8Array(32);
  value[31] = success ? 1 : 0;
  return { log: { shardId: 0, isService: true, txNumberInBlock, sender: BOOTLOADER_FORMAL_ADDRESS.slice(), key: txHash.slice(), value }, message: null };
}

let emptyLevels: Uint8Array[] | undefined;

/** The logs tree's empty subtrees: level 0 = Keccak(0^88), level h+1 = Keccak(level h ‖ level h); level 14 = the empty root. */
export function logsTreeEmptyHashes(): readonly Uint8Array[] {
  if (emptyLevels === undefined) {
    const levels = [keccak256(new Uint8Array(L2_TO_L1_LOG_SERIALIZE_SIZE))];
    const pair = new Uint8Array(64);
    for (let h = 0; h < LOGS_TREE_HEIGHT; h++) {
      pair.set(levels[h]!, 0);
      pair.set(levels[h]!, 32);
      levels.push(keccak256(pair));
    }
    emptyLevels = levels;
  }
  return emptyLevels;
}

/**
 * Root of the logs tree (`LogsStorage::tree_root`): leaves are the log hashes in order; each level pairs
 * neighbours, an odd last one with that level's empty hash; no logs gives the level-14 empty hash.
 * Like the reference, more than 2^14 logs are folded for 14 levels only and the first node is returned.
 */
export function logsTreeRoot(logHashes: readonly Uint8Array[]): Uint8Array {
  logHashes.forEach((h, i) => checkLen(h, 32, `logHashes[${i}]`));
  const empty = logsTreeEmptyHashes();
  if (logHashes.length === 0) return empty[LOGS_TREE_HEIGHT]!.slice();
  let level: Uint8Array[] = logHashes.map((h) => h.slice());
  const pair = new Uint8Array(64);
  for (let h = 0; h < LOGS_TREE_HEIGHT; h++) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      pair.set(level[i]!, 0);
      pair.set(level[i + 1] ?? empty[h]!, 32);
      next.push(keccak256(pair));
    }
    level = next;
  }
  return level[0]!;
}

function u256Be(v: bigint, what: string): Uint8Array {
  if (typeof v !== "bigint" || v < 0n || v >= 1n << 256n) throw new ArgumentError(`${what} must be a U256 bigint`);
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Message of `withdraw(receiver)` with `amount` burned: 0x6c0960f9 ‖ receiver[20] ‖ amount U256 BE (56 bytes). */
export function withdrawMessage(l1Receiver: Uint8Array, amount: bigint): Uint8Array {
  checkLen(l1Receiver, 20, "l1Receiver");
  const out = new Uint8Array(56);
  out.set(FINALIZE_ETH_WITHDRAWAL_SELECTOR, 0);
  out.set(l1Receiver, 4);
  out.set(u256Be(amount, "amount"), 24);
  return out;
}

/**
 * Message of `withdrawWithMessage(receiver, additionalData)`: 0x6c0960f9 ‖ receiver[20] ‖ amount[32] ‖
 * caller[20] ‖ additionalData (76 + n bytes). QUIRK: the log's key is the caller too, not 0x800a.
 */
export function withdrawWithMessageMessage(l1Receiver: Uint8Array, amount: bigint, caller: Uint8Array, additionalData: Uint8Array): Uint8Array {
  checkLen(l1Receiver, 20, "l1Receiver");
  checkLen(caller, 20, "caller");
  if (!(additionalData instanceof Uint8Array)) throw new ArgumentError("additionalData must be a Uint8Array");
  const out = new Uint8Array(76 + additionalData.length);
  out.set(FINALIZE_ETH_WITHDRAWAL_SELECTOR, 0);
  out.set(l1Receiver, 4);
  out.set(u256Be(amount, "amount"), 24);
  out.set(caller, 56);
  out.set(additionalData, 76);
  return out;
}
