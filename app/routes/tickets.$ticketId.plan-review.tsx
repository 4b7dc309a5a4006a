import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PLAN_REVIEW_STATUS_LABELS, formatKRW, formatKoreanDate, formatKoreanDateShort, seoulDate } from "~/domain";
import { acceptPlan, getPlanReviewData, requestPlanChange } from "~/models/monitor-steps.server";
import { getTicketAssessment } from "~/models/ticket.server";
import { done, notFound, stepPage, stepRequest } from "~/utils/monitor-route.server";
import { badRequest, failureResponse, fields, parseForm, readForm } from "~/utils/forms.server";
import { FieldError, Reasons, Section, StepHeading, StepMessage, refusalOf, typed, type StepResult, useStepResult } from "~/components/monitor/step";
import monitorCss from "~/styles/monitor.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: monitorCss }];
export const meta: MetaFunction = () => [{ title: "수행계획서 검토 · 스마트공장 AS 트래커" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, header, today } = await stepPage(request, params);
  const [data, assessment] = await Promise.all([getPlanReviewData(actor, header.id), getTicketAssessment(actor, header.id, today)]);
  if (!data || !assessment) notFound();
  return { ticket: header, today, ...data, actions: assessment.actions };
}

const Schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), version: fields.version }),
  z.object({ intent: z.literal("change"), version: fields.version, note: fields.text("보완 요청 내용", 2000) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, ticketId, today } = await stepRequest(request, params);
  const form = await readForm(request);
  const parsed = parseForm(Schema, form);
  if (!parsed.success) return badRequest(parsed.failure);
  try {
    if (parsed.data.intent === "accept") {
      await acceptPlan(actor, { ticketId, expectedVersion: parsed.data.version, today });
      return done(request, "plan_accepted");
    }
    await requestPlanChange(actor, { ticketId, expectedVersion: parsed.data.version, today, note: parsed.data.note });
    return done(request, "plan_change");
  } catch (error) {
    return failureResponse(error, form);
  }
}

export default function PlanReviewPage() {
  const { ticket, today, plan, quote, costReview, actions } = useLoaderData<typeof loader>();
  const result = useStepResult(useActionData<typeof action>());
  const acceptRefusal = refusalOf(actions, "accept_plan");
  const changeRefusal = refusalOf(actions, "request_plan_change");
  return (
    <>
      <StepHeading ticket={ticket} title="수행계획서 검토" today={today} />
      <StepMessage result={result} />
      <div className="grid-2">
        <Section title={plan ? `수행계획서 (제${plan.version}판${plan.isRevision ? ", 수정" : ""})` : "수행계획서"} id="plan-h">
          {plan ? (
            <>
              <dl className="facts" data-testid="plan">
                <dt>제출일</dt>
                <dd>
                  {formatKoreanDate(seoulDate(new Date(plan.submittedAt)))}
                  {plan.late ? <span className="badge overdue"> 기한 경과 제출</span> : null}
                </dd>
                <dt>제출기한</dt>
                <dd>{formatKoreanDate(plan.dueOn)}</dd>
                <dt>수행 범위</dt>
                <dd style={{ whiteSpace: "pre-wrap" }}>{plan.scope}</dd>
                <dt>투입 인력</dt>
                <dd style={{ whiteSpace: "pre-wrap" }}>{plan.staff}</dd>
                <dt>검토 상태</dt>
                <dd>
                  {plan.reviewStatus === "accepted"
                    ? PLAN_REVIEW_STATUS_LABELS.accepted
                    : plan.reviewStatus === "changes_requested"
                      ? `${PLAN_REVIEW_STATUS_LABELS.changes_requested}됨: ${plan.reviewNote ?? ""}`
                      : PLAN_REVIEW_STATUS_LABELS.pending}
                </dd>
              </dl>
              <h3>추진 일정</h3>
              <ul>
                {plan.milestones.map((m) => (
                  <li key={m.id}>
                    {formatKoreanDateShort(m.dueOn)} · {m.title} ({m.deliverable})
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">제출된 수행계획서가 없습니다.</p>
          )}
        </Section>
        <Section title="견적" id="quote-h">
          {quote ? (
            <>
              <p>
                제{quote.version}판 · 견적금액 <strong>{formatKRW(quote.total)}</strong>
              </p>
              <ul>
                {quote.lines.map((l) => (
                  <li key={l.id}>
                    {l.description} · {l.quantity} × {formatKRW(l.unitPrice)} = {formatKRW(l.amount)}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="muted">견적이 없습니다.</p>
          )}
          {costReview?.planChangeRequired && costReview.revisionDueOn ? (
            <p>원가적정성 검토 결과 수행계획서 변경이 필요합니다 (제출기한 {formatKoreanDate(costReview.revisionDueOn)}).</p>
          ) : null}
        </Section>
      </div>
      <Section title="검토 결과" id="decide-h">
        <div className="grid-2">
          <Form method="post">
            <input type="hidden" name="intent" value="accept" />
            <input type="hidden" name="version" value={ticket.version} />
            <button type="submit" disabled={Boolean(acceptRefusal)}>
              검토 완료(원가적정성 검토 의뢰)
            </button>
            <Reasons reasons={acceptRefusal} />
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="change" />
            <input type="hidden" name="version" value={ticket.version} />
            <div className="field">
              <label htmlFor="note">보완 요청 내용</label>
              <textarea id="note" name="note" rows={4} defaultValue={typed(result, "note")} />
              <FieldError result={result} name="note" />
            </div>
            <button type="submit" className="secondary" disabled={Boolean(changeRefusal)}>
              수행계획서 보완 요청
            </button>
            <Reasons reasons={changeRefusal} />
          </Form>
        </div>
      </Section>
    </>
  );
}
