// 현장평가표 as a PDF (ADR 035): the suitability checks, the grade and points of every item, the bonus, the
// total against the pass mark and the result, the evaluator and the date, and where the sheet stands
// (작성중, 확인 대기, 확인 완료). Scored by the rules module as the evaluation page scores it.
import { formatKoreanDate, type IsoDate } from "~/domain";
import { koreanDateTime } from "~/domain/questions";
import { type EvaluationPdfData } from "~/models/document-pdf.server";
import { facts, heading, paragraph, renderPdf, signatures, table, title } from "./pdf.server";
import { printedOn, ticketFacts, ticketMeta } from "./document-parts.server";

const TITLE = "스마트공장 AS지원사업 현장평가표";

type Sheet = EvaluationPdfData["sheet"];

/** Where the sheet stands, as the evaluation page says it. */
export function sheetStatus(sheet: Sheet): string {
  if (!sheet.submittedAt) return "작성중 (제출 전)";
  const submitted = `${sheet.submittedByRole === "evaluator" ? "외부전문가" : "운영기관"} ${sheet.submittedByName ?? ""} 제출 (${koreanDateTime(new Date(sheet.submittedAt))})`;
  if (!sheet.confirmedAt) return `확인 대기 — ${submitted}`;
  return `확인 완료 — ${submitted}, 운영기관 ${sheet.confirmedByName ?? ""} 확인 (${koreanDateTime(new Date(sheet.confirmedAt))})`;
}

const holdsText = (holds: boolean | null) => (holds === null ? "미입력" : holds ? "예" : "아니오");

export function renderEvaluationPdf(data: EvaluationPdfData, today: IsoDate): Promise<Buffer> {
  const { head, sheet, result, passMark } = data;
  return renderPdf(ticketMeta(head, TITLE), (doc) => {
    title(doc, TITLE, `과제번호 ${head.number}`);
    ticketFacts(doc, head, [
      ["평가위원", sheet.evaluatorName],
      ["평가일", formatKoreanDate(sheet.evaluatedOn)],
      ["평가표 상태", sheetStatus(sheet)],
    ]);
    heading(doc, "1. 적합성 확인 (하나라도 ‘아니오’이면 부적합)");
    table(
      doc,
      [
        { header: "확인 항목", width: 0.75 },
        { header: "확인", width: 0.25, align: "center" },
      ],
      result.checks.map((c) => [c.label, c.applicable ? holdsText(c.holds) : "해당 없음"]),
    );
    heading(doc, "2. 평가 항목");
    table(
      doc,
      [
        { header: "구분", width: 0.22 },
        { header: "평가 항목", width: 0.4 },
        { header: "등급", width: 0.16, align: "center" },
        { header: "점수", width: 0.22, align: "right" },
      ],
      [
        ...result.items.map((i) => [i.group, i.label, i.gradeLabel ?? "미입력", `${i.points}점 / ${i.max}점`]),
        ["가점", "경기도 유망중소기업 인증", "", `${result.bonus}점`],
      ],
    );
    heading(doc, "3. 평가 결과");
    facts(doc, [
      ["총점", `${result.total}점 / ${result.maxTotal}점`],
      ["선정 기준", `${passMark}점 이상, 부적합 항목 없음`],
      ["평가 결과", result.resultLabel],
      ...(result.unsuitable.length ? [["부적합 사유", result.unsuitable.map((u) => u.message).join(", ")] as [string, string]] : []),
      ...(result.missing.length ? [["미입력", result.missing.join(", ")] as [string, string]] : []),
    ]);
    if (sheet.note) {
      heading(doc, "4. 종합 의견");
      paragraph(doc, sheet.note);
    }
    signatures(doc, [["평가위원", sheet.evaluatorName]], formatKoreanDate(sheet.evaluatedOn));
    printedOn(doc, today);
  });
}
