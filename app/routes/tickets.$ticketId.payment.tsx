// 사업비 지급: after the agreement the monitor records the payment of the subsidy.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatKRW, formatKoreanDate } from "~/domain";
import { getPaymentData, recordPayment } from "~/models/monitor-steps.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { Field, MoneyField, StepForm, moneyDefault, useStepForm } from "~/components/step-form";
import { AmountsFacts, Reasons, Section, refusalOf } from "~/components/monitor/step";
import { useTicketState } from "~/components/ticket/use-ticket-header";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "사업비 지급" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const [data, assessment] = await Promise.all([getPaymentData(actor, ticketId), getTicketAssessment(actor, ticketId, today)]);
  invariantResponse(data && assessment);
  return { today, ...data, actions: assessment.actions };
}

const Schema = z.object({
  version: fields.version,
  amount: fields.money("지급액"),
  paidOn: fields.isoDate("지급일"),
  note: fields.optionalText("비고", 500),
});

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) =>
    recordPayment(actor, { ticketId, expectedVersion: value.version, today, amount: value.amount, paidOn: value.paidOn, note: value.note }),
  done: "사업비 지급을 기록했습니다.",
});

export default function PaymentPage() {
  const { today, agreement, payments, actions, version } = useLoaderData<typeof loader>();
  const state = useTicketState();
  // a refused save stays on screen (with what was typed and why) even when the step has moved on
  const refused = useActionData<typeof action>()?.form === "payment";
  return (
    <div className="grid-2">
      <Section title="협약 내용" id="agr-h">
        {agreement ? (
          <dl className="facts">
            <AmountsFacts amounts={agreement} />
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
      {state === "agreed" || refused ? (
        <PaymentForm today={today} subsidy={agreement?.subsidy ?? null} version={version} refusal={refusalOf(actions, "record_payment")} />
      ) : null}
    </div>
  );
}

/** Mounted only while a payment can be recorded, so its version is pinned when it appears. */
function PaymentForm({
  today,
  subsidy,
  version,
  refusal,
}: {
  today: string;
  subsidy: number | null;
  version: number;
  refusal: string[] | null;
}) {
  const { fields: f, props } = useStepForm({
    id: "payment",
    schema: Schema,
    version,
    reply: useActionData<typeof action>(),
    defaultValue: { amount: moneyDefault(subsidy), paidOn: today, note: "정부지원금 지급" },
  });
  return (
    <StepForm {...props}>
      <h2 style={{ marginTop: 0 }}>지급 기록</h2>
      <MoneyField meta={f.amount} label="지급액 (원)" hint={subsidy !== null ? `정부지원금 ${formatKRW(subsidy)}` : undefined} />
      <Field meta={f.paidOn} label="지급일" type="date" />
      <Field meta={f.note} label="비고" />
      <button type="submit" disabled={Boolean(refusal)}>
        지급 기록
      </button>
      <Reasons reasons={refusal} />
    </StepForm>
  );
}

export const ErrorBoundary = StepErrorBoundary;
