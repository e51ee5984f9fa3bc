// The live fixture oracle (ts/riscv/fixture-oracle.ts) and the image runner (ts/riscv/zksync-os-run.ts).
// Without the image: the witness-block fixture answers the real block's execution queries word for word
// (../shared/fixtures/zksync-os-witness/queries.json, from which test/helpers/witness-block-fixture.ts
// builds it at run time), its genesis tree (interfaces.md §3) is checked against one folded by hand from
// the real leaves; every fixture's oracle gives, query by query, the answers the image read (the
// committed <name>.witness.hex where there is one, and the witness file's keccak of <name>.expected.json);
// tree/metadata answers and typed errors.
// With ZKSYNC_OS_BIN (the reference image): every fixture of test/fixtures/zksync/reference halts with
// its <name>.expected.json figures, reads every word, and its recorded witness replays identically.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ArgumentError, UnavailableError } from "../../ts/errors";
import { blake2sNode } from "../../ts/crypto/blake2s";
import { parseBlockFixture, type BlockFixture } from "../../ts/bootloader/fixture";
import { decodeBlockMetadata } from "../../ts/oracle/block-metadata";
import { InMemoryState } from "../../ts/oracle/in-memory-state";
import { formatWitness, parseWitness } from "../../ts/oracle/witness-file";
import { splitWitness, witnessFromQueries } from "../../ts/oracle/query-framing";
import { keccak256 } from "../../ts/crypto/keccak";
import { decodeLeafProofWords, decodeIoImplementerInitWords, bytes32FromWords } from "../../ts/storage/tree-words";
import { emptySubtreeHash, foldPath, leafHash } from "../../ts/storage/merkle";
import { bytesToHex } from "../../ts/primitives/hex";
import { fixtureOracle, OracleQueryError, oracleResponder } from "../../ts/riscv/fixture-oracle";
import { LiveOracleSource } from "../../ts/riscv/live-oracle";
import { RiscvMachine } from "../../ts/riscv/machine";
import { WitnessSource } from "../../ts/riscv/nondeterminism";
import type { OracleQuery } from "../../ts/riscv/oracle-queries";
import { publicInputFromWords, runZksyncOsImage } from "../../ts/riscv/zksync-os-run";
import { expectedOfRun, type ExpectedRun } from "../fixtures/zksync/reference/expected";
import * as a from "../helpers/rv32";
import { loadWitnessBlockFixture, realWitnessQueries } from "../helpers/witness-block-fixture";

const REFERENCE = fileURLToPath(new URL("../fixtures/zksync/reference/", import.meta.url));
const real = { queries: realWitnessQueries() };
const words = (hex: readonly string[]) => hex.map((h) => parseInt(h, 16));
const hex8 = (n: number) => n.toString(16).padStart(8, "0");

/** Fixtures built from ../shared at run time (never committed); every other one is <name>.json. */
const BUILT: Readonly<Record<string, () => BlockFixture>> = { "witness-block": loadWitnessBlockFixture };
const fixtureJson = (name: string): unknown => JSON.parse(readFileSync(join(REFERENCE, `${name}.json`), "utf8"));
const loadFixture = (name: string): BlockFixture => BUILT[name]?.() ?? parseBlockFixture(fixtureJson(name), name);
/** The committed witness of a fixture; null for one built from ../shared, whose witness is pinned by its keccak only. */
function committedWitness(name: string): Uint32Array | null {
  const file = join(REFERENCE, `${name}.witness.hex`);
  return existsSync(file) ? parseWitness(readFileSync(file, "utf8")) : null;
}
const witnessFileKeccak = (witness: ArrayLike<number>): string => bytesToHex(keccak256(new TextEncoder().encode(formatWitness(witness))));
const FIXTURE_NAMES = readdirSync(REFERENCE).filter((f) => f.endsWith(".expected.json")).map((f) => f.slice(0, -".expected.json".length)).sort();

function query(id: number, params: readonly number[] = [], firstReadIndex = 0): OracleQuery {
  return { id, name: `q${id}`, params: [...params], firstReadIndex };
}

