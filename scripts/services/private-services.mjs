// Private PostgreSQL and Redis servers for tests and benchmarks: Debian's `postgresql` and
// `redis-server` binaries, a temporary data directory each, a free loopback port, stopped (and the
// directory removed) by `stop()`. Nothing is shared with a system-wide server. PostgreSQL refuses to
// run as root, so under root it runs as the `postgres` user the Debian package creates.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A TCP port nobody listens on right now (the kernel's choice). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The directory of PostgreSQL's server binaries (initdb, postgres, pg_ctl): PG_BIN, else Debian's newest. */
export function postgresBinDir() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = "/usr/lib/postgresql";
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((name) => fs.existsSync(path.join(base, name, "bin", "postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error("PostgreSQL's server is not installed: apt-get install postgresql (or set PG_BIN)");
  return path.join(base, versions[0], "bin");
}

export function redisServerBinary() {
  const candidates = [process.env.REDIS_SERVER, "/usr/bin/redis-server", "/usr/local/bin/redis-server"].filter(Boolean);
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error("Redis is not installed: apt-get install redis-server (or set REDIS_SERVER)");
  return found;
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/**
 * Spawn options that run a command as the postgres user when we are root (PostgreSQL refuses root). The
 * child is PostgreSQL itself (not a runuser in between, which would not pass our signals on).
 */
function asPostgres() {
  if (!isRoot) return {};
  const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

function waitForPort(port, child, label, timeoutMs = 20_000) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`${label} exited with ${child.exitCode} before listening`));
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() - started > timeoutMs) reject(new Error(`${label} did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts a private PostgreSQL: `{ url(database), adminUrl, createDatabase(name), stop() }`. The server
 * trusts loopback connections (a throwaway cluster), fsync off unless `durable` (tests do not survive
 * power loss; the kill test kills the app, not the database).
 */
export async function startPostgres({ durable = false, log = () => {} } = {}) {
  const bin = postgresBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "as-pg-"));
  const data = path.join(dir, "data");
  fs.mkdirSync(data);
  if (isRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  fs.chmodSync(dir, 0o755);
  const user = asPostgres();
  const initArgs = ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"];
  execFileSync(path.join(bin, "initdb"), initArgs, { stdio: "ignore", ...user });
  const port = await freePort();
  const settings = ["-p", String(port), "-h", "127.0.0.1", "-k", dir, "-c", "max_connections=200", "-c", "shared_buffers=128MB"];
  if (!durable) settings.push("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off");
  const child = spawn(path.join(bin, "postgres"), ["-D", data, ...settings], { stdio: ["ignore", "ignore", "pipe"], ...user });
  child.stderr.on("data", (chunk) => log(String(chunk)));
  await waitForPort(port, child, "postgres");
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const url = (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`;
  // the port opens a moment before the server accepts logins: ask until it answers
  const { default: pg } = await import("pg");
  const started = Date.now();
  for (;;) {
    const client = new pg.Client({ connectionString: adminUrl });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (Date.now() - started > 20_000) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const createDatabase = async (name) => {
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
    } finally {
      await client.end();
    }
    return url(name);
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGINT"); // fast shutdown
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { port, url, adminUrl, createDatabase, stop };
}

/**
 * Starts a private Redis (no persistence): `{ url, port, stop(), restart() }`. `restart()` stops the
 * server and starts a new one on the same port (its memory is lost, as after a crash).
 */
export async function startRedis({ log = () => {} } = {}) {
  const binary = redisServerBinary();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "as-redis-"));
  const port = await freePort();
  let child;
  const launch = async () => {
    child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk) => log(String(chunk)));
    child.stderr.on("data", (chunk) => log(String(chunk)));
    await waitForPort(port, child, "redis-server");
  };
  const halt = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async restart({ downMs = 0 } = {}) {
      await halt();
      if (downMs) await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch();
    },
    async stop() {
      await halt();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
