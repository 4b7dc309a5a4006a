// 협약체결: the monitor signs the agreement from the cost review's amounts; the start date sets
// the execution window.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { executionWindow, formatKRW, formatKoreanDate, isIsoDate } from "~/domain";
import { getAgreementData, signAgreement } from "~/models/monitor-steps.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, StepForm, useStepForm } from "~/components/step-form";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "협약" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const data = await getAgreementData(actor, ticketId, today);
  invariantResponse(data);
  return { today, ...data };
}

const Schema = z.object({ version: fields.version, startOn: fields.isoDate("사업 시작일") });

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) => signAgreement(actor, { ticketId, expectedVersion: value.version, today, startOn: value.startOn }),
  done: "협약을 체결했습니다.",
});

export default function AgreementPage() {
  const { today, params, review, agreement, amounts, actions, version } = useLoaderData<typeof loader>();
  const refusal = refusalOf(actions, "sign_agreement");
  const { fields: f, props } = useStepForm({
    id: "agreement",
    schema: Schema,
    version,
    reply: useActionData<typeof action>(),
    defaultValue: { startOn: today },
  });
  const startOn = f.startOn.value;
  const period = typeof startOn === "string" && isIsoDate(startOn) ? executionWindow(startOn, 0, params) : null;
  if (agreement) {
    return (
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
    );
  }
  return (
    <StepForm {...props}>
      <h2 style={{ marginTop: 0 }}>협약 체결</h2>
      <Field meta={f.startOn} label="사업 시작일" type="date" />
      <dl className="facts" data-testid="agreement-preview" aria-live="polite">
        <dt>사업 종료일</dt>
        <dd data-testid="end-on">
          {period ? `${formatKoreanDate(period.endOn)} (기본 ${params.baseMonths}개월, 연장 시 최대 ${formatKoreanDate(period.maxEndOn)})` : "—"}
        </dd>
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
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
