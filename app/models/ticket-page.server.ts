// The ticket page's extra sections (documents, quotes with every version, the
// latest execution plan, the cost review, extension requests, the requested
// items' screening flags), and the submit step with its side effects.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { DomainError, isDomainError, type IsoDate } from "~/domain";
import { getTicketAssessment, ticketScope } from "./ticket.server";
import { transitionTicket } from "./workflow.server";

/** Everything the ticket page shows besides getTicketDetail; null when the actor may not read the ticket. */
export async function getTicketPageExtras(actor: Actor, ticketId: string) {
  return prisma.ticket.findFirst({
    where: { AND: [{ id: ticketId }, ticketScope(actor)] },
    select: {
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
        select: { id: true, kind: true, fiscalYear: true, issuedOn: true, attachedAtApplication: true, file: { select: { id: true, originalName: true } } },
      },
      quotes: {
        orderBy: { version: "desc" },
        select: {
          id: true,
          version: true,
          total: true,
          note: true,
          createdAt: true,
          lines: { orderBy: { sortOrder: "asc" }, select: { id: true, kind: true, description: true, quantity: true, unitPrice: true, amount: true } },
        },
      },
      plans: {
        orderBy: { version: "desc" },
        take: 1,
        select: {
          version: true,
          scope: true,
          staff: true,
          dueOn: true,
          isRevision: true,
          late: true,
          reviewStatus: true,
          reviewNote: true,
          submittedAt: true,
          milestones: { orderBy: { sortOrder: "asc" }, select: { id: true, title: true, dueOn: true, deliverable: true } },
        },
      },
      costReviews: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { quoteTotal: true, verifiedAmount: true, resultOn: true, planChangeRequired: true, revisionDueOn: true, note: true },
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
    },
  });
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
