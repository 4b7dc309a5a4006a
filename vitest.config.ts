import { defineConfig } from "vitest/config";
import tsconfigPaths from "vite-tsconfig-paths";

// Unit and integration tests (vitest). End-to-end tests live in tests/e2e and
// run under Playwright, never here.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/db/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    // seeding the demo (14 tickets with their documents) in a beforeAll takes ~8 s on a loaded 2-core machine
    hookTimeout: 30_000,
    coverage: {
      provider: "v8",
      include: ["app/domain/**/*.ts"],
      exclude: ["app/domain/**/*.test.ts"],
      reporter: ["text-summary"],
      // The rules module is the product's contract: every branch is tested.
      thresholds: { branches: 100, functions: 100, lines: 100, statements: 100 },
    },
  },
});
