// The multi-node cluster of the suite (issue 18, item 4; docs/decisions/044): a private PostgreSQL and
// Redis (scripts/services/private-services.mjs), one SMTP sink, one shared data folder (uploads and the
// session secret, as docs/deploy.md asks of several nodes) and two app nodes, A and B, started exactly
// as `npm start` starts them (scripts/start.mjs) and at the same moment, on the empty database.
//
// The test process owns every process here (a worker-scoped fixture, tests/multinode/fixtures.ts),
// because the tests kill a node and restart Redis themselves. Each node runs in a process group of its
// own, so "kill node A" reaches the server process start.mjs spawned, not only its parent. The groups'
// ids go into a registry file that the global teardown reads, so even a worker that died leaves nothing
// running: the nodes' groups, PostgreSQL's postmaster and redis-server (their pids asked from the
// servers themselves) and the temporary folders. A cluster that stops cleanly deletes its entry.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createClient } from "redis";
import { startPostgres, startRedis } from "../../scripts/services/private-services.mjs";
import { startSmtpSink } from "../../scripts/smtp-sink.mjs";

export const ROOT = process.cwd();
/**
 * Where each running cluster of this run records its processes and folders for the global teardown (one
 * JSON file each). Per run (MULTINODE_RUN, set by the global setup), so two runs never touch each other's.
 */
export function registryDir(): string {
  return path.join(ROOT, "test-results", "multinode", "running", process.env.MULTINODE_RUN ?? "unnamed");
}
export const BASE_PORT = Number(process.env.MULTINODE_PORT ?? 4700);

export type NodeName = "A" | "B";

export type AppNode = {
  name: NodeName;
  port: number;
  url: string;
  /** the process group's leader: scripts/start.mjs */
  process: ChildProcess;
  /** everything the node printed (start.mjs's migration and seeding lines, then the server's log) */
  output: () => string;
};

type Postgres = Awaited<ReturnType<typeof startPostgres>>;
type Redis = Awaited<ReturnType<typeof startRedis>>;
type Sink = Awaited<ReturnType<typeof startSmtpSink>>;

/** What a cluster started: killed and removed by the global teardown if the cluster could not stop itself. */
export type Leftovers = { groups: number[]; postgres?: number; redis?: number; dirs: string[] };

