// Mail sent once by several nodes (issue 18, item 2; ADR 042), on PostgreSQL under READ COMMITTED (its
// default isolation, with a pool of connections): a sender's claim never takes a row that another sender
// claimed while it waited for that row's lock, and senders racing over one outbox send each mail once.
// The file runs on PostgreSQL whatever the vitest config: on the run's private server when there is one
// (vitest.postgresql.config.ts), else on one of its own. Real SMTP server (smtp-server on a free port).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import pg from "pg";
import { startPostgres } from "../../scripts/services/private-services.mjs";
import { startSmtpSink } from "../../scripts/smtp-sink.mjs";

const ownServer = process.env.TEST_POSTGRES_ADMIN_URL ? null : await startPostgres();
if (ownServer) process.env.TEST_POSTGRES_ADMIN_URL = ownServer.adminUrl;
// after the URL is set: the test database is created on import
const { removeTestDatabase } = await import("../support/test-db");
const { closeDatabase, databaseProvider, prisma } = await import("~/db.server");
const { renderMail } = await import("~/mail/layout.server");
const { enqueueMail } = await import("~/mail/outbox.server");
const { createMailSender } = await import("~/mail/sender.server");

let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  sink = await startSmtpSink({ refuse: () => null });
});
afterAll(async () => {
  await sink.close();
  await closeDatabase();
  await removeTestDatabase();
  await ownServer?.stop();
});
beforeEach(async () => {
  await prisma.outboxMail.deleteMany();
  sink.messages.length = 0;
});

const sender = (id: string, batchSize = 10) =>
  createMailSender({ id, smtpUrl: sink.url, from: "no-reply@as.example.kr", messageIdHost: "as.example.kr", batchSize });

async function enqueue(email: string): Promise<string> {
  const content = renderMail({ subject: "알림", lines: [`${email}에게 보내는 알림`] });
  return (await prisma.$transaction((tx) => enqueueMail(tx, { kind: "notification", to: { email }, content })))!;
}

/** A connection of the test's own, beside the app's pool. */
async function connection(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  return client;
}

describe("mail sent once by several nodes (PostgreSQL, READ COMMITTED)", () => {
  it("a claim that waited for another sender's claim of the same rows takes none of them", async () => {
    expect(databaseProvider()).toBe("postgresql");
    for (let i = 0; i < 3; i++) await enqueue(`wait${i}@example.kr`);
    const [senderA, watcher] = [await connection(), await connection()];
    try {
      // sender A's claim, in flight: its rows locked, its lease written but not yet committed
      await senderA.query("BEGIN");
      await senderA.query(`UPDATE "OutboxMail" SET "claimedBy" = 'sender-a', "claimedUntil" = now() + interval '2 minutes'`);
      const roundOfB = sender("sender-b").runOnce();
      // B's claim has read the rows as unclaimed and now waits for A's row locks
      while (
        (await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rowCount === 0
      );
      await senderA.query("COMMIT");
      expect(await roundOfB).toEqual({ claimed: 0, sent: 0, failed: 0 });
      expect(sink.messages).toHaveLength(0);
      const rows = await prisma.outboxMail.findMany({ select: { claimedBy: true, status: true } });
      expect(rows).toEqual(Array.from({ length: 3 }, () => ({ claimedBy: "sender-a", status: "pending" })));
    } finally {
      await senderA.end();
      await watcher.end();
    }
  });

  it("three senders racing over one outbox send each mail exactly once", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 30; i++) ids.add(await enqueue(`race${i}@example.kr`));
    const drain = async (s: ReturnType<typeof sender>) => {
      // a round that found its rows taken by another sender claims 0: try again while mail is pending
      while ((await s.runOnce()).claimed > 0 || (await prisma.outboxMail.count({ where: { status: "pending", claimedBy: null } })) > 0);
    };
    await Promise.all(["a", "b", "c"].map((name) => drain(sender(`sender-${name}`, 2))));
    const messageIds = sink.messages.map((raw) => /^Message-ID: (.+)$/im.exec(raw.toString())?.[1].trim());
    expect(messageIds).toHaveLength(30);
    expect(new Set(messageIds)).toEqual(new Set([...ids].map((id) => `<${id}@as.example.kr>`)));
    expect(await prisma.outboxMail.count({ where: { status: "sent" } })).toBe(30);
  });
});
