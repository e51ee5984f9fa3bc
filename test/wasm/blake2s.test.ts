// Blake2s-256 kernel and API (as/blake2s/, ts/crypto/blake2s.ts): RFC 7693 vectors, differential
// against @noble/hashes, incremental and interleaved hashers, the Merkle node hash, and the CSR 0x7C7
// single-round delegation (riscv-machine.md §2.2) against full compressions and one-shot hashes.
import { blake2s as nobleBlake2s } from "@noble/hashes/blake2.js";
import { describe, expect, it } from "vitest";
import { ArgumentError, ZkosError } from "../../ts/errors";
import { BLAKE2S_DIGEST_LEN, Blake2s256, blake2s256, blake2s256Into, blake2sNode, blake2sNodeInto } from "../../ts/crypto/blake2s";
import { wasm } from "../../ts/wasm";
import { randomBytes, randomInts, hex, ascii } from "../helpers/bytes";

describe("blake2s256: known answers (RFC 7693)", () => {
  it.each([
    { name: "Appendix B, \"abc\"", input: ascii("abc"), digest: "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982" },
    { name: "empty string", input: new Uint8Array(0), digest: "69217a3079908094e11121d042354a7c1f55b6482ca1a51e1b250dfd1ed0eef9" },
  ])("$name", ({ input, digest }) => {
    expect(hex(blake2s256(input))).toBe(digest);
    const h = new Blake2s256();
    expect(hex(h.update(input).digest())).toBe(digest);
  });
});

describe("blake2s256: differential against @noble/hashes", () => {
  const mailboxLen = wasm().mailboxLen;
  const lengths = [
    0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 129,
    ...randomInts(12, 5000, 7).map((n) => n + 130),
    mailboxLen - 1, mailboxLen, mailboxLen + 1, mailboxLen + 64, 3 * mailboxLen + 17,
    1 << 20,
  ];
  it.each(lengths.map((len, i) => ({ len, seed: 1000 + i })))("length $len", ({ len, seed }) => {
    const data = randomBytes(len, seed);
    const expected = hex(nobleBlake2s(data));
    expect(hex(blake2s256(data))).toBe(expected);
    const out = new Uint8Array(BLAKE2S_DIGEST_LEN + 9).fill(0xaa);
    blake2s256Into(data, out, 5);
    expect(hex(out.subarray(5, 5 + BLAKE2S_DIGEST_LEN))).toBe(expected);
    expect([...out.subarray(0, 5), ...out.subarray(5 + BLAKE2S_DIGEST_LEN)]).toEqual([0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa]);
  });

  it("hashes a view into a larger buffer by its own bytes only", () => {
    const backing = randomBytes(300, 3);
    const view = backing.subarray(17, 17 + 129);
    expect(hex(blake2s256(view))).toBe(hex(nobleBlake2s(view)));
  });
});

