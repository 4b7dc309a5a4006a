// Races on a real SQLite file through the real model layer: the last unit of
// program capacity goes to exactly one ticket, and a double submit of the
// same step changes the ticket once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import { transitionTicket } from "~/models/workflow.server";
import { ConflictError } from "~/models/errors.server";
import { CAPACITY_STATES, GRADED_ITEM_KEYS, applicableChecks, isDomainError } from "~/domain";
import type { Actor } from "~/auth/actor";

let monitor: Actor;

async function passedEvaluationTicket(number: string) {
  const template = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0005" }, include: { manufacturer: true } });
  const ticket = await prisma.ticket.create({
    data: {
      number,
      programId: template.programId,
      manufacturerId: template.manufacturerId,
      supplierId: template.supplierId,
      title: `경합 시험 ${number}`,
      problem: "시험",
      desiredOutcome: "시험",
      state: "site_evaluation",
      quoteTotal: 10_000_000,
    },
  });
  await prisma.siteEvaluation.create({
    data: {
      ticketId: ticket.id,
      evaluatorName: "외부전문가",
      evaluatedOn: "2026-11-20",
      submittedAt: new Date(),
      // the TP's own sheet stands confirmed (an evaluator's would wait for the TP: issue 16)
      confirmedAt: new Date(),
      submittedByRole: "monitor",
      enteredById: monitor.userId,
      totalScore: 100,
      passed: true,
      scores: { create: GRADED_ITEM_KEYS.map((itemKey) => ({ itemKey, grade: "excellent", points: itemKey === "followup_plan" ? 10 : 15 })) },
      checks: { create: applicableChecks("local_program").map((checkKey) => ({ checkKey, holds: true })) },
    },
  });
  return ticket;
}

beforeAll(async () => {
  await databaseReady();
  await seedDemoData("2026-11-27");
  const user = await prisma.user.findUniqueOrThrow({ where: { email: "monitor@demo.kr" } });
  const id = "race".padEnd(43, "r");
  await prisma.session.create({ data: { id, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  monitor = (await actorFromSessionId(id))!;
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("races", () => {
  it("selects exactly one ticket when two race for the last place", async () => {
    const [a, b] = await Promise.all([passedEvaluationTicket("AS-RACE-0001"), passedEvaluationTicket("AS-RACE-0002")]);
    const program = await prisma.program.findUniqueOrThrow({ where: { id: a.programId } });
    const holding = await prisma.ticket.count({ where: { programId: program.id, state: { in: [...CAPACITY_STATES] } } });
    await prisma.program.update({ where: { id: program.id }, data: { capacity: holding + 1 } });

    const outcomes = await Promise.allSettled([
      transitionTicket(monitor, { ticketId: a.id, action: "select", expectedVersion: a.version }),
      transitionTicket(monitor, { ticketId: b.id, action: "select", expectedVersion: b.version }),
    ]);
    const won = outcomes.filter((o) => o.status === "fulfilled");
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isDomainError(lost[0].reason)).toBe(true);
    expect(String(lost[0].reason.message)).toContain(`지원 규모(${holding + 1}개사)`);
    const selected = await prisma.ticket.count({ where: { id: { in: [a.id, b.id] }, state: "selected" } });
    expect(selected).toBe(1);
    expect(await prisma.ticket.count({ where: { programId: program.id, state: { in: [...CAPACITY_STATES] } } })).toBe(holding + 1);
  });

  it("applies a double-submitted step once; the second is a conflict", async () => {
    const t4 = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0004" } });
    const outcomes = await Promise.allSettled([
      transitionTicket(monitor, { ticketId: t4.id, action: "start_review", expectedVersion: t4.version }),
      transitionTicket(monitor, { ticketId: t4.id, action: "start_review", expectedVersion: t4.version }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")!;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(await prisma.auditEvent.count({ where: { ticketId: t4.id, action: "ticket.start_review" } })).toBe(1);
  });
});
