// Application documents (신청서류) of a ticket: the checklist for the company's
// eligibility basis, uploads of several files at once (ADR 037) checked by content and
// recorded all or nothing in one transaction with the ticket's version, and deletion while drafting.
import { prisma } from "~/db.server";
import type { Actor } from "~/auth/actor";
import {
  DOCUMENT_KIND_LABELS,
  DomainError,
  certificateStatus,
  certificateValidUntil,
  isDomainError,
  josa,
  seoulDate,
  type DocumentKind,
  type IsoDate,
} from "~/domain";
import { DOCUMENT_UPLOAD_LIMIT, isCertificateKind } from "~/domain/document-upload";
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
    const certificate = isCertificateKind(d.kind);
    return {
      ...d,
      // shown only where a rule reads it (an older row of another kind may still carry one)
      issuedOn: certificate ? d.issuedOn : null,
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

export type DocumentUpload = { kind: DocumentKind; issuedOn: IsoDate | null; fiscalYear: number | null; file: File };

/** A refusal of one file of an upload: `index` is its place among the files sent, its name is in the message. */
export class DocumentRowError extends DomainError {
  readonly index: number;
  constructor(index: number, code: string, message: string) {
    super(code, message);
    this.index = index;
  }
}

/** How a document is named in summaries: its kind, with the fiscal year of statements. */
function documentLabel(input: Pick<DocumentUpload, "kind" | "fiscalYear">): string {
  const year = input.kind === "financial_statements" && input.fiscalYear ? ` (${input.fiscalYear}년)` : "";
  return `${DOCUMENT_KIND_LABELS[input.kind]}${year}`;
}

const NOTHING_STORED = "아무 서류도 올리지 않았습니다.";

/** The count and what each kind needs, checked before any byte is stored (the date only for certificates). */
function checkUploads(inputs: readonly DocumentUpload[]) {
  if (inputs.length === 0) throw new DomainError("upload_none", "올릴 파일을 하나 이상 선택해 주세요.");
  if (inputs.length > DOCUMENT_UPLOAD_LIMIT) {
    throw new DomainError("upload_too_many", `서류는 한 번에 ${DOCUMENT_UPLOAD_LIMIT}개까지 올릴 수 있습니다. 나누어 올려 주세요.`);
  }
  inputs.forEach((input, index) => {
    const name = `‘${input.file.name}’`;
    if (input.kind === "financial_statements" && input.fiscalYear === null) {
      throw new DocumentRowError(index, "fiscal_year_missing", `${name}: 재무제표는 회계연도를 입력해 주세요. ${NOTHING_STORED}`);
    }
    if (isCertificateKind(input.kind) && input.issuedOn === null) {
      const label = josa(DOCUMENT_KIND_LABELS[input.kind], "은", "는");
      throw new DocumentRowError(index, "issued_on_missing", `${name}: ${label} 발행일을 입력해 주세요. ${NOTHING_STORED}`);
    }
  });
}

/** Checks and stores every file (by content), or none: a refusal names the file and removes what was stored before it. */
async function saveUploads(inputs: readonly DocumentUpload[]): Promise<SavedFile[]> {
  const saved: SavedFile[] = [];
  try {
    for (const [index, input] of inputs.entries()) {
      try {
        saved.push(await saveUpload(input.file));
      } catch (error) {
        if (!isDomainError(error)) throw error;
        throw new DocumentRowError(index, error.code, `‘${input.file.name}’: ${error.message} ${NOTHING_STORED}`);
      }
    }
    return saved;
  } catch (error) {
    await Promise.all(saved.map((f) => discardSavedFile(f)));
    throw error;
  }
}

/**
 * Several documents in one upload (ADR 037), all or nothing: each file is checked by content and
 * stored outside the transaction, then every document is recorded in ONE ticket change (one
 * version, one audit line, one live update); if anything is refused, every stored byte is removed.
 * The issue date is kept only for the 3-month certificates and the fiscal year only for financial
 * statements: a value sent for another kind is not stored.
 */
export async function uploadDocuments(actor: Actor, ticketId: string, expectedVersion: number, inputs: readonly DocumentUpload[]) {
  checkUploads(inputs);
  const files = await saveUploads(inputs);
  try {
    return await changeTicket(actor, {
      ticketId,
      action: "document.upload",
      expectedVersion,
      roles: ["manufacturer"],
      states: ["draft"],
      stateMessage: "신청서를 제출한 뒤에는 서류를 올릴 수 없습니다.",
      apply: async (tx, facts) => {
        const documentIds: string[] = [];
        for (const [index, input] of inputs.entries()) {
          const file = await recordStoredFile(tx, actor, files[index]);
          const doc = await tx.applicationDocument.create({
            data: {
              ticketId: facts.id,
              kind: input.kind,
              issuedOn: isCertificateKind(input.kind) ? input.issuedOn : null,
              fiscalYear: input.kind === "financial_statements" ? input.fiscalYear : null,
              fileId: file.id,
              attachedAtApplication: facts.state === "draft",
              uploadedById: actor.userId,
            },
            select: { id: true },
          });
          documentIds.push(doc.id);
        }
        const labels = inputs.map(documentLabel).join(", ");
        return {
          summary: inputs.length === 1 ? `서류를 올렸습니다: ${labels}` : `서류 ${inputs.length}건을 올렸습니다: ${labels}`,
          data: { documentIds },
        };
      },
    });
  } catch (error) {
    await Promise.all(files.map((f) => discardSavedFile(f)));
    throw error;
  }
}

/** One document (a single upload, as model tests and fixtures make it): {@link uploadDocuments} with one file. */
export function uploadDocument(actor: Actor, ticketId: string, expectedVersion: number, input: DocumentUpload) {
  return uploadDocuments(actor, ticketId, expectedVersion, [input]);
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