describe("Blake2s256: incremental", () => {
  it.each([
    { name: "3000 bytes, random splits", len: 3000, seed: 11, pieces: 25 },
    { name: "block-sized data, random splits", len: 640, seed: 12, pieces: 40 },
    { name: "300 KiB, a few pieces larger than the mailbox", len: 300 * 1024, seed: 13, pieces: 4 },
  ])("$name", ({ len, seed, pieces }) => {
    const data = randomBytes(len, seed);
    const cuts = [0, ...randomInts(pieces, len + 1, seed + 1).sort((a, b) => a - b), len];
    const h = new Blake2s256();
    for (let i = 1; i < cuts.length; i++) h.update(data.subarray(cuts[i - 1], cuts[i]));
    expect(hex(h.digest())).toBe(hex(nobleBlake2s(data)));
  });

  it("gives the same digest for every single split point of a 200-byte message", () => {
    const data = randomBytes(200, 14);
    const expected = hex(nobleBlake2s(data));
    for (let cut = 0; cut <= data.length; cut++) {
      const h = new Blake2s256();
      h.update(data.subarray(0, cut)).update(data.subarray(cut));
      expect(hex(h.digest()), `cut at ${cut}`).toBe(expected);
    }
  });

  it("keeps interleaved hashers independent", () => {
    const a = randomBytes(1000, 21);
    const b = randomBytes(777, 22);
    const ha = new Blake2s256();
    const hb = new Blake2s256();
    for (let i = 0; i < 1000; i += 100) {
      ha.update(a.subarray(i, i + 100));
      hb.update(b.subarray(Math.min(i, 777), Math.min(i + 100, 777)));
    }
    expect(hex(hb.digest())).toBe(hex(nobleBlake2s(b)));
    expect(hex(ha.digest())).toBe(hex(nobleBlake2s(a)));
  });

  it("keeps 40 live hashers independent, with short and chunked one-shots in between", () => {
    const msgs = Array.from({ length: 40 }, (_, i) => randomBytes(50 + i * 37, 100 + i));
    const big = randomBytes(wasm().mailboxLen * 2 + 5, 99);
    const hashers = msgs.map(() => new Blake2s256());
    for (let step = 0; step < 4; step++) {
      msgs.forEach((m, i) => {
        const q = Math.ceil(m.length / 4);
        hashers[i]!.update(m.subarray(step * q, (step + 1) * q));
        if (i === step) expect(hex(blake2s256(big))).toBe(hex(nobleBlake2s(big)));
      });
      expect(hex(blake2s256(msgs[step]!))).toBe(hex(nobleBlake2s(msgs[step]!)));
    }
    hashers.forEach((h, i) => expect(hex(h.digest()), `hasher ${i}`).toBe(hex(nobleBlake2s(msgs[i]!))));
  });

  it("finishes a hasher that another one displaced, in either order", () => {
    const a = randomBytes(150, 23);
    const b = randomBytes(70, 24);
    const ha = new Blake2s256().update(a.subarray(0, 90));
    const hb = new Blake2s256().update(b);
    expect(hex(ha.update(a.subarray(90)).digest())).toBe(hex(nobleBlake2s(a)));
    expect(hex(hb.digest())).toBe(hex(nobleBlake2s(b)));
  });

  it("interleaves two state records in WASM memory (the AS API AS callers use)", () => {
    const w = wasm();
    const e = w.exports;
    const [sa, sb, dataPtr, outPtr] = [w.mailboxPtr, w.mailboxPtr + 128, w.mailboxPtr + 256, w.mailboxPtr + 4096];
    const a = randomBytes(1000, 25);
    const b = randomBytes(333, 26);
    e.blake2sInit(sa);
    e.blake2sInit(sb);
    for (let i = 0; i < 10; i++) {
      for (const [statePtr, m] of [[sa, a], [sb, b]] as const) {
        const piece = m.subarray(Math.floor((i * m.length) / 10), Math.floor(((i + 1) * m.length) / 10));
        w.u8.set(piece, dataPtr);
        e.blake2sUpdate(statePtr, dataPtr, piece.length);
      }
    }
    e.blake2sFinal(sa, outPtr);
    e.blake2sFinal(sb, outPtr + 32);
    expect(hex(w.u8.slice(outPtr, outPtr + 32))).toBe(hex(nobleBlake2s(a)));
    expect(hex(w.u8.slice(outPtr + 32, outPtr + 64))).toBe(hex(nobleBlake2s(b)));
  });

  it("digestInto writes at the offset", () => {
    const data = randomBytes(99, 31);
    const out = new Uint8Array(40);
    new Blake2s256().update(data).digestInto(out, 8);
    expect(hex(out.subarray(8))).toBe(hex(nobleBlake2s(data)));
    expect(hex(out.subarray(0, 8))).toBe("0000000000000000");
  });
});

