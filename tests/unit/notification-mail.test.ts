// Notification mail against a real, migrated and seeded SQLite file: immediate mail goes into the outbox in
// the change's own transaction, app-only never mails, digest-mode notifications wait for the 09:00
// Asia/Seoul digest, which goes out once per person and day (also across a restart).
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { changeTicket, transitionTicket } from "~/models/workflow.server";
import { notifyTicketChange, sendDueDigests } from "~/models/notification-mail.server";
import { startDigestScheduler } from "~/mail/digest-scheduler.server";
import { nextDigestAt } from "~/domain/notifications";

useSeededDatabase();

const DAY = 86_400_000;
let monitor: Actor;
let ticket: { id: string; number: string; title: string; version: number };
let maker: { id: string; email: string };
let vendor: { id: string; email: string };

async function setMode(userId: string, kind: string, mode: string) {
  await prisma.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, mode }, update: { mode } });
}

/** A change by the monitor that is no workflow step: kind 자료·기록 변경 for the manufacturer and the supplier. */
function note(summary: string) {
  return changeTicket(monitor, { ticketId: ticket.id, action: "followup.note", roles: ["monitor"], apply: async () => ({ summary }) });
}

const mailsTo = (userId: string, kind: "notification" | "digest") => prisma.outboxMail.findMany({ where: { toUserId: userId, kind } });

beforeAll(async () => {
  monitor = await actorFor("monitor@demo.kr");
  const row = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0004" } }); // submitted
  ticket = row;
  maker = await prisma.user.findFirstOrThrow({ where: { organizationId: row.manufacturerId } });
  vendor = await prisma.user.findFirstOrThrow({ where: { organizationId: row.supplierId } });
});

beforeEach(async () => {
  await prisma.notificationPreference.deleteMany();
  await prisma.outboxMail.deleteMany();
  // earlier tests' notifications are not this test's business
  await prisma.notification.updateMany({ where: { mailedAt: null }, data: { mailedAt: new Date(0) } });
  await prisma.user.updateMany({ where: { id: { in: [maker.id, vendor.id] } }, data: { status: "active", emailVerifiedAt: new Date() } });
});

describe("immediate mail", () => {
  it("a change that notifies a person who wants the kind at once enqueues exactly one mail, naming the program, ticket and next step", async () => {
    await setMode(maker.id, "status", "immediate");
    const current = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    await transitionTicket(monitor, { ticketId: ticket.id, action: "start_review", expectedVersion: current.version });
    const mails = await mailsTo(maker.id, "notification");
    expect(mails).toHaveLength(1);
    const program = await prisma.program.findFirstOrThrow({ where: { tickets: { some: { id: ticket.id } } } });
    expect(mails[0]).toMatchObject({ toEmail: maker.email, status: "pending" });
    expect(mails[0].subject).toContain(ticket.number);
    for (const part of [mails[0].text, mails[0].html]) {
      expect(part).toContain(ticket.title);
      expect(part).toContain(program.name);
      expect(part).toContain("다음 할 일");
      expect(part).toContain(`http://localhost:3000/tickets/${ticket.id}`);
      expect(part).toContain("http://localhost:3000/profile/notifications");
    }
    const bell = await prisma.notification.findFirstOrThrow({
      where: { userId: maker.id, ticketId: ticket.id },
      orderBy: { createdAt: "desc" },
    });
    expect(bell).toMatchObject({ kind: "status" });
    expect(bell.mailedAt).not.toBeNull();
    // the supplier keeps the default of 상태 변경 (the daily digest): no mail now
    expect(await mailsTo(vendor.id, "notification")).toHaveLength(0);
  });

  it("the mail is part of the change's transaction: a rollback leaves neither the notification nor the mail", async () => {
    await setMode(maker.id, "activity", "immediate");
    const facts = await prisma.ticket.findUniqueOrThrow({
      where: { id: ticket.id },
      include: { program: true, manufacturer: true, supplier: true },
    });
    const notificationsBefore = await prisma.notification.count();
    const change = {
      actor: { userId: monitor.userId, name: monitor.name },
      ticket: facts,
      audience: [facts.manufacturerId],
      seq: 0,
      action: "followup.note",
      summary: "되돌려질 변경",
      at: new Date(),
    };
    await expect(
      prisma.$transaction(async (tx) => {
        await notifyTicketChange(tx, change);
        expect(await tx.outboxMail.count({ where: { toUserId: maker.id } })).toBe(1);
        throw new Error("the change is refused");
      }),
    ).rejects.toThrow("the change is refused");
    expect(await prisma.outboxMail.count()).toBe(0);
    expect(await prisma.notification.count()).toBe(notificationsBefore);
  });

  it("앱에서만: the notification is in the bell, no mail", async () => {
    await setMode(maker.id, "activity", "app");
    await note("앱에서만 볼 메모");
    expect(await prisma.notification.count({ where: { userId: maker.id, body: { contains: "앱에서만 볼 메모" } } })).toBe(1);
    expect(await prisma.outboxMail.count()).toBe(0);
    expect(await sendDueDigests(nextDigestAt(new Date()))).toBe(0);
  });

  it("a removed person and an unconfirmed address get no mail (the bell row stays as before)", async () => {
    await setMode(maker.id, "activity", "immediate");
    await setMode(vendor.id, "activity", "immediate");
    await prisma.user.update({ where: { id: maker.id }, data: { status: "removed" } });
    await prisma.user.update({ where: { id: vendor.id }, data: { emailVerifiedAt: null } });
    await note("메일 없는 메모");
    expect(await prisma.outboxMail.count()).toBe(0);
    expect(await prisma.notification.count({ where: { body: { contains: "메일 없는 메모" } } })).toBe(2);
  });
});

