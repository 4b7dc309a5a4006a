// Pieces both of the notice's forms print (ADR 036): the company's facts, blank lines to write on, check boxes,
// the signature block and the addressee. A value the product does not know is never guessed: it is a blank the
// person fills in by hand.
import { formatBusinessNumber } from "~/domain";
import type { FormCompany, FormData } from "~/models/form-templates.server";
import { paragraph, renderPdf, signatures, title, type Pdf } from "../pdf.server";

/** A cell left for handwriting: two lines high, so a pen has room. */
export const BLANK = " \n ";

/** A value, or the blank to write it in. */
export function orBlank(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === "" ? BLANK : String(value);
}

/** "■ text" when ticked, "□ text" when not (Pretendard has both glyphs). */
export function box(ticked: boolean, text: string): string {
  return `${ticked ? "■" : "□"} ${text}`;
}

/** 기업명, 사업자등록번호, 대표자, 소재지, 연락처 — from the profile, or blanks. */
export function companyFacts(company: FormCompany | null): [string, string][] {
  return [
    ["기업명", orBlank(company?.name)],
    ["사업자등록번호", company ? formatBusinessNumber(company.businessNumber) : BLANK],
    ["대표자", orBlank(company?.representative)],
    ["소재지", orBlank(company?.address)],
    ["대표 전화", orBlank(company?.phone)],
  ];
}

/** The person filling it in: the signed-in manufacturer's own name and contacts, else blanks. */
export function contactLine(contact: FormData["contact"]): string {
  if (!contact) return BLANK;
  return [contact.name, contact.phone, contact.email].filter(Boolean).join(" · ");
}

/** The ticket the form belongs to (number and title), when it is a ticket's form. */
export function ticketFacts(data: FormData): [string, string][] {
  return data.ticket ? [["과제", `${data.ticket.number} ${data.ticket.title}`]] : [];
}

/** "2026년 스마트공장 AS지원사업 (경기) · 경기테크노파크 공고 제2026-5호", and the ticket's number if any. */
export function formSubtitle(data: FormData): string {
  const program = `${data.program.name} · ${data.program.noticeNumber}`;
  return data.ticket ? `${program} · 과제번호 ${data.ticket.number}` : program;
}

/** What a copy was filled from, for its title and file name: the ticket's number, else the company, else the program. */
export function formAbout(data: FormData): string {
  return data.ticket?.number ?? data.company?.name ?? data.program.name;
}

/** A form's PDF: its title and the program (and ticket) under it, the note on what to do with it, then `body`. */
export function renderForm(data: FormData, form: { title: string; slot: string }, body: (doc: Pdf) => void): Promise<Buffer> {
  return renderPdf({ title: `${form.title} (${formAbout(data)})`, author: data.program.technoparkName }, (doc) => {
    title(doc, form.title, formSubtitle(data));
    fillNote(doc, data, form.slot);
    body(doc);
  });
}

/** A short line under the title saying what was pre-filled and what to do with the form. */
function fillNote(doc: Pdf, data: FormData, slot: string): void {
  const filled = data.company ? "등록된 기업 정보로 미리 채운 양식입니다. " : "";
  doc.fontSize(9).fillColor("#444444");
  paragraph(doc, `※ ${filled}빈칸을 채우고 서명(날인)한 뒤 스캔하여 제출 서류 「${slot}」로 올려 주세요.`);
  doc.fillColor("black").fontSize(10.5);
}

/** The date to write by hand, the applicant's signature, and the Technopark the form is addressed to. */
export function signAndAddress(doc: Pdf, data: FormData, extra: readonly (readonly [string, string])[] = []): void {
  const company = data.company?.name ?? "                    ";
  const representative = data.company?.representative ?? "            ";
  signatures(doc, [["신청기업", `${company}  대표자 ${representative}`], ...extra], "          년        월        일");
  doc.moveDown(0.5).font("bold").fontSize(13).text(`${data.program.technoparkName} 귀중`, { align: "left" }).font("regular").fontSize(10.5);
}
