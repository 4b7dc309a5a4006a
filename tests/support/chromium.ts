// How the Playwright suites launch the browser (playwright.config.ts, playwright.multinode.config.ts):
// Debian's Chromium when installed (CHROMIUM_PATH overrides), headless, with nothing running in the
// background that could reach the network or steal the tests' CPU.
import fs from "node:fs";
import type { LaunchOptions } from "@playwright/test";

const systemChromium = "/usr/bin/chromium";

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? (fs.existsSync(systemChromium) ? systemChromium : undefined),
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
};