describe("fixture oracle: the witness-block fixture against the real block's queries", () => {
  it("answers every query up to the last NextTxSize exactly as the real host did", () => {
    const { responder } = fixtureOracle(loadFixture("witness-block"));
    const lastExecution = real.queries.findIndex((q, i) => i > 1 && q.id === 0);
    expect(lastExecution).toBe(10);
    for (const q of real.queries.slice(0, lastExecution + 1)) {
      expect([q.name, Array.from(responder(query(q.id, words(q.params)))).map(hex8)]).toEqual([q.name, q.response]);
    }
  });

  it("InitializeIOImplementer: the genesis tree of the two real leaves, folded by hand", () => {
    const { responder } = fixtureOracle(loadFixture("witness-block"));
    // Flat keys and account hashes as the real image used them: ExactIndex params (its writes, in
    // storage-cache order: 0x8001's account, which got the fees, then the sender's) and slot values.
    expect([12, 20].map((i) => real.queries[i]!.name)).toEqual(["ExactIndex", "ExactIndex"]);
    const bootloaderKey = bytes32FromWords(words(real.queries[12]!.params), 0);
    const senderKey = bytes32FromWords(words(real.queries[20]!.params), 0);
    const senderHash = bytes32FromWords(words(real.queries[4]!.response), 2);
    const bootloaderHash = bytes32FromWords(words(real.queries[6]!.response), 2);
    expect(senderKey[0]! < bootloaderKey[0]!).toBe(true);
    const leaves = [
      { key: new Uint8Array(32), value: new Uint8Array(32), next: 2 },
      { key: new Uint8Array(32).fill(0xff), value: new Uint8Array(32), next: 1 },
      { key: senderKey, value: senderHash, next: 3 },
      { key: bootloaderKey, value: bootloaderHash, next: 1 },
    ];
    let level = leaves.map(leafHash);
    for (let h = 0; h < 64; h++) {
      const up: Uint8Array[] = [];
      for (let i = 0; i < level.length; i += 2) up.push(blake2sNode(level[i]!, level[i + 1] ?? emptySubtreeHash(h)));
      level = up;
    }
    const init = decodeIoImplementerInitWords(responder(query(2)), 0, "answer");
    expect(bytesToHex(init.stateRoot)).toBe(bytesToHex(level[0]!));
    expect(init).toMatchObject({ nextFreeSlot: 4, numPubdataDiffsLogs: 0, blockFunctionalityIsCompleted: false });
    expect(init.pubdataDiffsLogHash).toEqual(new Uint8Array(32));

    const keyParam = (k: Uint8Array) => Array.from(new Uint32Array(k.slice().buffer));
    expect(Array.from(responder(query(9, keyParam(senderKey))))).toEqual([2, 0]);
    expect(Array.from(responder(query(9, keyParam(bootloaderKey))))).toEqual([3, 0]);
    // The real block's new keys: the coinbase's account (between the two) and the recipient's (below both).
    expect(Array.from(responder(query(8, words(real.queries[14]!.params))))).toEqual([2, 0]);
    expect(Array.from(responder(query(8, words(real.queries[17]!.params))))).toEqual([0, 0]);
    for (let index = 0; index < 5; index++) {
      const proof = decodeLeafProofWords(responder(query(7, [index, 0])), 0, `proof ${index}`);
      const leaf = leaves[index] ?? { key: new Uint8Array(32), value: new Uint8Array(32), next: 0 };
      expect(proof.index).toBe(index);
      expect(proof.leaf).toEqual(leaf);
      expect(bytesToHex(foldPath(proof))).toBe(bytesToHex(level[0]!));
    }
  });
});

describe("fixture oracle: the answers the reference image read on our fixtures", () => {
  it.each(FIXTURE_NAMES)("%s: our oracle's answers to the image's queries, in order, are the witness the image read", (name) => {
    const expected = JSON.parse(readFileSync(join(REFERENCE, `${name}.expected.json`), "utf8")) as ExpectedRun;
    const o = fixtureOracle(loadFixture(name));
    expect(bytesToHex(o.state.tree.root)).toBe(expected.stateRootBefore);
    expect(o.state.tree.nextFreeSlot).toBe(expected.nextFreeSlotBefore);
    const ours = expected.queries.map((q) => {
      const params = (q.params.match(/.{8}/g) ?? []).map((h) => parseInt(h, 16));
      return { id: q.id, params, response: q.id === 6 ? [] : Array.from(o.responder(query(q.id, params))) };
    });
    const committed = committedWitness(name);
    if (committed !== null) {
      const answers = splitWitness(committed);
      expect(answers).toHaveLength(expected.queries.length);
      ours.forEach((q, i) => expect([i, q.id, q.response.map(hex8)]).toEqual([i, q.id, Array.from(answers[i]!.words).map(hex8)]));
    }
    const witness = witnessFromQueries(ours);
    expect(witness.length).toBe(expected.witnessWords);
    expect(witnessFileKeccak(witness)).toBe(expected.witnessFileKeccak256);
  });
});

