// 신청서 요약 (PDF): the application as submitted, its items and documents (ADR 035).
import { readApplicationPdf } from "~/models/document-pdf.server";
import { renderApplicationPdf } from "~/pdf/application-summary-pdf.server";
import { pdfDownloadLoader } from "~/pdf/download.server";

export const loader = pdfDownloadLoader({
  doc: "application",
  read: readApplicationPdf,
  render: renderApplicationPdf,
  name: (data) => `신청서요약_${data.head.number}`,
});
