// Reads a Prisma migrations folder (prisma/migrations) the way the Prisma CLI
// does: one sub-folder per migration holding migration.sql, sorted by folder
// name with `localeCompare`, plus an optional migration_lock.toml.
// Plain Node, no dependencies (used at production start).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export const LOCKFILE_NAME = "migration_lock.toml";
export const MIGRATION_FILE_NAME = "migration.sql";

export class MigrationError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.name = "MigrationError";
    Object.assign(this, details);
  }
}

/** SHA-256 hex of a migration script, as Prisma stores it in `_prisma_migrations.checksum`. */
export function checksumOf(script) {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether `script` matches a stored checksum. Like Prisma's schema engine, a
 * script whose line endings were converted (git autocrlf) still matches.
 */
export function scriptMatchesChecksum(script, checksum) {
  const stored = String(checksum).toLowerCase();
  return (
    checksumOf(script) === stored || checksumOf(script.replace(/\r\n/g, "\n")) === stored || checksumOf(script.replace(/\n/g, "\r\n")) === stored
  );
}

/** The provider named in migration_lock.toml, or null when there is no lock file. */
export function readLockfile(migrationsDir) {
  const file = path.join(migrationsDir, LOCKFILE_NAME);
  if (!existsSync(file)) return { path: LOCKFILE_NAME, content: null, provider: null };
  const content = readFileSync(file, "utf8");
  const match = /^\s*provider\s*=\s*"([^"]*)"/m.exec(content);
  return { path: LOCKFILE_NAME, content, provider: match ? match[1] : null };
}

/**
 * Lists `<migrationsDir>/<name>/migration.sql` in Prisma's order.
 * Returns `[{ name, file, script, checksum }]`. Throws a MigrationError when the
 * folder is missing, or when a migration folder has no readable migration.sql.
 * An empty list is returned as is (callers decide whether that is an error).
 */
export function listMigrations(migrationsDir, provider = "sqlite") {
  if (!existsSync(migrationsDir) || !statSync(migrationsDir).isDirectory()) {
    throw new MigrationError(`Migrations folder not found: ${migrationsDir}`, { code: "NO_MIGRATIONS_DIR" });
  }
  const lock = readLockfile(migrationsDir);
  if (lock.content !== null && lock.provider !== provider) {
    throw new MigrationError(
      `${path.join(migrationsDir, LOCKFILE_NAME)} says provider = "${lock.provider}", but this tool expected "${provider}" here`,
      { code: "PROVIDER_MISMATCH" },
    );
  }
  const names = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b));
  return names.map((name) => {
    const file = path.join(migrationsDir, name, MIGRATION_FILE_NAME);
    let script;
    try {
      script = readFileSync(file, "utf8");
    } catch (error) {
      throw new MigrationError(`Migration folder ${name} has no readable ${MIGRATION_FILE_NAME} (${error.code ?? error.message})`, {
        code: "BAD_MIGRATION_FOLDER",
        migrationName: name,
      });
    }
    return { name, file, script, checksum: checksumOf(script) };
  });
}

/** The `migrationsList` argument of the WebAssembly schema engine, built like Prisma's CLI does. */
export function engineMigrationsList(migrationsDir, provider = "sqlite") {
  const lock = readLockfile(migrationsDir);
  const migrationDirectories = existsSync(migrationsDir)
    ? listMigrations(migrationsDir, provider).map((m) => ({
        path: m.name,
        migrationFile: { path: MIGRATION_FILE_NAME, content: { tag: "ok", value: m.script } },
      }))
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: { path: lock.path, content: lock.content },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}
