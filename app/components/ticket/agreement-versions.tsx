// The agreement's versions side by side (협약 변경 이력): one column per version — period, figures,
// the quote and plan versions in force, why it changed — with the cells that changed from the version
// before marked; and two quote versions' lines compared (old vs new). Read-only; shown on the 사업변경
// page and the agreement page.
import {
  QUOTE_LINE_KIND_LABELS,
  changedFields,
  formatKRW,
  formatKoreanDate,
  isQuoteLineKind,
  type ComparedLine,
  type VersionField,
  type VersionFigures,
} from "~/domain";

export type AgreementVersionView = VersionFigures & { id: string; version: number; extensionMonths: number; summary: string };

const ROWS: readonly { field: VersionField | "summary"; label: string; show: (v: AgreementVersionView) => string }[] = [
  {
    field: "period",
    label: "기간",
    show: (v) => `${formatKoreanDate(v.startOn)} ~ ${formatKoreanDate(v.endOn)}${v.extensionMonths ? ` (연장 ${v.extensionMonths}개월)` : ""}`,
  },
  { field: "agreedCost", label: "협약금액", show: (v) => formatKRW(v.agreedCost) },
  { field: "subsidy", label: "정부지원금", show: (v) => formatKRW(v.subsidy) },
  { field: "companyShare", label: "기업부담금", show: (v) => formatKRW(v.companyShare) },
  { field: "quoteVersion", label: "견적 버전", show: (v) => (v.quoteVersion ? `${v.quoteVersion}차` : "—") },
  { field: "planVersion", label: "수행계획서 버전", show: (v) => (v.planVersion ? `${v.planVersion}차` : "—") },
  { field: "summary", label: "변경 사유", show: (v) => v.summary },
];

export function AgreementVersions({ versions }: { versions: AgreementVersionView[] }) {
  if (versions.length === 0) return <p className="muted">협약 전입니다.</p>;
  const changed = changedFields(versions);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="협약 버전별 기간과 금액 (표)">
      <table data-testid="agreement-versions">
        <thead>
          <tr>
            <th scope="col">항목</th>
            {versions.map((v) => (
              <th key={v.id} scope="col" data-version={v.version}>
                {v.version}차{v.version === 1 ? " (체결)" : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.field}>
              <th scope="row">{row.label}</th>
              {versions.map((v, i) => {
                const isChanged = row.field !== "summary" && changed[i].includes(row.field);
                return (
                  <td key={v.id} data-field={row.field} data-changed={isChanged ? "true" : undefined}>
                    {isChanged ? (
                      <mark>
                        {row.show(v)}
                        <span className="visually-hidden"> (변경)</span>
                      </mark>
                    ) : (
                      row.show(v)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CHANGE_LABELS: Readonly<Record<ComparedLine["change"], string>> = { same: "동일", changed: "변경", added: "추가", removed: "삭제" };

const cell = (l: ComparedLine["before"]) =>
  l ? `${l.quantity.toLocaleString("ko-KR")} × ${formatKRW(l.unitPrice)} = ${formatKRW(l.amount)}` : "—";

/** Two quote versions' lines compared: 구분, 내용, before, after, what changed. */
export function QuoteLinesCompare({ lines, before, after }: { lines: ComparedLine[]; before: string; after: string }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`견적 비교: ${before} → ${after}`}>
      <table className="responsive" data-testid="quote-compare">
        <thead>
          <tr>
            <th>구분</th>
            <th>내용</th>
            <th className="num">{before}</th>
            <th className="num">{after}</th>
            <th>비교</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={`${l.kind}-${l.description}-${i}`} data-change={l.change}>
              <td data-label="구분">{isQuoteLineKind(l.kind) ? QUOTE_LINE_KIND_LABELS[l.kind] : l.kind}</td>
              <td data-label="내용">{l.description}</td>
              <td className="num" data-label={before}>
                {cell(l.before)}
              </td>
              <td className="num" data-label={after}>
                {cell(l.after)}
              </td>
              <td data-label="비교">{l.change === "same" ? CHANGE_LABELS.same : <mark>{CHANGE_LABELS[l.change]}</mark>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
