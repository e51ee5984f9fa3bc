/**
 * The host side of the ZKsync OS oracle protocol as a non-determinism source (riscv-machine.md §3.2,
 * ZO:oracle_provider/src/lib.rs ZkEENonDeterminismSource): it decodes each query from the guest's
 * writes, asks a responder for the answer, and hands out the length word then the answer words.
 * A write drops an unfinished answer; after DisconnectOracle (6) every read is 0. Which state the
 * answers come from is the responder's business (the forward oracle of `zkos run-block`).
 * @module
 */
import { ZkosError } from "../errors";
import type { NonDeterminismSource } from "./nondeterminism";
import { OracleQueryDecoder, type OracleQuery } from "./oracle-queries";

/** Answers one query: the response words (u32, as the guest reads them after the length word). */
export type OracleResponder = (query: OracleQuery) => Uint32Array;

/** The guest broke the oracle protocol (a read with no answer pending); the reference host panics. */
export class OracleProtocolError extends ZkosError {
  override name = "OracleProtocolError";
}

const DISCONNECT_ID = 6;

export class LiveOracleSource implements NonDeterminismSource {
  readonly discardsUnreadOnWrite = true;
  private readonly decoder: OracleQueryDecoder;
  private pending: Uint32Array | null = null;
  private at = 0;
  private disconnected = false;

  /** @param onQuery also receives each decoded query (for logs), after it is answered */
  constructor(private readonly responder: OracleResponder, private readonly onQuery?: (q: OracleQuery) => void) {
    this.decoder = new OracleQueryDecoder((q) => this.answer(q));
  }

  private answer(q: OracleQuery): void {
    if (q.id === DISCONNECT_ID) {
      this.disconnected = true;
    } else {
      const words = this.responder(q);
      const pending = new Uint32Array(words.length + 1);
      pending[0] = words.length;
      pending.set(words, 1);
      this.pending = pending;
      this.at = 0;
    }
    this.onQuery?.(q);
  }

  write(value: number, readsBefore: number): void {
    this.pending = null;
    this.decoder.write(value, readsBefore);
  }

  nextWords(max: number): Uint32Array {
    if (this.pending !== null) {
      const out = this.pending.subarray(this.at, Math.min(this.pending.length, this.at + max));
      this.at += out.length;
      if (this.at === this.pending.length) this.pending = null;
      return out;
    }
    if (this.disconnected) return new Uint32Array(Math.min(max, 64));
    throw new OracleProtocolError("the guest read CSR 0x7C0 with no oracle answer pending (the reference host panics here)");
  }
}
