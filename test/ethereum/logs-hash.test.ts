import { describe, expect, it } from "vitest";
import { RLP } from "@ethereumjs/rlp";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { encodeLogs, logsHash } from "../../ts/ethereum/logs-hash";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { ArgumentError } from "../../ts/errors";

const addr = hexToBytes("0x" + "11".repeat(20));
const topic = (b: number): Uint8Array => new Uint8Array(32).fill(b);

describe("logs hash", () => {
  it("of no logs is keccak256(RLP([])), as the state tests' empty `logs`", () => {
    expect(bytesToHex(logsHash([]))).toBe("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
  });

  it.each([
    ["one LOG0 without data", [{ address: addr, topics: [], data: new Uint8Array(0) }]],
    [
      "LOG4 and LOG1 with data over 55 bytes",
      [
        { address: addr, topics: [topic(1), topic(2), topic(3), topic(4)], data: new Uint8Array(100).fill(7) },
        { address: hexToBytes("0x" + "ab".repeat(20)), topics: [topic(0)], data: new Uint8Array([0]) },
      ],
    ],
  ])("matches an independent RLP + keccak for %s", (_name, logs) => {
    const reference = RLP.encode(logs.map((l) => [l.address, l.topics, l.data]));
    expect(encodeLogs(logs)).toEqual(reference);
    expect(logsHash(logs)).toEqual(keccak_256(reference));
  });

  it("rejects malformed records", () => {
    expect(() => logsHash([{ address: new Uint8Array(19), topics: [], data: new Uint8Array(0) }])).toThrow(ArgumentError);
    expect(() => logsHash([{ address: addr, topics: [new Uint8Array(31)], data: new Uint8Array(0) }])).toThrow(ArgumentError);
  });
});
