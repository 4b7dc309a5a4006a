// Ticket access, always scoped by the acting user. A route cannot fetch a
// ticket without saying who is asking; a foreign ticket is simply not found.
import type { Prisma } from "~/generated/prisma/client";
import { prisma, containsText } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { availableActions, isTicketState, type IsoDate } from "~/domain";
import { TICKET_FACTS_INCLUDE, assessTicket, cachedProgramHolding, type TicketFacts } from "./ticket-context.server";
import { cachedAggregate } from "./aggregate-cache.server";
import { TICKET_ROW_SELECT } from "./selects.server";

/**
 * The one definition of "which tickets may this actor read":
 * - manufacturer: its own company's tickets (drafts included);
 * - supplier: submitted tickets that name it (never another supplier's, never drafts);
 * - monitor: submitted tickets of the programs its Technopark runs;
 * - evaluator / cost_agency: the tickets assigned to their organisation, while assigned.
 */
export function ticketScope(actor: Actor): Prisma.TicketWhereInput {
  switch (actor.role) {
    case "manufacturer":
      return { manufacturerId: actor.organizationId };
    case "supplier":
      return { supplierId: actor.organizationId, state: { not: "draft" } };
    case "monitor":
      // An indexed `programId IN (…)` when the programs are known (they are, for every
      // signed-in monitor); the relation filter is the same rule, only slower.
      return actor.programIds
        ? { programId: { in: actor.programIds }, state: { not: "draft" } }
        : { program: { technoparkId: actor.organizationId }, state: { not: "draft" } };
    case "evaluator":
    case "cost_agency":
      // The external evaluator and the cost-accounting agency: only the tickets the TP assigned to their
      // organisation, while the assignment is open (it ends when their step closes), never a draft.
      return {
        assignments: { some: { organizationId: actor.organizationId, role: actor.role, endedAt: null } },
        state: { not: "draft" },
      };
    default:
      // An unknown role reads nothing (fail closed).
      return { id: { in: [] } };
  }
}

export const TICKET_PAGE_SIZE = 50;

export type TicketListFilters = { state?: string; q?: string; page?: number };

export async function listTickets(actor: Actor, filters: TicketListFilters = {}) {
  const where: Prisma.TicketWhereInput = { AND: [ticketScope(actor)] };
  const and = where.AND as Prisma.TicketWhereInput[];
  if (filters.state) and.push({ state: filters.state });
  if (filters.q) {
    and.push({
      OR: [
        { title: containsText(filters.q) },
        { number: containsText(filters.q) },
        { manufacturer: { name: containsText(filters.q) } },
        { supplier: { name: containsText(filters.q) } },
      ],
    });
  }
  const page = Math.max(1, filters.page ?? 1);
  const [rows, total] = await Promise.all([
    prisma.ticket.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * TICKET_PAGE_SIZE,
      take: TICKET_PAGE_SIZE,
      select: {
        ...TICKET_ROW_SELECT,
        quoteTotal: true,
        agreedCost: true,
        subsidy: true,
        updatedAt: true,
        manufacturer: { select: { name: true } },
        supplier: { select: { name: true } },
      },
    }),
    // the same count for every page of the same filter: cached until the next committed change
    cachedAggregate(`${actor.role}|${actor.organizationId}|list-total|${filters.state ?? ""}|${filters.q ?? ""}`, () =>
      prisma.ticket.count({ where }),
    ),
  ]);
  return { rows, total, page, pageSize: TICKET_PAGE_SIZE };
}

/** What the ticket page shows of the ticket itself (the header, timeline, items, work logs). */
export const TICKET_DETAIL_SELECT = {
  id: true,
  number: true,
  title: true,
  problem: true,
  desiredOutcome: true,
  state: true,
  version: true,
  submittedAt: true,
  selectionNoticeOn: true,
  planDueOn: true,
  revisionDueOn: true,
  windowEndOn: true,
  quoteTotal: true,
  agreedCost: true,
  subsidy: true,
  companyShare: true,
  createdAt: true,
  updatedAt: true,
  program: { select: { name: true, noticeNumber: true } },
  manufacturer: { select: { id: true, name: true, address: true } },
  supplier: { select: { id: true, name: true } },
  targetSystem: { select: { kind: true, name: true, vendorName: true } },
  supportTypes: { select: { type: true } },
  items: { orderBy: { sortOrder: "asc" }, select: { id: true, description: true, supportType: true, quantity: true } },
  agreement: {
    select: { startOn: true, endOn: true, extensionMonths: true, agreedCost: true, subsidy: true, companyShare: true, payeeAccount: true },
  },
  workLogs: { orderBy: { workedOn: "desc" }, select: { id: true, workedOn: true, minutes: true, description: true, status: true } },
  auditEvents: {
    orderBy: { seq: "asc" },
    select: { seq: true, action: true, fromState: true, toState: true, summary: true, createdAt: true, actor: { select: { name: true } } },
  },
} satisfies Prisma.TicketSelect;

/** The ticket's detail, or null when the actor may not see the ticket. */
export async function getTicketDetail(actor: Actor, ticketId: string) {
  return prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: TICKET_DETAIL_SELECT,
  });
}

export type TicketDetail = NonNullable<Awaited<ReturnType<typeof getTicketDetail>>>;

/**
 * What the rules say about a ticket the actor can read: eligibility, document
 * checklist, evaluation, and the actions of the actor's role with reasons.
 */
export async function getTicketAssessment(actor: Actor, ticketId: string, today: IsoDate) {
  const facts = await prisma.ticket.findFirst({ where: visibleTicket(actor, ticketId), include: TICKET_FACTS_INCLUDE });
  if (!facts) return null;
  return assessShownTicket(actor, facts, today);
}

/** The rules' view of a ticket the actor may read, and the actions drawn for the actor's role. */
export async function assessShownTicket(actor: Actor, facts: TicketFacts, today: IsoDate) {
  // the buttons may use the cached program holding; the step itself re-checks inside its transaction
  const holding = await cachedProgramHolding(facts.programId);
  const assessment = await assessTicket(prisma, facts, today, holding);
  const actions = isTicketState(facts.state)
    ? availableActions(facts.state, actor.role, assessment.context, assessment.params).filter((a) => a.roles.includes(actor.role))
    : [];
  return { facts, ...assessment, actions };
}

/** The ticket `ticketId` if the actor may read it (foreign and missing look the same: no row). */
export function visibleTicket(actor: Actor, ticketId: string): Prisma.TicketWhereInput {
  return { AND: [{ id: ticketId }, ticketScope(actor)] };
}

/** Whether the actor may read the ticket (a foreign and a missing ticket look the same: false). */
export async function isVisibleTicket(actor: Actor, ticketId: string): Promise<boolean> {
  const found = await prisma.ticket.findFirst({ where: visibleTicket(actor, ticketId), select: { id: true } });
  return found !== null;
}

/** The header of every ticket page (the layout route), or null when missing or foreign (→ 404). */
export async function getTicketHeader(actor: Actor, ticketId: string) {
  return prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      id: true,
      number: true,
      title: true,
      state: true,
      version: true,
      planDueOn: true,
      revisionDueOn: true,
      windowEndOn: true,
      program: { select: { name: true } },
      manufacturer: { select: { name: true } },
      supplier: { select: { name: true } },
      supportTypes: { select: { type: true } },
    },
  });
}
export type TicketHeader = NonNullable<Awaited<ReturnType<typeof getTicketHeader>>>;
