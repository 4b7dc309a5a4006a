// The supplier's quote lines as they are typed: one row per line (구분, 내용, 수량, 단가) with its
// amount, add / remove buttons (Conform list intents: plain submit buttons without JavaScript),
// the total and the expected 정부지원금 / 기업부담금 from the program's rule (app/domain).
import { getSelectProps, type FieldMetadata, type FormMetadata } from "@conform-to/react";
import {
  QUOTE_LINE_KINDS,
  QUOTE_LINE_KIND_LABELS,
  agreementAmounts,
  bpToPercent,
  formatKRW,
  lineAmount,
  quoteTotal,
  type ProgramParams,
} from "~/domain";
import { Field, FieldError, MoneyField, typedWon } from "~/components/step-form";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the route's form
type AnyForm = FormMetadata<any, string[]>;
export type QuoteLineInput = { kind: string; description: string; quantity: string; unitPrice: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any form holding the rows
type LinesField = FieldMetadata<QuoteLineInput[] | undefined, any, string[]>;

/** A row's amount while it is typed, or null while quantity or unit price is not a whole number (or too big). */
function typedLine(quantity: unknown, unitPrice: unknown): { quantity: number; unitPrice: number } | null {
  const q = typedWon(quantity);
  const p = typedWon(unitPrice);
  return q === null || p === null ? null : { quantity: q, unitPrice: p };
}

/** The rule's amount (app/domain), or null beyond the safe range: the server explains that on save. */
function safely(amount: () => number): number | null {
  try {
    return amount();
  } catch {
    return null;
  }
}

export function QuoteLinesEditor({
  form,
  lines,
  maxRows,
  params,
}: {
  form: AnyForm;
  lines: LinesField;
  maxRows: number;
  params: ProgramParams;
}) {
  const rows = lines.getFieldList();
  const typed = rows.map((row) => {
    const f = row.getFieldset();
    return typedLine(f.quantity.value, f.unitPrice.value);
  });
  const counted = typed.filter((t): t is { quantity: number; unitPrice: number } => t !== null);
  const total = safely(() => quoteTotal(counted));
  const expected = total !== null && total > 0 ? agreementAmounts({ quoteTotal: total, verifiedAmount: null }, params) : null;
  return (
    <div className="rows" role="group" aria-label="견적 항목">
      <div className="row-grid quote row-head" aria-hidden="true">
        <span>구분</span>
        <span>내용</span>
        <span>수량</span>
        <span>단가(원)</span>
        <span style={{ textAlign: "right" }}>금액</span>
      </div>
      {rows.map((row, i) => {
        const f = row.getFieldset();
        const n = i + 1;
        const line = typed[i];
        const amount = line ? safely(() => lineAmount(line)) : null;
        return (
          <div className="row-grid quote" key={row.key} data-row={i}>
            <span className="row-no">{n}번 항목</span>
            <div>
              <label className="sr-only" htmlFor={f.kind.id}>
                {n}번 항목 구분
              </label>
              <select {...getSelectProps(f.kind)} key={f.kind.key}>
                {QUOTE_LINE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {QUOTE_LINE_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
              <FieldError meta={f.kind} />
            </div>
            <Field
              meta={f.description}
              key={f.description.key}
              label={<span className="sr-only">{n}번 항목 내용</span>}
              className=""
              maxLength={200}
            />
            <Field
              meta={f.quantity}
              key={f.quantity.key}
              label={<span className="sr-only">{n}번 항목 수량</span>}
              className=""
              inputMode="numeric"
            />
            <div>
              <MoneyField meta={f.unitPrice} key={f.unitPrice.key} label={<span className="sr-only">{n}번 항목 단가</span>} className="" />
            </div>
            <div className="amount">
              <span data-testid={`line-amount-${i}`} aria-label={`${n}번 항목 금액`}>
                {amount !== null ? formatKRW(amount) : "—"}
              </span>
              {rows.length > 1 ? (
                <button className="secondary" {...form.remove.getButtonProps({ name: lines.name, index: i })} aria-label={`${n}번 항목 삭제`}>
                  삭제
                </button>
              ) : null}
            </div>
          </div>
        );
      })}
      <FieldError meta={lines} />
      {rows.length < maxRows ? (
        <button className="secondary" {...form.insert.getButtonProps({ name: lines.name, defaultValue: { kind: QUOTE_LINE_KINDS[0] } })}>
          행 추가
        </button>
      ) : (
        <p className="muted">견적 항목은 {maxRows}개까지 입력할 수 있습니다.</p>
      )}
      <dl className="facts card" data-testid="quote-preview" aria-live="polite">
        <dt>견적 합계</dt>
        <dd data-testid="typed-total">{total !== null ? formatKRW(total) : "—"}</dd>
        <dt>예상 정부지원금</dt>
        <dd data-testid="expected-subsidy">{expected ? formatKRW(expected.subsidy) : "—"}</dd>
        <dt>예상 기업부담금</dt>
        <dd data-testid="expected-company-share">{expected ? formatKRW(expected.companyShare) : "—"}</dd>
      </dl>
      <p className="muted">
        정부지원금은 견적 합계의 {bpToPercent(params.subsidyRateBp)}%, 최대 {formatKRW(params.subsidyCap)}입니다 (원가적정성 검토 후 확정).
      </p>
    </div>
  );
}
