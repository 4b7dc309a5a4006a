// `npm run bench:live`: live-update fan-out, measured against a bare socket.io
// baseline in the same run. For 100 and 1,000 authenticated clients on
// loopback: the time from a committed change (the event's commit timestamp)
// to its receipt by every allowed client, p50 and p99, and the same for a bare
// socket.io server emitting the same payload to the same number of clients.
// Bounded: a fixed number of changes per size, each with a 10 s timeout.
//
// Builds the production bundle when missing or stale; uses a throwaway database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCookie } from "@remix-run/node";
import { io as connect, type Socket } from "socket.io-client";
import { serverNodeArgs } from "../server-flags.mjs";

const ROOT = process.cwd();
const SIZES = (process.env.BENCH_CLIENTS ?? "100,1000").split(",").map(Number);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
const PORT = Number(process.env.BENCH_PORT ?? 3410);
const BASE_PORT = PORT + 1;

type Stats = { p50: number; p99: number; mean: number; samples: number };

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p99: at(0.99), mean: values.reduce((a, b) => a + b, 0) / values.length, samples: values.length };
}

async function waitFor(url: string, ms = 20_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (
      await fetch(url)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function connectAll(url: string, count: number, headers: (i: number) => Record<string, string>): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from(
      { length: Math.min(50, count - i) },
      (_, j) =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(url, { transports: ["websocket"], reconnection: false, extraHeaders: headers(i + j), forceNew: true });
          s.once("connect", () => resolve(s));
          s.once("connect_error", reject);
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** Resolves with each socket's receipt latency (ms) of the next event matching `seq`. */
function receiptOf(sockets: Socket[], event: string, match: (payload: { seq: number; at: string }) => boolean): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const timer = setTimeout(() => reject(new Error(`only ${latencies.length}/${sockets.length} clients received the event`)), 10_000);
    for (const s of sockets) {
      const onEvent = (payload: { seq: number; at: string }) => {
        if (!match(payload)) return;
        latencies.push(Date.now() - Date.parse(payload.at));
        s.off(event, onEvent);
        if (latencies.length === sockets.length) {
          clearTimeout(timer);
          resolve(latencies);
        }
      };
      s.on(event, onEvent);
    }
  });
}

async function bare(count: number): Promise<Stats> {
  // in its own process, as the product's server is: the clients here do not share its event loop
  const server = spawn(process.execPath, [path.join(ROOT, "scripts", "bench", "bare-socket-server.mjs")], {
    env: { ...process.env, PORT: String(BASE_PORT) },
    stdio: "ignore",
  });
  await waitFor(`http://127.0.0.1:${BASE_PORT}/`);
  const sockets = await connectAll(`http://127.0.0.1:${BASE_PORT}`, count, () => ({}));
  const all: number[] = [];
  try {
    for (let i = 0; i <= CHANGES; i++) {
      const payload = {
        seq: i,
        ticketId: "cmbenchticketid000000000",
        ticketNumber: "AS-2024-0042",
        programId: "cmbenchprogramid00000000",
        action: "ticket.start_review",
        state: "requirement_review",
        version: i + 1,
        actorId: "cmbenchactorid0000000000",
        actorName: "윤지혜",
        summary: "요건검토 시작: 요건검토 단계로 변경되었습니다.",
      };
      const receipt = receiptOf(sockets, "ticket:event", (p) => p.seq === i);
      await fetch(`http://127.0.0.1:${BASE_PORT}/emit`, { method: "POST", body: JSON.stringify(payload) });
      const latencies = await receipt;
      if (i > 0) all.push(...latencies); // i = 0 warms up, unmeasured
    }
  } finally {
    sockets.forEach((s) => s.close());
    server.kill("SIGTERM");
  }
  return stats(all);
}

