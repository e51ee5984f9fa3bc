/**
 * The demo block (issue 5, `zkos demo`): a fixed pre-state and one block of signed transfers (types
 * 0, 1, 2), ERC-20 calls (one reverting), a deployment, an L1→L2 deposit (0xff) and a base-token
 * withdrawal through 0x800a, as a block fixture (interfaces.md §3). Keys are the well-known anvil
 * test keys, so every hash and root is the same on every run.
 * @module
 */
import { addressFromSecretKey, signTransaction, type TransactionFields } from "../ethereum/transaction";
import { bytesToHex, hexToBytes } from "../primitives/hex";
import { createAddress } from "../ee/evm/create-address";
import type { Address } from "../state/address";
import { parseBlockFixture, type BlockFixture } from "../bootloader/fixture";
import { ERC20_RUNTIME, erc20Initcode, transferCalldata } from "../../bench/erc20";

const ETHER = 10n ** 18n;
const CHAIN_ID = 270n;
/** anvil's accounts 0 and 1 (public test keys, never funded anywhere real). */
const ALICE_KEY = hexToBytes("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const BOB_KEY = hexToBytes("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

/** The accounts the demo block touches. */
export const DEMO = {
  alice: bytesToHex(addressFromSecretKey(ALICE_KEY)) as Address,
  bob: bytesToHex(addressFromSecretKey(BOB_KEY)) as Address,
  carol: "0x00000000000000000000000000000000000ca201" as Address,
  /** Receives the L1→L2 deposit; absent before the block. */
  dave: "0x000000000000000000000000000000000000d0d0" as Address,
  /** The L1 account that sends the deposit. */
  l1Sender: "0x000000000000000000000000000000000000aaaa" as Address,
  /** The L1 recipient of the withdrawal. */
  l1Recipient: "0x0000000000000000000000000000000000001111" as Address,
  /** The ERC-20 (bench/erc20.ts) in the pre-state. */
  token: "0x0000000000000000000000000000000000e2c020" as Address,
  /** Where Alice's deployment lands (her nonce 2). */
  deployed: createAddress(bytesToHex(addressFromSecretKey(ALICE_KEY)) as Address, 2n),
  depositValue: 2n * ETHER,
  withdrawValue: ETHER / 4n,
  initialTokens: 1_000_000n,
} as const;

/** What one demo transaction is, for the report. */
export interface DemoTxLabel {
  /** "legacy", "eip2930", "eip1559" or "l1->l2". */
  readonly type: string;
  /** What it does, in words. */
  readonly what: string;
  /** The status the demo expects. */
  readonly expect: "success" | "revert";
}

/** The demo's fixture with a label per transaction. */
export interface DemoBlock {
  readonly fixture: BlockFixture;
  readonly labels: readonly DemoTxLabel[];
}

function signed(key: Uint8Array, f: Partial<TransactionFields> & Pick<TransactionFields, "nonce" | "type">): string {
  return bytesToHex(signTransaction({
    chainId: CHAIN_ID, gasPrice: f.type === 2 ? null : 2_000n, maxFeePerGas: 2_000n, maxPriorityFeePerGas: f.type === 2 ? 1n : 2_000n,
    maxFeePerBlobGas: 0n, blobVersionedHashes: [], gasLimit: 1_000_000n, to: null, value: 0n, data: new Uint8Array(0), accessList: [], ...f,
  }, key).raw);
}

function withdrawCalldata(l1Recipient: string): Uint8Array {
  const out = new Uint8Array(36);
  out.set(hexToBytes("0x51cff8d9"), 0);
  out.set(hexToBytes(l1Recipient), 16);
  return out;
}

/** Builds the demo's pre-state and block. Deterministic: the same bytes on every call. */
export function demoBlock(): DemoBlock {
  const d = DEMO;
  const at = (a: string): Uint8Array => hexToBytes(a);
  const txs: { tx: unknown; label: DemoTxLabel }[] = [
    {
      tx: {
        type: "0xff", from: d.l1Sender, to: d.dave, gasLimit: "0x493e0", maxFeePerGas: "0x3e8", nonce: "0x0",
        gasPerPubdataByteLimit: "0x320", value: `0x${d.depositValue.toString(16)}`, refundRecipient: d.l1Sender, data: "0x",
      },
      label: { type: "l1->l2", what: `deposit 2 ETH from L1 ${d.l1Sender} to ${d.dave}`, expect: "success" },
    },
    {
      tx: signed(ALICE_KEY, { type: 2, nonce: 0n, to: at(d.bob), value: ETHER, gasLimit: 100_000n }),
      label: { type: "eip1559", what: "alice sends 1 ETH to bob", expect: "success" },
    },
    {
      tx: signed(BOB_KEY, { type: 0, nonce: 0n, to: at(d.carol), value: ETHER / 2n, gasLimit: 100_000n }),
      label: { type: "legacy", what: "bob sends 0.5 ETH to carol", expect: "success" },
    },
    {
      tx: signed(ALICE_KEY, { type: 2, nonce: 1n, to: at(d.token), data: transferCalldata(at(d.bob), 250_000n), gasLimit: 200_000n }),
      label: { type: "eip1559", what: "ERC-20 transfer(bob, 250000) by alice", expect: "success" },
    },
    {
      tx: signed(BOB_KEY, { type: 1, nonce: 1n, to: at(d.token), data: transferCalldata(at(d.carol), 100_000n), gasLimit: 200_000n }),
      label: { type: "eip2930", what: "ERC-20 transfer(carol, 100000) by bob", expect: "success" },
    },
    {
      tx: signed(BOB_KEY, { type: 2, nonce: 2n, to: at(d.token), data: transferCalldata(at(d.alice), 10n ** 9n), gasLimit: 200_000n }),
      label: { type: "eip1559", what: "ERC-20 transfer(alice, 10^9) by bob: more than he holds", expect: "revert" },
    },
    {
      tx: signed(ALICE_KEY, { type: 2, nonce: 2n, to: null, data: erc20Initcode(d.initialTokens), gasLimit: 1_000_000n }),
      label: { type: "eip1559", what: `alice deploys a new ERC-20 with 1000000 tokens at ${d.deployed}`, expect: "success" },
    },
    {
      tx: signed(ALICE_KEY, { type: 2, nonce: 3n, to: at(d.deployed), data: transferCalldata(at(d.carol), 42n), gasLimit: 200_000n }),
      label: { type: "eip1559", what: "new ERC-20 transfer(carol, 42) by alice", expect: "success" },
    },
    {
      tx: signed(BOB_KEY, { type: 2, nonce: 3n, to: at("0x000000000000000000000000000000000000800a"), value: d.withdrawValue, data: withdrawCalldata(d.l1Recipient) }),
      label: { type: "eip1559", what: `bob withdraws 0.25 ETH to L1 ${d.l1Recipient} (0x800a withdraw)`, expect: "success" },
    },
  ];
  const fixture = parseBlockFixture({
    profile: "zksync-os",
    chainId: Number(CHAIN_ID),
    state: {
      [d.alice]: { balance: `0x${(100n * ETHER).toString(16)}` },
      [d.bob]: { balance: `0x${(100n * ETHER).toString(16)}` },
      [d.token]: { code: bytesToHex(ERC20_RUNTIME), storage: { [d.alice]: `0x${d.initialTokens.toString(16)}` } },
    },
    blocks: [{
      number: 1, timestamp: 1_700_000_000, baseFee: "0x3e8", gasLimit: "0x5f5e100", coinbase: "0x0000000000000000000000000000000000c0ffee",
      prevRandao: "0x1", gasPerPubdata: "0x1", nativePrice: "0xa", transactions: txs.map((t) => t.tx),
    }],
  }, "demo");
  return { fixture, labels: txs.map((t) => t.label) };
}
