// The workflow core against a real, migrated and seeded SQLite file: scope,
// version check, refusal by the rules module, one transaction, audit event,
// and publication only after commit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import { changeTicket, transitionTicket } from "~/models/workflow.server";
import { createDraft } from "~/models/ticket-draft.server";
import { listTickets } from "~/models/ticket.server";
import { ConflictError, NotFoundError } from "~/models/errors.server";
import { registerPublisher, type DomainEvent } from "~/realtime/events.server";
import { isDomainError } from "~/domain";
import type { Actor } from "~/auth/actor";

let published: DomainEvent[] = [];

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const id = `wf-${email}`.padEnd(43, "x").slice(0, 43);
  await prisma.session.upsert({ where: { id }, create: { id, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) }, update: {} });
  return (await actorFromSessionId(id))!;
}

async function ticket(number: string) {
  return prisma.ticket.findUniqueOrThrow({ where: { number } });
}

beforeAll(async () => {
  await databaseReady();
  await seedDemoData("2026-11-27");
  registerPublisher((event) => published.push(event));
});

beforeEach(() => {
  published = [];
});

afterAll(async () => {
  registerPublisher(undefined);
  await closeDatabase();
  await removeTestDatabase();
});

describe("transitionTicket", () => {
  it("moves the state, bumps the version, writes one audit event and publishes it after commit", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const before = await ticket("AS-2026-0004"); // submitted
    const eventsBefore = await prisma.auditEvent.count({ where: { ticketId: before.id } });
    const result = await transitionTicket(monitor, { ticketId: before.id, action: "start_review", expectedVersion: before.version });
    const after = await ticket("AS-2026-0004");
    expect(after.state).toBe("requirement_review");
    expect(after.version).toBe(before.version + 1);
    expect(result).toMatchObject({ state: "requirement_review", version: before.version + 1 });
    const audit = await prisma.auditEvent.findMany({ where: { ticketId: before.id }, orderBy: { seq: "desc" }, take: 1 });
    expect(await prisma.auditEvent.count({ where: { ticketId: before.id } })).toBe(eventsBefore + 1);
    expect(audit[0]).toMatchObject({
      fromState: "submitted",
      toState: "requirement_review",
      actorId: monitor.userId,
      ticketVersion: after.version,
    });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ seq: audit[0].seq, ticketId: before.id, state: "requirement_review", actorName: monitor.name });
    // the manufacturer, the supplier and the Technopark may read it; nobody else
    expect(new Set(published[0].audience)).toEqual(new Set([before.manufacturerId, before.supplierId, monitor.organizationId]));
  });

  it("refuses a stale version with ConflictError and changes nothing", async () => {
    const monitor = await actorFor("monitor@demo.kr");
    const current = await ticket("AS-2026-0011"); // requirement_review
    await expect(
      transitionTicket(monitor, { ticketId: current.id, action: "reject", expectedVersion: current.version - 1 }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await ticket("AS-2026-0011")).state).toBe("requirement_review");
    expect(published).toHaveLength(0);
  });

  it("answers not found for a ticket outside the actor's scope", async () => {
    const vendor1 = await actorFor("vendor1@demo.kr");
    const foreign = await ticket("AS-2026-0002"); // vendor2's
    await expect(
      transitionTicket(vendor1, { ticketId: foreign.id, action: "submit_plan", expectedVersion: foreign.version }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a step the rules forbid, with the rules module's Korean reason", async () => {
    const vendor1 = await actorFor("vendor1@demo.kr");
    const t1 = await ticket("AS-2026-0001"); // in progress with one unconfirmed work log
    const error = await transitionTicket(vendor1, { ticketId: t1.id, action: "report_completion", expectedVersion: t1.version }).catch((e) => e);
    expect(isDomainError(error)).toBe(true);
    expect(error.message).toContain("확인하지 않은 작업일지가 1건");
    expect((await ticket("AS-2026-0001")).state).toBe("in_progress");
  });

  it("rolls back the step's own writes when apply fails: no half-written record, nothing published", async () => {
    const maker2 = await actorFor("maker2@demo.kr");
    const t4 = await ticket("AS-2026-0004");
    const paymentsBefore = await prisma.payment.count();
    const auditBefore = await prisma.auditEvent.count();
    await expect(
      changeTicket(maker2, {
        ticketId: t4.id,
        action: "test.partial",
        roles: ["manufacturer"],
        apply: async (tx, facts) => {
          await tx.payment.create({ data: { ticketId: facts.id, amount: 1, paidOn: "2026-11-27", recordedById: maker2.userId } });
          throw new Error("boom after the first write");
        },
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.payment.count()).toBe(paymentsBefore);
    expect(await prisma.auditEvent.count()).toBe(auditBefore);
    expect((await ticket("AS-2026-0004")).version).toBe(t4.version);
    expect(published).toHaveLength(0);
  });

  it("lets only the role the table names take a step", async () => {
    const maker1 = await actorFor("maker1@demo.kr");
    const t11 = await ticket("AS-2026-0011"); // maker1's own ticket, in requirement review
    const error = await transitionTicket(maker1, { ticketId: t11.id, action: "pass_review", expectedVersion: t11.version }).catch((e) => e);
    expect(isDomainError(error)).toBe(true);
    expect(error.message).toMatch(/운영기관/);
  });
});

describe("createDraft (issue 13, item 11)", () => {
  it("goes through the change core: an audit event, counts that change at once, a live event for the manufacturer only", async () => {
    const maker1 = await actorFor("maker1@demo.kr");
    const vendor2 = await prisma.user.findUniqueOrThrow({ where: { email: "vendor2@demo.kr" } });
    const before = (await listTickets(maker1)).total; // the total is now cached
    const notificationsBefore = await prisma.notification.count();
    const created = await createDraft(
      maker1,
      {
        supportTypes: ["sw_upgrade"],
        targetSystemId: null,
        supplierId: vendor2.organizationId,
        title: "MES 버전업",
        problem: "구버전 MES",
        desiredOutcome: "최신 버전",
        items: [
          {
            description: "MES 버전업",
            supportType: "sw_upgrade",
            quantity: 1,
            isStandaloneEquipment: false,
            isOfficeIt: false,
            isRentalOrSubscription: false,
            isPeriodicConsumable: false,
            underWarranty: false,
          },
        ],
      },
      "2026-11-27",
    );
    // the list total counts the new draft at once: the committed change emptied the aggregate cache
    expect((await listTickets(maker1)).total).toBe(before + 1);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { ticketId: created.id } });
    expect(audit).toMatchObject({ action: "ticket.create", fromState: null, toState: "draft", ticketVersion: 1, actorId: maker1.userId });
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      seq: audit.seq,
      ticketId: created.id,
      ticketNumber: created.number,
      action: "ticket.create",
      state: "draft",
      version: 1,
      actorId: maker1.userId,
    });
    // a draft is the manufacturer's alone: neither the chosen supplier nor the Technopark hears of it
    expect(published[0].audience).toEqual([maker1.organizationId]);
    // maker1's company has no other member, so nobody else gets a bell notification
    expect(await prisma.notification.count()).toBe(notificationsBefore);
  });
});
