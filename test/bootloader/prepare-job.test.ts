// Transactions prepared ahead (ts/bootloader/prepare-job.ts, in the calling thread here: take()
// claims what no worker has): bodies, reported hashes and the bootloader's tx and signed hashes equal
// the ordinary path's (prepare.ts, zksync/transaction/hashes.ts) for legacy, EIP-2930 (with an access
// list) and EIP-1559 transactions, creations included; what a worker cannot prepare is left to the
// caller (null): an unrecoverable signature, an undecodable transaction.
import { describe, expect, it } from "vitest";
import { PrepareJob } from "../../ts/bootloader/prepare-job";
import { RecoveredSenders, prepareTransactions } from "../../ts/bootloader/prepare";
import { signTransaction, type TransactionFields } from "../../ts/ethereum/transaction";
import { decodeZkTransaction } from "../../ts/zksync/transaction/abi-encoding";
import { parseAccessList } from "../../ts/zksync/transaction/access-list";
import { signedHash, transactionHash } from "../../ts/zksync/transaction/hashes";
import { bytesToHex, hexToBytes } from "../../ts/primitives/hex";

const KEY = hexToBytes("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const TO = hexToBytes("0x00000000000000000000000000000000000b0b01");
const CHAIN = 270n;

function raw(f: Partial<TransactionFields>): Uint8Array {
  return signTransaction({
    type: 2, chainId: CHAIN, nonce: 0n, gasPrice: null, maxFeePerGas: 2_000n, maxPriorityFeePerGas: 1n, maxFeePerBlobGas: 0n, blobVersionedHashes: [],
    gasLimit: 200_000n, to: TO, value: 0n, data: new Uint8Array(0), accessList: [], ...f,
  }, KEY).raw;
}

const RAWS = [
  raw({ nonce: 0n, value: 5n, data: Uint8Array.of(1, 2, 3) }),
  raw({ type: 0, nonce: 1n, gasPrice: 1_000n, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }),
  raw({ type: 1, nonce: 2n, gasPrice: 1_000n, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n, accessList: [{ address: TO, storageKeys: [new Uint8Array(32).fill(7)] }] }),
  raw({ nonce: 3n, to: null, data: new Uint8Array(100).fill(0x60) }),
  // Signed for other chains: the bootloader's signed hash uses the block's chain id, not the signing hash.
  raw({ chainId: 1n, nonce: 4n }),
  raw({ type: 0, chainId: 5n, nonce: 5n, gasPrice: 1_000n, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }),
  raw({ type: 1, chainId: 7n, nonce: 6n, gasPrice: 1_000n, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }),
  // Legacy without EIP-155.
  raw({ type: 0, chainId: null, nonce: 7n, gasPrice: 1_000n, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }),
];
const hex = (b: Uint8Array | null | undefined): string | null => (b === null || b === undefined ? null : bytesToHex(b));

describe("PrepareJob", () => {
  it("prepares like prepareTransactions and hashes like the bootloader", () => {
    const job = PrepareJob.create(RAWS, CHAIN);
    const recovered = new RecoveredSenders();
    const want = prepareTransactions(RAWS.map((r) => ({ kind: "raw" as const, raw: r })), CHAIN, { recovered });
    for (let k = RAWS.length - 1; k >= 0; k--) {
      const got = job.take(k)!;
      expect(got).not.toBeNull();
      expect(hex(got.body)).toBe(hex(want[k]!.body));
      expect(hex(got.rawHash)).toBe(hex(want[k]!.hash));
      const d = decodeZkTransaction(want[k]!.body);
      const access = parseAccessList(d.body, d.layout.reservedDynamic).entries;
      expect(hex(got.txHash)).toBe(hex(transactionHash(d.tx, CHAIN, { body: d.body, accessList: access })));
      expect(hex(got.signedHash)).toBe(hex(signedHash(d.tx, CHAIN, access)));
      expect(hex(got.signature)).toBe(hex(d.tx.signature));
      expect(hex(got.sender)).toBe(hex(d.tx.from));
      expect(hex(recovered.get(got.signingHash, got.signature))).toBe(hex(got.sender));
    }
    // Taking a record again reads the same result.
    expect(hex(job.take(0)!.body)).toBe(hex(want[0]!.body));
  });

  it("reuses a finished job's buffer (every record taken, every worker out) and only then", () => {
    const want = prepareTransactions(RAWS.map((r) => ({ kind: "raw" as const, raw: r })), CHAIN);
    const a = PrepareJob.create(RAWS, CHAIN);
    a.sharedWith(0);
    a.take(0);
    const b = PrepareJob.create(RAWS, CHAIN);
    expect(b.message.prepareJob).not.toBe(a.message.prepareJob);
    b.sharedWith(0);
    const bBodies = RAWS.map((_, k) => b.take(k)!.body);
    const c = PrepareJob.create(RAWS.slice(1), CHAIN);
    expect(c.message.prepareJob).toBe(b.message.prepareJob);
    for (let k = 0; k < RAWS.length - 1; k++) expect(hex(c.take(k)!.body)).toBe(hex(want[k + 1]!.body));
    // Bodies taken from the earlier job are private copies: the buffer's reuse leaves them intact.
    bBodies.forEach((body, k) => expect(hex(body)).toBe(hex(want[k]!.body)));
  });

  it("leaves an unrecoverable signature and an undecodable transaction to the caller", () => {
    const bad = RAWS[0]!.slice();
    bad.fill(0xff, bad.length - 65, bad.length - 33);
    const job = PrepareJob.create([bad, Uint8Array.of(0x02, 0xc0), RAWS[1]!], CHAIN);
    expect(job.take(0)).toBeNull();
    expect(job.take(1)).toBeNull();
    expect(job.take(2)).not.toBeNull();
  });
});
