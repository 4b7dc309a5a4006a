// Deadline reminders against a real, migrated and seeded SQLite file: the threshold of the run day only,
// once per (ticket, deadline, due date, threshold) however often and however concurrently it runs, the
// party the pending-actions rule names, each person's preference (immediate mail, digest, app only), the
// officer in charge alone for the Technopark, and a dry run that writes nothing.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useSeededDatabase } from "../support/seeded-db";
import { prisma } from "~/db.server";
import { addDays, type IsoDate } from "~/domain";
import { nextDigestAt } from "~/domain/notifications";
import { deliverEnqueued, runReminders, describeReminder } from "~/models/reminders.server";
import { startSmtpSink } from "../../scripts/smtp-sink.mjs";
import { sendDueDigests } from "~/models/notification-mail.server";
import { runDaily } from "~/mail/digest-scheduler.server";

useSeededDatabase();

// AS-2026-0002: 지원결정 (selected), 수행계획서 기한 5일 남음 — maker1 × vendor2
let plan: { id: string; number: string; title: string; planDueOn: IsoDate };
let vendor: { id: string; email: string };

async function setMode(userId: string, mode: string) {
  const kind = "deadline";
  await prisma.notificationPreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, mode }, update: { mode } });
}

const sentFor = (ticketId: string) => prisma.reminderSent.findMany({ where: { ticketId }, orderBy: { threshold: "asc" } });
const mailsTo = (userId: string) => prisma.outboxMail.findMany({ where: { toUserId: userId }, orderBy: { createdAt: "asc" } });
const onlyPlan = <T extends { ticket: { id: string } }>(results: T[]) => results.filter((r) => r.ticket.id === plan.id);

beforeAll(async () => {
  const row = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0002" } });
  expect(row.state).toBe("selected");
  plan = { id: row.id, number: row.number, title: row.title, planDueOn: row.planDueOn! };
  vendor = await prisma.user.findFirstOrThrow({ where: { organizationId: row.supplierId } });
});

beforeEach(async () => {
  await prisma.reminderSent.deleteMany();
  await prisma.outboxMail.deleteMany();
  await prisma.notificationPreference.deleteMany();
  await prisma.notification.deleteMany({ where: { kind: "deadline" } });
});

