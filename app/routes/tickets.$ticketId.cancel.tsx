// 선정취소: the monitor cancels a selected ticket with a reason (typically a plan that never
// came: the reason is then filled in).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { dDay, deadlineOf, formatKoreanDate } from "~/domain";
import { cancelTicket } from "~/models/monitor-steps.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Reasons, refusalOf } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "선정취소" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const assessment = await getTicketAssessment(actor, ticketId, today);
  invariantResponse(assessment);
  const { state, planDueOn, cancelReason, version } = assessment.facts;
  // the plan that never came: the running deadline is the plan's, and it has passed
  const deadline = deadlineOf(assessment.facts);
  const planOverdue = deadline?.field === "planDueOn" ? dDay(deadline.on, today) : null;
  return { state, planDueOn, cancelReason, version, actions: assessment.actions, planOverdue: planOverdue?.overdue ? planOverdue : null };
}

const Schema = z.object({ version: fields.version, reason: fields.text("취소 사유", 2000) });

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) => cancelTicket(actor, { ticketId, expectedVersion: value.version, today, reason: value.reason }),
  done: "선정을 취소했습니다.",
});

export default function CancelPage() {
  const { state, planDueOn, cancelReason, version, actions, planOverdue } = useLoaderData<typeof loader>();
  const { fields: f, props } = useStepForm({
    id: "cancel",
    schema: Schema,
    version,
    reply: useActionData<typeof action>(),
    defaultValue: { reason: planOverdue ? "수행계획서 제출기한 내 미제출" : "" },
  });
  const refusal = refusalOf(actions, "cancel");
  return (
    <>
      {planOverdue && planDueOn ? (
        <p className="form-error" data-testid="plan-overdue">
          수행계획서 제출기한({formatKoreanDate(planDueOn)})이 지났습니다 ({planOverdue.label}). 공급기업이 수행계획서를 제출하지 않았습니다.
        </p>
      ) : null}
      {state === "cancelled" ? (
        <p className="card">선정이 취소된 과제입니다. 사유: {cancelReason}</p>
      ) : (
        <StepForm {...props}>
          <TextareaField meta={f.reason} label="취소 사유" rows={4} />
          <button type="submit" disabled={Boolean(refusal)}>
            선정취소
          </button>
          <Reasons reasons={refusal} />
        </StepForm>
      )}
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
