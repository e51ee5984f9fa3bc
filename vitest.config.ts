import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.slow.test.ts", "node_modules/**"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    pool: "threads",
  },
});
