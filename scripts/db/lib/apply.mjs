// Applies pending Prisma migrations to a SQLite database, the way
// `prisma migrate deploy` does, with plain better-sqlite3 (no Prisma engine).
// Runs at production start: only better-sqlite3 and Node builtins.
//
// Compatibility with the Prisma CLI (on a connected machine, `prisma migrate
// status` / `deploy` accept a database migrated here):
// - `_prisma_migrations` is created with the schema engine's exact SQLite DDL;
// - one row per applied migration: random UUID id, checksum = SHA-256 hex of
//   migration.sql, started_at / finished_at as Unix milliseconds (what the
//   native engine writes for SQLite DATETIME), applied_steps_count = 1, logs NULL;
// - migrations are taken in folder-name order (`localeCompare`, as the CLI does);
//   rows with rolled_back_at set are ignored, as Prisma does.
//
// Stricter than Prisma:
// - each migration runs in its own transaction (BEGIN IMMEDIATE): a failing
//   migration leaves nothing behind, not even a failed `_prisma_migrations` row;
// - it refuses to run when an applied migration was edited (checksum differs)
//   or is missing from the folder, when the folder is empty or missing, and when
//   the table holds a failed row (finished_at NULL, rolled_back_at NULL).
//
// Foreign keys: enforcement is OFF while a migration runs (Prisma's SQLite
// "RedefineTables" scripts drop and recreate tables; inside a transaction their
// own `PRAGMA foreign_keys=OFF` is a no-op, and with enforcement on, dropping a
// parent table would cascade-delete its children's rows). Before each COMMIT,
// `PRAGMA foreign_key_check` must report nothing, else the migration is rolled
// back. The connection ends with foreign_keys = ON.
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { listMigrations, MigrationError, scriptMatchesChecksum } from "./migrations-dir.mjs";

export { MigrationError } from "./migrations-dir.mjs";

export const MIGRATIONS_TABLE = "_prisma_migrations";

// Verbatim from Prisma's schema engine (sql-schema-connector, SQLite flavour).
export const CREATE_MIGRATIONS_TABLE_SQL = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`;

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

function tableExists(db, name) {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function userTables(db) {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((row) => row.name);
}

/** Creates `_prisma_migrations` on a database that has no tables yet. */
function ensureMigrationsTable(db, databaseFile) {
  if (tableExists(db, MIGRATIONS_TABLE)) return;
  db.exec("BEGIN IMMEDIATE");
  try {
    if (!tableExists(db, MIGRATIONS_TABLE)) {
      const existing = userTables(db);
      if (existing.length > 0) {
        throw new MigrationError(
          `The database ${databaseFile} is not empty (tables: ${existing.slice(0, 5).join(", ")}${existing.length > 5 ? ", …" : ""}) ` +
            `but has no ${MIGRATIONS_TABLE} table, so it was not built from these migrations. ` +
            "Like `prisma migrate deploy` (P3005), refusing to touch it: baseline it or start from an empty database.",
          { code: "NOT_EMPTY_WITHOUT_HISTORY" },
        );
      }
      db.exec(CREATE_MIGRATIONS_TABLE_SQL);
    }
    db.exec("COMMIT");
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
}

function readHistory(db) {
  return db
    .prepare(
      `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
         FROM ${MIGRATIONS_TABLE} ORDER BY started_at ASC, migration_name ASC`,
    )
    .all();
}

/** Problems that make it unsafe to apply anything. Empty array when the history is sound. */
export function checkHistory(rows, migrations) {
  const problems = [];
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    problems.push(
      `${MIGRATIONS_TABLE} records failed migration(s): ${failed.map((r) => r.migration_name).join(", ")} ` +
        "(finished_at is NULL). Check the database by hand, then delete that row or, on a machine with Prisma's " +
        "engines, run `prisma migrate resolve --rolled-back <name>`.",
    );
  }
  for (const row of rows) {
    if (row.finished_at === null || row.rolled_back_at !== null) continue;
    const migration = byName.get(row.migration_name);
    if (!migration) {
      problems.push(`Migration ${row.migration_name} is applied in the database but missing from the migrations folder.`);
    } else if (!scriptMatchesChecksum(migration.script, row.checksum)) {
      problems.push(
        `Migration ${row.migration_name} was edited after it was applied (checksum ${row.checksum} in the database, ` +
          `${migration.checksum} on disk). Restore the original file and put the change in a new migration.`,
      );
    }
  }
  return problems;
}

export const appliedNames = (rows) =>
  new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));

function applyOne(db, migration, now) {
  db.exec("BEGIN IMMEDIATE");
  try {
    // Another process may have applied it while we waited for the lock.
    const done = db
      .prepare(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
      .get(migration.name);
    if (done) {
      db.exec("ROLLBACK");
      return false;
    }
    const id = randomUUID();
    db.prepare(`INSERT INTO ${MIGRATIONS_TABLE} (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)`).run(
      id,
      migration.checksum,
      now(),
      migration.name,
    );
    db.exec(migration.script);
    if (!db.inTransaction) {
      throw new MigrationError(
        `Migration ${migration.name} ended the transaction itself (COMMIT/END in migration.sql); ` +
          "statements before it may have been committed. Remove transaction control from the file.",
        { code: "MIGRATION_ENDED_TRANSACTION", migrationName: migration.name },
      );
    }
    const violations = db.prepare("PRAGMA foreign_key_check").all();
    if (violations.length > 0) {
      const sample = violations
        .slice(0, 5)
        .map((v) => `${v.table} rowid ${v.rowid} → ${v.parent}`)
        .join("; ");
      throw new MigrationError(`Migration ${migration.name} leaves ${plural(violations.length, "foreign key violation")}: ${sample}`, {
        code: "FOREIGN_KEY_VIOLATION",
        migrationName: migration.name,
      });
    }
    db.prepare(`UPDATE ${MIGRATIONS_TABLE} SET applied_steps_count = applied_steps_count + 1, finished_at = ? WHERE id = ?`).run(now(), id);
    db.exec("COMMIT");
    return true;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back (nothing of it was applied): ${error.message}`, {
      code: "MIGRATION_FAILED",
      migrationName: migration.name,
      cause: error,
    });
  }
}

