/**
 * The witness file (interfaces.md §5, riscv-machine.md §3.5): each u32 read from CSR 0x7C0 as
 * 8 hex digits, most significant first, no separators. Surrounding whitespace is ignored.
 * @module
 */
import { InputError } from "../errors";

/**
 * Parses witness text into words.
 * @param where names the input in errors (a file path)
 * @throws InputError on a non-hex character or a length that is not a multiple of 8 digits
 */
export function parseWitnessHex(text: string, where = "witness"): Uint32Array {
  const s = text.trim();
  if (s.length % 8 !== 0) {
    throw new InputError(where, `length ${s.length} is not a multiple of 8 hex digits (one u32 word each)`);
  }
  const bad = /[^0-9a-fA-F]/.exec(s);
  if (bad !== null) {
    throw new InputError(where, `character ${JSON.stringify(bad[0])} at offset ${bad.index} is not a hex digit`);
  }
  const words = new Uint32Array(s.length / 8);
  for (let i = 0; i < words.length; i++) words[i] = parseInt(s.slice(8 * i, 8 * i + 8), 16);
  return words;
}

/** Formats words as witness text (lower-case hex, no separators, no trailing newline). */
export function formatWitnessHex(words: ArrayLike<number>): string {
  const parts: string[] = new Array(words.length);
  for (let i = 0; i < words.length; i++) parts[i] = (words[i]! >>> 0).toString(16).padStart(8, "0");
  return parts.join("");
}
