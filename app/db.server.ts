// The one place that knows the database is SQLite (the "adapter file"): it
// builds the Prisma client on the better-sqlite3 driver adapter and sets the
// connection pragmas. Everything else talks to `prisma` and stays portable.
import path from "node:path";
import fs from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";

export const DEFAULT_DATABASE_URL = "file:./data/as-tracker.db";

/**
 * Absolute path of the SQLite file named by DATABASE_URL, by the same rules as
 * scripts/db/lib/paths.mjs (the migration tool): `file:./x.db` relative to the
 * project root (the working directory of every npm script), `file:/abs` or
 * `file:///abs` as is, a `?query` ignored.
 */
export function databaseFile(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): string {
  const value = url.trim();
  if (!value.startsWith("file:")) throw new Error(`DATABASE_URL must be a SQLite "file:" URL, got "${value}"`);
  let rest = value.slice("file:".length).split("?")[0];
  if (rest.startsWith("///")) rest = decodeURIComponent(rest.slice(2));
  if (!rest || rest === ":memory:" || rest.startsWith("//")) throw new Error(`DATABASE_URL "${value}" names no database file`);
  return path.isAbsolute(rest) ? path.normalize(rest) : path.resolve(process.cwd(), rest);
}

function createClient(): PrismaClient {
  const file = databaseFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // `timeout` is better-sqlite3's busy timeout: wait for a writer instead of failing.
  const adapter = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 5000 });
  if (process.env.COUNT_QUERIES === "1") {
    // Tests count the SQL statements a page issues (no N+1): see tests/unit/query-counts.test.ts.
    const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
    client.$on("query", (event) => {
      queryCounter.count += 1;
      if (queryCounter.log) queryCounter.log.push({ sql: event.query, params: event.params, ms: event.duration });
    });
    return client;
  }
  return new PrismaClient({ adapter });
}

/**
 * Statements issued since the process started (only counted when COUNT_QUERIES=1); with `log`
 * set to an array, each statement's text, parameters (JSON) and duration is appended
 * (tests/unit/query-counts.test.ts, scripts/bench/page-queries.ts).
 */
export const queryCounter: { count: number; log: { sql: string; params: string; ms: number }[] | null } = { count: 0, log: null };

type Db = { client: PrismaClient; ready: Promise<void> };
const globalForDb = globalThis as unknown as { __asTrackerDb?: Db };

function db(): Db {
  if (!globalForDb.__asTrackerDb) {
    const client = createClient();
    // WAL lets readers run beside the writer; foreign keys are per connection in
    // SQLite. The adapter keeps a single connection, so setting them once holds.
    // synchronous=FULL: a commit survives power loss, not only a process crash
    // (docs/decisions/005). SQLITE_SYNCHRONOUS=NORMAL trades that for speed.
    const synchronous = process.env.SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL";
    const ready = (async () => {
      await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
      await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
      await client.$executeRawUnsafe(`PRAGMA synchronous = ${synchronous}`);
    })();
    globalForDb.__asTrackerDb = { client, ready };
  }
  return globalForDb.__asTrackerDb;
}

/** The shared Prisma client (one per process, also across Vite HMR reloads). */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const value = Reflect.get(db().client, prop);
    return typeof value === "function" ? value.bind(db().client) : value;
  },
});

/** Resolves once the connection pragmas are set; await before the first query of a process. */
export function databaseReady(): Promise<void> {
  return db().ready;
}

/** Closes the connection if one was opened (graceful shutdown). */
export async function closeDatabase(): Promise<void> {
  const current = globalForDb.__asTrackerDb;
  if (!current) return;
  globalForDb.__asTrackerDb = undefined;
  await current.client.$disconnect();
}
