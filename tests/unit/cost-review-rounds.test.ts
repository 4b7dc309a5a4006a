// The cost review and the plan-change request on the real, migrated and seeded SQLite file
// (issue 13): a second review replaces every line's verified amount (item 12), and a
// plan-change request never sets a deadline in the past (item 13).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import type { Actor } from "~/auth/actor";
import { addDays } from "~/domain";
import { requestPlanChange } from "~/models/monitor-steps.server";
import { recordCostReview } from "~/models/expert-steps.server";
import { submitPlan } from "~/models/plan.server";

const TODAY = "2026-11-27";
let monitor: Actor;

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `c-${email}-${Math.random()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  return (await actorFromSessionId(session.id))!;
}

const byNumber = (number: string) => prisma.ticket.findUniqueOrThrow({ where: { number } });
const linesOf = (ticketId: string) => prisma.quoteLine.findMany({ where: { quote: { ticketId } }, orderBy: { sortOrder: "asc" } });

/** A cost review of the ticket as it is now (the monitor's form, with the given line amounts). */
async function review(
  number: string,
  input: { verifiedAmount: number; lineAmounts: Record<string, number>; resultOn?: string; planChangeRequired?: boolean },
) {
  const t = await byNumber(number);
  return recordCostReview(monitor, {
    ticketId: t.id,
    expectedVersion: t.version,
    today: TODAY,
    note: null,
    resultOn: input.resultOn ?? TODAY,
    planChangeRequired: input.planChangeRequired ?? false,
    verifiedAmount: input.verifiedAmount,
    lineAmounts: input.lineAmounts,
  });
}

beforeAll(async () => {
  await databaseReady();
  await seedDemoData(TODAY);
  monitor = await actorFor("monitor@demo.kr");
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("a second cost review (item 12)", () => {
  it("replaces every line's verified amount: a line left blank is not verified, it does not keep the first review's amount", async () => {
    const t = await byNumber("AS-2026-0006"); // 원가적정성 검토
    const [a, b, ...rest] = await linesOf(t.id);
    expect(a.verifiedAmount).toBeNull();
    // first review: every line verified, the sum is the verified amount
    const first = { [a.id]: a.amount - 1_000_000, [b.id]: b.amount, ...Object.fromEntries(rest.map((l) => [l.id, l.amount])) };
    const firstTotal = Object.values(first).reduce((sum, v) => sum + v, 0);
    await review("AS-2026-0006", { verifiedAmount: firstTotal, lineAmounts: first });
    expect((await linesOf(t.id))[0].verifiedAmount).toBe(a.amount - 1_000_000);

    // second review: line A left blank, line B verified lower
    await review("AS-2026-0006", { verifiedAmount: firstTotal - 2_000_000, lineAmounts: { [b.id]: b.amount - 500_000 } });
    const after = await linesOf(t.id);
    expect(after[0].verifiedAmount).not.toBe(a.amount - 1_000_000);
    expect(after[0].verifiedAmount).toBeNull();
    expect(after[1].verifiedAmount).toBe(b.amount - 500_000);
    for (const line of after.slice(2)) expect(line.verifiedAmount).toBeNull();

    // a third review with no line amounts at all leaves no line verified
    await review("AS-2026-0006", { verifiedAmount: firstTotal - 3_000_000, lineAmounts: {} });
    expect((await linesOf(t.id)).map((l) => l.verifiedAmount)).toEqual(after.map(() => null));
  });
});

describe("the plan-change deadline (item 13)", () => {
  it("a cost-review result entered late counts its 10 days from the day it is entered, not from the older result date", async () => {
    const t = await byNumber("AS-2026-0006");
    const lines = await linesOf(t.id);
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    await review("AS-2026-0006", { verifiedAmount: total, lineAmounts: {}, resultOn: addDays(TODAY, -20), planChangeRequired: true });
    const recorded = await prisma.costReview.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { createdAt: "desc" } });
    expect(recorded.resultOn).toBe(addDays(TODAY, -20));
    expect(recorded.revisionDueOn).toBe(addDays(TODAY, 10));
    expect((await byNumber("AS-2026-0006")).revisionDueOn).toBe(addDays(TODAY, 10));
  });

  it("the request after that review, and a second request after the resubmission, count from the request day", async () => {
    const vendor2 = await actorFor("vendor2@demo.kr");
    let t = await byNumber("AS-2026-0006");
    const total = (await linesOf(t.id)).reduce((sum, l) => sum + l.amount, 0);
    await review("AS-2026-0006", { verifiedAmount: total, lineAmounts: {}, resultOn: addDays(TODAY, -20), planChangeRequired: true });
    // a review row that carries a deadline already past (as older builds stored it): the request must not take it over
    await prisma.costReview.updateMany({ where: { ticketId: t.id }, data: { revisionDueOn: addDays(TODAY, -10) } });
    // asked two days after the review was entered: ten days from the request, on the ticket and on the review it answers
    t = await byNumber("AS-2026-0006");
    const asked = addDays(TODAY, 2);
    await requestPlanChange(monitor, { ticketId: t.id, expectedVersion: t.version, today: asked, note: "원가 검토 반영" });
    t = await byNumber("AS-2026-0006");
    expect(t).toMatchObject({ state: "plan_revision", revisionDueOn: addDays(asked, 10) });
    const answered = await prisma.costReview.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { createdAt: "desc" } });
    expect(answered.revisionDueOn).toBe(addDays(asked, 10));

    // resubmitted a day later, asked again five days after that: ten days from the new request
    const resubmitted = await submitPlan(vendor2, {
      ticketId: t.id,
      step: "resubmit_plan",
      expectedVersion: t.version,
      scope: "수정 범위",
      staff: "담당자",
      milestones: [{ title: "작업", dueOn: addDays(TODAY, 30), deliverable: "작업일지" }],
      acknowledgeLate: false,
      today: addDays(asked, 1),
    });
    const later = addDays(TODAY, 8);
    await requestPlanChange(monitor, { ticketId: t.id, expectedVersion: resubmitted.version, today: later, note: "일정 보완" });
    t = await byNumber("AS-2026-0006");
    expect(t).toMatchObject({ state: "plan_revision", revisionDueOn: addDays(later, 10) });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { ticketId: t.id }, orderBy: { seq: "desc" } });
    expect(JSON.parse(audit.data!)).toMatchObject({ revisionDueOn: addDays(later, 10) });
  });

  it("a request on a plan before any cost review counts from the request day", async () => {
    const t = await byNumber("AS-2026-0010"); // 수행계획서 제출
    await requestPlanChange(monitor, { ticketId: t.id, expectedVersion: t.version, today: TODAY, note: "일정표 보완" });
    expect(await byNumber("AS-2026-0010")).toMatchObject({ state: "plan_revision", revisionDueOn: addDays(TODAY, 10) });
  });
});