describe("runReminders", () => {
  it("a dry run lists the reminder by ticket number, deadline, threshold and recipients, and writes nothing", async () => {
    const notificationsBefore = await prisma.notification.count();
    const results = onlyPlan(await runReminders({ today: addDays(plan.planDueOn, -3), dryRun: true }));
    expect(results).toHaveLength(1);
    const [r] = results;
    expect(r).toMatchObject({ field: "planDueOn", dueOn: plan.planDueOn, threshold: "d3", status: "planned", mailIds: [] });
    expect(r.parties.map((p) => p.party)).toEqual(["supplier"]);
    expect(r.parties[0].recipients.map((x) => [x.email, x.mode])).toEqual([[vendor.email, "immediate"]]);
    const line = describeReminder(r);
    for (const part of [plan.number, "계획서 제출", "D-3", "d3", "공급기업", vendor.email]) expect(line).toContain(part);
    expect(await prisma.reminderSent.count()).toBe(0);
    expect(await prisma.outboxMail.count()).toBe(0);
    expect(await prisma.notification.count()).toBe(notificationsBefore);
  });

  it("a real run claims, rings the bell and mails the supplier at once: ticket number, title, Korean date, days left, what to do, the page", async () => {
    const today = addDays(plan.planDueOn, -3);
    const [r] = onlyPlan(await runReminders({ today, dryRun: false }));
    expect(r.status).toBe("sent");
    expect((await sentFor(plan.id)).map((s) => [s.deadline, s.dueOn, s.threshold, s.runOn])).toEqual([
      ["planDueOn", plan.planDueOn, "d3", today],
    ]);
    const bell = await prisma.notification.findFirstOrThrow({ where: { userId: vendor.id, ticketId: plan.id, kind: "deadline" } });
    expect(bell.mailedAt).not.toBeNull();
    expect(bell.body).toContain("D-3");
    const mails = await mailsTo(vendor.id);
    expect(mails).toHaveLength(1);
    expect(mails.map((m) => m.id)).toEqual(r.mailIds);
    expect(mails[0].subject).toContain(plan.number);
    expect(mails[0].subject).toContain("D-3");
    const [y, m, d] = plan.planDueOn.split("-").map(Number);
    for (const part of [mails[0].text, mails[0].html]) {
      expect(part).toContain(plan.title);
      expect(part).toContain(`${y}년 ${m}월 ${d}일`);
      expect(part).toContain("3일 남았습니다");
      expect(part).toContain("수행계획서 제출");
      expect(part).toContain(`http://localhost:3000/tickets/${plan.id}/plan`);
      expect(part).toContain("/profile/notifications");
    }
  });

  it("run twice the same day, or at the same time, each reminder is sent once", async () => {
    const today = addDays(plan.planDueOn, -1);
    const first = await runReminders({ today, dryRun: false });
    const second = await runReminders({ today, dryRun: false });
    expect(onlyPlan(first).map((r) => r.status)).toEqual(["sent"]);
    expect(onlyPlan(second)).toEqual([]);
    expect(await mailsTo(vendor.id)).toHaveLength(1);

    // two runs at once (two processes, a restart during a run): the ReminderSent key decides, the loser skips
    await prisma.reminderSent.deleteMany();
    await prisma.outboxMail.deleteMany();
    const [a, b] = await Promise.all([runReminders({ today, dryRun: false }), runReminders({ today, dryRun: false })]);
    const statuses = [...onlyPlan(a), ...onlyPlan(b)].map((r) => r.status).sort();
    expect(statuses.filter((s) => s === "sent")).toEqual(["sent"]);
    expect(await sentFor(plan.id)).toHaveLength(1);
    expect(await mailsTo(vendor.id)).toHaveLength(1);
    const total = await prisma.reminderSent.count();
    expect([...a, ...b].filter((r) => r.status === "sent")).toHaveLength(total);
  });

  it("only the run day's threshold: a server down over D-7 and D-3 sends D-1 alone, not a burst", async () => {
    await runReminders({ today: addDays(plan.planDueOn, -1), dryRun: false });
    expect((await sentFor(plan.id)).map((s) => s.threshold)).toEqual(["d1"]);
    expect(await mailsTo(vendor.id)).toHaveLength(1);
    // D-day and the days after: one more each threshold, then nothing (overdue once)
    await runReminders({ today: plan.planDueOn, dryRun: false });
    await runReminders({ today: addDays(plan.planDueOn, 1), dryRun: false });
    await runReminders({ today: addDays(plan.planDueOn, 2), dryRun: false });
    expect((await sentFor(plan.id)).map((s) => s.threshold)).toEqual(["d0", "d1", "overdue"]);
    const subjects = (await mailsTo(vendor.id)).map((m) => m.subject);
    expect(subjects).toHaveLength(3);
    expect(subjects[2]).toContain("기한 경과 1일");
    // more than 7 days before: nothing
    expect(onlyPlan(await runReminders({ today: addDays(plan.planDueOn, -8), dryRun: false }))).toEqual([]);
  });

  it("앱에서만: the bell row, no mail; 하루 한 번 요약: the bell row, mailed in the next digest", async () => {
    await setMode(vendor.id, "app");
    await runReminders({ today: addDays(plan.planDueOn, -3), dryRun: false });
    expect(await mailsTo(vendor.id)).toHaveLength(0);
    expect(await prisma.notification.count({ where: { userId: vendor.id, kind: "deadline", ticketId: plan.id } })).toBe(1);

    await setMode(vendor.id, "digest");
    await runReminders({ today: addDays(plan.planDueOn, -1), dryRun: false });
    expect(await mailsTo(vendor.id)).toHaveLength(0);
    expect(await sendDueDigests(nextDigestAt(new Date()))).toBeGreaterThan(0);
    const [digest] = await mailsTo(vendor.id);
    expect(digest.kind).toBe("digest");
    expect(digest.text).toContain("기한 알림");
    expect(digest.text).toContain("D-1");
  });

  it("the daily run sends the day's reminders before the digest, so a digest reader gets it in today's digest", async () => {
    await setMode(vendor.id, "digest");
    // 09:00:05 Asia/Seoul on D-3
    const now = new Date(`${addDays(plan.planDueOn, -3)}T00:00:05Z`);
    await prisma.notification.updateMany({ where: { mailedAt: null }, data: { mailedAt: new Date(0) } });
    await runDaily(now);
    const mails = await mailsTo(vendor.id);
    expect(mails.map((m) => m.kind)).toEqual(["digest"]);
    expect(mails[0].text).toContain(plan.number);
    expect(mails[0].text).toContain("D-3");
  });

  it("the Technopark's reminder goes to the officer in charge only; removed people get nothing", async () => {
    // an agreed ticket whose execution window ends tomorrow: the TP must pay (its main step), and the window end is everyone's
    const agreed = await prisma.ticket.findFirstOrThrow({ where: { state: "agreed" }, include: { program: true, agreement: true } });
    const today = "2026-12-10";
    await prisma.ticket.update({ where: { id: agreed.id }, data: { windowEndOn: addDays(today, 1) } });
    const tp = await prisma.user.findFirstOrThrow({ where: { organizationId: agreed.program.technoparkId } });
    // the company's share confirmed (issue 16): paying is the TP's step now, whatever the demo's deposits
    await prisma.shareDeposit.create({
      data: {
        ticketId: agreed.id,
        amount: agreed.agreement!.companyShare,
        depositedOn: today,
        proofFileId: "proof",
        recordedById: tp.id,
        status: "confirmed",
      },
    });
    const officer = await prisma.user.create({
      data: {
        email: "officer@tp.example.kr",
        name: "담당자",
        role: "monitor",
        organizationId: tp.organizationId,
        passwordHash: tp.passwordHash,
        emailVerifiedAt: new Date(),
      },
    });
    const removed = await prisma.user.create({
      data: {
        email: "gone@tp.example.kr",
        name: "퇴사자",
        role: "monitor",
        organizationId: tp.organizationId,
        passwordHash: tp.passwordHash,
        status: "removed",
      },
    });
    const recipients = async () => {
      const [r] = (await runReminders({ today, dryRun: true })).filter((x) => x.ticket.id === agreed.id);
      expect(r.threshold).toBe("d1");
      return r.parties.find((p) => p.party === "monitor")!.recipients.map((x) => x.email);
    };
    expect((await recipients()).sort()).toEqual([officer.email, tp.email].sort());
    await prisma.ticket.update({ where: { id: agreed.id }, data: { assigneeId: officer.id } });
    expect(await recipients()).toEqual([officer.email]);
    // the officer left: the Technopark's members again, never nobody
    await prisma.user.update({ where: { id: officer.id }, data: { status: "removed" } });
    expect(await recipients()).toEqual([tp.email]);
    expect(removed.id).toBeTruthy();
  });

  it("an overdue execution window reaches everyone with something to do on the ticket, saying how long ago", async () => {
    const working = await prisma.ticket.findFirstOrThrow({ where: { state: "in_progress" } });
    const today = addDays(working.windowEndOn!, 4);
    const [r] = (await runReminders({ today, dryRun: false })).filter((x) => x.ticket.id === working.id);
    expect(r).toMatchObject({ field: "windowEndOn", threshold: "overdue", status: "sent" });
    expect(r.parties.map((p) => p.party)).toContain("supplier");
    expect(r.parties[0].label).toBe("기한 경과 4일");
    const mail = await prisma.outboxMail.findFirstOrThrow({ where: { id: { in: r.mailIds } } });
    expect(mail.subject).toContain("기한 경과 4일");
    expect(mail.text).toContain("기한이 4일 지났습니다");
  });

  it("a process without the server (the CLI) delivers what its run enqueued itself, through the sender's claim; without SMTP_URL it leaves the mail in the outbox", async () => {
    const [r] = onlyPlan(await runReminders({ today: addDays(plan.planDueOn, -3), dryRun: false }));
    expect(r.mailIds).toHaveLength(1);
    await deliverEnqueued(r.mailIds, {});
    expect((await mailsTo(vendor.id)).map((m) => m.status)).toEqual(["pending"]);
    const sink = await startSmtpSink();
    try {
      await deliverEnqueued(r.mailIds, { SMTP_URL: sink.url });
      expect((await mailsTo(vendor.id)).map((m) => m.status)).toEqual(["sent"]);
      expect(sink.messages).toHaveLength(1);
      expect(sink.messages[0].toString()).toContain(vendor.email);
      // delivered rows are not sent again
      await deliverEnqueued(r.mailIds, { SMTP_URL: sink.url });
      expect(sink.messages).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });

  it("a failed reminder run does not hold back the digests, and is reported so the scheduler tries again", async () => {
    const now = new Date(`${addDays(plan.planDueOn, -3)}T00:00:05Z`);
    const digestsAt: Date[] = [];
    const failing = () => Promise.reject(new Error("database is locked"));
    await expect(
      runDaily(now, {
        reminders: failing,
        digests: async (at: Date) => {
          digestsAt.push(at);
          return 0;
        },
      }),
    ).rejects.toThrow("database is locked");
    expect(digestsAt).toEqual([now]);
  });
});
