// 완료보고서 as a PDF (ADR 035): the supplier's latest completion report (what was done, the results, its
// attachments), the work logs summed up and listed, and the agreement's period and figures.
import { WORK_LOG_STATUS_LABELS, formatKRW, formatKoreanDate, isWorkLogStatus, type IsoDate } from "~/domain";
import { koreanDateTime } from "~/domain/questions";
import { type CompletionPdfData } from "~/models/document-pdf.server";
import { hoursOf } from "~/components/ticket/work-log-list";
import { facts, heading, paragraph, renderPdf, table, title } from "./pdf.server";
import { printedOn, ticketFacts, ticketMeta } from "./document-parts.server";

const TITLE = "스마트공장 AS지원사업 완료보고서";

type Logs = CompletionPdfData["workLogs"];

/** 작업일지 n건 (확인 m건), 총 h시간, first ~ last. */
export function workLogSummary(logs: Logs): string {
  if (!logs.length) return "작업일지 없음";
  const confirmed = logs.filter((l) => l.status === "confirmed").length;
  const minutes = logs.reduce((sum, l) => sum + l.minutes, 0);
  const period = `${formatKoreanDate(logs[0].workedOn)} ~ ${formatKoreanDate(logs[logs.length - 1].workedOn)}`;
  return `작업일지 ${logs.length}건 (도입기업 확인 ${confirmed}건), 총 ${hoursOf(minutes)}시간, 작업일 ${period}`;
}

function agreementRows(agreement: CompletionPdfData["agreement"]): [string, string][] {
  if (!agreement) return [["협약", "체결된 협약 없음"]];
  const extension = agreement.extensionMonths ? ` (${agreement.extensionMonths}개월 연장)` : "";
  return [
    ["사업기간", `${formatKoreanDate(agreement.startOn)} ~ ${formatKoreanDate(agreement.endOn)}${extension}`],
    ["협약금액 (총사업비)", formatKRW(agreement.agreedCost)],
    ["정부지원금", formatKRW(agreement.subsidy)],
    ["기업부담금", formatKRW(agreement.companyShare)],
  ];
}

export function renderCompletionPdf(data: CompletionPdfData, today: IsoDate): Promise<Buffer> {
  const { head, report, workLogs } = data;
  return renderPdf(ticketMeta(head, TITLE), (doc) => {
    title(doc, TITLE, `과제번호 ${head.number}`);
    ticketFacts(doc, head, [
      ["보고일", koreanDateTime(report.submittedAt)],
      ["작성자", `공급기업 ${report.authorName ?? "—"}`],
      ...(data.earlierReports ? [["이전 보고", `${data.earlierReports}건 (이 문서는 가장 최근 보고)`] as [string, string]] : []),
    ]);
    heading(doc, "사업기간 및 사업비");
    facts(doc, agreementRows(data.agreement));
    heading(doc, "1. 수행 내용");
    paragraph(doc, report.summary);
    heading(doc, "2. 수행 결과");
    paragraph(doc, report.results);
    heading(doc, "3. 작업일지 요약");
    paragraph(doc, workLogSummary(workLogs));
    if (workLogs.length) {
      table(
        doc,
        [
          { header: "작업일", width: 0.2 },
          { header: "시간", width: 0.1, align: "right" },
          { header: "작업 내용", width: 0.53 },
          { header: "확인", width: 0.17 },
        ],
        workLogs.map((l) => [
          formatKoreanDate(l.workedOn),
          hoursOf(l.minutes),
          l.description,
          isWorkLogStatus(l.status) ? WORK_LOG_STATUS_LABELS[l.status] : l.status,
        ]),
      );
    }
    heading(doc, "4. 첨부 파일");
    paragraph(doc, report.attachments.length ? report.attachments.map((name, i) => `${i + 1}. ${name}`).join("\n") : "첨부 파일 없음");
    printedOn(doc, today);
  });
}
