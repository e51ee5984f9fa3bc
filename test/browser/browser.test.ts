// Browser check (issue 2): headless Chromium loads dist/zkos.browser.js as an ES module, served alone
// from 127.0.0.1, so the bundle must carry its WASM and its top-level await must work in a browser;
// hashes computed in the page are compared with @noble/hashes in Node.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { blake2s } from "@noble/hashes/blake2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes, hex } from "../helpers/bytes";

const CHROMIUM = "/usr/bin/chromium";
const BUNDLE = fileURLToPath(new URL("../../dist/zkos.browser.js", import.meta.url));
const SKIP = process.env.ZKOS_SKIP_BROWSER === "1";

// The page imports the bundle and publishes either the module or the reason it failed to load.
const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>zkos browser check</title></head>
<body><script type="module">
import("/zkos.browser.js").then(
  (m) => { window.zkos = m; },
  (e) => { window.zkosError = String(e && e.stack || e); },
);
</script></body></html>`;

const INPUTS: readonly { readonly name: string; readonly data: Uint8Array }[] = [
  { name: "empty", data: new Uint8Array(0) },
  { name: '"abc"', data: new TextEncoder().encode("abc") },
  { name: "64 bytes (one Blake2s block)", data: randomBytes(64, 64) },
  { name: "136 bytes (one Keccak-256 block)", data: randomBytes(136, 136) },
  { name: "137 bytes", data: randomBytes(137, 137) },
  { name: "1000 random bytes", data: randomBytes(1000, 0x9e3779b9) },
];

interface PageDigests {
  readonly keccak256: string;
  readonly blake2s256: string;
}

if (SKIP) {
  describe("browser bundle in headless Chromium", () => {
    it.skip("skipped: ZKOS_SKIP_BROWSER=1 is set (unset it to run the browser check)", () => {});
  });
} else {
  describe("browser bundle in headless Chromium", () => {
    let server: Server | undefined;
    let browser: Browser | undefined;
    let page: Page | undefined;
    const requested: string[] = [];
    const pageErrors: string[] = [];

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `${CHROMIUM} is missing: run scripts/ensure-chromium.sh (installs Debian's chromium with apt-get), ` +
            `or set ZKOS_SKIP_BROWSER=1 to skip the browser check`,
        );
      }
      if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build`);
      const bundle = readFileSync(BUNDLE);

      server = createServer((req, res) => {
        const path = (req.url ?? "/").split("?")[0]!;
        requested.push(path);
        if (path === "/") {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
        } else if (path === "/zkos.browser.js") {
          res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(bundle);
        } else if (path === "/favicon.ico") {
          // Chromium asks for it on its own; answering keeps its 404 out of the page errors.
          res.writeHead(204).end();
        } else {
          res.writeHead(404).end();
        }
      });
      await new Promise<void>((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(0, "127.0.0.1", resolve);
      });
      const { port } = server.address() as AddressInfo;

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      page = await browser.newPage();
      page.on("pageerror", (e) => pageErrors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") pageErrors.push(m.text());
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => "zkos" in window || "zkosError" in window, undefined, { timeout: 30_000 });
      const loadError = await page.evaluate(() => (window as unknown as { zkosError?: string }).zkosError);
      if (loadError !== undefined) throw new Error(`the page could not import dist/zkos.browser.js: ${loadError}`);
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    });

    it("loads the bundle alone: no WASM file or other resource is fetched, no page error", () => {
      expect(requested.filter((p) => p !== "/favicon.ico")).toEqual(["/", "/zkos.browser.js"]);
      expect(pageErrors).toEqual([]);
    });

    it("exports keccak256 and blake2s256 from the browser bundle", async () => {
      const kinds = await page!.evaluate(() => {
        const z = (window as unknown as { zkos: Record<string, unknown> }).zkos;
        return { keccak256: typeof z.keccak256, blake2s256: typeof z.blake2s256 };
      });
      expect(kinds).toEqual({ keccak256: "function", blake2s256: "function" });
    });

    it.each(INPUTS)("keccak256 and blake2s256 of $name match @noble/hashes", async ({ data }) => {
      const got = await page!.evaluate((input: number[]): PageDigests => {
        type Hash = (d: Uint8Array) => Uint8Array;
        const z = (window as unknown as { zkos: { keccak256: Hash; blake2s256: Hash } }).zkos;
        const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
        const d = new Uint8Array(input);
        return { keccak256: toHex(z.keccak256(d)), blake2s256: toHex(z.blake2s256(d)) };
      }, Array.from(data));
      expect(got).toEqual({ keccak256: hex(keccak_256(data)), blake2s256: hex(blake2s(data)) });
    });
  });
}
