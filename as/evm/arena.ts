// LIFO arenas for EVM frames (record, stack, calldata, memory) and for analysed code. Chunks come
// from the runtime's bump allocator once and are reused forever, so a long run never grows past
// its deepest call stack. Frames are strictly nested (the runner resumes a parent only after its
// child was released), which is what makes mark/release enough.

/** Arena record: current chunk, top offset in it, first chunk. */
const A_CURRENT: usize = 0;
const A_TOP: usize = 4;
const A_FIRST: usize = 8;
export const ARENA_RECORD_LEN: i32 = 16;

/** Chunk header: total size (header included) and the next chunk; data starts 32-aligned. */
const C_SIZE: usize = 0;
const C_NEXT: usize = 4;
const CHUNK_HEADER: u32 = 32;
const MIN_CHUNK: u32 = 1 << 20;
const ALIGN: u32 = 32;

// @ts-ignore: decorator
@inline
function alignUp(n: u32): u32 {
  return (n + (ALIGN - 1)) & ~(ALIGN - 1);
}

/** Allocates `size` bytes, 32-aligned and not zeroed, on top of the arena. May grow memory. */
export function arenaAlloc(arenaPtr: usize, size: u32): usize {
  const need = alignUp(size);
  const chunkPtr = <usize>load<u32>(arenaPtr, A_CURRENT);
  const top = load<u32>(arenaPtr, A_TOP);
  if (chunkPtr != 0 && top + need <= load<u32>(chunkPtr, C_SIZE)) {
    store<u32>(arenaPtr, top + need, A_TOP);
    return chunkPtr + top;
  }
  return allocInNextChunk(arenaPtr, chunkPtr, need);
}

function allocInNextChunk(arenaPtr: usize, chunkPtr: usize, need: u32): usize {
  let nextPtr = chunkPtr != 0 ? <usize>load<u32>(chunkPtr, C_NEXT) : <usize>load<u32>(arenaPtr, A_FIRST);
  if (nextPtr == 0 || load<u32>(nextPtr, C_SIZE) < CHUNK_HEADER + need) {
    // Chunks after the current one are free (LIFO), so a too-small tail is simply replaced.
    const size = max<u32>(MIN_CHUNK, CHUNK_HEADER + need);
    const rawPtr = heap.alloc(<usize>size + ALIGN);
    nextPtr = (rawPtr + (ALIGN - 1)) & ~(<usize>ALIGN - 1);
    store<u32>(nextPtr, size, C_SIZE);
    store<u32>(nextPtr, 0, C_NEXT);
    if (chunkPtr != 0) store<u32>(chunkPtr, <u32>nextPtr, C_NEXT);
    else store<u32>(arenaPtr, <u32>nextPtr, A_FIRST);
  }
  store<u32>(arenaPtr, <u32>nextPtr, A_CURRENT);
  store<u32>(arenaPtr, CHUNK_HEADER + need, A_TOP);
  return nextPtr + CHUNK_HEADER;
}

/** The arena position, to be handed back to arenaRelease. */
export function arenaMark(arenaPtr: usize): u64 {
  return (<u64>load<u32>(arenaPtr, A_CURRENT) << 32) | <u64>load<u32>(arenaPtr, A_TOP);
}

/** Frees everything allocated since `mark` was taken. */
export function arenaRelease(arenaPtr: usize, mark: u64): void {
  store<u32>(arenaPtr, <u32>(mark >> 32), A_CURRENT);
  store<u32>(arenaPtr, <u32>mark, A_TOP);
}

/** Frees everything; chunks are kept for reuse. */
export function arenaReset(arenaPtr: usize): void {
  store<u32>(arenaPtr, 0, A_CURRENT);
  store<u32>(arenaPtr, 0, A_TOP);
}

/**
 * Grows the most recent allocation `ptr` (of `oldSize` bytes) to `newSize` in place when it is on
 * top of the arena and its chunk has room. Returns false (and changes nothing) otherwise.
 */
export function arenaGrowLast(arenaPtr: usize, ptr: usize, oldSize: u32, newSize: u32): bool {
  const chunkPtr = <usize>load<u32>(arenaPtr, A_CURRENT);
  if (chunkPtr == 0) return false;
  const top = load<u32>(arenaPtr, A_TOP);
  if (ptr + <usize>alignUp(oldSize) != chunkPtr + <usize>top) return false;
  const newTop = <u32>(ptr - chunkPtr) + alignUp(newSize);
  if (newTop > load<u32>(chunkPtr, C_SIZE)) return false;
  store<u32>(arenaPtr, newTop, A_TOP);
  return true;
}

/** Bytes held by the arena's chunks (for the code cache's size budget). */
export function arenaUsedBytes(arenaPtr: usize): u32 {
  const currentPtr = <usize>load<u32>(arenaPtr, A_CURRENT);
  if (currentPtr == 0) return 0;
  let used: u32 = 0;
  let chunkPtr = <usize>load<u32>(arenaPtr, A_FIRST);
  while (chunkPtr != 0) {
    if (chunkPtr == currentPtr) return used + load<u32>(arenaPtr, A_TOP);
    used += load<u32>(chunkPtr, C_SIZE);
    chunkPtr = <usize>load<u32>(chunkPtr, C_NEXT);
  }
  return used;
}
