// Offline migration tooling: scripts/db/lib/apply.mjs (npm run db:migrate) and
// scripts/db/create-migration.mjs (npm run db:migration:create). Everything
// runs on temporary folders; the real database is never opened.
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { applyMigrations, CREATE_MIGRATIONS_TABLE_SQL } from "../../scripts/db/lib/apply.mjs";
import { resolveDatabaseFile } from "../../scripts/db/lib/paths.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const realMigrationsDir = path.join(root, "prisma", "migrations");
const realSchema = path.join(root, "prisma", "schema.prisma");
const createMigrationScript = path.join(root, "scripts", "db", "create-migration.mjs");
const migrateScript = path.join(root, "scripts", "db", "migrate.mjs");

type MigrationRow = {
  id: string;
  checksum: string;
  finished_at: number | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: number | null;
  started_at: number;
  applied_steps_count: number;
};

let tmp = "";
const quiet = () => {};
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function open(file: string) {
  return new Database(file);
}

function tables(file: string): string[] {
  const db = open(file);
  try {
    return db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((row) => (row as { name: string }).name);
  } finally {
    db.close();
  }
}

function history(file: string): MigrationRow[] {
  const db = open(file);
  try {
    return db.prepare("SELECT * FROM _prisma_migrations ORDER BY started_at").all() as MigrationRow[];
  } finally {
    db.close();
  }
}

/** A migrations folder in `tmp` with the given `{ folderName: sql }`. */
function writeMigrations(files: Record<string, string>, dir = path.join(tmp, "migrations")) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "sqlite"\n');
  for (const [name, sql] of Object.entries(files)) {
    mkdirSync(path.join(dir, name), { recursive: true });
    writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

function migrationFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function runNode(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "as-tracker-migrations-"));
});

afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("applyMigrations on the project's migrations", () => {
  it("creates every model of prisma/schema.prisma on a fresh database (and the database's folder)", () => {
    const databaseFile = path.join(tmp, "nested", "folder", "app.db");
    const lines: string[] = [];
    const result = applyMigrations({ databaseFile, migrationsDir: realMigrationsDir, log: (l: string) => lines.push(l) });

    const folders = migrationFolders(realMigrationsDir);
    expect(folders.length).toBeGreaterThan(0);
    expect(result.applied).toEqual(folders);
    expect(lines.join("\n")).toMatch(/^Applied \d+ migrations?: /);

    const models = [...readFileSync(realSchema, "utf8").matchAll(/^model\s+(\w+)\s*\{/gm)].map((m) => m[1]).sort();
    expect(models.length).toBeGreaterThan(10);
    const created = tables(databaseFile).filter((t) => t !== "_prisma_migrations");
    expect(created.sort()).toEqual(models);

    const db = open(databaseFile);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("is idempotent: the second run applies nothing and says so", () => {
    const databaseFile = path.join(tmp, "app.db");
    applyMigrations({ databaseFile, migrationsDir: realMigrationsDir, log: quiet });
    const before = history(databaseFile);

    const lines: string[] = [];
    const again = applyMigrations({ databaseFile, migrationsDir: realMigrationsDir, log: (l: string) => lines.push(l) });
    expect(again.applied).toEqual([]);
    expect(lines).toEqual([`Database up to date (${before.length} migration${before.length === 1 ? "" : "s"})`]);
    expect(history(databaseFile)).toEqual(before);
  });

  it("keeps the planner's statistics of a table a migration rebuilds (whose_turn rebuilds Ticket)", () => {
    // the migrations before whose_turn, a database with tickets and statistics, then the rest
    const names = readdirSync(realMigrationsDir).filter((n) => !n.endsWith(".toml"));
    const cut = names.findIndex((n) => n.endsWith("_whose_turn"));
    expect(cut).toBeGreaterThan(0);
    const early = path.join(tmp, "early");
    mkdirSync(early);
    for (const name of names.slice(0, cut)) cpSync(path.join(realMigrationsDir, name), path.join(early, name), { recursive: true });
    const databaseFile = path.join(tmp, "app.db");
    applyMigrations({ databaseFile, migrationsDir: early, log: quiet });
    const db = open(databaseFile);
    // one organisation and one program for the tickets to point at: every required column filled
    const row = (table: string, id: string) => {
      const columns = (
        db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string; notnull: number; dflt_value: unknown }[]
      ).filter((c) => c.notnull && c.dflt_value === null);
      const value = (c: { name: string; type: string }) =>
        c.name === "id"
          ? id
          : c.name.endsWith("Id")
            ? "tp"
            : c.type === "INTEGER"
              ? 1
              : c.type === "DATETIME"
                ? new Date().toISOString()
                : `${c.name}-${id}`;
      db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`).run(
        ...columns.map(value),
      );
    };
    for (const org of ["m", "s", "tp"]) row("Organization", org);
    row("Program", "p");
    const insert = db.prepare(
      `INSERT INTO "Ticket" (id, number, programId, manufacturerId, supplierId, title, problem, desiredOutcome, state, updatedAt)
       VALUES (?, ?, 'p', 'm', 's', 't', 'p', 'd', ?, CURRENT_TIMESTAMP)`,
    );
    for (let i = 0; i < 200; i++) insert.run(`t${i}`, `AS-${i}`, i % 2 ? "submitted" : "in_progress");
    db.exec("ANALYZE");
    const ticketStats = () => (db.prepare(`SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl = 'Ticket'`).get() as { n: number }).n;
    expect(ticketStats()).toBeGreaterThan(0);
    applyMigrations({ databaseFile, migrationsDir: realMigrationsDir, log: quiet });
    expect(ticketStats()).toBeGreaterThan(0);
    db.close();
  });

  it("records rows exactly as Prisma does (checksum = sha256 of migration.sql, ms timestamps, 1 step)", () => {
    const databaseFile = path.join(tmp, "app.db");
    applyMigrations({ databaseFile, migrationsDir: realMigrationsDir, log: quiet });
    const rows = history(databaseFile);
    const folders = migrationFolders(realMigrationsDir);
    expect(rows.map((r) => r.migration_name)).toEqual(folders);
    for (const row of rows) {
      const sql = readFileSync(path.join(realMigrationsDir, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(sha256(sql));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(Number.isInteger(row.started_at)).toBe(true);
      expect(row.finished_at).toBeGreaterThanOrEqual(row.started_at);
      expect(Math.abs(Date.now() - row.started_at)).toBeLessThan(60_000);
    }
    const db = open(databaseFile);
    const ddl = (db.prepare("SELECT sql FROM sqlite_master WHERE name = '_prisma_migrations'").get() as { sql: string }).sql;
    db.close();
    expect(`${ddl};`).toBe(CREATE_MIGRATIONS_TABLE_SQL);
  });

  it("is accepted by Prisma's own schema engine: nothing to apply, no drift, no edited or failed migration", () => {
    const databaseFile = path.join(tmp, "app.db");
    applyMigrations({ databaseFile, migrationsDir: realMigrationsDir, log: quiet });
    // In a child process: the WebAssembly engine leaves a timer behind.
    const lib = (name: string) => JSON.stringify(pathToFileURL(path.join(root, "scripts", "db", "lib", name)).href);
    const code = `
      import { readFileSync } from "node:fs";
      const { startSchemaEngine } = await import(${lib("schema-engine.mjs")});
      const { engineMigrationsList } = await import(${lib("migrations-dir.mjs")});
      const schemaPath = ${JSON.stringify(realSchema)};
      const migrationsList = engineMigrationsList(${JSON.stringify(realMigrationsDir)});
      const filters = { externalTables: [], externalEnums: [] };
      const { engine, close } = await startSchemaEngine({ schemaPath, schemaContent: readFileSync(schemaPath, "utf8"), databaseFile: ${JSON.stringify(databaseFile)} });
      const diagnose = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters });
      const dev = await engine.devDiagnostic({ migrationsList, filters });
      const apply = await engine.applyMigrations({ migrationsList, filters });
      await close();
      console.log(JSON.stringify({ diagnose, dev, apply }));
      process.exit(0);`;
    const run = runNode(["--input-type=module", "-e", code]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const { diagnose, dev, apply } = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}");
    expect(diagnose).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
    expect(dev).toEqual({ action: { tag: "createMigration" } });
    expect(apply).toEqual({ appliedMigrationNames: [] });
  });
});

describe("applyMigrations refuses unsafe situations", () => {
  it("fails on a migration edited after it was applied, and changes nothing", () => {
    const migrationsDir = path.join(tmp, "migrations");
    cpSync(realMigrationsDir, migrationsDir, { recursive: true });
    const databaseFile = path.join(tmp, "app.db");
    applyMigrations({ databaseFile, migrationsDir, log: quiet });
    const before = history(databaseFile);

    const first = migrationFolders(migrationsDir)[0];
    appendFileSync(path.join(migrationsDir, first, "migration.sql"), "\n-- edited\n");
    expect(() => applyMigrations({ databaseFile, migrationsDir, log: quiet })).toThrow(/edited after it was applied/);
    expect(history(databaseFile)).toEqual(before);
  });

  it("accepts a migration whose line endings git converted (as Prisma does)", () => {
    const migrationsDir = writeMigrations({ "20240101000000_a": 'CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY);\n-- two\n' });
    const databaseFile = path.join(tmp, "app.db");
    applyMigrations({ databaseFile, migrationsDir, log: quiet });
    const file = path.join(migrationsDir, "20240101000000_a", "migration.sql");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n/g, "\r\n"));
    expect(applyMigrations({ databaseFile, migrationsDir, log: quiet }).applied).toEqual([]);
  });

  it("rolls back a failing migration completely, keeps earlier ones, and retries it once fixed", () => {
    const migrationsDir = writeMigrations({
      "20240101000000_a": 'CREATE TABLE "A" ("id" INTEGER NOT NULL PRIMARY KEY);\n',
      "20240102000000_b": 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);\nCREATE INDEX "B_x" ON "B"("no_such_column");\n',
    });
    const databaseFile = path.join(tmp, "app.db");
    expect(() => applyMigrations({ databaseFile, migrationsDir, log: quiet })).toThrow(/20240102000000_b failed and was rolled back/);
    expect(tables(databaseFile)).toEqual(["A", "_prisma_migrations"]);
    expect(history(databaseFile).map((r) => r.migration_name)).toEqual(["20240101000000_a"]);

    writeFileSync(path.join(migrationsDir, "20240102000000_b", "migration.sql"), 'CREATE TABLE "B" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
    expect(applyMigrations({ databaseFile, migrationsDir, log: quiet }).applied).toEqual(["20240102000000_b"]);
    expect(tables(databaseFile)).toEqual(["A", "B", "_prisma_migrations"]);
  });

  it("fails on a missing or empty migrations folder, before creating any database", () => {
    const databaseFile = path.join(tmp, "db", "app.db");
    expect(() => applyMigrations({ databaseFile, migrationsDir: path.join(tmp, "nope"), log: quiet })).toThrow(/Migrations folder not found/);
    mkdirSync(path.join(tmp, "empty"));
    expect(() => applyMigrations({ databaseFile, migrationsDir: path.join(tmp, "empty"), log: quiet })).toThrow(/No migrations in/);
    expect(existsSync(databaseFile)).toBe(false);
  });

  it("fails when a migration folder has no migration.sql", () => {
    const migrationsDir = writeMigrations({ "20240101000000_a": "CREATE TABLE A (id INTEGER);\n" });
    mkdirSync(path.join(migrationsDir, "20240102000000_b"));
    expect(() => applyMigrations({ databaseFile: path.join(tmp, "app.db"), migrationsDir, log: quiet })).toThrow(
      /20240102000000_b has no readable migration\.sql/,
    );
  });

  it("fails when an applied migration is missing from the folder", () => {
    const migrationsDir = writeMigrations({
      "20240101000000_a": "CREATE TABLE A (id INTEGER);\n",
      "20240102000000_b": "CREATE TABLE B (id INTEGER);\n",
    });
    const databaseFile = path.join(tmp, "app.db");
    applyMigrations({ databaseFile, migrationsDir, log: quiet });
    rmSync(path.join(migrationsDir, "20240102000000_b"), { recursive: true });
    expect(() => applyMigrations({ databaseFile, migrationsDir, log: quiet })).toThrow(
      /20240102000000_b is applied in the database but missing from the migrations folder/,
    );
  });

  it("fails when _prisma_migrations holds a failed row, but ignores rolled-back rows", () => {
    const migrationsDir = writeMigrations({ "20240101000000_a": "CREATE TABLE A (id INTEGER);\n" });
    const databaseFile = path.join(tmp, "app.db");
    const db = open(databaseFile);
    db.exec(CREATE_MIGRATIONS_TABLE_SQL);
    db.prepare("INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs) VALUES (?, ?, ?, ?, ?)").run(
      "f1",
      "x",
      Date.now(),
      "20240101000000_a",
      "boom",
    );
    db.close();
    expect(() => applyMigrations({ databaseFile, migrationsDir, log: quiet })).toThrow(/failed migration\(s\): 20240101000000_a/);

    const db2 = open(databaseFile);
    db2.prepare("UPDATE _prisma_migrations SET rolled_back_at = ? WHERE id = 'f1'").run(Date.now());
    db2.close();
    expect(applyMigrations({ databaseFile, migrationsDir, log: quiet }).applied).toEqual(["20240101000000_a"]);
  });

  it("refuses a non-empty database that has no migration history (like Prisma's P3005)", () => {
    const migrationsDir = writeMigrations({ "20240101000000_a": "CREATE TABLE A (id INTEGER);\n" });
    const databaseFile = path.join(tmp, "app.db");
    const db = open(databaseFile);
    db.exec("CREATE TABLE Legacy (id INTEGER)");
    db.close();
    expect(() => applyMigrations({ databaseFile, migrationsDir, log: quiet })).toThrow(/not empty .* no _prisma_migrations/);
    expect(tables(databaseFile)).toEqual(["Legacy"]);
  });

  it("redefines a parent table without cascading deletes into its children, and rejects dangling foreign keys", () => {
    const migrationsDir = writeMigrations({
      "20240101000000_init": [
        'CREATE TABLE "P" ("id" INTEGER NOT NULL PRIMARY KEY, "note" TEXT);',
        'CREATE TABLE "C" ("id" INTEGER NOT NULL PRIMARY KEY, "pId" INTEGER NOT NULL,',
        '  CONSTRAINT "C_pId_fkey" FOREIGN KEY ("pId") REFERENCES "P" ("id") ON DELETE CASCADE ON UPDATE CASCADE);',
        "",
      ].join("\n"),
    });
    const databaseFile = path.join(tmp, "app.db");
    applyMigrations({ databaseFile, migrationsDir, log: quiet });
    const db = open(databaseFile);
    db.exec("INSERT INTO P VALUES (1, 'n'); INSERT INTO C VALUES (10, 1);");
    db.close();

    // The shape of Prisma's SQLite "RedefineTables" script.
    writeMigrations(
      {
        "20240102000000_redefine": [
          "-- RedefineTables",
          "PRAGMA defer_foreign_keys=ON;",
          "PRAGMA foreign_keys=OFF;",
          'CREATE TABLE "new_P" ("id" INTEGER NOT NULL PRIMARY KEY, "note" TEXT NOT NULL DEFAULT \'\');',
          'INSERT INTO "new_P" ("id", "note") SELECT "id", "note" FROM "P";',
          'DROP TABLE "P";',
          'ALTER TABLE "new_P" RENAME TO "P";',
          "PRAGMA foreign_keys=ON;",
          "PRAGMA defer_foreign_keys=OFF;",
          "",
        ].join("\n"),
      },
      migrationsDir,
    );
    applyMigrations({ databaseFile, migrationsDir, log: quiet });
    const after = open(databaseFile);
    expect(after.prepare("SELECT COUNT(*) AS n FROM C").get()).toEqual({ n: 1 });
    after.close();

    writeMigrations({ "20240103000000_orphan": 'DELETE FROM "P";\n' }, migrationsDir);
    expect(() => applyMigrations({ databaseFile, migrationsDir, log: quiet })).toThrow(/20240103000000_orphan leaves 1 foreign key violation/);
    const last = open(databaseFile);
    expect(last.prepare("SELECT COUNT(*) AS n FROM P").get()).toEqual({ n: 1 });
    last.close();
  });
});

describe("npm run db:migrate (scripts/db/migrate.mjs)", () => {
  it("resolves DATABASE_URL: relative to the project root, absolute as is", () => {
    expect(resolveDatabaseFile("file:./data/as-tracker.db", root)).toBe(path.join(root, "data", "as-tracker.db"));
    expect(resolveDatabaseFile("file:data/x.db?connection_limit=1", root)).toBe(path.join(root, "data", "x.db"));
    expect(resolveDatabaseFile("file:/srv/as/x.db", root)).toBe("/srv/as/x.db");
    expect(resolveDatabaseFile("file:///srv/as/x.db", root)).toBe("/srv/as/x.db");
    expect(() => resolveDatabaseFile("postgres://x", root)).toThrow(/file:/);
  });

  it("exits 0 with a summary, then non-zero with a clear message on a broken migration", () => {
    const migrationsDir = writeMigrations({ "20240101000000_a": "CREATE TABLE A (id INTEGER);\n" });
    const env = { DATABASE_URL: `file:${path.join(tmp, "cli", "app.db")}` };
    const ok = runNode([migrateScript, "--migrations-dir", migrationsDir], env);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("Applied 1 migration: 20240101000000_a");
    const again = runNode([migrateScript, "--migrations-dir", migrationsDir], env);
    expect(again.stdout).toContain("Database up to date (1 migration)");

    writeMigrations({ "20240102000000_bad": "CREATE TABLE B (id INTEGER);\nTHIS IS NOT SQL;\n" }, migrationsDir);
    const bad = runNode([migrateScript, "--migrations-dir", migrationsDir], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Migration failed: Migration 20240102000000_bad failed and was rolled back/);
    expect(tables(path.join(tmp, "cli", "app.db"))).toEqual(["A", "_prisma_migrations"]);
  });
});

describe("npm run db:migration:create (scripts/db/create-migration.mjs)", () => {
  const schemaV1 = `datasource db {
  provider = "sqlite"
}

model Parent {
  id       Int     @id
  note     String?
  children Child[]
}

model Child {
  id       Int    @id
  parentId Int
  parent   Parent @relation(fields: [parentId], references: [id], onDelete: Cascade)
}
`;
  const schemaV2 = schemaV1.replace("note     String?", 'note     String  @default("")').concat("\nmodel Extra {\n  id Int @id\n}\n");

  it("writes a migration for each schema change, refuses no-op runs and bad names, never an empty file", () => {
    const schema = path.join(tmp, "schema.prisma");
    const migrationsDir = path.join(tmp, "migrations");
    const databaseFile = path.join(tmp, "app.db");
    const create = (...args: string[]) => runNode([createMigrationScript, ...args, "--schema", schema, "--migrations-dir", migrationsDir]);
    writeFileSync(schema, schemaV1);

    expect(create().status).toBe(1);
    const badName = create("Add-Thing");
    expect(badName.status).toBe(1);
    expect(badName.stderr).toMatch(/\[a-z0-9_\]\+/);
    expect(existsSync(migrationsDir)).toBe(false);

    // First migration from nothing (no migrations folder yet).
    const init = create("init");
    expect(init.stderr).toBe("");
    expect(init.status).toBe(0);
    const [initFolder] = migrationFolders(migrationsDir);
    expect(initFolder).toMatch(/^\d{14}_init$/);
    const initSql = readFileSync(path.join(migrationsDir, initFolder, "migration.sql"), "utf8");
    expect(initSql).toContain('CREATE TABLE "Parent"');
    expect(initSql).toContain('CREATE TABLE "Child"');
    expect(init.stdout).toContain('CREATE TABLE "Parent"');
    expect(readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toMatch(/^provider = "sqlite"$/m);
    // Give it an older timestamp so the next one (same second) sorts after it.
    renameSync(path.join(migrationsDir, initFolder), path.join(migrationsDir, "20000101000000_init"));

    applyMigrations({ databaseFile, migrationsDir, log: quiet });
    const db = open(databaseFile);
    db.exec("INSERT INTO Parent VALUES (1, 'kept'); INSERT INTO Child VALUES (10, 1);");
    db.close();

    // Unchanged schema: refused, nothing written.
    const same = create("nothing");
    expect(same.status).toBe(2);
    expect(same.stdout).toContain("No schema changes: nothing to create");
    expect(migrationFolders(migrationsDir)).toEqual(["20000101000000_init"]);

    // A change: new model + a column that needs the table redefined.
    writeFileSync(schema, schemaV2);
    const v2 = create("add_extra");
    expect(v2.stderr).toBe("");
    expect(v2.status).toBe(0);
    const folders = migrationFolders(migrationsDir);
    expect(folders).toHaveLength(2);
    expect(folders[1]).toMatch(/^\d{14}_add_extra$/);
    const v2Sql = readFileSync(path.join(migrationsDir, folders[1], "migration.sql"), "utf8");
    expect(v2Sql).toContain('CREATE TABLE "Extra"');
    expect(v2Sql).not.toContain('CREATE TABLE "Child"');
    expect(v2Sql).toContain('DROP TABLE "Parent"');

    // Applying Prisma's generated redefinition keeps the children's rows.
    expect(applyMigrations({ databaseFile, migrationsDir, log: quiet }).applied).toEqual([folders[1]]);
    const after = open(databaseFile);
    expect(after.prepare("SELECT COUNT(*) AS n FROM Child").get()).toEqual({ n: 1 });
    expect(after.prepare("SELECT note FROM Parent").get()).toEqual({ note: "kept" });
    after.close();

    expect(create("again").status).toBe(2);
    expect(migrationFolders(migrationsDir)).toHaveLength(2);
  });

  it("fails (and writes nothing) when the existing migrations do not replay", () => {
    const schema = path.join(tmp, "schema.prisma");
    writeFileSync(schema, schemaV1);
    const migrationsDir = writeMigrations({ "20240101000000_broken": "CREATE TABLE (;\n" });
    const run = runNode([createMigrationScript, "next", "--schema", schema, "--migrations-dir", migrationsDir]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/create-migration failed: .*20240101000000_broken/s);
    expect(migrationFolders(migrationsDir)).toEqual(["20240101000000_broken"]);
  });
});
