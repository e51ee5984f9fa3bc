/**
 * A two-pass EVM assembler for the hand-written contracts of the block benchmark and the bootloader
 * fixtures: mnemonics, pushes of the shortest width, labels (`:name`, a JUMPDEST) and label
 * references (`@name`, a PUSH2 of the label's offset). Nothing here is compiled from Solidity.
 * @module
 */
import { ArgumentError } from "../ts/errors";
import { opcodeByName } from "../ts/ee/evm/opcode-names";

/** One item: a mnemonic or `:label` / `@label` (strings), or a value to push (bigint/number), or raw hex bytes. */
export type AsmItem = string | bigint | number | { readonly raw: string };

function pushBytes(v: bigint): number[] {
  if (v < 0n || v >> 256n !== 0n) throw new ArgumentError(`cannot push ${v}`);
  const out: number[] = [];
  for (let x = v; x > 0n; x >>= 8n) out.unshift(Number(x & 0xffn));
  return out.length === 0 ? [0] : out;
}

/** The bytecode of `items`. @throws ArgumentError for an unknown mnemonic or label */
export function assemble(items: readonly AsmItem[]): Uint8Array {
  const labels = new Map<string, number>();
  const emit = (resolve: boolean): number[] => {
    const code: number[] = [];
    for (const it of items) {
      if (typeof it === "object") {
        const h = it.raw.startsWith("0x") ? it.raw.slice(2) : it.raw;
        for (let i = 0; i < h.length; i += 2) code.push(parseInt(h.slice(i, i + 2), 16));
      } else if (typeof it !== "string") {
        const b = pushBytes(BigInt(it));
        code.push(0x5f + b.length, ...b);
      } else if (it.startsWith(":")) {
        if (!resolve) labels.set(it.slice(1), code.length);
        code.push(0x5b);
      } else if (it.startsWith("@")) {
        const at = resolve ? labels.get(it.slice(1)) : 0;
        if (at === undefined) throw new ArgumentError(`unknown label ${it}`);
        code.push(0x61, at >> 8, at & 0xff);
      } else {
        const op = opcodeByName(it);
        if (op === undefined) throw new ArgumentError(`unknown mnemonic ${it}`);
        code.push(op);
      }
    }
    return code;
  };
  emit(false);
  return Uint8Array.from(emit(true));
}

/** Initcode that runs `constructor` items, then returns `runtime` (copied from the initcode's tail). */
export function initcode(runtime: Uint8Array, constructor: readonly AsmItem[] = []): Uint8Array {
  // The copy offset is the initcode's own length, which depends on how wide its push is: fix PUSH2.
  const head = (offset: number): Uint8Array =>
    assemble([...constructor, runtime.length, { raw: "61" + offset.toString(16).padStart(4, "0") }, 0, "CODECOPY", runtime.length, 0, "RETURN"]);
  const len = head(0).length;
  const out = new Uint8Array(len + runtime.length);
  out.set(head(len), 0);
  out.set(runtime, len);
  return out;
}
