// What an assigned expert (외부전문가, 원가계산기관) may read of a ticket (ADR 029), decided once here and read
// by the ticket layout, requireTicketStep (every step route), the overview and the file download:
// - a page outside its role's list (app/domain/expert-access.ts) is the 404 of a foreign ticket;
// - until the open assignment carries the 이해충돌 없음 declaration, every page but the declaration sends
//   it there (and no file is served);
// - the overview shows the application and the expert's own step only.
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { isExpertRole, type Role } from "~/domain";
import { expertSeesAudit, mayOpenTicketPage } from "~/domain/expert-access";
import { ticketScope } from "./ticket.server";

export type ExpertGate = "open" | "declare" | "hidden";

/** Whether the actor may open `page` of the ticket now: every other role "open" (their own checks follow). */
export async function expertGate(actor: Actor, ticketId: string, page: string | null): Promise<ExpertGate> {
  if (!isExpertRole(actor.role)) return "open";
  if (!mayOpenTicketPage(actor.role, page)) return "hidden";
  const open = await prisma.ticketAssignment.findFirst({
    where: { ticketId, organizationId: actor.organizationId, role: actor.role, endedAt: null, ticket: { state: { not: "draft" } } },
    select: { conflictDeclaredAt: true },
  });
  if (!open) return "hidden";
  return open.conflictDeclaredAt || page === "conflict" ? "open" : "declare";
}

/**
 * The tickets whose files of its step an expert may download: assigned to its organisation for its role,
 * the assignment open and declared. Null for the other roles (their scope is the ticket's).
 */
export function declaredExpertScope(actor: Actor): Prisma.TicketWhereInput | null {
  if (!isExpertRole(actor.role)) return null;
  return {
    state: { not: "draft" },
    assignments: { some: { organizationId: actor.organizationId, role: actor.role, endedAt: null, conflictDeclaredAt: { not: null } } },
  };
}

/**
 * The download rule of an expert's files: the evaluator the application documents, the cost-accounting
 * agency its cost review's report (quotes and plans carry no files) — of a ticket assigned to it, the
 * assignment open and declared. Null for the other roles (the ticket's scope decides for them).
 */
export async function expertFileWhere(actor: Actor, fileId: string): Promise<Prisma.StoredFileWhereInput | null> {
  const ticket = declaredExpertScope(actor);
  if (!ticket) return null;
  if (actor.role === "evaluator") return { id: fileId, documents: { some: { ticket } } };
  const report = await prisma.costReview.count({ where: { reportFileId: fileId, ticket } });
  return { id: report > 0 ? fileId : { in: [] } };
}

/** Whether a cost review's report (원가계산 결과 보고서, named by id only) is of a ticket the actor (a company, the TP) reads. */
export async function costReportReadable(actor: Actor, fileId: string): Promise<boolean> {
  if (isExpertRole(actor.role)) return false;
  return (await prisma.costReview.count({ where: { reportFileId: fileId, ticket: ticketScope(actor) } })) > 0;
}

type OverviewLike = {
  ticket: {
    quoteTotal: number | null;
    agreedCost: number | null;
    subsidy: number | null;
    companyShare: number | null;
    agreement: unknown;
    workLogs: unknown[];
    auditEvents: { action: string }[];
  };
  extras: {
    documents: unknown[];
    quotes: unknown[];
    plans: unknown[];
    costReviews: unknown[];
    extensions: unknown[];
    reviews: unknown[];
    closing: unknown;
  };
};

/**
 * The overview as an expert may see it: the application and its own step only — no work logs, agreement
 * figures, payments, extensions, reviews or timeline lines of other steps (the data never leaves the
 * server). The evaluator sees the application documents; the agency the quote, the plan and its review.
 * The companies and the TP get the page as it is.
 */
export function overviewFor<P extends OverviewLike>(role: Role, page: P): P {
  if (!isExpertRole(role)) return page;
  const agency = role === "cost_agency";
  return {
    ...page,
    ticket: {
      ...page.ticket,
      quoteTotal: agency ? page.ticket.quoteTotal : null,
      agreedCost: null,
      subsidy: null,
      companyShare: null,
      agreement: null,
      workLogs: [],
      auditEvents: page.ticket.auditEvents.filter((e) => expertSeesAudit(role, e.action)),
    },
    extras: {
      ...page.extras,
      documents: agency ? [] : page.extras.documents,
      quotes: agency ? page.extras.quotes : [],
      plans: agency ? page.extras.plans : [],
      costReviews: agency ? page.extras.costReviews : [],
      extensions: [],
      reviews: [],
      closing: null,
    },
  };
}
