// secp256k1 recovery in the WASM core (ts/crypto/secp256k1.ts) against @noble/curves: random keys
// and messages of both parities, random (r, s) that may recover nothing, the range and curve edge
// cases, high s, hashes ≥ n, a point-at-infinity result, and known Ethereum vectors.
import { describe, expect, it } from "vitest";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { ArgumentError } from "../../ts/errors";
import {
  RECOVERY_RECORD_LEN,
  SecpStatus,
  encodeRecoveryRecord,
  recoverAddress,
  recoverAddressesPacked,
  recoverPublicKey,
  unpackAddresses,
} from "../../ts/crypto/secp256k1";
import { bigintToBytes, bytesToHex, hexToBytes } from "../../ts/primitives/hex";

const Point = secp256k1.Point;
const N = Point.Fn.ORDER;
const P = Point.Fp.ORDER;

/** Deterministic 32-byte strings: keccak(tag ‖ i). */
function stream(tag: string, i: number): Uint8Array {
  return keccak_256(new TextEncoder().encode(`${tag}/${i}`));
}

function toBig(b: Uint8Array): bigint {
  return BigInt(bytesToHex(b));
}

function secretKey(i: number): Uint8Array {
  const k = (toBig(stream("key", i)) % (N - 1n)) + 1n;
  return bigintToBytes(k, 32);
}

function nobleRecover(hash: Uint8Array, r: bigint, s: bigint, v: 0 | 1): string | null {
  try {
    return bytesToHex(new secp256k1.Signature(r, s, v).recoverPublicKey(hash).toBytes(false));
  } catch {
    return null;
  }
}

function addressOf(pub65: Uint8Array): string {
  return bytesToHex(keccak_256(pub65.subarray(1)).subarray(12));
}

function hex(b: Uint8Array | null): string | null {
  return b === null ? null : bytesToHex(b);
}

