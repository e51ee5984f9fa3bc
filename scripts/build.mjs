// Builds dist/ from ts/ with esbuild: the Node library entry, the CLI, the browser bundle, and the
// type declarations (tsc). The WASM core must already be in dist/ (npm run build:as).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { existsSync, chmodSync, readFileSync } from "node:fs";

if (!existsSync("dist/zkos.wasm")) {
  console.error("build: dist/zkos.wasm is missing; run `npm run build:as` first");
  process.exit(2);
}

const common = {
  bundle: true,
  format: "esm",
  target: "es2022",
  loader: { ".wasm": "binary" },
  sourcemap: false,
  logLevel: "warning",
};

// Runtime dependencies stay external in the Node builds (npm installs them); dev dependencies
// (benchmark peers, test tools) are loaded lazily by the bench suites and never bundled.
const pkg = JSON.parse(readFileSync("package.json", "utf8"));
const nodeExternal = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})];

await Promise.all([
  build({ ...common, platform: "node", entryPoints: ["ts/index.ts"], outfile: "dist/index.js", external: nodeExternal }),
  build({
    ...common,
    platform: "node",
    entryPoints: ["ts/cli/bin.ts"],
    outfile: "dist/cli.js",
    external: nodeExternal,
    banner: { js: "#!/usr/bin/env node" },
  }),
  build({ ...common, platform: "browser", entryPoints: ["ts/index.ts"], outfile: "dist/zkos.browser.js" }),
  // Recovery worker thread (ts/crypto/recover-pool.ts looks for it beside the bundle); it gets the
  // compiled core from the pool, so the WASM is not embedded twice.
  build({ ...common, platform: "node", entryPoints: ["ts/crypto/recover-worker.ts"], outfile: "dist/recover-worker.js", external: nodeExternal }),
]);
chmodSync("dist/cli.js", 0o755);

execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], { stdio: "inherit" });
