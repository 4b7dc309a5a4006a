// `npm run bench:load`: 200 concurrent signed-in users (manufacturers,
// suppliers and monitors) for 60 s on loopback against the production server
// on a fresh demo database: a realistic mix of page views, data requests and
// form posts (live notification reads, quote revisions, plan-review views).
// Reports requests, errors, non-2xx/3xx answers and latency p50/p99.
// Exit code 1 when any request failed.
// Bounded in time (BENCH_LOAD_SECONDS, default 60) and connections (200).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { createCookie } from "@remix-run/node";
import { serverNodeArgs } from "../server-flags.mjs";
import { assertPortFree, ensureBuild, serverJs, waitFor } from "./common";

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const USERS = Number(process.env.BENCH_LOAD_USERS ?? 200);
// People read between clicks: by default the 200 users together make 100
// requests/s (one every 2 s each). BENCH_LOAD_RATE=0 removes the pacing and
// measures saturation instead (every user clicking continuously).
const RATE = Number(process.env.BENCH_LOAD_RATE ?? 100);
const PORT = 3470;

async function main() {
  ensureBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "as-load-"));
  const dbFile = path.join(dir, "load.db");
  const env = {
    ...process.env,
    NODE_ENV: "production" as const,
    PORT: String(PORT),
    DATABASE_URL: `file:${dbFile}`,
    DATA_DIR: dir,
    INSECURE_COOKIES: "1",
    RATE_LIMIT: "off",
    LOG_LEVEL: "warn",
  };
  const migrate = spawnSync(process.execPath, ["scripts/db/migrate.mjs"], { env, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(migrate.stderr);
  const seed = spawnSync(process.execPath, [path.join(path.dirname(serverJs), "seed.js")], { env, encoding: "utf8" });
  if (seed.status !== 0) throw new Error(seed.stderr);

  // one session per simulated user, spread over the six demo accounts
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(path.join(dir, "session-secret"), secret, { mode: 0o600 });
  const cookie = createCookie("as_session", { secrets: [secret], path: "/", httpOnly: true, sameSite: "lax" });
  const db = new Database(dbFile);
  const users = db.prepare(`SELECT id, email, role FROM User ORDER BY email`).all() as { id: string; email: string; role: string }[];
  const tickets = db.prepare(`SELECT id, number, manufacturerId, supplierId, state FROM Ticket`).all() as {
    id: string;
    number: string;
    manufacturerId: string;
    supplierId: string;
    state: string;
  }[];
  const orgOf = Object.fromEntries(
    (db.prepare(`SELECT id, organizationId FROM User`).all() as { id: string; organizationId: string }[]).map((u) => [u.id, u.organizationId]),
  );
  const sessions: { cookie: string; role: string; userId: string }[] = [];
  for (let i = 0; i < USERS; i++) {
    const user = users[i % users.length];
    const id = crypto.randomBytes(32).toString("base64url");
    db.prepare(`INSERT INTO Session (id, userId, expiresAt, createdAt) VALUES (?, ?, ?, ?)`).run(
      id,
      user.id,
      new Date(Date.now() + 3_600_000).toISOString().replace("Z", "+00:00"),
      new Date().toISOString().replace("Z", "+00:00"),
    );
    sessions.push({ cookie: (await cookie.serialize(id)).split(";")[0], role: user.role, userId: user.id });
  }
  db.close();

  await assertPortFree(`http://localhost:${PORT}/healthz`);
  const server: ChildProcess = spawn(process.execPath, serverNodeArgs(serverJs), { env, stdio: ["ignore", "ignore", "inherit"] });
  try {
    await waitFor(`http://localhost:${PORT}/healthz`);
    const origin = `http://localhost:${PORT}`;
    let next = 0;
    const result = await autocannon({
      url: origin,
      connections: USERS,
      duration: SECONDS,
      ...(RATE > 0 ? { overallRate: RATE } : {}),
      // each connection is one user; requests cycle through that user's mix
      setupClient: (client) => {
        const s = sessions[next++ % sessions.length];
        const own = tickets.filter((t) =>
          s.role === "monitor"
            ? t.state !== "draft"
            : s.role === "manufacturer"
              ? t.manufacturerId === orgOf[s.userId]
              : t.supplierId === orgOf[s.userId] && t.state !== "draft",
        );
        const ticket = own[0];
        const headers = { Cookie: s.cookie, Origin: origin };
        const home = s.role === "monitor" ? "/dashboard" : s.role === "supplier" ? "/inbox" : "/tickets";
        const mix = [
          { method: "GET", path: home, headers },
          { method: "GET", path: "/tickets", headers },
          ...(ticket
            ? [
                { method: "GET", path: `/tickets/${ticket.id}`, headers },
                { method: "GET", path: `/tickets/${ticket.id}.data`, headers },
              ]
            : []),
          { method: "GET", path: "/notifications", headers },
          // a form post every user may make: mark notifications read
          ...(process.env.BENCH_LOAD_NO_POST
            ? []
            : [
                {
                  method: "POST",
                  path: "/notifications",
                  headers: { ...headers, "content-type": "application/x-www-form-urlencoded" },
                  body: "all=1",
                },
              ]),
          ...(ticket ? [{ method: "GET", path: `/tickets/${ticket.id}/quote`, headers }] : []),
        ];
        client.setRequests(mix as never);
      },
    });
    const ok2xx3xx = result["2xx"] + result["3xx"];
    const report = {
      users: USERS,
      "paced req/s": RATE > 0 ? RATE : "unpaced",
      seconds: SECONDS,
      requests: result.requests.total,
      "req/s": Math.round(result.requests.average),
      "p50 ms": result.latency.p50,
      "p99 ms": result.latency.p99,
      "max ms": result.latency.max,
      errors: result.errors,
      timeouts: result.timeouts,
      "2xx": result["2xx"],
      "3xx": result["3xx"],
      "non 2xx/3xx": result.requests.total - ok2xx3xx,
    };
    console.log(`\nLoad: ${USERS} signed-in users (all roles), ${SECONDS} s, ${os.cpus().length} cores, node ${process.version}`);
    console.table([report]);
    console.log(JSON.stringify({ bench: "load", ...report }));
    if (result.errors || result.timeouts || result.requests.total - ok2xx3xx) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
