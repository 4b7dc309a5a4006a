#!/usr/bin/env node
// npm run db:migrate — applies pending migrations to the database named by
// DATABASE_URL, like `prisma migrate deploy`: a SQLite file (default
// file:./data/as-tracker.db, relative paths against the project root) from
// prisma/migrations, or PostgreSQL (postgresql://…) from
// prisma/migrations-postgresql. Works offline and without dev dependencies
// (better-sqlite3 or pg).
//
// Options: --migrations-dir <dir>   (default prisma/migrations)
//          --database-url <url>     (default $DATABASE_URL)
// Exit codes: 0 applied / up to date, 1 anything wrong (message on stderr).
import path from "node:path";
import { MigrationError } from "./lib/apply.mjs";
import { migrateDatabase } from "./lib/migrate-any.mjs";

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
    console.log("Usage: node scripts/db/migrate.mjs [--migrations-dir DIR] [--database-url file:PATH|postgresql://…]");
    process.exit(0);
  }
  await migrateDatabase({
    url: options.databaseUrl || process.env.DATABASE_URL || undefined,
    migrationsDir: options.migrationsDir ? path.resolve(options.migrationsDir) : undefined,
  });
} catch (error) {
  console.error(`\nMigration failed: ${error instanceof MigrationError ? error.message : (error?.stack ?? error)}`);
  process.exitCode = 1;
}
