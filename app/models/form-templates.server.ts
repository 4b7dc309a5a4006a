// What the notice's downloadable forms (AS지원사업 신청서, 정보 활용 동의서; issue 17 item 2, ADR 036) are
// pre-filled with, read for the acting user only:
// - a ticket's forms: the ticket's manufacturer, its supplier and the TP of its program (the parties who file or
//   check them; an assigned expert's pages do not include them) — a foreign or missing ticket is null (→ 404);
// - a program's forms: the TP staff of that program (blank company) and a manufacturer of the program's region
//   (its own company filled in) — anyone else is null.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import { isEligibilityBasis, type EligibilityBasis } from "~/domain";
import { visibleTicket } from "./ticket.server";

export interface FormCompany {
  name: string;
  businessNumber: string;
  representative: string | null;
  address: string;
  phone: string | null;
  eligibilityBasis: EligibilityBasis | null;
  diffusionCompletionYear: number | null;
  levelCertificateNumber: string | null;
  localProgramYear: number | null;
  promisingSmeCertified: boolean;
  systems: { kind: string; name: string; vendorName: string | null; buildYear: number | null }[];
}

export interface FormTicket {
  number: string;
  title: string;
  problem: string;
  desiredOutcome: string;
  supportTypes: string[];
  items: { supportType: string; description: string; quantity: number }[];
  supplier: { name: string; businessNumber: string; representative: string | null; phone: string | null };
}

/** Everything a form prints; absent parts are printed as blank lines to write on. */
export interface FormData {
  program: { name: string; year: number; noticeNumber: string; technoparkName: string; region: string; localProgramSinceYear: number };
  company: FormCompany | null;
  ticket: FormTicket | null;
  /** The manufacturer's person filling it in (the viewer, when a manufacturer). */
  contact: { name: string; email: string; phone: string | null } | null;
}

const FORM_ROLES: readonly string[] = ["manufacturer", "supplier", "monitor"];

const PROGRAM_SELECT = {
  name: true,
  year: true,
  noticeNumber: true,
  region: true,
  localProgramSinceYear: true,
  technopark: { select: { name: true } },
} as const;
const COMPANY_SELECT = {
  name: true,
  businessNumber: true,
  representative: true,
  address: true,
  phone: true,
  region: true,
  eligibilityBasis: true,
  diffusionCompletionYear: true,
  levelCertificateNumber: true,
  localProgramYear: true,
  promisingSmeCertified: true,
  systems: { select: { kind: true, name: true, vendorName: true, buildYear: true }, orderBy: { createdAt: "asc" } },
} as const;

type ProgramRow = {
  name: string;
  year: number;
  noticeNumber: string;
  region: string;
  localProgramSinceYear: number;
  technopark: { name: string };
};
type CompanyRow = Omit<FormCompany, "eligibilityBasis"> & { eligibilityBasis: string | null };

function programOf(p: ProgramRow): FormData["program"] {
  const { technopark, ...program } = p;
  return { ...program, technoparkName: technopark.name };
}

function companyOf(c: CompanyRow): FormCompany {
  return {
    name: c.name,
    businessNumber: c.businessNumber,
    representative: c.representative,
    address: c.address,
    phone: c.phone,
    eligibilityBasis: c.eligibilityBasis && isEligibilityBasis(c.eligibilityBasis) ? c.eligibilityBasis : null,
    diffusionCompletionYear: c.diffusionCompletionYear,
    levelCertificateNumber: c.levelCertificateNumber,
    localProgramYear: c.localProgramYear,
    promisingSmeCertified: c.promisingSmeCertified,
    systems: c.systems,
  };
}

async function contactOf(actor: Actor): Promise<FormData["contact"]> {
  if (actor.role !== "manufacturer") return null;
  const user = await prisma.user.findUnique({ where: { id: actor.userId }, select: { phone: true } });
  return { name: actor.name, email: actor.email, phone: user?.phone ?? null };
}

/** The forms of one ticket, filled from it; null when the actor may not have them (the ticket's 404). */
export async function ticketFormData(actor: Actor, ticketId: string): Promise<FormData | null> {
  if (!FORM_ROLES.includes(actor.role)) return null;
  const ticket = await prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      number: true,
      title: true,
      problem: true,
      desiredOutcome: true,
      program: { select: PROGRAM_SELECT },
      manufacturer: { select: COMPANY_SELECT },
      supplier: { select: { name: true, businessNumber: true, representative: true, phone: true } },
      supportTypes: { select: { type: true } },
      items: { select: { supportType: true, description: true, quantity: true }, orderBy: { sortOrder: "asc" } },
    },
  });
  if (!ticket) return null;
  return {
    program: programOf(ticket.program),
    company: companyOf(ticket.manufacturer),
    ticket: {
      number: ticket.number,
      title: ticket.title,
      problem: ticket.problem,
      desiredOutcome: ticket.desiredOutcome,
      supportTypes: ticket.supportTypes.map((s) => s.type),
      items: ticket.items,
      supplier: ticket.supplier,
    },
    contact: await contactOf(actor),
  };
}

/** The forms of a program (before any ticket): the TP's blank ones, or a manufacturer's own company filled in. */
export async function programFormData(actor: Actor, programId: string): Promise<FormData | null> {
  if (actor.role === "monitor") {
    const program = await prisma.program.findFirst({ where: { id: programId, technoparkId: actor.organizationId }, select: PROGRAM_SELECT });
    return program && { program: programOf(program), company: null, ticket: null, contact: null };
  }
  if (actor.role !== "manufacturer") return null;
  const [program, company] = await Promise.all([
    prisma.program.findUnique({ where: { id: programId }, select: PROGRAM_SELECT }),
    prisma.organization.findUnique({ where: { id: actor.organizationId }, select: COMPANY_SELECT }),
  ]);
  // a manufacturer may apply only to a program of its own region (공고: 경기도 소재 기업): another's forms are not for it
  if (!program || !company || program.region !== company.region) return null;
  return { program: programOf(program), company: companyOf(company), ticket: null, contact: await contactOf(actor) };
}
