/**
 * Witness files on disk (Node only; the codec itself is browser-safe in ./witness-file.ts).
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { InputError } from "../errors";
import { formatWitness, parseWitness } from "./witness-file";

/**
 * Reads a witness file.
 * @throws InputError when the file cannot be read or is malformed (naming the path and offset)
 */
export function readWitnessFile(path: string): Uint32Array {
  let text: string;
  try {
    text = readFileSync(path, "latin1");
  } catch (e) {
    throw new InputError(path, `cannot read witness file (${(e as Error).message})`);
  }
  return parseWitness(text, path);
}

/** Writes `words` as a witness file. */
export function writeWitnessFile(path: string, words: ArrayLike<number>): void {
  writeFileSync(path, formatWitness(words));
}
