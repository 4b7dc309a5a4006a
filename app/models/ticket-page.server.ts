// The ticket page's data in one scoped query (the detail, the extra sections:
// documents, quotes with every version, the latest execution plan, the cost
// review, extension requests, the requested items' screening flags, and the
// rules' assessment), and the submit step with its side effects.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, isDomainError, type IsoDate } from "~/domain";
import type { Prisma } from "~/generated/prisma/client";
import { TICKET_DETAIL_SELECT, assessShownTicket, getTicketAssessment, type TicketDetail, visibleTicket } from "./ticket.server";
import { TICKET_FACTS_INCLUDE, type TicketFacts } from "./ticket-context.server";
import { transitionTicket } from "./workflow.server";
import { requestMemo } from "~/utils/request-memo.server";
import { PLAN_SELECT, QUOTE_SELECT } from "./selects.server";
import { closingOf } from "./closing.server";
import { paramsOf } from "./program.server";
import { FIGURES_SELECT, deadlinesOf, figuresFor, figuresOfRow, planSubmissionsFrom } from "./ticket-figures.server";

/** The ticket page's sections besides the detail: items with screening flags, documents, quotes, plan, cost review, extensions, the last return. */
const TICKET_EXTRAS_SELECT = {
  items: {
    orderBy: { sortOrder: "asc" },
    select: {
      id: true,
      description: true,
      supportType: true,
      quantity: true,
      isStandaloneEquipment: true,
      isOfficeIt: true,
      isRentalOrSubscription: true,
      isPeriodicConsumable: true,
      underWarranty: true,
    },
  },
  documents: {
    orderBy: [{ kind: "asc" }, { issuedOn: "desc" }],
    select: {
      id: true,
      kind: true,
      fiscalYear: true,
      issuedOn: true,
      attachedAtApplication: true,
      file: { select: { id: true, originalName: true, mimeType: true } },
    },
  },
  quotes: { orderBy: { version: "desc" }, select: QUOTE_SELECT },
  plans: {
    orderBy: { version: "desc" },
    take: 1,
    select: PLAN_SELECT,
  },
  costReviews: {
    orderBy: { createdAt: "desc" },
    take: 1,
    select: {
      quoteTotal: true,
      verifiedAmount: true,
      resultOn: true,
      planChangeRequired: true,
      revisionDueOn: true,
      note: true,
      status: true,
    },
  },
  extensions: {
    orderBy: { requestedAt: "desc" },
    select: { id: true, months: true, status: true, requestedAt: true, newEndOn: true },
  },
  reviews: {
    where: { result: "returned" },
    orderBy: { reviewedAt: "desc" },
    take: 1,
    select: { fixList: true, reason: true, reviewedAt: true },
  },
} satisfies Prisma.TicketSelect;

/**
 * One query for the whole ticket page (Prisma still loads each relation with its own statement,
 * but each relation once): the detail (TICKET_DETAIL_SELECT), the extra sections
 * (TICKET_EXTRAS_SELECT) and the facts the rules module assesses (TICKET_FACTS_INCLUDE), which
 * overlap. Before, the page loaded the ticket three times (39 statements, 26 now).
 */
const TICKET_PAGE_INCLUDE = {
  ...TICKET_FACTS_INCLUDE,
  program: { include: { technopark: { select: { name: true } } } }, // ⊇ the facts' program (timeline step ①: the TP's notice)
  targetSystem: TICKET_DETAIL_SELECT.targetSystem,
  supportTypes: TICKET_DETAIL_SELECT.supportTypes,
  items: TICKET_EXTRAS_SELECT.items, // ⊇ the detail's items
  documents: TICKET_EXTRAS_SELECT.documents, // ⊇ the facts' documents
  quotes: TICKET_EXTRAS_SELECT.quotes,
  // every version, latest first (⊇ the facts' plan): the plan deadlines' history reads the first plan's day
  plans: { orderBy: { version: "desc" }, select: PLAN_SELECT },
  payments: FIGURES_SELECT.payments, // the figures' 지급액 (quotes, costReviews and agreement ⊇ the figures' own)
  costReviews: { ...TICKET_EXTRAS_SELECT.costReviews, select: { ...TICKET_EXTRAS_SELECT.costReviews.select, createdAt: true } },
  agreement: TICKET_DETAIL_SELECT.agreement, // ⊇ the facts' agreement
  extensions: TICKET_EXTRAS_SELECT.extensions, // all of them; the facts want the pending ones
  reviews: TICKET_EXTRAS_SELECT.reviews,
  workLogs: TICKET_DETAIL_SELECT.workLogs,
  auditEvents: TICKET_DETAIL_SELECT.auditEvents,
} satisfies Prisma.TicketInclude;

/**
 * Everything the ticket page shows, and the actions the rules allow the actor now; null when the
 * actor may not read the ticket (scoped like every ticket query).
 */
/**
 * The ticket page's data, once per HTTP request: the overview's loader and the ticket layout's
 * loader (which takes its header from it on the overview) share the one scoped query.
 */
