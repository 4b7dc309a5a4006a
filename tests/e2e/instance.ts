// Each spec file runs against its own server and database (see
// playwright.config.ts): the port of the current project's baseURL names it.
import path from "node:path";
import { test } from "@playwright/test";

export function instancePort(): number {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error("no baseURL for this project");
  return Number(new URL(baseURL).port);
}

/** data/e2e-<port>: the SQLite file (e2e.db) and uploads of this spec file's server. */
export function instanceDir(): string {
  return path.resolve("data", `e2e-${instancePort()}`);
}
