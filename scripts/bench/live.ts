// `npm run bench:live`: live-update fan-out, measured against a bare socket.io
// baseline in the same run. For 100 and 1,000 authenticated clients on
// loopback: the time from a committed change (the event's commit timestamp)
// to its receipt by every allowed client, p50 and p99, and the same for a bare
// socket.io server emitting the same payload to the same number of clients.
// Bounded: a fixed number of changes per size, each with a 10 s timeout.
//
// Builds the production bundle when missing or stale; uses a throwaway database.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverNodeArgs } from "../server-flags.mjs";
import { ROOT, ensureBuild, serverJs, waitFor } from "./common";
import {
  connectAll,
  connectProductClients,
  measureBare,
  measureProduct,
  prepareLiveData,
  startBare,
  type LiveData,
  type Stats,
} from "./live-common";

const SIZES = (process.env.BENCH_CLIENTS ?? "100,1000").split(",").map(Number);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3410);
const BASE_PORT = PORT + 1;

async function bare(count: number): Promise<Stats> {
  const server = await startBare(BASE_PORT);
  const sockets = await connectAll(`http://127.0.0.1:${BASE_PORT}`, count, () => ({}));
  try {
    return await measureBare(`http://127.0.0.1:${BASE_PORT}`, sockets, CHANGES);
  } finally {
    sockets.forEach((s) => s.close());
    server.kill("SIGTERM");
  }
}

async function product(count: number, url: string, data: LiveData): Promise<Stats> {
  const sockets = await connectProductClients(url, count, data);
  try {
    return await measureProduct(url, sockets, data, CHANGES);
  } finally {
    sockets.forEach((s) => s.close());
  }
}

async function main() {
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "as-bench-live-"));
  const dbFile = path.join(dir, "bench.db");
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.DATA_DIR = dir;

  // A migrated database with the demo data and enough submitted tickets to change.
  const { applyMigrations } = await import("../db/lib/apply.mjs");
  applyMigrations({ databaseFile: dbFile, migrationsDir: path.join(ROOT, "prisma", "migrations"), log: () => {} });
  const { databaseReady } = await import("~/db.server");
  const { seedDemoData } = await import("../../prisma/demo-data");
  await databaseReady();
  await seedDemoData(new Date().toISOString().slice(0, 10));
  const data = await prepareLiveData((CHANGES + 1) * SIZES.length, Math.max(...SIZES));

  const child: ChildProcess = spawn(process.execPath, serverNodeArgs(serverJs), {
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), INSECURE_COOKIES: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://localhost:${PORT}`;
  try {
    await waitFor(`${url}/healthz`);
    const rows: Record<string, unknown>[] = [];
    for (const size of SIZES) {
      const baseline = await bare(size);
      const ours = await product(size, url, data);
      rows.push({
        clients: size,
        changes: CHANGES,
        "bare p50 ms": baseline.p50,
        "bare p99 ms": baseline.p99,
        "AS Tracker p50 ms": ours.p50,
        "AS Tracker p99 ms": ours.p99,
        "p50 ratio (ours / bare)": Number((ours.p50 / Math.max(1, baseline.p50)).toFixed(2)),
        "p99 ratio (ours / bare)": Number((ours.p99 / Math.max(1, baseline.p99)).toFixed(2)),
      });
    }
    console.log(`\nLive-update fan-out (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version})`);
    console.table(rows);
    console.log(JSON.stringify({ bench: "live", rows }));
  } finally {
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
