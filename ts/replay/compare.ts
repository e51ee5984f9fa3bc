/**
 * Compares one replayed transaction with its expected outcome (interfaces.md §2 `zkos replay`) and
 * names every difference. `ethereum`: everything exact. `zksync-os`: the reference eth_runner's
 * rules (zksync-os-reference.md §9, tests/instances/eth_runner/src/post_check.rs @ 0a82da0):
 * gas up to what refunds explain, balances not checked, the coinbase left out.
 * @module
 */
import { bytesToHex } from "../primitives/hex";
import type { TouchedAccount } from "../tracing/prestate-tracer";
import type { ExpectedOutcome } from "./expected";

/** Which rules the replay ran under. */
export type ReplayProfile = "ethereum" | "zksync-os";

/** A log the run emitted (bytes or `0x` hex). */
export interface ActualLog {
  address: string;
  topics: readonly (Uint8Array | string)[];
  data: Uint8Array | string;
}

/** What the run of one transaction produced. */
export interface ActualOutcome {
  success: boolean;
  gasUsed: bigint;
  logs: readonly ActualLog[];
  /** Every account it touched, with values at its start and end (as for the prestate tracer). */
  accounts: Iterable<TouchedAccount>;
  /** Set when the run refused the transaction as invalid (the reason); the other fields are then empty. */
  rejected?: string;
}

export interface CompareOptions {
  profile: ReplayProfile;
  /** The block's miner, left out of the state comparison under `zksync-os`. */
  coinbase: string;
}

/** The differences that fail the transaction, and those the profile accepts (for reports). */
export interface Comparison {
  mismatches: string[];
  tolerated: string[];
}

const ZERO_SLOT = "0x" + "0".repeat(64);
const hex = (v: Uint8Array | string): string => (typeof v === "string" ? v.toLowerCase() : bytesToHex(v));
const q = (v: bigint): string => "0x" + v.toString(16);

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function codeText(c: Uint8Array): string {
  const h = bytesToHex(c);
  return `${h.length > 26 ? h.slice(0, 26) + "…" : h} (${c.length} bytes)`;
}

/**
 * The reference's refund heuristic (`consistent_with_refund`): SSTORE refunds come in 19,900,
 * 2,800 and 4,800 and are capped at a fifth of the gas used, so a difference is a refund when it
 * is a sum of those amounts, or exactly floor(gasUsed / 5) of the run without refunds.
 */
export function consistentWithRefund(gasUsedWithoutRefunds: bigint, difference: bigint): boolean {
  return hasRefundDecomposition(difference) || gasUsedWithoutRefunds / 5n === difference;
}

/** Whether x = 19900a + 2800b + 4800c for naturals a, b, c. */
function hasRefundDecomposition(x: bigint): boolean {
  if (x < 0n || x % 100n !== 0n) return false;
  // Divided by 100: 199a + 28b + 48c = y, and 28b + 48c = 4(7b + 12c). For 7b + 12c = r only
  // c mod 7 matters (12 is invertible mod 7), so c in 0..6 decides.
  const y = x / 100n;
  for (let a = 0n; 199n * a <= y; a++) {
    const rem = y - 199n * a;
    if (rem % 4n !== 0n) continue;
    const r = rem / 4n;
    for (let c = 0n; c < 7n && 12n * c <= r; c++) if ((r - 12n * c) % 7n === 0n) return true;
  }
  return false;
}

interface ActualChange {
  account: TouchedAccount;
  balance: boolean;
  nonce: boolean;
  code: boolean;
  /** Changed slots → new value. */
  storage: Map<string, string>;
}

function actualChange(a: TouchedAccount): ActualChange | null {
  const storage = new Map<string, string>();
  for (const [k, v] of a.storage) if (v.pre !== v.post) storage.set(k, v.post);
  const c = {
    account: a,
    balance: a.pre.balance !== a.post.balance,
    nonce: a.pre.nonce !== a.post.nonce,
    code: !bytesEqual(a.pre.code, a.post.code),
    storage,
  };
  return c.balance || c.nonce || c.code || storage.size > 0 ? c : null;
}

/**
 * Compares a run with the dumps' outcome. Mismatch texts start with what differed: `status`,
 * `gasUsed`, `logs`, `logs[i].address|topics|data`, or `balance|nonce|code|storage of 0x<address>`
 * (storage: `at 0x<slot>`), or `selfdestruct of 0x<address>`.
 */
