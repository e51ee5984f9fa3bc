// The forward run against the reference itself: test/fixtures/zksync/reference holds block fixtures that
// the zksync-os 0a82da0 RISC-V image (app.bin) ran on the Airbender-compatible machine, with the public
// input it left in x10..x17 (<name>.expected.json). The forward run of the same fixture must give the
// same 32 bytes: every account, slot, pubdata byte, log, header field and tree root agrees. The
// witness-block fixture is built from ../shared at run time (test/helpers/witness-block-fixture.ts).
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Chain } from "../../ts/chain";
import { bytesToHex } from "../../ts/primitives/hex";
import { witnessBlockFixtureJson } from "../helpers/witness-block-fixture";

const DIR = new URL("../fixtures/zksync/reference/", import.meta.url);
const names = readdirSync(DIR).filter((f) => f.endsWith(".expected.json")).map((f) => f.slice(0, -".expected.json".length));
const BUILT: Readonly<Record<string, () => unknown>> = { "witness-block": witnessBlockFixtureJson };

describe("forward run vs the reference RISC-V image", () => {
  it.each(names)("%s: public input, state root before", (name) => {
    const fixture = BUILT[name]?.() ?? JSON.parse(readFileSync(new URL(`${name}.json`, DIR), "utf8"));
    const expected = JSON.parse(readFileSync(new URL(`${name}.expected.json`, DIR), "utf8")) as { publicInput: string; stateRootBefore: string; nextFreeSlotBefore: number };
    const { chain, blocks } = Chain.fromFixture(fixture);
    const r = chain.runBlock(blocks[0]!, { verifyTree: true });
    expect(bytesToHex(r.stateRootBefore)).toBe(expected.stateRootBefore);
    expect(r.nextFreeSlotBefore).toBe(expected.nextFreeSlotBefore);
    expect(bytesToHex(r.publicInput!)).toBe(expected.publicInput);
  });
});
