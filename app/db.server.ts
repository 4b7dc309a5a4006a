// The one place that knows which database runs underneath (the "adapter file"): `DATABASE_URL` =
// `file:…` builds the Prisma client on the better-sqlite3 driver adapter (the embedded default) and sets
// the connection pragmas; `postgresql://…` builds it on Prisma's PostgreSQL adapter with a pool
// (docs/decisions/041). Everything else talks to `prisma` and stays portable.
import path from "node:path";
import fs from "node:fs";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { IsolationLevel, SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "~/generated/prisma-postgresql/client";

export const DEFAULT_DATABASE_URL = "file:./data/as-tracker.db";

export type DatabaseProvider = "sqlite" | "postgresql";

/** The database a DATABASE_URL names: `postgres(ql)://` → PostgreSQL, otherwise a SQLite `file:` URL (as providerOf in scripts/db/lib/paths.mjs). */
export function databaseProvider(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL): DatabaseProvider {
  return /^postgres(ql)?:\/\//i.test(url.trim()) ? "postgresql" : "sqlite";
}

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
      // Take SQLite's write lock at once, while the transaction has read nothing: another process on the
      // same file (WEB_CONCURRENCY workers) then makes us wait (busy timeout) instead of failing later
      // with SQLITE_BUSY when a transaction that read an older snapshot tries to write (ADR 043).
      startTransaction: inTurn(lock, (isolationLevel) => writer.startTransaction(isolationLevel), TAKE_WRITE_LOCK),
      getConnectionInfo: writer.getConnectionInfo?.bind(writer),
      dispose: async () => {
        await reader.dispose();
        await writer.dispose();
      },
    };
    return adapter;
  }
}

/** Ends a transaction whose start failed half-way (inTurn). */
const ROLLBACK: SqlQuery = { sql: "ROLLBACK", args: [], argTypes: [] };

/** A write that changes nothing: in a deferred SQLite transaction the first write statement takes the write lock. */
const TAKE_WRITE_LOCK: SqlQuery = { sql: 'UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0', args: [], argTypes: [] };

/**
 * The advisory lock every PostgreSQL transaction takes first (released at its commit or rollback): one
 * writing transaction at a time across every node, the semantics the workflow's read-check-write
 * transactions were written and tested for on SQLite (ADR 041). Reads outside transactions never wait.
 */
const WRITE_LOCK_KEY = 4_107_181_018;
const TAKE_ADVISORY_LOCK: SqlQuery = { sql: `SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`, args: [], argTypes: [] };

/**
 * Prisma's PostgreSQL adapter on a pool of DATABASE_POOL_SIZE connections, its transactions serialised as
 * above. Within this process a transaction first waits its turn without a connection (the FIFO lock SQLite
 * uses): otherwise a burst of writes holds every pooled connection while waiting for the advisory lock, and
 * the lock's holder, or the pages' reads, wait for a connection in vain (Prisma's "Unable to start a
 * transaction in the given time", seen by tests/multinode g-write-burst-watched). So each process holds at
 * most one connection in the advisory lock's queue, and reads always find one.
 */
class SerialisedPostgresFactory implements SqlDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName: string;
  #base: PrismaPg;

  constructor(url: string, max: number) {
    this.#base = new PrismaPg({ connectionString: url, max, allowExitOnIdle: true });
    this.adapterName = this.#base.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#base.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    const lock = createLock();
    return Object.assign(adapter, { startTransaction: inTurn(lock, startTransaction, TAKE_ADVISORY_LOCK) });
  }
}

/**
 * A transaction starter that waits for this process's turn (`lock`), starts the transaction, runs `first`
 * in it (the database's own lock) and hands it out; its commit or rollback ends the turn.
 */