/**
 * Applies every pending migration of `migrationsDir` to the SQLite file `databaseFile`
 * (created, with its folder, when missing).
 *
 * @param {object} options
 * @param {string} options.databaseFile absolute (or cwd-relative) path of the SQLite file
 * @param {string} options.migrationsDir the prisma/migrations folder
 * @param {(line: string) => void} [options.log] progress lines (default: console.log)
 * @param {() => number} [options.now] clock in Unix ms (tests)
 * @returns {{ applied: string[], total: number }} names applied now, migrations in the folder
 * @throws {MigrationError} on any problem; the database is left as it was before
 *   the failing migration (earlier migrations of this run stay applied).
 */
export function applyMigrations({ databaseFile, migrationsDir, log = (line) => console.log(line), now = Date.now }) {
  if (!databaseFile) throw new MigrationError("applyMigrations: databaseFile is required");
  if (!migrationsDir) throw new MigrationError("applyMigrations: migrationsDir is required");

  const migrations = listMigrations(migrationsDir);
  if (migrations.length === 0) {
    throw new MigrationError(`No migrations in ${migrationsDir}: nothing would create the schema.`, { code: "NO_MIGRATIONS" });
  }

  mkdirSync(path.dirname(path.resolve(databaseFile)), { recursive: true });
  const db = new Database(databaseFile);
  const applied = [];
  try {
    db.pragma("busy_timeout = 10000");
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = OFF");

    ensureMigrationsTable(db, databaseFile);
    const rows = readHistory(db);
    const problems = checkHistory(rows, migrations);
    if (problems.length > 0) {
      throw new MigrationError(`Refusing to migrate ${databaseFile}:\n- ${problems.join("\n- ")}`, {
        code: "BAD_HISTORY",
        problems,
      });
    }

    const done = appliedNames(rows);
    const pending = migrations.filter((m) => !done.has(m.name));
    const lastApplied = migrations.filter((m) => done.has(m.name)).at(-1);
    for (const migration of pending) {
      if (lastApplied && migration.name.localeCompare(lastApplied.name) < 0) {
        log(`Warning: ${migration.name} sorts before the already applied ${lastApplied.name}; applying it anyway (as Prisma does).`);
      }
      if (applyOne(db, migration, now)) applied.push(migration.name);
    }
    // A migration that rebuilds a table (SQLite's way to add a foreign key) drops its planner statistics:
    // without them the planner may pick a scan where an index serves (measured: the dashboard list 0.1 s →
    // 1.8 s at 100,000 tickets). Gather them again, approximately (analysis_limit) so it stays quick.
    if (applied.length > 0) db.exec("PRAGMA analysis_limit = 1000; ANALYZE;");

    db.pragma("foreign_keys = ON");
  } catch (error) {
    if (applied.length > 0 && error instanceof MigrationError) {
      error.message += `\n(Applied before the failure and kept: ${applied.join(", ")})`;
    }
    if (error instanceof MigrationError) error.applied = applied;
    throw error;
  } finally {
    db.close();
  }

  if (applied.length > 0) {
    log(`Applied ${plural(applied.length, "migration")}: ${applied.join(", ")}`);
  } else {
    log(`Database up to date (${plural(migrations.length, "migration")})`);
  }
  return { applied, total: migrations.length };
}
