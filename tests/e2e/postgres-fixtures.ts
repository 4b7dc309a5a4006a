// The e2e helpers' reads on an instance that runs on PostgreSQL (E2E_DATABASE=postgresql: each instance
// has a database of its own, its URL in data/e2e-<port>/database-url, written by scripts/e2e-server.mjs).
// Synchronous, like better-sqlite3's reads that the specs call inline: through psql, a real query on the
// real database. Only reads: the specs that set up their cases by writing SQL stay on SQLite (ADR 044).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { postgresBinDir } from "../../scripts/services/private-services.mjs";
import { instanceDir } from "./instance";

export const onPostgres = (): boolean => process.env.E2E_DATABASE === "postgresql";

/** DATABASE_URL of this spec file's server. */
export function instanceDatabaseUrl(): string {
  return fs.readFileSync(path.join(instanceDir(), "database-url"), "utf8").trim();
}

/** The first row of `sql` as JSON-decoded object; `:'name'` in the SQL is the psql variable of `params` (quoted by psql). */
export function postgresRow<T>(sql: string, params: Record<string, string> = {}): T | undefined {
  const variables = Object.entries(params).flatMap(([name, value]) => ["-v", `${name}=${value}`]);
  const out = execFileSync(
    path.join(postgresBinDir(), "psql"),
    ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", ...variables, instanceDatabaseUrl()],
    {
      // variables are interpolated in psql's input, never in -c
      input: `SELECT row_to_json(r) FROM (${sql}) r LIMIT 1;`,
      encoding: "utf8",
    },
  );
  const line = out.trim();
  return line ? (JSON.parse(line) as T) : undefined;
}

/** A ticket's row by its number, with the columns (and ISO dates) the SQLite fixture reads. */
export function ticketOnPostgres<T>(number: string): T | undefined {
  return postgresRow<T>(
    `SELECT id, number, state, version, "manufacturerId", "supplierId", "programId",
            to_char("submittedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "submittedAt"
       FROM "Ticket" WHERE number = :'number'`,
    { number },
  );
}