export function getTicketPage(actor: Actor, ticketId: string, today: IsoDate) {
  return requestMemo(`ticket-page|${actor.userId}|${ticketId}|${today}`, () => loadTicketPage(actor, ticketId, today));
}

/** The layout's header (the shape of getTicketHeader) out of the page's detail. */
export function headerOfPage(ticket: TicketDetail) {
  return {
    id: ticket.id,
    number: ticket.number,
    title: ticket.title,
    state: ticket.state,
    version: ticket.version,
    planDueOn: ticket.planDueOn,
    revisionDueOn: ticket.revisionDueOn,
    windowEndOn: ticket.windowEndOn,
    program: { name: ticket.program.name },
    manufacturer: { name: ticket.manufacturer.name },
    supplier: { name: ticket.supplier.name },
    supportTypes: ticket.supportTypes,
  };
}

async function loadTicketPage(actor: Actor, ticketId: string, today: IsoDate) {
  const row = await prisma.ticket.findFirst({ where: visibleTicket(actor, ticketId), include: TICKET_PAGE_INCLUDE });
  if (!row) return null;
  const facts: TicketFacts = { ...row, extensions: row.extensions.filter((e) => e.status === "pending" || e.status === "proposed") };
  const assessment = await assessShownTicket(actor, facts, today);
  const { program, manufacturer, supplier } = row;
  // the detail exactly as TICKET_DETAIL_SELECT shapes it: the page never receives the
  // manufacturer's full record or the program's parameters
  const ticket = {
    id: row.id,
    number: row.number,
    title: row.title,
    problem: row.problem,
    desiredOutcome: row.desiredOutcome,
    state: row.state,
    version: row.version,
    submittedAt: row.submittedAt,
    selectionNoticeOn: row.selectionNoticeOn,
    planDueOn: row.planDueOn,
    revisionDueOn: row.revisionDueOn,
    windowEndOn: row.windowEndOn,
    quoteTotal: row.quoteTotal,
    agreedCost: row.agreedCost,
    subsidy: row.subsidy,
    companyShare: row.companyShare,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    program: { name: program.name, noticeNumber: program.noticeNumber },
    manufacturer: { id: manufacturer.id, name: manufacturer.name, address: manufacturer.address },
    supplier: { id: supplier.id, name: supplier.name },
    targetSystem: row.targetSystem,
    supportTypes: row.supportTypes,
    items: row.items.map(({ id, description, supportType, quantity }) => ({ id, description, supportType, quantity })),
    agreement: row.agreement,
    workLogs: row.workLogs,
    auditEvents: row.auditEvents,
  } satisfies TicketDetail;
  const extras = {
    items: row.items,
    documents: row.documents,
    quotes: row.quotes,
    plans: row.plans.slice(0, 1), // the latest
    costReviews: row.costReviews.map(({ createdAt: _createdAt, ...review }) => review),
    extensions: row.extensions,
    reviews: row.reviews,
    // a closed ticket's reason and what may come next (ADR 028); null while it is open
    closing: await closingOf(assessment, today),
  };
  // the ticket's figures and plan deadlines from the one source every page and export asks (ADR 039)
  // (the same select as getTicketFigures: one function draws them from the rows)
  const figures = figuresOfRow(row, paramsOf(row.program));
  const deadlines = deadlinesOf(row, planSubmissionsFrom(row.plans));
  // step ① 사업공고 is the Technopark's notice: its number, the day intake opened, the Technopark
  const notice = { number: program.noticeNumber, opensOn: program.intakeOpensOn, technopark: program.technopark.name };
  return { ticket, extras, assessment, figures: figuresFor(actor.role, figures), deadlines, notice };
}

/**
 * 신청서 제출: the state machine decides (eligible + checklist complete). On success the
 * submission time is recorded and every document counts as attached at application (the
 * promising-SME bonus depends on it). When refused, every missing piece is listed, each from
 * the rules module's findings.
 */
export async function submitApplication(actor: Actor, ticketId: string, expectedVersion: number, today: IsoDate) {
  try {
    return await transitionTicket(actor, {
      ticketId,
      action: "submit",
      expectedVersion,
      today,
      apply: async (tx, facts) => {
        await tx.applicationDocument.updateMany({ where: { ticketId: facts.id }, data: { attachedAtApplication: true } });
        return { ticketPatch: { submittedAt: new Date() } };
      },
    });
  } catch (error) {
    if (isDomainError(error) && error.code === "transition_refused") {
      const assessment = await getTicketAssessment(actor, ticketId, today);
      if (assessment) {
        const reasons = [
          ...assessment.eligibility.reasons.map((r) => `${r.message} (${r.clause})`),
          ...assessment.checklist.problems.map((p) => `${p.label}: ${p.message}`),
        ];
        if (reasons.length > 0) {
          throw new DomainError("transition_refused", `신청서를 제출할 수 없습니다. 다음 ${reasons.length}가지를 해결해 주세요.`, [...reasons]);
        }
      }
    }
    throw error;
  }
}
