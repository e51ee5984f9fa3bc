// 0x01–0x0b with exact gas: two pushes (3 + 3), the opcode, then returnTop (15 gas: PUSH1, MSTORE,
// one word of memory, PUSH1, PUSH1, RETURN). Expected values are written out (Yellow Paper
// semantics; signed cases from the execution-spec tests' conventions).
import { MAX, MIN_SIGNED, neg, binary, ternary, describeOpCases, type OpCase } from "../../helpers/opcode-cases";

const cases: OpCase[] = [
  binary("ADD", 1n, 2n, 3n, 3n),
  binary("ADD", MAX, 1n, 0n, 3n),
  binary("ADD", MAX, MAX, MAX - 1n, 3n),
  binary("MUL", 6n, 7n, 42n, 5n),
  binary("MUL", 1n << 128n, 1n << 128n, 0n, 5n),
  binary("MUL", MAX, MAX, 1n, 5n),
  binary("SUB", 5n, 3n, 2n, 3n),
  binary("SUB", 0n, 1n, MAX, 3n),
  binary("DIV", 7n, 2n, 3n, 5n),
  binary("DIV", 7n, 0n, 0n, 5n),
  binary("DIV", MAX, 1n << 128n, (1n << 128n) - 1n, 5n),
  binary("SDIV", neg(8n), 3n, neg(2n), 5n),
  binary("SDIV", MIN_SIGNED, MAX, MIN_SIGNED, 5n),
  binary("SDIV", 8n, 0n, 0n, 5n),
  binary("MOD", 7n, 3n, 1n, 5n),
  binary("MOD", 7n, 0n, 0n, 5n),
  binary("SMOD", neg(8n), 3n, neg(2n), 5n),
  binary("SMOD", 8n, neg(3n), 2n, 5n),
  binary("SMOD", neg(8n), 0n, 0n, 5n),
  ternary("ADDMOD", MAX, 2n, 3n, 2n),
  ternary("ADDMOD", 10n, 10n, 8n, 4n),
  ternary("ADDMOD", 10n, 10n, 0n, 0n),
  ternary("MULMOD", MAX, MAX, 12n, 9n),
  ternary("MULMOD", 10n, 10n, 7n, 2n),
  ternary("MULMOD", 10n, 10n, 0n, 0n),
  binary("SIGNEXTEND", 0n, 0xffn, MAX, 5n),
  binary("SIGNEXTEND", 0n, 0x7fn, 0x7fn, 5n),
  binary("SIGNEXTEND", 1n, 0x8000n, neg(0x8000n), 5n),
  binary("SIGNEXTEND", 31n, MIN_SIGNED, MIN_SIGNED, 5n),
  binary("SIGNEXTEND", MAX, 0xffn, 0xffn, 5n),
  // EXP: 10 + 50 per byte of the exponent.
  binary("EXP", 2n, 10n, 1024n, 10n + 50n),
  binary("EXP", 3n, 0n, 1n, 10n),
  binary("EXP", 0n, 0n, 1n, 10n),
  binary("EXP", 2n, 256n, 0n, 10n + 100n),
  binary("EXP", 2n, 255n, MIN_SIGNED, 10n + 50n),
  binary("EXP", MAX, MAX, MAX, 10n + 50n * 32n),
];

describeOpCases("arithmetic opcodes", cases);
