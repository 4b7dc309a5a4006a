import { describe, expect, it } from "vitest";
import { PDF_DOCUMENTS, mayDownloadPdf, pdfPath, pdfReaders } from "./document-pdf";
import { mayOpenTicketPage, ticketPageOf } from "./expert-access";

describe("documents out: who may download which PDF", () => {
  it("gives the companies and the TP the agreement, the completion report and the application summary", () => {
    expect(pdfReaders("agreement")).toEqual(["manufacturer", "supplier", "monitor"]);
    expect(pdfReaders("completion")).toEqual(["manufacturer", "supplier", "monitor"]);
    expect(pdfReaders("application")).toEqual(["manufacturer", "supplier", "monitor", "evaluator"]);
  });

  it("keeps the score sheet to the TP and the evaluator; the cost agency downloads none of the four", () => {
    expect(pdfReaders("evaluation")).toEqual(["monitor", "evaluator"]);
    expect(PDF_DOCUMENTS.filter((doc) => mayDownloadPdf("cost_agency", doc))).toEqual([]);
    expect(mayDownloadPdf("manufacturer", "evaluation")).toBe(false);
    expect(mayDownloadPdf("supplier", "evaluation")).toBe(false);
  });

  it("puts each PDF under the page it prints, so the expert gate reads the same page as for the page itself", () => {
    expect(pdfPath("t1", "agreement")).toBe("/tickets/t1/agreement/agreement.pdf");
    expect(pdfPath("t1", "application")).toBe("/tickets/t1/documents/application-summary.pdf");
    for (const doc of PDF_DOCUMENTS) {
      const page = ticketPageOf(pdfPath("t1", doc), "t1");
      expect(mayDownloadPdf("evaluator", doc)).toBe(mayOpenTicketPage("evaluator", page));
      expect(mayDownloadPdf("cost_agency", doc)).toBe(mayOpenTicketPage("cost_agency", page));
    }
  });
});
