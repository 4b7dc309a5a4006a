// Generates the Prisma clients without Prisma's downloadable engines: one for SQLite
// (app/generated/prisma) and one for PostgreSQL (app/generated/prisma-postgresql), from the one
// schema source (scripts/db/lib/schemas.mjs). `prisma generate` only needs the (npm-shipped)
// WebAssembly parts, but the CLI still looks for a schema-engine binary; point it at a stub that
// exits 1 so nothing that truly needs the engine can pass silently.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROVIDERS, schemaPath } from "./db/lib/schemas.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.join(root, "scripts", "schema-engine-stub.sh");
}
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const prismaBin = path.join(root, "node_modules", "prisma", "build", "index.js");
for (const provider of PROVIDERS) {
  const schema = path.relative(root, schemaPath(provider, root));
  const result = spawnSync(process.execPath, [prismaBin, "generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`prisma generate (${provider}) failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}
