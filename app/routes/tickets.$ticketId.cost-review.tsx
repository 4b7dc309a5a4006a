// 원가적정성 검토: the monitor enters the cost-accounting result (the reference example of a
// ticket step: requireTicketStep in the loader, ticketStepAction, useStepForm + StepForm).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ROW_LIMITS, agreementAmounts, formatKRW, formatKoreanDate, isIsoDate, planChangeDueDate } from "~/domain";
import { getCostReviewData, recordCostReview } from "~/models/monitor-steps.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, MoneyField, StepForm, TextareaField, moneyDefault, typedWon, useStepForm } from "~/components/step-form";
import { AmountsFacts, Reasons, Section, refusalOf } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "원가적정성 검토" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const data = await getCostReviewData(actor, ticketId, today);
  invariantResponse(data);
  return { today, ...data };
}

const Schema = z.object({
  version: fields.version,
  verifiedAmount: fields.money("원가검증금액"),
  resultOn: fields.isoDate("검토 결과일"),
  note: fields.optionalText("검토 의견", 2000),
  planChangeRequired: fields.checkbox,
  /** optional verified amount per quote line, by line id */
  lines: z
    .array(z.object({ id: fields.id, amount: z.string().max(40).optional() }))
    .max(ROW_LIMITS.quoteLines)
    .optional()
    .transform((rows, ctx) => {
      const amounts: Record<string, number> = {};
      for (const [i, row] of (rows ?? []).entries()) {
        if (!row.amount?.trim()) continue;
        const parsed = fields.money("항목별 원가검증금액").safeParse(row.amount);
        if (!parsed.success) {
          ctx.addIssue({ code: "custom", path: [i, "amount"], message: parsed.error.issues[0]?.message ?? "금액을 확인해 주세요." });
          continue;
        }
        amounts[row.id] = parsed.data;
      }
      return amounts;
    }),
});

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) =>
    recordCostReview(actor, {
      ticketId,
      expectedVersion: value.version,
      today,
      verifiedAmount: value.verifiedAmount,
      lineAmounts: value.lines,
      note: value.note,
      resultOn: value.resultOn,
      planChangeRequired: value.planChangeRequired,
    }),
  done: "원가적정성 검토 결과를 입력했습니다.",
});

export default function CostReviewPage() {
  const { today, params, quote, reviews, amounts, actions, version } = useLoaderData<typeof loader>();
  const refusal = refusalOf(actions, "record_cost_review");
  const { fields: f, props } = useStepForm({
    id: "cost-review",
    schema: Schema,
    version,
    reply: useActionData<typeof action>(),
    defaultValue: {
      resultOn: today,
      lines: quote?.lines.map((l) => ({ id: l.id, amount: moneyDefault(l.verifiedAmount) })) ?? [],
    },
  });
  const lineFields = f.lines.getFieldList();
  const verified = typedWon(f.verifiedAmount.value);
  const preview = quote && verified !== null ? agreementAmounts({ quoteTotal: quote.total, verifiedAmount: verified }, params) : null;
  const change = f.planChangeRequired.value === "on";
  const resultOn = f.resultOn.value;
  const latest = reviews[0];
  return (
    <>
      {latest && amounts ? (
        <Section title="입력된 검토 결과" id="done-h">
          <dl className="facts" data-testid="cost-result">
            <dt>견적금액</dt>
            <dd>{formatKRW(latest.quoteTotal)}</dd>
            <dt>원가검증금액</dt>
            <dd>{formatKRW(latest.verifiedAmount)}</dd>
            <AmountsFacts amounts={amounts} />
            <dt>결과일</dt>
            <dd>{formatKoreanDate(latest.resultOn)}</dd>
            {latest.planChangeRequired && latest.revisionDueOn ? (
              <>
                <dt>수정 수행계획서 제출기한</dt>
                <dd>{formatKoreanDate(latest.revisionDueOn)}</dd>
              </>
            ) : null}
            {latest.note ? (
              <>
                <dt>의견</dt>
                <dd>{latest.note}</dd>
              </>
            ) : null}
          </dl>
        </Section>
      ) : null}
      {!quote ? (
        <p className="form-error">공급기업의 견적이 없습니다.</p>
      ) : (
        <StepForm {...props}>
          <h2 style={{ marginTop: 0 }}>검토 결과 입력 (견적 제{quote.version}판)</h2>
          <div className="table-wrap" tabIndex={0} role="region" aria-label="견적 항목별 원가검증 금액">
            <table className="responsive">
              <thead>
                <tr>
                  <th>항목</th>
                  <th className="num">견적 금액</th>
                  <th>원가검증 금액 (선택)</th>
                </tr>
              </thead>
              <tbody>
                {quote.lines.map((l, i) => {
                  const row = lineFields[i]?.getFieldset();
                  return (
                    <tr key={l.id}>
                      <td data-label="항목">
                        <label htmlFor={row?.amount.id} style={{ fontWeight: 400 }}>
                          {l.description}
                        </label>{" "}
                        <span className="muted">
                          {l.quantity} × {formatKRW(l.unitPrice)}
                        </span>
                        {row ? <input type="hidden" name={row.id.name} value={l.id} /> : null}
                      </td>
                      <td className="num" data-label="견적 금액">
                        {formatKRW(l.amount)}
                      </td>
                      <td data-label="원가검증 금액">
                        {row ? (
                          <MoneyField meta={row.amount} label={<span className="visually-hidden">원가검증 금액</span>} className="" />
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
                <tr>
                  <td data-label="항목">
                    <strong>합계</strong>
                  </td>
                  <td className="num" data-label="견적금액" data-testid="quote-total">
                    {formatKRW(quote.total)}
                  </td>
                  <td />
                </tr>
              </tbody>
            </table>
          </div>
          <div className="grid-2" style={{ marginTop: "1rem" }}>
            <MoneyField meta={f.verifiedAmount} label="원가검증금액 (원)" />
            <Field meta={f.resultOn} label="검토 결과일" type="date" />
          </div>
          <TextareaField meta={f.note} label="검토 의견" rows={3} />
          <div className="field inline">
            <input
              id={f.planChangeRequired.id}
              name={f.planChangeRequired.name}
              type="checkbox"
              defaultChecked={f.planChangeRequired.initialValue === "on"}
            />
            <label htmlFor={f.planChangeRequired.id}>수행계획서 변경 필요 ({params.revisionDueDays}일 이내 수정 제출)</label>
          </div>
          {change && typeof resultOn === "string" && isIsoDate(resultOn) ? (
            <p className="muted">수정 수행계획서 제출기한: {formatKoreanDate(planChangeDueDate(today, params, resultOn))}</p>
          ) : null}
          {preview ? (
            <dl className="facts card" data-testid="amounts-preview" aria-live="polite">
              <AmountsFacts amounts={preview} />
            </dl>
          ) : null}
          <button type="submit" disabled={Boolean(refusal)}>
            검토 결과 저장
          </button>
          <Reasons reasons={refusal} />
        </StepForm>
      )}
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
