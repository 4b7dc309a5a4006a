// 완료보고서 (PDF): the supplier's latest completion report with the work logs summed up (ADR 035).
import { readCompletionPdf } from "~/models/document-pdf.server";
import { renderCompletionPdf } from "~/pdf/completion-report-pdf.server";
import { pdfDownloadLoader } from "~/pdf/download.server";

export const loader = pdfDownloadLoader({
  doc: "completion",
  read: readCompletionPdf,
  render: renderCompletionPdf,
  name: (data) => `완료보고서_${data.head.number}`,
});
