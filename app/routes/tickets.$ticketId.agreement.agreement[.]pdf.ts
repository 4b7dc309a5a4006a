// 협약서 (PDF): the agreement's exact text, consents and figures; a draft is marked "초안" (ADR 035).
import { readAgreementPdf } from "~/models/document-pdf.server";
import { draftMarker, renderAgreementPdf } from "~/pdf/agreement-pdf.server";
import { pdfDownloadLoader } from "~/pdf/download.server";

export const loader = pdfDownloadLoader({
  doc: "agreement",
  read: readAgreementPdf,
  render: renderAgreementPdf,
  name: (data) => `협약서${data.concluded ? "" : `_${draftMarker(data).replace(/[ ()]+/g, "")}`}_${data.head.number}`,
});
