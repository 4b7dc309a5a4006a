// Servers for the end-to-end tests: builds once (when stale), then starts
// E2E_INSTANCES production servers exactly as `npm start` does, on ports
// PORT, PORT+1, …, each on a fresh database and data folder (data/e2e-<port>),
// one after another. Each instance really sends its mail: to an SMTP sink of its own (a real SMTP
// server on a free port) that writes every message it receives into data/e2e-<port>/mail/ as a .eml
// file (tests/e2e/mailbox.ts reads them). Stops them all when it is stopped.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startSmtpSink } from "./smtp-sink.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const base = Number(process.env.PORT ?? 3100);
const count = Number(process.env.E2E_INSTANCES ?? 1);

// Build once, up front, so the instances do not race to build.
const build = spawnSync(process.execPath, [path.join(root, "scripts", "start.mjs"), "--build-only"], { stdio: "inherit", cwd: root });
if (build.status !== 0) process.exit(build.status || 1);

const children = [];
const stopAll = () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
};
process.on("SIGTERM", () => (stopAll(), process.exit(0)));
process.on("SIGINT", () => (stopAll(), process.exit(0)));
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

for (let i = 0; i < count; i++) {
  const port = base + i;
  const dir = path.join(root, "data", `e2e-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const sink = await startSmtpSink({ dir: path.join(dir, "mail") });
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
      DATA_DIR: dir,
      SMTP_URL: sink.url,
      APP_URL: `http://localhost:${port}`,
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  });
  child.on("exit", (code) => {
    if (code && code !== 0) {
      console.error(`test server on ${port} exited with ${code}`);
      process.exit(1);
    }
  });
  children.push(child);
  await healthy(port);
}
console.log(`${count} test servers up on ports ${base}–${base + count - 1}`);
setInterval(() => {}, 1 << 30);
