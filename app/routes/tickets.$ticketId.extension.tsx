// 사업기간 연장 (the period change of 사업변경): either company proposes more months during 과제수행,
// the OTHER company confirms (then the TP decides) or declines with its reason. Everyone who can read
// the ticket sees the execution window, what each request would give and the history.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { getSelectProps } from "@conform-to/react";
import { z } from "zod";
import {
  ROLE_LABELS,
  STATE_LABELS,
  confirmRefusal,
  counterpartOf,
  formatKoreanDate,
  formatKoreanDateShort,
  isCompanyRole,
  isTicketState,
  seoulDate,
} from "~/domain";
import { confirmExtension, declineExtension, getExtensionPage, requestExtension } from "~/models/extension-request.server";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { FieldError, StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { ConfirmSchema, CounterpartForms, DeclineSchema } from "~/components/ticket/counterpart-forms";
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

const RequestSchema = z.object({
  intent: z.literal("request"),
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
const Schema = z.discriminatedUnion("intent", [RequestSchema, ConfirmSchema, DeclineSchema], UNKNOWN_INTENT);

export const action = ticketStepAction({
  roles: ["manufacturer", "supplier"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) => {
    const base = { ticketId, expectedVersion: value.version, today };
    switch (value.intent) {
      case "request":
        return requestExtension(actor, { ...base, months: value.months, reason: value.reason });
      case "confirm":
        return confirmExtension(actor, base);
      case "decline":
        return declineExtension(actor, { ...base, note: value.note });
    }
  },
  done: (_result, { actor, value }) => {
    if (value.intent === "confirm") return "연장 제안을 확인했습니다. 운영기관의 승인을 기다립니다.";
    if (value.intent === "decline") return "연장 제안에 동의하지 않았습니다.";
    const other = isCompanyRole(actor.role) ? ROLE_LABELS[counterpartOf(actor.role)] : "상대 기업";
    return `사업기간 ${value.months}개월 연장을 신청했습니다. ${other}의 확인을 기다립니다.`;
  },
});

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Reply = ReturnType<typeof useActionData<typeof action>>;

export default function ExtensionPage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { ticket, pending } = page;
  const company = isCompanyRole(page.role);
  const canRequest = company && ticket.state === "in_progress";
  // only the OTHER company confirms or declines a proposal (the rules' own reason otherwise)
  const confirmable = pending?.status === "proposed" && company && confirmRefusal(pending.requestedByRole, page.role) === null;
  return (
    <>
      <ExtensionWindow page={page} />
      <section className="card" aria-labelledby="request-h">
        <h2 id="request-h" style={{ marginTop: 0 }}>
          연장 신청
        </h2>
        {pending ? <PendingLine pending={pending} role={page.role} /> : null}
        {confirmable ? <CounterpartForms key={pending.id} id="extension" what="연장 제안" version={ticket.version} reply={reply} /> : null}
        {canRequest ? (
          <RequestForm page={page} reply={reply} />
        ) : (
          <p className="muted">
            연장 신청은 도입기업 또는 공급기업이 과제수행 단계에서 할 수 있습니다 (현재:{" "}
            {isTicketState(ticket.state) ? STATE_LABELS[ticket.state] : ticket.state}).
          </p>
        )}
      </section>
      <ExtensionHistory extensions={ticket.extensions} />
    </>
  );
}

function PendingLine({ pending, role }: { pending: NonNullable<Page["pending"]>; role: string }) {
  const by = isCompanyRole(pending.requestedByRole) ? pending.requestedByRole : null;
  const waiting =
    pending.status === "proposed" && by
      ? by === role
        ? `${ROLE_LABELS[counterpartOf(by)]}의 확인을 기다립니다`
        : "확인하거나 동의하지 않을 수 있습니다"
      : "운영기관의 승인을 기다립니다";
  return (
    <p className="muted" data-testid="pending">
      처리 중인 연장 신청: {pending.months}개월 ({by ? `${ROLE_LABELS[by]} 제안, ` : ""}
      {formatKoreanDateShort(seoulDate(new Date(pending.requestedAt)))} 신청
      {pending.newEndOn ? `, 승인 시 ${formatKoreanDate(pending.newEndOn)}까지` : ""}) · {waiting}
      <br />
      사유: {pending.reason}
    </p>
  );
}

function RequestForm({ page, reply }: { page: Page; reply: Reply }) {
  const { fields: f, props } = useStepForm({ id: "extension", schema: RequestSchema, version: page.ticket.version, reply });
  return (
    <StepForm {...props} className="" title="연장 신청">
      <input type="hidden" name={f.intent.name} value="request" />
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
  );
}

export const ErrorBoundary = StepErrorBoundary;