describe("blake2sNode: the state tree's node hash", () => {
  it.each([
    { name: "zeros", left: new Uint8Array(32), right: new Uint8Array(32) },
    { name: "random", left: randomBytes(32, 41), right: randomBytes(32, 42) },
    { name: "ones", left: new Uint8Array(32).fill(0xff), right: new Uint8Array(32).fill(0xff) },
  ])("$name equals blake2s256(left ‖ right)", ({ left, right }) => {
    const concat = new Uint8Array(64);
    concat.set(left);
    concat.set(right, 32);
    const expected = hex(nobleBlake2s(concat));
    expect(hex(blake2sNode(left, right))).toBe(expected);
    const out = new Uint8Array(36);
    blake2sNodeInto(left, right, out, 4);
    expect(hex(out.subarray(4))).toBe(expected);
  });

  it("folds the empty-subtree chain to the known root of an empty depth-64 tree", () => {
    // empty[0] = hash of the all-zero 72-byte leaf; empty[h+1] = node(empty[h], empty[h]).
    let e = blake2s256(new Uint8Array(72));
    expect(hex(e)).toBe("e3cdc93b3c2beb30f6a7c7cc45a32da012df9ae1be880e2c074885cb3f4e1e53");
    for (let level = 0; level < 64; level++) e = blake2sNode(e, e);
    expect(hex(e)).toBe("b571ba553c857c17a4a97ef068150f63433485f746bcb522b365a80833e571db");
  });

  it("writes in place when the output aliases a child (AS callers fold paths this way)", () => {
    const w = wasm();
    const left = randomBytes(32, 51);
    const right = randomBytes(32, 52);
    const expected = hex(blake2sNode(left, right));
    const p = w.mailboxPtr;
    w.u8.set(left, p);
    w.u8.set(right, p + 32);
    w.exports.blake2sNode64(p, p + 32, p);
    expect(hex(w.u8.slice(p, p + 32))).toBe(expected);
    w.u8.set(left, p);
    w.u8.set(right, p + 32);
    w.exports.blake2sNode64(p, p + 32, p + 32);
    expect(hex(w.u8.slice(p + 32, p + 64))).toBe(expected);
  });
});

describe("blake2s: argument errors", () => {
  const bad = "abc" as unknown as Uint8Array;
  it.each([
    { name: "blake2s256 of a string", call: () => blake2s256(bad) },
    { name: "blake2s256Into of a string", call: () => blake2s256Into(bad, new Uint8Array(32)) },
    { name: "blake2s256Into into 31 bytes", call: () => blake2s256Into(new Uint8Array(1), new Uint8Array(31)) },
    { name: "blake2s256Into at a negative offset", call: () => blake2s256Into(new Uint8Array(1), new Uint8Array(64), -1) },
    { name: "blake2s256Into at a fractional offset", call: () => blake2s256Into(new Uint8Array(1), new Uint8Array(64), 1.5) },
    { name: "blake2s256Into past the end", call: () => blake2s256Into(new Uint8Array(1), new Uint8Array(64), 33) },
    { name: "blake2sNode with a 31-byte child", call: () => blake2sNode(new Uint8Array(31), new Uint8Array(32)) },
    { name: "blake2sNode with a 33-byte child", call: () => blake2sNode(new Uint8Array(32), new Uint8Array(33)) },
    { name: "blake2sNode with a non-array child", call: () => blake2sNode(new Uint8Array(32), bad) },
    { name: "blake2sNodeInto into 16 bytes", call: () => blake2sNodeInto(new Uint8Array(32), new Uint8Array(32), new Uint8Array(16)) },
    { name: "update with a string", call: () => new Blake2s256().update(bad) },
    { name: "digestInto into 8 bytes", call: () => new Blake2s256().digestInto(new Uint8Array(8)) },
  ])("$name → ArgumentError", ({ call }) => {
    expect(call).toThrow(ArgumentError);
  });

  it("refuses to use a finished hasher", () => {
    const h = new Blake2s256();
    h.digest();
    expect(() => h.update(new Uint8Array(1))).toThrow(ZkosError);
    expect(() => h.digest()).toThrow(ZkosError);
    expect(() => h.digestInto(new Uint8Array(32))).toThrow(ZkosError);
  });
});

