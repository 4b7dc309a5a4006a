// `npm run db:restore -- <backup folder>`: puts a backup made by db:backup in
// place of DATABASE_URL and DATA_DIR/files. Stop the server first: the
// database file is replaced, not merged. The current database, if any, is
// kept beside it as <file>.before-restore-<time>.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { projectRoot, resolveDatabaseFile } from "./lib/paths.mjs";

function main() {
  const from = process.argv[2];
  if (!from) throw new Error("Usage: npm run db:restore -- <backup folder>");
  const backup = path.resolve(projectRoot, from);
  const snapshot = path.join(backup, "as-tracker.db");
  if (!fs.existsSync(snapshot)) throw new Error(`${backup} holds no as-tracker.db`);
  const check = new Database(snapshot, { readonly: true });
  const integrity = check.pragma("integrity_check", { simple: true });
  check.close();
  if (integrity !== "ok") throw new Error(`The backup fails integrity_check: ${integrity}`);

  const databaseFile = resolveDatabaseFile(process.env.DATABASE_URL, projectRoot);
  const dataDir = path.resolve(projectRoot, process.env.DATA_DIR ?? "data");
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:.]/g, "");
  if (fs.existsSync(databaseFile)) {
    // fold any WAL into the old file before moving it aside
    const old = new Database(databaseFile);
    old.pragma("wal_checkpoint(TRUNCATE)");
    old.close();
    fs.renameSync(databaseFile, `${databaseFile}.before-restore-${stamp}`);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(databaseFile + suffix, { force: true });
  fs.copyFileSync(snapshot, databaseFile);

  const files = path.join(backup, "files");
  if (fs.existsSync(files)) fs.cpSync(files, path.join(dataDir, "files"), { recursive: true, force: true });
  const secret = path.join(backup, "session-secret");
  if (fs.existsSync(secret) && !process.env.SESSION_SECRET) fs.copyFileSync(secret, path.join(dataDir, "session-secret"));
  console.log(`Restored ${backup} to ${databaseFile}`);
}

try {
  main();
} catch (error) {
  console.error(`Restore failed: ${error.message}`);
  process.exit(1);
}
