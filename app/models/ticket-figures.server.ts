// One source for a ticket's figures and plan deadlines (ADR 039): what is read of the database for them
// (FIGURES_SELECT, plan submission days) and the domain's rules applied to it (ticketFigures,
// planDeadlines). The ticket page, the agreement page and the monitor's exports all ask here, so the
// same ticket never shows 34,000,000원 on one page and "—" on another.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import { isExpertRole, seoulDate, type ProgramParams, type Role } from "~/domain";
import { NO_FIGURES, ticketFigures, type TicketFigures } from "~/domain/figures";
import { planDeadlines, type PlanDeadline } from "~/domain/plan-deadlines";

type Db = Prisma.TransactionClient | typeof prisma;

/** What the figures are drawn from: the latest quote, the latest confirmed cost review, the agreement, the payments. */
export const FIGURES_SELECT = {
  quotes: { orderBy: { version: "desc" }, take: 1, select: { total: true } },
  // the latest review counts once confirmed, as the agreement draft reads it (agreement-draft.server.ts)
  costReviews: { orderBy: { createdAt: "desc" }, take: 1, select: { quoteTotal: true, verifiedAmount: true, status: true } },
  agreement: { select: { agreedCost: true, subsidy: true, companyShare: true } },
  payments: { select: { amount: true } },
} satisfies Prisma.TicketSelect;

export type FiguresRow = Prisma.TicketGetPayload<{ select: typeof FIGURES_SELECT }>;

/** The figures of a row read with FIGURES_SELECT, by the domain's money rule with the program's parameters. */
export function figuresOfRow(row: FiguresRow, params: ProgramParams): TicketFigures {
  const review = row.costReviews[0];
  return ticketFigures(
    {
      quoteTotal: row.quotes[0]?.total ?? null,
      review: review?.status === "confirmed" ? review : null,
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

/**
 * The figures as `role` may see them: an assigned expert sees no money of the ticket but the cost-accounting
 * agency its quote (ADR 029; the overview hides the same from it), so nothing of it leaves the server.
 */
export function figuresFor(role: Role, figures: TicketFigures): TicketFigures {
  if (!isExpertRole(role)) return figures;
  return { ...NO_FIGURES, quoteTotal: role === "cost_agency" ? figures.quoteTotal : null };
}

export type PlanSubmissions = { planSubmittedOn: string | null; revisionSubmittedOn: string | null };

/**
 * The days (Asia/Seoul) a ticket's first plan and its latest revised plan were submitted, from its plan versions
 * (the ticket page's own rows, or planSubmissionsOf's for an export batch).
 */
export function planSubmissionsFrom(plans: readonly { isRevision: boolean; submittedAt: Date }[]): PlanSubmissions {
  const first = plans.filter((p) => !p.isRevision).map((p) => p.submittedAt.getTime());
  const revisions = plans.filter((p) => p.isRevision).map((p) => p.submittedAt.getTime());
  return {
    planSubmittedOn: first.length ? seoulDate(new Date(Math.min(...first))) : null,
    revisionSubmittedOn: revisions.length ? seoulDate(new Date(Math.max(...revisions))) : null,
  };
}

/** planSubmissionsFrom for each of `ticketIds` (an export batch): one statement. */
export async function planSubmissionsOf(ticketIds: readonly string[]): Promise<Map<string, PlanSubmissions>> {
  const plans = ticketIds.length
    ? await prisma.executionPlan.findMany({
        where: { ticketId: { in: [...ticketIds] } },
        select: { ticketId: true, isRevision: true, submittedAt: true },
      })
    : [];
  const byTicket = new Map<string, typeof plans>();
  for (const plan of plans) byTicket.set(plan.ticketId, [...(byTicket.get(plan.ticketId) ?? []), plan]);
  return new Map([...byTicket].map(([id, list]) => [id, planSubmissionsFrom(list)]));
}

const NONE_SUBMITTED: PlanSubmissions = { planSubmittedOn: null, revisionSubmittedOn: null };

/** A ticket's plan deadlines, running or history (planDeadlines), with its submissions (none when absent). */
export function deadlinesOf(
  ticket: { state: string; planDueOn: string | null; revisionDueOn: string | null },
  submissions: PlanSubmissions | undefined,
): PlanDeadline[] {
  return planDeadlines({ ...ticket, ...(submissions ?? NONE_SUBMITTED) });
}
