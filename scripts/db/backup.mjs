// `npm run db:backup [-- --out DIR]`: a consistent online snapshot of the
// database (SQLite's backup API through better-sqlite3, safe while the server
// writes; never a file copy of a live database) plus the uploaded files and
// the session secret, into backups/<timestamp>/ (or DIR).
//
// The files are copied after the database snapshot: uploads are written
// before the transaction that records them and never modified, so every file
// the snapshot refers to already exists when it is copied.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { projectRoot, resolveDatabaseFile } from "./lib/paths.mjs";

function arg(name) {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function main() {
  const databaseFile = resolveDatabaseFile(process.env.DATABASE_URL, projectRoot);
  if (!fs.existsSync(databaseFile)) throw new Error(`No database at ${databaseFile}`);
  const dataDir = path.resolve(projectRoot, process.env.DATA_DIR ?? "data");
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..+/, "").replace("T", "-");
  const out = path.resolve(projectRoot, arg("--out") ?? path.join("backups", stamp));
  if (fs.existsSync(out) && fs.readdirSync(out).length) throw new Error(`Backup folder ${out} is not empty`);
  fs.mkdirSync(out, { recursive: true });

  const started = Date.now();
  const source = new Database(databaseFile, { readonly: true, fileMustExist: true });
  source.pragma("busy_timeout = 5000");
  await source.backup(path.join(out, "as-tracker.db"));
  source.close();

  const check = new Database(path.join(out, "as-tracker.db"), { readonly: true });
  const integrity = check.pragma("integrity_check", { simple: true });
  const counts = Object.fromEntries(
    check
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all()
      .map(({ name }) => [name, check.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get().n]),
  );
  check.close();
  if (integrity !== "ok") throw new Error(`Snapshot failed integrity_check: ${integrity}`);

  const files = path.join(dataDir, "files");
  let fileCount = 0;
  if (fs.existsSync(files)) {
    fs.cpSync(files, path.join(out, "files"), { recursive: true });
    fileCount = fs
      .readdirSync(path.join(out, "files"), { recursive: true })
      .filter((f) => fs.statSync(path.join(out, "files", String(f))).isFile()).length;
  }
  const secret = path.join(dataDir, "session-secret");
  if (fs.existsSync(secret)) fs.copyFileSync(secret, path.join(out, "session-secret"));
  fs.writeFileSync(
    path.join(out, "manifest.json"),
    JSON.stringify({ createdAt: new Date().toISOString(), databaseFile, dataDir, integrity, counts, files: fileCount }, null, 2),
  );
  console.log(
    `Backup written to ${out} (${Object.values(counts).reduce((a, b) => a + b, 0)} rows, ${fileCount} files, ${Date.now() - started} ms)`,
  );
}

main().catch((error) => {
  console.error(`Backup failed: ${error.message}`);
  process.exit(1);
});
