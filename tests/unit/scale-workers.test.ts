// WEB_CONCURRENCY (issue 18, item 3; ADR 043), with real processes: the server refuses N > 1 without
// REDIS_URL (and a WEB_CONCURRENCY that is not a whole number) before doing anything else; the
// supervisor forks N workers that serve one port, forks another when one dies, and on SIGTERM exits
// once every worker has drained.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../scripts/services/private-services.mjs";

const root = process.cwd();
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

type Run = { child: ChildProcess; stdout: () => string; stderr: () => string; exited: Promise<number | null> };

// a server that did start anyway works on a database and files of its own, never the project's
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "scale-workers-"));
const isolated = { DATABASE_URL: `file:${path.join(scratch, "db.sqlite")}`, DATA_DIR: scratch, REDIS_URL: "" };
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function run(script: string, env: Record<string, string | undefined>): Run {
  const child = spawn(tsx, [script], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "info", ...isolated, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += String(d)));
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** One request on a connection of its own (node:cluster hands out connections, not requests). */
function get(port: number, urlPath = "/"): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path: urlPath, agent: false }, (response) => {
      let text = "";
      response.on("data", (c) => (text += String(c)));
      response.on("end", () => resolve(text));
    });
    request.on("error", reject);
  });
}

/** The pids answering on `port` until `enough` of them (other than `except`) have been seen. */
async function servingPids(port: number, enough: number, except: ReadonlySet<string> = new Set()): Promise<Set<string>> {
  const seen = new Set<string>();
  while (seen.size < enough) {
    const pid = await get(port).catch(() => null);
    if (pid && !except.has(pid)) seen.add(pid);
    else await new Promise((r) => setTimeout(r, 20));
  }
  return seen;
}

describe("WEB_CONCURRENCY", () => {
  it("N > 1 without REDIS_URL: the server refuses to start, saying why in Korean, then in English", async () => {
    const port = await freePort();
    const server = run("server.ts", { NODE_ENV: "production", PORT: String(port), WEB_CONCURRENCY: "2" });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain("WEB_CONCURRENCY=2에는 REDIS_URL이 필요합니다");
    expect(server.stderr()).toContain("WEB_CONCURRENCY=2 needs REDIS_URL");
    expect(server.stderr().indexOf("REDIS_URL이 필요합니다")).toBeLessThan(server.stderr().indexOf("needs REDIS_URL"));
  });

  it("a WEB_CONCURRENCY that is not a whole number stops the start", async () => {
    const server = run("server.ts", { NODE_ENV: "production", PORT: String(await freePort()), WEB_CONCURRENCY: "two" });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('WEB_CONCURRENCY는 1 이상의 정수여야 합니다 (받은 값: "two")');
  });

  it("the supervisor: N workers on one port, a dead worker replaced, SIGTERM passed on and the primary gone once they drained", async () => {
    const port = await freePort();
    const primary = run("tests/unit/fixtures/scale-workers-primary.ts", { PORT: String(port) });
    const first = await servingPids(port, 2);
    expect(first.size).toBe(2);

    await get(port, "/crash").catch(() => null); // one of them dies without answering
    const after = await servingPids(port, 1, first);
    expect(after.size).toBe(1); // a new worker serves
    expect(primary.stdout()).toContain("worker exited unexpectedly");

    primary.child.kill("SIGTERM");
    expect(await primary.exited).toBe(0);
    expect(primary.stdout().match(/drained \d+/g)).toHaveLength(2);
  });
});