// The 0x7C7 delegation record: h[8] then v[16] at a 128-aligned pointer, message of 16 words after it.
describe("blake2sRoundDelegation (CSR 0x7C7)", () => {
  const w = wasm();
  const e = w.exports;
  const statePtr = (w.mailboxPtr + 127) & ~127;
  const msgPtr = statePtr + 128;
  const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const CIV = [0x6b08e647, ...IV.slice(1)];
  const OK = 0, ERR_MASK = 1, ERR_CONTROL = 2;
  const LAST = 1, RIGHT = 2, COMPRESSION = 4;

  const words = (b: Uint8Array): number[] => Array.from(new Uint32Array(b.slice().buffer));
  const bytesOf = (ws: readonly number[]): Uint8Array => new Uint8Array(Uint32Array.from(ws).buffer);
  const readWords = (ptr: number, n: number): number[] => Array.from(w.u32.subarray(ptr >>> 2, (ptr >>> 2) + n));
  const writeWords = (ptr: number, ws: readonly number[]): void => w.u32.set(ws, ptr >>> 2);

  // One full compression as 10 delegated rounds, normal mode. The guest prepares v[12] = t ^ IV4 and
  // v[14] = f ^ IV6; every other v word is garbage the delegation must overwrite at r = 0.
  function compressByRounds(h: readonly number[], block: readonly number[], t: number, last: boolean, seed: number): number[] {
    const garbage = words(randomBytes(64, seed));
    garbage[12] = (t ^ IV[4]!) >>> 0;
    garbage[14] = ((last ? 0xffffffff : 0) ^ IV[6]!) >>> 0;
    writeWords(statePtr, [...h, ...garbage]);
    writeWords(msgPtr, block);
    for (let r = 0; r < 10; r++) {
      expect(e.blake2sRoundDelegation(statePtr, msgPtr, 1 << r, r === 9 ? LAST : 0)).toBe(OK);
      if (r < 9) expect(readWords(statePtr, 8), `h untouched after round ${r}`).toEqual(h);
    }
    expect(readWords(msgPtr, 16), "message untouched").toEqual(block);
    return readWords(statePtr, 8);
  }

  function compressDirect(h: readonly number[], block: readonly number[], t: number, last: boolean): number[] {
    const hPtr = msgPtr + 64;
    writeWords(hPtr, h);
    writeWords(msgPtr, block);
    e.blake2sCompress(hPtr, msgPtr, t, 0, last ? 0xffffffff : 0);
    return readWords(hPtr, 8);
  }

  it("exports its error codes and control bits with the documented values", () => {
    expect([e.BLAKE2S_ROUND_OK.value, e.BLAKE2S_ROUND_ERR_MASK.value, e.BLAKE2S_ROUND_ERR_CONTROL.value]).toEqual([OK, ERR_MASK, ERR_CONTROL]);
    expect([e.BLAKE2S_CONTROL_LAST_ROUND.value, e.BLAKE2S_CONTROL_RIGHT_NODE.value, e.BLAKE2S_CONTROL_COMPRESSION.value]).toEqual([LAST, RIGHT, COMPRESSION]);
  });

  it.each([
    { name: "first and last block (t = 3)", seed: 61, t: 3, last: true },
    { name: "a middle block (t = 128)", seed: 62, t: 128, last: false },
    { name: "random h, t = 0x12345678, final", seed: 63, t: 0x12345678, last: true },
  ])("10 rounds equal one direct compression: $name", ({ seed, t, last }) => {
    const h = seed === 61 ? CIV : words(randomBytes(32, seed));
    const block = words(randomBytes(64, seed + 100));
    expect(compressByRounds(h, block, t, last, seed + 200)).toEqual(compressDirect(h, block, t, last));
  });

  it.each([0, 1, 64, 65, 200, 1000])("a %i-byte message hashed round by round equals blake2s256", (len) => {
    const data = randomBytes(len, 70 + len);
    const blocks = Math.max(1, Math.ceil(len / 64));
    const padded = new Uint8Array(blocks * 64);
    padded.set(data);
    let h = CIV;
    for (let i = 0; i < blocks; i++) {
      const last = i === blocks - 1;
      const t = last ? len : (i + 1) * 64;
      h = compressByRounds(h, words(padded.subarray(i * 64, (i + 1) * 64)), t, last, 300 + i);
    }
    expect(hex(bytesOf(h))).toBe(hex(nobleBlake2s(data)));
  });

  it("ignores the right-node bit in normal mode, as the reference does", () => {
    const h = words(randomBytes(32, 81));
    const block = words(randomBytes(64, 82));
    const expected = compressDirect(h, block, 64, false);
    writeWords(statePtr, [...h, ...new Array<number>(16).fill(0)]);
    w.u32[(statePtr >>> 2) + 8 + 12] = IV[4]! ^ 64;
    w.u32[(statePtr >>> 2) + 8 + 14] = IV[6]!;
    writeWords(msgPtr, block);
    for (let r = 0; r < 10; r++) expect(e.blake2sRoundDelegation(statePtr, msgPtr, 1 << r, RIGHT | (r === 9 ? LAST : 0))).toBe(OK);
    expect(readWords(statePtr, 8)).toEqual(expected);
  });

  // Compression mode: h holds this node, M[0..8) the other; the result is the Merkle node hash.
  it.each([
    { name: "left node: blake2s256(h ‖ m)", right: false, seed: 91 },
    { name: "right node: blake2s256(m ‖ h)", right: true, seed: 92 },
    { name: "left node, zero children", right: false, seed: 0 },
  ])("compression mode, $name", ({ right, seed }) => {
    const node = seed === 0 ? new Uint8Array(32) : randomBytes(32, seed);
    const other = seed === 0 ? new Uint8Array(32) : randomBytes(32, seed + 1);
    const msgTail = randomBytes(32, seed + 2);
    writeWords(statePtr, [...words(node), ...words(randomBytes(64, seed + 3))]);
    writeWords(msgPtr, [...words(other), ...words(msgTail)]);
    const mode = COMPRESSION | (right ? RIGHT : 0);
    for (let r = 0; r < 10; r++) {
      expect(e.blake2sRoundDelegation(statePtr, msgPtr, 1 << r, mode | (r === 9 ? LAST : 0))).toBe(OK);
      if (r < 9) expect(readWords(statePtr, 8), `h untouched after round ${r}`).toEqual(words(node));
    }
    const concat = new Uint8Array(64);
    concat.set(right ? other : node);
    concat.set(right ? node : other, 32);
    expect(hex(bytesOf(readWords(statePtr, 8)))).toBe(hex(nobleBlake2s(concat)));
    expect(readWords(msgPtr, 16)).toEqual([...words(other), ...words(msgTail)]);
  });

  it.each([
    { name: "mask 0", mask: 0, control: 0, code: ERR_MASK },
    { name: "mask 3 (two bits)", mask: 3, control: 0, code: ERR_MASK },
    { name: "mask 0b1010000000", mask: 0x280, control: 0, code: ERR_MASK },
    { name: "mask 1 << 10 (round 10)", mask: 1 << 10, control: 0, code: ERR_MASK },
    { name: "mask 1 << 31", mask: 0x80000000, control: 0, code: ERR_MASK },
    { name: "mask 0xFFFFFFFF", mask: 0xffffffff, control: 0, code: ERR_MASK },
    { name: "control bit 3", mask: 1, control: 8, code: ERR_CONTROL },
    { name: "control bit 31", mask: 1 << 9, control: 0x80000001, code: ERR_CONTROL },
    { name: "control 0xFF", mask: 1 << 4, control: 0xff, code: ERR_CONTROL },
  ])("rejects $name with code $code and leaves memory unchanged", ({ mask, control, code }) => {
    const before = words(randomBytes(96, mask ^ control));
    const msg = words(randomBytes(64, 5));
    writeWords(statePtr, before);
    writeWords(msgPtr, msg);
    expect(e.blake2sRoundDelegation(statePtr, msgPtr, mask, control)).toBe(code);
    expect(readWords(statePtr, 24)).toEqual(before);
    expect(readWords(msgPtr, 16)).toEqual(msg);
  });

  it("accepts every mask 1 << r for r in 0..9 with every known control", () => {
    for (let r = 0; r < 10; r++) {
      for (const control of [0, 1, 2, 3, 4, 5, 6, 7]) {
        expect(e.blake2sRoundDelegation(statePtr, msgPtr, 1 << r, control), `r=${r} control=${control}`).toBe(OK);
      }
    }
  });
});
