// 수행계획서 검토: the monitor accepts the execution plan (and asks for the cost review) or asks
// the supplier for changes. Two forms, one action: the hidden `intent` picks the step. The plan form and
// the signed quote attached by the supplier (issue 17) are linked beside the plan.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { acceptPlan, getPlanReviewData, requestPlanChange } from "~/models/monitor-steps.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { latestPlanFiles } from "~/models/plan.server";
import { AttachedFileLink } from "~/components/ticket/attached-file";
import { UNKNOWN_INTENT, fields } from "~/utils/fields";
import { invariantResponse, requireTicketStep, ticketStepAction } from "~/utils/ticket-step.server";
import { StepErrorBoundary } from "~/components/error-boundary";
import { StepForm, TextareaField, useStepForm } from "~/components/step-form";
import { Reasons, Section, refusalOf } from "~/components/monitor/step";
import { PlanFacts } from "~/components/ticket/monitor-a-plan-facts";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const handle = { step: "수행계획서 검토" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ticketId, today } = await requireTicketStep(request, params, { roles: ["monitor"] });
  const [data, assessment, files] = await Promise.all([
    getPlanReviewData(actor, ticketId),
    getTicketAssessment(actor, ticketId, today),
    latestPlanFiles(actor, ticketId),
  ]);
  invariantResponse(data && assessment && files);
  return { ...data, files, actions: assessment.actions };
}

const AcceptSchema = z.object({ intent: z.literal("accept"), version: fields.version });
const ChangeSchema = z.object({ intent: z.literal("change"), version: fields.version, note: fields.text("보완 요청 내용", 2000) });
const Schema = z.discriminatedUnion("intent", [AcceptSchema, ChangeSchema], UNKNOWN_INTENT);

export const action = ticketStepAction({
  roles: ["monitor"],
  schema: Schema,
  run: ({ actor, ticketId, today, value }) =>
    value.intent === "accept"
      ? acceptPlan(actor, { ticketId, expectedVersion: value.version, today })
      : requestPlanChange(actor, { ticketId, expectedVersion: value.version, today, note: value.note }),
  done: (_result, { value }) =>
    value.intent === "accept" ? "수행계획서 검토를 마치고 원가적정성 검토를 의뢰했습니다." : "수행계획서 보완을 요청했습니다.",
});

export default function PlanReviewPage() {
  const { plan, quote, costReview, actions, version, files } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const acceptForm = useStepForm({ id: "plan-accept", schema: AcceptSchema, version, reply });
  const changeForm = useStepForm({ id: "plan-change", schema: ChangeSchema, version, reply });
  const acceptRefusal = refusalOf(actions, "accept_plan");
  const changeRefusal = refusalOf(actions, "request_plan_change");
  return (
    <>
      <PlanFacts plan={plan} quote={quote} costReview={costReview} />
      <Section title="첨부 서류" id="plan-files-h">
        <dl className="facts">
          <dt>수행계획서 양식</dt>
          <dd>{files.planForm ? <AttachedFileLink file={files.planForm} testId="review-plan-form" /> : "첨부 없음"}</dd>
          <dt>서명·날인된 견적서</dt>
          <dd>{files.signedQuote ? <AttachedFileLink file={files.signedQuote} testId="review-signed-quote" /> : "첨부 없음"}</dd>
        </dl>
      </Section>
      <Section title="검토 결과" id="decide-h">
        <div className="grid-2">
          <StepForm {...acceptForm.props} className="" title="검토 완료">
            <input type="hidden" name="intent" value="accept" />
            <button type="submit" disabled={Boolean(acceptRefusal)}>
              검토 완료(원가적정성 검토 의뢰)
            </button>
            <Reasons reasons={acceptRefusal} />
          </StepForm>
          <StepForm {...changeForm.props} className="" title="보완 요청">
            <input type="hidden" name="intent" value="change" />
            <TextareaField meta={changeForm.fields.note} label="보완 요청 내용" rows={4} />
            <button type="submit" className="secondary" disabled={Boolean(changeRefusal)}>
              수행계획서 보완 요청
            </button>
            <Reasons reasons={changeRefusal} />
          </StepForm>
        </div>
      </Section>
    </>
  );
}

export const ErrorBoundary = StepErrorBoundary;
