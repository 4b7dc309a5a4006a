// The parts the four ticket PDFs share (ADR 035): the ticket's heading facts and the line naming who issued
// the document and when, so that every PDF names the ticket and its parties the same way.
import { formatBusinessNumber, formatKoreanDate, type IsoDate } from "~/domain";
import type { TicketHead } from "~/models/document-pdf.server";
import { facts, paragraph, type PdfMeta } from "./pdf.server";

type Party = TicketHead["manufacturer"];

/** "(주)한빛정밀 (대표 김민준, 123-45-67890)". */
export function partyName(party: Party): string {
  return `${party.name} (대표 ${party.representative}, ${formatBusinessNumber(party.businessNumber)})`;
}

/** The PDF's metadata: its title with the ticket number, issued by the program's Technopark. */
export function ticketMeta(head: TicketHead, documentTitle: string): PdfMeta {
  return { title: `${documentTitle} (${head.number})`, author: head.program.technopark.name };
}

/** 과제번호, 과제명, 사업명 (공고번호), 운영기관, 도입기업, 공급기업. */
export function ticketFacts(doc: PDFKit.PDFDocument, head: TicketHead, more: readonly (readonly [string, string])[] = []): void {
  facts(doc, [
    ["과제번호", head.number],
    ["과제명", head.title],
    ["사업명", `${head.program.name} (${head.program.noticeNumber})`],
    ["운영기관", head.program.technopark.name],
    ["도입기업", partyName(head.manufacturer)],
    ["공급기업", partyName(head.supplier)],
    ...more,
  ]);
}

/** The foot line: printed from the product on `today`, not a signed original unless signed. */
export function printedOn(doc: PDFKit.PDFDocument, today: IsoDate): void {
  paragraph(doc, `${formatKoreanDate(today)} AS 트래커에서 출력함.`);
}
