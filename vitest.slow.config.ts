import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.slow.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 3_600_000,
    hookTimeout: 600_000,
    pool: "threads",
  },
});
