// The daily run on several nodes at once (issue 18, item 2; ADR 042), on PostgreSQL: two nodes' timers fire
// together at 09:00 Asia/Seoul; both runs finish without an error (a duplicate key would otherwise stop a
// round), and each person's digest and each reminder is written once. Runs on PostgreSQL whatever the
// vitest config: the run's private server when there is one, else one of its own.
import { afterAll, describe, expect, it } from "vitest";
import { startPostgres } from "../../scripts/services/private-services.mjs";

const ownServer = process.env.TEST_POSTGRES_ADMIN_URL ? null : await startPostgres();
if (ownServer) process.env.TEST_POSTGRES_ADMIN_URL = ownServer.adminUrl;
// after the URL is set: the test database is created on import
const { useSeededDatabase } = await import("../support/seeded-db");
const { actorFor } = await import("../support/actors");
const { databaseProvider, prisma } = await import("~/db.server");
const { changeTicket } = await import("~/models/workflow.server");
const { runDaily } = await import("~/mail/digest-scheduler.server");
const { nextDigestAt } = await import("~/domain/notifications");

// after hooks run in reverse order: the server stops after the seeded database is dropped
afterAll(async () => {
  await ownServer?.stop();
});
useSeededDatabase();

describe("the daily run on two nodes at once (PostgreSQL)", () => {
  it("both runs finish; each digest and each reminder is written once", async () => {
    expect(databaseProvider()).toBe("postgresql");
    const monitor = await actorFor("monitor@demo.kr");
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0004" } });
    const maker = await prisma.user.findFirstOrThrow({ where: { organizationId: ticket.manufacturerId } });
    await prisma.notificationPreference.create({ data: { userId: maker.id, kind: "activity", mode: "digest" } });
    await changeTicket(monitor, {
      ticketId: ticket.id,
      action: "followup.note",
      roles: ["monitor"],
      apply: async () => ({ summary: "요약 메모" }),
    });

    const nine = nextDigestAt(new Date());
    const digests = await Promise.all([runDaily(nine), runDaily(nine)]);

    expect(digests[0] + digests[1]).toBe(await prisma.outboxMail.count({ where: { kind: "digest" } }));
    expect(await prisma.outboxMail.count({ where: { kind: "digest", toUserId: maker.id } })).toBe(1);
    const reminders = await prisma.reminderSent.findMany({ select: { ticketId: true, deadline: true, dueOn: true, threshold: true } });
    expect(new Set(reminders.map((r) => JSON.stringify(r))).size).toBe(reminders.length);
    // and again later that day (a restart): nothing more
    expect(await runDaily(new Date(nine.getTime() + 3_600_000))).toBe(0);
    expect(await prisma.outboxMail.count({ where: { kind: "digest", toUserId: maker.id } })).toBe(1);
  });
});
