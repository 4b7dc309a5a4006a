// Helpers shared by the bench sections (scripts/bench/*.ts): server start/stop, CPU read from /proc,
// the production bundle. Linux only, like the bench (it reads /proc).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serverNodeArgs } from "../server-flags.mjs";
import type { startPostgres } from "../services/private-services.mjs";

export const ROOT = process.cwd();
const CLK_TCK = 100; // Linux USER_HZ

export const serverJs = path.join(ROOT, process.env.BUILD_DIR ?? "build", "node", "server.js");

/** The same "build when missing or stale" step as `npm start`. */
export function ensureBuild(): void {
  const build = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: ["ignore", "inherit", "inherit"] });
  if (build.status !== 0 || !fs.existsSync(serverJs)) throw new Error("Building the production bundle failed");
}

function statFields(pid: number): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // the process ended meanwhile
  }
}

/** CPU time (ms) the process has used itself: utime + stime. */
export function cpuMs(pid: number): number {
  const fields = statFields(pid);
  return fields ? ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK : 0;
}

/** A process and its live descendants (pids). */
export function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = Number(statFields(Number(name))?.[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * CPU time (ms) of a process and every live descendant, including what their ended (reaped) children
 * used (cutime + cstime): a server that forks workers, PostgreSQL's backends.
 */
export function treeCpuMs(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) {
    const f = statFields(pid);
    if (f) total += ((Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * 1000) / CLK_TCK;
  }
  return total;
}

/** The first process whose command line contains every one of `parts` (null when none). */
export function findProcess(parts: string[]): number | null {
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      if (parts.every((part) => cmdline.includes(part))) return Number(name);
    } catch {
      // ended meanwhile
    }
  }
  return null;
}

/** Busy and total CPU time (ms) of the whole machine, all cores, from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: (busy * 1000) / CLK_TCK, total: ((busy + idle + iowait) * 1000) / CLK_TCK };
}

export function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Refuses to measure a server left over on the port (it would answer instead of the one we start). */
export async function assertPortFree(url: string) {
  if (
    await fetch(url)
      .then(() => true)
      .catch(() => false)
  )
    throw new Error(`Something already answers on ${url}: stop it first`);
}

export async function waitFor(url: string, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (
      await fetch(url)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

export type Provider = "sqlite" | "postgresql";
export type Services = { redisUrl: string; postgres: Awaited<ReturnType<typeof startPostgres>> | null };
export type Database = { provider: Provider; url: string; dataDir: string };

function run(command: string, args: string[], env: NodeJS.ProcessEnv, what: string) {
  const result = spawnSync(command, args, { env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr}`);
}

/**
 * A fresh database for the provider (a SQLite file in a new data directory, or a new database `name` in
 * the private PostgreSQL), migrated and seeded with the demo data the way `npm start` does.
 */
export async function prepareDatabase(provider: Provider, services: Services, name: string): Promise<Database> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `as-bench-${name}-`));
  try {
    const url = provider === "sqlite" ? `file:${path.join(dataDir, "bench.db")}` : await services.postgres!.createDatabase(name);
    const env = { ...process.env, NODE_ENV: "production" as const, DATABASE_URL: url, DATA_DIR: dataDir };
    run(process.execPath, ["scripts/db/migrate.mjs"], env, `migrating the ${provider} database`);
    run(process.execPath, [path.join(path.dirname(serverJs), "seed.js"), "--if-empty"], env, `seeding the ${provider} database`);
    return { provider, url, dataDir };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true }); // the caller never gets it to remove
    throw error;
  }
}

export type App = { child: ChildProcess; url: string; stderr: () => string };

/**
 * The production server (bundle + scripts/server-flags.mjs) on `port` over `db`, with `env` added
 * (REDIS_URL, WEB_CONCURRENCY). Resolves once it answers and, with WEB_CONCURRENCY=N > 1, once the
 * primary has forked its N workers (/healthz answers as soon as the first one listens).
 */
export async function startApp(db: Database, port: number, env: Record<string, string>): Promise<App> {
  const url = `http://localhost:${port}`;
  await assertPortFree(`${url}/healthz`);
  const child = spawn(process.execPath, serverNodeArgs(serverJs), {
    env: {
      ...process.env,
      NODE_ENV: "production" as const,
      PORT: String(port),
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      INSECURE_COOKIES: "1",
      RATE_LIMIT: "off",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr = (stderr + String(chunk)).slice(-4000)));
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`server exited (${code}): ${stderr}`))));
  exited.catch(() => {}); // an exit after the start is the caller's (stop) business
  await Promise.race([waitFor(`${url}/healthz`), exited]);
  const workers = Number(env.WEB_CONCURRENCY ?? 1);
  const expected = workers > 1 ? workers + 1 : 1;
  for (let i = 0; i < 100 && processTree(child.pid!).length < expected; i++) await new Promise((r) => setTimeout(r, 100));
  return { child, url, stderr: () => stderr };
}

/**
 * On a machine shared with other work (a CI host, several people's tests), waits until the machine's
 * busy cores, sampled over a second, are at most `maxCores` (our own servers idle meanwhile), for at most
 * `waitMs`. Resolves with the busy cores of the last sample: the caller reports it either way, so a run
 * measured on a busy machine says so.
 */
export async function quietMachine(maxCores: number, waitMs: number): Promise<number> {
  const until = Date.now() + waitMs;
  const cores = os.cpus().length;
  for (;;) {
    const before = machineCpuMs();
    await new Promise((r) => setTimeout(r, 1000));
    const after = machineCpuMs();
    const busy = ((after.busy - before.busy) / (after.total - before.total)) * cores;
    if (busy <= maxCores || Date.now() >= until) return Number(busy.toFixed(2));
  }
}