describe("fixture oracle: answers and errors", () => {
  it("metadata: the block's fields, its previous hashes then zeros, prevRandao as mix hash", () => {
    const f = loadFixture("empty-block");
    const m = decodeBlockMetadata(fixtureOracle(f).responder(query(3)));
    expect(m).toMatchObject({
      eip1559BaseFee: 1000n, gasPerPubdata: 1n, nativePrice: 10n, blockNumber: 7n, timestamp: 1_700_000_000n,
      chainId: 270n, gasLimit: 100_000_000n, mixHash: 1n,
    });
    expect(m.coinbase).toEqual(new Uint8Array(20));
    expect(m.blockHashes.slice(0, 3)).toEqual([BigInt("0x" + "11".repeat(32)), BigInt("0x" + "22".repeat(32)), 0n]);
    expect(m.blockHashes.filter((h) => h !== 0n)).toHaveLength(2);
    const previous = [new Uint8Array(32).fill(7)];
    const noHashes = { ...f, blocks: [{ ...f.blocks[0]!, blockHashes: null }] };
    expect(fixtureOracle(noHashes, { previousBlockHashes: previous }).metadata.blockHashes.slice(0, 2)).toEqual([BigInt("0x" + "07".repeat(32)), 0n]);
  });

  it("transactions: sizes and bodies in order, then size 0; a body past the end is an error", () => {
    const o = fixtureOracle(loadFixture("several-txs"));
    expect(o.transactions).toHaveLength(4);
    for (const t of o.transactions) {
      expect(Array.from(o.responder(query(0)))).toEqual([t.body.length, 0]);
      const body = o.responder(query(1));
      expect(body.length).toBe(t.body.length / 4);
      expect(new Uint8Array(body.buffer, body.byteOffset, t.body.length)).toEqual(t.body);
    }
    expect(Array.from(o.responder(query(0)))).toEqual([0, 0]);
    expect(() => o.responder(query(1))).toThrow(/NewTxContent.*no transaction left/);
  });

  it("storage slots: existing value, zero value of a new slot; preimages by Blake2s hash", () => {
    const o = fixtureOracle(loadFixture("contract-storage"));
    const counter = [0xc0de0001, 0, 0, 0, 0, 0];
    expect(Array.from(o.responder(query(4, [...counter, 0, 0, 0, 0, 0, 0, 0, 0])))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0x0500_0000]);
    expect(Array.from(o.responder(query(4, [...counter, 0, 0, 0, 0, 0, 0, 0, 0x0100_0000])))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const code = o.state.code("0x00000000000000000000000000000000c0de0001");
    const hash = o.state.account("0x00000000000000000000000000000000c0de0001").bytecodeHash;
    const answer = o.responder(query(5, Array.from(new Uint32Array(hash.slice().buffer))));
    expect(answer.length).toBe(2 * Math.ceil(code.length / 8));
    expect(new Uint8Array(answer.buffer, answer.byteOffset, code.length)).toEqual(code);
  });

  it.each([
    ["an unknown id", query(0x42, [], 17), /^oracle query id 0x42 at cycle 1234, read 17: no such query/],
    ["HashToPrime (not served)", query(0x100), /HashToPrime \(id 0x100\).*no such query/],
    ["an unknown preimage", query(5, [1, 2, 3, 4, 5, 6, 7, 8]), /PreimageContentWords \(id 0x5\) at cycle 1234.*unknown preimage/],
    ["ExactIndex of an absent key", query(9, [1, 2, 3, 4, 5, 6, 7, 8]), /ExactIndex \(id 0x9\).*not in the tree/],
    ["a wrong parameter count", query(4, [1, 2, 3]), /InitialStorageSlotData \(id 0x4\).*expected 14 words, got 3/],
    ["a B160 with a non-zero top word", query(4, [0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0]), /B160 top word must be 0/],
  ])("%s → OracleQueryError naming the query and the cycle", (_, q, message) => {
    const responder = oracleResponder(InMemoryState.empty().oracle(fixtureOracle(loadFixture("empty-block")).metadata), () => 1234);
    let error: unknown;
    try {
      responder(q);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OracleQueryError);
    expect((error as Error).message).toMatch(message);
    expect((error as OracleQueryError).queryId).toBe(q.id);
    expect((error as OracleQueryError).cycle).toBe(1234);
  });

  it("an unknown query stops the machine's run with OracleQueryError at the guest's cycle", () => {
    const o = fixtureOracle(loadFixture("empty-block"), { cycle: () => m.cycles });
    const m: RiscvMachine = new RiscvMachine({ source: new LiveOracleSource(o.responder) });
    const W = (rs1: number) => a.csrrw(0, 0x7c0, rs1);
    m.load(a.program(...a.li(5, 0x42), W(5), W(9), a.csrrw(10, 0x7c0, 0), a.halt()));
    expect(() => m.run(1000)).toThrow(/oracle query id 0x42 at cycle 4, read 0/);
  });

  it("a later block needs the state the earlier ones leave; a block index outside the fixture is an argument error", () => {
    const f = loadFixture("empty-block");
    const two = { ...f, blocks: [f.blocks[0]!, { ...f.blocks[0]!, number: 8n }] };
    expect(() => fixtureOracle(two, { blockIndex: 1 })).toThrow(UnavailableError);
    expect(fixtureOracle(two, { blockIndex: 1, preState: InMemoryState.empty() }).metadata.blockNumber).toBe(8n);
    expect(() => fixtureOracle(f, { blockIndex: 1 })).toThrow(ArgumentError);
  });

  it("publicInputFromWords: x10..x17 little-endian (the real block's words give its public input)", () => {
    const w = [3800438108, 1023887067, 3607647966, 231699874, 1144758469, 920918266, 1779583590, 1381567277];
    expect(bytesToHex(publicInputFromWords(w))).toBe("0x5c1586e2db46073dde5608d7a275cf0dc5a03b44fa18e436664a126a2d0b5952");
  });
});

