// `npm start`: build if the build is missing or older than the sources, apply
// pending migrations, seed an empty database, then serve in production mode: the
// server runs in a node process of its own, started with the flags of
// scripts/server-flags.mjs (V8 takes them only on the command line, never later).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "./db/lib/migrate-any.mjs";
import { serverNodeArgs } from "./server-flags.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (name === "node_modules" || name === "generated") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

const buildDir = process.env.BUILD_DIR ?? "build";
const outputs = [`${buildDir}/server/index.js`, `${buildDir}/node/server.js`, `${buildDir}/node/seed.js`];
const sources = [
  "app",
  "public",
  "server.ts",
  "scripts/server-flags.mjs",
  "prisma/schema.prisma",
  "prisma/seed.ts",
  "vite.config.ts",
  "package.json",
  "package-lock.json",
];
const builtAt = Math.min(...outputs.map((file) => newestMtime(file) || 0));
const sourcesAt = Math.max(...sources.map(newestMtime));
if (!builtAt || builtAt < sourcesAt) {
  console.log(builtAt ? "Sources changed since the last build: building…" : "No build yet: building…");
  const result = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status || 1);
}

if (process.argv.includes("--build-only")) process.exit(0);

process.env.NODE_ENV = "production";
// migrate, then seed an empty database, while no other node does either (migrate-any.mjs)
await migrateDatabase({
  root,
  afterwards: () => {
    const seed = spawnSync(process.execPath, [`${buildDir}/node/seed.js`, "--if-empty"], { stdio: "inherit", env: process.env });
    if (seed.status !== 0) {
      console.error("Seeding failed");
      process.exit(seed.status || 1);
    }
  },
}).catch((error) => {
  console.error(`Migration failed: ${error.message}`);
  process.exit(1);
});

// This process stays as the server's parent: a signal sent to it (a supervisor's SIGTERM) is passed
// on, and it ends as the server ended, with its exit code or signal's code (128 + number). A signal
// from the terminal reaches both; the server's shutdown runs once either way.
const server = spawn(process.execPath, serverNodeArgs(path.join(root, buildDir, "node", "server.js")), { stdio: "inherit", env: process.env });
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => server.kill(signal));
server.on("error", (error) => {
  console.error(`Could not start the server: ${error.message}`);
  process.exit(1);
});
server.on("exit", (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0)));
