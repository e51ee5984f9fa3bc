/**
 * The witness file (interfaces.md §5, riscv-machine.md §3.5): every u32 the guest reads from CSR
 * 0x7C0, in order, as 8 hex digits (most significant first), no separators; surrounding whitespace
 * is ignored; upper and lower case are accepted; writing uses lower case.
 * @module
 */
import { InputError } from "../errors";

const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  NIBBLE[65 + i] = 10 + i;
  NIBBLE[97 + i] = 10 + i;
}
const HEX = "0123456789abcdef";

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Parses witness text into words.
 * @param where names the input in errors (a file path)
 * @throws InputError naming the character offset of a non-hex character, or the length when it is
 * not a multiple of 8 digits
 */
export function parseWitness(text: string, where = "witness"): Uint32Array {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  const digits = end - start;
  const words = new Uint32Array(Math.floor(digits / 8));
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const n = c < 128 ? NIBBLE[c]! : -1;
    if (n < 0) throw new InputError(`${where} at offset ${i}`, `character ${JSON.stringify(text[i])} is not a hex digit`);
    const k = i - start;
    if (k >> 3 < words.length) words[k >> 3] = ((words[k >> 3]! << 4) | n) >>> 0;
  }
  if (digits % 8 !== 0) {
    throw new InputError(`${where} at offset ${start + digits - (digits % 8)}`, `${digits} hex digits is not a multiple of 8 (one u32 word each); ${digits % 8} left over`);
  }
  return words;
}

/** Formats words as witness text: 8 lower-case hex digits per word, no separators, no newline. */
export function formatWitness(words: ArrayLike<number>): string {
  const chars = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]! >>> 0;
    let s = "";
    for (let sh = 28; sh >= 0; sh -= 4) s += HEX[(w >>> sh) & 0xf];
    chars[i] = s;
  }
  return chars.join("");
}
