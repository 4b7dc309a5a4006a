// One source for a ticket's figures and deadlines (issue 17 item 4, ADR 039), against a real, migrated and
// seeded SQLite file: for every demo ticket the overview's data, the agreement page's data and the monitor's
// export row show the same 견적금액, 협약금액, 정부지원금 and 기업부담금; the manufacturer sees the estimate
// before the cost review; the export's plan deadline columns hold a date only while its clock runs.
import { beforeAll, describe, expect, it } from "vitest";
import "../support/test-db";
import { useSeededDatabase } from "../support/seeded-db";
import { actorFor } from "../support/actors";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { getTicketPage } from "~/models/ticket-page.server";
import { getAgreementPage } from "~/models/agreement.server";
import { iterateExportRows, type ExportRow } from "~/models/export-rows.server";
import { parseListFilters } from "~/models/ticket-list.server";
import { runningDeadlineOn } from "~/domain/plan-deadlines";
import { NO_FIGURES } from "~/domain/figures";

const TODAY = "2026-11-27";
useSeededDatabase(TODAY);

let monitor: Actor;
const exportRows = new Map<string, ExportRow>();

beforeAll(async () => {
  monitor = await actorFor("monitor@demo.kr");
  for await (const batch of iterateExportRows(monitor, parseListFilters(new URLSearchParams()))) {
    for (const row of batch) exportRows.set(row.number, row);
  }
});

/** Every demo ticket the monitor's export holds (all but the drafts, which are never exported). */
const exportedTickets = () =>
  prisma.ticket.findMany({ where: { state: { not: "draft" } }, orderBy: { number: "asc" }, select: { id: true, number: true } });

/** The ticket's manufacturer's first demo user (maker1..3). */
async function makerOf(ticketId: string): Promise<Actor> {
  const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: { manufacturerId: true } });
  const member = await prisma.user.findFirstOrThrow({ where: { organizationId: ticket.manufacturerId }, orderBy: { email: "asc" } });
  return actorFor(member.email);
}

describe("a ticket's figures, one source", () => {
  it("the overview, the agreement page and the export row agree for every demo ticket (TP and manufacturer)", async () => {
    const tickets = await exportedTickets();
    expect(tickets.length).toBeGreaterThan(10);
    for (const { id, number } of tickets) {
      const row = exportRows.get(number);
      expect(row, number).toBeDefined();
      for (const actor of [monitor, await makerOf(id)]) {
        const page = await getTicketPage(actor, id, TODAY);
        const agreement = await getAgreementPage(actor, id, TODAY);
        const figures = page!.figures;
        expect(agreement!.figures, `${number} ${actor.role}`).toEqual(figures);
        expect(row!.quoteTotal, number).toBe(figures.quoteTotal);
        // the export's 협약금액 columns hold the concluded agreement's amounts
        const agreed = figures.basis === "agreement";
        expect([row!.agreedCost, row!.subsidy, row!.companyShare], number).toEqual(
          agreed ? [figures.agreedCost, figures.subsidy, figures.companyShare] : [null, null, null],
        );
        // the latest quote is the ticket's 견적금액
        expect(figures.quoteTotal, number).toBe(page!.extras.quotes[0]?.total ?? null);
      }
    }
  });

  it("the manufacturer sees the estimate from the quote before the cost review (AS-2026-0006: 34,000,000원)", async () => {
    const t = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0006" } });
    const page = await getTicketPage(await makerOf(t.id), t.id, TODAY);
    expect(page!.figures).toMatchObject({ quoteTotal: 34_000_000, agreedCost: 34_000_000, subsidy: 16_000_000, companyShare: 18_000_000 });
    expect(page!.figures).toMatchObject({ basis: "quote", estimate: true });
    const agreement = await getAgreementPage(monitor, t.id, TODAY);
    expect(agreement!.figures.quoteTotal).toBe(34_000_000);
  });

  it("an assigned expert gets no money of the ticket but the cost-accounting agency its quote (ADR 029)", async () => {
    const t = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0006" } });
    const page = await getTicketPage(await actorFor("cost@demo.kr"), t.id, TODAY);
    expect(page!.figures).toEqual({ ...NO_FIGURES, quoteTotal: 34_000_000 });
    const evaluated = await prisma.ticket.findUniqueOrThrow({ where: { number: "AS-2026-0005" } });
    const sheet = await getTicketPage(await actorFor("evaluator@demo.kr"), evaluated.id, TODAY);
    expect(sheet!.figures.quoteTotal).toBeNull();
  });

  it("the export's plan deadline columns hold a date only while its clock runs, as the ticket page's deadlines say", async () => {
    for (const { id, number } of await exportedTickets()) {
      const page = await getTicketPage(monitor, id, TODAY);
      const row = exportRows.get(number)!;
      expect(row.planDueOn, number).toBe(runningDeadlineOn(page!.deadlines, "planDueOn"));
      expect(row.revisionDueOn, number).toBe(runningDeadlineOn(page!.deadlines, "revisionDueOn"));
    }
    // AS-2026-0010 is 수행계획서 제출 (its plan is in): no running plan deadline, the history instead
    expect(exportRows.get("AS-2026-0010")!.planDueOn).toBeNull();
    expect(exportRows.get("AS-2026-0010")!.planDeadlines).toMatch(/^수행계획서 제출기한 2026-11-27 · 제출 2026-11-23 \(기한 내\)$/);
    expect(exportRows.get("AS-2026-0002")!.planDueOn).toBe("2026-12-02");
  });
});
