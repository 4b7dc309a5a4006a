// The model layer's scoping against a real, migrated and seeded SQLite file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTestDatabase } from "../support/test-db";
import { closeDatabase, databaseReady, prisma } from "~/db.server";
import { seedDemoData } from "../../prisma/demo-data";
import { actorFromSessionId } from "~/auth/session.server";
import { getTicketAssessment, getTicketDetail, listTickets } from "~/models/ticket.server";
import { getTicketPage } from "~/models/ticket-page.server";
import type { Actor } from "~/auth/actor";

async function actorFor(email: string): Promise<Actor> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const session = await prisma.session.create({
    data: { id: `test-${email}-${Date.now()}`.padEnd(43, "x").slice(0, 43), userId: user.id, expiresAt: new Date(Date.now() + 60_000) },
  });
  const actor = await actorFromSessionId(session.id);
  if (!actor) throw new Error(`no actor for ${email}`);
  return actor;
}

beforeAll(async () => {
  await databaseReady();
  await seedDemoData("2026-11-27");
});

afterAll(async () => {
  await closeDatabase();
  await removeTestDatabase();
});

describe("ticketScope", () => {
  it("gives every role exactly its own tickets and nobody a foreign one", async () => {
    const all = await prisma.ticket.findMany({
      select: {
        id: true,
        number: true,
        state: true,
        manufacturer: { select: { users: { select: { email: true } } } },
        supplier: { select: { users: { select: { email: true } } } },
      },
    });
    expect(all).toHaveLength(14); // the demo's fourteen tickets (ADR 040)
    for (const email of ["maker1@demo.kr", "maker2@demo.kr", "maker3@demo.kr", "vendor1@demo.kr", "vendor2@demo.kr", "monitor@demo.kr"]) {
      const actor = await actorFor(email);
      const listed = new Set((await listTickets(actor)).rows.map((t) => t.id));
      for (const ticket of all) {
        const mine =
          actor.role === "monitor"
            ? ticket.state !== "draft"
            : actor.role === "manufacturer"
              ? ticket.manufacturer.users.some((u) => u.email === email)
              : ticket.state !== "draft" && ticket.supplier.users.some((u) => u.email === email);
        expect(listed.has(ticket.id), `${email} list / ${ticket.number}`).toBe(mine);
        const detail = await getTicketDetail(actor, ticket.id);
        expect(detail?.id ?? null, `${email} detail / ${ticket.number}`).toBe(mine ? ticket.id : null);
        // the ticket page's single query: the same scope, the same detail and the same buttons
        const page = await getTicketPage(actor, ticket.id, "2026-11-27");
        expect(page?.ticket ?? null, `${email} page / ${ticket.number}`).toEqual(detail);
        expect(page?.assessment.actions ?? null).toEqual((await getTicketAssessment(actor, ticket.id, "2026-11-27"))?.actions ?? null);
      }
    }
  });

  it("a monitor of another Technopark sees none of this program's tickets", async () => {
    const other = await prisma.organization.create({
      data: { kind: "technopark", name: "다른 테크노파크", businessNumber: "1308611888", address: "충청북도 청주시", region: "충청북도" },
    });
    const user = await prisma.user.create({
      data: {
        email: "other-monitor@test.kr",
        name: "타 기관",
        role: "monitor",
        organizationId: other.id,
        passwordHash: "x",
        emailVerifiedAt: new Date(),
      },
    });
    const actor = await actorFor(user.email);
    expect((await listTickets(actor)).total).toBe(0);
  });

  it("an expired session gives no actor", async () => {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "maker1@demo.kr" } });
    const id = "expired".padEnd(43, "e");
    await prisma.session.create({ data: { id, userId: user.id, expiresAt: new Date(Date.now() - 1000) } });
    expect(await actorFromSessionId(id)).toBeNull();
  });
});
