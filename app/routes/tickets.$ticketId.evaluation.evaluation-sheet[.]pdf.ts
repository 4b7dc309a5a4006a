// 현장평가표 (PDF): the TP's and the assigned evaluator's score sheet (ADR 035).
import { readEvaluationPdf } from "~/models/document-pdf.server";
import { renderEvaluationPdf } from "~/pdf/evaluation-sheet-pdf.server";
import { pdfDownloadLoader } from "~/pdf/download.server";

export const loader = pdfDownloadLoader({
  doc: "evaluation",
  read: readEvaluationPdf,
  render: renderEvaluationPdf,
  name: (data) => `현장평가표_${data.head.number}`,
});
