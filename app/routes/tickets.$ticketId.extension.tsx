// 사업기간 연장 신청: the manufacturer asks for more months during 과제수행; everyone who can read
// the ticket sees the execution window, what each request would give and the history.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getSelectProps } from "@conform-to/react";
import { z } from "zod";
import { STATE_LABELS, formatKoreanDate, formatKoreanDateShort, isTicketState, seoulDate } from "~/domain";
import { getExtensionPage, requestExtension } from "~/models/extension-request.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { FieldError, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { ExtensionHistory, ExtensionWindow } from "~/components/ticket/extension-facts";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const handle = { step: "사업기간 연장 신청" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId } = await requireTicketStep(request, params);
  const page = await getExtensionPage(actor, ticketId);
  invariantResponse(page);
  return { ...page, role: actor.role };
}

const Schema = z.object({
  version: fields.version,
  // The limit is the program's (params.maxExtensionMonths): the rules module (checkExtension, the
  // request_extension guard) refuses a larger number, with its reason.
  months: z
    .string({ error: "연장 기간을 선택해 주세요." })
    .trim()
    .regex(/^\d{1,2}$/, "연장 기간을 선택해 주세요.")
    .transform(Number)
    .pipe(z.number().int("연장은 개월 단위로 신청합니다.").min(1, "연장 기간을 선택해 주세요.")),
  reason: fields.text("연장 사유", 2000),
});

export const action = ticketStepAction({
  roles: ["manufacturer"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) =>
    requestExtension(actor, { ticketId, expectedVersion: value.version, months: value.months, reason: value.reason, today }),
  done: (_result, { value }) => `사업기간 ${value.months}개월 연장을 신청했습니다. 운영기관의 승인을 기다립니다.`,
});

export default function ExtensionPage() {
  const page = useLoaderData<typeof loader>();
  const { ticket } = page;
  const canRequest = page.role === "manufacturer" && ticket.state === "in_progress";
  const { fields: f, props } = useStepForm({ id: "extension", schema: Schema, version: ticket.version, reply: useActionData<typeof action>() });
  return (
    <>
      <ExtensionWindow page={page} />
      <section className="card" aria-labelledby="request-h">
        <h2 id="request-h" style={{ marginTop: 0 }}>
          연장 신청
        </h2>
        {page.pending ? (
          <p className="muted" data-testid="pending">
            처리 중인 연장 신청: {page.pending.months}개월 ({formatKoreanDateShort(seoulDate(new Date(page.pending.requestedAt)))} 신청
            {page.pending.newEndOn ? `, 승인 시 ${formatKoreanDate(page.pending.newEndOn)}까지` : ""})
          </p>
        ) : null}
        {canRequest ? (
          <StepForm {...props} className="" title="연장 신청">
            <div className="field">
              <label htmlFor={f.months.id}>연장 기간</label>
              <select {...getSelectProps(f.months)}>
                <option value="">선택하세요</option>
                {page.options.map((o) => (
                  <option key={o.months} value={o.months}>
                    {o.months}개월{o.newEndOn ? ` (${formatKoreanDateShort(o.newEndOn)}까지)` : ""}
                  </option>
                ))}
              </select>
              <FieldError meta={f.months} />
            </div>
            <TextareaField meta={f.reason} label="연장 사유" rows={4} />
            <button type="submit" disabled={props.pending}>
              연장 신청
            </button>
          </StepForm>
        ) : (
          <p className="muted">
            연장 신청은 도입기업이 과제수행 단계에서 할 수 있습니다 (현재:{" "}
            {isTicketState(ticket.state) ? STATE_LABELS[ticket.state] : ticket.state}).
          </p>
        )}
      </section>
      <ExtensionHistory extensions={ticket.extensions} />
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
