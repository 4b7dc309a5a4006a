// One schema source, migrations for both databases (ADR 041), on real servers: the derived PostgreSQL
// schema differs from prisma/schema.prisma only in its provider and output; each provider's migrations
// build exactly the schema (the schema engine finds no drift); the PostgreSQL migration tool applies
// them once, also when several nodes start together, and refuses what apply.mjs refuses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startPostgres } from "../../scripts/services/private-services.mjs";
import { migrateDatabase } from "../../scripts/db/lib/migrate-any.mjs";
import { migrationsDir, providerOf, schemaText } from "../../scripts/db/lib/schemas.mjs";

let server: Awaited<ReturnType<typeof startPostgres>>;
let databases = 0;
const quiet = () => {};
const fresh = () => server.createDatabase(`m_${++databases}`);

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe("one schema source", () => {
  it("derives the PostgreSQL schema by its provider, its client output and 64-bit integers only", () => {
    const sqlite = schemaText("sqlite").split("\n");
    const postgres = schemaText("postgresql").split("\n").slice(1); // the GENERATED header
    expect(postgres).toHaveLength(sqlite.length);
    const changed = postgres.flatMap((line, i) => (line === sqlite[i] ? [] : [[sqlite[i]!, line] as const]));
    const settings = changed.filter(([before]) => !/^\s+\w+\s+Int\b/.test(before)).map(([, after]) => after.trim());
    expect(settings).toEqual(['output = "../../app/generated/prisma-postgresql"', 'provider = "postgresql"']);
    // every Int field, and nothing else of its line, becomes BigInt (SQLite's INTEGER is 64 bits too)
    const ints = changed.filter(([before]) => /^\s+\w+\s+Int\b/.test(before));
    expect(ints.length).toBe(sqlite.filter((line) => /^\s+\w+\s+Int\b/.test(line)).length);
    expect(ints.length).toBeGreaterThan(50);
    for (const [before, after] of ints) expect(after).toBe(before.replace(/^(\s+\w+\s+)Int/, "$1BigInt"));
    expect(postgres.filter((line) => /^\s+\w+\s+Int\b/.test(line))).toEqual([]);
  });

  it("reads the provider from DATABASE_URL", () => {
    expect(providerOf("postgresql://u@h/db")).toBe("postgresql");
    expect(providerOf("postgres://u@h/db")).toBe("postgresql");
    expect(providerOf("file:./data/x.db")).toBe("sqlite");
  });

  it("has migrations that build the schema on both databases (no drift)", () => {
    const run = spawnSync(process.execPath, ["scripts/db/create-migration.mjs", "--check"], { encoding: "utf8", timeout: 120_000 });
    expect(run.stdout).toMatch(/── sqlite\nNo schema changes/);
    expect(run.stdout).toMatch(/── postgresql\nNo schema changes/);
    expect(run.status).toBe(2);
  }, 150_000);
});

describe("the PostgreSQL migration tool", () => {
  it("applies every migration once and is then up to date", async () => {
    const url = await fresh();
    const lines: string[] = [];
    const first = await migrateDatabase({ url, log: (line: string) => lines.push(line) });
    expect(first.applied.length).toBeGreaterThan(0);
    expect((await migrateDatabase({ url, log: quiet })).applied).toEqual([]);
    const rows = await query<{ migration_name: string; finished_at: Date | null }>(
      url,
      `SELECT migration_name, finished_at FROM "_prisma_migrations"`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    expect(rows.every((r) => r.finished_at !== null)).toBe(true);
    expect(lines.join("\n")).toMatch(/Applied \d+ migration/);
  });

  it("migrates and runs the next step once when several nodes start together", async () => {
    const url = await fresh();
    let inside = 0;
    let most = 0;
    const node = () =>
      migrateDatabase({
        url,
        log: quiet,
        afterwards: async () => {
          most = Math.max(most, ++inside);
          await new Promise((resolve) => setTimeout(resolve, 50));
          inside -= 1;
        },
      });
    const results = await Promise.all([node(), node(), node()]);
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    expect(most).toBe(1);
  });

  it("refuses a database that holds tables it did not create", async () => {
    const url = await fresh();
    await query(url, `CREATE TABLE "Stranger" (id TEXT)`);
    await expect(migrateDatabase({ url, log: quiet })).rejects.toThrow(/not empty/);
  });

  it("refuses an applied migration that was edited since, and applies nothing", async () => {
    const url = await fresh();
    await migrateDatabase({ url, log: quiet });
    const dir = mkdtempSync(path.join(os.tmpdir(), "pg-migrations-"));
    try {
      cpSync(migrationsDir("postgresql"), dir, { recursive: true });
      const [first] = (await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations" ORDER BY started_at`)).map(
        (r) => r.migration_name,
      );
      const file = path.join(dir, first, "migration.sql");
      writeFileSync(file, `${readFileSync(file, "utf8")}\n-- edited\n`);
      await expect(migrateDatabase({ url, migrationsDir: dir, log: quiet })).rejects.toThrow(/was edited after it was applied/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rolls a failing migration back whole", async () => {
    const url = await fresh();
    const dir = mkdtempSync(path.join(os.tmpdir(), "pg-migrations-"));
    try {
      cpSync(migrationsDir("postgresql"), dir, { recursive: true });
      const broken = path.join(dir, "29991231000000_broken");
      mkdirSync(broken);
      writeFileSync(path.join(broken, "migration.sql"), `CREATE TABLE "Half" (id TEXT);\nSELECT * FROM "NoSuchTable";\n`);
      await expect(migrateDatabase({ url, migrationsDir: dir, log: quiet })).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
      const half = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'Half'`);
      expect(half).toEqual([]);
      const names = await query<{ migration_name: string }>(url, `SELECT migration_name FROM "_prisma_migrations"`);
      expect(names.map((r) => r.migration_name)).not.toContain("29991231000000_broken");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
