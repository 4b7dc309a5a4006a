import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// End-to-end tests drive a real Chromium against the production build, served
// by the same start script as `npm start`, on its own port and its own fresh
// database (scripts/e2e-server.mjs).
const PORT = Number(process.env.E2E_PORT ?? 3100);
const systemChromium = "/usr/bin/chromium";
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync(systemChromium) ? systemChromium : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  // one artefact folder per port, so parallel runs never delete each other's
  outputDir: `test-results/${PORT}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
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
        },
      },
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${PORT}/healthz`,
    // Rate limits are off for the test server by configuration (RATE_LIMIT=off), never in code.
    env: { PORT: String(PORT), RATE_LIMIT: "off" },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
