// A real SQLite database for integration tests: a fresh file per test file,
// migrated with the same tool as production and, optionally, seeded with the
// demo data. Import this module before anything that imports ~/db.server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations } from "../../scripts/db/lib/apply.mjs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "as-tracker-test-"));
export const testDatabaseFile = path.join(dir, "test.db");
process.env.DATABASE_URL = `file:${testDatabaseFile}`;
process.env.DATA_DIR = dir;

applyMigrations({ databaseFile: testDatabaseFile, migrationsDir: path.resolve("prisma/migrations"), log: () => {} });

export function removeTestDatabase() {
  fs.rmSync(dir, { recursive: true, force: true });
}