describe("the daily digest", () => {
  it("digest mode: no mail now; one digest at the next 09:00 with all of them; a second run that day sends nothing more", async () => {
    await setMode(maker.id, "activity", "digest");
    await note("요약 메모 하나");
    await note("요약 메모 둘");
    expect(await prisma.outboxMail.count()).toBe(0);

    const nine = nextDigestAt(new Date());
    expect(await sendDueDigests(nine)).toBe(1);
    const [digest] = await mailsTo(maker.id, "digest");
    const day = new Date(nine.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect(digest.dedupeKey).toBe(`digest:${maker.id}:${day}`);
    expect(digest.text).toContain("요약 메모 하나");
    expect(digest.text).toContain("요약 메모 둘");
    expect(digest.text).toContain(`http://localhost:3000/tickets/${ticket.id}`);
    expect(digest.text).toContain("http://localhost:3000/profile/notifications");
    expect(await prisma.notification.count({ where: { userId: maker.id, mailedAt: null } })).toBe(0);

    // a notification after the digest waits for the next day: the same day's key lets no second digest through
    await note("요약 메모 셋");
    expect(await sendDueDigests(new Date(nine.getTime() + 3 * 3_600_000))).toBe(0);
    expect(await mailsTo(maker.id, "digest")).toHaveLength(1);
    expect(await sendDueDigests(new Date(nine.getTime() + DAY))).toBe(1);
    const next = (await mailsTo(maker.id, "digest")).find((m) => m.id !== digest.id)!;
    expect(next.text).toContain("요약 메모 셋");
    expect(next.text).not.toContain("요약 메모 하나");
  });

  it("a removed person gets no digest", async () => {
    await setMode(maker.id, "activity", "digest");
    await note("떠난 사람의 메모");
    await prisma.user.update({ where: { id: maker.id }, data: { status: "removed" } });
    expect(await sendDueDigests(nextDigestAt(new Date()))).toBe(0);
  });

  it("a restart after 09:00 catches up once: the first scheduler's start-up run sends it, the second's nothing", async () => {
    await setMode(maker.id, "activity", "digest");
    await note("재시작 전 메모");
    const afterNine = new Date(nextDigestAt(new Date()).getTime() + 5 * DAY + 2 * 3_600_000);
    const first = startDigestScheduler({ now: () => afterNine });
    await first.idle();
    await first.stop();
    expect(await mailsTo(maker.id, "digest")).toHaveLength(1);

    await note("재시작 사이 메모"); // unmailed, but that day's digest is out: it waits for the next day
    const second = startDigestScheduler({ now: () => afterNine });
    await second.idle();
    await second.stop();
    expect(await mailsTo(maker.id, "digest")).toHaveLength(1);
    expect(await prisma.notification.count({ where: { userId: maker.id, mailedAt: null } })).toBe(1);
  });
});
