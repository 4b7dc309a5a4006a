import fs from "node:fs";
import { defineConfig, devices, type Project } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/support/chromium";

// End-to-end tests drive a real Chromium against the production build, served
// by the same start script as `npm start`, on its own port and its own fresh
// database (scripts/e2e-server.mjs).
// E2E_DATABASE=postgresql (`npm run test:e2e:postgresql`): the workflow specs that read and write only
// through the browser run against PostgreSQL instead (one private server, a database per instance:
// scripts/e2e-server.mjs), on ports of their own. The others set up their cases in the SQLite file
// (tests/e2e/fixtures.ts) and stay on SQLite (docs/decisions/044).
const onPostgres = process.env.E2E_DATABASE === "postgresql";
const POSTGRES_SPECS = ["auth-and-scoping", "demo-walk", "manufacturer", "supplier"];
const PORT = Number(process.env.E2E_PORT ?? (onPostgres ? 3400 : 3100));
// Every spec file gets its own server and freshly seeded database (port
// PORT + i, data/e2e-<port>), so no file depends on what another one changed.
// E2E_SPECS=name,name runs (and starts servers for) only those spec files, e.g. while working on one.
const only = process.env.E2E_SPECS?.split(",")
  .map((s) => s.trim().replace(/\.spec\.ts$/, ""))
  .filter(Boolean);
const SPECS = fs
  .readdirSync("tests/e2e")
  .filter((f) => f.endsWith(".spec.ts") && (!only?.length || only.includes(f.replace(/\.spec\.ts$/, ""))))
  .filter((f) => !onPostgres || POSTGRES_SPECS.includes(f.replace(/\.spec\.ts$/, "")))
  .sort();

export default defineConfig({
  testDir: "tests/e2e",
  // one artefact folder per port, so parallel runs never delete each other's
  outputDir: onPostgres ? `test-results/postgresql-${PORT}` : `test-results/${PORT}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    trace: "retain-on-failure",
  },
  projects: SPECS.map((file, i): Project => ({
    name: file.replace(/\.spec\.ts$/, ""),
    testMatch: file,
    use: {
      ...devices["Desktop Chrome"],
      baseURL: `http://localhost:${PORT + i}`,
      launchOptions: chromiumLaunchOptions,
    },
  })),
  webServer: {
    command: "node scripts/e2e-server.mjs",
    // e2e-server.mjs starts the last instance after all the others: it answering means all are up.
    url: `http://localhost:${PORT + SPECS.length - 1}/healthz`,
    // Rate limits are off for the test servers by configuration (RATE_LIMIT=off), never in code.
    env: { PORT: String(PORT), E2E_INSTANCES: String(SPECS.length), RATE_LIMIT: "off" },
    timeout: 360_000,
    reuseExistingServer: false,
    // on PostgreSQL the server script stops its servers and then PostgreSQL itself (its folder removed):
    // a SIGTERM it can answer, instead of the default SIGKILL of its process group
    ...(onPostgres ? { gracefulShutdown: { signal: "SIGTERM" as const, timeout: 20_000 } } : {}),
    stdout: "pipe",
    stderr: "pipe",
  },
});
