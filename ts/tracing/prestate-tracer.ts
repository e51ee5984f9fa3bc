/**
 * geth's prestateTracer (eth/tracers/native/prestate.go, v1.15.8), default and diffMode, built from
 * the accounts one transaction touched with their values at its start and end. Shapes, omission
 * rules and the sorted key order are geth's; `TouchedAccount` is also the state diff replay compares.
 * @module
 */
import { bytesToHex } from "../primitives/hex";

/** An account's fields at one moment (a missing account is all zero). */
export interface AccountSnapshot {
  balance: bigint;
  nonce: bigint;
  code: Uint8Array;
}

/** A slot's value at the transaction's start and end, as `0x` + 64 lower-case hex digits. */
export interface SlotChange {
  pre: string;
  post: string;
}

/**
 * An account the transaction touched the way geth's prestate tracer records it: the sender, the
 * recipient (or created address), the coinbase, every CALL/CALLCODE/DELEGATECALL/STATICCALL target,
 * every BALANCE/EXTCODESIZE/EXTCODECOPY/EXTCODEHASH operand, SELFDESTRUCT beneficiaries and
 * CREATE/CREATE2 addresses (computed, even if the creation then fails).
 */
export interface TouchedAccount {
  /** `0x` + 40 lower-case hex digits. */
  address: string;
  /** Values before the transaction (before the sender pays for gas). */
  pre: AccountSnapshot;
  /** Values after the transaction (fees and refunds settled). */
  post: AccountSnapshot;
  /** Every slot of this account that SLOAD or SSTORE addressed, keyed `0x` + 64 hex digits. */
  storage: ReadonlyMap<string, SlotChange>;
  /** The address was a CREATE/CREATE2 target or the creation transaction's address. */
  created: boolean;
  /** The account executed SELFDESTRUCT (v1.15.8 flags every SELFDESTRUCT, EIP-6780 or not). */
  selfDestructed: boolean;
}

/** One account as the prestate tracer prints it. `nonce` is a JSON number. */
export interface GethPrestateAccount {
  balance?: string;
  code?: string;
  nonce?: number;
  storage?: Record<string, string>;
}

/** Default-mode output: address → account. */
export type GethPrestateResult = Record<string, GethPrestateAccount>;

/** diffMode output: changed accounts before and after (post first, as geth prints it). */
export interface GethDiffResult {
  post: GethPrestateResult;
  pre: GethPrestateResult;
}

/** prestateTracer options (`tracerConfig`, without diffMode). */
export interface PrestateTracerConfig {
  disableCode?: boolean;
  disableStorage?: boolean;
}

const ZERO_SLOT = "0x" + "0".repeat(64);
const q = (v: bigint): string => "0x" + v.toString(16);

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** geth's `empty` flag, taken when the account is first looked up (storage not yet read). */
function emptyAtLookup(a: TouchedAccount): boolean {
  return a.pre.nonce === 0n && a.pre.balance === 0n && a.pre.code.length === 0;
}

/** Account JSON in geth's member order: balance, code, nonce, storage. */
function accountJson(s: AccountSnapshot | Partial<AccountSnapshot>, storage: Record<string, string> | undefined, cfg: PrestateTracerConfig): GethPrestateAccount {
  const o: GethPrestateAccount = {};
  if (s.balance !== undefined) o.balance = q(s.balance);
  if (!cfg.disableCode && s.code !== undefined && s.code.length > 0) o.code = bytesToHex(s.code);
  if (s.nonce !== undefined && s.nonce !== 0n) o.nonce = Number(s.nonce);
  if (storage !== undefined && Object.keys(storage).length > 0) o.storage = storage;
  return o;
}

/** A record with keys in ascending order (Go's encoding/json sorts map keys). */
function sortedRecord<T>(entries: [string, T][]): Record<string, T> {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Record<string, T> = {};
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/**
 * Default mode: every touched account with its pre-transaction balance (always), code and nonce
 * (when non-empty/non-zero) and every addressed slot's pre value (zeros included), except created
 * accounts that were empty before.
 */
export function prestateTrace(accounts: Iterable<TouchedAccount>, config: PrestateTracerConfig = {}): GethPrestateResult {
  const out: [string, GethPrestateAccount][] = [];
  for (const a of accounts) {
    if (a.created && emptyAtLookup(a)) continue;
    const storage = config.disableStorage ? undefined : sortedRecord([...a.storage].map(([k, v]) => [k, v.pre]));
    out.push([a.address, accountJson(a.pre, storage, config)]);
  }
  return sortedRecord(out);
}

/**
 * diffMode: for each touched account that changed, `pre` holds its old balance, code, nonce and the
 * changed slots whose old value was non-zero; `post` holds only the fields that changed, and the
 * changed slots whose new value is non-zero (a slot in pre but not in post became zero). An
 * account that executed SELFDESTRUCT appears in `pre` only, with everything it had; an account
 * created from nothing appears in `post` only.
 */
export function prestateDiffTrace(accounts: Iterable<TouchedAccount>, config: PrestateTracerConfig = {}): GethDiffResult {
  const pre: [string, GethPrestateAccount][] = [];
  const post: [string, GethPrestateAccount][] = [];
  for (const a of accounts) {
    const dropPre = a.created && emptyAtLookup(a);
    if (a.selfDestructed) {
      const storage = config.disableStorage ? undefined : sortedRecord([...a.storage].map(([k, v]) => [k, v.pre]));
      if (!dropPre) pre.push([a.address, accountJson(a.pre, storage, config)]);
      continue;
    }
    const changed: Partial<AccountSnapshot> = {};
    let modified = false;
    if (a.post.balance !== a.pre.balance) {
      changed.balance = a.post.balance;
      modified = true;
    }
    if (a.post.nonce !== a.pre.nonce) {
      changed.nonce = a.post.nonce;
      modified = true;
    }
    if (!config.disableCode && !bytesEqual(a.post.code, a.pre.code)) {
      changed.code = a.post.code;
      modified = true;
    }
    const preSlots: [string, string][] = [];
    const postSlots: [string, string][] = [];
    if (!config.disableStorage) {
      for (const [k, v] of a.storage) {
        if (v.pre === v.post) continue;
        modified = true;
        if (v.pre !== ZERO_SLOT) preSlots.push([k, v.pre]);
        if (v.post !== ZERO_SLOT) postSlots.push([k, v.post]);
      }
    }
    if (!modified) continue;
    post.push([a.address, accountJson(changed, sortedRecord(postSlots), config)]);
    if (!dropPre) pre.push([a.address, accountJson(a.pre, sortedRecord(preSlots), config)]);
  }
  return { post: sortedRecord(post), pre: sortedRecord(pre) };
}
