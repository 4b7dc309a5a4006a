// A test file's hooks for a real, migrated SQLite file with the demo data: seeded before the
// file's tests, closed and removed after them. Import it before anything that imports ~/db.server.
import { afterAll, beforeAll } from "vitest";
import { removeTestDatabase } from "./test-db";
import { closeDatabase, databaseReady } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";

export function useSeededDatabase(today = "2026-11-27"): void {
  beforeAll(async () => {
    await databaseReady();
    await seedDemoData(today);
  });
  afterAll(async () => {
    await closeDatabase();
    await removeTestDatabase();
  });
}
