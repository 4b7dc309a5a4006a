// Whose turn, read from a real, migrated and seeded SQLite file: the facts the rule needs come from the
// database as the rule means them, and each actor's to-do holds its own items only, most urgent first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { ROLE_LABELS, compareUrgency, pendingActions, seoulDate, type Role } from "~/domain";
import { iterateExportRows } from "~/models/export-rows.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { invalidateAggregates } from "~/models/aggregate-cache.server";
import { parseListFilters } from "~/models/ticket-list.server";
import { myTodo, pendingByTicket, pendingFactsOf, ticketPending } from "~/models/pending.server";

const TODAY = "2026-11-27";
const actors: Record<string, Actor> = {};

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `p-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  const actor = await actorFromSessionId(session.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

const byNumber = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number } });

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  for (const email of ["maker1@demo.kr", "maker2@demo.kr", "vendor1@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"]) {
    actors[email] = await actorFor(email);
  }
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("facts from the database", () => {
  it("the in-progress demo ticket with an unconfirmed log: the manufacturer must confirm it, both companies are next", async () => {
    const t = await byNumber("AS-2026-0001");
    expect(t.state).toBe("in_progress");
    const found = (await pendingFactsOf([t.id])).get(t.id)!;
    expect(found.facts.logsToConfirm).toMatchObject({ count: 1 });
    expect(found.facts.logsDisputed).toBeNull();
    expect(found.targets.reviewTargetDays).toBe(7);
    const view = await ticketPending(actors["maker1@demo.kr"], t.id, TODAY);
    expect(view!.mine.map((a) => a.what)).toEqual(["작업일지 확인"]);
    expect(view!.next).toEqual(expect.arrayContaining(["manufacturer", "supplier"]));
    expect(view!.waiting).toEqual([]);
  });

  it("an open question counts for the addressed party until it is answered", async () => {
    const t = await byNumber("AS-2026-0001");
    const vendor = actors["vendor1@demo.kr"];
    const question = await prisma.ticketQuestion.create({
      data: {
        ticketId: t.id,
        authorId: actors["maker1@demo.kr"].userId,
        fromRole: "manufacturer",
        toRole: "monitor",
        subject: "연장 가능 여부",
      },
    });
    try {
      const view = await ticketPending(actors["monitor@demo.kr"], t.id, TODAY);
      expect(view!.mine.map((a) => a.kind)).toEqual(["answer_questions"]);
      expect((await ticketPending(vendor, t.id, TODAY))!.mine.map((a) => a.kind)).not.toContain("answer_questions");
      await prisma.ticketQuestion.update({ where: { id: question.id }, data: { status: "answered" } });
      expect((await ticketPending(actors["monitor@demo.kr"], t.id, TODAY))!.mine).toEqual([]);
    } finally {
      await prisma.ticketQuestion.delete({ where: { id: question.id } });
    }
  });

  it("a draft's item counts what still stands in the way of submitting it, by the submit button's own assessment", async () => {
    const draft = await byNumber("AS-2026-0003");
    expect(draft.state).toBe("draft");
    const view = await ticketPending(actors["maker2@demo.kr"], draft.id, TODAY);
    const assessment = await getTicketAssessment(actors["maker2@demo.kr"], draft.id, TODAY);
    const problems = assessment!.eligibility.reasons.length + assessment!.checklist.problems.length;
    expect(problems).toBeGreaterThan(0);
    expect(view!.mine[0]).toMatchObject({ kind: "write_application", detail: `제출 전에 해결할 항목 ${problems}건 (서류·신청자격)` });
  });

  it("the money after selection: the to-do and the guards read the same deposits, payments and consents (issue 16)", async () => {
    const t = await prisma.ticket.findFirstOrThrow({ where: { state: "agreed" }, include: { agreement: true } });
    const monitor = actors["monitor@demo.kr"];
    await prisma.payment.deleteMany({ where: { ticketId: t.id } });
    await prisma.shareDeposit.deleteMany({ where: { ticketId: t.id } });
    await prisma.agreement.update({ where: { ticketId: t.id }, data: { payeeAccount: null } });
    const step = async () => {
      const found = (await pendingFactsOf([t.id], TODAY)).get(t.id)!;
      const [main] = pendingActions(found.facts, found.targets);
      const context = (await getTicketAssessment(monitor, t.id, TODAY))!.context;
      return { kind: main.kind, party: main.party, context };
    };
    const share = t.agreement!.companyShare;
    const deposit = (status: string, amount = share) =>
      prisma.shareDeposit.create({
        data: { ticketId: t.id, amount, depositedOn: TODAY, proofFileId: "proof", recordedById: monitor.userId, status },
      });
    expect(await step()).toMatchObject({ kind: "deposit_share", party: "manufacturer", context: { shareDepositConfirmed: false } });
    await deposit("refused");
    expect(await step()).toMatchObject({ kind: "deposit_share", context: { shareDepositAwaiting: false } });
    const awaiting = await deposit("submitted");
    expect(await step()).toMatchObject({ kind: "confirm_share_deposit", party: "monitor", context: { shareDepositAwaiting: true } });
    await prisma.shareDeposit.update({ where: { id: awaiting.id }, data: { status: "confirmed", amount: share - 1 } });
    // one won short of the share is not the share
    expect(await step()).toMatchObject({ kind: "deposit_share", context: { shareDepositConfirmed: false } });
    await prisma.shareDeposit.update({ where: { id: awaiting.id }, data: { amount: share } });
    expect(await step()).toMatchObject({ kind: "pay", context: { shareDepositConfirmed: true, payeeRecorded: false, paymentCount: 0 } });
    await prisma.agreement.update({ where: { ticketId: t.id }, data: { payeeAccount: "110-123-456789" } });
    await prisma.payment.create({ data: { ticketId: t.id, amount: 1_000_000, paidOn: TODAY, kind: "advance", recordedById: monitor.userId } });
    expect(await step()).toMatchObject({ kind: "complete_funding", context: { payeeRecorded: true, paymentCount: 1 } });
  });

  it("a ticket the actor may not read has no pending view (null, like a missing one)", async () => {
    const t = await byNumber("AS-2026-0001");
    expect(await ticketPending(actors["maker2@demo.kr"], t.id, TODAY)).toBeNull();
    expect(await ticketPending(actors["vendor2@demo.kr"], t.id, TODAY)).toBeNull();
    expect(await ticketPending(actors["maker1@demo.kr"], "no-such-ticket", TODAY)).toBeNull();
    expect((await pendingFactsOf([])).size).toBe(0);
  });
});

describe("each actor's to-do across its tickets", () => {
  for (const email of ["maker1@demo.kr", "vendor1@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"]) {
    it(`${email}: only its own items, only its own tickets, most urgent first`, async () => {
      const actor = actors[email];
      const { rows, total } = await myTodo(actor, TODAY);
      expect(rows.length).toBeGreaterThan(0);
      expect(total).toBeGreaterThanOrEqual(rows.length);
      for (const row of rows) expect(row.action.party).toBe(actor.role as Role);
      const own = await prisma.ticket.findMany({
        where: { id: { in: rows.map((r) => r.ticket.id) } },
        select: { manufacturerId: true, supplierId: true, program: { select: { technoparkId: true } } },
      });
      for (const t of own) {
        const owner = actor.role === "manufacturer" ? t.manufacturerId : actor.role === "supplier" ? t.supplierId : t.program.technoparkId;
        expect(owner).toBe(actor.organizationId);
      }
      for (let i = 1; i < rows.length; i++) expect(compareUrgency(rows[i - 1].action, rows[i].action, TODAY)).toBeLessThanOrEqual(0);
    });
  }

  it("the monitor's to-do leaves out tickets a colleague has taken", async () => {
    const monitor = actors["monitor@demo.kr"];
    const before = await myTodo(monitor, TODAY);
    const taken = before.rows[0].ticket;
    const colleague = await prisma.user.create({
      data: { email: "colleague@demo.kr", name: "동료", passwordHash: "x", role: "monitor", organizationId: monitor.organizationId },
    });
    await prisma.ticket.update({ where: { id: taken.id }, data: { assigneeId: colleague.id } });
    // written behind the app's back: every change made through the app empties the cache (publishCommitted)
    invalidateAggregates();
    try {
      const after = await myTodo(monitor, TODAY);
      expect(after.rows.map((r) => r.ticket.id)).not.toContain(taken.id);
      await prisma.ticket.update({ where: { id: taken.id }, data: { assigneeId: monitor.userId } });
      invalidateAggregates();
      expect((await myTodo(monitor, TODAY)).rows.map((r) => r.ticket.id)).toContain(taken.id);
    } finally {
      await prisma.ticket.update({ where: { id: taken.id }, data: { assigneeId: null } });
      await prisma.user.delete({ where: { id: colleague.id } });
      invalidateAggregates();
    }
  });

  it("the limit cuts the list, not the total", async () => {
    const all = await myTodo(actors["monitor@demo.kr"], TODAY);
    const one = await myTodo(actors["monitor@demo.kr"], TODAY, 1);
    expect(one.rows).toEqual(all.rows.slice(0, 1));
    expect(one.total).toBe(all.total);
  });

  it("pendingByTicket gives every party's items per ticket, as the rule does", async () => {
    const tickets = await prisma.ticket.findMany({ select: { id: true } });
    const byTicket = await pendingByTicket(
      tickets.map((t) => t.id),
      TODAY,
    );
    const facts = await pendingFactsOf(tickets.map((t) => t.id));
    for (const [id, actions] of byTicket) {
      const f = facts.get(id)!;
      expect(actions.map((a) => a.kind).sort()).toEqual(
        pendingActions(f.facts, f.targets)
          .map((a) => a.kind)
          .sort(),
      );
    }
    expect(byTicket.size).toBe(tickets.length);
  });
});

describe("the export's 다음 조치 is the ticket page's", () => {
  for (const fast of [true, false]) {
    it(`every exported ticket names the parties the page names (${fast ? "SQL" : "Prisma"} reader)`, async () => {
      const monitor = actors["monitor@demo.kr"];
      const exported = new Map<string, string>();
      for await (const batch of iterateExportRows(monitor, parseListFilters(new URLSearchParams()), { fast, batchSize: 4 }))
        for (const r of batch) exported.set(r.number, r.nextParties);
      expect(exported.size).toBeGreaterThan(5);
      for (const [number, next] of exported) {
        const t = await byNumber(number);
        // the export reads today's date: compare on the same day
        const view = await ticketPending(monitor, t.id, seoulDate(new Date()));
        expect(next, number).toBe(view!.next.map((p) => ROLE_LABELS[p]).join(" · "));
      }
      // the in-progress ticket with an unconfirmed log names both companies
      expect(exported.get("AS-2026-0001")).toContain("도입기업");
    });
  }
});
