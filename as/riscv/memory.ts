// Guest memory of the RISC-V machine (riscv-machine.md §1.4): 1 GiB, zero-initialised, sparse in
// 64 KiB pages allocated on first write from the heap (a one-tx ZKsync OS batch touches ~0.5 MiB
// but spans up to 0x343F_FFFC). ROM = [0, 2 MiB): the host loads it, the guest may only read it.

import { RV_PAGE_READ_PTR, RV_PAGE_WRITE_PTR } from "../layout";

export const PAGE_SHIFT: u32 = 16;
export const PAGE_SIZE: u32 = 1 << PAGE_SHIFT;
export const PAGE_MASK: u32 = PAGE_SIZE - 1;
export const PAGE_COUNT: u32 = 16384;
export const RAM_END: u32 = 0x4000_0000;
export const ROM_END: u32 = 0x0020_0000;

/** A read-only page of zeros that every unmapped read-table entry points at. */
let zeroFramePtr: usize = 0;
/** Frames released by the last reset, reused before the heap grows again. */
let freeFramesPtr: usize = 0;
let freeFrameCount: u32 = 0;
let pagesMapped: u32 = 0;

/** Host address of guest byte `addr` for reading. Invariant: addr < RAM_END (callers check). */
@inline export function hostRead(addr: u32): usize {
  return <usize>(load<u32>(RV_PAGE_READ_PTR + (<usize>(addr >>> PAGE_SHIFT) << 2)) + addr);
}

/** Host address of guest byte `addr` for writing, mapping its page on first use. Invariant: addr < RAM_END. */
@inline export function hostWrite(addr: u32): usize {
  const slotPtr = RV_PAGE_WRITE_PTR + (<usize>(addr >>> PAGE_SHIFT) << 2);
  let framePtr = <usize>load<u32>(slotPtr);
  if (framePtr == 0) framePtr = mapPage(addr >>> PAGE_SHIFT);
  return framePtr + <usize>(addr & PAGE_MASK);
}

function mapPage(page: u32): usize {
  let framePtr: usize;
  if (freeFrameCount > 0) {
    freeFrameCount--;
    framePtr = <usize>load<u32>(freeFramesPtr + (<usize>freeFrameCount << 2));
    memory.fill(framePtr, 0, PAGE_SIZE);
  } else {
    framePtr = heap.alloc(PAGE_SIZE);
    memory.fill(framePtr, 0, PAGE_SIZE);
  }
  store<u32>(RV_PAGE_WRITE_PTR + (<usize>page << 2), <u32>framePtr);
  store<u32>(RV_PAGE_READ_PTR + (<usize>page << 2), <u32>framePtr - (page << PAGE_SHIFT));
  pagesMapped++;
  return framePtr;
}

/** Unmaps every page (keeping the frames for reuse): memory reads as zero again. */
export function memoryReset(): void {
  if (zeroFramePtr == 0) {
    zeroFramePtr = heap.alloc(PAGE_SIZE);
    memory.fill(zeroFramePtr, 0, PAGE_SIZE);
    freeFramesPtr = heap.alloc(PAGE_COUNT << 2);
  }
  for (let page: u32 = 0; page < PAGE_COUNT; page++) {
    const slotPtr = RV_PAGE_WRITE_PTR + (<usize>page << 2);
    const framePtr = load<u32>(slotPtr);
    if (framePtr != 0) {
      store<u32>(freeFramesPtr + (<usize>freeFrameCount << 2), framePtr);
      freeFrameCount++;
      store<u32>(slotPtr, 0);
    }
    store<u32>(RV_PAGE_READ_PTR + (<usize>page << 2), <u32>zeroFramePtr - (page << PAGE_SHIFT));
  }
  pagesMapped = 0;
}

/** Number of 64 KiB pages written so far. */
export function memoryPagesMapped(): u32 {
  return pagesMapped;
}

/** Word at an aligned guest address. Invariant: addr < RAM_END, addr % 4 == 0. */
export function readWord(addr: u32): u32 {
  return load<u32>(hostRead(addr));
}

/** Stores a word at an aligned guest address (no ROM check: callers decide). */
export function writeWord(addr: u32, value: u32): void {
  store<u32>(hostWrite(addr), value);
}

/** Copies `len` bytes from host memory into guest memory at `addr` (the loader; ROM allowed). */
export function copyIn(addr: u32, srcPtr: usize, len: u32): void {
  while (len > 0) {
    const n = min(len, PAGE_SIZE - (addr & PAGE_MASK));
    memory.copy(hostWrite(addr), srcPtr, n);
    addr += n;
    srcPtr += n;
    len -= n;
  }
}

/** Copies `len` guest bytes at `addr` out to host memory (unmapped pages read as zeros). */
export function copyOut(dstPtr: usize, addr: u32, len: u32): void {
  while (len > 0) {
    const n = min(len, PAGE_SIZE - (addr & PAGE_MASK));
    memory.copy(dstPtr, hostRead(addr), n);
    addr += n;
    dstPtr += n;
    len -= n;
  }
}
