/**
 * Non-determinism sources of the RISC-V machine: where CSR 0x7C0 reads come from
 * (riscv-machine.md §2.1, §3.5). The machine pulls words in batches into the core's read buffer,
 * so a replay never leaves WASM per word.
 * @module
 */

/** A source of 0x7C0 read words. */
export interface NonDeterminismSource {
  /**
   * Up to `max` next words for the guest. An empty array means the source is exhausted: every
   * further read returns 0 (the reference replay's behaviour), and the run reports it.
   * It is called only when the guest needs a word and every earlier write has been delivered.
   */
  nextWords(max: number): Uint32Array;
  /** Words not yet handed out (for the "witness words left" report), if the source knows. */
  wordsLeft?(): number;
  /**
   * Receives each 0x7C0 write in order, with the number of reads the guest made before it. All
   * writes before a read are delivered before nextWords() is asked for that read.
   */
  write?(value: number, readsBefore: number): void;
  /** True when a write discards the words handed out but not yet read (a live oracle's host does). */
  readonly discardsUnreadOnWrite?: boolean;
}

/** Replays a witness: its words, in order (the Airbender CLI `--input-file` behaviour). */
export class WitnessSource implements NonDeterminismSource {
  private next = 0;

  constructor(private readonly words: Uint32Array) {}

  nextWords(max: number): Uint32Array {
    const out = this.words.subarray(this.next, Math.min(this.words.length, this.next + max));
    this.next += out.length;
    return out;
  }

  wordsLeft(): number {
    return this.words.length - this.next;
  }

  /** Number of words in the witness. */
  get length(): number {
    return this.words.length;
  }
}

/** No words at all: every read returns 0 (exhausted from the start). */
export class EmptySource implements NonDeterminismSource {
  nextWords(): Uint32Array {
    return new Uint32Array(0);
  }

  wordsLeft(): number {
    return 0;
  }
}
