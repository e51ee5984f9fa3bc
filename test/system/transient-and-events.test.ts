// Transient storage (ts/system/transient-storage.ts) and the events / L2→L1 logs storages
// (ts/system/events.ts) against generic_transient_storage.rs, events_storage.rs and logs_storage.rs
// at 0a82da0: frame rollback, per-transaction reset, transaction tags, log pubdata (§4.6).
import { describe, expect, it } from "vitest";
import { TransientStorage } from "../../ts/system/transient-storage";
import { EventsStorage, LogsStorage } from "../../ts/system/events";
import { l1TxResultLog, userMessageLog } from "../../ts/l1/l2-to-l1-logs";
import { addr, word } from "../helpers/io-fixtures";

const A = addr(0xa);
const B = addr(0xb);

describe("TransientStorage", () => {
  it("reads zero until written; keys are (address, key)", () => {
    const t = new TransientStorage();
    t.write(A, word(1), word(5));
    expect([t.read(A, word(1)), t.read(B, word(1)), t.read(A, word(2))]).toEqual([word(5), word(0), word(0)]);
  });

  it("frames revert writes at every depth", () => {
    const t = new TransientStorage();
    t.write(A, word(1), word(1));
    const s1 = t.startFrame();
    t.write(A, word(1), word(2));
    const s2 = t.startFrame();
    t.write(A, word(1), word(3));
    t.write(B, word(1), word(3));
    t.finishFrame(s2);
    expect([t.read(A, word(1)), t.read(B, word(1))]).toEqual([word(2), word(0)]);
    t.finishFrame(null);
    const s3 = t.startFrame();
    t.write(A, word(1), word(4));
    t.finishFrame(s3);
    expect(t.read(A, word(1))).toBe(word(2));
    t.finishFrame(s1);
    expect(t.read(A, word(1))).toBe(word(1));
  });

  it("every transaction starts empty", () => {
    const t = new TransientStorage();
    t.write(A, word(1), word(9));
    t.beginNewTx();
    expect(t.read(A, word(1))).toBe(word(0));
  });
});

describe("EventsStorage", () => {
  it("keeps events in order with their transaction numbers and truncates on rollback", () => {
    const e = new EventsStorage();
    e.push({ txNumber: 0, address: A, topics: [], data: new Uint8Array(0) });
    const s = e.startFrame();
    e.push({ txNumber: 0, address: B, topics: [new Uint8Array(32)], data: Uint8Array.of(1) });
    e.finishFrame(s);
    e.push({ txNumber: 1, address: B, topics: [], data: new Uint8Array(0) });
    expect(e.events().map((x) => [x.txNumber, x.address])).toEqual([[0, A], [1, B]]);
  });
});

describe("LogsStorage", () => {
  const hash = new Uint8Array(32).fill(7);
  const sender = new Uint8Array(20).fill(0xaa);

  it("pubdata per transaction: 4 + len + 88 per message, 88 per L1-transaction log, rollbacks excluded", () => {
    const l = new LogsStorage();
    l.beginNewTx();
    l.push(userMessageLog(0, sender, new Uint8Array(10)));
    const s = l.startFrame();
    l.push(l1TxResultLog(0, hash, true));
    expect(l.pubdataUsedByTx()).toBe(102 + 88);
    l.finishFrame(s);
    expect(l.pubdataUsedByTx()).toBe(102);
    l.beginNewTx();
    expect(l.pubdataUsedByTx()).toBe(0);
    l.push(l1TxResultLog(1, hash, false));
    expect(l.pubdataUsedByTx()).toBe(88);
    expect(l.logs().map((x) => [x.log.txNumberInBlock, x.message === null])).toEqual([[0, false], [1, true]]);
  });
});
