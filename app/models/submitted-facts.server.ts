// The application as submitted (issue 13, item 15; docs/decisions/018): every submission captures
// the applicant's company profile and the supplier it names on the ticket (Ticket.submittedFacts,
// JSON) in the submission's own transaction. From then on the rules read these facts, not the
// profile the company may have edited since; the review page shows both and what changed.
// A ticket submitted before the capture existed has none: it falls back to the current profile.
import { z } from "zod";
import type { Organization, Prisma } from "~/generated/prisma/client";
import {
  ELIGIBILITY_BASES,
  PROFILE_FIELDS,
  isEligibilityBasis,
  isIsoDate,
  type ApplicantProfile,
  type CompanyRef,
  type ProfileField,
  type SubmittedCompany,
} from "~/domain";
import { log } from "~/utils/log.server";

type Tx = Prisma.TransactionClient;

/** The Organization columns of a company's profile (an Organization row has them all). */
export type ProfileRow = Pick<Organization, "id" | ProfileField>;
type SupplierRow = CompanyRef & { name: string };

export const PROFILE_ROW_SELECT = {
  id: true,
  ...(Object.fromEntries(PROFILE_FIELDS.map((field) => [field, true])) as Record<ProfileField, true>),
} satisfies Prisma.OrganizationSelect;

/** What the eligibility rules read of a profile row (an unknown basis string counts as none). */
export function applicantProfile(org: ProfileRow): ApplicantProfile {
  return {
    id: org.id,
    businessNumber: org.businessNumber,
    region: org.region,
    eligibilityBasis: org.eligibilityBasis && isEligibilityBasis(org.eligibilityBasis) ? org.eligibilityBasis : null,
    diffusionCompletionYear: org.diffusionCompletionYear,
    levelCertificateNumber: org.levelCertificateNumber,
    localProgramYear: org.localProgramYear,
    paidMaintenanceContract: org.paidMaintenanceContract,
    freeWarrantyEndsOn: org.freeWarrantyEndsOn,
    closedOrSuspended: org.closedOrSuspended,
    taxDelinquent: org.taxDelinquent,
    sanctioned: org.sanctioned,
    canSelfService: org.canSelfService,
  };
}

/** The company as its application shows it, from a profile row. */
export function submittedCompanyOf(org: ProfileRow): SubmittedCompany {
  return {
    ...applicantProfile(org),
    name: org.name,
    representative: org.representative,
    address: org.address,
    phone: org.phone,
    maintenanceNote: org.maintenanceNote,
    promisingSmeCertified: org.promisingSmeCertified,
    promisingSmeCertNumber: org.promisingSmeCertNumber,
  };
}

const year = z.number().int().nullable();
const optionalText = z.string().nullable();
const SubmittedCompanySchema = z.object({
  id: z.string(),
  businessNumber: z.string(),
  region: z.string(),
  eligibilityBasis: z.enum(ELIGIBILITY_BASES).nullable(),
  diffusionCompletionYear: year,
  levelCertificateNumber: optionalText,
  localProgramYear: year,
  paidMaintenanceContract: z.boolean(),
  freeWarrantyEndsOn: z.string().refine(isIsoDate).nullable(),
  closedOrSuspended: z.boolean(),
  taxDelinquent: z.boolean(),
  sanctioned: z.boolean(),
  canSelfService: z.boolean(),
  name: z.string(),
  representative: optionalText,
  address: z.string(),
  phone: optionalText,
  maintenanceNote: optionalText,
  promisingSmeCertified: z.boolean(),
  promisingSmeCertNumber: optionalText,
}) satisfies z.ZodType<SubmittedCompany>;

/** The stored snapshot; `format` lets a later shape be told apart from this one. */
const SubmittedFactsSchema = z.object({
  format: z.literal(1),
  applicant: SubmittedCompanySchema,
  supplier: z.object({ id: z.string(), businessNumber: z.string(), name: z.string() }),
});
export type SubmittedFacts = z.infer<typeof SubmittedFactsSchema>;

/**
 * Captures the application as submitted, inside the submission's transaction (workflow.server.ts,
 * action `submit`: a first submission and a resubmission after a return alike, so the latest
 * submission counts). `ticket` is what the submit guard just read, so the snapshot is exactly
 * the facts the submission was allowed on.
 */
export async function captureSubmittedFacts(tx: Tx, ticket: { id: string; manufacturer: ProfileRow; supplier: SupplierRow }): Promise<void> {
  const facts: SubmittedFacts = {
    format: 1,
    applicant: submittedCompanyOf(ticket.manufacturer),
    supplier: { id: ticket.supplier.id, businessNumber: ticket.supplier.businessNumber, name: ticket.supplier.name },
  };
  await tx.ticket.update({ where: { id: ticket.id }, data: { submittedFacts: JSON.stringify(facts) } });
}

/** The stored snapshot, or null when there is none; a damaged one is logged and treated as none. */
export function readSubmittedFacts(ticket: { id: string; submittedFacts: string | null }): SubmittedFacts | null {
  if (ticket.submittedFacts === null) return null;
  try {
    return SubmittedFactsSchema.parse(JSON.parse(ticket.submittedFacts));
  } catch (error) {
    log.error({ kind: "submitted_facts_unreadable", ticketId: ticket.id, err: error }, "submitted facts unreadable: using the current profile");
    return null;
  }
}

type ApplicationTicket = {
  id: string;
  state: string;
  submittedFacts: string | null;
  manufacturer: ProfileRow;
  supplier: SupplierRow;
};

/**
 * The facts the rules read about a ticket's applicant. Once submitted: the snapshot of the
 * latest submission. While a draft (also after a return for correction): the current profile,
 * which is what the next submission will capture and what its guard must check. Without a
 * snapshot (submitted before ADR 018): the current profile. The supplier is the one captured
 * unless the ticket names another since (then the rules must check that one).
 */
export function applicationFacts(ticket: ApplicationTicket): {
  applicant: SubmittedCompany;
  supplier: SupplierRow;
  captured: SubmittedFacts | null;
} {
  const captured = ticket.state === "draft" ? null : readSubmittedFacts(ticket);
  if (!captured) return { applicant: submittedCompanyOf(ticket.manufacturer), supplier: ticket.supplier, captured: null };
  const supplier = captured.supplier.id === ticket.supplier.id ? captured.supplier : ticket.supplier;
  return { applicant: captured.applicant, supplier, captured };
}
