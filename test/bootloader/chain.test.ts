// The library API (ts/chain.ts): a chain from a pre-state, blocks run and committed, account and
// storage reads, calls simulated without committing, block hashes carried between blocks, sender
// recovery ahead through RecoverPool, under the zksync-os and ethereum profiles.
import { describe, expect, it } from "vitest";
import { Chain, type BlockResult } from "../../ts/chain";
import { RecoverPool } from "../../ts/crypto/recover-pool";
import { addressFromSecretKey, signTransaction, type TransactionFields } from "../../ts/ethereum/transaction";
import { parseBlockSpec, type BlockSpec } from "../../ts/bootloader/fixture";
import { runBlockJson } from "../../ts/bootloader/result-json";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";
import { createAddress } from "../../ts/ee/evm/create-address";
import { ERC20_RUNTIME, balanceOfCalldata, erc20Initcode, transferCalldata } from "../../bench/erc20";
import { BLOCKHASH_READER } from "../fixtures/zksync/contracts";

const KEY = hexToBytes("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const ME = bytesToHex(addressFromSecretKey(KEY));
const YOU = "0x00000000000000000000000000000000000b0b01";
const TOKEN = "0x0000000000000000000000000000000000e2c020";
const READER = "0x00000000000000000000000000000000000bead1";
const ETHER = 10n ** 18n;

function tx(f: Partial<TransactionFields> & Pick<TransactionFields, "nonce">): string {
  return bytesToHex(signTransaction({
    type: 2, chainId: 270n, gasPrice: null, maxFeePerGas: 2_000n, maxPriorityFeePerGas: 1n, maxFeePerBlobGas: 0n, blobVersionedHashes: [],
    gasLimit: 200_000n, to: null, value: 0n, data: new Uint8Array(0), accessList: [], ...f,
  }, KEY).raw);
}

function spec(number: number, transactions: string[], extra: Record<string, unknown> = {}): BlockSpec {
  return parseBlockSpec({ number, timestamp: 1000 + number, baseFee: "0x3e8", nativePrice: "0xa", transactions, ...extra });
}

const alloc = {
  [ME]: { balance: ETHER },
  [TOKEN]: { code: bytesToHex(ERC20_RUNTIME), storage: new Map([[BigInt(ME), 500n]]) },
  [READER]: { code: BLOCKHASH_READER },
};

describe.each(["zksync-os", "ethereum"] as const)("Chain under %s", (profile) => {
  const chain = Chain.fromFixtureState(alloc, { profile, chainId: 270 });
  const r1 = chain.runBlock(spec(1, [tx({ nonce: 0n, to: hexToBytes(TOKEN), data: transferCalldata(hexToBytes(YOU), 120n) }), tx({ nonce: 1n, to: hexToBytes(YOU), value: 5n })]));

  it("runs and commits a block: results, nonces, balances, storage", () => {
    expect(r1.transactions.map((t) => t.status)).toEqual(["success", "success"]);
    const me = chain.account(ME);
    expect(me.nonce).toBe(2n);
    // zksync-os charges gas price = base fee + tip (no burn); ethereum the same price (the tip to the coinbase).
    const fees = r1.transactions.reduce((s, t) => s + t.gasUsed, 0n) * 1_001n;
    expect(me.balance).toBe(ETHER - fees - 5n);
    expect(chain.account(YOU).balance).toBe(5n);
    expect(chain.storage(TOKEN, ME)).toBe(380n);
    expect(chain.storage(TOKEN, BigInt(YOU))).toBe(120n);
    expect(chain.account(TOKEN).code).toEqual(ERC20_RUNTIME);
  });

  it("simulates calls on the committed state without changing it", () => {
    const before = { me: chain.account(ME), slot: chain.storage(TOKEN, ME) };
    const q = chain.call({ from: YOU, to: TOKEN, data: balanceOfCalldata(hexToBytes(ME)) });
    expect(q.status).toBe("success");
    expect(BigInt(bytesToHex(q.returnData))).toBe(380n);
    const t = chain.call({ from: ME, to: TOKEN, data: transferCalldata(hexToBytes(YOU), 10n) });
    expect(t.status).toBe("success");
    expect(t.logs).toHaveLength(1);
    const tooMuch = chain.call({ from: YOU, to: TOKEN, data: transferCalldata(hexToBytes(ME), 121n) });
    expect(tooMuch.status).toBe("revert");
    const deploy = chain.call({ from: ME, data: erc20Initcode(7n) });
    expect(deploy.status).toBe("success");
    expect(deploy.contractAddress).toBe(createAddress(ME, 2n));
    expect(chain.account(ME)).toEqual(before.me);
    expect(chain.storage(TOKEN, ME)).toBe(before.slot);
    expect(chain.account(createAddress(ME, 2n)).code).toHaveLength(0);
  });

  it("takes the previous blocks' hashes from the chain when a block omits them", () => {
    const r2 = chain.runBlock(spec(2, [tx({ nonce: 2n, to: hexToBytes(READER) })]));
    const r3 = chain.runBlock(spec(3, [tx({ nonce: 3n, to: hexToBytes(READER) })]));
    expect(chain.blockHash(1n)).toEqual(r1.hash);
    expect(chain.blockHash(3n)).toEqual(r3.hash);
    expect(chain.storage(READER, 0n)).toBe(BigInt(bytesToHex(r2.hash)));
    expect(chain.storage(READER, 1n)).toBe(BigInt(bytesToHex(r1.hash)));
    expect(chain.storage(READER, 2n)).toBe(3n);
  });

  it("a block that lists its hashes uses them", () => {
    const given = "0x" + "ab".repeat(32);
    chain.runBlock(spec(5, [tx({ nonce: 4n, to: hexToBytes(READER) })], { blockHashes: [given] }));
    expect(chain.storage(READER, 0n)).toBe(BigInt(given));
    expect(chain.storage(READER, 1n)).toBe(0n);
  });
});

describe("sender recovery ahead", () => {
  it("runBlockWithPool gives runBlock's results (in-thread pool)", async () => {
    const block = spec(1, [tx({ nonce: 0n, to: hexToBytes(YOU), value: 1n }), tx({ nonce: 1n, to: hexToBytes(TOKEN), data: transferCalldata(hexToBytes(YOU), 1n) })]);
    const a = Chain.fromFixtureState(alloc, { chainId: 270 });
    const b = Chain.fromFixtureState(alloc, { chainId: 270 });
    const pool = await RecoverPool.create(0);
    const ra: BlockResult = a.runBlock(block);
    const rb: BlockResult = await b.runBlockWithPool(block, pool);
    await pool.close();
    expect(runBlockJson([rb])).toEqual(runBlockJson([ra]));
    expect(rb.transactions.map((t) => t.status)).toEqual(["success", "success"]);
  });

  it("runBlockWithPool with a worker gives runBlock's results; a signature that recovers nothing is an InputError", async () => {
    const txs = [tx({ nonce: 0n, to: hexToBytes(YOU), value: 1n }), tx({ nonce: 1n, to: hexToBytes(TOKEN), data: transferCalldata(hexToBytes(YOU), 1n) }), tx({ nonce: 2n, to: hexToBytes(YOU), value: 2n })];
    const block = spec(1, txs);
    const a = Chain.fromFixtureState(alloc, { chainId: 270 });
    const b = Chain.fromFixtureState(alloc, { chainId: 270 });
    const pool = await RecoverPool.create(1);
    const ra: BlockResult = a.runBlock(block);
    const rb: BlockResult = await b.runBlockWithPool(block, pool);
    expect(runBlockJson([rb])).toEqual(runBlockJson([ra]));
    // r := 2^256 − 1 (≥ n, the RLP stays canonical): the last transaction's sender cannot be recovered.
    const bad = hexToBytes(txs[2]!);
    bad.fill(0xff, bad.length - 65, bad.length - 33);
    const c = Chain.fromFixtureState(alloc, { chainId: 270 });
    await expect(c.runBlockWithPool(spec(1, [txs[0]!, bytesToHex(bad)]), pool)).rejects.toThrow(/no public key recovers/);
    await pool.close();
  });
});

describe("Chain.fromFixture", () => {
  it("parses a fixture and returns its blocks", () => {
    const { chain, blocks } = Chain.fromFixture({ chainId: 9, state: { [ME]: { balance: "0x1" } }, blocks: [{ number: 1, timestamp: 2 }] });
    expect(chain.profile).toBe("zksync-os");
    expect(chain.chainId).toBe(9n);
    expect(blocks).toHaveLength(1);
    expect(chain.account(ME).balance).toBe(1n);
  });
});
