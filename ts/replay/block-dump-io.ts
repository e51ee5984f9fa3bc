/**
 * Reads a block directory's five RPC dumps from disk (Node only; block-dump.ts parses them and is
 * also usable in browsers).
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors";
import { parseBlockDump, type BlockDump } from "./block-dump";

/** Reads and validates the five dumps of a block directory (see parseBlockDump). */
export function loadBlockDump(dir: string): BlockDump {
  return parseBlockDump(
    {
      block: readRpcWhole(dir, "block.json"),
      prestatetrace: readRpcWhole(dir, "prestatetrace.json"),
      calltrace: readRpcWhole(dir, "calltrace.json"),
      difftrace: readRpcWhole(dir, "difftrace.json"),
      receipts: readRpcWhole(dir, "receipts.json"),
    },
    dir,
  );
}

/** A file's parsed JSON (the whole JSON-RPC response). */
function readRpcWhole(dir: string, file: string): unknown {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(path, `cannot read (${(e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(path, `not JSON (${(e as Error).message})`);
  }
}
