// 0x16–0x1d bitwise logic and EIP-145 shifts, exact results and gas: every case is two (or one)
// pushes, a 3-gas opcode and returnTop (15 gas).
import { MAX, MIN_SIGNED, neg, binary, unary, describeOpCases, type OpCase } from "../../helpers/opcode-cases";

const cases: OpCase[] = [
  binary("AND", 0xf0f0n, 0xff00n, 0xf000n), binary("OR", 0xf0f0n, 0xff00n, 0xfff0n), binary("XOR", 0xf0f0n, 0xff00n, 0x0ff0n),
  unary("NOT", 0n, MAX), unary("NOT", MAX, 0n),
  binary("BYTE", 31n, 0x1234n, 0x34n), binary("BYTE", 30n, 0x1234n, 0x12n), binary("BYTE", 0n, MIN_SIGNED, 0x80n),
  binary("BYTE", 32n, MAX, 0n), binary("BYTE", MAX, MAX, 0n),
  // EIP-145 test vectors (shift, value).
  binary("SHL", 0n, 1n, 1n), binary("SHL", 1n, 1n, 2n), binary("SHL", 255n, 1n, MIN_SIGNED), binary("SHL", 256n, 1n, 0n),
  binary("SHL", 1n, MAX, MAX - 1n), binary("SHL", MAX, 1n, 0n),
  binary("SHR", 1n, 1n, 0n), binary("SHR", 1n, MIN_SIGNED, 1n << 254n), binary("SHR", 255n, MIN_SIGNED, 1n),
  binary("SHR", 256n, MIN_SIGNED, 0n), binary("SHR", 0n, MAX, MAX),
  binary("SAR", 1n, MIN_SIGNED, (3n << 254n)), binary("SAR", 255n, MIN_SIGNED, MAX), binary("SAR", 256n, MIN_SIGNED, MAX),
  binary("SAR", 0n, MAX, MAX), binary("SAR", 254n, 1n << 254n, 1n), binary("SAR", 248n, 0x7fn << 249n, neg(2n)), binary("SAR", 256n, 1n << 254n, 0n),
];

describeOpCases("bitwise opcodes", cases);
