import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { executionWindow, formatKRW, formatKoreanDate, isIsoDate } from "~/domain";
import { getAgreementData, signAgreement } from "~/models/monitor-steps.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { FieldError, Reasons, Section, StepHeading, StepMessage, refusalOf, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "협약 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const data = await getAgreementData(actor, header.id, today);
  if (!data) notFound();
  return { ticket: header, today, ...data };
}

const Schema = z.object({ version: fields.version, startOn: fields.isoDate("사업 시작일") });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    await signAgreement(actor, { ticketId, expectedVersion: parsed.data.version, today, startOn: parsed.data.startOn });
    return done(request, "agreement");
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function AgreementPage() {
  const { ticket, today, params, review, agreement, amounts, actions } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const refusal = refusalOf(actions, "sign_agreement");
  const [startOn, setStartOn] = useState(typed(result, "startOn", today));
  const period = isIsoDate(startOn) ? executionWindow(startOn, 0, params) : null;
  return (
    <>
      <StepHeading ticket={ticket} title="협약" today={today} />
      <StepMessage result={result} />
      {agreement ? (
        <Section title="체결된 협약" id="agreement-h">
          <dl className="facts" data-testid="agreement">
            <dt>사업기간</dt>
            <dd>
              {formatKoreanDate(agreement.startOn)} ~ {formatKoreanDate(agreement.endOn)}
              {agreement.extensionMonths ? ` (${agreement.extensionMonths}개월 연장)` : ""}
            </dd>
            <dt>협약금액 (총사업비)</dt>
            <dd>{formatKRW(agreement.agreedCost)}</dd>
            <dt>정부지원금</dt>
            <dd>{formatKRW(agreement.subsidy)}</dd>
            <dt>기업부담금</dt>
            <dd>{formatKRW(agreement.companyShare)}</dd>
          </dl>
        </Section>
      ) : (
        <Form method="post" className="card">
          <input type="hidden" name="version" value={ticket.version} />
          <h2 style={{ marginTop: 0 }}>협약 체결</h2>
          <div className="field">
            <label htmlFor="startOn">사업 시작일</label>
            <input id="startOn" name="startOn" type="date" value={startOn} onChange={(e) => setStartOn(e.target.value)} />
            <FieldError result={result} name="startOn" />
          </div>
          <dl className="facts" data-testid="agreement-preview">
            <dt>사업 종료일</dt>
            <dd data-testid="end-on">{period ? `${formatKoreanDate(period.endOn)} (기본 ${params.baseMonths}개월, 연장 시 최대 ${formatKoreanDate(period.maxEndOn)})` : "—"}</dd>
            <dt>견적금액</dt>
            <dd>{review ? formatKRW(review.quoteTotal) : "—"}</dd>
            <dt>원가검증금액</dt>
            <dd>{review ? formatKRW(review.verifiedAmount) : "원가적정성 검토 전"}</dd>
            <dt>협약금액 (총사업비)</dt>
            <dd data-testid="agreed-cost">{amounts ? formatKRW(amounts.agreedCost) : "—"}</dd>
            <dt>정부지원금</dt>
            <dd data-testid="subsidy">{amounts ? formatKRW(amounts.subsidy) : "—"}</dd>
            <dt>기업부담금</dt>
            <dd data-testid="company-share">{amounts ? formatKRW(amounts.companyShare) : "—"}</dd>
          </dl>
          <p>
            <button type="submit" disabled={Boolean(refusal)}>
              협약 체결
            </button>
          </p>
          <Reasons reasons={refusal} />
        </Form>
      )}
    </>
  );
}
