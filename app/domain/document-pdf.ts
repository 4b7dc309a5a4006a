// Documents out (issue 17, item 1; ADR 035): the four PDFs a ticket gives, where each is downloaded and who
// may download it. Each PDF lives under the page it prints (/tickets/<id>/<page>/<file>.pdf), so the experts'
// page list (EXPERT_PAGES) decides for them exactly as for the page itself: the evaluator gets the application
// summary (page "documents") and its sheet (page "evaluation"), the cost agency none of the four (it opens
// neither page). The companies read every page but the score sheet, which stays the TP's and the
// evaluator's record (the product shows the companies no scores). Pure: no I/O.
import { mayOpenTicketPage } from "./expert-access";
import { ROLES, isExpertRole, type Role } from "./labels";

export const PDF_DOCUMENTS = ["agreement", "completion", "evaluation", "application"] as const;
export type PdfDocument = (typeof PDF_DOCUMENTS)[number];

export const PDF_DOCUMENT_INFO: Readonly<Record<PdfDocument, { label: string; page: string; file: string }>> = {
  agreement: { label: "협약서", page: "agreement", file: "agreement.pdf" },
  completion: { label: "완료보고서", page: "completion", file: "completion-report.pdf" },
  evaluation: { label: "현장평가표", page: "evaluation", file: "evaluation-sheet.pdf" },
  application: { label: "신청서 요약", page: "documents", file: "application-summary.pdf" },
};

/** The download's address: /tickets/<id>/agreement/agreement.pdf. */
export function pdfPath(ticketId: string, doc: PdfDocument): string {
  const { page, file } = PDF_DOCUMENT_INFO[doc];
  return `/tickets/${ticketId}/${page}/${file}`;
}

/** Whether `role` may download `doc` of a ticket it reads (the ticket's scope is the model's to check). */
export function mayDownloadPdf(role: Role, doc: PdfDocument): boolean {
  if (isExpertRole(role)) return mayOpenTicketPage(role, PDF_DOCUMENT_INFO[doc].page);
  return doc !== "evaluation" || role === "monitor";
}

/** The roles that may download `doc` (the download route's `roles`: others get the 404 of a foreign ticket). */
export function pdfReaders(doc: PdfDocument): Role[] {
  return ROLES.filter((role) => mayDownloadPdf(role, doc));
}