function inTurn(lock: ReturnType<typeof createLock>, start: (isolationLevel?: IsolationLevel) => Promise<Transaction>, first: SqlQuery) {
  return async (isolationLevel?: IsolationLevel): Promise<Transaction> => {
    const release = await lock.acquire();
    let tx: Transaction | null = null;
    try {
      tx = await start(isolationLevel);
      await tx.executeRaw(first);
      return releasedOnEnd(tx, release);
    } catch (error) {
      // The adapters' rollback() only hands the connection back: the ROLLBACK itself is ours to send, as
      // Prisma does. Without it a first statement refused (SQLITE_BUSY from another process) left SQLite's
      // writer inside a transaction, and every later write failed "within a transaction"; on PostgreSQL an
      // aborted transaction would go back into the pool.
      if (tx) {
        const opened = tx;
        await opened
          .executeRaw(ROLLBACK)
          .catch(() => {})
          .finally(() => opened.rollback().catch(() => {}));
      }
      release();
      throw error;
    }
  };
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
  const countQueries = process.env.COUNT_QUERIES === "1";
  const options = countQueries ? { log: [{ emit: "event" as const, level: "query" as const }] } : {};
  const counted = <C>(client: C): C => {
    // Tests count the SQL statements a page issues (no N+1): see tests/unit/query-counts.test.ts.
    if (countQueries) {
      (client as PrismaClient<"query">).$on("query", (event) => {
        queryCounter.count += 1;
        if (queryCounter.log) queryCounter.log.push({ sql: event.query, params: event.params, ms: event.duration });
      });
    }
    return client;
  };
  if (databaseProvider() === "postgresql") {
    const url = (process.env.DATABASE_URL ?? "").trim();
    const adapter = new SerialisedPostgresFactory(url, positiveInteger(process.env.DATABASE_POOL_SIZE) ?? 10);
    // The PostgreSQL client is generated from the same models (scripts/db/lib/schemas.mjs), so it has the
    // SQLite client's API: the app is typed against that one. Its integers are bigint columns (64 bits, as
    // SQLite's), which Prisma hands out as JS bigints: every result comes back with numbers instead.
    const client = counted(new PostgresPrismaClient({ adapter, transactionOptions: transactionWait(), ...options }));
    return client.$extends({
      query: {
        async $allOperations({ args, query }) {
          return withNumbers(await query(args));
        },
      },
    }) as unknown as PrismaClient;
  }
  const file = databaseFile();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return counted(new PrismaClient({ adapter: new ReadWriteSqliteFactory(`file:${file}`), transactionOptions: transactionWait(), ...options }));
}

/**
 * `value` with every bigint in it (at any depth of plain objects and arrays, changed in place: results are
 * fresh) as a number. Whole-won amounts, counts and sequence numbers stay below Number.MAX_SAFE_INTEGER (the
 * rules refuse larger amounts), so nothing is rounded. Dates, bytes and other objects are left as they are.
 */
export function withNumbers(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withNumbers(value[i]);
    return value;
  }
  if (typeof value === "object" && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = withNumbers(record[key]);
  }
  return value;
}

/**
 * How long a transaction may wait for its turn (Prisma's default: 2 s) and then run (default 5 s). With
 * several processes the turn is shared by all their writers (PostgreSQL's advisory lock across nodes,
 * SQLite's write lock across workers), so a burst queues longer than in one process: a write that waits
 * 10 s is better than one refused. `DATABASE_WRITE_WAIT_MS` sets the wait (an operator's knob; the tests
 * shorten it to see what a person is told when it runs out: isDatabaseBusy).
 */
function transactionWait() {
  return { maxWait: positiveInteger(process.env.DATABASE_WRITE_WAIT_MS) ?? 10_000, timeout: 15_000 };
}

/**
 * Whether `error` says a write did not get the database in time, so nothing of it was written and the same
 * request later can succeed: its turn did not come within the wait or its transaction outran its time
 * (Prisma's P2028), SQLite's file stayed locked by another process past the busy timeout (P1008, the
 * adapter's SQLITE_BUSY), PostgreSQL gave up a transaction in a conflict or deadlock (P2034).
 */
export function isDatabaseBusy(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === "P2028" || code === "P1008" || code === "P2034";
}

function positiveInteger(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : null;
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
      // PostgreSQL needs no per-connection settings: a first query only checks that it answers.
      if (databaseProvider() === "postgresql") return void (await client.$queryRawUnsafe("SELECT 1"));
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

/**
 * A `contains` filter that ignores case on both databases: SQLite's LIKE already does for ASCII, PostgreSQL's
 * LIKE does not ("as-2026" must find "AS-2026-0001" on either). Typed as the SQLite client's filter.
 */
export function containsText(q: string): { contains: string } {
  return databaseProvider() === "postgresql" ? ({ contains: q, mode: "insensitive" } as { contains: string }) : { contains: q };
}
