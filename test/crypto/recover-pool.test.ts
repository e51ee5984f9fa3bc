// RecoverPool (ts/crypto/recover-pool.ts): worker threads (dist/recover-worker.js, built by
// `npm run build`) give the same addresses as in-thread recovery for 0, 1 and many items, failures
// included; shared jobs (begin) read in any order; the in-thread pool; bad arguments; close() rejects
// later calls and is idempotent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { ArgumentError, ZkosError } from "../../ts/errors";
import { RecoverPool } from "../../ts/crypto/recover-pool";
import { recoverAddress, type RecoveryItem } from "../../ts/crypto/secp256k1";
import { bigintToBytes, bytesToHex } from "../../ts/primitives/hex";

const N = secp256k1.Point.Fn.ORDER;

function items(count: number): RecoveryItem[] {
  const out: RecoveryItem[] = [];
  for (let i = 0; i < count; i++) {
    const seed = keccak_256(new TextEncoder().encode(`pool/${i}`));
    const sk = bigintToBytes((BigInt(bytesToHex(seed)) % (N - 1n)) + 1n, 32);
    const hash = keccak_256(seed);
    const sig = secp256k1.Signature.fromBytes(secp256k1.sign(hash, sk, { prehash: false, format: "recovered" }), "recovered");
    out.push({ hash, r: sig.r, s: sig.s, yParity: sig.recovery as 0 | 1 });
  }
  // Failures at known places: r = 0, s ≥ n, x not on the curve (5), r too long.
  out.splice(3, 0, { ...out[0]!, r: 0n });
  out.splice(10, 0, { ...out[1]!, s: N });
  out.splice(20, 0, { ...out[2]!, r: 5n });
  out.splice(30, 0, { ...out[4]!, r: new Uint8Array(40) });
  return out;
}

function inThread(list: readonly RecoveryItem[]): (string | null)[] {
  return list.map((it) => {
    const a = recoverAddress(it.hash, it.r, it.s, it.yParity);
    return a === null ? null : bytesToHex(a);
  });
}

const hexes = (list: (Uint8Array | null)[]): (string | null)[] => list.map((a) => (a === null ? null : bytesToHex(a)));

describe("RecoverPool with two worker threads", () => {
  let pool: RecoverPool;
  const many = items(301);
  beforeAll(async () => {
    pool = await RecoverPool.create(2);
  });
  afterAll(async () => {
    await pool.close();
  });

  it("runs on two threads", () => {
    expect(pool.threads).toBe(2);
  });

  it.each([0, 1, 3, 9, 301])("%i items: same answers as in-thread, in order", async (count) => {
    const list = many.slice(0, count);
    const got = hexes(await pool.recoverAddresses(list));
    expect(got).toEqual(inThread(list));
    expect(got.length).toBe(count);
  });

  it("failures are null at their places", async () => {
    const got = await pool.recoverAddresses(many.slice(0, 40));
    expect([3, 10, 20, 30].map((i) => got[i])).toEqual([null, null, null, null]);
    expect(got.filter((a) => a === null).length).toBe(4);
  });

  it("concurrent batches do not mix", async () => {
    const a = many.slice(0, 50), b = many.slice(50, 120);
    const [ga, gb] = await Promise.all([pool.recoverAddresses(a), pool.recoverAddresses(b)]);
    expect(hexes(ga)).toEqual(inThread(a));
    expect(hexes(gb)).toEqual(inThread(b));
  });

  it("a malformed item is an ArgumentError before anything is sent", async () => {
    await expect(pool.recoverAddresses([{ ...many[0]!, hash: new Uint8Array(5) }])).rejects.toThrow(ArgumentError);
  });

  it.each([0, 1, 2, 301])("begin(%i items): a shared job read in order, last first, or after the workers finish", async (count) => {
    const list = many.slice(0, count);
    const want = inThread(list);
    const inOrder = pool.begin(list);
    expect(inOrder.count).toBe(count);
    expect(hexes(list.map((_, k) => inOrder.address(k)))).toEqual(want);
    const lastFirst = pool.begin(list);
    expect(hexes(list.map((_, k) => lastFirst.address(count - 1 - k)).reverse())).toEqual(want);
    const later = pool.begin(list);
    await new Promise((r) => setTimeout(r, 50));
    expect(hexes(list.map((_, k) => later.address(k)))).toEqual(want);
  });

  it("a job's address() outside the job → ArgumentError; a malformed item → ArgumentError", () => {
    const job = pool.begin(many.slice(0, 3));
    expect(() => job.address(3)).toThrow(ArgumentError);
    expect(() => job.address(-1)).toThrow(ArgumentError);
    expect(() => pool.begin([{ ...many[0]!, yParity: 2 as 0 }])).toThrow(ArgumentError);
  });
});

describe("RecoverPool lifecycle and the in-thread pool", () => {
  it("threads = 0 recovers in-thread with the same answers", async () => {
    const pool = await RecoverPool.create(0);
    expect(pool.threads).toBe(0);
    const list = items(12);
    expect(hexes(await pool.recoverAddresses(list))).toEqual(inThread(list));
    const job = pool.begin(list);
    expect(hexes(list.map((_, k) => job.address(k)))).toEqual(inThread(list));
    await pool.close();
    expect(() => pool.begin(list)).toThrow(ZkosError);
  });

  it("a job whose worker died is finished in the calling thread", async () => {
    const pool = await RecoverPool.create(1);
    const slots = (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots;
    await slots[0]!.worker.terminate();
    const list = items(20);
    const job = pool.begin(list);
    expect(hexes(list.map((_, k) => job.address(k)))).toEqual(inThread(list));
    await pool.close();
  });

  it("one thread works; close() is idempotent and later calls reject", async () => {
    const pool = await RecoverPool.create(1);
    expect(pool.threads).toBe(1);
    const list = items(8);
    expect(hexes(await pool.recoverAddresses(list))).toEqual(inThread(list));
    await pool.close();
    await pool.close();
    await expect(pool.recoverAddresses(list)).rejects.toThrow(ZkosError);
  });

  it("a worker that died rejects its batches instead of hanging", async () => {
    const pool = await RecoverPool.create(1);
    const slots = (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots;
    await slots[0]!.worker.terminate();
    await expect(pool.recoverAddresses(items(8))).rejects.toThrow(/recovery worker exited/);
    await pool.close();
  });

  it.each([-1, 1.5, 1000])("threads = %s → ArgumentError", async (threads) => {
    await expect(RecoverPool.create(threads)).rejects.toThrow(ArgumentError);
  });

  it("a worker script that does not exist → ArgumentError", async () => {
    await expect(RecoverPool.create(1, { workerUrl: new URL("file:///nonexistent/recover-worker.js") })).rejects.toThrow(ArgumentError);
  });
});
