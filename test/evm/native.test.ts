// Double accounting (zksync-os-reference.md §6.1, §6.6): every instruction charges native from
// the traits table (STEP 20 + the opcode's cost) besides its ergs; memory growth, copies and
// KECCAK256 add their dynamic native. Running out of native is its own halt, and a frame's
// native flows to its callees whole and back.
import { describe, expect, it } from "vitest";
import { WorldState } from "../../ts/state/world-state";
import { Runner } from "../../ts/bootloader/runner";
import { beginEthereumTransaction } from "../../ts/bootloader/warm-up";
import { precompilesFor } from "../../ts/hooks/precompiles/registry";
import { UNLIMITED_NATIVE } from "../../ts/ee/ee";
import { op, push, bytes, call } from "../helpers/bytecode";
import { BLOCK, CONTRACT, OTHER, SENDER } from "../helpers/evm";

function runNative(code: string, native: bigint, accounts: Record<string, { code: Uint8Array }> = {}) {
  const state = WorldState.fromAlloc({ [SENDER]: { balance: 10n ** 18n }, [CONTRACT]: { code: bytes(code) }, ...accounts });
  const precompiles = precompilesFor("ethereum");
  const runner = new Runner({ state, precompiles, block: BLOCK, tx: { origin: SENDER, gasPrice: 1n, blobHashes: [] } });
  beginEthereumTransaction(state, { origin: SENDER, target: CONTRACT, coinbase: BLOCK.coinbase, precompiles });
  return runner.run({ caller: SENDER, to: CONTRACT, value: 0n, data: new Uint8Array(0), gas: 1_000_000n, native });
}

// STEP + opcode native cost
const N = { PUSH1: 80n, ADD: 160n, STOP: 20n, MSTORE: 270n, KECCAK256: 110n, CALL: 1520n, POP: 60n, JUMPDEST: 60n, JUMP: 90n, PUSH0: 70n };

describe("native accounting", () => {
  it("charges STEP + the table cost per instruction", () => {
    const r = runNative(push(1) + push(2) + op.ADD + op.STOP, 10_000n);
    expect(r.status).toBe("success");
    expect(r.nativeLeft).toBe(10_000n - (N.PUSH1 * 2n + N.ADD + N.STOP));
  });

  it("adds 35 + 1 per new byte for memory growth", () => {
    const r = runNative(push(1) + push(0) + op.MSTORE, 10_000n);
    expect(r.nativeLeft).toBe(10_000n - (N.PUSH1 * 2n + N.MSTORE + 35n + 32n + N.STOP));
  });

  it("adds the system keccak cost: 2,500 + 17,500 per started 136-byte block", () => {
    const r = runNative(push(137) + push(0) + op.KECCAK256, 1_000_000n);
    const memory = 35n + 160n;
    expect(r.nativeLeft).toBe(1_000_000n - (N.PUSH1 * 2n + N.KECCAK256 + memory + 2500n + 2n * 17500n + N.STOP));
  });

  it("runs out of native as its own halt, consuming the gas", () => {
    const loop = op.JUMPDEST + op.PUSH0 + op.JUMP;
    const r = runNative(loop, 5_000n);
    expect(r.status).toBe("error");
    expect(r.error).toBe("OutOfNative");
    expect(r.gasLeft).toBe(0n);
    expect(r.nativeLeft).toBe(0n);
  });

  it("hands all native to a callee and gets the rest back", () => {
    const callee = { [OTHER]: { code: bytes(push(1) + op.STOP) } };
    const code = call("CALL", { gas: 0xffff, to: OTHER }) + op.POP;
    const r = runNative(code, 100_000n, callee);
    // five PUSH1, PUSH20 (240 + 20), PUSH2 (120 + 20), CALL, the callee's PUSH1 + STOP, POP, STOP
    const used = N.PUSH1 * 5n + 260n + 140n + N.CALL + (N.PUSH1 + N.STOP) + N.POP + N.STOP;
    expect(100_000n - r.nativeLeft).toBe(used);
    expect(UNLIMITED_NATIVE - runNative(code, UNLIMITED_NATIVE, callee).nativeLeft).toBe(used);
  });

  it("a callee that exhausts native fails its callers up to the top", () => {
    const callee = { [OTHER]: { code: bytes(op.JUMPDEST + op.PUSH0 + op.JUMP) } };
    const r = runNative(call("CALL", { gas: 0xffff, to: OTHER }) + op.POP + op.STOP, 50_000n, callee);
    expect(r.error).toBe("OutOfNative");
  });
});
