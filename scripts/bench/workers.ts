// `npm run bench:workers`: read pages served by 1 and by 2 worker processes (WEB_CONCURRENCY), on
// SQLite and on PostgreSQL in the same run (issue 18, docs/decisions/045).
//
// For each provider: a fresh database (a SQLite file, or a database in a private PostgreSQL from
// scripts/services/private-services.mjs), migrated and seeded with the demo data as `npm start` does
// (scripts/db/migrate.mjs, then the bundle's seed.js --if-empty), and a private Redis (REDIS_URL, which
// N workers need). The server is the production bundle with scripts/server-flags.mjs: one started with
// WEB_CONCURRENCY=1 and one with =2, side by side, loaded in turn. Each page (monitor dashboard, ticket list, ticket detail, supplier
// inbox) is loaded at 50 connections for BENCH_SECONDS (default 10) by autocannon in a separate process
// (scripts/bench/cannon.mjs), after an unmeasured warm-up.
//
// Reported per run: pages/s, p50/p99, the server's CPU per page, and how many of the machine's cores
// went where while it ran — the server's processes, PostgreSQL's, the load generator's, and everything
// else on the machine (other people's work on a shared host shows there). The ratio 2 workers / 1 worker
// per page and per provider is the figure of the issue (target ≥ 1.7 on 2 cores).
//
// Env: BENCH_SECONDS, BENCH_WORKERS_PROVIDERS (default "sqlite,postgresql"), BENCH_WORKERS_PAGES
// (default "dashboard,list,ticket,inbox"), BENCH_WORKERS_ROUNDS (default 2), BENCH_WORKERS_PORT (default
// 3480: the 1-worker server, 3481 the 2-worker one).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startPostgres, startRedis } from "../services/private-services.mjs";
import { ROOT, ensureBuild, findProcess, machineCpuMs, prepareDatabase, processTree, quietMachine, startApp, stop, treeCpuMs } from "./common";
import type { App, Database, Provider, Services } from "./common";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const PORT = Number(process.env.BENCH_WORKERS_PORT ?? 3480);
const PROVIDERS = (process.env.BENCH_WORKERS_PROVIDERS ?? "sqlite,postgresql").split(",") as Provider[];
const PAGES = (process.env.BENCH_WORKERS_PAGES ?? "dashboard,list,ticket,inbox").split(",");
const WORKER_COUNTS = [1, 2];
const ROUNDS = Number(process.env.BENCH_WORKERS_ROUNDS ?? 2);
// Before each run, wait up to BENCH_QUIET_WAIT_S (default 30) for the machine to be quiet: at most
// BENCH_QUIET_CORES (default 0.3) cores busy with other work. 0 disables the wait.
const QUIET_CORES = Number(process.env.BENCH_QUIET_CORES ?? 0.3);
const QUIET_WAIT_MS = Number(process.env.BENCH_QUIET_WAIT_S ?? 30) * 1000;

type Page = { key: string; name: string; path: string; cookie: string };

export type WorkersRow = {
  provider: Provider;
  workers: number;
  /** node processes of the server while measured: the primary and its workers (1 when not forked) */
  processes: number;
  page: string;
  "pages/s": number;
  "p50 ms": number;
  "p99 ms": number;
  errors: number;
  "server CPU ms/page": number;
  /** cores busy on average during the measured run, by whom */
  "server cores": number;
  "postgres cores": number;
  "generator cores": number;
  "other cores": number;
  /** the machine's busy cores just before the run (after waiting for a quiet machine), null when not waited */
  "busy cores before": number | null;
};

/** Signs in over HTTP like a browser (the session row is written by the app, whatever the provider). */
async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: "demo1234!" }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("as_session="));
  if (!cookie) throw new Error(`signing in as ${email} failed: ${response.status}`);
  return cookie.split(";")[0];
}