describe("secp256k1 recovery: signatures of random keys (2,000, differential vs @noble/curves)", () => {
  const COUNT = 2000;
  const sigs = Array.from({ length: COUNT }, (_, i) => {
    const sk = secretKey(i);
    const hash = stream("msg", i);
    const sig = secp256k1.Signature.fromBytes(secp256k1.sign(hash, sk, { prehash: false, format: "recovered" }), "recovered");
    return { hash, r: sig.r, s: sig.s, v: sig.recovery as 0 | 1, pub: secp256k1.getPublicKey(sk, false) };
  });

  it("recovers each signer's public key and address; both parities occur", () => {
    const parities = [0, 0];
    let wrong = 0;
    for (const { hash, r, s, v, pub } of sigs) {
      parities[v]!++;
      const got = recoverPublicKey(hash, r, s, v);
      if (hex(got) !== bytesToHex(pub)) wrong++;
      if (hex(recoverAddress(hash, bigintToBytes(r, 32), bigintToBytes(s, 32), v)) !== addressOf(pub)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(parities[0]).toBeGreaterThan(COUNT / 3);
    expect(parities[1]).toBeGreaterThan(COUNT / 3);
  });

  it("the other parity recovers another key (noble agrees), and high s with the other parity the same key", () => {
    let wrong = 0;
    for (const { hash, r, s, v, pub } of sigs.slice(0, 300)) {
      const other = (1 - v) as 0 | 1;
      const flipped = recoverPublicKey(hash, r, s, other);
      if (hex(flipped) !== nobleRecover(hash, r, s, other) || hex(flipped) === bytesToHex(pub)) wrong++;
      if (hex(recoverPublicKey(hash, r, N - s, other)) !== bytesToHex(pub)) wrong++;
    }
    expect(wrong).toBe(0);
  });

  it("the packed batch gives the same addresses, statuses for failures", () => {
    const items = sigs.slice(0, 600).map(({ hash, r, s, v }) => ({ hash, r, s, yParity: v }));
    items.push({ hash: sigs[0]!.hash, r: 0n, s: 1n, yParity: 0 });
    const records = new Uint8Array(items.length * RECOVERY_RECORD_LEN);
    items.forEach((it, i) => encodeRecoveryRecord(records, i * RECOVERY_RECORD_LEN, it));
    const results = recoverAddressesPacked(records, items.length);
    const addrs = unpackAddresses(results, items.length);
    expect(addrs.slice(0, 600).map(hex)).toEqual(sigs.slice(0, 600).map(({ pub }) => addressOf(pub)));
    expect(addrs[600]).toBeNull();
    expect(results[600 * 21]).toBe(SecpStatus.rOutOfRange);
  });
});

describe("secp256k1 recovery: random (r, s, z) (400, differential vs @noble/curves)", () => {
  it("agrees with noble on the key or on recovering nothing", () => {
    let wrong = 0;
    let none = 0;
    for (let i = 0; i < 400; i++) {
      const r = (toBig(stream("r", i)) % (N - 1n)) + 1n;
      const s = (toBig(stream("s", i)) % (N - 1n)) + 1n;
      const hash = stream("z", i);
      const v = (i & 1) as 0 | 1;
      const want = nobleRecover(hash, r, s, v);
      if (want === null) none++;
      if (hex(recoverPublicKey(hash, r, s, v)) !== want) wrong++;
    }
    expect(wrong).toBe(0);
    // About half of all x have no point: both branches are exercised.
    expect(none).toBeGreaterThan(100);
    expect(none).toBeLessThan(300);
  });
});

describe("secp256k1 recovery: edge cases", () => {
  const sk = secretKey(7);
  const hash = stream("edge", 0);
  const sig = secp256k1.Signature.fromBytes(secp256k1.sign(hash, sk, { prehash: false, format: "recovered" }), "recovered");
  const v = sig.recovery as 0 | 1;
  const pub = bytesToHex(secp256k1.getPublicKey(sk, false));

  // The smallest x with no curve point (x³ + 7 a non-residue), found with noble's field.
  const offCurveX = (() => {
    for (let x = 1n; ; x++) {
      try {
        Point.Fp.sqrt(Point.Fp.add(Point.Fp.pow(x, 3n), 7n));
      } catch {
        return x;
      }
    }
  })();

  const nulls: { name: string; r: bigint | Uint8Array; s: bigint | Uint8Array }[] = [
    { name: "r = 0", r: 0n, s: sig.s },
    { name: "s = 0", r: sig.r, s: 0n },
    { name: "r = n", r: N, s: sig.s },
    { name: "s = n", r: sig.r, s: N },
    { name: "r = n + 1 (an x below p: Ethereum has no r + n recovery)", r: N + 1n, s: sig.s },
    { name: "r = p", r: P, s: sig.s },
    { name: "r = 2^256 − 1", r: (1n << 256n) - 1n, s: sig.s },
    { name: "s = 2^256 − 1", r: sig.r, s: (1n << 256n) - 1n },
    { name: "r ≥ 2^256 (bigint)", r: 1n << 256n, s: sig.s },
    { name: "negative r", r: -sig.r, s: sig.s },
    { name: "r of 33 bytes", r: new Uint8Array(33).fill(1), s: sig.s },
    { name: "x = r not on the curve", r: offCurveX, s: sig.s },
  ];
  it.each(nulls)("$name → null", ({ r, s }) => {
    expect(recoverPublicKey(hash, r, s, v)).toBeNull();
    expect(recoverAddress(hash, r, s, v)).toBeNull();
  });

  it("x = r not on the curve is the one noble rejects too", () => {
    expect(offCurveX).toBeLessThan(10n);
    expect(nobleRecover(hash, offCurveX, sig.s, 0)).toBeNull();
  });

  it("short byte strings are big-endian numbers", () => {
    const rBytes = bigintToBytes(sig.r, 32);
    const sBytes = bigintToBytes(sig.s, 32);
    let i = 0;
    while (rBytes[i] === 0) i++;
    expect(hex(recoverPublicKey(hash, rBytes.subarray(i), sBytes, v))).toBe(pub);
  });

  it("hash = 0 and hash = n − 1 match noble", () => {
    for (const z of [0n, N - 1n, 1n]) {
      const h = bigintToBytes(z, 32);
      for (const parity of [0, 1] as const) expect(hex(recoverPublicKey(h, sig.r, sig.s, parity))).toBe(nobleRecover(h, sig.r, sig.s, parity));
    }
  });

  it("hash ≥ n is taken mod n", () => {
    for (const z of [N, N + 5n, (1n << 256n) - 1n]) {
      const reduced = recoverPublicKey(bigintToBytes(z % N, 32), sig.r, sig.s, v);
      expect(reduced).not.toBeNull();
      expect(hex(recoverPublicKey(bigintToBytes(z, 32), sig.r, sig.s, v))).toBe(hex(reduced));
      expect(hex(reduced)).toBe(nobleRecover(bigintToBytes(z, 32), sig.r, sig.s, v));
    }
  });

  it("s·R = z·G recovers the point at infinity → null", () => {
    const k = 0x1234567890abcdefn;
    const R = Point.BASE.multiply(k);
    const r = R.x % N;
    const s = 0x42n;
    const z = (s * k) % N;
    const parity = (R.y & 1n) === 1n ? 1 : 0;
    expect(recoverPublicKey(bigintToBytes(z, 32), r, s, parity)).toBeNull();
    expect(nobleRecover(bigintToBytes(z, 32), r, s, parity)).toBeNull();
    // The other parity is −R, a real key.
    expect(hex(recoverPublicKey(bigintToBytes(z, 32), r, s, (1 - parity) as 0 | 1))).toBe(nobleRecover(bigintToBytes(z, 32), r, s, (1 - parity) as 0 | 1));
  });

  it("r = 1, s = 1, and r, s = n − 1 agree with noble", () => {
    for (const [r, s] of [[1n, 1n], [N - 1n, N - 1n], [1n, N - 1n], [N - 1n, 1n]] as const) {
      for (const parity of [0, 1] as const) expect(hex(recoverPublicKey(hash, r, s, parity))).toBe(nobleRecover(hash, r, s, parity));
    }
  });

  it.each([
    ["a 31-byte hash", () => recoverPublicKey(new Uint8Array(31), sig.r, sig.s, v)],
    ["a hash that is not bytes", () => recoverAddress("00" as unknown as Uint8Array, sig.r, sig.s, v)],
    ["y parity 2", () => recoverPublicKey(hash, sig.r, sig.s, 2 as 0 | 1)],
    ["r as a number", () => recoverPublicKey(hash, 5 as unknown as bigint, sig.s, v)],
  ])("%s → ArgumentError", (_name, call) => {
    expect(call).toThrow(ArgumentError);
  });
});

describe("secp256k1 recovery: known Ethereum vectors", () => {
  it("EIP-155's example transaction: signing hash, v = 37 → 0x9d8a…5a4f", () => {
    const hash = hexToBytes("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
    const r = 18515461264373351373200002665853028612451056578545711640558177340181847433846n;
    const s = 46948507304638947509940763649030358759909902576025900602547168820602576006531n;
    expect(hex(recoverAddress(hash, r, s, 0))).toBe("0x9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f");
  });

  it("go-ethereum's ecrecover vector (v = 27) → 0xceac…699d", () => {
    const hash = hexToBytes("0x38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e");
    const r = hexToBytes("0x38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e");
    const s = hexToBytes("0x789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02");
    expect(hex(recoverAddress(hash, r, s, 0))).toBe("0xceaccac640adf55b2028469bd36ba501f28b699d");
  });

  it("the key 1 signs as G: recovering gives G and its address 0x7e5f…bdf", () => {
    const hash = stream("g", 0);
    const sig = secp256k1.Signature.fromBytes(secp256k1.sign(hash, bigintToBytes(1n, 32), { prehash: false, format: "recovered" }), "recovered");
    const pub = recoverPublicKey(hash, sig.r, sig.s, sig.recovery as 0 | 1)!;
    expect(hex(pub)).toBe(bytesToHex(Point.BASE.toBytes(false)));
    expect(addressOf(pub)).toBe("0x7e5f4552091a69125d5dfcb7b8c2659029395bdf");
  });
});
