// Short division of a little-endian u32 digit array by one u32 digit (Knuth, TAOCP vol. 2, §4.3.1,
// exercise 16): one hardware u64 ÷ u32 step per digit. Division by a wider divisor is u256-knuth.ts.

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
