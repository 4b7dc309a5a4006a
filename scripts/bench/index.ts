// `npm run bench`: the product's speed, measured against a bare baseline in
// the same run. Loopback only, every load bounded in time.
//
//  1. data: `seed:scale` databases with 1,000 and 100,000 tickets (cached in
//     data/bench/, rebuilt when missing);
//  2. baseline: a bare Express + better-sqlite3 endpoint returning 50 tickets;
//  3. pages at 50 connections (autocannon): monitor dashboard, ticket list
//     (filtered, page 100), ticket detail, supplier inbox — requests/s, p50,
//     p99, server CPU per request (from /proc), and throughput / baseline;
//  4. export of every ticket to CSV and XLSX: time and the server's peak RSS;
//  5. live-update fan-out at 1,000 clients vs bare socket.io (bench:live);
//  6. pages served by 1 and 2 worker processes, SQLite and PostgreSQL (bench:workers);
//  7. live-update fan-out across 2 nodes through Redis vs 2 bare socket.io servers joined by the same
//     adapter (bench:live-cluster).
//
// Env: BENCH_SIZES (default "1000,100000"), BENCH_SECONDS (default 10),
// BENCH_SKIP_LIVE=1, BENCH_SKIP_EXPORTS=1, BENCH_SKIP_WORKERS=1, BENCH_SKIP_LIVE_CLUSTER=1, BENCH_PAGES=dashboard,list,ticket,step,inbox
// (a subset), BENCH_CPU_PROF=dir (each page's server writes a V8 CPU profile
// there: open it in Chrome DevTools or scripts/bench/profile-top.mjs).
// Builds the production bundle first when it is missing or stale.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { createCookie } from "@remix-run/node";
import { serverNodeArgs } from "../server-flags.mjs";
import { ROOT, assertPortFree, cpuMs, ensureBuild, peakRssMb, serverJs, stop, waitFor } from "./common";
import { benchLiveCluster, printLiveCluster } from "./live-cluster";
import { benchWorkers, printWorkers } from "./workers";

const SIZES = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const APP_PORT = 3460;
const BASE_PORT = 3461;
const PAGES = (process.env.BENCH_PAGES ?? "dashboard,list,ticket,step,inbox").split(",");
const CPU_PROF = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;

