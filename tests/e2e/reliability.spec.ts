// Reliability against real server processes and real SQLite files:
// - SIGKILL in the middle of a stream of workflow writes loses nothing that was acknowledged;
// - SIGTERM lets in-flight requests finish and exits cleanly;
// - an online backup taken under concurrent writes is consistent and restores to a working app;
// - two people taking the same step at the same moment: exactly one wins.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { applyMigrations } from "../../scripts/db/lib/apply.mjs";
import { serverEnv, serverJs, startServer, stopServer } from "./server-process";
import { AS } from "./demo-numbers";

// Servers of our own on ports far from the shared ones (base + 60 …).
const BASE = Number(process.env.E2E_PORT ?? 3100);
const root = process.cwd();

/** A migrated, seeded database in its own folder, plus `extra` submitted tickets to act on. */
function freshData(name: string, extra: number) {
  const dir = path.join(root, "data", `e2e-${BASE}-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "e2e.db");
  applyMigrations({ databaseFile: file, migrationsDir: path.join(root, "prisma", "migrations"), log: () => {} });
  const seed = spawnSync(process.execPath, [path.join(path.dirname(serverJs), "seed.js")], {
    env: serverEnv({ port: 0, dataDir: dir }),
    encoding: "utf8",
  });
  expect(seed.status, seed.stderr).toBe(0);
  const db = new Database(file);
  const template = db.prepare(`SELECT programId, manufacturerId, supplierId FROM Ticket WHERE number = '${AS}0004'`).get() as Record<
    string,
    string
  >;
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insert = db.prepare(
    `INSERT INTO Ticket (id, number, programId, manufacturerId, supplierId, title, problem, desiredOutcome, state, version, stateChangedAt, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, '측정용', '측정용', 'submitted', 1, ?, ?, ?)`,
  );
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < extra; i++) {
      const id = `rl${crypto.randomUUID().replace(/-/g, "").slice(0, 22)}`;
      insert.run(
        id,
        `AS-RL-${name}-${String(i).padStart(4, "0")}`,
        template.programId,
        template.manufacturerId,
        template.supplierId,
        `신뢰성 시험 ${i}`,
        now,
        now,
        now,
      );
      ids.push(id);
    }
  })();
  db.close();
  return { dir, file, ids };
}

async function signIn(port: number, email: string): Promise<string> {
  const response = await fetch(`http://localhost:${port}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: `http://localhost:${port}` },
    body: new URLSearchParams({ email, password: "demo1234!", redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie");
  expect(response.status, "sign-in redirects").toBe(302);
  return cookie!.split(";")[0];
}

/** One workflow write: the monitor starts the requirement review of a ticket. Acknowledged = the page says so. */
async function startReview(
  port: number,
  cookie: string,
  ticketId: string,
  version = 1,
): Promise<{ status: number; acknowledged: boolean; body: string }> {
  const response = await fetch(`http://localhost:${port}/tickets/${ticketId}`, {
    method: "POST",
    headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded", Origin: `http://localhost:${port}` },
    body: new URLSearchParams({ intent: "transition", action: "start_review", version: String(version) }),
    redirect: "manual",
  });
  const body = await response.text();
  // success is post → redirect → get: back to the ticket, with the flash message "처리되었습니다." in its cookie
  const flash = response.headers.getSetCookie().find((c) => /^(__Host-)?as_toast=/.test(c)) ?? "";
  const acknowledged =
    response.status === 302 && response.headers.get("Location") === `/tickets/${ticketId}` && decodeFlash(flash).includes("처리되었습니다");
  return { status: response.status, acknowledged, body };
}

/** The message carried by a signed flash cookie (value = base64 JSON + "." + signature). */
function decodeFlash(setCookie: string): string {
  const value = decodeURIComponent(setCookie.split(";")[0].split("=").slice(1).join("="));
  const payload = value.slice(0, value.lastIndexOf("."));
  try {
    return String((JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as { message?: unknown }).message ?? "");
  } catch {
    return "";
  }
}

/** Every ticket's state agrees with its audit trail: no half-written step. */
function consistency(file: string, ids: string[]) {
  const db = new Database(file, { readonly: true });
  const integrity = db.pragma("integrity_check", { simple: true });
  const rows = ids.map((id) => {
    const t = db.prepare("SELECT state, version FROM Ticket WHERE id = ?").get(id) as { state: string; version: number };
    const events = (
      db.prepare("SELECT COUNT(*) AS n FROM AuditEvent WHERE ticketId = ? AND action = 'ticket.start_review'").get(id) as { n: number }
    ).n;
    return { id, ...t, events };
  });
  db.close();
  return { integrity, rows };
}

test.describe.configure({ mode: "serial" });

test("SIGKILL mid-stream: every acknowledged write survives and the database is intact", async () => {
  test.setTimeout(120_000);
  const port = BASE + 60;
  const { dir, file, ids } = freshData("crash", 400);
  let server = await startServer({ port, dataDir: dir });
  const cookie = await signIn(port, "monitor@demo.kr");

  const acknowledged = new Set<string>();
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed && next < ids.length) {
      const id = ids[next++];
      try {
        const result = await startReview(port, cookie, id);
        if (result.acknowledged) acknowledged.add(id);
      } catch {
        // connection cut by the kill: not acknowledged
      }
    }
  };
  const workers = Array.from({ length: 4 }, worker);
  await expect.poll(() => acknowledged.size, { timeout: 60_000 }).toBeGreaterThanOrEqual(40);
  killed = true;
  await stopServer(server, "SIGKILL");
  await Promise.all(workers);

  server = await startServer({ port, dataDir: dir });
  const { integrity, rows } = consistency(file, ids);
  expect(integrity).toBe("ok");
  const lost = rows.filter((r) => acknowledged.has(r.id) && r.state !== "requirement_review");
  expect(lost, "acknowledged writes missing after the kill").toEqual([]);
  const halfWritten = rows.filter(
    (r) => (r.state === "requirement_review") !== (r.events === 1) || (r.state === "requirement_review") !== (r.version === 2),
  );
  expect(halfWritten, "state, version and audit trail disagree").toEqual([]);
  const found = rows.filter((r) => r.state === "requirement_review").length;
  test.info().annotations.push({ type: "crash", description: `acknowledged ${acknowledged.size}, found after restart ${found}` });
  console.log(
    `crash test: ${acknowledged.size} writes acknowledged before SIGKILL, ${found} present after restart (every acknowledged one among them), integrity_check ok`,
  );
  // and the restarted server serves them
  expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
  await stopServer(server);
});

test("SIGTERM drains in-flight requests and exits 0", async () => {
  const port = BASE + 61;
  const { dir, file, ids } = freshData("drain", 30);
  const server = await startServer({ port, dataDir: dir });
  const cookie = await signIn(port, "monitor@demo.kr");
  const requests = ids.map((id) =>
    startReview(port, cookie, id).then(
      (r) => r,
      (e: Error) => ({ status: 0, acknowledged: false, body: String(e.cause ?? e) }),
    ),
  );
  await new Promise((r) => setTimeout(r, 20)); // let them reach the server
  const exit = stopServer(server, "SIGTERM");
  const results = await Promise.all(requests);
  expect(await exit).toBe(0);
  // What the server started, it finished and answered: a ticket was changed
  // exactly when its request got the answer. (A request whose bytes reach an
  // idle keep-alive connection as it closes is refused unprocessed: never
  // applied, never half-done.)
  const done = results.filter((r) => r.acknowledged).length;
  expect(done).toBeGreaterThan(0);
  const { rows } = consistency(file, ids);
  const mismatched = rows.filter((row, i) => (row.state === "requirement_review") !== results[i].acknowledged);
  expect(mismatched, "changed without an answer, or answered without a change").toEqual([]);
  console.log(
    `SIGTERM drain: ${done} of ${ids.length} requests answered and applied; ${results.filter((r) => r.status === 0).length} refused before processing; exit 0`,
  );
});

test("online backup under concurrent writes is consistent and restores to a working app", async () => {
  test.setTimeout(120_000);
  const port = BASE + 62;
  const { dir, file, ids } = freshData("backup", 200);
  // an uploaded file the backup must carry
  fs.mkdirSync(path.join(dir, "files", "2026"), { recursive: true });
  const bytes = Buffer.from("%PDF-1.4\n% backup probe\n");
  fs.writeFileSync(path.join(dir, "files", "2026", "probe.pdf"), bytes);

  const server = await startServer({ port, dataDir: dir });
  const cookie = await signIn(port, "monitor@demo.kr");
  let next = 0;
  const writer = async () => {
    while (next < ids.length) await startReview(port, cookie, ids[next++]);
  };
  const writers = Array.from({ length: 3 }, writer);
  await expect.poll(() => next, { timeout: 30_000 }).toBeGreaterThan(40);
  const backupDir = path.join(dir, "..", `e2e-${BASE}-backup-snapshot`);
  fs.rmSync(backupDir, { recursive: true, force: true });
  const backup = spawnSync(process.execPath, ["scripts/db/backup.mjs", "--out", backupDir], {
    env: serverEnv({ port, dataDir: dir }),
    encoding: "utf8",
  });
  expect(backup.status, backup.stderr).toBe(0);
  await Promise.all(writers);
  await stopServer(server);

  // the snapshot is a consistent state: each ticket either fully started or untouched
  const snap = consistency(path.join(backupDir, "as-tracker.db"), ids);
  expect(snap.integrity).toBe("ok");
  expect(snap.rows.filter((r) => (r.state === "requirement_review") !== (r.events === 1))).toEqual([]);
  const inSnapshot = snap.rows.filter((r) => r.state === "requirement_review").length;
  expect(inSnapshot).toBeGreaterThan(0);
  expect(inSnapshot).toBeLessThanOrEqual(ids.length);

  // restore into a new place and compare every table with the snapshot
  const restoredDir = path.join(dir, "..", `e2e-${BASE}-backup-restored`);
  fs.rmSync(restoredDir, { recursive: true, force: true });
  fs.mkdirSync(restoredDir, { recursive: true });
  const restore = spawnSync(process.execPath, ["scripts/db/restore.mjs", backupDir], {
    env: serverEnv({ port, dataDir: restoredDir }),
    encoding: "utf8",
  });
  expect(restore.status, restore.stderr).toBe(0);
  const digest = (dbFile: string) => {
    const db = new Database(dbFile, { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    const out = Object.fromEntries(
      tables.map(({ name }) => [
        name,
        crypto
          .createHash("sha256")
          .update(JSON.stringify(db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()))
          .digest("hex"),
      ]),
    );
    db.close();
    return out;
  };
  expect(digest(path.join(restoredDir, "e2e.db"))).toEqual(digest(path.join(backupDir, "as-tracker.db")));
  expect(fs.readFileSync(path.join(restoredDir, "files", "2026", "probe.pdf"))).toEqual(bytes);

  const restored = await startServer({ port, dataDir: restoredDir });
  const again = await signIn(port, "monitor@demo.kr");
  const page = await fetch(`http://localhost:${port}/tickets?state=requirement_review`, { headers: { Cookie: again } });
  expect(page.status).toBe(200);
  await stopServer(restored);
  void file;
});

test("two people take the same step at the same moment: exactly one wins, the other is told", async () => {
  const port = BASE + 63;
  const { dir, file, ids } = freshData("race", 1);
  const server = await startServer({ port, dataDir: dir });
  const [a, b] = await Promise.all([signIn(port, "monitor@demo.kr"), signIn(port, "monitor@demo.kr")]);
  const results = await Promise.all([startReview(port, a, ids[0], 1), startReview(port, b, ids[0], 1)]);
  expect(results.filter((r) => r.acknowledged)).toHaveLength(1);
  const loser = results.find((r) => !r.acknowledged)!;
  expect(loser.status).toBe(409);
  expect(loser.body).toContain("다른 사용자가 먼저 변경했습니다");
  const { rows } = consistency(file, ids);
  expect(rows[0]).toMatchObject({ state: "requirement_review", version: 2, events: 1 });
  await stopServer(server);
});
