// A production server process of our own, for tests that must stop, kill or
// restart it (the shared Playwright web server must stay up for the others).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { serverNodeArgs } from "../../scripts/server-flags.mjs";
import { applyMigrations } from "../../scripts/db/lib/apply.mjs";

const root = process.cwd();
export const serverJs = path.join(root, process.env.BUILD_DIR ?? "build", "node", "server.js");

export type ServerOptions = {
  port: number;
  dataDir: string;
  env?: Record<string, string | undefined>;
  /** Receives the server's standard output (its JSON log lines); without it the output is dropped. */
  stdout?: (text: string) => void;
};

export function serverEnv({ port, dataDir, env }: ServerOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production" as const,
    PORT: String(port),
    DATABASE_URL: `file:${path.join(dataDir, "e2e.db")}`,
    DATA_DIR: dataDir,
    RATE_LIMIT: "off",
    LOG_LEVEL: "warn",
    ...env,
  };
}

export async function waitForHealth(port: number, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (
      await fetch(`http://localhost:${port}/healthz`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server on ${port} did not become healthy`);
}

export async function startServer(opts: ServerOptions): Promise<ChildProcess> {
  const child = spawn(process.execPath, serverNodeArgs(serverJs), {
    env: serverEnv(opts),
    stdio: ["ignore", opts.stdout ? "pipe" : "ignore", "pipe"],
  });
  if (opts.stdout) child.stdout?.on("data", (d) => opts.stdout?.(String(d)));
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += String(d)));
  try {
    await waitForHealth(opts.port);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return child;
}

export function stopServer(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}

/** A fresh data folder (data/e2e-<port>) whose database is migrated and seeded with the demo data, for a server of a test's own. */
export function seededDataDir(port: number): string {
  const dir = path.join(root, "data", `e2e-${port}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  applyMigrations({ databaseFile: path.join(dir, "e2e.db"), migrationsDir: path.join(root, "prisma", "migrations"), log: () => {} });
  const seed = spawnSync(process.execPath, [path.join(path.dirname(serverJs), "seed.js")], {
    env: serverEnv({ port, dataDir: dir }),
    encoding: "utf8",
  });
  if (seed.status !== 0) throw new Error(`seeding data/e2e-${port} failed: ${seed.stderr}`);
  return dir;
}
