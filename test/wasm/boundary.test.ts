import { describe, expect, it } from "vitest";
import { wasm } from "../../ts/wasm";

describe("wasm boundary", () => {
  it("exposes the fixed regions declared in as/layout.ts, aligned and non-overlapping", () => {
    const w = wasm();
    const regions = [
      { name: "mailbox", ptr: w.mailboxPtr, len: w.mailboxLen },
      { name: "out", ptr: w.outPtr, len: w.outLen },
      { name: "u256", ptr: w.u256ScratchPtr, len: 128 },
    ].sort((a, b) => a.ptr - b.ptr);
    for (const r of regions) {
      expect(r.ptr % 16, r.name).toBe(0);
      expect(r.ptr + r.len, r.name).toBeLessThanOrEqual(w.u8.byteLength);
    }
    for (let i = 1; i < regions.length; i++) {
      expect(regions[i]!.ptr, regions[i]!.name).toBeGreaterThanOrEqual(regions[i - 1]!.ptr + regions[i - 1]!.len);
    }
  });
});
