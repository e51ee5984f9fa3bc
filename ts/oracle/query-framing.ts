/**
 * Oracle query framing (riscv-machine.md §3.2; proof_running_system io_oracle `CsrBasedIOOracle`):
 * a query is written as W(id), W(n), n parameter words; its answer is read as R(L) then L words.
 * A witness is the concatenation of the read side of every query, so it splits back into answers.
 * @module
 */
import { ArgumentError, InputError } from "../errors";
import { QUERY_SHAPES, QueryId, queryName } from "./query-ids";

/** The words the guest writes for a query: id, parameter count, parameters. */
export function encodeQueryWrites(id: number, params: ArrayLike<number> = []): Uint32Array {
  const shape = QUERY_SHAPES[id];
  if (shape !== undefined && shape.paramWords !== params.length) {
    throw new ArgumentError(`${shape.name} takes ${shape.paramWords} parameter words, got ${params.length}`);
  }
  const out = new Uint32Array(2 + params.length);
  out[0] = id;
  out[1] = params.length;
  for (let i = 0; i < params.length; i++) out[2 + i] = params[i]!;
  return out;
}

/** The words the guest reads for an answer: its length L, then the L words. */
export function encodeResponseReads(response: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(1 + response.length);
  out[0] = response.length;
  for (let i = 0; i < response.length; i++) out[1 + i] = response[i]!;
  return out;
}

/** One query as a trace lists it: what was asked and what came back. */
export interface FramedQuery {
  id: number;
  params: ArrayLike<number>;
  response: ArrayLike<number>;
}

/**
 * The witness of a run: the read words of every query in order (the DisconnectOracle query's
 * answer is the single length word 0, which the guest reads last).
 * @throws ArgumentError if a fixed-size answer has the wrong length
 */
export function witnessFromQueries(queries: readonly FramedQuery[]): Uint32Array {
  let n = 0;
  for (const q of queries) {
    const expected = QUERY_SHAPES[q.id]?.responseWords;
    if (expected != null && q.response.length !== expected) {
      throw new ArgumentError(`${queryName(q.id)} answers ${expected} words, got ${q.response.length}`);
    }
    n += 1 + q.response.length;
  }
  const out = new Uint32Array(n);
  let o = 0;
  for (const q of queries) {
    out.set(encodeResponseReads(q.response), o);
    o += 1 + q.response.length;
  }
  return out;
}

/** One answer located in a witness. */
export interface WitnessAnswer {
  /** Index of the answer's length word in the witness. */
  lengthIndex: number;
  /** The answer's words (a view into the witness). */
  words: Uint32Array;
}

/**
 * Splits a witness into its answers by their length words. The guest stops reading after the
 * DisconnectOracle answer, which is the zero-length answer at the very end.
 * @throws InputError naming the word index where a length runs past the end
 */
export function splitWitness(witness: Uint32Array, where = "witness"): WitnessAnswer[] {
  const answers: WitnessAnswer[] = [];
  let i = 0;
  while (i < witness.length) {
    const len = witness[i]!;
    if (i + 1 + len > witness.length) {
      throw new InputError(`${where} word ${i}`, `answer length ${len} runs past the end (${witness.length - i - 1} words left)`);
    }
    answers.push({ lengthIndex: i, words: witness.subarray(i + 1, i + 1 + len) });
    i += 1 + len;
  }
  return answers;
}

/**
 * Pairs the answers of a witness with a list of query ids and checks their fixed lengths; the last
 * query must be DisconnectOracle.
 * @throws InputError at the first answer whose count or length does not fit its query
 */
export function matchWitness(witness: Uint32Array, ids: readonly number[], where = "witness"): WitnessAnswer[] {
  const answers = splitWitness(witness, where);
  if (answers.length !== ids.length) throw new InputError(where, `${answers.length} answers for ${ids.length} queries`);
  answers.forEach((a, k) => {
    const expected = QUERY_SHAPES[ids[k]!]?.responseWords;
    if (expected != null && a.words.length !== expected) {
      throw new InputError(`${where} word ${a.lengthIndex}`, `${queryName(ids[k]!)} answer has ${a.words.length} words, expected ${expected}`);
    }
  });
  if (ids.length > 0 && ids[ids.length - 1] !== QueryId.DisconnectOracle) throw new InputError(where, "the last query is not DisconnectOracle");
  return answers;
}