/** The postmaster's pid and data folder's parent, asked from the server (postmaster.pid's first line). */
async function postgresProcess(adminUrl: string): Promise<{ pid: number; dir: string }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ setting: string }>(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`);
    const data = rows[0].setting;
    return { pid: Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]), dir: path.dirname(data) };
  } finally {
    await client.end();
  }
}

/** redis-server's pid and working folder, asked from the server. */
async function redisProcess(url: string): Promise<{ pid: number; dir: string }> {
  const client = createClient({ url });
  await client.connect();
  try {
    const info = await client.info("server");
    const dir = await client.configGet("dir");
    return { pid: Number(/process_id:(\d+)/.exec(info)![1]), dir: dir.dir };
  } finally {
    client.destroy();
  }
}
/** Kills a process group we started (negative pid: the group), ignoring one that is already gone. */
export function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Stops a node's whole group: SIGTERM (the server drains), SIGKILL after a bound. */
async function stopGroup(child: ChildProcess) {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child.pid, "SIGTERM");
  const bound = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
  await Promise.race([exited(child), bound]);
  killGroup(child.pid, "SIGKILL");
}

export async function waitForHealth(node: { url: string; process: ChildProcess; output: () => string }, ms = 180_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (node.process.exitCode !== null) throw new Error(`${node.url} exited with ${node.process.exitCode}:\n${node.output().slice(-4000)}`);
    const ok = await fetch(`${node.url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${node.url} did not become healthy within ${ms} ms:\n${node.output().slice(-4000)}`);
}

export class Cluster {
  readonly nodes = new Map<NodeName, AppNode>();
  readonly dataDir: string;
  readonly mailDir: string;
  databaseUrl = "";
  private pool: pg.Pool | undefined;
  private readonly leftovers: Leftovers;
  private readonly registryFile: string;

  private constructor(
    readonly postgres: Postgres,
    readonly redis: Redis,
    readonly sink: Sink,
    readonly tmp: string,
  ) {
    this.dataDir = path.join(tmp, "data");
    this.mailDir = path.join(tmp, "mail");
    this.leftovers = { groups: [], dirs: [tmp] };
    this.registryFile = path.join(registryDir(), `${path.basename(tmp)}.json`);
  }

  /** Writes what runs now into the registry (see the top of this file). */
  private record() {
    fs.mkdirSync(registryDir(), { recursive: true });
    fs.writeFileSync(this.registryFile, JSON.stringify(this.leftovers));
  }

  /** Asks PostgreSQL and Redis for their pids and folders and records them. */
  private async recordServices() {
    const [postgres, redis] = await Promise.all([postgresProcess(this.postgres.adminUrl), redisProcess(this.redis.url)]);
    Object.assign(this.leftovers, { postgres: postgres.pid, redis: redis.pid });
    this.leftovers.dirs = [...new Set([...this.leftovers.dirs, postgres.dir, redis.dir])];
    this.record();
  }

  /** PostgreSQL, Redis, the sink and an empty database; then nodes A and B through `npm start`'s script at once. */
  static async start(): Promise<Cluster> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "as-multinode-"));
    const services: (() => Promise<unknown>)[] = [];
    let cluster: Cluster | undefined;
    try {
      const postgres = await startPostgres();
      services.push(() => postgres.stop());
      const redis = await startRedis();
      services.push(() => redis.stop());
      const sink = await startSmtpSink({ dir: path.join(tmp, "mail") });
      services.push(() => sink.close());
      cluster = new Cluster(postgres, redis, sink, tmp);
      await cluster.recordServices();
      fs.mkdirSync(cluster.dataDir, { recursive: true });
      cluster.databaseUrl = await postgres.createDatabase("as_multinode");
      const starting = (["A", "B"] as const).map((name) => cluster!.startNode(name));
      await Promise.all(starting.map((p) => p.catch(() => {}))); // both settled before a failure tears down
      await Promise.all(starting);
      return cluster;
    } catch (error) {
      if (cluster) await cluster.stop();
      else for (const stop of services.reverse()) await stop().catch(() => {});
      fs.rmSync(tmp, { recursive: true, force: true });
      throw error;
    }
  }

  port(name: NodeName): number {
    return BASE_PORT + (name === "A" ? 0 : 1);
  }

  url(name: NodeName): string {
    return `http://localhost:${this.port(name)}`;
  }

  node(name: NodeName): AppNode {
    const node = this.nodes.get(name);
    if (!node) throw new Error(`node ${name} is not running`);
    return node;
  }

  /** The environment `npm start` gets on a node of a deployment: only the port differs between nodes. */
  env(name: NodeName): NodeJS.ProcessEnv {
    return {
      ...process.env,
      PORT: String(this.port(name)),
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis.url,
      DATA_DIR: this.dataDir,
      SMTP_URL: this.sink.url,
      // one public address for the whole deployment (behind the proxy): mail links and Message-IDs
      APP_URL: this.url("A"),
      // rate limits are off for test servers by configuration, as in the e2e suite (never in code)
      RATE_LIMIT: "off",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      // one process per node unless a test asks otherwise
      WEB_CONCURRENCY: "1",
    };
  }

  /** Starts a node with `node scripts/start.mjs` (migrate, seed an empty database, serve) and waits until it is healthy. */
  async startNode(name: NodeName): Promise<AppNode> {
    let output = "";
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs")], {
      cwd: ROOT,
      env: this.env(name),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // a process group of its own: see killNode
    });
    if (child.pid) this.leftovers.groups.push(child.pid);
    this.record();
    child.stdout?.on("data", (d) => (output += String(d)));
    child.stderr?.on("data", (d) => (output += String(d)));
    const node: AppNode = { name, port: this.port(name), url: this.url(name), process: child, output: () => output };
    this.nodes.set(name, node);
    await waitForHealth(node);
    return node;
  }

  /** SIGKILL to the node's whole process group: the server dies mid-request, as in a crash. */
  async killNode(name: NodeName): Promise<void> {
    const node = this.node(name);
    killGroup(node.process.pid!, "SIGKILL");
    await exited(node.process);
    this.nodes.delete(name);
  }

  /** Restarts Redis (private-services' restart: killed, down for downMs, started again on its port; its memory lost). */
  async restartRedis(options: { downMs?: number } = {}): Promise<void> {
    await this.redis.restart(options);
    await this.recordServices();
  }

  /** A pool on the cluster's database, for the tests' checks (what is committed). */
  db(): pg.Pool {
    this.pool ??= new pg.Pool({ connectionString: this.databaseUrl, max: 2 });
    return this.pool;
  }

  async query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await this.db().query<T>(sql, values)).rows;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.nodes.values()].map((node) => stopGroup(node.process)));
    this.nodes.clear();
    await this.pool?.end().catch(() => {});
    await this.sink.close().catch(() => {});
    await this.redis.stop().catch(() => {});
    await this.postgres.stop().catch(() => {});
    fs.rmSync(this.tmp, { recursive: true, force: true });
    fs.rmSync(this.registryFile, { force: true });
  }
}
