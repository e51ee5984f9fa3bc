// BLAKE2b F for the EIP-152 precompile (ts/hooks/precompiles/09-blake2f.ts).
export { blake2fInit, blake2fRounds, blake2fFinal } from "./compress";
