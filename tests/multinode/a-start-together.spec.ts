// Two nodes started through `npm start`'s script (scripts/start.mjs) at the same moment on one empty
// PostgreSQL database: one of them migrates and seeds, the other finds the work done — never both, never
// half (issue 18, items 1 and 4). The cluster fixture started them together; their output and the
// database say what happened.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, "g"))?.length ?? 0;

test("two nodes started together on an empty database migrate and seed it once", async ({ cluster }) => {
  const outputs = (["A", "B"] as const).map((name) => cluster.node(name).output());
  const both = outputs.join("\n");
  // start.mjs prints what it did: exactly one node seeded, the other found data
  expect(count(both, /Seeded demo data/), both).toBe(1);
  expect(count(both, /not seeding/), both).toBe(1);

  // every migration of the PostgreSQL folder is recorded as applied exactly once, and finished
  const dir = path.join(process.cwd(), "prisma", "migrations-postgresql");
  const migrations = fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")));
  const applied = await cluster.query<{ migration_name: string; times: string; unfinished: string }>(
    `SELECT migration_name, count(*) AS times, count(*) FILTER (WHERE finished_at IS NULL) AS unfinished FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name`,
  );
  expect(applied.map((row) => row.migration_name)).toEqual(migrations.sort());
  expect(applied.filter((row) => Number(row.times) !== 1 || Number(row.unfinished) !== 0)).toEqual([]);

  // the demo once: its tickets, people and organisations each once (a second seed would have doubled
  // the rows that have no unique key, or failed its node on those that have)
  const [{ tickets }] = await cluster.query<{ tickets: string }>(`SELECT count(*) AS tickets FROM "Ticket"`);
  expect(both).toContain(`Seeded demo data: 1 program, ${tickets} tickets`);
  const doubled = await cluster.query(
    `SELECT 'program' AS what, name AS key FROM "Program" GROUP BY name HAVING count(*) > 1
     UNION ALL SELECT 'organization', name FROM "Organization" GROUP BY name HAVING count(*) > 1
     UNION ALL SELECT 'question', "ticketId" || subject FROM "TicketQuestion" GROUP BY "ticketId", subject HAVING count(*) > 1`,
  );
  expect(doubled).toEqual([]);
  for (const name of ["A", "B"] as const) {
    const health = await fetch(`${cluster.url(name)}/healthz`);
    expect(health.status).toBe(200);
  }
});
