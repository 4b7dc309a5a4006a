// Applies pending Prisma migrations (prisma/migrations-postgresql) to a PostgreSQL database, the way
// `prisma migrate deploy` does, with plain `pg` (no Prisma engine): the PostgreSQL twin of apply.mjs,
// with the same history checks (checkHistory) and the same strictness.
//
// - `_prisma_migrations` is created with the schema engine's PostgreSQL DDL, one row per migration
//   (random UUID, SHA-256 checksum, applied_steps_count = 1), so Prisma's CLI accepts the database;
// - each migration runs in its own transaction (PostgreSQL's DDL is transactional): a failing migration
//   leaves nothing behind;
// - everything runs under Prisma's own migration advisory lock, and `withMigrationLock` keeps it for the
//   caller's next step (the seed): N nodes started together on one empty database migrate and seed once.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { listMigrations, MigrationError } from "./migrations-dir.mjs";
import { appliedNames, checkHistory, MIGRATIONS_TABLE } from "./apply.mjs";

/** The lock id Prisma's schema engine takes while migrating (so the CLI and we never migrate at once). */
const MIGRATION_LOCK_ID = 72707369;

// Verbatim from Prisma's schema engine (sql-schema-connector, PostgreSQL flavour).
const CREATE_MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Where a URL points, without its password, for messages. */
export function describeUrl(url) {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ""}${parsed.host}${parsed.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

/**
 * Connects to `url`, takes the migration lock (waiting for another node that holds it), runs
 * `fn(client)` and releases the lock. The lock is a session lock: it ends with the connection, so a
 * node that dies while holding it never blocks the others.
 */
export async function withMigrationLock(url, fn) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new MigrationError(`Cannot connect to ${describeUrl(url)}: ${error.message}`, { code: "NO_CONNECTION" });
  }
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function userTables(client) {
  const { rows } = await client.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

async function ensureMigrationsTable(client, where) {
  const tables = await userTables(client);
  if (tables.includes(MIGRATIONS_TABLE)) return;
  if (tables.length > 0) {
    throw new MigrationError(
      `The database ${where} is not empty (tables: ${tables.slice(0, 5).join(", ")}${tables.length > 5 ? ", …" : ""}) ` +
        `but has no ${MIGRATIONS_TABLE} table: it was not created by these migrations. Use an empty database.`,
      { code: "NOT_EMPTY" },
    );
  }
  await client.query(CREATE_MIGRATIONS_TABLE_SQL);
}

async function applyOne(client, migration) {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "${MIGRATIONS_TABLE}" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.script);
    await client.query(`UPDATE "${MIGRATIONS_TABLE}" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${error.message}`, {
      code: "MIGRATION_FAILED",
      migrationName: migration.name,
    });
  }
}

/**
 * Applies what is pending on the connected `client` (inside withMigrationLock).
 * @returns {Promise<{ applied: string[], total: number }>}
 */
export async function applyPostgresMigrations({ client, where = "PostgreSQL", migrationsDir, log = (line) => console.log(line) }) {
  const migrations = listMigrations(migrationsDir, "postgresql");
  if (migrations.length === 0)
    throw new MigrationError(`No migrations in ${migrationsDir}: nothing would create the schema.`, { code: "NO_MIGRATIONS" });
  await ensureMigrationsTable(client, where);
  const { rows } = await client.query(
    `SELECT id, checksum, finished_at, migration_name, rolled_back_at FROM "${MIGRATIONS_TABLE}" ORDER BY started_at ASC, migration_name ASC`,
  );
  const problems = checkHistory(rows, migrations);
  if (problems.length > 0)
    throw new MigrationError(`Refusing to migrate ${where}:\n- ${problems.join("\n- ")}`, { code: "BAD_HISTORY", problems });
  const done = appliedNames(rows);
  const applied = [];
  for (const migration of migrations.filter((m) => !done.has(m.name))) {
    await applyOne(client, migration);
    applied.push(migration.name);
  }
  if (applied.length > 0) {
    await client.query("ANALYZE");
    log(`Applied ${plural(applied.length, "migration")}: ${applied.join(", ")}`);
  } else log(`Database up to date (${plural(migrations.length, "migration")})`);
  return { applied, total: migrations.length };
}
