// 요건검토's view of the application as submitted (issue 13, item 15; docs/decisions/018): the
// company field by field as the latest submission captured it, and what changed in its profile since.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { PROFILE_FIELDS, PROFILE_FIELD_LABELS, checkEligibility, profileChanges, profileValueText, type IsoDate } from "~/domain";
import { paramsOf } from "./program.server";
import { visibleTicket } from "./ticket.server";
import { PROFILE_ROW_SELECT, applicationFacts, submittedCompanyOf } from "./submitted-facts.server";

/**
 * The application as the reviewer reads it (scoped like every ticket query; null when not
 * visible): the company as submitted, field by field, what changed in the profile since
 * (제출 후 변경된 회사 정보) and, when something did, the eligibility the current profile would get.
 * `captured` false: submitted before the capture existed, the current profile is shown and used.
 */
export async function getSubmittedApplication(actor: Actor, ticketId: string, today: IsoDate) {
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      id: true,
      state: true,
      submittedAt: true,
      submittedFacts: true,
      program: true,
      manufacturer: { select: PROFILE_ROW_SELECT },
      supplier: { select: { id: true, businessNumber: true, name: true } },
    },
  });
  if (!ticket) return null;
  const { applicant, supplier, captured } = applicationFacts(ticket);
  const current = submittedCompanyOf(ticket.manufacturer);
  const changes = captured ? profileChanges(applicant, current) : [];
  return {
    submittedAt: ticket.submittedAt,
    captured: captured !== null,
    supplierName: captured?.supplier.name ?? supplier.name,
    fields: PROFILE_FIELDS.map((field) => ({ field, label: PROFILE_FIELD_LABELS[field], value: profileValueText(field, applicant) })),
    changes,
    currentEligibility: changes.length ? checkEligibility(current, ticket.supplier, today, paramsOf(ticket.program)) : null,
  };
}

export type SubmittedApplication = NonNullable<Awaited<ReturnType<typeof getSubmittedApplication>>>;