const image = process.env.ZKSYNC_OS_BIN;
const haveImage = image !== undefined && existsSync(image);
const HOW = "set ZKSYNC_OS_BIN to zksync_os/app.bin of matter-labs/zksync-os at commit 0a82da0 to run it";
if (!haveImage) console.warn(`fixture-oracle.test.ts: the reference-image runs are skipped: ${HOW}`);

describe.skipIf(!haveImage)(`the reference image on our fixtures (${image ?? HOW})`, () => {
  const imageBytes = haveImage ? new Uint8Array(readFileSync(image!)) : new Uint8Array(0);

  it.each(FIXTURE_NAMES)("%s: halts with the expected public input and cycles, reads every word, the witness replays", (name) => {
    const run = runZksyncOsImage(imageBytes, loadFixture(name));
    expect(run.trap).toBeUndefined();
    expect(run.status).toBe("halted");
    expect(run.stats.readsPastEnd).toBe(0);
    expect(run.queries.at(-1)!.id).toBe(6);
    const expected = JSON.parse(readFileSync(join(REFERENCE, `${name}.expected.json`), "utf8")) as ExpectedRun;
    // expectedOfRun holds the witness file's keccak, so this pins the witness of a fixture with no committed file too.
    expect(expectedOfRun(run)).toEqual(expected);
    const committed = committedWitness(name);
    if (committed !== null) expect(Array.from(run.witness)).toEqual(Array.from(committed));

    const replay = new RiscvMachine({ source: new WitnessSource(run.witness) });
    replay.load(imageBytes);
    expect(replay.run(1 << 28)).toMatchObject({ status: "halted", cycles: run.cycles });
    expect(Array.from(replay.registers().subarray(10, 18))).toEqual(run.publicInputWords);
    expect(replay.stats()).toMatchObject({ witnessWordsLeft: 0, readsPastEnd: 0, witnessWordsRead: run.witness.length });
  });

  it("witness-block: the image asks the real block's execution queries, in order, with the same parameters", () => {
    const run = runZksyncOsImage(imageBytes, loadFixture("witness-block"));
    const asked = run.queries.slice(0, 11).map((q) => [q.id, q.params.map(hex8)]);
    expect(asked).toEqual(real.queries.slice(0, 11).map((q) => [q.id, q.params]));
    expect(run.nextFreeSlotBefore).toBe(4);
  });

  it("zkos riscv --fixture --witness-out, then --witness: the same public input and cycles (dist/cli.js)", () => {
    const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), "zkos-fixture-oracle-"));
    const w = join(dir, "w.hex");
    const cli = (...argv: string[]) => spawnSync(process.execPath, [bin, "riscv", image!, ...argv, "--json"], { encoding: "utf8" });
    const live = cli("--fixture", join(REFERENCE, "eth-transfer.json"), "--witness-out", w);
    expect(live.status).toBe(0);
    const a1 = JSON.parse(live.stdout);
    const expected = JSON.parse(readFileSync(join(REFERENCE, "eth-transfer.expected.json"), "utf8")) as ExpectedRun;
    expect(a1).toMatchObject({ halted: true, cycles: expected.cycles, publicInput: expected.publicInput, stateRootBefore: expected.stateRootBefore });
    expect(parseWitness(readFileSync(w, "utf8"))).toHaveLength(expected.witnessWords);
    const replay = cli("--witness", w);
    expect(replay.status).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ halted: true, cycles: expected.cycles, output: a1.output, witnessWordsLeft: 0 });
  });
});
