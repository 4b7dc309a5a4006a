// Bytes on the wire for a ticket page, as a real Chromium receives them (issue 13, item 17):
// a production server on a fresh demo database, the monitor signed in through the form, then a
// cold-cache visit of a ticket page (HTML + the JS/CSS it loads) and of its `.data` answer.
// Transfer sizes are CDP's encodedDataLength (headers + body as received, compressed or not).
// A second cold visit under a slow phone network (400 ms, 1.6 Mbps down, 750 kbps up) prints
// the time to the load event: a figure, never an assertion.
//
//   BUILD_DIR=build npx tsx scripts/bench/wire-bytes.ts        (WIRE_PORT, default 3470)
// Runs the build as it is (build it first: `npm run build`), so two builds can be compared.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { serverNodeArgs } from "../server-flags.mjs";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, type BrowserContext, type CDPSession } from "@playwright/test";

const ROOT = process.cwd();
const PORT = Number(process.env.WIRE_PORT ?? 3470);
const BASE = `http://localhost:${PORT}`;
const DATA_DIR = path.join(ROOT, "data", `wire-bytes-${PORT}`);
const BUILD_DIR = process.env.BUILD_DIR ?? "build";

/** Migrates and seeds a fresh demo database, then starts the build's server on it. */
async function startServer(): Promise<ChildProcess> {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    DATABASE_URL: `file:${path.join(DATA_DIR, "e2e.db")}`,
    DATA_DIR,
    BUILD_DIR,
    RATE_LIMIT: "off",
    LOG_LEVEL: "warn",
  };
  for (const step of [["scripts/db/migrate.mjs"], [path.join(BUILD_DIR, "node", "seed.js"), "--if-empty"]]) {
    const run = spawnSync(process.execPath, step, { env, stdio: ["ignore", "ignore", "inherit"] });
    if (run.status !== 0) throw new Error(`${step[0]} failed`);
  }
  // with the start flags of npm start (ADR 016), so the figures are those of the server people run
  const child = spawn(process.execPath, serverNodeArgs(path.join(BUILD_DIR, "node", "server.js")), {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${BASE}/healthz`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGTERM");
  throw new Error(`server on ${PORT} did not come up`);
}

type Entry = { url: string; type: string; encoding: string; wire: number; decoded: number };

/** Every response the page receives while `run` runs, with its transfer and decoded size. */
async function recordTransfers(cdp: CDPSession, run: () => Promise<void>): Promise<Entry[]> {
  const entries = new Map<string, Entry>();
  const done: Entry[] = [];
  cdp.on("Network.responseReceived", (e) => {
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    entries.set(e.requestId, { url: e.response.url, type: e.type, encoding: headers["content-encoding"] ?? "-", wire: 0, decoded: 0 });
  });
  cdp.on("Network.dataReceived", (e) => {
    const entry = entries.get(e.requestId);
    if (entry) entry.decoded += e.dataLength;
  });
  cdp.on("Network.loadingFinished", (e) => {
    const entry = entries.get(e.requestId);
    if (!entry) return;
    entry.wire = e.encodedDataLength;
    done.push(entry);
  });
  await cdp.send("Network.enable");
  await run();
  return done;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function printTable(title: string, entries: Entry[]) {
  console.log(`\n${title}`);
  for (const e of entries)
    console.log(
      `  ${e.type.padEnd(10)} ${e.encoding.padEnd(5)} ${kb(e.wire).padStart(10)} (decoded ${kb(e.decoded)})  ${new URL(e.url).pathname}`,
    );
  const total = entries.reduce((s, e) => s + e.wire, 0);
  const decoded = entries.reduce((s, e) => s + e.decoded, 0);
  console.log(`  total on the wire: ${kb(total)} (decoded ${kb(decoded)}), ${entries.length} responses`);
}

async function signedInState(context: BrowserContext) {
  const page = await context.newPage();
  await page.goto(`${BASE}/login`);
  await page.getByLabel("이메일").fill("monitor@demo.kr");
  await page.getByLabel("비밀번호").fill("demo1234!");
  await page.getByRole("button", { name: "로그인" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  return context.storageState();
}

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const state = await signedInState(await browser.newContext());
    const db = new Database(path.join(DATA_DIR, "e2e.db"), { readonly: true });
    const { id } = db.prepare(`SELECT id FROM Ticket WHERE number LIKE 'AS-%-0004'`).get() as { id: string };
    db.close();
    const url = `${BASE}/tickets/${id}`;

    // cold cache: a new context has an empty HTTP cache
    const context = await browser.newContext({ storageState: state });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const pageLoad = await recordTransfers(cdp, async () => {
      await page.goto(url, { waitUntil: "networkidle" });
    });
    const visible = pageLoad.filter((e) => !new URL(e.url).pathname.startsWith("/socket.io/"));
    printTable(`Ticket page ${new URL(url).pathname} (cold cache, HTML + JS + CSS)`, visible);
    const dataFetch = await recordTransfers(cdp, async () => {
      await page.evaluate(async (p) => (await fetch(`${p}.data`)).text(), new URL(url).pathname);
    });
    printTable("Its .data answer (a client-side navigation's request)", dataFetch);
    await context.close();

    const slow = await browser.newContext({ storageState: state });
    const slowPage = await slow.newPage();
    const slowCdp = await slow.newCDPSession(slowPage);
    await slowCdp.send("Network.enable");
    await slowCdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 400,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    });
    await slowPage.goto(url, { waitUntil: "load" });
    const loadMs = await slowPage.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return Math.round(nav.loadEventEnd - nav.startTime);
    });
    console.log(`\nSlow phone network (400 ms, 1.6 Mbps down), cold cache: load event after ${loadMs} ms`);
    await slow.close();
  } finally {
    await browser.close();
    server.kill("SIGTERM");
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
