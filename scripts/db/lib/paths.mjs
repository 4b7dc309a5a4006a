// Project layout shared by the migration tools. Plain Node, no dependencies.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Nearest folder at or above `start` that holds a package.json. */
export function findProjectRoot(start) {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json found above ${start}`);
    dir = parent;
  }
}

/** The AS Tracker project root (the folder holding package.json). */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

// Same values as prisma.config.ts (which plain Node cannot import: it is TypeScript).
export const DEFAULT_DATABASE_URL = "file:./data/as-tracker.db";
export const defaultSchemaPath = (root = projectRoot) => path.join(root, "prisma", "schema.prisma");
export const defaultMigrationsDir = (root = projectRoot) => path.join(root, "prisma", "migrations");

/**
 * The database a DATABASE_URL names: `postgres(ql)://` → PostgreSQL, anything else (a `file:` URL) → SQLite.
 * app/db.server.ts's databaseProvider follows the same rule (the app does not import the tools).
 */
export function providerOf(url = process.env.DATABASE_URL ?? "") {
  return /^postgres(ql)?:\/\//i.test(String(url).trim()) ? "postgresql" : "sqlite";
}

/**
 * Turns a SQLite `file:` URL into an absolute file path.
 * - `file:./data/x.db`, `file:data/x.db` → relative to `root`
 * - `file:/srv/x.db`, `file:///srv/x.db` → as is
 * - a query string (`?connection_limit=1`) is ignored
 */
export function resolveDatabaseFile(url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL, root = projectRoot) {
  const value = String(url).trim();
  if (providerOf(value) === "postgresql") {
    throw new Error(
      'DATABASE_URL names PostgreSQL; this tool works on a SQLite "file:" URL only. For PostgreSQL see docs/deploy.md (pg_dump, pg_restore).',
    );
  }
  if (!value.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite "file:" URL, got "${value}"`);
  }
  let rest = value.slice("file:".length);
  const query = rest.indexOf("?");
  if (query !== -1) rest = rest.slice(0, query);
  if (rest.startsWith("//")) {
    // file:///abs/path (URL form); file://host/... is not supported
    if (!rest.startsWith("///")) throw new Error(`Unsupported DATABASE_URL "${value}": use file:/absolute/path or file:./relative/path`);
    rest = decodeURIComponent(rest.slice(2));
  }
  if (rest === "" || rest === ":memory:") {
    throw new Error(`DATABASE_URL "${value}" names no database file`);
  }
  return path.isAbsolute(rest) ? path.normalize(rest) : path.resolve(root, rest);
}
