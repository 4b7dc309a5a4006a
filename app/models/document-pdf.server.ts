// Documents out (issue 17, item 1; ADR 035): what each PDF prints, read through the same scoped readers as
// the page it prints (the agreement, completion, evaluation and documents pages), so that a PDF never shows
// another figure than its page. Every reader returns null when the actor may not read the ticket or may not
// download that document (app/domain/document-pdf.ts), and `{ missing }` (a Korean sentence) when the
// document does not exist yet; the routes answer both with a 404, never a 500.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  GRADED_ITEM_KEYS,
  SUITABILITY_CHECK_KEYS,
  SUPPORT_TYPE_LABELS,
  isGrade,
  isSupportType,
  scoreEvaluation,
  type Grade,
  type GradedItemKey,
  type IsoDate,
  type SuitabilityCheckKey,
} from "~/domain";
import { PDF_DOCUMENTS, PDF_DOCUMENT_INFO, mayDownloadPdf, pdfPath, type PdfDocument } from "~/domain/document-pdf";
import { getAgreementPage } from "./agreement.server";
import { getCompletionPage } from "./completion-report.server";
import { getDocumentsPage } from "./documents.server";
import { getEvaluationData } from "./expert-steps.server";
import { getSubmittedApplication } from "./submitted-application.server";
import { visibleTicket } from "./ticket.server";

/** The document, or why it does not exist yet (Korean, shown with the 404). */
export type PdfContent<T> = { data: T; missing?: undefined } | { missing: string; data?: undefined };

/** What a reader gives when the document exists. */
type DataOf<R extends (...args: never[]) => Promise<PdfContent<unknown> | null>> = NonNullable<NonNullable<Awaited<ReturnType<R>>>["data"]>;

const PARTY = { select: { name: true, representative: true, businessNumber: true } } as const;

/** The ticket's heading facts every PDF starts with; null when the actor may not read the ticket. */
async function ticketHead(actor: Actor, ticketId: string) {
  return prisma.ticket.findFirst({
    where: visibleTicket(actor, ticketId),
    select: {
      id: true,
      number: true,
      title: true,
      submittedAt: true,
      program: { select: { name: true, noticeNumber: true, technopark: PARTY } },
      manufacturer: PARTY,
      supplier: PARTY,
    },
  });
}

export type TicketHead = NonNullable<Awaited<ReturnType<typeof ticketHead>>>;

/** The head of a ticket whose `doc` the actor may download, or null. */
async function headFor(actor: Actor, ticketId: string, doc: PdfDocument): Promise<TicketHead | null> {
  return mayDownloadPdf(actor.role, doc) ? ticketHead(actor, ticketId) : null;
}

// ─── 협약서 ────────────────────────────────────────────────────────────────

/**
 * The agreement: the exact text the companies consented to, their consents (who, when), the figures the
 * agreement page shows (the concluded agreement's, with the latest approved change as "변경 n차"), or the
 * draft's when not concluded yet (then the PDF says it is a draft).
 */
export async function readAgreementPdf(actor: Actor, ticketId: string, today: IsoDate) {
  const head = await headFor(actor, ticketId, "agreement");
  const page = head ? await getAgreementPage(actor, ticketId, today) : null;
  if (!head || !page) return null;
  const { draft, agreement, live } = page;
  if (!draft && !agreement) return { missing: "아직 협약안이 작성되지 않아 협약서를 내려받을 수 없습니다." } as const;
  const latest = agreement
    ? await prisma.agreementVersion.findFirst({
        where: { ticketId: head.id },
        orderBy: { version: "desc" },
        select: { version: true, summary: true, createdAt: true },
      })
    : null;
  const counted = new Set([live?.manufacturer?.id, live?.supplier?.id]);
  const data = {
    head,
    concluded: agreement ? { ...agreement, change: latest && latest.version > 1 ? { ...latest, round: latest.version - 1 } : null } : null,
    draft: draft
      ? {
          version: draft.version,
          startOn: draft.startOn,
          baseEndOn: draft.baseEndOn,
          agreedCost: draft.agreedCost,
          subsidy: draft.subsidy,
          companyShare: draft.companyShare,
          startReason: draft.startReason,
          text: draft.text,
          textHash: draft.textHash,
          preparedAt: draft.preparedAt,
          outdated: draft.outdated,
        }
      : null,
    consents: (draft?.consents ?? []).map((c) => ({ party: c.party, name: c.name, at: c.consentedAt, counted: counted.has(c.id) })),
    bothConsented: Boolean(live?.manufacturer && live.supplier),
  };
  return { data } satisfies PdfContent<typeof data>;
}

