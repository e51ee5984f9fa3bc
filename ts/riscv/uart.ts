/**
 * Debug text from the guest through CSR 0x7C0 writes, decoded exactly as Airbender's
 * QuasiUARTSource does (riscv-machine.md §2.1; AB:risc_v_simulator/src/abstractions/non_determinism.rs):
 * 0xFFFFFFFF (hello), then n = number of words that follow, then the byte length, then n − 1 data
 * words (little-endian bytes, the last one truncated). Words outside a message are ignored, so
 * oracle-query writes pass through untouched.
 * @module
 */

const HELLO = 0xffffffff;

export class QuasiUart {
  private buffering = false;
  private remainingWords: number | null = null;
  private remainingBytes: number | null = null;
  private bytes: number[] = [];

  /** @param emit receives each completed message (UTF-8 decoded, invalid bytes replaced) */
  constructor(private readonly emit: (text: string) => void) {}

  /** Feeds one written word. */
  write(word: number): void {
    if (!this.buffering) {
      if (word === HELLO) {
        this.buffering = true;
        this.remainingWords = null;
        this.remainingBytes = null;
      }
      return;
    }
    if (this.remainingWords === null) {
      // n = 0 would underflow (a panic in the reference); treat it as an empty, finished message.
      if (word === 0) {
        this.buffering = false;
        return;
      }
      this.remainingWords = word;
      this.bytes = [];
      return;
    }
    if (this.remainingBytes === null) {
      this.remainingWords--;
      this.remainingBytes = word;
      // As in the reference, a message with no data words is printed on the next write.
      return;
    }
    if (this.remainingWords > 0) {
      this.remainingWords--;
      const take = Math.min(4, this.remainingBytes);
      for (let k = 0; k < take; k++) this.bytes.push((word >>> (8 * k)) & 0xff);
      this.remainingBytes -= take;
    }
    if (this.remainingWords === 0) {
      this.buffering = false;
      this.emit(new TextDecoder().decode(Uint8Array.from(this.bytes)));
    }
  }
}
