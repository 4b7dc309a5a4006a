// A real database for integration tests: a fresh one per test file, migrated with the same tool as
// production and, optionally, seeded with the demo data. Import this module before anything that
// imports ~/db.server.
//  - SQLite (the default): a temporary file.
//  - PostgreSQL (`npm run test:postgresql`, vitest.postgresql.config.ts): a new database on the private
//    server the run started (TEST_POSTGRES_ADMIN_URL), dropped afterwards.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "../../scripts/db/lib/apply.mjs";
import { applyPostgresMigrations, withMigrationLock } from "../../scripts/db/lib/apply-postgres.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "as-tracker-test-"));
export const testDatabaseFile = path.join(dir, "test.db");
process.env.DATA_DIR = dir;

const adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
/** The PostgreSQL database of this test file, or null on SQLite. */
const postgresDatabase = adminUrl ? `t_${crypto.randomBytes(6).toString("hex")}` : null;

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

if (adminUrl && postgresDatabase) {
  await adminQuery(`CREATE DATABASE ${postgresDatabase} TEMPLATE template0 ENCODING 'UTF8'`);
  const url = new URL(adminUrl);
  url.pathname = `/${postgresDatabase}`;
  process.env.DATABASE_URL = url.toString();
  await withMigrationLock(process.env.DATABASE_URL, (client: pg.Client) =>
    applyPostgresMigrations({ client, migrationsDir: path.resolve("prisma/migrations-postgresql"), log: () => {} }),
  );
} else {
  process.env.DATABASE_URL = `file:${testDatabaseFile}`;
  applyMigrations({ databaseFile: testDatabaseFile, migrationsDir: path.resolve("prisma/migrations"), log: () => {} });
}

export async function removeTestDatabase() {
  fs.rmSync(dir, { recursive: true, force: true });
  if (postgresDatabase) await adminQuery(`DROP DATABASE IF EXISTS ${postgresDatabase} WITH (FORCE)`);
}