export type AgreementPdfData = DataOf<typeof readAgreementPdf>;

// ─── 완료보고서 ─────────────────────────────────────────────────────────────

/** The supplier's latest completion report, the work logs summed up, the agreement's period and figures. */
export async function readCompletionPdf(actor: Actor, ticketId: string, today: IsoDate) {
  const head = await headFor(actor, ticketId, "completion");
  const page = head ? await getCompletionPage(actor, ticketId, today) : null;
  if (!head || !page) return null;
  const report = page.completionReports[0];
  if (!report) return { missing: "아직 제출된 완료 보고가 없어 완료보고서를 내려받을 수 없습니다." } as const;
  const [agreement, workLogs] = await Promise.all([
    prisma.agreement.findUnique({
      where: { ticketId: head.id },
      select: { startOn: true, endOn: true, extensionMonths: true, agreedCost: true, subsidy: true, companyShare: true },
    }),
    prisma.workLog.findMany({
      where: { ticketId: head.id },
      orderBy: [{ workedOn: "asc" }, { createdAt: "asc" }],
      select: { workedOn: true, minutes: true, description: true, status: true },
    }),
  ]);
  const data = {
    head,
    report: {
      summary: report.summary,
      results: report.results,
      submittedAt: report.submittedAt,
      authorName: report.authorName,
      attachments: report.attachments.map((a) => a.file.originalName),
    },
    earlierReports: page.completionReports.length - 1,
    agreement,
    workLogs,
  };
  return { data } satisfies PdfContent<typeof data>;
}

export type CompletionPdfData = DataOf<typeof readCompletionPdf>;

// ─── 현장평가표 ─────────────────────────────────────────────────────────────

/** The site evaluation sheet as saved or submitted, scored again by the rules (as the page scores it). */
export async function readEvaluationPdf(actor: Actor, ticketId: string, today: IsoDate) {
  const head = await headFor(actor, ticketId, "evaluation");
  const page = head ? await getEvaluationData(actor, ticketId, today) : null;
  if (!head || !page) return null;
  const { sheet, basis } = page;
  if (!sheet) return { missing: "아직 작성된 현장평가표가 없어 내려받을 수 없습니다." } as const;
  if (!basis) return { missing: "도입기업의 신청자격 구분이 없어 현장평가표를 만들 수 없습니다." } as const;
  const grades: Partial<Record<GradedItemKey, Grade>> = {};
  for (const key of GRADED_ITEM_KEYS) {
    const grade = sheet.grades[key];
    if (isGrade(grade)) grades[key] = grade;
  }
  const checks: Partial<Record<SuitabilityCheckKey, boolean>> = {};
  for (const key of SUITABILITY_CHECK_KEYS) if (key in sheet.checks) checks[key] = sheet.checks[key];
  const result = scoreEvaluation({ basis, grades, checks, certificateAttachedAtApplication: page.bonusEligible }, page.params, "partial");
  const data = { head, sheet, result, passMark: page.params.passMark };
  return { data } satisfies PdfContent<typeof data>;
}

export type EvaluationPdfData = DataOf<typeof readEvaluationPdf>;

// ─── 신청서 요약 ────────────────────────────────────────────────────────────

