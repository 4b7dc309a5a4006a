// 신청철회: the manufacturer withdraws its application — a step that cannot be undone, so it has this
// confirmation page of its own (ADR 028): what happens, what it means by the program's rules, an
// optional reason, the confirm button and a way back. A plain form: it works without JavaScript.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CLOSING_REASONS, CLOSING_REASON_MAX } from "~/domain";
import { getWithdrawData, withdrawApplication } from "~/models/closing.server";
import { fields } from "~/utils/fields";
import { CONFIRMED_FIELD } from "~/utils/confirm-reply";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Reasons } from "~/components/monitor/step";
import makerStyles from "~/styles/maker.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: makerStyles }];
export const handle = { step: "신청철회" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["manufacturer"] });
  const data = await getWithdrawData(actor, ticketId, today);
  invariantResponse(data);
  return { ticketId, ...data };
}

const Schema = z.object({
  version: fields.version,
  // posted by this page's own form only: a withdrawal is never one stray post away (ADR 028)
  [CONFIRMED_FIELD]: z.literal("yes", { error: "신청철회 확인 화면에서 철회해 주세요." }),
  reason: fields.optionalText(CLOSING_REASONS.withdraw.label, CLOSING_REASON_MAX),
});

export const action = ticketStepAction({
  roles: ["manufacturer"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) =>
    withdrawApplication(actor, { ticketId, expectedVersion: value.version, today, reason: value.reason }),
  done: (_result, { ticketId }) => ({ message: "신청을 철회했습니다.", to: `/tickets/${ticketId}` }),
});

export default function WithdrawPage() {
  const { ticketId, state, version, holdsPlace, refusal, next } = useLoaderData<typeof loader>();
  const { fields: f, props } = useStepForm({ id: "withdraw", schema: Schema, version, reply: useActionData<typeof action>() });
  if (state === "withdrawn") {
    return (
      <p className="card">
        이미 철회한 신청입니다. <Link to={`/tickets/${ticketId}`}>과제 화면으로</Link>
      </p>
    );
  }
  return (
    <section className="card danger-zone" aria-labelledby="withdraw-h" data-testid="withdraw-confirm">
      <h2 id="withdraw-h" style={{ marginTop: 0 }}>
        신청을 철회하시겠습니까?
      </h2>
      <ul data-testid="withdraw-consequences">
        <li>신청이 철회되어 과제가 종결됩니다. 철회는 되돌릴 수 없습니다.</li>
        <li>운영기관의 검토와 공급기업의 견적·수행계획서 작업이 모두 멈추고, 두 기관에 철회 사실이 알려집니다.</li>
        {holdsPlace ? (
          <li>지원대상으로 선정된 과제입니다. 철회하면 선정이 포기되고, 배정된 지원 규모와 정부지원금이 다른 기업에 돌아갑니다.</li>
        ) : null}
        <li>
          {next.message} <span className="muted">({next.clause})</span>
        </li>
      </ul>
      {refusal ? (
        <>
          <p className="form-error">지금은 신청을 철회할 수 없습니다:</p>
          <Reasons reasons={refusal} />
          <Link className="button secondary" to={`/tickets/${ticketId}`}>
            과제 화면으로
          </Link>
        </>
      ) : (
        <StepForm {...props} className="" title="신청철회">
          <input type="hidden" name={CONFIRMED_FIELD} value="yes" />
          <TextareaField meta={f.reason} label="철회 사유 (선택)" hint="운영기관과 공급기업이 과제 이력에서 봅니다." rows={3} />
          <div className="button-row">
            <button type="submit" className="danger">
              신청철회 확정
            </button>
            <Link className="button secondary" to={`/tickets/${ticketId}`}>
              취소
            </Link>
          </div>
        </StepForm>
      )}
    </section>
  );
}

export const ErrorBoundary = StepErrorBoundary;
