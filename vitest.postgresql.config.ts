import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The integration tests again, on PostgreSQL (ADR 041): every test file that reaches the database only
// through the app's Prisma client runs on a database of its own on a private server
// (tests/postgresql/global-setup.ts). Left out: the tests of SQLite's own machinery (its migration tool,
// its two connections, its query plans, its pragmas) and the ones that open the SQLite file directly.
export const SQLITE_ONLY = [
  "tests/unit/db-isolation.test.ts",
  "tests/unit/password-admin-create.test.ts",
  "tests/unit/password-demo-mode.test.ts",
  "tests/unit/demo-story.test.ts",
  "tests/unit/query-counts.test.ts",
];

export default defineConfig({
  plugins: base.plugins,
  test: {
    ...base.test,
    include: ["tests/unit/**/*.test.ts", "tests/postgresql/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...SQLITE_ONLY],
    globalSetup: ["tests/postgresql/global-setup.ts"],
    coverage: { enabled: false },
  },
});
