import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatKRW, formatKoreanDate } from "~/domain";
import { getPaymentData, recordPayment } from "~/models/monitor-steps.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { FieldError, Reasons, Section, StepHeading, StepMessage, refusalOf, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "사업비 지급 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const [data, assessment] = await Promise.all([getPaymentData(actor, header.id), getTicketAssessment(actor, header.id, today)]);
  if (!data || !assessment) notFound();
  return { ticket: header, today, ...data, actions: assessment.actions };
}

const Schema = z.object({ version: fields.version, amount: fields.money("지급액"), paidOn: fields.isoDate("지급일"), note: fields.optionalText("비고", 500) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    await recordPayment(actor, { ticketId, expectedVersion: parsed.data.version, today, ...parsed.data });
    return done(request, "payment");
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function PaymentPage() {
  const { ticket, today, agreement, payments, actions } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const refusal = refusalOf(actions, "record_payment");
  return (
    <>
      <StepHeading ticket={ticket} title="사업비 지급" today={today} />
      <StepMessage result={result} />
      <div className="grid-2">
        <Section title="협약 내용" id="agr-h">
          {agreement ? (
            <dl className="facts">
              <dt>협약금액</dt>
              <dd>{formatKRW(agreement.agreedCost)}</dd>
              <dt>정부지원금</dt>
              <dd>{formatKRW(agreement.subsidy)}</dd>
              <dt>기업부담금</dt>
              <dd>{formatKRW(agreement.companyShare)}</dd>
              <dt>사업기간</dt>
              <dd>
                {formatKoreanDate(agreement.startOn)} ~ {formatKoreanDate(agreement.endOn)}
              </dd>
            </dl>
          ) : (
            <p className="muted">협약 전입니다.</p>
          )}
          {payments.length ? (
            <>
              <h3>지급 내역</h3>
              <ul data-testid="payments">
                {payments.map((p) => (
                  <li key={p.id}>
                    {formatKoreanDate(p.paidOn)} · {formatKRW(p.amount)}
                    {p.note ? ` · ${p.note}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </Section>
        {ticket.state === "agreed" ? (
          <Form method="post" className="card">
            <input type="hidden" name="version" value={ticket.version} />
            <h2 style={{ marginTop: 0 }}>지급 기록</h2>
            <div className="field">
              <label htmlFor="amount">지급액 (원)</label>
              <input id="amount" name="amount" inputMode="numeric" defaultValue={typed(result, "amount", agreement?.subsidy)} />
              <FieldError result={result} name="amount" />
            </div>
            <div className="field">
              <label htmlFor="paidOn">지급일</label>
              <input id="paidOn" name="paidOn" type="date" defaultValue={typed(result, "paidOn", today)} />
              <FieldError result={result} name="paidOn" />
            </div>
            <div className="field">
              <label htmlFor="note">비고</label>
              <input id="note" name="note" defaultValue={typed(result, "note", "정부지원금 지급")} />
            </div>
            <button type="submit" disabled={Boolean(refusal)}>
              지급 기록
            </button>
            <Reasons reasons={refusal} />
          </Form>
        ) : null}
      </div>
    </>
  );
}
