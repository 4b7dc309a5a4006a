import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { agreementAmounts, formatKRW, formatKoreanDate, revisedPlanDueDate, isIsoDate } from "~/domain";
import { getCostReviewData, recordCostReview } from "~/models/monitor-steps.server";
import { done, notFound, stepPage, stepRequest } from "~/models/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, parseWith, readForm } from "~/utils/forms.server";
import { FieldError, Reasons, Section, StepHeading, StepMessage, refusalOf, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "원가적정성 검토 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const data = await getCostReviewData(actor, header.id, today);
  if (!data) notFound();
  return { ticket: header, today, ...data };
}

const Schema = z.object({
  version: fields.version,
  verifiedAmount: fields.money("원가검증금액"),
  resultOn: fields.isoDate("검토 결과일"),
  note: fields.optionalText("검토 의견", 2000),
  planChangeRequired: fields.checkbox,
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema.passthrough(), form);
  if (!parsed.success) return badRequest(parsed.failure);
  // optional per-line amounts: line_<quoteLineId>
  const lineAmounts: Record<string, number> = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("line_") || typeof value !== "string" || value.trim() === "") continue;
    const amount = parseWith(fields.money("항목별 원가검증금액"), value, form);
    if (!amount.success) return badRequest({ ...amount.failure, fieldErrors: { [key]: amount.failure.fieldErrors?._form ?? "금액을 확인해 주세요." } });
    lineAmounts[key.slice(5)] = amount.data;
  }
  const d = parsed.data;
  try {
    await recordCostReview(actor, {
      ticketId,
      expectedVersion: d.version,
      today,
      verifiedAmount: d.verifiedAmount,
      lineAmounts,
      note: d.note,
      resultOn: d.resultOn,
      planChangeRequired: d.planChangeRequired,
    });
    return done(request, "cost_review");
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function CostReviewPage() {
  const { ticket, today, params, quote, reviews, amounts, actions } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const refusal = refusalOf(actions, "record_cost_review");
  const [verified, setVerified] = useState(typed(result, "verifiedAmount"));
  const [resultOn, setResultOn] = useState(typed(result, "resultOn", today));
  const [change, setChange] = useState(typed(result, "planChangeRequired") === "on");
  const verifiedNumber = /^\d+$/.test(verified.replace(/[,\s원]/g, "")) ? Number(verified.replace(/[,\s원]/g, "")) : null;
  const preview = quote && verifiedNumber !== null && Number.isSafeInteger(verifiedNumber) ? agreementAmounts({ quoteTotal: quote.total, verifiedAmount: verifiedNumber }, params) : null;
  return (
    <>
      <StepHeading ticket={ticket} title="원가적정성 검토" today={today} />
      <StepMessage result={result} />
      {reviews.length > 0 && amounts ? (
        <Section title="입력된 검토 결과" id="done-h">
          <dl className="facts" data-testid="cost-result">
            <dt>견적금액</dt>
            <dd>{formatKRW(reviews[0].quoteTotal)}</dd>
            <dt>원가검증금액</dt>
            <dd>{formatKRW(reviews[0].verifiedAmount)}</dd>
            <dt>협약금액</dt>
            <dd>{formatKRW(amounts.agreedCost)}</dd>
            <dt>정부지원금</dt>
            <dd>{formatKRW(amounts.subsidy)}</dd>
            <dt>기업부담금</dt>
            <dd>{formatKRW(amounts.companyShare)}</dd>
            <dt>결과일</dt>
            <dd>{formatKoreanDate(reviews[0].resultOn)}</dd>
            {reviews[0].planChangeRequired && reviews[0].revisionDueOn ? (
              <>
                <dt>수정 수행계획서 제출기한</dt>
                <dd>{formatKoreanDate(reviews[0].revisionDueOn)}</dd>
              </>
            ) : null}
            {reviews[0].note ? (
              <>
                <dt>의견</dt>
                <dd>{reviews[0].note}</dd>
              </>
            ) : null}
          </dl>
        </Section>
      ) : null}
      {!quote ? (
        <p className="form-error">공급기업의 견적이 없습니다.</p>
      ) : (
        <Form method="post" className="card">
          <input type="hidden" name="version" value={ticket.version} />
          <h2 style={{ marginTop: 0 }}>검토 결과 입력 (견적 제{quote.version}판)</h2>
          <div className="table-wrap">
            <table className="responsive">
              <thead>
                <tr>
                  <th>항목</th>
                  <th className="num">견적 금액</th>
                  <th>원가검증 금액 (선택)</th>
                </tr>
              </thead>
              <tbody>
                {quote.lines.map((l) => (
                  <tr key={l.id}>
                    <td data-label="항목">
                      <label htmlFor={`line_${l.id}`} style={{ fontWeight: 400 }}>
                        {l.description}
                      </label>{" "}
                      <span className="muted">
                        {l.quantity} × {formatKRW(l.unitPrice)}
                      </span>
                    </td>
                    <td className="num" data-label="견적 금액">
                      {formatKRW(l.amount)}
                    </td>
                    <td data-label="원가검증 금액">
                      <input id={`line_${l.id}`} name={`line_${l.id}`} inputMode="numeric" defaultValue={typed(result, `line_${l.id}`, l.verifiedAmount)} />
                      <FieldError result={result} name={`line_${l.id}`} />
                    </td>
                  </tr>
                ))}
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
            <div className="field">
              <label htmlFor="verifiedAmount">원가검증금액 (원)</label>
              <input id="verifiedAmount" name="verifiedAmount" inputMode="numeric" value={verified} onChange={(e) => setVerified(e.target.value)} />
              <FieldError result={result} name="verifiedAmount" />
            </div>
            <div className="field">
              <label htmlFor="resultOn">검토 결과일</label>
              <input id="resultOn" name="resultOn" type="date" value={resultOn} onChange={(e) => setResultOn(e.target.value)} />
              <FieldError result={result} name="resultOn" />
            </div>
          </div>
          <div className="field">
            <label htmlFor="note">검토 의견</label>
            <textarea id="note" name="note" rows={3} defaultValue={typed(result, "note")} />
          </div>
          <div className="field inline">
            <input id="planChangeRequired" name="planChangeRequired" type="checkbox" checked={change} onChange={(e) => setChange(e.target.checked)} />
            <label htmlFor="planChangeRequired">수행계획서 변경 필요 ({params.revisionDueDays}일 이내 수정 제출)</label>
          </div>
          {change && isIsoDate(resultOn) ? <p className="muted">수정 수행계획서 제출기한: {formatKoreanDate(revisedPlanDueDate(resultOn, params))}</p> : null}
          {preview ? (
            <dl className="facts card" data-testid="amounts-preview">
              <dt>협약금액</dt>
              <dd>{formatKRW(preview.agreedCost)}</dd>
              <dt>정부지원금</dt>
              <dd>{formatKRW(preview.subsidy)}</dd>
              <dt>기업부담금</dt>
              <dd>{formatKRW(preview.companyShare)}</dd>
            </dl>
          ) : null}
          <button type="submit" disabled={Boolean(refusal)}>
            검토 결과 저장
          </button>
          <Reasons reasons={refusal} />
        </Form>
      )}
    </>
  );
}
