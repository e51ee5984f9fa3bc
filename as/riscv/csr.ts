// The CSRs of the Airbender machine (riscv-machine.md §2): the non-determinism channel 0x7C0 (read
// buffer filled by TS, write buffer drained by TS, so a replay never leaves WASM per word) and the
// two delegations 0x7C7 (Blake2s round, as/blake2s/round.ts) and 0x7CA (u256 ops, as/lib), which
// run on the guest pages in place once the §2.2/§2.3 operand rules have been checked.

import {
  RV_DELEGATION_SCRATCH_PTR, RV_READ_BUF_PTR, RV_REGS_PTR, RV_WRITE_BUF_LEN, RV_WRITE_BUF_PTR,
} from "../layout";
import { blake2sRoundDelegation, BLAKE2S_ROUND_ERR_MASK, BLAKE2S_ROUND_OK } from "../blake2s/round";
import { u256Delegation } from "../lib/u256-delegation";
import { hostRead, hostWrite, PAGE_MASK, PAGE_SIZE, RAM_END, ROM_END, readWord } from "./memory";
import {
  DETAIL_BAD_CONTROL, DETAIL_BAD_ROUND_MASK, DETAIL_IN_ROM, DETAIL_MISALIGNED, DETAIL_NONE,
  DETAIL_OUT_OF_MEMORY, DETAIL_RS1_NONZERO, DETAIL_SAME_POINTERS,
} from "./trap";

/** Next unread word of the read buffer, and one past the last valid word (TS sets both). */
export let readHead: u32 = 0;
export let readTail: u32 = 0;
/** Set by TS when its source has no more words: reads then return 0 (as the reference replay does). */
export let readsExhausted: bool = false;
/** Set for a live oracle: a write drops the unread rest of the buffered answer, as its host does. */
export let dropReadsOnWrite: bool = false;
/** Words handed to the guest from the buffer, and reads answered with 0 after exhaustion. */
export let readsConsumed: u32 = 0;
export let readsPastEnd: u32 = 0;
/** Entries waiting in the write buffer. */
export let writeCount: u32 = 0;
export let blakeCalls: u64 = 0;
export let u256Calls: u64 = 0;
export let markerCalls: u64 = 0;
/** Operand address that made the last delegation fault. */
export let delegationFaultAddress: u32 = 0;

/** A Blake2s message that crosses a page boundary is gathered here. */
const BLAKE_MSG_PTR: usize = RV_DELEGATION_SCRATCH_PTR;

export function csrReset(): void {
  readHead = 0;
  readTail = 0;
  readsExhausted = false;
  dropReadsOnWrite = false;
  readsConsumed = 0;
  readsPastEnd = 0;
  writeCount = 0;
  blakeCalls = 0;
  u256Calls = 0;
  markerCalls = 0;
  delegationFaultAddress = 0;
}

/** TS wrote `count` words at RV_READ_BUF_PTR: they are the next reads. */
export function csrFeedReads(count: u32): void {
  readHead = 0;
  readTail = count;
}

export function csrSetReadsExhausted(exhausted: bool): void {
  readsExhausted = exhausted;
}

export function csrSetDropReadsOnWrite(drop: bool): void {
  dropReadsOnWrite = drop;
}

export function csrClearWrites(): void {
  writeCount = 0;
}

/** True when a read can be answered now (a buffered word, or exhaustion → 0). */
@inline export function canRead(): bool {
  return readHead < readTail || readsExhausted;
}

@inline export function canWrite(): bool {
  return writeCount < <u32>RV_WRITE_BUF_LEN;
}

/** Pops the next word. Invariant: canRead(). */
@inline export function popRead(): u32 {
  if (readHead < readTail) {
    const v = load<u32>(RV_READ_BUF_PTR + (<usize>readHead << 2));
    readHead++;
    readsConsumed++;
    return v;
  }
  readsPastEnd++;
  return 0;
}

/** Records a write with the number of reads done before it. Invariant: canWrite(). */
export function pushWrite(value: u32): void {
  const p = RV_WRITE_BUF_PTR + (<usize>writeCount << 3);
  store<u32>(p, value);
  store<u32>(p, readsConsumed + readsPastEnd, 4);
  writeCount++;
  if (dropReadsOnWrite) readTail = readHead;
}

