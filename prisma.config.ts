import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma 7 resolves `file:` URLs relative to this file; we run everything from
// the project root, so both Prisma and better-sqlite3 see the same file.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: {
    path: path.join("prisma", "migrations"),
    seed: "tsx prisma/seed.ts",
  },
  datasource: {
    url: process.env.DATABASE_URL ?? "file:./data/as-tracker.db",
  },
});
