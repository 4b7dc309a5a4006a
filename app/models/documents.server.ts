// Application documents (신청서류) of a ticket: the checklist for the company's
// eligibility basis, uploads checked by content and recorded in one
// transaction with the ticket's version, and deletion while drafting.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  CERTIFICATE_KINDS,
  DOCUMENT_KIND_LABELS,
  DomainError,
  certificateStatus,
  certificateValidUntil,
  seoulDate,
  type DocumentKind,
  type IsoDate,
} from "~/domain";
import { discardSavedFile, recordStoredFile, releaseStoredFiles, removeStoredBytes, saveUpload, type SavedFile } from "./files.server";
import { getTicketAssessment, ticketScope } from "./ticket.server";
import { changeTicket } from "./workflow.server";

/** The documents page: checklist, eligibility and the uploaded files of a ticket the actor can read. */
export async function getDocumentsPage(actor: Actor, ticketId: string, today: IsoDate) {
  const assessment = await getTicketAssessment(actor, ticketId, today);
  if (!assessment) return null;
  const { facts, params } = assessment;
  const docs = await prisma.applicationDocument.findMany({
    where: { ticketId: facts.id, ticket: ticketScope(actor) },
    orderBy: [{ kind: "asc" }, { issuedOn: "desc" }],
    select: {
      id: true,
      kind: true,
      fiscalYear: true,
      issuedOn: true,
      attachedAtApplication: true,
      createdAt: true,
      file: { select: { id: true, originalName: true, size: true, mimeType: true } },
    },
  });
  // 3-month validity is measured on the application date: submission, or today while drafting.
  const applicationDate = facts.submittedAt && facts.state !== "draft" ? seoulDate(facts.submittedAt) : today;
  const documents = docs.map((d) => {
    const certificate = (CERTIFICATE_KINDS as readonly string[]).includes(d.kind);
    return {
      ...d,
      label: DOCUMENT_KIND_LABELS[d.kind as DocumentKind] ?? d.kind,
      validUntil: certificate && d.issuedOn ? certificateValidUntil(d.issuedOn, params) : null,
      validity: certificate && d.issuedOn ? certificateStatus(d.issuedOn, applicationDate, params) : null,
    };
  });
  return {
    ticket: {
      id: facts.id,
      number: facts.number,
      title: facts.title,
      state: facts.state,
      version: facts.version,
      // as the rules read it: as submitted once submitted (ADR 018)
      basis: assessment.applicant.eligibilityBasis,
    },
    applicationDate,
    checklist: assessment.checklist,
    eligibility: assessment.eligibility,
    canEdit: actor.role === "manufacturer" && facts.state === "draft",
    canSubmit: assessment.actions.some((a) => a.action === "submit" && a.allowed),
    documents,
  };
}

export type DocumentUpload = { kind: DocumentKind; issuedOn: IsoDate; fiscalYear: number | null; file: File };

/**
 * Checks and stores the file (outside the transaction), then records it with the
 * document row in one ticket change; if the change is refused, the stored bytes are removed.
 */
export async function uploadDocument(actor: Actor, ticketId: string, expectedVersion: number, input: DocumentUpload) {
  if (input.kind === "financial_statements" && input.fiscalYear === null) {
    throw new DomainError("fiscal_year_missing", "재무제표는 회계연도를 입력해 주세요.");
  }
  let saved: SavedFile | null = null;
  try {
    saved = await saveUpload(input.file);
    const stored = saved;
    return await changeTicket(actor, {
      ticketId,
      action: "document.upload",
      expectedVersion,
      roles: ["manufacturer"],
      states: ["draft"],
      stateMessage: "신청서를 제출한 뒤에는 서류를 올릴 수 없습니다.",
      apply: async (tx, facts) => {
        const file = await recordStoredFile(tx, actor, stored);
        const doc = await tx.applicationDocument.create({
          data: {
            ticketId: facts.id,
            kind: input.kind,
            issuedOn: input.issuedOn,
            fiscalYear: input.kind === "financial_statements" ? input.fiscalYear : null,
            fileId: file.id,
            attachedAtApplication: facts.state === "draft",
            uploadedById: actor.userId,
          },
          select: { id: true },
        });
        return {
          summary: `서류를 올렸습니다: ${DOCUMENT_KIND_LABELS[input.kind]}${input.fiscalYear && input.kind === "financial_statements" ? ` (${input.fiscalYear}년)` : ""}`,
          data: { documentId: doc.id, fileId: file.id },
        };
      },
    });
  } catch (error) {
    await discardSavedFile(saved);
    throw error;
  }
}

/**
 * Removes a document while the ticket is a draft (a replaced document is removed this way too); its
 * stored file goes with it, row in the same transaction and bytes after the commit, unless another
 * record still uses it.
 */
export async function deleteDocument(actor: Actor, ticketId: string, expectedVersion: number, documentId: string) {
  let released: string[] = [];
  const result = await changeTicket(actor, {
    ticketId,
    action: "document.delete",
    expectedVersion,
    roles: ["manufacturer"],
    states: ["draft"],
    stateMessage: "신청서를 제출한 뒤에는 서류를 삭제할 수 없습니다.",
    apply: async (tx, facts) => {
      const doc = await tx.applicationDocument.findFirst({
        where: { id: documentId, ticketId: facts.id },
        select: { id: true, kind: true, fileId: true },
      });
      if (!doc) throw new DomainError("document_missing", "이미 삭제되었거나 없는 서류입니다. 새로고침해 주세요.");
      await tx.applicationDocument.delete({ where: { id: doc.id } });
      released = await releaseStoredFiles(tx, [doc.fileId]);
      return { summary: `서류를 삭제했습니다: ${DOCUMENT_KIND_LABELS[doc.kind as DocumentKind] ?? doc.kind}` };
    },
  });
  await removeStoredBytes(released);
  return result;
}

/** What the documents page shows (the route's loader adds nothing to it but the accepted file kinds). */
export type DocumentsPage = NonNullable<Awaited<ReturnType<typeof getDocumentsPage>>>;
