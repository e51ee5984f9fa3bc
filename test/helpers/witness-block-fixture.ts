// The witness-block fixture (interfaces.md §3), built at run time from the real block's recorded queries
// (../shared/fixtures/zksync-os-witness/queries.json, never copied into the repository): its context from
// the BlockLevelMetadata answer, its one transaction as the NewTxContent answer (the ABI body itself),
// 0x8001's code from the preimage answer that is not an account record; the sender gets 10,000 ether.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseBlockFixture, type BlockFixture } from "../../ts/bootloader/fixture";
import { decodeBlockMetadata } from "../../ts/oracle/block-metadata";
import { QueryId } from "../../ts/oracle/query-ids";
import { bytesToHex } from "../../ts/primitives/hex";
import { ACCOUNT_PROPERTIES_ENCODED_LEN, decodeAccountProperties } from "../../ts/storage/account-properties";
import { parseZkTransactionBody } from "../../ts/zksync/transaction/abi-encoding";

/** Where the real block's files are: ../shared from the repository root. */
export const WITNESS_BLOCK_DIR = fileURLToPath(new URL("../../../shared/fixtures/zksync-os-witness/", import.meta.url));

/** One query of queries.json: id, name, parameter and response words as 8 hex digits each. */
export interface RealQuery {
  id: number;
  name: string;
  params: string[];
  response: string[];
  firstReadIndex: number;
}

/** The queries the reference image made on the real block, in order. */
export function realWitnessQueries(): RealQuery[] {
  return (JSON.parse(readFileSync(`${WITNESS_BLOCK_DIR}queries.json`, "utf8")) as { queries: RealQuery[] }).queries;
}

const words = (hex: readonly string[]): number[] => hex.map((h) => parseInt(h, 16));

/** Answer words as the guest sees them in memory: each word little-endian, in order. */
function answerBytes(hex: readonly string[]): Uint8Array {
  return new Uint8Array(Uint32Array.from(words(hex)).buffer);
}

function only(queries: readonly RealQuery[], id: number): RealQuery {
  const found = queries.filter((q) => q.id === id);
  if (found.length !== 1) throw new Error(`queries.json: expected one query ${id}, found ${found.length}`);
  return found[0]!;
}

const BOOTLOADER_ADDRESS = "0x0000000000000000000000000000000000008001";
/** The sender's balance: 10,000 ether (the real pre-state holds more accounts; this one only pays). */
const SENDER_BALANCE = "0x21e19e0c9bab2400000";

/**
 * The fixture JSON of the real one-transaction block over a pre-state of two accounts: the sender
 * (the body's `from`) and 0x8001 with the code the image read. Previous block hashes are omitted:
 * the real ones are all zero, which is what block 1 of a fresh chain gets.
 * @throws Error if queries.json does not hold exactly one metadata, one transaction and one code preimage
 */
export function witnessBlockFixtureJson(queries: readonly RealQuery[] = realWitnessQueries()): Record<string, unknown> {
  const m = decodeBlockMetadata(words(only(queries, QueryId.BlockLevelMetadata).response));
  const sizes = queries.filter((q) => q.id === QueryId.NextTxSize).map((q) => parseInt(q.response[0]!, 16));
  if (sizes.length !== 2 || sizes[1] !== 0) throw new Error(`queries.json: expected one transaction, got sizes ${sizes.join(", ")}`);
  const body = answerBytes(only(queries, QueryId.NewTxContent).response).slice(0, sizes[0]);
  const sender = bytesToHex(parseZkTransactionBody(body).tx.from);

  // The preimages the image read: account records (124 bytes, answered as 128) and code; the code is
  // the preimage one record names, cut to the record's bytecode length.
  const preimages = queries.filter((q) => q.id === QueryId.PreimageContentWords);
  const isRecord = (q: RealQuery) => q.response.length * 4 === Math.ceil(ACCOUNT_PROPERTIES_ENCODED_LEN / 8) * 8;
  const codes = preimages.filter((q) => !isRecord(q));
  if (codes.length !== 1) throw new Error(`queries.json: expected one code preimage, found ${codes.length}`);
  const codeHash = bytesToHex(answerBytes(codes[0]!.params));
  const owner = preimages.filter(isRecord)
    .map((q) => decodeAccountProperties(answerBytes(q.response).subarray(0, ACCOUNT_PROPERTIES_ENCODED_LEN)))
    .find((p) => bytesToHex(p.bytecodeHash) === codeHash);
  if (owner === undefined) throw new Error(`queries.json: no account record names the code preimage ${codeHash}`);
  const code = answerBytes(codes[0]!.response).slice(0, owner.bytecodeLen + owner.artifactsLen);

  const quantity = (v: bigint) => `0x${v.toString(16)}`;
  return {
    description: "the real one-transaction block of shared/fixtures/zksync-os-witness on a pre-state of our own (2 accounts instead of the real 172 leaves)",
    profile: "zksync-os",
    chainId: Number(m.chainId),
    state: {
      [sender]: { balance: SENDER_BALANCE },
      [BOOTLOADER_ADDRESS]: { code: bytesToHex(code) },
    },
    blocks: [{
      number: Number(m.blockNumber), timestamp: Number(m.timestamp), baseFee: quantity(m.eip1559BaseFee), gasLimit: quantity(m.gasLimit),
      coinbase: bytesToHex(m.coinbase), prevRandao: quantity(m.mixHash), gasPerPubdata: quantity(m.gasPerPubdata),
      nativePrice: quantity(m.nativePrice), transactions: [{ abiBody: bytesToHex(body) }],
    }],
  };
}

/** {@link witnessBlockFixtureJson}, parsed. */
export function loadWitnessBlockFixture(): BlockFixture {
  return parseBlockFixture(witnessBlockFixtureJson(), "witness-block");
}