/** The application as submitted: the company's facts (ADR 018), what it asks for, its documents and their state. */
export async function readApplicationPdf(actor: Actor, ticketId: string, today: IsoDate) {
  const head = await headFor(actor, ticketId, "application");
  if (!head) return null;
  const [application, documents, detail] = await Promise.all([
    getSubmittedApplication(actor, ticketId, today),
    getDocumentsPage(actor, ticketId, today),
    prisma.ticket.findUnique({
      where: { id: head.id },
      select: {
        problem: true,
        desiredOutcome: true,
        supportTypes: { select: { type: true } },
        targetSystem: { select: { name: true, vendorName: true } },
        items: { orderBy: { sortOrder: "asc" }, select: { description: true, supportType: true, quantity: true } },
      },
    }),
  ]);
  if (!application || !documents || !detail) return null;
  if (!head.submittedAt) return { missing: "아직 제출되지 않은 신청서입니다. 제출한 뒤 신청서 요약을 내려받을 수 있습니다." } as const;
  const typeLabel = (type: string) => (isSupportType(type) ? SUPPORT_TYPE_LABELS[type] : type);
  const data = {
    head,
    submittedAt: head.submittedAt,
    application,
    problem: detail.problem,
    desiredOutcome: detail.desiredOutcome,
    supportTypes: detail.supportTypes.map((s) => typeLabel(s.type)),
    targetSystem: detail.targetSystem,
    items: detail.items.map((i) => ({ ...i, supportType: typeLabel(i.supportType) })),
    applicationDate: documents.applicationDate,
    documents: documents.documents.map((d) => ({
      label: d.label,
      fiscalYear: d.fiscalYear,
      issuedOn: d.issuedOn,
      fileName: d.file.originalName,
      attachedAtApplication: d.attachedAtApplication,
      validity: d.validity,
      validUntil: d.validUntil,
    })),
    problems: documents.checklist.problems.map((p) => ({ label: p.label, message: p.message })),
  };
  return { data } satisfies PdfContent<typeof data>;
}

export type ApplicationPdfData = DataOf<typeof readApplicationPdf>;

// ─── The ticket page's links ────────────────────────────────────────────────

export type PdfLink = { doc: PdfDocument; href: string; label: string };

/**
 * The PDFs of a ticket the actor may download and that exist now, for the ticket page's links (the agreement
 * still a draft is named "협약서 초안"). Empty when the actor may not read the ticket.
 */
export async function listTicketPdfs(actor: Actor, ticketId: string): Promise<PdfLink[]> {
  const allowed = PDF_DOCUMENTS.filter((doc) => mayDownloadPdf(actor.role, doc));
  const head = allowed.length ? await ticketHead(actor, ticketId) : null;
  if (!head) return [];
  const id = head.id;
  // only what the documents this person may download need (the evaluator: the sheet)
  const may = (doc: PdfDocument) => allowed.includes(doc);
  const [draft, agreement, report, sheet] = await Promise.all([
    may("agreement") ? prisma.agreementDraft.findUnique({ where: { ticketId: id }, select: { id: true } }) : null,
    may("agreement") ? prisma.agreement.findUnique({ where: { ticketId: id }, select: { id: true } }) : null,
    may("completion") ? prisma.completionReport.findFirst({ where: { ticketId: id }, select: { id: true } }) : null,
    may("evaluation") ? prisma.siteEvaluation.findUnique({ where: { ticketId: id }, select: { id: true } }) : null,
  ]);
  const exists: Record<PdfDocument, boolean> = {
    agreement: Boolean(draft || agreement),
    completion: Boolean(report),
    evaluation: Boolean(sheet),
    application: Boolean(head.submittedAt),
  };
  return allowed
    .filter((doc) => exists[doc])
    .map((doc) => {
      const name = doc === "agreement" && !agreement ? "협약서 초안" : PDF_DOCUMENT_INFO[doc].label;
      return { doc, href: pdfPath(id, doc), label: `${name} (PDF)` };
    });
}