function ensureData(size: number): string {
  const file = path.join(ROOT, "data", "bench", `scale-${size}.db`);
  const marker = `${file}.done`;
  if (fs.existsSync(file) && fs.existsSync(marker)) {
    // a cached database still gets the migrations added since it was seeded
    const migrate = spawnSync(process.execPath, ["scripts/db/migrate.mjs"], {
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (migrate.status !== 0) throw new Error("migrating the cached bench database failed");
    new Database(file).exec("ANALYZE");
    return file;
  }
  console.log(`Seeding ${size.toLocaleString("en")} tickets into ${path.relative(ROOT, file)} …`);
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/seed-scale.ts", "--tickets", String(size), "--database-url", `file:${file}`],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  if (run.status !== 0) throw new Error("seed:scale failed");
  fs.writeFileSync(marker, new Date().toISOString());
  return file;
}

type Subjects = { cookies: { monitor: string; supplier: string }; ticketId: string; dataDir: string };

/** Sessions for the Technopark's monitor and the busiest supplier, signed like the app signs them. */
async function prepareSubjects(dbFile: string): Promise<Subjects> {
  const dataDir = path.join(path.dirname(dbFile), `${path.basename(dbFile, ".db")}-data`);
  fs.mkdirSync(dataDir, { recursive: true });
  const secretFile = path.join(dataDir, "session-secret");
  if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  const secret = fs.readFileSync(secretFile, "utf8").trim();
  const db = new Database(dbFile);
  const monitor = db
    .prepare(
      `SELECT u.id FROM User u JOIN Organization o ON o.id = u.organizationId JOIN Program p ON p.technoparkId = o.id WHERE u.role = 'monitor' LIMIT 1`,
    )
    .get() as { id: string };
  const supplier = db
    .prepare(
      `SELECT u.id FROM User u JOIN Ticket t ON t.supplierId = u.organizationId WHERE u.role = 'supplier' GROUP BY u.id ORDER BY COUNT(*) DESC LIMIT 1`,
    )
    .get() as { id: string };
  const ticket = db.prepare(`SELECT t.id FROM Ticket t WHERE t.state = 'in_progress' ORDER BY t.id LIMIT 1 OFFSET 7`).get() as { id: string };
  const cookie = createCookie("as_session", { secrets: [secret], path: "/", httpOnly: true, sameSite: "lax" });
  const make = async (userId: string) => {
    const id = crypto.randomBytes(32).toString("base64url");
    db.prepare(`INSERT INTO Session (id, userId, expiresAt, createdAt) VALUES (?, ?, ?, ?)`).run(
      id,
      userId,
      new Date(Date.now() + 6 * 3_600_000).toISOString().replace("Z", "+00:00"),
      new Date().toISOString().replace("Z", "+00:00"),
    );
    return (await cookie.serialize(id)).split(";")[0];
  };
  const cookies = { monitor: await make(monitor.id), supplier: await make(supplier.id) };
  db.close();
  return { cookies, ticketId: ticket.id, dataDir };
}

type Run = { name: string; rps: number; p50: number; p99: number; cpuMsPerReq: number; errors: number; non2xx: number; requests: number };

async function load(name: string, url: string, pid: number, headers: Record<string, string> = {}): Promise<Run> {
  // warm-up, unmeasured
  await autocannon({ url, connections: 10, duration: 2, headers });
  const before = cpuMs(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const cpu = cpuMs(pid) - before;
  const requests = result.requests.total;
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerReq: Number((cpu / Math.max(1, requests)).toFixed(2)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests,
  };
}

async function exportRun(format: "csv" | "xlsx", dbFile: string, subjects: Subjects) {
  await assertPortFree(`http://localhost:${APP_PORT}/healthz`);
  const child = spawn(process.execPath, serverNodeArgs(serverJs), {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(APP_PORT),
      DATABASE_URL: `file:${dbFile}`,
      DATA_DIR: subjects.dataDir,
      INSECURE_COOKIES: "1",
      RATE_LIMIT: "off",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitFor(`http://localhost:${APP_PORT}/healthz`);
  const rssBefore = peakRssMb(child.pid!);
  const started = performance.now();
  const response = await fetch(`http://localhost:${APP_PORT}/exports/tickets.${format}`, { headers: { Cookie: subjects.cookies.monitor } });
  let bytes = 0;
  let rows = 0;
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (format === "csv") for (const b of value) if (b === 10) rows++;
  }
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRssMb(child.pid!);
  await stop(child);
  return {
    format,
    status: response.status,
    seconds: Number(seconds.toFixed(2)),
    bytes,
    rows: format === "csv" ? rows - 1 : null,
    peakRssMb: Math.round(peak),
    startRssMb: Math.round(rssBefore),
  };
}

async function main() {
  ensureBuild();
  const report: Record<string, unknown> = {
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    connections: CONNECTIONS,
    seconds: SECONDS,
    sizes: {},
  };
  for (const size of SIZES) {
    const dbFile = ensureData(size);
    const subjects = await prepareSubjects(dbFile);
    const baseline = spawn(process.execPath, [path.join(ROOT, "scripts", "bench", "baseline-server.mjs")], {
      env: { ...process.env, BENCH_DB: dbFile, PORT: String(BASE_PORT) },
      stdio: "ignore",
    });
    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production" as const,
      PORT: String(APP_PORT),
      DATABASE_URL: `file:${dbFile}`,
      DATA_DIR: subjects.dataDir,
      INSECURE_COOKIES: "1",
      RATE_LIMIT: "off",
      LOG_LEVEL: "warn",
    };
    // A fresh server per page: a page's backlog never spills into the next measurement.
    const measure = async (key: string, name: string, url: string, headers: Record<string, string>) => {
      if (!PAGES.includes(key)) return null;
      const profile = CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`, `--cpu-prof-name=${key}-${size}.cpuprofile`] : [];
      await assertPortFree(`http://localhost:${APP_PORT}/healthz`);
      const app = spawn(process.execPath, [...profile, ...serverNodeArgs(serverJs)], { env: appEnv, stdio: ["ignore", "ignore", "inherit"] });
      try {
        await waitFor(`http://localhost:${APP_PORT}/healthz`);
        return await load(name, url, app.pid!, headers);
      } finally {
        await stop(app);
      }
    };
    try {
      await waitFor(`http://127.0.0.1:${BASE_PORT}/healthz`);
      const base = await load(
        "baseline: bare Express + better-sqlite3, 50 tickets JSON",
        `http://127.0.0.1:${BASE_PORT}/tickets.json`,
        baseline.pid!,
      );
      const m = { Cookie: subjects.cookies.monitor };
      const s = { Cookie: subjects.cookies.supplier };
      const measured = [
        await measure("dashboard", "monitor dashboard", `http://localhost:${APP_PORT}/dashboard`, m),
        await measure("list", "ticket list (filtered, page 100)", `http://localhost:${APP_PORT}/tickets?state=in_progress&page=100`, m),
        await measure("ticket", "ticket detail", `http://localhost:${APP_PORT}/tickets/${subjects.ticketId}`, m),
        await measure("step", "ticket step page (cost review)", `http://localhost:${APP_PORT}/tickets/${subjects.ticketId}/cost-review`, m),
        await measure("inbox", "supplier inbox", `http://localhost:${APP_PORT}/inbox`, s),
      ];
      const pages = measured.filter((run): run is Run => run !== null);
      const rows = [base, ...pages].map((r) => ({ ...r, "vs baseline": Number((r.rps / Math.max(1, base.rps)).toFixed(3)) }));
      console.log(`\n${size.toLocaleString("en")} tickets — ${CONNECTIONS} connections, ${SECONDS} s each`);
      console.table(
        rows.map(({ name, rps, p50, p99, cpuMsPerReq, errors, non2xx, "vs baseline": ratio }) => ({
          page: name,
          "req/s": rps,
          "p50 ms": p50,
          "p99 ms": p99,
          "CPU ms/req": cpuMsPerReq,
          errors,
          non2xx,
          "vs baseline": ratio,
        })),
      );
      (report.sizes as Record<string, unknown>)[size] = { pages: rows };
    } finally {
      await stop(baseline);
    }
    if (process.env.BENCH_SKIP_EXPORTS !== "1") {
      const exports = [await exportRun("csv", dbFile, subjects), await exportRun("xlsx", dbFile, subjects)];
      console.table(exports);
      (report.sizes as Record<string, Record<string, unknown>>)[size].exports = exports;
    }
  }
  if (process.env.BENCH_SKIP_LIVE !== "1") {
    const live = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench/live.ts"], {
      env: { ...process.env, BENCH_CLIENTS: "1000", BENCH_CHANGES: "20" },
      encoding: "utf8",
    });
    const line = live.stdout.split("\n").find((l) => l.startsWith('{"bench":"live"'));
    if (live.status !== 0 || !line) console.error(`live bench failed: ${live.stderr}`);
    else {
      report.live = JSON.parse(line).rows;
      console.log("\nLive-update fan-out");
      console.table(report.live);
    }
  }
  if (process.env.BENCH_SKIP_WORKERS !== "1") {
    report.workers = await benchWorkers();
    printWorkers(report.workers as Awaited<ReturnType<typeof benchWorkers>>);
  }
  if (process.env.BENCH_SKIP_LIVE_CLUSTER !== "1") {
    report.liveCluster = await benchLiveCluster();
    printLiveCluster(report.liveCluster as Awaited<ReturnType<typeof benchLiveCluster>>);
  }
  console.log(JSON.stringify({ bench: "pages", ...report }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
