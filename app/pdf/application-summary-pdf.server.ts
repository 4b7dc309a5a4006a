// 신청서 요약 as a PDF (ADR 035): the application as submitted — the company's facts as the submission
// captured them (ADR 018), what it asks for, its documents with their state, and what is still missing.
import { formatKoreanDate, seoulDate, type IsoDate } from "~/domain";
import { koreanDateTime } from "~/domain/questions";
import { type ApplicationPdfData } from "~/models/document-pdf.server";
import { facts, heading, paragraph, renderPdf, table, title } from "./pdf.server";
import { printedOn, ticketFacts, ticketMeta } from "./document-parts.server";

const TITLE = "스마트공장 AS지원사업 신청서 요약";

type Doc = ApplicationPdfData["documents"][number];

/** A document's state: when it was attached and, for the 3-month certificates, whether it is still valid. */
export function documentState(d: Doc): string {
  const when = d.attachedAtApplication ? "신청 시 제출" : "신청 후 보완 제출";
  if (!d.validity || !d.validUntil) return when;
  const validity =
    d.validity === "valid"
      ? `유효 (${formatKoreanDate(d.validUntil)}까지)`
      : d.validity === "expired"
        ? `기한 경과 (${formatKoreanDate(d.validUntil)}까지 유효)`
        : "신청일 이후 발행";
  return `${when}, ${validity}`;
}

function documentName(d: Doc): string {
  const detail = [d.fiscalYear ? `${d.fiscalYear}년` : null, d.issuedOn ? `발행일 ${formatKoreanDate(d.issuedOn)}` : null].filter(Boolean);
  return detail.length ? `${d.label} (${detail.join(", ")})` : d.label;
}

export function renderApplicationPdf(data: ApplicationPdfData, today: IsoDate): Promise<Buffer> {
  const { head, application } = data;
  return renderPdf(ticketMeta(head, TITLE), (doc) => {
    title(doc, TITLE, `과제번호 ${head.number}`);
    ticketFacts(doc, head, [
      ["제출 일시", koreanDateTime(data.submittedAt)],
      ["신청일", formatKoreanDate(seoulDate(data.submittedAt))],
      ["지원 유형", data.supportTypes.join(", ") || "—"],
      ["대상 시스템", data.targetSystem ? `${data.targetSystem.name} (${data.targetSystem.vendorName})` : "—"],
    ]);
    heading(doc, "1. 신청 내용");
    facts(doc, [
      ["현재 문제", data.problem],
      ["기대 효과", data.desiredOutcome],
    ]);
    heading(doc, "2. 신청 품목");
    table(
      doc,
      [
        { header: "품목", width: 0.6 },
        { header: "지원 유형", width: 0.28 },
        { header: "수량", width: 0.12, align: "right" },
      ],
      data.items.map((i) => [i.description, i.supportType, String(i.quantity)]),
    );
    heading(doc, "3. 기업 정보 (제출 당시)");
    if (!application.captured) paragraph(doc, "이 신청은 제출 당시의 회사 정보를 보관하기 전에 접수되어, 현재 회사 정보를 표시합니다.");
    facts(doc, [["공급기업", application.supplierName], ...application.fields.map((f): [string, string] => [f.label, f.value])]);
    heading(doc, "4. 제출 서류");
    if (data.documents.length) {
      table(
        doc,
        [
          { header: "서류", width: 0.38 },
          { header: "파일", width: 0.3 },
          { header: "상태", width: 0.32 },
        ],
        data.documents.map((d) => [documentName(d), d.fileName, documentState(d)]),
      );
    } else paragraph(doc, "제출된 서류가 없습니다.");
    if (data.problems.length) {
      heading(doc, "5. 미비 서류");
      table(
        doc,
        [
          { header: "서류", width: 0.35 },
          { header: "사유", width: 0.65 },
        ],
        data.problems.map((p) => [p.label, p.message]),
      );
    }
    printedOn(doc, today);
  });
}
