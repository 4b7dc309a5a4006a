// Migrates the database DATABASE_URL names, whichever it is (ADR 041), and runs `afterwards` (the seed of
// `npm start`) while nobody else migrates: on PostgreSQL under the migration lock, which several nodes
// starting at once take in turn; on SQLite one process at a time by the file's own write lock.
import path from "node:path";
import { applyMigrations } from "./apply.mjs";
import { applyPostgresMigrations, describeUrl, withMigrationLock } from "./apply-postgres.mjs";
import { projectRoot, resolveDatabaseFile } from "./paths.mjs";
import { migrationsDir as providerMigrationsDir, providerOf } from "./schemas.mjs";

/**
 * @param {object} options
 * @param {string} [options.url] DATABASE_URL (default: the environment's, else the SQLite default)
 * @param {string} [options.migrationsDir] overrides the provider's folder
 * @param {(line: string) => void} [options.log]
 * @param {() => Promise<void> | void} [options.afterwards]
 */
export async function migrateDatabase({
  url = process.env.DATABASE_URL || undefined,
  migrationsDir,
  root = projectRoot,
  log = console.log,
  afterwards,
} = {}) {
  const provider = providerOf(url);
  const dir = migrationsDir ?? providerMigrationsDir(provider, root);
  if (provider === "postgresql") {
    log(`Database: ${describeUrl(url)}`);
    return withMigrationLock(url, async (client) => {
      const result = await applyPostgresMigrations({ client, where: describeUrl(url), migrationsDir: dir, log });
      await afterwards?.();
      return result;
    });
  }
  const databaseFile = resolveDatabaseFile(url, root);
  log(`Database: ${path.relative(process.cwd(), databaseFile) || databaseFile}`);
  const result = applyMigrations({ databaseFile, migrationsDir: dir, log });
  await afterwards?.();
  return result;
}
