// 요건검토: the monitor checks eligibility and the documents, then returns the application for
// correction or rejects it (passing is the one-click step on the ticket page). Two forms, one
// action: the hidden `intent` picks the step. The company is shown as the application was
// submitted, with what changed in its profile since (ADR 018).
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { getReviewData, rejectApplication, returnForCorrection } from "~/models/monitor-steps.server";
import { getSubmittedApplication } from "~/models/submitted-application.server";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
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
const RejectSchema = z.object({ intent: z.literal("reject"), version: fields.version, reason: fields.text("반려 사유", 2000) });
const Schema = z.discriminatedUnion("intent", [ReturnSchema, RejectSchema], UNKNOWN_INTENT);

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
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
  const returnForm = useStepForm({ id: "review-return", schema: ReturnSchema, version, reply });
  const rejectForm = useStepForm({ id: "review-reject", schema: RejectSchema, version, reply });
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
        <div className="grid-2">
          <StepForm {...returnForm.props} className="" title="보완 요청">
            <input type="hidden" name="intent" value="return" />
            <TextareaField meta={returnForm.fields.fixList} label="보완 요청 사항 (한 줄에 하나)" rows={5} />
            <button type="submit" disabled={Boolean(returnRefusal)}>
              보완 요청(작성중으로 되돌림)
            </button>
            <Reasons reasons={returnRefusal} />
          </StepForm>
          <StepForm {...rejectForm.props} className="" title="반려">
            <input type="hidden" name="intent" value="reject" />
            <TextareaField meta={rejectForm.fields.reason} label="반려 사유" rows={5} />
            <button type="submit" className="secondary" disabled={Boolean(rejectRefusal)}>
              반려
            </button>
            <Reasons reasons={rejectRefusal} />
          </StepForm>
        </div>
      </Section>
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
