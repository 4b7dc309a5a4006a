// 요건검토: the monitor checks eligibility and the documents, then returns the application for
// correction or rejects it (passing is the one-click step on the ticket page). Two forms, one
// action: the hidden `intent` picks the step. 반려 cannot be undone: it sits apart, needs a reason
// and is confirmed on a step of its own (ADR 028). The company is shown as the application was
// submitted, with what changed in its profile since (ADR 018).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { z } from "zod";
import { getReviewData, rejectApplication, returnForCorrection } from "~/models/monitor-steps.server";
import { getSubmittedApplication } from "~/models/submitted-application.server";
import { CLOSING_REASONS, CLOSING_REASON_MAX } from "~/domain";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep } from "~/utils/ticket-step.server";
import { confirmFirstAction } from "~/utils/confirm-step.server";
import { ConfirmStep, QuotedReason, ReasonForm, confirmationOf } from "~/components/confirm-step";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import { ReviewFacts } from "~/components/ticket/monitor-a-review-facts";
import { SubmittedApplication } from "~/components/ticket/submitted-application";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "요건검토" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const [data, application] = await Promise.all([getReviewData(actor, ticketId, today), getSubmittedApplication(actor, ticketId, today)]);
  invariantResponse(data && application);
  return { ...data, application };
}

const ReturnSchema = z.object({ intent: z.literal("return"), version: fields.version, fixList: fields.text("보완 요청 사항", 4000) });
const RejectSchema = z.object({
  intent: z.literal("reject"),
  version: fields.version,
  reason: fields.text(CLOSING_REASONS.reject.label, CLOSING_REASON_MAX),
});
const Schema = z.discriminatedUnion("intent", [ReturnSchema, RejectSchema], UNKNOWN_INTENT);

export const action = confirmFirstAction({
  roles: ["monitor"],
  schema: Schema,
  // 반려 is confirmed first; 보완 요청 (the application comes back as a draft) is taken at once
  confirm: (value) => (value.intent === "reject" ? { intent: "reject", version: String(value.version), reason: value.reason } : null),
  run: ({ actor, ticketId, today, value }) =>
    value.intent === "return"
      ? returnForCorrection(actor, { ticketId, expectedVersion: value.version, today, fixList: value.fixList })
      : rejectApplication(actor, { ticketId, expectedVersion: value.version, today, reason: value.reason }),
  // a returned application is a draft again, which the monitor no longer sees: back to the dashboard
  done: (_result, { value }) =>
    value.intent === "return"
      ? { message: "보완을 요청했습니다. 과제가 도입기업의 작성중 단계로 돌아갔습니다.", to: "/dashboard" }
      : "반려 처리했습니다.",
});

export default function ReviewPage() {
  const { eligibility, checklist, documents, reviews, actions, version, application } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { ticketId } = useParams();
  const returnForm = useStepForm({ id: "review-return", schema: ReturnSchema, version, reply });
  const rejectForm = useStepForm({ id: "review-reject", schema: RejectSchema, version, reply });
  const rejecting = confirmationOf(reply, "review-reject");
  const returnRefusal = refusalOf(actions, "return_for_correction");
  const rejectRefusal = refusalOf(actions, "reject");
  const passRefusal = refusalOf(actions, "pass_review");
  return (
    <>
      <ReviewFacts eligibility={eligibility} checklist={checklist} documents={documents} reviews={reviews} />
      <SubmittedApplication application={application} />
      <Section title="검토 결과" id="decide-h">
        <p className="muted">
          요건검토 통과는 과제 화면의 ‘요건검토 통과’ 버튼으로 처리합니다.
          {passRefusal ? " 현재 통과할 수 없습니다:" : ""}
        </p>
        <Reasons reasons={passRefusal} />
        <StepForm {...returnForm.props} className="" title="보완 요청">
          <input type="hidden" name="intent" value="return" />
          <TextareaField meta={returnForm.fields.fixList} label="보완 요청 사항 (한 줄에 하나)" rows={5} />
          <button type="submit" disabled={Boolean(returnRefusal)}>
            보완 요청(작성중으로 되돌림)
          </button>
          <Reasons reasons={returnRefusal} />
        </StepForm>
      </Section>
      {rejecting ? (
        <ConfirmStep id="review-reject" values={rejecting} title="반려 확인" confirmLabel="반려 확정" cancelTo={`/tickets/${ticketId}/review`}>
          <ul>
            <li>신청이 반려로 종결됩니다. 되돌릴 수 없습니다 (고쳐서 다시 낼 수 있게 하려면 반려 대신 보완 요청을 하세요).</li>
            <li>도입기업과 공급기업에 알림이 가고, 도입기업은 과제 화면에서 아래 반려 사유를 봅니다.</li>
            <li>접수 기간 중이면 도입기업은 사유를 해결한 뒤 새로 신청할 수 있습니다 (예산 소진 시까지 수시 접수).</li>
          </ul>
          <QuotedReason label={CLOSING_REASONS.reject.label} reason={rejecting.reason ?? ""} />
        </ConfirmStep>
      ) : null}
      <ReasonForm
        name="reject"
        title="반려"
        hidden={Boolean(rejecting)}
        form={rejectForm.props}
        reason={rejectForm.fields.reason}
        label="반려 사유"
        hint={`도입기업에 그대로 보입니다. ${CLOSING_REASON_MAX.toLocaleString("ko-KR")}자 이내.`}
        submitLabel="반려 내용 확인"
        refusal={rejectRefusal}
      >
        <input type="hidden" name="intent" value="reject" />
      </ReasonForm>
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
