import { defineConfig, devices } from "@playwright/test";
import { chromiumLaunchOptions } from "./tests/support/chromium";

// The multi-node suite (issue 18, item 4; docs/decisions/044): two app nodes on a private PostgreSQL and
// Redis, started by the tests' own worker fixture (tests/multinode/cluster.ts) on ports MULTINODE_PORT
// (default 4700) and +1. The global setup builds the production bundle once (BUILD_DIR); the global
// teardown kills whatever a crashed worker left running.

export default defineConfig({
  testDir: "tests/multinode",
  outputDir: "test-results/multinode/artifacts",
  globalSetup: "./tests/multinode/global-setup.ts",
  globalTeardown: "./tests/multinode/global-teardown.ts",
  // one cluster, one worker: the tests kill and restart its processes, and the machine has 2 cores
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 120_000,
  reporter: [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    locale: "ko-KR",
    timezoneId: "Asia/Seoul",
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
});
