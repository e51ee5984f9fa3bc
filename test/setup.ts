// Instantiates the debug build of the core (asserts on) once per test worker and installs it,
// so tests go through ts/wasm.ts exactly as production does (architecture.md §9).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { instantiateSync, setWasm } from "../ts/wasm";

const path = fileURLToPath(new URL("../dist/zkos.debug.wasm", import.meta.url));
setWasm(instantiateSync(readFileSync(path)));