async function product(count: number, server: { url: string; cookies: string[]; ticketIds: string[]; monitorCookie: string }): Promise<Stats> {
  const sockets = await connectAll(server.url, count, (i) => ({ Cookie: server.cookies[i % server.cookies.length], Origin: server.url }));
  const all: number[] = [];
  for (let i = 0; i <= CHANGES; i++) {
    const ticketId = server.ticketIds.shift();
    if (!ticketId) throw new Error("out of tickets to change");
    const receipt = receiptOf(sockets, "ticket:event", () => true);
    const body = new URLSearchParams({ intent: "transition", action: "start_review", version: "1" });
    const response = await fetch(`${server.url}/tickets/${ticketId}`, {
      method: "POST",
      headers: { Cookie: server.monitorCookie, "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body,
      redirect: "manual",
    });
    if (response.status >= 400) throw new Error(`change refused: ${response.status}`);
    const latencies = await receipt;
    if (i > 0) all.push(...latencies); // i = 0 warms up, unmeasured
  }
  sockets.forEach((s) => s.close());
  return stats(all);
}

async function main() {
  const serverJs = path.join(ROOT, process.env.BUILD_DIR ?? "build", "node", "server.js");
  // the same "build when missing or stale" step as `npm start`
  const build = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], { stdio: ["ignore", "inherit", "inherit"] });
  if (build.status !== 0 || !fs.existsSync(serverJs)) throw new Error("Building the production bundle failed");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "as-bench-live-"));
  const dbFile = path.join(dir, "bench.db");
  process.env.DATABASE_URL = `file:${dbFile}`;
  process.env.DATA_DIR = dir;

  // A migrated database with the demo data and enough submitted tickets to change.
  const { applyMigrations } = await import("../db/lib/apply.mjs");
  applyMigrations({ databaseFile: dbFile, migrationsDir: path.join(ROOT, "prisma", "migrations"), log: () => {} });
  const { prisma, databaseReady, closeDatabase } = await import("~/db.server");
  const { seedDemoData } = await import("../../prisma/demo-data");
  await databaseReady();
  await seedDemoData(new Date().toISOString().slice(0, 10));
  const template = await prisma.ticket.findFirstOrThrow({ where: { number: { endsWith: "-0004" } } });
  const needed = (CHANGES + 1) * SIZES.length;
  const ticketIds: string[] = [];
  for (let i = 0; i < needed; i++) {
    const t = await prisma.ticket.create({
      data: {
        number: `AS-BENCH-${String(i).padStart(4, "0")}`,
        programId: template.programId,
        manufacturerId: template.manufacturerId,
        supplierId: template.supplierId,
        title: `벤치마크 과제 ${i}`,
        problem: "측정용",
        desiredOutcome: "측정용",
        state: "submitted",
      },
    });
    ticketIds.push(t.id);
  }
  // Sessions for the three parties allowed to see these tickets (many tabs each).
  const allowed = await prisma.user.findMany({ where: { email: { in: ["maker2@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"] } } });
  const { sessionSecret } = await import("~/utils/env.server");
  const secret = sessionSecret(); // written to DATA_DIR, read by the server too
  const cookie = createCookie("as_session", { secrets: [secret], path: "/", httpOnly: true, sameSite: "lax" });
  const cookies: string[] = [];
  for (let i = 0; i < Math.max(...SIZES); i++) {
    const id = crypto.randomBytes(32).toString("base64url");
    await prisma.session.create({ data: { id, userId: allowed[i % allowed.length].id, expiresAt: new Date(Date.now() + 3_600_000) } });
    cookies.push((await cookie.serialize(id)).split(";")[0]);
  }
  const monitor = allowed.find((u) => u.email === "monitor@demo.kr")!;
  const monitorSession = crypto.randomBytes(32).toString("base64url");
  await prisma.session.create({ data: { id: monitorSession, userId: monitor.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  const monitorCookie = (await cookie.serialize(monitorSession)).split(";")[0];
  await closeDatabase();

  const child: ChildProcess = spawn(process.execPath, serverNodeArgs(serverJs), {
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), INSECURE_COOKIES: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://localhost:${PORT}`;
  try {
    await waitFor(`${url}/healthz`);
    const rows: Record<string, unknown>[] = [];
    for (const size of SIZES) {
      const baseline = await bare(size);
      const ours = await product(size, { url, cookies, ticketIds, monitorCookie });
      rows.push({
        clients: size,
        changes: CHANGES,
        "bare p50 ms": baseline.p50,
        "bare p99 ms": baseline.p99,
        "AS Tracker p50 ms": ours.p50,
        "AS Tracker p99 ms": ours.p99,
        "p50 ratio (ours / bare)": Number((ours.p50 / Math.max(1, baseline.p50)).toFixed(2)),
        "p99 ratio (ours / bare)": Number((ours.p99 / Math.max(1, baseline.p99)).toFixed(2)),
      });
    }
    console.log(`\nLive-update fan-out (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? "cpu"}, node ${process.version})`);
    console.table(rows);
    console.log(JSON.stringify({ bench: "live", rows }));
  } finally {
    child.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
