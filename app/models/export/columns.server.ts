// The columns of the monitor's exports (CSV and XLSX alike): header, kind, width and how a
// value is read from an ExportRow.
import { STATE_LABELS, SUPPORT_TYPE_LABELS, isSupportType, isTicketState, seoulDate } from "~/domain";
import type { ExportRow } from "../export-rows.server";

export type ExportColumn = {
  header: string;
  kind: "text" | "money" | "date";
  width: number;
  value: (r: ExportRow) => string | number | null;
};

/** A label per stored value, computed once (an export repeats a handful of values 100,000 times). */
export function memo(compute: (key: string) => string): (key: string) => string {
  const cache = new Map<string, string>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

const stateLabel = memo((state) => (isTicketState(state) ? STATE_LABELS[state] : state));
const supportTypesLabel = memo((codes) =>
  codes
    .split(",")
    .filter(Boolean)
    .map((s) => (isSupportType(s) ? SUPPORT_TYPE_LABELS[s] : s))
    .join(", "),
);

/** The columns of both exports. Dates are ISO dates (Asia/Seoul), money whole won. */
export const EXPORT_COLUMNS: ExportColumn[] = [
  { header: "과제번호", kind: "text", width: 14, value: (r) => r.number },
  { header: "제목", kind: "text", width: 40, value: (r) => r.title },
  { header: "단계", kind: "text", width: 14, value: (r) => stateLabel(r.state) },
  { header: "다음 조치", kind: "text", width: 16, value: (r) => r.nextParties },
  { header: "도입기업", kind: "text", width: 20, value: (r) => r.manufacturerName },
  { header: "공급기업", kind: "text", width: 20, value: (r) => r.supplierName },
  { header: "AS 유형", kind: "text", width: 24, value: (r) => supportTypesLabel(r.supportTypes.join(",")) },
  { header: "신청일", kind: "date", width: 12, value: (r) => (r.submittedAt ? seoulDate(r.submittedAt) : null) },
  { header: "견적금액", kind: "money", width: 14, value: (r) => r.quoteTotal },
  { header: "협약금액", kind: "money", width: 14, value: (r) => r.agreedCost },
  { header: "정부지원금", kind: "money", width: 14, value: (r) => r.subsidy },
  { header: "기업부담금", kind: "money", width: 14, value: (r) => r.companyShare },
  // a plan deadline while its clock runs; stopped ones as history in 지난 제출기한 (ADR 039, as the ticket page)
  { header: "수행계획서 제출기한", kind: "date", width: 14, value: (r) => r.planDueOn },
  { header: "수정 계획서 제출기한", kind: "date", width: 14, value: (r) => r.revisionDueOn },
  { header: "수행 종료일", kind: "date", width: 12, value: (r) => r.windowEndOn },
  { header: "지난 제출기한", kind: "text", width: 48, value: (r) => r.planDeadlines || null },
  { header: "실제 사업비", kind: "money", width: 14, value: (r) => r.actualCost },
  { header: "정산 정부지원금", kind: "money", width: 14, value: (r) => r.settledSubsidy },
  { header: "반환액", kind: "money", width: 12, value: (r) => r.refundDue },
];

export function exportFileName(ext: string, today: string) {
  return `AS-tickets-${today}.${ext}`;
}
