/**
 * Decodes the ZKsync OS oracle framing out of the guest's CSR 0x7C0 writes (riscv-machine.md §3.2,
 * ZO:oracle_provider/src/lib.rs): W(id), W(n), n parameter words; the response starts with the
 * next read. Debug-text frames (id 0xFFFFFFFF) are skipped; after DisconnectOracle (6) nothing is.
 * Used to log queries; replay never needs it.
 * @module
 */

/** Query ids of riscv-machine.md §3.3. */
export const ORACLE_QUERY_NAMES: Readonly<Record<number, string>> = {
  0: "NextTxSize",
  1: "NewTxContent",
  2: "InitializeIOImplementer",
  3: "BlockLevelMetadata",
  4: "InitialStorageSlotData",
  5: "PreimageContentWords",
  6: "DisconnectOracle",
  7: "ProofForIndex",
  8: "PrevIndex",
  9: "ExactIndex",
  0x100: "HashToPrime",
};

const UART_ID = 0xffffffff;
const DISCONNECT_ID = 6;

/** One decoded query. */
export interface OracleQuery {
  readonly id: number;
  readonly name: string;
  readonly params: readonly number[];
  /** Index, among all 0x7C0 reads of the run, of the first read after the query: its response length. */
  readonly firstReadIndex: number;
}

export class OracleQueryDecoder {
  private id: number | null = null;
  private expected: number | null = null;
  private params: number[] = [];
  private disconnected = false;

  /** @param onQuery receives each query once its last parameter has been written */
  constructor(private readonly onQuery: (q: OracleQuery) => void) {}

  /**
   * Feeds one written word.
   * @param readsBefore number of 0x7C0 reads the guest made before this write
   */
  write(word: number, readsBefore: number): void {
    if (this.disconnected) return;
    if (this.id === null) {
      this.id = word;
      return;
    }
    if (this.expected === null) {
      this.expected = word;
      this.params = [];
    } else {
      this.params.push(word);
    }
    if (this.params.length === this.expected) {
      const id = this.id;
      this.id = null;
      this.expected = null;
      if (id === UART_ID) return;
      if (id === DISCONNECT_ID) this.disconnected = true;
      this.onQuery({
        id,
        name: ORACLE_QUERY_NAMES[id] ?? `query 0x${id.toString(16)}`,
        params: this.params,
        firstReadIndex: readsBefore,
      });
    }
  }
}
