/**
 * Addresses of contracts created by CREATE (keccak256(rlp([sender, nonce]))[12:], Yellow Paper
 * §7) and CREATE2 (keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initcode))[12:], EIP-1014).
 * @module
 */
import { keccak256 } from "../../crypto/keccak";
import { rlpEncode, uintToRlpBytes } from "../../primitives/rlp";
import { addressFromBytes, addressToBytes, type Address } from "../../state/address";

/** The address CREATE gives for `sender` at `nonce` (the nonce before its increment). */
export function createAddress(sender: Address, nonce: bigint): Address {
  const hash = keccak256(rlpEncode([addressToBytes(sender), uintToRlpBytes(nonce)]));
  return addressFromBytes(hash.subarray(12));
}

/** The address CREATE2 gives for `sender`, a 32-byte `salt` and keccak256 of the initcode. */
export function create2Address(sender: Address, salt: Uint8Array, initcodeHash: Uint8Array): Address {
  const buf = new Uint8Array(85);
  buf[0] = 0xff;
  buf.set(addressToBytes(sender), 1);
  buf.set(salt, 21);
  buf.set(initcodeHash, 53);
  return addressFromBytes(keccak256(buf).subarray(12));
}