async function pagesToLoad(base: string): Promise<Page[]> {
  const monitor = await signIn(base, "monitor@demo.kr");
  const supplier = await signIn(base, "vendor1@demo.kr");
  const list = await fetch(`${base}/tickets`, { headers: { Cookie: monitor } }).then((r) => r.text());
  const ticketId = /href="\/tickets\/([a-z0-9]{20,})"/.exec(list)?.[1];
  if (!ticketId) throw new Error("no ticket on the monitor's ticket list");
  const all: Page[] = [
    { key: "dashboard", name: "monitor dashboard", path: "/dashboard", cookie: monitor },
    { key: "list", name: "ticket list", path: "/tickets", cookie: monitor },
    { key: "ticket", name: "ticket detail", path: `/tickets/${ticketId}`, cookie: monitor },
    { key: "inbox", name: "supplier inbox", path: "/inbox", cookie: supplier },
  ];
  return all.filter((page) => PAGES.includes(page.key));
}

type Cannon = { rps: number; requests: number; p50: number; p99: number; errors: number; non2xx: number; seconds: number; cpuMs: number };

/** autocannon in its own process (scripts/bench/cannon.mjs). */
function cannon(options: Record<string, unknown>): Promise<Cannon> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "bench", "cannon.mjs"), JSON.stringify(options)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => (out += String(chunk)));
    child.once("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) reject(new Error(`the load generator failed (${code})`));
      else resolve(JSON.parse(line) as Cannon);
    });
  });
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function measure(page: Page, app: App, db: Database, workers: number, postgresPid: number | null): Promise<WorkersRow> {
  const options = { url: `${app.url}${page.path}`, headers: { Cookie: page.cookie } };
  const busyBefore = QUIET_WAIT_MS > 0 ? await quietMachine(QUIET_CORES, QUIET_WAIT_MS) : null;
  await cannon({ ...options, connections: 10, duration: 3 }); // warm-up, unmeasured
  const server0 = treeCpuMs(app.child.pid!);
  const pg0 = postgresPid ? treeCpuMs(postgresPid) : 0;
  const machine0 = machineCpuMs();
  const result = await cannon({ ...options, connections: CONNECTIONS, duration: SECONDS });
  const machine1 = machineCpuMs();
  const server = treeCpuMs(app.child.pid!) - server0;
  const pg = postgresPid ? treeCpuMs(postgresPid) - pg0 : 0;
  // wall time of the run in ms: the machine's total CPU time divided by its number of cores
  const wall = (machine1.total - machine0.total) / os.cpus().length;
  const busy = machine1.busy - machine0.busy;
  return {
    provider: db.provider,
    workers,
    processes: processTree(app.child.pid!).length,
    page: page.name,
    "pages/s": Math.round(result.rps),
    "p50 ms": result.p50,
    "p99 ms": result.p99,
    errors: result.errors + result.non2xx,
    "server CPU ms/page": round(server / Math.max(1, result.requests)),
    "server cores": round(server / wall),
    "postgres cores": round(pg / wall),
    "generator cores": round(result.cpuMs / wall),
    "other cores": round(Math.max(0, busy - server - pg - result.cpuMs) / wall),
    "busy cores before": busyBefore,
  };
}

/**
 * Both servers (1 and 2 workers) run side by side on the same database, and each page is loaded on one,
 * then the other, for ROUNDS rounds (the order swapped every round): on a machine shared with other work,
 * a load that comes and goes then weighs on both alike. An idle server takes no CPU.
 */
async function measureProvider(provider: Provider, services: Services): Promise<WorkersRow[]> {
  const db = await prepareDatabase(provider, services, "bench_workers");
  const postgresPid = services.postgres && provider === "postgresql" ? findProcess(["postgres", `-p ${services.postgres.port} `]) : null;
  const apps = new Map<number, App>();
  const rows: WorkersRow[] = [];
  try {
    for (const [i, workers] of WORKER_COUNTS.entries())
      apps.set(workers, await startApp(db, PORT + i, { REDIS_URL: services.redisUrl, WEB_CONCURRENCY: String(workers) }));
    const pages = await pagesToLoad(apps.get(1)!.url); // sessions live in the database: valid on both
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? WORKER_COUNTS : [...WORKER_COUNTS].reverse();
      for (const page of pages) for (const workers of order) rows.push(await measure(page, apps.get(workers)!, db, workers, postgresPid));
    }
  } finally {
    await Promise.all([...apps.values()].map((app) => stop(app.child)));
    fs.rmSync(db.dataDir, { recursive: true, force: true });
  }
  return rows;
}

