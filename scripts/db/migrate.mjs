#!/usr/bin/env node
// npm run db:migrate — applies pending migrations from prisma/migrations to the
// SQLite database named by DATABASE_URL (default file:./data/as-tracker.db,
// relative paths against the project root), like `prisma migrate deploy`.
// Works offline and without dev dependencies (only better-sqlite3).
//
// Options: --migrations-dir <dir>   (default prisma/migrations)
//          --database-url <file:…>  (default $DATABASE_URL)
// Exit codes: 0 applied / up to date, 1 anything wrong (message on stderr).
import path from "node:path";
import { applyMigrations, MigrationError } from "./lib/apply.mjs";
import { defaultMigrationsDir, projectRoot, resolveDatabaseFile } from "./lib/paths.mjs";

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--migrations-dir") options.migrationsDir = value();
    else if (flag === "--database-url") options.databaseUrl = value();
    else if (flag === "--help" || flag === "-h") options.help = true;
    else throw new MigrationError(`Unknown argument: ${arg}`);
  }
  return options;
}

try {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    console.log("Usage: node scripts/db/migrate.mjs [--migrations-dir DIR] [--database-url file:PATH]");
    process.exit(0);
  }
  const databaseFile = resolveDatabaseFile(options.databaseUrl || process.env.DATABASE_URL || undefined, projectRoot);
  const migrationsDir = options.migrationsDir ? path.resolve(options.migrationsDir) : defaultMigrationsDir(projectRoot);
  console.log(`Database: ${path.relative(process.cwd(), databaseFile) || databaseFile}`);
  applyMigrations({ databaseFile, migrationsDir });
} catch (error) {
  console.error(`\nMigration failed: ${error instanceof MigrationError ? error.message : (error?.stack ?? error)}`);
  process.exitCode = 1;
}
