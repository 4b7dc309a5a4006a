// The one place that knows the database is SQLite (the "adapter file"): it
// builds the Prisma client on the better-sqlite3 driver adapter and sets the
// connection pragmas. Everything else talks to `prisma` and stays portable.
import path from "node:path";
import fs from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
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

/** A FIFO lock: `acquire` resolves with the release function once every earlier holder released. */
function createLock() {
  let tail: Promise<void> = Promise.resolve();
  const acquire = (): Promise<() => void> => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = tail.then(() => release);
    tail = tail.then(() => held);
    return ready;
  };
  return {
    acquire,
    async run<T>(fn: () => Promise<T>): Promise<T> {
      const release = await acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}

/** Statements that only read: they may run on the reading connection. */
const READ_ONLY = /^\s*(SELECT|EXPLAIN)\b/i;

/**
 * Two connections to the SQLite file instead of the driver adapter's one. The adapter runs an
 * interactive transaction on its single connection while other requests' statements keep
 * arriving on that same connection: they read the open transaction's uncommitted rows, and a
 * write among them (a sign-in's session, a notification marked read) became part of that
 * transaction and vanished when it rolled back — a refused workflow step does
 * (tests/unit/db-isolation.test.ts). Now:
 *  - reads (SELECT, EXPLAIN) outside a transaction go to a reading connection (query_only), which
 *    in WAL mode sees exactly the committed data, and never wait for a writer;
 *  - every write outside a transaction, and every transaction, takes one lock on the writing
 *    connection in turn: one writer at a time, never inside another's transaction.
 */
class ReadWriteSqliteFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  #writer: PrismaBetterSqlite3;
  #reader: PrismaBetterSqlite3;

  constructor(url: string) {
    // `timeout` is better-sqlite3's busy timeout: wait for a writer instead of failing.
    this.#writer = new PrismaBetterSqlite3({ url, timeout: 5000 });
    this.#reader = new PrismaBetterSqlite3({ url, timeout: 5000 });
    this.adapterName = this.#writer.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const writer = await this.#writer.connect();
    const reader = await this.#reader.connect();
    await reader.executeScript("PRAGMA query_only = ON");
    const lock = createLock();
    const adapter: SqlDriverAdapter = {
      provider: writer.provider,
      adapterName: writer.adapterName,
      queryRaw: (query: SqlQuery) => (READ_ONLY.test(query.sql) ? reader.queryRaw(query) : lock.run(() => writer.queryRaw(query))),
      executeRaw: (query: SqlQuery) => lock.run(() => writer.executeRaw(query)),
      executeScript: (script: string) => lock.run(() => writer.executeScript(script)),
      startTransaction: async (isolationLevel) => {
        const release = await lock.acquire();
        try {
          return releasedOnEnd(await writer.startTransaction(isolationLevel), release);
        } catch (error) {
          release();
          throw error;
        }
      },
      getConnectionInfo: writer.getConnectionInfo?.bind(writer),
      dispose: async () => {
        await reader.dispose();
        await writer.dispose();
      },
    };
    return adapter;
  }
}

/** The transaction as the adapter made it; its commit or rollback also releases our lock. */
function releasedOnEnd(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const end = (finish: () => Promise<void>) => async () => {
    try {
      await finish();
    } finally {
      if (!released) {
        released = true;
        release();
      }
    }
  };
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === "commit") return end(() => target.commit());
      if (prop === "rollback") return end(() => target.rollback());
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function createClient(): PrismaClient {
  const file = databaseFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new ReadWriteSqliteFactory(`file:${file}`);
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
      // planner statistics for tables that have none yet or whose size changed a lot (SQLite's advice for
      // long-lived connections), bounded so a large database starts quickly
      await client.$queryRawUnsafe("PRAGMA analysis_limit = 1000");
      await client.$queryRawUnsafe("PRAGMA optimize = 0x10002");
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
