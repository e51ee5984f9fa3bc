// The secp256k1 part of the WASM ABI (architecture.md §4.2): public-key and address recovery on
// 97-byte records (hash, r, s big-endian; recovery id 0/1), with the `secp` subsystem prefix.
export {
  recoverPublicKey as secpRecover,
  recoverAddress as secpRecoverAddress,
  recoverAddresses as secpRecoverAddresses,
} from "./recover";
