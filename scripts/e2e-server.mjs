// Starts the app for end-to-end tests exactly as `npm start` does, but on a
// fresh database and data folder of its own (data/e2e), so tests never touch
// the demo database and always begin from the seed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.env.PORT ??= "3100";
// One data folder per port, so parallel runs never share a database.
const dir = path.join(root, "data", `e2e-${process.env.PORT}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
process.env.DATABASE_URL = `file:${path.join(dir, "e2e.db")}`;
process.env.DATA_DIR = dir;
await import("./start.mjs");
