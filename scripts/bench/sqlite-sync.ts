// Cost of SQLite's `synchronous` setting on our real write path: N workflow
// changes (changeTicket: one transaction with an audit event and
// notifications) with FULL and with NORMAL, each on a fresh migrated database.
// `npx tsx scripts/bench/sqlite-sync.ts [N]` — runs each mode in its own process.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const N = Number(process.argv[2] ?? 300);

if (process.env.SYNC_CHILD) {
  const { applyMigrations } = await import("../db/lib/apply.mjs");
  const file = process.env.DATABASE_URL!.replace("file:", "");
  applyMigrations({ databaseFile: file, migrationsDir: path.resolve("prisma/migrations"), log: () => {} });
  const { prisma, databaseReady, closeDatabase } = await import("~/db.server");
  const { seedDemoData } = await import("../../prisma/demo-data");
  const { changeTicket } = await import("~/models/workflow.server");
  const { actorFromSessionId } = await import("~/auth/session.server");
  await databaseReady();
  await seedDemoData("2026-11-27");
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "maker1@demo.kr" } });
  const id = "bench".padEnd(43, "b");
  await prisma.session.create({ data: { id, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  const actor = (await actorFromSessionId(id))!;
  const ticket = await prisma.ticket.findFirstOrThrow({ where: { number: { endsWith: "-0001" } } }); // the demo's first ticket, whatever its year
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    await changeTicket(actor, { ticketId: ticket.id, action: "bench.write", roles: ["manufacturer"], apply: async () => ({ summary: "측정" }) });
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ mode: process.env.SQLITE_SYNCHRONOUS, writes: N, ms: Math.round(ms), perWriteMs: +(ms / N).toFixed(3) }));
  await closeDatabase();
} else {
  const results: { mode: string; perWriteMs: number; ms: number }[] = [];
  for (const mode of ["NORMAL", "FULL"]) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "as-sync-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", path.resolve("scripts/bench/sqlite-sync.ts"), String(N)], {
      env: {
        ...process.env,
        SYNC_CHILD: "1",
        SQLITE_SYNCHRONOUS: mode,
        DATABASE_URL: `file:${path.join(dir, "b.db")}`,
        DATA_DIR: dir,
        LOG_LEVEL: "warn",
      },
      encoding: "utf8",
    });
    fs.rmSync(dir, { recursive: true, force: true });
    if (run.status !== 0) throw new Error(run.stderr);
    results.push(JSON.parse(run.stdout.trim().split("\n").pop()!));
  }
  console.table(results);
  console.log(`FULL / NORMAL per write: ${(results[1].perWriteMs / results[0].perWriteMs).toFixed(2)}×`);
}
