/**
 * Profiling driver of the `block` bench suite (not a suite): builds the same 1,000-transfer block and
 * runs it `ROUNDS` times on fresh state (`POOL=n`: through a RecoverPool of n workers), printing each
 * round's wall time and the main thread's CPU time (Linux /proc schedstat, so figures taken on a
 * loaded machine still compare), for `node --cpu-prof` on the bundle. Bundle with esbuild
 * (--bundle --platform=node --format=esm --target=es2022 --loader:.wasm=binary).
 * @module
 */
import { readFileSync, readdirSync } from "node:fs";
import "../ts/load-embedded";
import { RecoverPool } from "../ts/crypto/recover-pool";
import { freshChain, workload } from "./block.bench";

// On-CPU nanoseconds of one thread (the main thread's tid is the pid), or of all threads.
function cpuNs(tid: number | null): number {
  const tids = tid === null ? readdirSync("/proc/self/task").map(Number) : [tid];
  let ns = 0;
  for (const t of tids) {
    try {
      ns += Number(readFileSync(`/proc/self/task/${t}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ns;
}

const rounds = Number(process.env.ROUNDS ?? 10);
const usePool = process.env.POOL !== undefined;
const w = workload();
const pool = usePool ? await RecoverPool.create(Number(process.env.POOL)) : null;
const wall: number[] = [];
const main: number[] = [];
const all: number[] = [];
for (let r = 0; r < rounds; r++) {
  const chain = freshChain(w);
  const m0 = cpuNs(process.pid), a0 = cpuNs(null);
  const t0 = performance.now();
  if (pool === null) chain.runBlock(w.spec);
  else await chain.runBlockWithPool(w.spec, pool);
  wall.push(performance.now() - t0);
  main.push((cpuNs(process.pid) - m0) / 1e6);
  all.push((cpuNs(null) - a0) / 1e6);
}
await pool?.close();
const best = (xs: number[]): number => Math.min(...xs.slice(Math.min(3, xs.length - 1)));
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`wall ms: ${wall.map((t) => t.toFixed(0)).join(" ")}`);
console.log(`main-thread cpu ms: ${main.map((t) => t.toFixed(0)).join(" ")}`);
console.log(`best wall ${best(wall).toFixed(1)} ms = ${(1e6 / best(wall)).toFixed(0)} TPS; main cpu best ${best(main).toFixed(1)} median ${median(main).toFixed(1)} ms; all threads cpu median ${median(all).toFixed(1)} ms`);
