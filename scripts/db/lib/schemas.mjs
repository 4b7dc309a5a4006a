// One schema source, two databases (docs/decisions/041). `prisma/schema.prisma` is the SQLite schema and
// the only one anybody edits; the PostgreSQL schema is derived from it (same models, indexes and defaults;
// the datasource provider and the client's output folder differ, and every `Int` is a `BigInt`) into
// `prisma/postgresql/`, a generated, git-ignored folder. Each provider has its own generated client and its
// own migrations.
//
// Why BigInt: SQLite's INTEGER holds 64 bits, PostgreSQL's `integer` 32, so on PostgreSQL an amount over
// 2,147,483,647 won (a program's budget of 50억 원) was refused (P2020) where SQLite kept it. As `bigint`
// both hold every whole-won amount the rules allow (up to Number.MAX_SAFE_INTEGER); app/db.server.ts gives
// the app the values back as numbers, as on SQLite.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { projectRoot, providerOf } from "./paths.mjs";

/** Which provider a DATABASE_URL names (the rule lives in paths.mjs, beside the file: rules). */
export { providerOf };

export const PROVIDERS = /** @type {const} */ (["sqlite", "postgresql"]);

const DATASOURCE = /datasource db \{\s*provider\s*=\s*"sqlite"\s*\}/;
const OUTPUT = /output\s*=\s*"\.\.\/app\/generated\/prisma"/;
/** A model field of type Int (`name Int`, `Int?`, `Int[]`), the type group kept apart. */
const INT_FIELD = /^(\s+\w+\s+)Int(\?|\[\])?(?=\s|$)/gm;

/** The schema text for `provider`, derived from the one source. */
export function schemaText(provider, root = projectRoot) {
  const source = readFileSync(path.join(root, "prisma", "schema.prisma"), "utf8");
  if (provider === "sqlite") return source;
  if (!DATASOURCE.test(source) || !OUTPUT.test(source))
    throw new Error("prisma/schema.prisma: the datasource or the generator output changed shape; update scripts/db/lib/schemas.mjs");
  const header = "// GENERATED from prisma/schema.prisma by scripts/db/lib/schemas.mjs: do not edit, edit that file.\n";
  return (
    header +
    source
      .replace(DATASOURCE, `datasource db {\n  provider = "${provider}"\n}`)
      .replace(OUTPUT, `output = "../../app/generated/prisma-${provider}"`)
      .replace(INT_FIELD, "$1BigInt$2")
  );
}

/** Path of the schema file for `provider` (the derived one is written first). */
export function schemaPath(provider, root = projectRoot) {
  if (provider === "sqlite") return path.join(root, "prisma", "schema.prisma");
  const dir = path.join(root, "prisma", provider);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "schema.prisma");
  writeFileSync(file, schemaText(provider, root));
  return file;
}

/** The migrations folder of `provider`. */
export function migrationsDir(provider, root = projectRoot) {
  return path.join(root, "prisma", provider === "sqlite" ? "migrations" : `migrations-${provider}`);
}
