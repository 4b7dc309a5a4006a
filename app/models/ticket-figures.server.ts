// One source for a ticket's figures and plan deadlines (ADR 039): what is read of the database for them
// (FIGURES_SELECT, plan submission days) and the domain's rules applied to it (ticketFigures,
// planDeadlines). The ticket page, the agreement page and the monitor's exports all ask here, so the
// same ticket never shows 34,000,000원 on one page and "—" on another.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { isExpertRole, seoulDate, type ProgramParams, type Role } from "~/domain";
import { ticketFigures, type TicketFigures } from "~/domain/figures";
import { planDeadlines, type PlanDeadline } from "~/domain/plan-deadlines";

type Db = Prisma.TransactionClient | typeof prisma;

/** What the figures are drawn from: the latest quote, the latest confirmed cost review, the agreement, the payments. */
export const FIGURES_SELECT = {
  quotes: { orderBy: { version: "desc" }, take: 1, select: { total: true } },
  costReviews: { where: { status: "confirmed" }, orderBy: { createdAt: "desc" }, take: 1, select: { quoteTotal: true, verifiedAmount: true } },
  agreement: { select: { agreedCost: true, subsidy: true, companyShare: true } },
  payments: { select: { amount: true } },
} satisfies Prisma.TicketSelect;

export type FiguresRow = Prisma.TicketGetPayload<{ select: typeof FIGURES_SELECT }>;

/** The figures of a row read with FIGURES_SELECT, by the domain's money rule with the program's parameters. */
export function figuresOfRow(row: FiguresRow, params: ProgramParams): TicketFigures {
  return ticketFigures(
    {
      quoteTotal: row.quotes[0]?.total ?? null,
      review: row.costReviews[0] ?? null,
      agreement: row.agreement,
      payments: row.payments.map((p) => p.amount),
    },
    params,
  );
}

/** A ticket's figures (the caller has checked that the actor reads the ticket). */
export async function getTicketFigures(db: Db, ticketId: string, params: ProgramParams): Promise<TicketFigures> {
  return figuresOfRow(await db.ticket.findUniqueOrThrow({ where: { id: ticketId }, select: FIGURES_SELECT }), params);
}

const NO_FIGURES: TicketFigures = {
  quoteTotal: null,
  verifiedAmount: null,
  agreedCost: null,
  subsidy: null,
  companyShare: null,
  paid: 0,
  basis: null,
  estimate: false,
};

/**
 * The figures as `role` may see them: an assigned expert sees no money of the ticket but the cost-accounting
 * agency its quote (ADR 029; the overview hides the same from it), so nothing of it leaves the server.
 */
export function figuresFor(role: Role, figures: TicketFigures): TicketFigures {
  if (!isExpertRole(role)) return figures;
  return { ...NO_FIGURES, quoteTotal: role === "cost_agency" ? figures.quoteTotal : null };
}

/** The days (Asia/Seoul) each ticket's first plan and its latest revised plan were submitted: one statement. */
export async function planSubmissionsOf(ticketIds: readonly string[]): Promise<Map<string, PlanSubmissions>> {
  const groups = ticketIds.length
    ? await prisma.executionPlan.groupBy({
        by: ["ticketId", "isRevision"],
        where: { ticketId: { in: [...ticketIds] } },
        _min: { submittedAt: true },
        _max: { submittedAt: true },
      })
    : [];
  const out = new Map<string, PlanSubmissions>();
  for (const g of groups) {
    const entry = out.get(g.ticketId) ?? { planSubmittedOn: null, revisionSubmittedOn: null };
    // the first plan's day counts for the plan deadline; the latest revision's for the revision deadline
    if (g.isRevision) entry.revisionSubmittedOn = g._max.submittedAt ? seoulDate(g._max.submittedAt) : null;
    else entry.planSubmittedOn = g._min.submittedAt ? seoulDate(g._min.submittedAt) : null;
    out.set(g.ticketId, entry);
  }
  return out;
}

export type PlanSubmissions = { planSubmittedOn: string | null; revisionSubmittedOn: string | null };

const NONE_SUBMITTED: PlanSubmissions = { planSubmittedOn: null, revisionSubmittedOn: null };

/** A ticket's plan deadlines, running or history (planDeadlines), with its submissions looked up in `submissions`. */
export function deadlinesOf(
  ticket: { id: string; state: string; planDueOn: string | null; revisionDueOn: string | null },
  submissions: ReadonlyMap<string, PlanSubmissions>,
): PlanDeadline[] {
  return planDeadlines({ ...ticket, ...(submissions.get(ticket.id) ?? NONE_SUBMITTED) });
}
