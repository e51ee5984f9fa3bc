/**
 * A minimal ERC-20 in raw EVM bytecode, written for the block benchmark and the bootloader fixtures
 * (bench/evm-asm.ts; nothing compiled): `transfer(address,uint256)` and `balanceOf(address)`, the
 * balance of an account at the storage slot numbered by its address, a `Transfer` event per transfer.
 * @module
 */
import { assemble, initcode } from "./evm-asm";

/** keccak("Transfer(address,address,uint256)"). */
export const TRANSFER_TOPIC = 0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3efn;
/** `transfer(address,uint256)`. */
export const TRANSFER_SELECTOR = 0xa9059cbb;
/** `balanceOf(address)`. */
export const BALANCE_OF_SELECTOR = 0x70a08231;

/**
 * The runtime code. transfer: reverts (empty) when the sender holds less than the amount, else
 * moves it (sender first, so a self-transfer is a no-op), logs Transfer(from, to, amount) and
 * returns true; balanceOf returns the slot; any other selector reverts.
 */
export const ERC20_RUNTIME: Uint8Array = assemble([
  0, "CALLDATALOAD", 0xe0, "SHR",
  "DUP1", TRANSFER_SELECTOR, "EQ", "@transfer", "JUMPI",
  "DUP1", BALANCE_OF_SELECTOR, "EQ", "@balanceOf", "JUMPI",
  0, "DUP1", "REVERT",
  ":balanceOf",
  4, "CALLDATALOAD", "SLOAD", 0, "MSTORE", 32, 0, "RETURN",
  ":transfer",
  0x24, "CALLDATALOAD", // amount
  "CALLER", "SLOAD", // amount, balance
  "DUP2", "DUP2", "LT", "@fail", "JUMPI",
  "DUP2", "SWAP1", "SUB", "CALLER", "SSTORE", // balance − amount → sender
  4, "CALLDATALOAD", "DUP1", "SLOAD", "DUP3", "ADD", "SWAP1", "SSTORE", // + amount → recipient
  0, "MSTORE",
  4, "CALLDATALOAD", "CALLER", TRANSFER_TOPIC, 32, 0, "LOG3",
  1, 0, "MSTORE", 32, 0, "RETURN",
  ":fail",
  0, "DUP1", "REVERT",
]);

/** Initcode minting `supply` to the deployer, then deploying {@link ERC20_RUNTIME}. */
export function erc20Initcode(supply: bigint): Uint8Array {
  return initcode(ERC20_RUNTIME, [supply, "CALLER", "SSTORE"]);
}

/** Calldata of transfer(to, amount). */
export function transferCalldata(to: Uint8Array, amount: bigint): Uint8Array {
  const out = new Uint8Array(68);
  new DataView(out.buffer).setUint32(0, TRANSFER_SELECTOR);
  out.set(to, 16);
  for (let i = 67, v = amount; i >= 36 && v > 0n; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** Calldata of balanceOf(owner). */
export function balanceOfCalldata(owner: Uint8Array): Uint8Array {
  const out = new Uint8Array(36);
  new DataView(out.buffer).setUint32(0, BALANCE_OF_SELECTOR);
  out.set(owner, 16);
  return out;
}
