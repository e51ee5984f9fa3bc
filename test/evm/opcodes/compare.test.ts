// 0x10–0x15 comparisons, exact results and gas: every case is two (or one) pushes, a 3-gas opcode
// and returnTop (15 gas).
import { MAX, MIN_SIGNED, neg, binary, unary, describeOpCases, type OpCase } from "../../helpers/opcode-cases";

const cases: OpCase[] = [
  binary("LT", 1n, 2n, 1n), binary("LT", 2n, 1n, 0n), binary("LT", 2n, 2n, 0n), binary("LT", MIN_SIGNED, 1n, 0n),
  binary("GT", 2n, 1n, 1n), binary("GT", 1n, 2n, 0n), binary("GT", MAX, 0n, 1n),
  binary("SLT", neg(1n), 0n, 1n), binary("SLT", 0n, neg(1n), 0n), binary("SLT", MIN_SIGNED, MAX, 1n),
  binary("SGT", 0n, neg(1n), 1n), binary("SGT", neg(1n), 0n, 0n), binary("SGT", MAX, MIN_SIGNED, 1n),
  binary("EQ", 5n, 5n, 1n), binary("EQ", 5n, 6n, 0n), binary("EQ", MAX, MAX, 1n),
  unary("ISZERO", 0n, 1n), unary("ISZERO", 1n, 0n), unary("ISZERO", MIN_SIGNED, 0n),
];

describeOpCases("comparison opcodes", cases);
