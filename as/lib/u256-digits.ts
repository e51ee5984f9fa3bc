// Long division on little-endian u32 digit arrays: Knuth's Algorithm D (TAOCP vol. 2, §4.3.1;
// the 32-bit-digit form of Hacker's Delight `divmnu`). WASM has no 128-bit arithmetic, so 32-bit
// digits with u64 intermediates are the natural width. Callers pass private scratch; nothing allocates.

/** Number of significant u32 digits in `len` digits at `ptr` (0 for zero). */
@inline
export function digitLen(ptr: usize, len: i32): i32 {
  let n = len;
  // Invariant: n ≤ len, so every read is inside the caller's `len` digits.
  while (n > 0 && load<u32>(ptr + (<usize>(n - 1) << 2)) == 0) n--;
  return n;
}

/** q = u / v (single digit v ≠ 0) over `m` digits; returns the remainder. q may equal u. */
export function divDigitsBy1(qPtr: usize, uPtr: usize, m: i32, v: u32): u32 {
  const d = <u64>v;
  let rem: u64 = 0;
  for (let i = m - 1; i >= 0; i--) {
    const o = <usize>i << 2;
    const num = (rem << 32) | <u64>load<u32>(uPtr + o);
    const q = num / d;
    rem = num - q * d;
    store<u32>(qPtr + o, <u32>q);
  }
  return <u32>rem;
}

/**
 * Knuth D: q[0..m−n+1) = u / v and r[0..n) = u mod v, for n ≥ 2, m ≥ n, v[n−1] ≠ 0.
 * un (m+1 digits) and vn (n digits) are caller scratch for the normalised operands; q, r, un, vn
 * must not overlap each other (u and v are only read before q and r are written).
 */
export function divDigits(
  qPtr: usize, rPtr: usize, uPtr: usize, m: i32, vPtr: usize, n: i32, unPtr: usize, vnPtr: usize,
): void {
  // D1: normalise so the top divisor digit has its high bit set; then q̂ is at most 2 too large.
  const s = <u32>clz<u32>(load<u32>(vPtr + (<usize>(n - 1) << 2)));
  normalise(vnPtr, vPtr, n, s);
  store<u32>(unPtr + (<usize>m << 2), s == 0 ? 0 : load<u32>(uPtr + (<usize>(m - 1) << 2)) >> (32 - s));
  normalise(unPtr, uPtr, m, s);

  const vTop = <u64>load<u32>(vnPtr + (<usize>(n - 1) << 2));
  const vNext = <u64>load<u32>(vnPtr + (<usize>(n - 2) << 2));
  const B: u64 = 0x1_0000_0000;
  for (let j = m - n; j >= 0; j--) {
    const ujn = unPtr + (<usize>(j + n) << 2);
    // D3: estimate q̂ from the top two dividend digits, then refine with the next one.
    const num = (<u64>load<u32>(ujn) << 32) | <u64>load<u32>(ujn - 4);
    let qhat = num / vTop;
    let rhat = num - qhat * vTop;
    const uNext = <u64>load<u32>(ujn - 8);
    // Short-circuit keeps qhat < 2^32 before the product, so qhat·vNext and B·rhat + uNext fit u64.
    while (qhat >= B || qhat * vNext > ((rhat << 32) | uNext)) {
      qhat--;
      rhat += vTop;
      if (rhat >= B) break;
    }
    // D4: un[j..j+n] −= q̂ · vn, with a signed borrow.
    const ujPtr = unPtr + (<usize>j << 2);
    let k: i64 = 0;
    for (let i = 0; i < n; i++) {
      const p = qhat * <u64>load<u32>(vnPtr + (<usize>i << 2));
      const t = <i64>load<u32>(ujPtr + (<usize>i << 2)) - k - <i64>(p & 0xFFFF_FFFF);
      store<u32>(ujPtr + (<usize>i << 2), <u32>t);
      k = <i64>(p >> 32) - (t >> 32);
    }
    const top = <i64>load<u32>(ujn) - k;
    store<u32>(ujn, <u32>top);
    // D5–D6: a negative remainder means q̂ was one too large (probability ~2/B): add vn back.
    if (top < 0) {
      qhat--;
      let c: u64 = 0;
      for (let i = 0; i < n; i++) {
        const p = ujPtr + (<usize>i << 2);
        const t = <u64>load<u32>(p) + <u64>load<u32>(vnPtr + (<usize>i << 2)) + c;
        store<u32>(p, <u32>t);
        c = t >> 32;
      }
      store<u32>(ujn, load<u32>(ujn) + <u32>c);
    }
    store<u32>(qPtr + (<usize>j << 2), <u32>qhat);
  }
  // D8: un[0..n) >> s is the remainder.
  for (let i = 0; i < n; i++) {
    const lo = load<u32>(unPtr + (<usize>i << 2));
    // un[n] is zero after the last step (remainder < vn), so i + 1 ≤ n stays inside un.
    const hi = load<u32>(unPtr + (<usize>(i + 1) << 2));
    store<u32>(rPtr + (<usize>i << 2), s == 0 ? lo : (lo >> s) | (hi << (32 - s)));
  }
}

/** dst[0..len) = src[0..len) << s (0 ≤ s < 32), dropping bits shifted past the top digit. */
@inline
function normalise(dstPtr: usize, srcPtr: usize, len: i32, s: u32): void {
  for (let i = len - 1; i > 0; i--) {
    const hi = load<u32>(srcPtr + (<usize>i << 2));
    const lo = load<u32>(srcPtr + (<usize>(i - 1) << 2));
    store<u32>(dstPtr + (<usize>i << 2), s == 0 ? hi : (hi << s) | (lo >> (32 - s)));
  }
  store<u32>(dstPtr, load<u32>(srcPtr) << s);
}
