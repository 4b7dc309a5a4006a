// 선정취소: the monitor cancels a selected ticket — a step that cannot be undone, so it needs a reason
// (typically a plan that never came: the reason is then filled in) and is confirmed on a step of its
// own that says what follows (ADR 028). Both steps are plain posts: it works without JavaScript.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { z } from "zod";
import { CLOSING_REASONS, CLOSING_REASON_MAX, dDay, deadlineOf, formatKoreanDate } from "~/domain";
import { cancelTicket } from "~/models/monitor-steps.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep } from "~/utils/ticket-step.server";
import { confirmFirstAction } from "~/utils/confirm-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { useStepForm } from "~/components/step-form";
import { ConfirmStep, QuotedReason, ReasonForm, confirmationOf } from "~/components/confirm-step";
import { refusalOf } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "선정취소" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const assessment = await getTicketAssessment(actor, ticketId, today);
  invariantResponse(assessment);
  const { state, planDueOn, cancelReason, version, agreement } = assessment.facts;
  // the plan that never came: the running deadline is the plan's, and it has passed
  const deadline = deadlineOf(assessment.facts);
  const planOverdue = deadline?.field === "planDueOn" ? dDay(deadline.on, today) : null;
  return {
    state,
    planDueOn,
    cancelReason,
    version,
    agreed: agreement !== null,
    actions: assessment.actions,
    planOverdue: planOverdue?.overdue ? planOverdue : null,
  };
}

const Schema = z.object({ version: fields.version, reason: fields.text(CLOSING_REASONS.cancel.label, CLOSING_REASON_MAX) });

export const action = confirmFirstAction({
  roles: ["monitor"],
  schema: Schema,
  confirm: (value) => ({ version: String(value.version), reason: value.reason }),
  run: ({ actor, ticketId, today, value }) => cancelTicket(actor, { ticketId, expectedVersion: value.version, today, reason: value.reason }),
  done: "선정을 취소했습니다.",
});

export default function CancelPage() {
  const { state, planDueOn, cancelReason, version, agreed, actions, planOverdue } = useLoaderData<typeof loader>();
  const { ticketId } = useParams();
  const reply = useActionData<typeof action>();
  const { fields: f, props } = useStepForm({
    id: "cancel",
    schema: Schema,
    version,
    reply,
    defaultValue: { reason: planOverdue ? "수행계획서 제출기한 내 미제출" : "" },
  });
  const cancelling = confirmationOf(reply, "cancel");
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
        <>
          {cancelling ? (
            <ConfirmStep
              id="cancel"
              values={cancelling}
              title="선정취소 확인"
              confirmLabel="선정취소 확정"
              cancelTo={`/tickets/${ticketId}/cancel`}
            >
              <ul>
                <li>선정이 취소되어 과제가 종결됩니다. 되돌릴 수 없습니다.</li>
                <li>이 과제가 차지하던 지원 규모(1개사)와 배정된 정부지원금이 풀려 다른 과제에 배정할 수 있게 됩니다.</li>
                {agreed ? (
                  <li>협약이 체결된 과제입니다. 협약 해약과 이미 지급된 사업비의 처리는 관련 규정(세부관리기준)에 따라 따로 진행하세요.</li>
                ) : null}
                <li>도입기업과 공급기업에 알림이 가고, 두 기관은 과제 화면에서 아래 선정취소 사유를 봅니다.</li>
              </ul>
              <QuotedReason label={CLOSING_REASONS.cancel.label} reason={cancelling.reason ?? ""} />
            </ConfirmStep>
          ) : null}
          <ReasonForm
            name="cancel"
            title="선정취소"
            hidden={Boolean(cancelling)}
            form={props}
            reason={f.reason}
            label="선정취소 사유"
            hint={`도입기업과 공급기업에 그대로 보입니다. ${CLOSING_REASON_MAX.toLocaleString("ko-KR")}자 이내.`}
            submitLabel="선정취소 내용 확인"
            refusal={refusal}
          />
        </>
      )}
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