@inline function reg(i: u32): u32 {
  return load<u32>(RV_REGS_PTR + (<usize>i << 2));
}

function fault(addr: u32, detail: u32): u32 {
  delegationFaultAddress = addr;
  return detail;
}

/** Checks one delegation operand of `len` bytes at `addr` that must be ≡ 0 mod `align`. */
function operandDetail(addr: u32, align: u32, len: u32): u32 {
  if ((addr & (align - 1)) != 0) return fault(addr, DETAIL_MISALIGNED);
  if (addr < ROM_END) return fault(addr, DETAIL_IN_ROM);
  if (addr > RAM_END - len) return fault(addr, DETAIL_OUT_OF_MEMORY);
  return DETAIL_NONE;
}

/** Copies guest words into host scratch (for operands that cross a page); returns dstPtr. */
function copyWordsIn(dstPtr: usize, addr: u32, words: u32): usize {
  for (let k: u32 = 0; k < words; k++) store<u32>(dstPtr + (<usize>k << 2), readWord(addr + (k << 2)));
  return dstPtr;
}

/**
 * csrrw on 0x7C7 with rs1's value `rs1Value`: x10 = &(h[8] ‖ v[16]), x11 = &m[16], x12 = 1 << round,
 * x13 = control. Returns DETAIL_NONE, or the reason it must trap (memory then untouched).
 */
export function csrBlake(rs1Value: u32): u32 {
  if (rs1Value != 0) return fault(0, DETAIL_RS1_NONZERO);
  const statePtr = reg(10);
  const msgPtr = reg(11);
  let d = operandDetail(statePtr, 128, 96);
  if (d != DETAIL_NONE) return d;
  d = operandDetail(msgPtr, 4, 64);
  if (d != DETAIL_NONE) return d;
  if (statePtr == msgPtr) return fault(msgPtr, DETAIL_SAME_POINTERS);
  // The 96-byte state is 128-aligned, so it never crosses a page: the kernel works on the guest
  // page in place. It reads every input before its first store, so a message overlapping the
  // state is fine. A message crossing a page boundary goes through the scratch copy.
  const stateHost = hostWrite(statePtr);
  const msgHost = (msgPtr & PAGE_MASK) <= PAGE_SIZE - 64 ? hostRead(msgPtr) : copyWordsIn(BLAKE_MSG_PTR, msgPtr, 16);
  const err = blake2sRoundDelegation(stateHost, msgHost, reg(12), reg(13));
  if (err != BLAKE2S_ROUND_OK) return fault(0, err == BLAKE2S_ROUND_ERR_MASK ? DETAIL_BAD_ROUND_MASK : DETAIL_BAD_CONTROL);
  blakeCalls++;
  return DETAIL_NONE;
}

/**
 * csrrw on 0x7CA: x10 = &a, x11 = &b (8 little-endian words each), x12 = control; a ← result,
 * x12 ← flag. Returns DETAIL_NONE or the reason it must trap (memory and x12 then untouched).
 */
export function csrU256(rs1Value: u32): u32 {
  if (rs1Value != 0) return fault(0, DETAIL_RS1_NONZERO);
  const aAddr = reg(10);
  const bAddr = reg(11);
  let d = operandDetail(aAddr, 32, 32);
  if (d != DETAIL_NONE) return d;
  d = operandDetail(bAddr, 32, 32);
  if (d != DETAIL_NONE) return d;
  if (aAddr == bAddr) return fault(bAddr, DETAIL_SAME_POINTERS);
  // Both operands are 32-byte aligned, so each lies in one page and they cannot partly overlap:
  // the kernel works on the guest pages in place (a is mapped first so b sees it if they share a page).
  const flag = u256Delegation(hostWrite(aAddr), hostRead(bAddr), reg(12));
  if (flag < 0) return fault(0, DETAIL_BAD_CONTROL);
  store<u32>(RV_REGS_PTR + (12 << 2), <u32>flag);
  u256Calls++;
  return DETAIL_NONE;
}

export function csrMarker(): void {
  markerCalls++;
}