export type WorkersSummary = {
  provider: Provider;
  page: string;
  "1w pages/s": number;
  "2w pages/s": number;
  "2w/1w": number;
  "1w CPU ms/page": number | null;
  "2w CPU ms/page": number | null;
};

/**
 * Per provider and page, 2 workers against 1, each the best of its rounds (other work on the machine
 * only ever slows a run down), with the server's CPU per page in that run; the provider's "all pages"
 * row sums the pages' best pages/s.
 */
export function summarize(rows: WorkersRow[]): WorkersSummary[] {
  const out: WorkersSummary[] = [];
  for (const provider of new Set(rows.map((r) => r.provider))) {
    const best = (workers: number, page: string) =>
      rows
        .filter((r) => r.provider === provider && r.workers === workers && r.page === page)
        .reduce<WorkersRow | null>((top, r) => (top && top["pages/s"] >= r["pages/s"] ? top : r), null);
    const pages = [...new Set(rows.filter((r) => r.provider === provider).map((r) => r.page))];
    const total = (workers: number) => pages.reduce((sum, page) => sum + (best(workers, page)?.["pages/s"] ?? 0), 0);
    for (const page of pages) {
      const [one, two] = [best(1, page), best(2, page)];
      const [a, b] = [one?.["pages/s"] ?? 0, two?.["pages/s"] ?? 0];
      out.push({
        provider,
        page,
        "1w pages/s": a,
        "2w pages/s": b,
        "2w/1w": round(b / Math.max(1, a)),
        "1w CPU ms/page": one?.["server CPU ms/page"] ?? null,
        "2w CPU ms/page": two?.["server CPU ms/page"] ?? null,
      });
    }
    const [a, b] = [total(1), total(2)];
    out.push({
      provider,
      page: "all pages (sum)",
      "1w pages/s": a,
      "2w pages/s": b,
      "2w/1w": round(b / Math.max(1, a)),
      "1w CPU ms/page": null,
      "2w CPU ms/page": null,
    });
  }
  return out;
}

/**
 * Each provider with services of its own (a private Redis, and PostgreSQL for its turn), started just
 * before and stopped just after: nothing of one provider's run lingers into the other's. A provider that
 * fails is reported and the next one still measured.
 */
export async function benchWorkers(): Promise<{ rows: WorkersRow[]; summary: WorkersSummary[]; failed: string[] }> {
  const rows: WorkersRow[] = [];
  const failed: string[] = [];
  for (const provider of PROVIDERS) {
    const redis = await startRedis();
    const postgres = provider === "postgresql" ? await startPostgres() : null;
    try {
      const measured = await measureProvider(provider, { redisUrl: redis.url, postgres });
      rows.push(...measured);
      console.table(measured); // as it comes: a long run shows progress, a later failure keeps these
    } catch (error) {
      failed.push(`${provider}: ${(error as Error).message}`);
      console.error(`bench:workers on ${provider} failed:`, error);
    } finally {
      await postgres?.stop();
      await redis.stop();
    }
  }
  return { rows, summary: summarize(rows), failed };
}

export function printWorkers({ rows, summary, failed }: Awaited<ReturnType<typeof benchWorkers>>) {
  // each provider's runs were printed as they were measured (benchWorkers)
  console.log(
    `\nPages with 1 and 2 worker processes — ${CONNECTIONS} connections, ${SECONDS} s each, ${os.cpus().length} cores, ${rows.length} runs`,
  );
  console.table(summary);
  for (const failure of failed) console.log(`not measured — ${failure}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBuild();
  benchWorkers()
    .then((result) => {
      printWorkers(result);
      console.log(JSON.stringify({ bench: "workers", ...result }));
    })
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
