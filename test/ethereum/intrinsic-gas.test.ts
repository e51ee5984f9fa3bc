import { describe, expect, it } from "vitest";
import { intrinsicGas, MAX_INITCODE_SIZE } from "../../ts/ethereum/intrinsic-gas";

const bytes = (zeros: number, nonZeros: number): Uint8Array => {
  const b = new Uint8Array(zeros + nonZeros);
  b.fill(0xff, zeros);
  return b;
};
const list = (...keysPerAddress: number[]) => keysPerAddress.map((n) => ({ storageKeys: new Array(n).fill(0) }));

describe("intrinsic gas (Cancun)", () => {
  it.each([
    ["plain transfer", bytes(0, 0), false, [], 21000n],
    ["one zero and one non-zero byte (EIP-2028)", bytes(1, 1), false, [], 21020n],
    ["1 KiB of non-zero calldata", bytes(0, 1024), false, [], 21000n + 16384n],
    ["empty creation", bytes(0, 0), true, [], 53000n],
    ["creation, 32 zero bytes = 1 initcode word", bytes(32, 0), true, [], 53000n + 128n + 2n],
    ["creation, 33 non-zero bytes = 2 initcode words", bytes(0, 33), true, [], 53000n + 528n + 4n],
    ["creation at the initcode limit", bytes(0, MAX_INITCODE_SIZE), true, [], 53000n + 16n * 49152n + 2n * 1536n],
    ["access list: 1 address, no keys", bytes(0, 0), false, list(0), 23400n],
    ["access list: 2 addresses, 3 keys", bytes(0, 0), false, list(1, 2), 21000n + 4800n + 5700n],
    ["everything together", bytes(3, 2), true, list(2), 21000n + 12n + 32n + 32000n + 2n + 2400n + 3800n],
  ])("%s", (_name, data, isCreate, accessList, gas) => {
    expect(intrinsicGas({ data, isCreate, accessList })).toBe(gas);
  });
});