export function compareOutcome(expected: ExpectedOutcome, actual: ActualOutcome, options: CompareOptions): Comparison {
  const zk = options.profile === "zksync-os";
  const mismatches: string[] = [];
  const tolerated: string[] = [];
  const report = (ok: boolean, text: string): void => {
    (ok ? tolerated : mismatches).push(text);
  };

  if (actual.rejected !== undefined) {
    mismatches.push(`status: expected a valid transaction, the run rejected it: ${actual.rejected}`);
    return { mismatches, tolerated };
  }
  if (expected.success !== actual.success) {
    mismatches.push(`status: expected ${expected.success ? "success" : "failure"}, got ${actual.success ? "success" : "failure"}`);
  }
  if (expected.gasUsed !== actual.gasUsed) {
    const diff = actual.gasUsed - expected.gasUsed;
    const text = `gasUsed: expected ${expected.gasUsed}, got ${actual.gasUsed} (${diff > 0n ? "+" : ""}${diff})`;
    report(zk && consistentWithRefund(actual.gasUsed, diff < 0n ? -diff : diff), text);
  }
  compareLogs(expected, actual, mismatches);

  const coinbase = options.coinbase.toLowerCase();
  const skip = (address: string): boolean => zk && address === coinbase;
  const touched = new Map<string, ActualChange | null>();
  for (const a of actual.accounts) touched.set(a.address, actualChange(a));

  for (const e of expected.changes.values()) {
    if (skip(e.address)) continue;
    const got = touched.get(e.address) ?? null;
    if (e.selfDestructed) {
      compareSelfDestruct(e.address, got, mismatches);
      continue;
    }
    const acc = got?.account;
    const balance = acc?.post.balance ?? e.pre?.balance ?? 0n;
    const nonce = acc?.post.nonce ?? e.pre?.nonce ?? 0n;
    const code = acc?.post.code ?? e.pre?.code ?? new Uint8Array(0);
    if (e.balance !== undefined && e.balance !== balance) report(zk, `balance of ${e.address}: expected ${q(e.balance)}, got ${q(balance)}`);
    if (e.balance === undefined && got?.balance) report(zk, `balance of ${e.address}: expected unchanged ${q(acc!.pre.balance)}, got ${q(balance)}`);
    if (e.nonce !== undefined && e.nonce !== nonce) mismatches.push(`nonce of ${e.address}: expected ${e.nonce}, got ${nonce}`);
    if (e.nonce === undefined && got?.nonce) mismatches.push(`nonce of ${e.address}: expected unchanged ${acc!.pre.nonce}, got ${nonce}`);
    if (e.code !== undefined && !bytesEqual(e.code, code)) mismatches.push(`code of ${e.address}: expected ${codeText(e.code)}, got ${codeText(code)}`);
    if (e.code === undefined && got?.code) mismatches.push(`code of ${e.address}: expected unchanged ${codeText(acc!.pre.code)}, got ${codeText(code)}`);
    for (const [slot, want] of e.storage) {
      const have = got?.storage.get(slot);
      if (have === undefined) {
        const before = acc?.storage.get(slot)?.pre ?? e.pre?.storage.get(slot);
        mismatches.push(`storage of ${e.address} at ${slot}: expected ${want}, got unchanged${before === undefined ? "" : " " + before}`);
      } else if (have !== want) {
        mismatches.push(`storage of ${e.address} at ${slot}: expected ${want}, got ${have}`);
      }
    }
    for (const [slot, have] of got?.storage ?? []) {
      if (!e.storage.has(slot)) mismatches.push(`storage of ${e.address} at ${slot}: expected unchanged ${acc!.storage.get(slot)!.pre}, got ${have}`);
    }
  }

  for (const [address, c] of touched) {
    if (c === null || expected.changes.has(address) || skip(address)) continue;
    const a = c.account;
    if (c.balance) report(zk, `balance of ${address}: expected unchanged ${q(a.pre.balance)}, got ${q(a.post.balance)}`);
    if (c.nonce) mismatches.push(`nonce of ${address}: expected unchanged ${a.pre.nonce}, got ${a.post.nonce}`);
    if (c.code) mismatches.push(`code of ${address}: expected unchanged ${codeText(a.pre.code)}, got ${codeText(a.post.code)}`);
    for (const [slot, have] of c.storage) mismatches.push(`storage of ${address} at ${slot}: expected unchanged ${a.storage.get(slot)!.pre}, got ${have}`);
  }
  return { mismatches, tolerated };
}

function compareLogs(expected: ExpectedOutcome, actual: ActualOutcome, out: string[]): void {
  if (expected.logs.length !== actual.logs.length) {
    out.push(`logs: expected ${expected.logs.length}, got ${actual.logs.length}`);
    return;
  }
  expected.logs.forEach((e, i) => {
    const a = actual.logs[i]!;
    if (e.address !== a.address.toLowerCase()) out.push(`logs[${i}].address: expected ${e.address}, got ${a.address.toLowerCase()}`);
    const topics = a.topics.map(hex);
    if (topics.join() !== e.topics.join()) out.push(`logs[${i}].topics: expected [${e.topics.join(", ")}], got [${topics.join(", ")}]`);
    const data = hex(a.data);
    if (data !== e.data) out.push(`logs[${i}].data: expected ${e.data}, got ${data}`);
  });
}

/**
 * geth's diff shows a SELFDESTRUCT-executing account in `pre` only and nothing else about it. The
 * run agrees when it deleted the account (created in the transaction, EIP-6780), or left it with
 * nonce and code unchanged and its balance sent away (or kept, when it named itself beneficiary).
 */
function compareSelfDestruct(address: string, got: ActualChange | null, out: string[]): void {
  const a = got?.account;
  if (a === undefined || !a.selfDestructed) {
    out.push(`selfdestruct of ${address}: expected, the run did not execute it`);
    return;
  }
  const deleted = a.post.balance === 0n && a.post.nonce === 0n && a.post.code.length === 0 && [...a.storage.values()].every((s) => s.post === ZERO_SLOT);
  if (a.created && !deleted) out.push(`selfdestruct of ${address}: created in the transaction but not deleted`);
  if (!a.created && (got!.nonce || got!.code)) out.push(`selfdestruct of ${address}: nonce or code changed, EIP-6780 keeps them`);
}
