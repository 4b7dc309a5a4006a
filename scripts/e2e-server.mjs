// Servers for the end-to-end tests: builds once (when stale), then starts
// E2E_INSTANCES production servers exactly as `npm start` does, on ports
// PORT, PORT+1, …, each on a fresh database and data folder (data/e2e-<port>),
// a few at a time (E2E_START_PARALLEL, default the number of cores, at most 4). Each instance
// really sends its mail: to an SMTP sink of its own (a real SMTP server on a free port) that
// writes every message it receives into data/e2e-<port>/mail/ as a .eml file
// (tests/e2e/mailbox.ts reads them). Stops them all when it is stopped.
//
// E2E_DATABASE=postgresql: one private PostgreSQL (scripts/services/private-services.mjs) for the run, and
// each instance gets a database of its own (DATABASE_URL=postgresql://…/e2e_<port>) that `npm start`'s
// script migrates and seeds like a SQLite file. Its URL is written to data/e2e-<port>/database-url for the
// tests (tests/e2e/postgres-fixtures.ts). The server is stopped, and its folder removed, on SIGTERM/SIGINT
// (playwright.config.ts asks for that graceful shutdown on PostgreSQL).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startSmtpSink } from "./smtp-sink.mjs";
import { startPostgres } from "./services/private-services.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const base = Number(process.env.PORT ?? 3100);
const count = Number(process.env.E2E_INSTANCES ?? 1);

// Build once, up front, so the instances do not race to build.
const build = spawnSync(process.execPath, [path.join(root, "scripts", "start.mjs"), "--build-only"], { stdio: "inherit", cwd: root });
if (build.status !== 0) process.exit(build.status || 1);

const postgres = process.env.E2E_DATABASE === "postgresql" ? await startPostgres() : null;

const children = [];
let stopping = false;
const stopAll = () => {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
};
const exited = (child) => (child.exitCode !== null || child.signalCode !== null ? null : new Promise((resolve) => child.once("exit", resolve)));
/** The servers first (they close their pools), then PostgreSQL; each bounded, so a hung one cannot keep us. */
async function shutdown() {
  stopAll();
  const bound = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());
  await Promise.race([Promise.all(children.map(exited)), bound(10_000)]);
  await postgres?.stop();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
process.on("exit", stopAll);

async function healthy(port) {
  for (let i = 0; i < 300; i++) {
    if (
      await fetch(`http://localhost:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`test server on ${port} did not start`);
}

async function startInstance(i) {
  const port = base + i;
  const dir = path.join(root, "data", `e2e-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const sink = await startSmtpSink({ dir: path.join(dir, "mail") });
  const databaseUrl = postgres ? await postgres.createDatabase(`e2e_${port}`) : `file:${path.join(dir, "e2e.db")}`;
  fs.writeFileSync(path.join(dir, "database-url"), databaseUrl);
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DATA_DIR: dir,
      SMTP_URL: sink.url,
      APP_URL: `http://localhost:${port}`,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  });
  child.on("exit", (code) => {
    if (code && code !== 0 && !stopping) {
      console.error(`test server on ${port} exited with ${code}`);
      stopAll();
      if (postgres) postgres.stop().finally(() => process.exit(1));
      else process.exit(1);
    }
  });
  children.push(child);
  await healthy(port);
}

try {
  // A few at a time (each start migrates, seeds and boots a server: mostly one core's work), the last one
  // alone after all the others, so that it answering (playwright.config.ts waits for it) means all are up.
  // One after another, 45 instances took about 4.6 s each: with the build, past Playwright's wait.
  const parallel = Math.max(1, Math.min(4, Number(process.env.E2E_START_PARALLEL) || os.availableParallelism()));
  let next = 0;
  const lane = async () => {
    while (next < count - 1) await startInstance(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, Math.max(count - 1, 1)) }, lane));
  if (count > 0) await startInstance(count - 1);
} catch (error) {
  // an instance that did not come up: stop the others and PostgreSQL instead of leaving them behind
  console.error(error);
  stopAll();
  await postgres?.stop();
  process.exit(1);
}
console.log(`${count} test servers up on ports ${base}–${base + count - 1}${postgres ? ` (PostgreSQL on ${postgres.port})` : ""}`);
setInterval(() => {}, 1 << 30);
